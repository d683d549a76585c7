//! `cargo xtask test`: the project's one test command (CI runs exactly this).
//!
//! 0. `cargo xtask lint`: rustfmt, clippy (native and wasm32) with -D warnings, missing docs.
//! 1. `cargo test --workspace --release`: the core's unit, property and accuracy tests.
//! 2. Install what is missing (web tools, Chromium, Firefox, node packages).
//! 3. `score.py` on the CLI's JSON for the seed corpus and for the development set: the shared
//!    scorer must agree with ours. Then the seeds' PDF versions (printed by Chromium and Firefox,
//!    and written in official-document layout by `fazhi_pdf::write`, also encrypted) must score
//!    within 0.01 of their text (`pdfs.rs`).
//! 4. Build the release web app and the single file once, take the test PDFs from
//!    `target/score/pdf/chromium-made` (`FAZHI_PDFS`, printed by the score stage), serve `dist/`
//!    at `/` and at `/tools/fazhi/` on free localhost ports, and run the node:test suites in
//!    `tests/browser` against them in headless Chromium, and the single file in headless Firefox.
//! 5. Fuzz each `cargo fuzz` target for a minute or two (`cargo xtask fuzz`, [`FUZZ_SECS`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::install::{self, node_dir};
use crate::{build, cargo, dist, err, fuzz, lint, pdfs, root, run, serve, target_dir, Result};

/// The minimum scores on the seed reports, the same as `crates/core/tests/accuracy.rs` asserts.
const SCORE_MINIMUMS: [&str; 10] = [
    "--min-sections",
    "0.95",
    "--min-metrics",
    "0.98",
    "--min-ind",
    "0.85",
    "--min-keys",
    "0.85",
    "--min-meta",
    "0.95",
];

/// The minimum scores on the development set (`../shared/corpus-dev` against
/// `../shared/gold-dev`), the same as `crates/core/tests/accuracy.rs` asserts.
const DEV_SCORE_MINIMUMS: [&str; 6] = ["--min-sections", "0.98", "--min-metrics", "0.99", "--min-meta", "0.95"];

/// Runs every test; `--update-screenshot` also rewrites docs/screenshot.png.
pub fn task(args: &[String]) -> Result {
    let update_screenshot = match args {
        [] => false,
        [a] if a == "--update-screenshot" => true,
        _ => return Err(err!("usage: cargo xtask test [--update-screenshot]")),
    };
    let started = Instant::now();
    let root = root();
    stage("format and lints", || lint::task(&[]))?;
    stage("core tests", || run(cargo().args(["test", "--workspace", "--release"]).current_dir(&root)))?;
    // The browsers and node packages first: the score stage prints the seeds to PDF with them.
    let (tools, chromium, firefox) =
        stage("web tools", || Ok((install::web_tools()?, install::chromium()?, install::firefox()?)))?;
    let fazhi = stage("score.py", || score(&chromium, &firefox))?;
    let (dist, single) = stage("release build", || {
        let dist = build::release(&tools)?;
        let single = dist::single_file(&dist)?;
        Ok((dist, single))
    })?;
    let pdfs = stage("test PDFs", test_pdfs)?;
    let (at_root, _) = serve::spawn(dist.clone(), "127.0.0.1:0", "/")?;
    let dist_dir = dist.clone();
    let (at_sub, _) = serve::spawn(dist, "127.0.0.1:0", "/tools/fazhi/")?;

    let screenshot = root.join("docs").join("screenshot.png");
    let screenshot = if update_screenshot || !screenshot.exists() {
        screenshot
    } else {
        target_dir().join("browser").join("screenshot.png")
    };
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(test_files()?)
        .current_dir(node_dir())
        .env("FAZHI_URL", format!("http://{at_root}/"))
        .env("FAZHI_SUBPATH_URL", format!("http://{at_sub}/tools/fazhi/"))
        .env("FAZHI_DIST", &dist_dir)
        .env("FAZHI_SINGLE_FILE", &single)
        .env("FAZHI_CHROMIUM", &chromium)
        .env("FAZHI_FIREFOX", &firefox)
        .env("FAZHI_BIN", &fazhi)
        .env("FAZHI_CORPUS", shared().join("corpus"))
        .env("FAZHI_PDFS", &pdfs)
        .env("FAZHI_SCREENSHOT", &screenshot);
    eprintln!("xtask: {:.0} s so far; browser tests next", started.elapsed().as_secs_f64());
    stage("browser tests", || run(&mut node))?;
    stage("fuzzing", || {
        for (target, secs) in FUZZ_SECS {
            let stats = fuzz::run(target, secs)?;
            eprintln!("xtask: fuzz {target}: {stats} in {secs} s, no failure");
        }
        Ok(())
    })?;
    eprintln!("xtask: all tests passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The test PDFs of the browser tests (`FAZHI_PDFS`): the seeds and a synthetic report as
/// Chromium printed them for the score stage (`pdfs::printed`), checked to be there.
fn test_pdfs() -> Result<PathBuf> {
    let dir = pdfs::printed("chromium");
    if !dir.join("synthetic.pdf").is_file() {
        return Err(err!("{}: no test PDFs (the score stage prints them)", dir.display()));
    }
    Ok(dir)
}

/// How long CI fuzzes each target, in seconds (a longer run: `cargo xtask fuzz --secs 1800`).
/// Issue 21's crash took `analyze` 294,560 inputs (535 s) from the old seeds. With the
/// dictionary, page seeds and text mutator (`fuzz.rs`), and even with the synthetic pages that
/// print it held back, `analyze` finds it in 1–7 s (200–1,700 inputs, 5 runs) and `decode` in
/// 1–52 s (280–11,200 inputs, 5 runs) at 400–600 exec/s on a shared 2-core machine: 120 s each is
/// 17 times `analyze`'s worst and twice `decode`'s, and adds two minutes to CI.
/// `pdf` (issue 17) gets 60 s: its seeds are small generated PDFs, and what it finds is in the
/// reader's structure rather than in rare text.
const FUZZ_SECS: [(&str, u32); 3] = [("decode", 120), ("analyze", 120), ("pdf", 60)];

/// `cargo xtask pdfs`: the PDF score bar alone (what the score stage checks after score.py):
/// installs the node packages and browsers, builds the release CLI, scores the seeds' text and
/// then their PDF versions.
pub fn pdf_bar() -> Result {
    install::node_modules()?;
    let (chromium, firefox) = (install::chromium()?, install::firefox()?);
    install::zhconv()?;
    run(cargo().args(["build", "--quiet", "--release", "-p", "fazhi-cli", "--bin", "fazhi"]).current_dir(root()))?;
    let fazhi = target_dir().join("release").join(format!("fazhi{}", std::env::consts::EXE_SUFFIX));
    score_set(&fazhi, "corpus", "gold", "predictions.jsonl", &SCORE_MINIMUMS)?;
    let (_, txt) = pdfs::score_py(&shared().join("gold"), &target_dir().join("score").join("predictions.jsonl"))?;
    pdfs::bar(&fazhi, &shared().join("corpus"), &shared().join("gold"), &txt, &chromium, &firefox)
}

/// Runs one stage and says how long it took.
fn stage<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let t = Instant::now();
    let out = f().map_err(|e| err!("{name}: {e}"))?;
    eprintln!("xtask: {name}: ok in {:.1} s", t.elapsed().as_secs_f64());
    Ok(out)
}

/// `../shared` beside the repository: the seed corpus, gold keys and score.py.
fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// Scores the CLI's output on the seed corpus and on the development set with the shared
/// score.py, then the seeds' PDF versions against their text (`pdfs::bar`, printed with
/// `chromium` and `firefox` and generated); returns the CLI's path.
fn score(chromium: &Path, firefox: &Path) -> Result<PathBuf> {
    // `cargo test --release` has just built it for the integration tests; a separate `cargo
    // build` would link it again (another feature set, another LTO run) for nothing.
    let fazhi = target_dir().join("release").join(format!("fazhi{}", std::env::consts::EXE_SUFFIX));
    if !fazhi.is_file() {
        run(cargo().args(["build", "--quiet", "--release", "-p", "fazhi-cli", "--bin", "fazhi"]).current_dir(root()))?;
    }
    install::zhconv()?;
    score_set(&fazhi, "corpus", "gold", "predictions.jsonl", &SCORE_MINIMUMS)?;
    score_set(&fazhi, "corpus-dev", "gold-dev", "predictions-dev.jsonl", &DEV_SCORE_MINIMUMS)?;
    let (_, txt) = pdfs::score_py(&shared().join("gold"), &target_dir().join("score").join("predictions.jsonl"))?;
    pdfs::bar(&fazhi, &shared().join("corpus"), &shared().join("gold"), &txt, chromium, firefox)?;
    Ok(fazhi)
}

/// Runs `fazhi analyze --format json` on `../shared/<corpus>/*.txt`, keeps the output in
/// `target/score/<out>`, and scores it with score.py against `../shared/<gold>` with `minimums`.
fn score_set(fazhi: &Path, corpus: &str, gold: &str, out: &str, minimums: &[&str]) -> Result {
    let corpus = shared().join(corpus);
    let mut inputs: Vec<PathBuf> = fs::read_dir(&corpus)
        .map_err(|e| err!("{}: {e}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    let output = Command::new(fazhi).args(["analyze", "--format", "json"]).args(&inputs).output()?;
    if !output.status.success() {
        return Err(err!("fazhi analyze failed on {} ({})", corpus.display(), output.status));
    }
    let predictions = target_dir().join("score").join(out);
    fs::create_dir_all(predictions.parent().unwrap_or(Path::new(".")))?;
    fs::write(&predictions, &output.stdout)?;
    let score_py = shared().join("tools").join("score.py");
    Command::new(install::python())
        .arg(score_py)
        .arg(shared().join(gold))
        .arg(&predictions)
        .args(minimums)
        .status()
        .map_err(|e| err!("cannot run score.py: {e}"))?
        .success()
        .then_some(())
        .ok_or_else(|| err!("score.py on {}: below the minimum (see its table above)", corpus.display()))
}

/// The browser test files, `tests/browser/*.test.mjs`, in name order.
fn test_files() -> Result<Vec<String>> {
    let mut files: Vec<String> = fs::read_dir(node_dir())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(err!("no tests/browser/*.test.mjs"));
    }
    Ok(files)
}
