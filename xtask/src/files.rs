//! The files of a release build and what they weigh: finding and listing them, their sizes raw
//! and gzip-compressed against the download budgets, and the snippets of node that hash and
//! compress without adding crates. The release build, the single file and the page's CSP use
//! these; they use nothing of the other tasks.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{err, Result};

/// Download budgets of issue 5, in bytes after gzip (KB = 1000 bytes, as the issue states them).
pub const WASM_GZIP_BUDGET: u64 = 450_000;
pub const DIST_GZIP_BUDGET: u64 = 600_000;

/// The one file in `dir` whose name ends with `suffix`.
pub fn only_file(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| err!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(suffix)) {
            found.push(path);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(err!("expected one *{suffix} in {}, found {n}", dir.display())),
    }
}

/// An error when `gz` bytes exceed `budget`.
pub fn over_budget(what: &str, gz: u64, budget: u64) -> Result {
    if gz > budget {
        return Err(err!("{what} is {gz} bytes gzip-compressed, over its budget of {budget}: see README, Performance"));
    }
    eprintln!("xtask: {what}: {gz} of {budget} bytes gzip budget ({:.0} %)", gz as f64 * 100.0 / budget as f64);
    Ok(())
}

/// The size of each file, raw and gzip-compressed (level 9).
pub fn sizes(files: &[PathBuf]) -> Result<Vec<(u64, u64)>> {
    let args: Vec<String> = files.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let out = node_eval(GZIP_SIZES_JS, &args, b"")?;
    Ok(out
        .lines()
        .map(|line| {
            let mut nums = line.split(' ').map(|n| n.parse::<u64>().unwrap_or(0));
            (nums.next().unwrap_or(0), nums.next().unwrap_or(0))
        })
        .collect())
}

const GZIP_SIZES_JS: &str = "const fs=require('fs'),z=require('zlib');\
    for(const f of process.argv.slice(1)){const b=fs.readFileSync(f);\
    console.log(b.length+' '+z.gzipSync(b,{level:9}).length)}";

/// 64-bit FNV-1a over the concatenated parts: a version stamp, not a security measure.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.iter()) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Every file under `dir`, recursively.
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?
        } else {
            out.push(path)
        }
    }
    Ok(())
}

/// The file name of `p`, for messages.
pub fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A byte count in KiB, for messages.
pub fn kib(n: u64) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

/// Runs a snippet of JavaScript in node (which the build needs anyway, for wasm-opt): hashing
/// and gzip without adding crates.
pub fn node_eval(script: &str, args: &[String], stdin: &[u8]) -> Result<String> {
    let mut child = Command::new("node")
        .arg("-e")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| err!("cannot start node: {e}"))?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin)?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(err!("node -e failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}
