//! The `Report`: what every stage produces, and what the CLI and the web app render.
//!
//! Field names follow the JSON contract of `docs/output.md` (in the spirit of the shared
//! `../shared/docs/output.md`, by which the project is measured): fields are added, never renamed.
//!
//! Invariant: every `start`/`end` in a `Report` is a byte offset into the *decoded input*
//! text (not into the normalised view), on a char boundary, with `start <= end`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The writing system the report is printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// 简体字.
    #[default]
    Simplified,
    /// 繁體字.
    Traditional,
}

/// Which of the mandated contents a top-level part of a report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// 主要举措和成效: the past year's measures and results.
    Measures,
    /// 党政主要负责人履行第一责任人职责情况.
    Leaders,
    /// 存在的不足和原因.
    Problems,
    /// 下一年度主要安排.
    Plans,
    /// Anything else (其他需要报告的情况, 附件…).
    Other,
}

impl PartKind {
    /// All kinds, in the order the regulation lists the contents.
    pub const ALL: [PartKind; 5] =
        [PartKind::Measures, PartKind::Leaders, PartKind::Problems, PartKind::Plans, PartKind::Other];

    /// The stable id used in JSON ("measures", "leaders", …).
    pub fn id(self) -> &'static str {
        match self {
            PartKind::Measures => "measures",
            PartKind::Leaders => "leaders",
            PartKind::Problems => "problems",
            PartKind::Plans => "plans",
            PartKind::Other => "other",
        }
    }
}

/// Facts about the report as a whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title line as printed (e.g. "某区人民政府2023年法治政府建设年度报告"), or `None`
    /// when the text has no title line.
    pub title: Option<String>,
    /// The reporting government or department ("深圳市坪山区人民政府").
    pub body: Option<String>,
    /// The region the body governs, in simplified script ("坪山区").
    pub region: Option<String>,
    /// The year reported on.
    pub report_year: Option<i32>,
    /// Publication date as `YYYY-MM-DD`, when the text states one.
    pub published: Option<String>,
    /// The script the report is printed in.
    pub script: Script,
}

/// One heading of the report and the text it governs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Depth in this document's hierarchy, 1 = top.
    pub level: u8,
    /// The heading marker exactly as printed ("一、", "（一）", "一是", "1.").
    pub marker: String,
    /// The heading text after the marker (for a paragraph-opening marker: its first sentence).
    pub title: String,
    /// For level 1 only: which mandated content this part holds.
    pub kind: Option<PartKind>,
    /// Byte offset of the heading's first byte in the decoded input.
    pub start: usize,
    /// Byte offset just past the section (before the next heading of the same or higher level).
    pub end: usize,
}

/// A top-level part of the report by content, whether or not it has a heading.
///
/// Reports often state their problems or plans without a heading ("2024年，我区将……"); a part
/// records where such content starts so that checks and the UI can see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// What the part holds.
    pub kind: PartKind,
    /// Index into `Report::sections` of the part's heading, or `None` when it has none.
    pub heading: Option<usize>,
    /// Byte range in the decoded input.
    pub start: usize,
    /// End of the byte range in the decoded input.
    pub end: usize,
}

/// A quantity the report states about its work ("852项", "三十余场", "99.4%").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The printed text of the figure, `&input[start..end]`.
    pub surface: String,
    /// The number with 万/亿 folded in.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// Counting word or symbol, simplified script ("项", "人次", "%", "个百分点", "元").
    pub unit: String,
    /// The short phrase the figure measures, simplified script.
    pub indicator: String,
    /// True for 余/多/近/约/超/以上… figures.
    pub approx: bool,
    /// Byte offset of `surface` in the decoded input.
    pub start: usize,
    /// End of `surface` in the decoded input.
    pub end: usize,
    /// Index into `Report::sections` of the innermost section holding the figure.
    pub section: Option<usize>,
}

/// One value of a canonical key indicator (see `indicators`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    /// The value, 万/亿 folded.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// Unit as in the figure.
    pub unit: String,
    /// What distinguishes this entry from others of the same id (level, scope), simplified.
    pub qualifier: String,
    /// The clause of the report the value comes from, as printed.
    pub evidence: String,
    /// Index into `Report::metrics` of the figure this value comes from.
    pub metric: Option<usize>,
}

/// Direction of a year-on-year statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 增长, 提高, 上升, 增加.
    Up,
    /// 下降, 减少, 压减, 降低.
    Down,
    /// 持平.
    Flat,
}

/// A year-on-year statement made in the text itself ("同比增长82.4%").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What changed, simplified script.
    pub indicator: String,
    /// Up, down or flat.
    pub direction: Direction,
    /// The stated amount of change (always non-negative; `direction` gives the sign).
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// "%", "个百分点" or a counting word.
    pub unit: String,
    /// The statement as printed.
    pub surface: String,
    /// Byte offset of `surface` in the decoded input.
    pub start: usize,
    /// End of `surface` in the decoded input.
    pub end: usize,
}

/// The result of one completeness or quality check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable id ("part_problems", "published_on_time", …).
    pub id: String,
    /// Whether the report passes.
    pub ok: bool,
    /// A human-readable explanation, in Chinese.
    pub detail: String,
}

/// Everything the analyser finds in one report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Where the text came from (a path, "-" for stdin, or a name given by the UI).
    pub source: String,
    /// Title, body, region, year, date, script.
    pub meta: Meta,
    /// Every heading, in document order.
    pub sections: Vec<Section>,
    /// Every figure, in document order.
    pub metrics: Vec<Figure>,
    /// Canonical indicator id → values stated for it.
    pub key_indicators: BTreeMap<String, Vec<KeyValue>>,
    /// Year-on-year statements in the text.
    pub changes: Vec<Change>,
    /// Completeness and quality checks.
    pub checks: Vec<Check>,
    /// Top-level parts by content, with or without headings.
    pub parts: Vec<Part>,
    /// Byte ranges of page chrome (breadcrumbs, share links…) found in the input.
    pub chrome: Vec<(usize, usize)>,
    /// Length in bytes of the decoded input the offsets point into.
    pub input_len: usize,
}
