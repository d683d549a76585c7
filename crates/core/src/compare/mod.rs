//! Comparison: aligning analysed reports by region, year and indicator.
//!
//! [`compare`] sets several [`Report`]s side by side:
//!
//! - Reports are ordered by region, then by report year. The reports of one region form a
//!   *series*; values are only ever set against each other (Δ, %) inside one series, because
//!   the same indicator of two different governments says nothing about change.
//! - Key indicators align by id, one [`Row`] per (id, unit): a count in 轮次 is never set
//!   against one in 宗, and a count never against a rate. 万/亿 are already folded into the
//!   values by the figure reader, so equal units mean comparable magnitudes.
//! - The other figures align by the similarity of their indicator phrases, same unit only, and
//!   carry a confidence ([`FigureRow`]); they are kept apart from the key indicators because
//!   the alignment is a guess, not a definition.
//! - Completeness checks sit side by side ([`CheckRow`]).
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
use crate::report::Report;
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
    /// Key indicators, one row per (indicator id, unit), in the order of the taxonomy.
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

/// One key indicator in one unit across all reports.
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
    /// For each report, the qualifier of the entry chosen when the report states several.
    pub qualifiers: Vec<Option<String>>,
    /// For each report, the unit its value is printed in (件 and 宗 share a row, see `unit`).
    pub units: Vec<Option<String>>,
    /// The change within each region that states the row at least twice.
    pub by_region: Vec<SeriesChange>,
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
    /// The indicator phrase each report gives its figure.
    pub phrases: Vec<Option<String>>,
    /// For each report, the unit its figure is printed in (件 and 宗 share a row).
    pub units: Vec<Option<String>>,
    /// How sure the alignment is, 0–1: the weakest phrase similarity that joined the row.
    #[serde(serialize_with = "crate::format::json_number")]
    pub confidence: f64,
    /// As in [`Row::delta`].
    #[serde(serialize_with = "crate::format::json_option")]
    pub delta: Option<f64>,
    /// As in [`Row::pct`].
    #[serde(serialize_with = "crate::format::json_option")]
    pub pct: Option<f64>,
    /// The change within each region that the row holds at least twice.
    pub by_region: Vec<SeriesChange>,
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
    /// Whether each report passes (null where the report has no such check).
    pub ok: Vec<Option<bool>>,
}

/// Aligns reports by region, year and indicator. See the module documentation.
///
/// When a report states one key indicator several times in the same unit (city and district
/// level, received and handled…), one entry stands for it in the row: the entry whose
/// qualifier is most similar to the other reports' entries of the row, so that like is set
/// against like; among equals, the first in document order, which is where reports put the
/// headline number. Every report's choice is shown in [`Row::qualifiers`].
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

/// Counting words that count the same thing, each with the word its class is keyed by.
///
/// 件 and 宗 both count cases (案件): reports use them interchangeably for one indicator, even
/// from one year to the next of the same government ("受理复议案件19宗" → "83件"). Every other
/// counting word stays apart: 轮次 counts rounds of review, not files; 项 items; % is a rate.
const SAME_COUNT: [(&str, &str); 1] = [("宗", "件")];

/// The unit a value is compared in: [`unit_key`], with interchangeable counting words folded
/// into one class. Values are only set against each other when their classes are equal.
fn unit_class(u: &str) -> String {
    let u = unit_key(u);
    SAME_COUNT.iter().find(|(word, _)| *word == u).map_or(u, |(_, class)| class.to_string())
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
    if words.is_empty() { class.to_string() } else { words.join("/") }
}
