#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    changegate::fuzzing::config(changegate::syntax::Language::Json, data)
});
