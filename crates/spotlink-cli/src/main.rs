//! The `spotlink` binary: everything is in the library (`lib.rs`).

fn main() -> std::process::ExitCode {
    spotlink_cli::main()
}
