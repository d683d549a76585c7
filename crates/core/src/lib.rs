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
//! The stages are private: [`analyze`] runs them all, and [`analyze_observed`] lets a benchmark
//! or profiler watch each one. This crate has no front-end dependency; the web app (the
//! workspace's root package) and the CLI (`crates/cli`) only render a [`Report`].

mod bytes;
pub mod catalog;
mod changes;
mod checks;
pub mod compare;
pub mod csv;
pub mod decode;
mod figures;
pub mod format;
pub mod history;
mod indicators;
pub mod invariants;
mod meta;
pub mod naming;
mod normalize;
mod numbers;
pub mod order;
pub mod panel;
mod pattern;
mod report;
pub mod review;
mod script;
mod sections;
mod text;

pub use decode::{decode, DecodeError};
pub use report::{
    unit_class, Change, Check, CheckState, Direction, Figure, KeyValue, Meta, Part, PartKind, Report, Script, Section,
};
pub use script::simplify_str as simplify;

/// A stage of the analysis, in the order [`analyze`] runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Pinyin noise, full-width forms, Traditional script and page chrome folded into the view.
    Normalize,
    /// Headings and the five mandated parts.
    Sections,
    /// Title, body, region, report year, publication date.
    Meta,
    /// Every figure with the phrase it measures.
    Figures,
    /// The canonical key indicators among the figures.
    Indicators,
    /// Year-on-year statements (同比增长…).
    Changes,
    /// Completeness and quality checks.
    Checks,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 7] = [
        Stage::Normalize,
        Stage::Sections,
        Stage::Meta,
        Stage::Figures,
        Stage::Indicators,
        Stage::Changes,
        Stage::Checks,
    ];

    /// A short lower-case name ("figures").
    pub fn name(self) -> &'static str {
        match self {
            Stage::Normalize => "normalize",
            Stage::Sections => "sections",
            Stage::Meta => "meta",
            Stage::Figures => "figures",
            Stage::Indicators => "indicators",
            Stage::Changes => "changes",
            Stage::Checks => "checks",
        }
    }
}

/// Watches [`analyze_observed`] run: told as each stage starts and ends. Benchmarks time stages
/// with it; the library itself has no clock (there is none in every wasm host).
pub trait Observer {
    /// `stage` is about to run.
    fn enter(&mut self, _stage: Stage) {}
    /// `stage` has finished.
    fn leave(&mut self, _stage: Stage) {}
}

/// Watches nothing: what [`analyze`] uses.
impl Observer for () {}

/// Analyses one decoded report. Never panics; every offset in the result points into `input`.
pub fn analyze(input: &str) -> Report {
    analyze_observed(input, &mut ())
}

/// [`analyze`], telling `observer` as each stage starts and ends.
pub fn analyze_observed(input: &str, observer: &mut impl Observer) -> Report {
    let view = run(observer, Stage::Normalize, || normalize::normalize(input));
    let outline = run(observer, Stage::Sections, || sections::segment(&view));
    let meta = run(observer, Stage::Meta, || meta::extract(&view, &outline));
    let metrics = run(observer, Stage::Figures, || figures::find(&view, &outline.sections));
    let key_indicators =
        run(observer, Stage::Indicators, || indicators::attach_in(&view, &metrics, meta.region.as_deref()));
    let changes = run(observer, Stage::Changes, || changes::find(&view));
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
    report.checks = run(observer, Stage::Checks, || checks::run(&view, &report));
    report
}

/// Runs one stage between its observer calls. Never inlined, so that a profiler sees each stage
/// as a call of its own (`valgrind --tool=callgrind --toggle-collect='fazhi_lens::run*'`).
#[inline(never)]
fn run<T>(observer: &mut impl Observer, stage: Stage, f: impl FnOnce() -> T) -> T {
    observer.enter(stage);
    let out = f();
    observer.leave(stage);
    out
}

/// Decodes a file's bytes (see [`decode()`]) and analyses the text. Returns the decoded text
/// too, since the report's offsets point into it.
pub fn analyze_bytes(bytes: &[u8], name: &str) -> Result<(String, Report), DecodeError> {
    let text = decode(bytes, name)?;
    let mut report = analyze(&text);
    report.source = name.to_string();
    Ok((text, report))
}
