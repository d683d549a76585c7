//! fazhi-lens: reads Chinese local-government annual reports on rule-of-law government
//! construction (法治政府建设年度报告) and finds their structure, figures and key indicators.
//!
//! The data flows one way, one module per stage, each with a typed output:
//!
//! ```text
//! bytes ─decode─▶ text ─normalize─▶ Normalized ─sections─▶ Outline ─figures─▶ Vec<Figure>
//!        ─indicators─▶ key indicators ─changes/checks─▶ Report ─compare─▶ Comparison
//! ```
//!
//! This crate has no browser dependency; the web app (`src/app`, wasm32 only) and the CLI
//! (`src/bin/fazhi.rs`) only render a [`Report`].

mod bytes;
pub mod changes;
pub mod checks;
pub mod compare;
pub mod decode;
pub mod figures;
pub mod indicators;
pub mod invariants;
pub mod meta;
pub mod normalize;
pub mod numbers;
pub mod order;
pub mod pattern;
pub mod report;
pub mod script;
pub mod sections;
pub mod text;

pub use decode::{decode, DecodeError};
pub use report::{Change, Check, Direction, Figure, KeyValue, Meta, Part, PartKind, Report, Script, Section};

/// Analyses one decoded report. Never panics; every offset in the result points into `input`.
pub fn analyze(input: &str) -> Report {
    let view = normalize::normalize(input);
    let outline = sections::segment(&view);
    let meta = meta::extract(&view, &outline);
    let metrics = figures::find(&view, &outline.sections);
    let key_indicators = indicators::attach(&view, &metrics);
    let changes = changes::find(&view);
    let mut report = Report {
        source: String::new(),
        meta,
        sections: outline.sections,
        metrics,
        key_indicators,
        changes,
        checks: Vec::new(),
        parts: outline.parts,
        chrome: view.chrome.iter().map(|r| (r.start, r.end)).collect(),
        input_len: input.len(),
    };
    report.checks = checks::run(&view, &report);
    report
}

/// Decodes a file's bytes (see [`decode()`]) and analyses the text. Returns the decoded text
/// too, since the report's offsets point into it.
pub fn analyze_bytes(bytes: &[u8], name: &str) -> Result<(String, Report), DecodeError> {
    let text = decode(bytes, name)?;
    let mut report = analyze(&text);
    report.source = name.to_string();
    Ok((text, report))
}
