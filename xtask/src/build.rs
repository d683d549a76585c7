//! The release build of the web app: Trunk into `dist/`, checked and finished.
//!
//! After Trunk we check that wasm-opt really ran (Trunk would skip it without a word if the
//! `<link data-trunk rel="rust">` said `data-wasm-opt="0"`), give the Content-Security-Policy the
//! hash of Trunk's inline loader script, add the service worker (see `dist`), and print what the
//! user will download. A `dist/` built after the last change to its sources is reused as it is.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::csp::hash_inline_scripts;
use crate::files::{kib, name, only_file, over_budget, sizes, walk, DIST_GZIP_BUDGET, WASM_GZIP_BUDGET};
use crate::install::WebTools;
use crate::pdf::PDF_GZIP_BUDGET;
use crate::{cargo, dist, err, pdf, root, run, run_quiet, target_dir, Result};

/// Builds the web app's standard library from source, for size, with panics that abort at once.
///
/// The .wasm has a 450 KB gzip budget. A prebuilt std carries what it needs to print a panic
/// (formatting, locations, the message machinery) and code optimised for speed; building std
/// with `optimize_for_size` and the `immediate-abort` panic strategy makes the whole .wasm
/// about 12 % smaller (measured 466,915 → 412,234 bytes gzip on 2026-12-07). Both are unstable
/// cargo/rustc features: `RUSTC_BOOTSTRAP=1` lets the pinned stable toolchain use them for this
/// build only, as the fuzz build does (the flags are what a nightly would take). A panic in the
/// app then traps without a message, which is what the app's failure path expects anyway
/// (issue 21: the worker's `error` event, or an exception in the page). Host tools and build
/// scripts are untouched: with `--target` set, RUSTFLAGS reach only the wasm code.
///
/// `-Zfmt-debug=none` compiles every `Debug` implementation (derived or not, in every crate and
/// std) to nothing: the web code shows no `{:?}` to the user (figures_table.rs and
/// platform/browser.rs spell out what they used it for), and without panic messages nothing
/// else reads it. `-Zlocation-detail=none` drops the file/line/column of `#[track_caller]`
/// locations nothing prints. Together: the app's .wasm 429,765 → 417,536 bytes gzip -9
/// (measured 2026-12-07, with wasm-opt -Oz; most of it `fmt-debug`).
fn smallest_std(cmd: &mut Command) -> &mut Command {
    cmd.env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env("RUSTFLAGS", "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none")
}

/// Builds `dist/` in release mode and returns its path.
pub fn release(tools: &WebTools) -> Result<PathBuf> {
    let root = root();
    if !root.join("index.html").is_file() {
        return Err(err!("no index.html yet: nothing to build"));
    }
    // Trunk hands --offline to cargo, so the crates must be here first (quiet when they are).
    // Without `--target`: std's own dependencies (libc…) resolve against this lockfile when std
    // is built from source, and a wasm-only fetch leaves them out. Then std's own lockfile.
    run_quiet(smallest_std(cargo().args(["fetch", "--quiet"]).current_dir(&root)))?;
    if let Some(library) = crate::install::rust_src_library() {
        // std's manifest uses unstable cargo features itself, hence the same environment.
        run_quiet(smallest_std(cargo().args(["fetch", "--quiet", "--manifest-path"]).arg(library.join("Cargo.toml"))))?;
    }
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
    run(smallest_std(&mut trunk))?;

    let wasm = only_file(&dist, "_bg.wasm")?;
    check_wasm_opt(&wasm, &optimized)?;
    pdf::add(tools, &target, &dist, smallest_std)?;
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
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()));
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
    if !dist.join("index.html").is_file() || only_file(dist, "_bg.wasm").is_err() || pdf::files(dist).is_err() {
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

/// Fails unless wasm-opt wrote the `.wasm` that ended up in `dist/`.
fn check_wasm_opt(wasm: &Path, optimized_dir: &Path) -> Result {
    let optimized = only_file(optimized_dir, ".wasm").map_err(|_| {
        err!("wasm-opt did not run (no output in {}); is data-wasm-opt=\"0\" set?", optimized_dir.display())
    })?;
    if fs::read(&optimized)? != fs::read(wasm)? {
        return Err(err!("{} is not wasm-opt's output {}", wasm.display(), optimized.display()));
    }
    Ok(())
}

/// Prints what a user downloads and fails when the `.wasm`, the PDF module or the rest of
/// `dist/` is over budget. The PDF module, loaded only when a PDF is opened, has a budget of its
/// own; `dist/`'s budget is for the rest, what every visit may download.
fn print_sizes(dist: &Path, wasm: &Path, before_opt: Option<&Path>) -> Result {
    let mut wasm_gz = 0;
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    let (pdf_js, pdf_wasm) = pdf::files(dist)?;
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    let (mut pdf_raw, mut pdf_gz) = (0u64, 0u64);
    for (file, (raw, gz)) in files.iter().zip(sizes(&files)?) {
        raw_total += raw;
        gz_total += gz;
        if *file == pdf_js || *file == pdf_wasm {
            pdf_raw += raw;
            pdf_gz += gz;
            eprintln!("xtask: {}: {} raw, {} gzip", name(file), kib(raw), kib(gz));
        }
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
    eprintln!("xtask: the PDF module (2 files, loaded with the first PDF): {} raw, {} gzip", kib(pdf_raw), kib(pdf_gz));
    over_budget("the .wasm", wasm_gz, WASM_GZIP_BUDGET)?;
    over_budget("the PDF module", pdf_gz, PDF_GZIP_BUDGET)?;
    over_budget("dist/ without the PDF module", gz_total - pdf_gz, DIST_GZIP_BUDGET)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
    }
}
