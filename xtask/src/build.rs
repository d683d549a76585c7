//! The release build of the web app: Trunk into `dist/`, checked and finished.
//!
//! After Trunk we check that wasm-opt really ran (Trunk would skip it without a word if the
//! `<link data-trunk rel="rust">` said `data-wasm-opt="0"`), give the Content-Security-Policy the
//! hash of Trunk's inline loader script, add the service worker (see `dist`), and print what the
//! user will download. A `dist/` built after the last change to its sources is reused as it is.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use crate::install::{WebTools, WASM_TARGET};
use crate::{cargo, dist, err, root, run, run_quiet, target_dir, Result};

/// Builds `dist/` in release mode and returns its path.
pub fn release(tools: &WebTools) -> Result<PathBuf> {
    let root = root();
    if !root.join("index.html").is_file() {
        return Err(err!("no index.html yet: nothing to build"));
    }
    // Trunk hands --offline to cargo, so the crates must be here first (quiet when they are).
    run_quiet(cargo().args(["fetch", "--quiet", "--target", WASM_TARGET]).current_dir(&root))?;
    // A target directory of its own, so wasm builds never wait on (or evict) native ones.
    let target = target_dir().join("web");
    let optimized = target.join("wasm-opt").join("release");
    let _ = fs::remove_dir_all(&optimized);
    let dist = root.join("dist");
    let stamp = target.join("dist.stamp");
    if is_fresh(&root, &dist, &stamp) {
        eprintln!("xtask: dist/ is up to date with its sources");
        dist::add_service_worker(&dist)?;
        let wasm = only_file(&dist, "_bg.wasm")?;
        print_sizes(&dist, &wasm, None)?;
        return Ok(dist);
    }
    let started = SystemTime::now();
    let _ = fs::remove_file(&stamp);
    let mut trunk = Command::new(&tools.trunk);
    trunk
        .args(["build", "--release", "--offline", "--dist"])
        .arg(&dist)
        .current_dir(&root)
        .env("PATH", &tools.path)
        .env("CARGO_TARGET_DIR", &target)
        // Trunk parses NO_COLOR as a bool ("1" is an error), so set it to what it accepts.
        .env("NO_COLOR", "true")
        // Shown in the app's footer (`option_env!`; cargo rebuilds when it changes).
        .env("FAZHI_BUILD_DATE", build_date());
    run(&mut trunk)?;

    let wasm = only_file(&dist, "_bg.wasm")?;
    check_wasm_opt(&wasm, &optimized)?;
    hash_inline_scripts(&dist.join("index.html"))?;
    dist::add_service_worker(&dist)?;
    let before = only_file(&target.join("wasm-bindgen").join("release"), "_bg.wasm").ok();
    print_sizes(&dist, &wasm, before.as_deref())?;
    // Dated from the start, so a source saved during the build makes the next run build again.
    fs::File::create(&stamp)?.set_modified(started)?;
    Ok(dist)
}

/// The date the footer shows, `YYYY-MM-DD` (UTC): `FAZHI_BUILD_DATE` if set, else the day of
/// `SOURCE_DATE_EPOCH` (reproducible builds), else today.
fn build_date() -> String {
    if let Some(date) = std::env::var("FAZHI_BUILD_DATE").ok().filter(|d| !d.is_empty()) {
        return date;
    }
    let secs = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or_else(|| {
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
    });
    let (y, m, d) = civil_from_days(secs / 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(m <= 2), m, d)
}

/// What goes into `dist/`: a change to any file here calls for a new build.
const INPUTS: [&str; 7] = ["index.html", "Trunk.toml", "Cargo.toml", "Cargo.lock", "src", "www", "crates"];

/// Whether `dist/` was built (and checked) after the last change to any of its inputs.
fn is_fresh(root: &Path, dist: &Path, stamp: &Path) -> bool {
    let Ok(built) = fs::metadata(stamp).and_then(|m| m.modified()) else { return false };
    if !dist.join("index.html").is_file() || only_file(dist, "_bg.wasm").is_err() {
        return false;
    }
    let mut files = Vec::new();
    for input in INPUTS.map(|i| root.join(i)) {
        if input.is_dir() {
            if walk(&input, &mut files).is_err() {
                return false;
            }
        } else if input.exists() {
            files.push(input);
        }
    }
    files.iter().all(|f| fs::metadata(f).and_then(|m| m.modified()).is_ok_and(|t| t <= built))
}

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

/// Fails unless wasm-opt wrote the `.wasm` that ended up in `dist/`.
fn check_wasm_opt(wasm: &Path, optimized_dir: &Path) -> Result {
    let optimized = only_file(optimized_dir, ".wasm")
        .map_err(|_| err!("wasm-opt did not run (no output in {}); is data-wasm-opt=\"0\" set?", optimized_dir.display()))?;
    if fs::read(&optimized)? != fs::read(wasm)? {
        return Err(err!("{} is not wasm-opt's output {}", wasm.display(), optimized.display()));
    }
    Ok(())
}

/// Adds the sha256 of each inline `<script>` (Trunk's loader) to the page's CSP `script-src`,
/// so the policy can stay free of 'unsafe-inline'.
fn hash_inline_scripts(index: &Path) -> Result {
    let html = fs::read_to_string(index)?;
    let mut hashes = Vec::new();
    for body in inline_scripts(&html) {
        hashes.push(csp_hash(body)?);
    }
    match add_script_hashes(&html, &hashes) {
        Some(patched) => fs::write(index, patched)?,
        None if hashes.is_empty() => {}
        None => eprintln!("xtask: warning: index.html has inline scripts but no CSP meta with script-src"),
    }
    Ok(())
}

/// The text of every `<script>` element without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else { break };
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else { break };
        if !rest[start..open_end].contains(" src=") {
            out.push(&rest[open_end..close]);
        }
        rest = &rest[close..];
    }
    out
}

/// `html` with `hashes` appended to the `script-src` directive of its CSP meta tag, or `None`
/// when there is no such directive.
fn add_script_hashes(html: &str, hashes: &[String]) -> Option<String> {
    let std::ops::Range { start: content, end: content_end } = csp_range(html)?;
    let policy = &html[content..content_end];
    let directive = policy.find("script-src")?;
    let directive_end = policy[directive..].find(';').map_or(policy.len(), |i| directive + i);
    let mut patched = String::with_capacity(html.len() + 64 * hashes.len());
    patched.push_str(&html[..content + directive_end]);
    for h in hashes.iter().filter(|h| !policy[directive..directive_end].contains(h.as_str())) {
        patched.push(' ');
        patched.push_str(h);
    }
    patched.push_str(&html[content + directive_end..]);
    Some(patched)
}

/// Where the policy (the `content` value of the CSP meta tag) is in `html`.
pub fn csp_range(html: &str) -> Option<std::ops::Range<usize>> {
    let meta = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let tag_start = html[..meta].rfind("<meta")?;
    let tag_end = meta + html[meta..].find('>')?;
    let content = tag_start + html[tag_start..tag_end].find("content=\"")? + "content=\"".len();
    let content_end = content + html[content..tag_end].find('"')?;
    Some(content..content_end)
}

/// The CSP source expression (`'sha256-…'`) that allows an inline element with this text.
pub fn csp_hash(text: &str) -> Result<String> {
    Ok(format!("'sha256-{}'", node_eval(SHA256_JS, &[], text.as_bytes())?))
}

const SHA256_JS: &str = "const c=require('crypto');\
    process.stdout.write(c.createHash('sha256').update(require('fs').readFileSync(0)).digest('base64'))";

/// Download budgets of issue 5, in bytes after gzip (KB = 1000 bytes, as the issue states them).
pub const WASM_GZIP_BUDGET: u64 = 450_000;
pub const DIST_GZIP_BUDGET: u64 = 600_000;

/// Prints what a user downloads and fails when the `.wasm` or the whole `dist/` is over budget.
fn print_sizes(dist: &Path, wasm: &Path, before_opt: Option<&Path>) -> Result {
    let mut wasm_gz = 0;
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    for (file, (raw, gz)) in files.iter().zip(sizes(&files)?) {
        raw_total += raw;
        gz_total += gz;
        if file == wasm {
            wasm_gz = gz;
            let opt = match before_opt.and_then(|p| fs::metadata(p).ok()) {
                Some(m) => format!(" (wasm-opt: {} → {})", kib(m.len()), kib(raw)),
                None => String::new(),
            };
            eprintln!("xtask: {}: {} raw, {} gzip{opt}", name(file), kib(raw), kib(gz));
        }
    }
    eprintln!("xtask: dist/ ({} files): {} raw, {} gzip", files.len(), kib(raw_total), kib(gz_total));
    over_budget("the .wasm", wasm_gz, WASM_GZIP_BUDGET)?;
    over_budget("dist/", gz_total, DIST_GZIP_BUDGET)
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

/// Every file under `dir`, recursively.
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() { walk(&path, out)? } else { out.push(path) }
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
fn node_eval(script: &str, args: &[String], stdin: &[u8]) -> Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
<script src="./a.js"></script></head><body><script type="module">import init from './x.js';</script></body></html>"#;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
    }

    #[test]
    fn finds_only_inline_scripts() {
        assert_eq!(inline_scripts(PAGE), vec!["import init from './x.js';"]);
    }

    #[test]
    fn adds_hash_to_script_src_once() {
        let h = vec!["'sha256-abc='".to_string()];
        let once = add_script_hashes(PAGE, &h).unwrap();
        assert!(once.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; style-src 'self'"));
        assert_eq!(add_script_hashes(&once, &h).unwrap(), once);
        assert_eq!(add_script_hashes("<html></html>", &h), None);
    }
}
