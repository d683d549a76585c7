//! Project tasks, in Rust so they run the same on Windows and Linux:
//!
//! ```text
//! cargo xtask test     run every test (the command CI runs)
//! cargo xtask serve    install what is missing, build the web app, serve it on 127.0.0.1:8080
//! ```

use std::process::{Command, ExitCode};

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed with {status}")) }
}

fn test() -> Result<(), String> {
    run(cargo().args(["test", "--workspace", "--release"]))
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "test" => test(),
        "serve" => Err("the web app is coming (issue 3); for now use `cargo run --release -- analyze FILE`".into()),
        _ => Err("usage: cargo xtask <test|serve>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
