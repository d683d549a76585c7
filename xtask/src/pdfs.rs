//! The PDF bar of issue 17: for every seed report, the analysis of each of its PDF versions
//! scores within [`TOLERANCE`] of its `.txt` version against `../shared/gold` with score.py
//! (sections F1, figures F1, key indicators F1, meta), per seed and overall.
//!
//! The PDF versions are made here from the seed texts (read at run time, never committed), into
//! `target/score/pdf/<variant>/<seed>.pdf` so score.py matches them to the gold files by name:
//!
//! - `chromium`: printed by Chromium (`tests/browser/make-pdfs.mjs`: Skia's writer, embedded
//!   TrueType subsets with ToUnicode, Identity-H, a running header and "— N —"); remade only
//!   when the script or a seed changed (a stamp of both), since a browser start takes seconds;
//! - `firefox`: printed by Firefox over WebDriver BiDi (`make-pdfs.mjs … firefox`: Cairo's
//!   writer, Firefox's own print header and footer), stamped the same way;
//! - `official-*`: `fazhi_pdf::write`, official-document layout in non-embedded CID fonts with
//!   the predefined CMaps, each variant with its page numbers, cross-reference form and owner-
//!   password encryption (RC4, AES-128, AES-256); written again only when its bytes change.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use fazhi_pdf::write::{official_document, CidEncoding, Options, PageNumbers, Security};

use crate::install::{self, node_dir};
use crate::{err, root, target_dir, Result};

/// How much lower than the `.txt` version's a PDF version's score may be.
pub const TOLERANCE: f64 = 0.01;

/// The running header of the generated official documents.
const HEADER: &str = "法治政府建设年度报告";

/// The variants `fazhi_pdf::write` makes: name and options.
fn official_variants() -> Vec<(&'static str, Options)> {
    let o = |encoding, page_numbers, security, object_streams| Options {
        encoding,
        page_numbers,
        header: HEADER.to_string(),
        security,
        user_password: String::new(),
        object_streams,
        compress: true,
    };
    vec![
        ("official-ucs2", o(CidEncoding::Ucs2, PageNumbers::Dash, Security::None, false)),
        ("official-gbk", o(CidEncoding::Gbk, PageNumbers::OfTotal, Security::None, true)),
        ("official-rc4", o(CidEncoding::Ucs2, PageNumbers::Hyphen, Security::Rc4, false)),
        ("official-aes128", o(CidEncoding::Gbk, PageNumbers::Dash, Security::Aes128, true)),
        ("official-aes256", o(CidEncoding::Ucs2, PageNumbers::OfTotal, Security::Aes256, true)),
    ]
}

/// The four measures score.py reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Sections F1.
    pub sections: f64,
    /// Figures (metrics) F1.
    pub metrics: f64,
    /// Key indicators F1.
    pub keys: f64,
    /// Meta fields right, as a fraction.
    pub meta: f64,
}

impl Scores {
    const NAMES: [&'static str; 4] = ["sections", "figures", "key indicators", "meta"];

    fn values(&self) -> [f64; 4] {
        [self.sections, self.metrics, self.keys, self.meta]
    }
}

/// score.py's result: each file's row (two decimals) and the overall line (three).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreTable {
    /// By seed name.
    pub files: HashMap<String, Scores>,
    /// All files together.
    pub overall: Scores,
}

/// Parses score.py's standard output.
pub fn parse_score_py(stdout: &str) -> Option<ScoreTable> {
    let mut table = ScoreTable::default();
    let ratio = |s: &str| -> Option<Vec<f64>> { s.split('/').map(|x| x.parse().ok()).collect() };
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("overall:") {
            let after = |key: &str| -> Option<f64> {
                let at = rest.find(key)? + key.len();
                rest[at..].split_whitespace().next()?.parse().ok()
            };
            table.overall = Scores {
                sections: after("sections F1")?,
                metrics: after("metrics F1")?,
                keys: after("key indicators F1")?,
                meta: after("| meta")?,
            };
            return Some(table);
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let [name, sect, metric, _ind, keys, meta, ..] = cols.as_slice() else { continue };
        let (Some(s), Some(m), Some(k), Some(t)) = (ratio(sect), ratio(metric), ratio(keys), ratio(meta)) else {
            continue;
        };
        if s.len() != 3 || m.len() != 3 || k.len() != 2 || t.len() != 2 {
            continue;
        }
        let f1 = |p: f64, r: f64| if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let meta = if t[1] > 0.0 { t[0] / t[1] } else { 1.0 };
        table.files.insert(name.to_string(), Scores { sections: s[2], metrics: m[2], keys: f1(k[0], k[1]), meta });
    }
    None
}

/// Where the PDF versions go.
fn pdf_root() -> PathBuf {
    target_dir().join("score").join("pdf")
}

/// The seed reports: (name without `.txt`, text).
fn seeds(corpus: &Path) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(corpus).map_err(|e| err!("{}: {e}", corpus.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "txt") {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            out.push((name, fs::read_to_string(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

/// Writes `bytes` to `path` unless it already holds them (a second run changes nothing).
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(path, bytes)?;
    Ok(())
}

/// The official-document variants of every seed; their directories.
fn make_official(seeds: &[(String, String)]) -> Result<Vec<(String, PathBuf)>> {
    let mut dirs = Vec::new();
    for (variant, opts) in official_variants() {
        let dir = pdf_root().join(variant);
        fs::create_dir_all(&dir)?;
        for (name, text) in seeds {
            write_if_changed(&dir.join(format!("{name}.pdf")), &official_document(text, &opts))?;
        }
        dirs.push((variant.to_string(), dir));
    }
    Ok(dirs)
}

/// A stamp of what a browser-printed variant is made from: its script and the seeds.
fn stamp(script: &Path, seeds: &[(String, String)]) -> Result<String> {
    let mut h = DefaultHasher::new();
    fs::read(script)?.hash(&mut h);
    seeds.hash(&mut h);
    Ok(format!("{:016x}\n", h.finish()))
}

/// Prints the seeds with `tests/browser/make-pdfs.mjs` in the browser `variant` names into
/// `target/score/pdf/<variant>/`, unless the PDFs there were made from the same script and
/// seeds. The script writes `seed-<name>.pdf` (and its own synthetic report) into a scratch
/// directory.
fn make_printed(variant: &str, corpus: &Path, seeds: &[(String, String)], browser: (&str, &Path)) -> Result<PathBuf> {
    let script = node_dir().join("make-pdfs.mjs");
    let dir = pdf_root().join(variant);
    let stamp_file = dir.join(".made-from");
    let want = stamp(&script, seeds)?;
    let scratch = printed(variant);
    // The script's whole output stays too: the browser tests take Chromium's (`printed`).
    let whole =
        seeds.iter().all(|(n, _)| dir.join(format!("{n}.pdf")).is_file()) && scratch.join("synthetic.pdf").is_file();
    if whole && fs::read_to_string(&stamp_file).is_ok_and(|s| s == want) {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&dir)?;
    let mut cmd = Command::new("node");
    cmd.arg(&script)
        .arg(&scratch)
        .arg(variant)
        .current_dir(node_dir())
        .env("FAZHI_CORPUS", corpus)
        .env(browser.0, browser.1);
    crate::run(&mut cmd)?;
    for (name, _) in seeds {
        fs::copy(scratch.join(format!("seed-{name}.pdf")), dir.join(format!("{name}.pdf")))?;
    }
    fs::write(stamp_file, want)?;
    Ok(dir)
}

/// Everything `make-pdfs.mjs` printed with the browser `variant` ("chromium", "firefox"): each
/// seed as `seed-NAME.pdf` beside the text it was made from, and the synthetic report. The score
/// stage makes it; the browser tests read Chromium's (`FAZHI_PDFS`), so the seeds are printed
/// once per run, and not at all while they and the script are unchanged.
pub fn printed(variant: &str) -> PathBuf {
    pdf_root().join(format!("{variant}-made"))
}

/// `fazhi analyze --format json` on the PDFs of `dir`, into `out`.
fn analyze(fazhi: &Path, dir: &Path, out: &Path) -> Result {
    let mut pdfs: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    let output = Command::new(fazhi).args(["analyze", "--format", "json"]).args(&pdfs).output()?;
    if !output.status.success() {
        return Err(err!(
            "fazhi analyze failed on {} ({}): {}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    fs::write(out, &output.stdout)?;
    Ok(())
}

/// Runs score.py on `predictions` against `gold` (no minimums) and parses what it prints.
pub fn score_py(gold: &Path, predictions: &Path) -> Result<(String, ScoreTable)> {
    let score = root().join("..").join("shared").join("tools").join("score.py");
    let out = Command::new(install::python())
        .arg(score)
        .arg(gold)
        .arg(predictions)
        .output()
        .map_err(|e| err!("cannot run score.py: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let table = parse_score_py(&stdout).ok_or_else(|| err!("cannot read score.py's output:\n{stdout}"))?;
    Ok((stdout, table))
}

/// The measures on which `pdf` is more than [`TOLERANCE`] below `txt`.
fn shortfalls(txt: &Scores, pdf: &Scores) -> Vec<String> {
    let mut out = Vec::new();
    for ((name, t), p) in Scores::NAMES.iter().zip(txt.values()).zip(pdf.values()) {
        // score.py prints two or three decimals; a hair of rounding is not a shortfall.
        if p < t - TOLERANCE - 1e-9 {
            out.push(format!("{name} {p:.3} < {t:.3}"));
        }
    }
    out
}

/// Makes every PDF version of the seeds of `corpus` and checks each against `txt`, the
/// `.txt` versions' scores against `gold`. `chromium` and `firefox` are the browsers to print
/// with (their node packages installed).
pub fn bar(fazhi: &Path, corpus: &Path, gold: &Path, txt: &ScoreTable, chromium: &Path, firefox: &Path) -> Result {
    let seeds = seeds(corpus)?;
    if seeds.is_empty() {
        return Err(err!("no seed reports in {}", corpus.display()));
    }
    let mut variants = vec![
        ("chromium".to_string(), make_printed("chromium", corpus, &seeds, ("FAZHI_CHROMIUM", chromium))?),
        ("firefox".to_string(), make_printed("firefox", corpus, &seeds, ("FAZHI_FIREFOX", firefox))?),
    ];
    variants.extend(make_official(&seeds)?);
    // Analyse and score every variant at once: each is a CLI run and a python start.
    let results: Vec<Result<(String, ScoreTable)>> = std::thread::scope(|s| {
        let jobs: Vec<_> = variants
            .iter()
            .map(|(name, dir)| {
                s.spawn(move || {
                    let predictions = pdf_root().join(format!("predictions-{name}.jsonl"));
                    analyze(fazhi, dir, &predictions)?;
                    score_py(gold, &predictions)
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap_or_else(|_| Err(err!("a scoring thread panicked")))).collect()
    });
    let mut failures = Vec::new();
    eprintln!("xtask: PDF versions against the .txt versions (sections, figures, key indicators, meta):");
    for ((name, _), result) in variants.iter().zip(results) {
        let (stdout, table) = result.map_err(|e| err!("{name}: {e}"))?;
        let o = table.overall;
        eprintln!("xtask:   {name:16} overall {:.3} {:.3} {:.3} {:.2}", o.sections, o.metrics, o.keys, o.meta);
        let mut bad = Vec::new();
        let short = shortfalls(&txt.overall, &table.overall);
        if !short.is_empty() {
            bad.push(format!("overall: {}", short.join(", ")));
        }
        for (seed, _) in &seeds {
            let (Some(t), Some(p)) = (txt.files.get(seed), table.files.get(seed)) else {
                bad.push(format!("{seed}: no score"));
                continue;
            };
            let short = shortfalls(t, p);
            if !short.is_empty() {
                bad.push(format!("{seed}: {}", short.join(", ")));
            }
        }
        if !bad.is_empty() {
            eprintln!("{stdout}");
            failures.push(format!("{name}: {}", bad.join("; ")));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(err!("PDF versions score more than {TOLERANCE} below their text:\n  {}", failures.join("\n  ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "file                                sect P/R/F      metric P/R/F   ind    keys P/R  meta
000_d963340439af9fb4         1.00/1.00/1.00 1.00/0.90/0.95  0.98 1.00/0.50 3/4
001_x                        0.50/0.50/0.50 1.00/1.00/1.00  0.98 1.00/1.00 0/0  (no prediction)
overall: sections F1 0.981 | metrics F1 0.992 (P 1.000 R 0.985, indicator agreement 0.98) | key indicators F1 0.875 | meta 0.95
";

    #[test]
    fn reads_score_py() {
        let t = parse_score_py(OUTPUT).expect("parses");
        assert_eq!(t.overall, Scores { sections: 0.981, metrics: 0.992, keys: 0.875, meta: 0.95 });
        let f = t.files["000_d963340439af9fb4"];
        assert_eq!((f.sections, f.metrics, f.meta), (1.0, 0.95, 0.75));
        assert!((f.keys - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(t.files["001_x"].sections, 0.5);
        assert!(parse_score_py("file …\n").is_none());
    }

    #[test]
    fn tolerates_a_hundredth() {
        let txt = Scores { sections: 0.98, metrics: 1.0, keys: 0.9, meta: 1.0 };
        assert!(shortfalls(&txt, &Scores { sections: 0.97, metrics: 0.99, keys: 0.89, meta: 1.0 }).is_empty());
        let short = shortfalls(&txt, &Scores { sections: 0.96, metrics: 1.0, keys: 0.9, meta: 0.75 });
        assert_eq!(short, ["sections 0.960 < 0.980", "meta 0.750 < 1.000"]);
    }

    /// The generated variants are the same file when made twice (the bar reuses them).
    #[test]
    fn official_variants_are_deterministic() {
        let text = "示例市2024年法治政府建设年度报告\n一、总体情况\n全年办理行政复议案件25件。\n";
        for (name, opts) in official_variants() {
            assert_eq!(official_document(text, &opts), official_document(text, &opts), "{name}");
        }
    }
}
