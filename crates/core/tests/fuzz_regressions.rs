//! Inputs that once troubled the fuzz targets (`tests/fuzz_regressions/`), replayed the way the
//! targets run them: decoded under every file name `decode` treats differently, and analysed as
//! text, with every report invariant checked.

mod support;

use std::fs;

use fazhi_lens::{analyze, decode, invariants};

/// The file names of `fuzz/fuzz_targets/decode.rs`.
const NAMES: [&str; 7] = ["report.txt", "page.html", "page.htm", "report.docx", "scan.pdf", "noname", "-"];

fn cases() -> Vec<(String, Vec<u8>)> {
    let dir = support::repo().join("tests").join("fuzz_regressions");
    let mut cases: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .map(|p| (p.display().to_string(), fs::read(&p).expect("readable case")))
        .collect();
    cases.sort();
    cases
}

fn analyze_checked(what: &str, text: &str) {
    if let Err(v) = invariants::check(text, &analyze(text)) {
        panic!("{what}: {v}");
    }
}

#[test]
fn every_case_decodes_or_fails_cleanly_and_analyses_with_its_invariants() {
    let cases = cases();
    assert!(cases.len() >= 4, "the regression cases are missing: {cases:?}");
    for (path, bytes) in &cases {
        for name in NAMES {
            if let Ok(text) = decode(bytes, name) {
                analyze_checked(&format!("{path} decoded as {name}"), &text);
            }
        }
        analyze_checked(&format!("{path} as text"), &String::from_utf8_lossy(bytes));
    }
}
