//! The command line as a user meets it: each `tests/cmd/*.toml` names the arguments, the exit
//! code and (beside it, `*.stdout` / `*.stderr`) the exact output. `TRYCMD=overwrite cargo test
//! --test cli_cases` rewrites the expectations after an intended change; review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "changegate",
            std::path::Path::new(env!("CARGO_BIN_EXE_changegate")),
        )
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
