//! `cargo xtask lint`: the habits CI keeps, before any test runs.
//!
//! - `cargo fmt --check` against `rustfmt.toml` (format-on-save then rewrites nothing);
//! - `cargo clippy -D warnings` natively for every crate and target, and for wasm32 for the
//!   web app and the analyser (code behind `cfg(target_arch = "wasm32")` is linted too);
//! - the workspace lints of `Cargo.toml` (`missing_docs`, `unsafe_code`, `clippy::unwrap_used`
//!   outside tests) are part of those clippy runs, so an undocumented public item fails.

use crate::install::{self, WASM_TARGET};
use crate::{cargo, root, run, Result};

/// Runs every check; the first failure stops.
pub fn task(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(crate::err!("usage: cargo xtask lint"));
    }
    for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if crate::probe(cargo().args([probe, "--version"])).is_none() {
            run(std::process::Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    run(cargo().args(["fmt", "--all", "--check"]).current_dir(root()))?;
    run(cargo()
        .args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])
        .current_dir(root()))?;
    install::wasm_target()?;
    run(cargo()
        .args([
            "clippy",
            "--target",
            WASM_TARGET,
            "-p",
            "fazhi-lens-web",
            "-p",
            "fazhi-lens",
            // The app's PDF module, a .wasm of its own (crates/pdf-web).
            "-p",
            "fazhi-pdf-web",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(root()))
}
