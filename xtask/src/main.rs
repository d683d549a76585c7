//! Project tasks, in Rust so they run the same wherever cargo does:
//!
//! ```text
//! cargo xtask test [--update-screenshot]   every test: lints, core tests, score.py, real-browser tests (CI runs this)
//! cargo xtask lint                         rustfmt --check, clippy -D warnings (native and wasm32), missing docs
//! cargo xtask serve [--port N] [--base /sub/path/] [--no-build]
//!                                          install what is missing, build the web app (release), serve it
//! cargo xtask build                        install what is missing, build the web app into dist/, print sizes
//! cargo xtask pdfs                        the PDF score bar alone: the seeds as PDFs score like their text
//! cargo xtask fuzz [--secs N] [TARGET...]  run the cargo-fuzz targets N seconds each (default 60)
//! cargo xtask dist                         build dist/ and the single-file app target/fazhi-lens.html
//! cargo xtask bench [--runs N]             the in-browser benchmark (release build, headless Chromium)
//! ```
//!
//! Every install step checks first and does nothing (quietly) when its tool is already there, so
//! a second run goes straight to the work. See `install` for what gets installed and from where.

mod bench;
mod build;
mod csp;
mod dist;
mod files;
mod fuzz;
mod install;
mod lint;
mod pdf;
mod pdfs;
mod serve;
mod test;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A task failed; the message says what and, when it can, what to do about it.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e.to_string())
    }
}

/// Builds an [`Error`] from a format string.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::Error(format!($($arg)*)) };
}

/// What every task returns.
pub type Result<T = ()> = std::result::Result<T, Error>;

/// The workspace root (the `fazhi-lens` crate), whatever the current directory is.
pub fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// The cargo that runs us (so `cargo +toolchain xtask` keeps its toolchain).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Cargo's target directory for native builds.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("target"),
    }
}

/// Runs a command that does real work, echoing it first, and fails unless it succeeds.
pub fn run(cmd: &mut Command) -> Result {
    eprintln!("xtask: $ {}", show(cmd));
    run_quiet(cmd)
}

/// Like [`run`], without the echo.
pub fn run_quiet(cmd: &mut Command) -> Result {
    let status = cmd.status().map_err(|e| err!("cannot start `{}`: {e}", show(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(err!("`{}` failed ({status})", show(cmd)))
    }
}

/// Runs a probe (`tool --version` and the like): its trimmed standard output if it ran and
/// succeeded, `None` otherwise.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(std::process::Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

const USAGE: &str = "usage: cargo xtask test [--update-screenshot]
       cargo xtask lint
       cargo xtask pdfs
       cargo xtask serve [--port N] [--base /sub/path/] [--no-build]
       cargo xtask build
       cargo xtask dist
       cargo xtask bench [--runs N]
       cargo xtask fuzz [--secs N] [decode|analyze]...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("fuzz") => fuzz::task(&args[1..]),
        Some("test") => test::task(&args[1..]),
        Some("lint") => lint::task(&args[1..]),
        Some("pdfs") if args.len() == 1 => test::pdf_bar(),
        Some("serve") => serve::task(&args[1..]),
        Some("dist") if args.len() == 1 => install::web_tools()
            .and_then(|tools| build::release(&tools))
            .and_then(|dist| dist::single_file(&dist).map(drop)),
        Some("bench") => bench::task(&args[1..]),
        Some("build") if args.len() == 1 => install::web_tools().and_then(|tools| build::release(&tools).map(drop)),
        _ => Err(err!("{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
