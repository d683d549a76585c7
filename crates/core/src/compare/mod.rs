//! Comparison: aligning analysed reports by region, year and indicator.
//!
//! [`compare`] sets several [`Report`]s side by side. The rules (in full, for researchers:
//! `docs/comparison.md`):
//!
//! - Reports are ordered by region, then by report year. The reports of one region form a
//!   *series*; values are only ever set against each other (Δ, %) inside one series, because
//!   the same indicator of two different governments says nothing about change.
//! - **Like with like.** A key-indicator [`Row`] is defined by what its values count: the
//!   indicator id, the value's scope (own level, departments, a higher or lower level), its
//!   measure (received, accepted, handled…), its subgroup, the count it is a part of, and its
//!   unit class (件/宗/起, 场/场次, 人/名 count the same; 人次 and 人 do not, a rate is no
//!   count). Each report describes its own values (`indicators::describe`); a value with
//!   another description is another row, so a change is only ever computed inside a row.
//! - **Stable.** The value a report contributes to a row is decided from that report alone:
//!   of its values with the row's description, its headline, else the first it states. No
//!   other report picked changes it.
//! - **Approximation stays visible**: every cell keeps the printed form ("1000余件") and
//!   `approx`; a change between approximate values says so ([`Step::approx`]).
//! - The other figures align by the similarity of their indicator phrases, same unit class
//!   only ([`FigureRow`]); their wording is shown side by side, and they get a change only
//!   when every phrase of the row says the same (the same words, apart from fillers such as
//!   共/全年), not merely shares characters.
//! - Completeness checks sit side by side in their three states ([`CheckRow`]).
//!
//! Everything here works on finished reports; nothing reaches back into the text.

mod checks;
mod csv;
mod figures;
mod keys;
mod series;
mod similarity;
#[cfg(test)]
mod tests;

use std::borrow::Borrow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::indicators;
use crate::report::{CheckState, Report};
use crate::script::simplify_str;

use series::Series;

pub use series::SeriesColumns;
pub use similarity::{similarity, MIN_FIGURE_CONFIDENCE};

/// Several reports aligned by region, year and indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The reports, ordered by region then year; every `values` vector has one entry per report,
    /// in this order.
    pub reports: Vec<ReportRef>,
    /// Key indicators, one row per indicator id and description (what the values count and
    /// their unit class), in the order of the taxonomy; an id's headline rows first.
    pub rows: Vec<Row>,
    /// Other figures aligned across reports by phrase similarity, each with a confidence.
    /// Only alignments that join at least two reports are listed.
    pub figures: Vec<FigureRow>,
    /// Completeness and quality checks side by side.
    pub checks: Vec<CheckRow>,
}

/// Which report a column of the comparison holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportRef {
    /// The report's source (path or name), as in [`Report::source`].
    pub source: String,
    /// The region the reporting body governs, simplified script.
    pub region: Option<String>,
    /// The year reported on.
    pub report_year: Option<i32>,
    /// The reporting government or department.
    pub body: Option<String>,
}

/// One key indicator, counted one way, across all reports.
///
/// The row's identity is [`Row::key`]: the id, the values' scope, measure, subgroup, the count
/// they are part of, and their unit class. Every value in it counts the same thing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The canonical key-indicator id ("reconsideration_accepted").
    pub indicator: String,
    /// A short Chinese label for the id ("行政复议受理").
    pub label: String,
    /// The unit every value of the row is stated in.
    pub unit: String,
    /// One value per report (null where the report does not state it in this unit).
    #[serde(serialize_with = "crate::format::json_options")]
    pub values: Vec<Option<f64>>,
    /// Last minus previous of the row's last two values, when both belong to one region.
    #[serde(serialize_with = "crate::format::json_option")]
    pub delta: Option<f64>,
    /// `delta` as a percentage of the previous value, one decimal; null when `delta` is null or
    /// the previous value is 0.
    #[serde(serialize_with = "crate::format::json_option")]
    pub pct: Option<f64>,
    /// For each report, the qualifier of its value in the row.
    pub qualifiers: Vec<Option<String>>,
    /// For each report, the unit its value is printed in (件 and 宗 share a row, see `unit`).
    pub units: Vec<Option<String>>,
    /// The change within each region that states the row at least twice.
    pub by_region: Vec<SeriesChange>,
    /// The row's identity: `id|scope|measure|subgroup|part_of|unit class` (the last three as
    /// compared: Han characters without fillers). Equal keys, equal rows, in any comparison.
    #[serde(default)]
    pub key: String,
    /// The values' scope ([`crate::KeyValue::scope`]): "" for each body's own.
    #[serde(default)]
    pub scope: String,
    /// The values' measure ([`crate::KeyValue::measure`]).
    #[serde(default)]
    pub measure: String,
    /// The values' subgroup ([`crate::KeyValue::subgroup`]), as the first report prints it.
    #[serde(default)]
    pub subgroup: String,
    /// The count the values are part of ([`crate::KeyValue::part_of`]).
    #[serde(default)]
    pub part_of: String,
    /// The values' unit class ("件" for 件/宗/起).
    #[serde(default)]
    pub unit_class: String,
    /// What the row counts, for people: scope, measure, subgroup and part joined by " · "
    /// ("市 · 办理"); "" for the plain own-scope count. Show it beside `label`.
    #[serde(default)]
    pub counts: String,
    /// True when some report's headline value is in the row; the other rows of an indicator
    /// are its breakdowns (show them under the headline rows, or folded).
    #[serde(default)]
    pub headline: bool,
    /// For each report, its value in full (printed form, approximation, sentence…), or null.
    #[serde(default)]
    pub cells: Vec<Option<Cell>>,
    /// For each report, the change from the previous value of its region in this row (null
    /// for a region's first value and where there is none): the arrow under a value.
    #[serde(default)]
    pub steps: Vec<Option<Step>>,
    /// The pair `delta` and `pct` compare, with its columns and approximation; null with them.
    #[serde(default)]
    pub change: Option<Step>,
}

/// One report's value in a row, as the report states it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The value, 万/亿 folded.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// The unit it is printed in.
    pub unit: String,
    /// The figure as printed, with its approximation words ("1000余件", "超98%"); show this,
    /// or the value with "≈" when `approx`.
    pub printed: String,
    /// True for 余/多/约/超/近… values.
    pub approx: bool,
    /// Key rows: the value's qualifier; figure rows: the figure's indicator phrase.
    pub qualifier: String,
    /// Key rows: the clause the value was read from, as printed.
    pub evidence: String,
    /// Key rows: the statement the value was read from, as printed.
    pub sentence: String,
    /// True when the value is its report's headline for the indicator.
    pub headline: bool,
    /// Index into the report's `metrics` of the figure, when known.
    pub metric: Option<usize>,
    /// The printed forms of the report's other values with the same description (the cell
    /// shows the headline, else the first stated; these are the rest), usually empty.
    pub also: Vec<String>,
}

/// A change between two values of one row and one region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Column (index into [`Comparison::reports`]) of the earlier value.
    pub from_column: usize,
    /// Column of the later value.
    pub to_column: usize,
    /// The region (or, lacking one, the reporting body).
    pub region: String,
    /// Year of the earlier value.
    pub from_year: Option<i32>,
    /// Year of the later value.
    pub to_year: Option<i32>,
    /// The earlier value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub from: f64,
    /// The later value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub to: f64,
    /// `to - from`.
    #[serde(serialize_with = "crate::format::json_number")]
    pub delta: f64,
    /// `delta` as a percentage of `from`, one decimal; null when `from` is 0.
    #[serde(serialize_with = "crate::format::json_option")]
    pub pct: Option<f64>,
    /// True when either value is approximate: the change is then approximate too (show "≈").
    pub approx: bool,
}

/// A non-key figure aligned across reports by the similarity of its indicator phrase.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    /// The phrase of the latest report in the row (simplified script).
    pub indicator: String,
    /// The unit every value of the row is stated in.
    pub unit: String,
    /// One value per report (null where no figure of that report was aligned).
    #[serde(serialize_with = "crate::format::json_options")]
    pub values: Vec<Option<f64>>,
    /// The indicator phrase each report gives its figure: show them side by side.
    pub phrases: Vec<Option<String>>,
    /// For each report, the unit its figure is printed in (件 and 宗 share a row).
    pub units: Vec<Option<String>>,
    /// How sure the alignment is, 0–1: the weakest phrase similarity that joined the row.
    #[serde(serialize_with = "crate::format::json_number")]
    pub confidence: f64,
    /// As in [`Row::delta`]; null unless the row is `comparable`.
    #[serde(serialize_with = "crate::format::json_option")]
    pub delta: Option<f64>,
    /// As in [`Row::pct`]; null unless the row is `comparable`.
    #[serde(serialize_with = "crate::format::json_option")]
    pub pct: Option<f64>,
    /// The change within each region that the row holds at least twice (comparable rows only).
    pub by_region: Vec<SeriesChange>,
    /// True when every phrase of the row says the same thing (the same words apart from
    /// fillers): only then are its values set against each other. Otherwise the row only
    /// shows similar wording side by side, with no change.
    #[serde(default)]
    pub comparable: bool,
    /// For each report, its figure in full (printed form, approximation, phrase), or null.
    #[serde(default)]
    pub cells: Vec<Option<Cell>>,
    /// As in [`Row::steps`] (all null unless `comparable`).
    #[serde(default)]
    pub steps: Vec<Option<Step>>,
    /// As in [`Row::change`].
    #[serde(default)]
    pub change: Option<Step>,
}

/// The change between the last two values one region states for a row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesChange {
    /// The region (or, lacking one, the reporting body).
    pub region: String,
    /// Year of the earlier value.
    pub from_year: Option<i32>,
    /// Year of the later value.
    pub to_year: Option<i32>,
    /// The earlier value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub from: f64,
    /// The later value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub to: f64,
    /// `to - from`.
    #[serde(serialize_with = "crate::format::json_number")]
    pub delta: f64,
    /// `delta` as a percentage of `from`, one decimal; null when `from` is 0.
    #[serde(serialize_with = "crate::format::json_option")]
    pub pct: Option<f64>,
}

/// One completeness check across all reports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckRow {
    /// The check's stable id.
    pub id: String,
    /// Whether each report passes (null where the report has no such check). False both for
    /// a failure and for a check that cannot be told: see `states`.
    pub ok: Vec<Option<bool>>,
    /// The check's Chinese label (from `catalog`), or the id.
    #[serde(default)]
    pub label: String,
    /// Each report's outcome: passed, failed or unknown (cannot tell), as in its own report.
    #[serde(default)]
    pub states: Vec<Option<CheckState>>,
    /// Each report's explanation of its outcome.
    #[serde(default)]
    pub details: Vec<Option<String>>,
}

/// Two reports of one region next to each other in year order: a change column of the CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// Column of the earlier report.
    pub from: usize,
    /// Column of the later one.
    pub to: usize,
    /// How the pair is named: "坪山区 2021→2023".
    pub name: String,
}

/// Aligns reports by region, year and indicator. See the module documentation.
///
/// Each report contributes to a key row the value it describes as counting what the row
/// counts; when it states several such values, its headline, else the first in document
/// order (the others are listed in the cell's `also`). Nothing about one report's values
/// depends on the other reports.
///
/// Takes reports or anything that lends one (`&[Report]`, `&[Rc<Report>]`), so that callers
/// holding shared reports need not copy them.
pub fn compare<R: Borrow<Report>>(reports: &[R]) -> Comparison {
    // Stable: reports of one region and year keep the order they were given in.
    let mut keyed: Vec<_> = reports.iter().enumerate().map(|(i, r)| (sort_key(r.borrow()), i)).collect();
    crate::order::small_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    let order: Vec<&Report> = keyed.iter().filter_map(|(_, i)| reports.get(*i)).map(Borrow::borrow).collect();
    let series: Vec<Option<String>> = order.iter().map(|r| series_key(r)).collect();
    let years: Vec<Option<i32>> = order.iter().map(|r| r.meta.report_year).collect();
    let ctx = Series { keys: &series, years: &years };
    Comparison {
        reports: order
            .iter()
            .map(|r| ReportRef {
                source: r.source.clone(),
                region: clean(r.meta.region.as_deref()),
                report_year: r.meta.report_year,
                body: r.meta.body.clone(),
            })
            .collect(),
        rows: keys::key_rows(&order, &ctx),
        figures: figures::figure_rows(&order, &ctx),
        checks: checks::check_rows(&order),
    }
}

impl Comparison {
    /// A short name for each report column, in order: region and year ("坪山区2021"), with the
    /// source added where two columns would otherwise share a name.
    pub fn column_names(&self) -> Vec<String> {
        self.column_names_by(|r| r.source.clone())
    }

    /// Like [`Comparison::column_names`], with `tag(report)` in brackets, rather than the
    /// source, where two columns would otherwise share a name (the web app uses the names its
    /// library gives the reports).
    pub fn column_names_by(&self, tag: impl Fn(&ReportRef) -> String) -> Vec<String> {
        let short: Vec<String> = self
            .reports
            .iter()
            .map(|r| {
                let region = r.region.as_deref().or(r.body.as_deref()).unwrap_or("?");
                match r.report_year {
                    Some(y) => format!("{region}{y}"),
                    None => region.to_string(),
                }
            })
            .collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for name in &short {
            *count.entry(name.as_str()).or_default() += 1;
        }
        short
            .iter()
            .zip(&self.reports)
            .map(|(name, r)| {
                if count.get(name.as_str()).is_some_and(|&n| n > 1) {
                    format!("{name} ({})", tag(r))
                } else {
                    name.clone()
                }
            })
            .collect()
    }
}

/// The short Chinese label of a key-indicator id (from the taxonomy in `indicators`), or the
/// id itself when it is unknown.
pub fn label(id: &str) -> String {
    indicators::label(id).map_or_else(|| id.to_string(), str::to_string)
}

/// How reports sort: region (reports without one last), then year (unknown last).
fn sort_key(r: &Report) -> (bool, Option<String>, bool, Option<i32>) {
    let key = series_key(r);
    (key.is_none(), key, r.meta.report_year.is_none(), r.meta.report_year)
}

/// The series a report belongs to: its region, or lacking one its reporting body; `None`
/// when it names neither, and then it is compared with nothing.
fn series_key(r: &Report) -> Option<String> {
    clean(r.meta.region.as_deref()).or_else(|| clean(r.meta.body.as_deref()))
}

/// Simplified and trimmed, `None` when empty.
fn clean(s: Option<&str>) -> Option<String> {
    let s = simplify_str(s?.trim());
    (!s.is_empty()).then_some(s)
}

/// A unit as printed, made comparable: simplified, trimmed, full-width percent folded.
fn unit_key(u: &str) -> String {
    simplify_str(u.trim()).replace('％', "%")
}

/// Words that say nothing about what is counted: a total's 共/累计/全年, a verb of doing.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "本年度", "年度", "全年", "累计", "合计", "总计", "全部", "各类", "各项", "开展", "组织", "进行",
    "已经", "其中", "共", "已",
];

/// Wording as compared: the Han characters and letters of `s`, simplified, without
/// [`FILLERS`]. Two descriptions or phrases with equal wording say the same thing.
fn wording(s: &str) -> String {
    let mut t: String = simplify_str(s).chars().filter(|&c| crate::script::is_han(c) || c.is_alphanumeric()).collect();
    for f in FILLERS {
        t = t.replace(f, "");
    }
    t
}

/// The unit a row is shown in: the one unit its values are printed in, or, when the reports
/// use different words of one class, those words in order of first use joined by "/" ("宗/件").
fn row_unit(class: &str, printed: &[Option<String>]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for u in printed.iter().flatten() {
        if !words.contains(&u.as_str()) {
            words.push(u);
        }
    }
    if words.is_empty() {
        class.to_string()
    } else {
        words.join("/")
    }
}
