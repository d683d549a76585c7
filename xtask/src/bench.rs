//! `cargo xtask bench`: the in-browser benchmark (issue 5) on the release build.
//!
//! Builds `dist/` (or reuses it), serves it on a free localhost port and runs
//! `tests/browser/perf.test.mjs` in headless Chromium, which prints first-load time, the core's
//! time for a ~15 KB report, paste → rendered report, the long tasks during a 2 MB paste and the
//! frame times of the scrolling figures table. `cargo xtask test` runs the same file with the
//! other browser suites; this runs only it, with more repetitions.

use std::process::Command;

use crate::install::{self, node_dir};
use crate::{build, err, root, run, serve, Result};

/// `cargo xtask bench [--runs N]`.
pub fn task(args: &[String]) -> Result {
    let runs = match args {
        [] => "5".to_string(),
        [flag, n] if flag == "--runs" && n.parse::<u32>().is_ok_and(|n| n > 0) => n.clone(),
        _ => return Err(err!("usage: cargo xtask bench [--runs N]")),
    };
    let tools = install::web_tools()?;
    let chromium = install::chromium()?;
    let dist = build::release(&tools)?;
    let (addr, _server) = serve::spawn(dist, "127.0.0.1:0", "/")?;
    let corpus = root().join("..").join("shared").join("corpus");
    run(Command::new("node")
        .args(["--test", "--test-reporter=spec", "perf.test.mjs"])
        .current_dir(node_dir())
        .env("FAZHI_URL", format!("http://{addr}/"))
        .env("FAZHI_CHROMIUM", &chromium)
        .env("FAZHI_CORPUS", corpus)
        .env("FAZHI_BENCH_RUNS", runs))
}
