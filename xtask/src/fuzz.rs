//! `cargo xtask fuzz [--secs N] [TARGET...]`: runs the `cargo fuzz` targets in `fuzz/` for a
//! given time each and prints how many inputs each one tried.
//!
//! The targets (`fuzz/fuzz_targets/`): `decode` (any bytes under any file name) and `analyze`
//! (any text); both check every report invariant (`fazhi_lens::invariants`). libFuzzer fails an
//! input that panics, breaks an invariant, runs over [`TIMEOUT_SECS`] or uses more than
//! [`RSS_MB`] of memory; the input is then saved under `fuzz/artifacts/TARGET/` and should become
//! a regression case in `tests/fuzz_regressions/` (see that directory's README).
//!
//! The machines here have only the stable toolchain. cargo-fuzz asks rustc for `-Z` flags
//! (sanitizers, coverage instrumentation); `RUSTC_BOOTSTRAP=1` lets stable rustc accept them for
//! this build only, which is what a nightly would do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::install::cargo_tool;
use crate::{err, root, Result};

/// The targets in `fuzz/Cargo.toml`.
pub const TARGETS: [&str; 2] = ["decode", "analyze"];
/// An input taking longer than this fails (a hang or a quadratic blow-up on ≤ 256 KiB).
const TIMEOUT_SECS: u32 = 10;
/// An input needing more memory than this fails (e.g. a zip bomb that got through).
const RSS_MB: u32 = 2048;
/// Longest input libFuzzer makes: big enough for real reports and for superlinear cost to show.
const MAX_LEN: u32 = 262_144;

/// `cargo xtask fuzz`.
pub fn task(args: &[String]) -> Result {
    let mut secs = 60;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--secs" => secs = it.next().and_then(|s| s.parse().ok()).ok_or_else(|| err!("--secs needs a number"))?,
            t if TARGETS.contains(&t) => targets.push(t),
            _ => return Err(err!("usage: cargo xtask fuzz [--secs N] [{}]...", TARGETS.join("|"))),
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    for target in targets {
        let runs = run(target, secs)?;
        eprintln!("xtask: fuzz {target}: {runs} inputs in {secs} s, no failure");
    }
    Ok(())
}

/// Builds and runs one target for `secs` seconds; the number of inputs it executed.
pub fn run(target: &str, secs: u32) -> Result<u64> {
    let cargo_fuzz = cargo_tool("cargo-fuzz", "cargo-fuzz", "^0.13", |v| v.starts_with("cargo-fuzz 0.13"))?;
    let fuzz = root().join("fuzz");
    let corpus = seed_corpus(&fuzz, target)?;
    let log = fuzz.join("artifacts").join(format!("{target}.log"));
    fs::create_dir_all(log.parent().unwrap_or(&fuzz))?;
    let mut cmd = Command::new(cargo_fuzz);
    cmd.args(["fuzz", "run", "--release", target])
        .arg(&corpus)
        .arg("--")
        .arg(format!("-max_total_time={secs}"))
        .arg(format!("-timeout={TIMEOUT_SECS}"))
        .arg(format!("-rss_limit_mb={RSS_MB}"))
        .arg(format!("-max_len={MAX_LEN}"))
        .arg("-print_final_stats=1")
        .current_dir(&fuzz)
        .env("RUSTC_BOOTSTRAP", "1")
        .stdout(Stdio::null())
        .stderr(fs::File::create(&log)?);
    eprintln!("xtask: fuzz {target} for {secs} s (libFuzzer's output: {})", log.display());
    let status = cmd.status().map_err(|e| err!("cannot start cargo fuzz: {e}"))?;
    let output = fs::read_to_string(&log).unwrap_or_default();
    if !status.success() {
        let tail: Vec<&str> = output.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(err!(
            "fuzz target `{target}` failed ({status}); the input is saved under fuzz/artifacts/{target}/ \
             (add it to tests/fuzz_regressions/):\n{}",
            tail.join("\n")
        ));
    }
    executions(&output).ok_or_else(|| err!("fuzz {target}: no execution count in {}", log.display()))
}

/// The run count libFuzzer prints at the end (`stat::number_of_executed_units: N`).
fn executions(output: &str) -> Option<u64> {
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
        .and_then(|n| n.trim().parse().ok())
}

/// The working corpus of `target` (kept between runs, not committed), seeded with the five
/// reports from `../shared/corpus` and the regression cases, so the fuzzer starts from real text.
fn seed_corpus(fuzz: &Path, target: &str) -> Result<PathBuf> {
    let corpus = fuzz.join("corpus").join(target);
    fs::create_dir_all(&corpus)?;
    let mut seeds: Vec<PathBuf> = Vec::new();
    for dir in [root().join("..").join("shared").join("corpus"), root().join("tests").join("fuzz_regressions")] {
        if let Ok(entries) = fs::read_dir(&dir) {
            seeds.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    for seed in seeds.iter().filter(|p| p.extension().is_none_or(|e| e != "md")) {
        let Some(name) = seed.file_name() else { continue };
        let bytes = fs::read(seed)?;
        // decode's first byte picks the file name (see fuzz_targets/decode.rs): 0 = "report.txt".
        let bytes = if target == "decode" { [&[0u8][..], &bytes].concat() } else { bytes };
        fs::write(corpus.join(name), bytes)?;
    }
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_execution_count() {
        let out = "#2097152\tpulse  cov: 1\nDone 123 runs in 2 second(s)\nstat::number_of_executed_units: 123\nstat::average_exec_per_sec:     61\n";
        assert_eq!(executions(out), Some(123));
        assert_eq!(executions("crashed"), None);
    }
}
