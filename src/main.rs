//! The `changegate` binary: everything lives in the library (`changegate::cli`).

fn main() -> std::process::ExitCode {
    changegate::cli::main()
}
