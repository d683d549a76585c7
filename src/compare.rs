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

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize, Serializer};

use crate::indicators;
use crate::report::{KeyValue, Report};
use crate::script::{is_han, simplify, simplify_str};

/// The minimum [`similarity`] at which two figures of different reports are taken to measure
/// the same thing. Below it, phrases share little more than a generic word (受理, 办理).
pub const MIN_FIGURE_CONFIDENCE: f64 = 0.65;

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
    #[serde(serialize_with = "numbers")]
    pub values: Vec<Option<f64>>,
    /// Last minus previous of the row's last two values, when both belong to one region.
    #[serde(serialize_with = "number")]
    pub delta: Option<f64>,
    /// `delta` as a percentage of the previous value, one decimal; null when `delta` is null or
    /// the previous value is 0.
    #[serde(serialize_with = "number")]
    pub pct: Option<f64>,
    /// For each report, the qualifier of the entry chosen when the report states several.
    pub qualifiers: Vec<Option<String>>,
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
    #[serde(serialize_with = "numbers")]
    pub values: Vec<Option<f64>>,
    /// The indicator phrase each report gives its figure.
    pub phrases: Vec<Option<String>>,
    /// How sure the alignment is, 0–1: the weakest phrase similarity that joined the row.
    #[serde(serialize_with = "one_number")]
    pub confidence: f64,
    /// As in [`Row::delta`].
    #[serde(serialize_with = "number")]
    pub delta: Option<f64>,
    /// As in [`Row::pct`].
    #[serde(serialize_with = "number")]
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
    #[serde(serialize_with = "one_number")]
    pub from: f64,
    /// The later value.
    #[serde(serialize_with = "one_number")]
    pub to: f64,
    /// `to - from`.
    #[serde(serialize_with = "one_number")]
    pub delta: f64,
    /// `delta` as a percentage of `from`, one decimal; null when `from` is 0.
    #[serde(serialize_with = "number")]
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
pub fn compare(reports: &[Report]) -> Comparison {
    let mut order: Vec<&Report> = reports.iter().collect();
    // Stable: reports of one region and year keep the order they were given in.
    order.sort_by_key(|r| sort_key(r));
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
        rows: key_rows(&order, &ctx),
        figures: figure_rows(&order, &ctx),
        checks: check_rows(&order),
    }
}

impl Comparison {
    /// A short name for each report column, in order: region and year ("坪山区2021"), with the
    /// source added where two columns would otherwise share a name.
    pub fn column_names(&self) -> Vec<String> {
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
                    format!("{name} ({})", r.source)
                } else {
                    name.clone()
                }
            })
            .collect()
    }

    /// The key-indicator table as CSV (RFC 4180, `\r\n` line ends): a header row, then
    /// `indicator,label,unit`, one column per report (empty where not stated), `delta,pct`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut line = |fields: Vec<String>| {
            let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        let mut header = vec!["indicator".to_string(), "label".into(), "unit".into()];
        header.extend(self.column_names());
        header.extend(["delta".to_string(), "pct".into()]);
        line(header);
        for row in &self.rows {
            let mut fields = vec![row.indicator.clone(), row.label.clone(), row.unit.clone()];
            fields.extend(row.values.iter().map(|v| v.map(format_number).unwrap_or_default()));
            fields.push(row.delta.map(format_number).unwrap_or_default());
            fields.push(row.pct.map(format_number).unwrap_or_default());
            line(fields);
        }
        out
    }
}

/// A number as people write it: whole numbers without a decimal point.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The short Chinese label of a key-indicator id (from the taxonomy in `indicators`), or the
/// id itself when it is unknown.
pub fn label(id: &str) -> String {
    indicators::label(id).map_or_else(|| id.to_string(), str::to_string)
}

/// Similarity of two indicator phrases (or qualifiers), 0–1, on their sets of characters.
///
/// Word order in Chinese indicator phrases varies freely ("受理行政复议申请" / "行政复议受理"),
/// so the measure ignores it: it is the Dice coefficient of the two character sets (Han and
/// letters only, simplified script). Fewer than four shared characters scale the score down:
/// two phrases sharing only "受理" say little. A negation on one side only ("不予受理" against
/// "受理") halves it, since the phrases then count opposite things.
pub fn similarity(a: &str, b: &str) -> f64 {
    CharSet::new(a).similarity(&CharSet::new(b))
}

/// The distinct meaningful characters of a phrase, sorted.
#[derive(Clone, Debug, Default)]
struct CharSet(Vec<char>);

impl CharSet {
    /// Phrases longer than this are cut: indicator phrases are short, and a runaway phrase
    /// must not make alignment slow.
    const MAX_CHARS: usize = 64;

    fn new(s: &str) -> CharSet {
        let mut v: Vec<char> = s
            .chars()
            .map(simplify)
            .filter(|&c| is_han(c) || c.is_alphabetic())
            .take(Self::MAX_CHARS)
            .collect();
        v.sort_unstable();
        v.dedup();
        CharSet(v)
    }

    fn similarity(&self, other: &CharSet) -> f64 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        // Both sorted: one merge pass counts the common characters.
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let k = common as f64;
        let dice = 2.0 * k / (a.len() + b.len()) as f64;
        let negation = if self.negated() != other.negated() { 0.5 } else { 1.0 };
        dice * (k / 4.0).min(1.0) * negation
    }

    /// True when the phrase holds a negation (不予受理, 未办结, 无…).
    fn negated(&self) -> bool {
        ['不', '未', '无', '非', '没'].iter().any(|c| self.0.binary_search(c).is_ok())
    }
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

/// A unit as compared: simplified, trimmed, full-width percent folded.
fn unit_key(u: &str) -> String {
    simplify_str(u.trim()).replace('％', "%")
}

/// The series key and year of every report, in comparison order.
struct Series<'a> {
    keys: &'a [Option<String>],
    years: &'a [Option<i32>],
}

impl Series<'_> {
    /// Δ and % between the row's last two values, when they are of one series.
    fn change(&self, values: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
        let mut stated = values.iter().enumerate().rev().filter_map(|(i, v)| Some((i, (*v)?)));
        let (Some((i, last)), Some((j, prev))) = (stated.next(), stated.next()) else {
            return (None, None);
        };
        match (self.keys.get(i), self.keys.get(j)) {
            (Some(Some(a)), Some(Some(b))) if a == b => {
                let (delta, pct) = change(prev, last);
                (Some(delta), pct)
            }
            _ => (None, None),
        }
    }

    /// The change between the last two values of every series that states the row twice.
    fn by_region(&self, values: &[Option<f64>]) -> Vec<SeriesChange> {
        // Series key → (index of the last value, index of the one before), in report order.
        let mut last: Vec<(&str, usize, Option<usize>)> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let (Some(_), Some(Some(key))) = (v, self.keys.get(i)) else { continue };
            match last.iter_mut().find(|(k, _, _)| *k == key.as_str()) {
                Some(entry) => *entry = (entry.0, i, Some(entry.1)),
                None => last.push((key.as_str(), i, None)),
            }
        }
        last.into_iter()
            .filter_map(|(key, i, j)| {
                let j = j?;
                let (from, to) = (values.get(j).copied().flatten()?, values.get(i).copied().flatten()?);
                let (delta, pct) = change(from, to);
                Some(SeriesChange {
                    region: key.to_string(),
                    from_year: self.years.get(j).copied().flatten(),
                    to_year: self.years.get(i).copied().flatten(),
                    from,
                    to,
                    delta,
                    pct,
                })
            })
            .collect()
    }
}

/// Δ (float noise rounded away) and % (one decimal; `None` from 0).
fn change(prev: f64, last: f64) -> (f64, Option<f64>) {
    let delta = round_to(last - prev, 6);
    let pct = (prev != 0.0).then(|| round_to((last - prev) / prev * 100.0, 1));
    (delta, pct)
}

fn round_to(v: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    let r = (v * m).round() / m;
    // -0.0 prints as "-0" in some formats; there is no negative zero change.
    if r == 0.0 { 0.0 } else { r }
}

/// One row per (key-indicator id, unit), in taxonomy order, units in order of first mention.
fn key_rows(reports: &[&Report], ctx: &Series) -> Vec<Row> {
    /// The entries each report states for one id in one unit.
    struct Cell<'a> {
        id: String,
        unit: String,
        per_report: Vec<Vec<&'a KeyValue>>,
    }
    let mut cells: Vec<Cell> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (r, report) in reports.iter().enumerate() {
        for (id, entries) in &report.key_indicators {
            for kv in entries.iter().filter(|kv| kv.value.is_finite()) {
                let unit = unit_key(&kv.unit);
                let slot = *index.entry((id.clone(), unit.clone())).or_insert_with(|| {
                    cells.push(Cell { id: id.clone(), unit, per_report: vec![Vec::new(); reports.len()] });
                    cells.len() - 1
                });
                if let Some(mine) = cells.get_mut(slot).and_then(|c| c.per_report.get_mut(r)) {
                    mine.push(kv);
                }
            }
        }
    }
    // Stable sort keeps units in order of first mention within an id.
    cells.sort_by_key(|c| (indicators::rank(&c.id), c.id.clone()));
    cells
        .into_iter()
        .map(|Cell { id, unit, per_report }| {
            let chosen = choose(&per_report);
            let values: Vec<Option<f64>> = chosen.iter().map(|kv| kv.map(|kv| kv.value)).collect();
            let (delta, pct) = ctx.change(&values);
            Row {
                label: label(&id),
                indicator: id,
                unit,
                by_region: ctx.by_region(&values),
                delta,
                pct,
                qualifiers: chosen.iter().map(|kv| kv.map(|kv| simplify_str(&kv.qualifier))).collect(),
                values,
            }
        })
        .collect()
}

/// Picks one entry per report out of several stated in the same unit: the one whose qualifier
/// (or evidence, lacking one) best matches the other reports' entries; ties go to the first.
fn choose<'a>(per_report: &[Vec<&'a KeyValue>]) -> Vec<Option<&'a KeyValue>> {
    let sets: Vec<Vec<CharSet>> = per_report
        .iter()
        .map(|entries| {
            entries
                .iter()
                .map(|kv| CharSet::new(if kv.qualifier.trim().is_empty() { &kv.evidence } else { &kv.qualifier }))
                .collect()
        })
        .collect();
    per_report
        .iter()
        .enumerate()
        .map(|(r, entries)| {
            if entries.len() < 2 {
                return entries.first().copied();
            }
            let mut best: Option<(f64, &KeyValue)> = None;
            for (e, kv) in entries.iter().enumerate() {
                let Some(mine) = sets.get(r).and_then(|s| s.get(e)) else { continue };
                let score: f64 = sets
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| *o != r)
                    .map(|(_, theirs)| theirs.iter().map(|t| mine.similarity(t)).fold(0.0, f64::max))
                    .sum();
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, kv));
                }
            }
            best.map(|(_, kv)| kv)
        })
        .collect()
}

/// The indices of the metrics that back a key indicator: linked by `metric`, or lacking a link,
/// a figure of the same value and unit printed inside the entry's evidence.
fn keyed_metrics(report: &Report) -> HashSet<usize> {
    let mut keyed = HashSet::new();
    for kv in report.key_indicators.values().flatten() {
        match kv.metric {
            Some(m) => {
                keyed.insert(m);
            }
            None => keyed.extend(report.metrics.iter().enumerate().filter_map(|(m, f)| {
                let same = f.value == kv.value && unit_key(&f.unit) == unit_key(&kv.unit);
                (same && !f.surface.is_empty() && kv.evidence.contains(f.surface.as_str())).then_some(m)
            })),
        }
    }
    keyed
}

/// A figure of one report that may join a [`FigureRow`].
struct Candidate<'a> {
    phrase: &'a str,
    chars: CharSet,
    value: f64,
}

/// A figure row under construction.
struct Chain {
    unit: String,
    values: Vec<Option<f64>>,
    phrases: Vec<Option<String>>,
    sets: Vec<CharSet>,
    confidence: f64,
}

impl Chain {
    /// The best similarity of `c` to any phrase already in the row.
    fn similarity(&self, c: &CharSet) -> f64 {
        self.sets.iter().map(|s| s.similarity(c)).fold(0.0, f64::max)
    }

    /// Puts report `r`'s figure into the row.
    fn set(&mut self, r: usize, fig: &Candidate) {
        if let Some(v) = self.values.get_mut(r) {
            *v = Some(fig.value);
        }
        if let Some(p) = self.phrases.get_mut(r) {
            *p = Some(simplify_str(fig.phrase));
        }
        self.sets.push(fig.chars.clone());
    }
}

/// Beyond this many phrase comparisons for one unit of one report, figures align only with
/// identical phrases: the full match compares every open row with every figure, which a
/// hostile input with a hundred thousand figures would turn into hours.
const COMPARISON_BUDGET: usize = 4_000_000;

/// (similarity, row, figure) for every open row and figure of one unit that may be joined.
fn candidate_pairs(chains: &[Chain], open: &[usize], figs: &[Candidate]) -> Vec<(f64, usize, usize)> {
    let phrases: usize = open.iter().filter_map(|&c| chains.get(c)).map(|c| c.sets.len()).sum();
    let mut pairs = Vec::new();
    if phrases.saturating_mul(figs.len()) <= COMPARISON_BUDGET {
        for &c in open {
            let Some(chain) = chains.get(c) else { continue };
            for (f, fig) in figs.iter().enumerate() {
                let s = chain.similarity(&fig.chars);
                if s >= MIN_FIGURE_CONFIDENCE {
                    pairs.push((s, c, f));
                }
            }
        }
        return pairs;
    }
    // Linear fallback: each figure is offered the next row holding its exact phrase.
    let mut by_phrase: HashMap<&[char], std::collections::VecDeque<usize>> = HashMap::new();
    for &c in open {
        let Some(chain) = chains.get(c) else { continue };
        if let Some(last) = chain.sets.last() {
            by_phrase.entry(last.0.as_slice()).or_default().push_back(c);
        }
    }
    for (f, fig) in figs.iter().enumerate() {
        if let Some(c) = by_phrase.get_mut(fig.chars.0.as_slice()).and_then(|q| q.pop_front()) {
            pairs.push((1.0, c, f));
        }
    }
    pairs
}

/// Aligns the figures that back no key indicator, report by report: each figure joins the
/// existing row (same unit, no value yet from its report) whose phrases it resembles most,
/// best matches first and one figure per row; the rest open new rows.
fn figure_rows(reports: &[&Report], ctx: &Series) -> Vec<FigureRow> {
    let n = reports.len();
    let mut chains: Vec<Chain> = Vec::new();
    let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (r, report) in reports.iter().enumerate() {
        let keyed = keyed_metrics(report);
        let mut candidates: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
        for (m, f) in report.metrics.iter().enumerate() {
            let unit = unit_key(&f.unit);
            if keyed.contains(&m) || unit.is_empty() || !f.value.is_finite() {
                continue;
            }
            let chars = CharSet::new(&f.indicator);
            if chars.0.is_empty() {
                continue;
            }
            candidates.entry(unit).or_default().push(Candidate { phrase: &f.indicator, chars, value: f.value });
        }
        for (unit, figs) in candidates {
            let open = by_unit.entry(unit.clone()).or_default();
            let mut pairs = candidate_pairs(&chains, open, &figs);
            pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let mut fig_used = vec![false; figs.len()];
            let mut chain_used: HashSet<usize> = HashSet::new();
            let mut placed: Vec<(usize, usize, f64)> = Vec::new();
            for (s, c, f) in pairs {
                if fig_used.get(f).copied().unwrap_or(true) || chain_used.contains(&c) {
                    continue;
                }
                if let Some(u) = fig_used.get_mut(f) {
                    *u = true;
                }
                chain_used.insert(c);
                placed.push((c, f, s));
            }
            // Joins are applied after matching so that a figure never matches its own report.
            for (c, f, s) in placed {
                let (Some(chain), Some(fig)) = (chains.get_mut(c), figs.get(f)) else { continue };
                chain.set(r, fig);
                chain.confidence = chain.confidence.min(s);
            }
            for (f, fig) in figs.iter().enumerate() {
                if fig_used.get(f).copied().unwrap_or(false) {
                    continue;
                }
                let mut chain = Chain {
                    unit: unit.clone(),
                    values: vec![None; n],
                    phrases: vec![None; n],
                    sets: Vec::new(),
                    confidence: 1.0,
                };
                chain.set(r, fig);
                open.push(chains.len());
                chains.push(chain);
            }
        }
    }
    chains
        .into_iter()
        .filter(|c| c.values.iter().flatten().count() >= 2)
        .map(|c| {
            let (delta, pct) = ctx.change(&c.values);
            FigureRow {
                indicator: c.phrases.iter().rev().flatten().next().cloned().unwrap_or_default(),
                unit: c.unit,
                by_region: ctx.by_region(&c.values),
                values: c.values,
                phrases: c.phrases,
                confidence: round_to(c.confidence, 2),
                delta,
                pct,
            }
        })
        .collect()
}

/// Every check id, in order of first appearance, with each report's result.
fn check_rows(reports: &[&Report]) -> Vec<CheckRow> {
    let mut rows: Vec<CheckRow> = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        for check in &report.checks {
            let row = match rows.iter().position(|row| row.id == check.id) {
                Some(i) => i,
                None => {
                    rows.push(CheckRow { id: check.id.clone(), ok: vec![None; reports.len()] });
                    rows.len() - 1
                }
            };
            if let Some(slot) = rows.get_mut(row).and_then(|row| row.ok.get_mut(r)) {
                *slot = Some(check.ok);
            }
        }
    }
    rows
}

/// A number as JSON: whole numbers as integers (`19`, not `19.0`), others as floats.
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else if v.is_finite() {
            s.serialize_f64(v)
        } else {
            s.serialize_none()
        }
    }
}

fn one_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    Num(*v).serialize(s)
}

fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    v.map(Num).serialize(s)
}

fn numbers<S: Serializer>(v: &[Option<f64>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|v| v.map(Num)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Check, Figure, Meta};

    fn kv(value: f64, unit: &str, qualifier: &str) -> KeyValue {
        KeyValue { value, unit: unit.into(), qualifier: qualifier.into(), evidence: String::new(), metric: None }
    }

    fn fig(value: f64, unit: &str, indicator: &str) -> Figure {
        Figure {
            surface: String::new(),
            value,
            unit: unit.into(),
            indicator: indicator.into(),
            approx: false,
            start: 0,
            end: 0,
            section: None,
        }
    }

    fn report(source: &str, region: Option<&str>, year: Option<i32>, keys: &[(&str, KeyValue)]) -> Report {
        let mut r = Report {
            source: source.into(),
            meta: Meta { region: region.map(Into::into), report_year: year, ..Meta::default() },
            ..Report::default()
        };
        for (id, v) in keys {
            r.key_indicators.entry(id.to_string()).or_default().push(v.clone());
        }
        r
    }

    fn row<'a>(c: &'a Comparison, id: &str, unit: &str) -> &'a Row {
        c.rows.iter().find(|r| r.indicator == id && r.unit == unit).expect("row present")
    }

    #[test]
    fn orders_by_region_then_year() {
        let c = compare(&[
            report("b23", Some("乙区"), Some(2023), &[]),
            report("a23", Some("甲区"), Some(2023), &[]),
            report("none", None, Some(2020), &[]),
            report("b21", Some("乙区"), Some(2021), &[]),
            report("b??", Some("乙区"), None, &[]),
        ]);
        let order: Vec<&str> = c.reports.iter().map(|r| r.source.as_str()).collect();
        // 乙 U+4E59 < 甲 U+7532; unknown years and regions last.
        assert_eq!(order, ["b21", "b23", "b??", "a23", "none"]);
    }

    #[test]
    fn same_region_delta_and_pct() {
        let c = compare(&[
            report("new", Some("甲区"), Some(2023), &[("reconsideration_accepted", kv(83.0, "宗", "受理"))]),
            report("old", Some("甲区"), Some(2021), &[("reconsideration_accepted", kv(19.0, "宗", "受理"))]),
        ]);
        let r = row(&c, "reconsideration_accepted", "宗");
        assert_eq!(r.values, [Some(19.0), Some(83.0)]);
        assert_eq!(r.delta, Some(64.0));
        assert_eq!(r.pct, Some(336.8));
        assert_eq!(r.label, "行政复议受理");
        assert_eq!(r.by_region.len(), 1);
        assert_eq!((r.by_region[0].from_year, r.by_region[0].to_year), (Some(2021), Some(2023)));
    }

    #[test]
    fn pct_rounds_to_one_decimal_and_delta_loses_float_noise() {
        let c = compare(&[
            report("a", Some("甲区"), Some(2022), &[("mediation_success_rate", kv(93.88, "%", ""))]),
            report("b", Some("甲区"), Some(2023), &[("mediation_success_rate", kv(96.1, "%", ""))]),
        ]);
        let r = row(&c, "mediation_success_rate", "%");
        assert_eq!(r.delta, Some(2.22));
        assert_eq!(r.pct, Some(2.4)); // 2.22 / 93.88 = 2.3647…%
        let c = compare(&[
            report("a", Some("甲区"), Some(2022), &[("major_decisions", kv(3.0, "项", ""))]),
            report("b", Some("甲区"), Some(2023), &[("major_decisions", kv(1.0, "项", ""))]),
        ]);
        let r = row(&c, "major_decisions", "项");
        assert_eq!((r.delta, r.pct), (Some(-2.0), Some(-66.7)));
    }

    #[test]
    fn pct_is_null_from_zero() {
        let c = compare(&[
            report("a", Some("甲区"), Some(2022), &[("litigation_lost", kv(0.0, "宗", ""))]),
            report("b", Some("甲区"), Some(2023), &[("litigation_lost", kv(3.0, "宗", ""))]),
        ]);
        let r = row(&c, "litigation_lost", "宗");
        assert_eq!((r.delta, r.pct), (Some(3.0), None));
    }

    #[test]
    fn different_units_are_never_compared() {
        let c = compare(&[
            report(
                "a",
                Some("甲区"),
                Some(2021),
                &[("enforcement_files_reviewed", kv(1000.0, "宗", "评查案卷")), ("enforcement_files_reviewed", kv(4.0, "轮次", "评查轮次"))],
            ),
            report("b", Some("甲区"), Some(2023), &[("enforcement_files_reviewed", kv(1200.0, "宗", "评查案卷"))]),
            report("c", Some("甲区"), Some(2024), &[("leader_court_appearance", kv(100.0, "%", ""))]),
            report("d", Some("甲区"), Some(2025), &[("leader_court_appearance", kv(12.0, "件", ""))]),
        ]);
        let cases = row(&c, "enforcement_files_reviewed", "宗");
        assert_eq!(cases.values, [Some(1000.0), Some(1200.0), None, None]);
        assert_eq!(cases.delta, Some(200.0));
        let rounds = row(&c, "enforcement_files_reviewed", "轮次");
        assert_eq!(rounds.values, [Some(4.0), None, None, None]);
        assert_eq!((rounds.delta, rounds.pct), (None, None));
        // A rate and a count of one id are two rows, neither with a change.
        assert_eq!(row(&c, "leader_court_appearance", "%").delta, None);
        assert_eq!(row(&c, "leader_court_appearance", "件").delta, None);
        // Rows keep taxonomy order; units of one id in order of first mention.
        let ids: Vec<(&str, &str)> = c.rows.iter().map(|r| (r.indicator.as_str(), r.unit.as_str())).collect();
        assert_eq!(
            ids,
            [
                ("leader_court_appearance", "%"),
                ("leader_court_appearance", "件"),
                ("enforcement_files_reviewed", "宗"),
                ("enforcement_files_reviewed", "轮次"),
            ]
        );
    }

    #[test]
    fn nulls_are_skipped_to_the_last_two_stated_values() {
        let c = compare(&[
            report("a", Some("甲区"), Some(2020), &[("audit_projects", kv(10.0, "项", ""))]),
            report("b", Some("甲区"), Some(2021), &[]),
            report("c", Some("甲区"), Some(2022), &[("audit_projects", kv(15.0, "项", ""))]),
            report("d", Some("甲区"), Some(2023), &[]),
        ]);
        let r = row(&c, "audit_projects", "项");
        assert_eq!(r.values, [Some(10.0), None, Some(15.0), None]);
        assert_eq!((r.delta, r.pct), (Some(5.0), Some(50.0)));
        let only_one = compare(&[report("a", Some("甲区"), Some(2020), &[("audit_projects", kv(10.0, "项", ""))])]);
        assert_eq!(only_one.rows[0].delta, None);
        let json = serde_json::to_string(&r).expect("serialises");
        assert!(json.contains(r#""values":[10,null,15,null],"delta":5,"pct":50"#), "{json}");
    }

    #[test]
    fn other_regions_are_separate_series() {
        let c = compare(&[
            report("a21", Some("甲区"), Some(2021), &[("litigation_cases", kv(36.0, "宗", ""))]),
            report("a23", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.0, "宗", ""))]),
            report("b24", Some("丙区"), Some(2024), &[("litigation_cases", kv(252.0, "宗", ""))]),
        ]);
        // 丙 U+4E19 sorts before 甲 U+7532.
        let r = row(&c, "litigation_cases", "宗");
        assert_eq!(r.values, [Some(252.0), Some(36.0), Some(113.0)]);
        assert_eq!(r.delta, Some(77.0));
        let c = compare(&[
            report("a23", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.0, "宗", ""))]),
            report("z24", Some("乙区"), Some(2024), &[("litigation_cases", kv(252.0, "宗", ""))]),
        ]);
        let r = row(&c, "litigation_cases", "宗");
        assert_eq!(r.values.len(), 2);
        assert_eq!((r.delta, r.pct), (None, None), "last two values are of different regions");
        assert!(r.by_region.is_empty());
        // Reports with neither region nor body are compared with nothing.
        let c = compare(&[
            report("x", None, Some(2021), &[("litigation_cases", kv(1.0, "宗", ""))]),
            report("y", None, Some(2022), &[("litigation_cases", kv(2.0, "宗", ""))]),
        ]);
        assert_eq!(c.rows[0].delta, None);
    }

    #[test]
    fn region_falls_back_to_body_and_is_simplified() {
        let mut a = report("a", None, Some(2021), &[("audit_projects", kv(1.0, "项", ""))]);
        a.meta.body = Some("某某縣審計局".into());
        let mut b = report("b", None, Some(2022), &[("audit_projects", kv(2.0, "项", ""))]);
        b.meta.body = Some("某某县审计局".into());
        let c = compare(&[a, b]);
        assert_eq!(c.rows[0].delta, Some(1.0));
        assert_eq!(c.rows[0].by_region[0].region, "某某县审计局");
    }

    #[test]
    fn several_entries_pick_the_best_matching_qualifier() {
        let c = compare(&[
            report(
                "a",
                Some("甲区"),
                Some(2022),
                &[("normative_docs_issued", kv(8.0, "件", "区规范性文件")), ("normative_docs_issued", kv(7.0, "件", "部门规范性文件"))],
            ),
            report("b", Some("甲区"), Some(2023), &[("normative_docs_issued", kv(16.0, "件", "部门规范性文件(印发)"))]),
        ]);
        let r = row(&c, "normative_docs_issued", "件");
        assert_eq!(r.values, [Some(7.0), Some(16.0)]);
        assert_eq!(r.qualifiers[0].as_deref(), Some("部门规范性文件"));
        // Alone, the first entry stands for the report.
        let c = compare(&[report(
            "a",
            Some("甲区"),
            Some(2022),
            &[("npc_suggestions", kv(74.0, "件", "市人大代表建议")), ("npc_suggestions", kv(216.0, "件", "区人大代表建议"))],
        )]);
        assert_eq!(c.rows[0].values, [Some(74.0)]);
    }

    #[test]
    fn similarity_ignores_order_and_punctuation() {
        assert_eq!(similarity("行政复议受理", "受理行政复议"), 1.0);
        assert!(similarity("评查案卷", "评查行政执法案卷") > MIN_FIGURE_CONFIDENCE);
        assert!(similarity("法治宣传活动", "普法宣传活动") > 0.8);
        // Sharing only a generic verb is weak evidence.
        assert!(similarity("受理", "受理") < MIN_FIGURE_CONFIDENCE);
        assert!(similarity("行政复议受理", "法律援助受理") < MIN_FIGURE_CONFIDENCE);
        assert!(similarity("不予受理行政复议申请", "受理行政复议申请") < MIN_FIGURE_CONFIDENCE);
        assert!(similarity("现行有效的规范性文件", "废止规范性文件") < MIN_FIGURE_CONFIDENCE);
        assert_eq!(similarity("", "评查案卷"), 0.0);
        assert_eq!(similarity("123,。", "123,。"), 0.0);
        assert_eq!(similarity("評查案卷", "评查案卷"), 1.0);
    }

    #[test]
    fn aligns_non_key_figures_by_phrase_and_unit() {
        let mut a = report("a", Some("甲区"), Some(2021), &[]);
        a.metrics = vec![fig(438.0, "场", "法治宣传活动"), fig(12.0, "人", "新增公职律师"), fig(3.0, "场", "专题培训")];
        let mut b = report("b", Some("甲区"), Some(2023), &[]);
        b.metrics = vec![
            fig(90.0, "%", "法治宣传活动覆盖率"),
            fig(583.0, "场", "普法宣传活动"),
            fig(20.0, "名", "新增公职律师"),
            fig(5.0, "场", "法治宣传活动"),
        ];
        let c = compare(&[a, b]);
        assert_eq!(c.figures.len(), 1, "{:#?}", c.figures);
        let f = &c.figures[0];
        // The identical phrase wins over the merely similar one.
        assert_eq!((f.unit.as_str(), f.values.as_slice()), ("场", [Some(438.0), Some(5.0)].as_slice()));
        assert_eq!(f.confidence, 1.0);
        assert_eq!((f.delta, f.pct), (Some(-433.0), Some(-98.9)));
        assert_eq!(f.phrases[0].as_deref(), Some("法治宣传活动"));
        assert!(c.rows.is_empty());
    }

    #[test]
    fn figures_backing_key_indicators_stay_out_of_the_figure_table() {
        let mut a = report("a", Some("甲区"), Some(2021), &[]);
        a.metrics = vec![fig(1119.0, "宗", "评查案卷"), fig(438.0, "场", "法治宣传活动")];
        a.key_indicators.insert("enforcement_files_reviewed".into(), vec![KeyValue { metric: Some(0), ..kv(1119.0, "宗", "") }]);
        let mut b = report("b", Some("甲区"), Some(2023), &[]);
        b.metrics = vec![fig(1223.0, "宗", "评查行政执法案卷"), fig(583.0, "场", "法治宣传活动")];
        let c = compare(&[a, b]);
        let phrases: Vec<&str> = c.figures.iter().map(|f| f.indicator.as_str()).collect();
        assert_eq!(phrases, ["法治宣传活动"]);
        // Without the key link, the similar phrase aligns with a confidence below 1.
        let mut a = report("a", Some("甲区"), Some(2021), &[]);
        a.metrics = vec![fig(1119.0, "宗", "评查案卷")];
        let mut b = report("b", Some("甲区"), Some(2023), &[]);
        b.metrics = vec![fig(1223.0, "宗", "评查行政执法案卷")];
        let c = compare(&[a, b]);
        assert_eq!(c.figures.len(), 1);
        assert!(c.figures[0].confidence >= MIN_FIGURE_CONFIDENCE && c.figures[0].confidence < 1.0);
        assert_eq!(c.figures[0].delta, Some(104.0));
        assert_eq!(c.figures[0].pct, Some(9.3));
    }

    #[test]
    fn checks_side_by_side() {
        let mut a = report("a", Some("甲区"), Some(2021), &[]);
        a.checks = vec![Check { id: "part_problems".into(), ok: true, detail: String::new() }];
        let mut b = report("b", Some("甲区"), Some(2022), &[]);
        b.checks = vec![
            Check { id: "published_on_time".into(), ok: false, detail: String::new() },
            Check { id: "part_problems".into(), ok: false, detail: String::new() },
        ];
        let c = compare(&[a, b]);
        assert_eq!(c.checks.len(), 2);
        assert_eq!(c.checks[0].ok, [Some(true), Some(false)]);
        assert_eq!(c.checks[1].ok, [None, Some(false)]);
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        assert_eq!(compare(&[]), Comparison::default());
        let c = compare(&[
            report("a", Some(" "), None, &[("x", kv(f64::NAN, "", "")), ("y", kv(1.0, " ", ""))]),
            report("b", Some(""), None, &[("y", kv(f64::INFINITY, "", ""))]),
        ]);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].label, "y");
        assert!(serde_json::to_string(&c).is_ok());
    }

    #[test]
    fn csv_has_a_header_and_one_column_per_report() {
        let c = compare(&[
            report("a.txt", Some("甲区"), Some(2021), &[("litigation_cases", kv(36.0, "宗", ""))]),
            report("b.txt", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.5, "宗", ""))]),
            report("c.txt", Some("甲区"), Some(2023), &[("audit_projects", kv(2.0, "项", "x"))]),
        ]);
        let csv = c.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "indicator,label,unit,甲区2021,甲区2023 (b.txt),甲区2023 (c.txt),delta,pct");
        assert_eq!(lines[1], "litigation_cases,行政诉讼案件,宗,36,113.5,,77.5,215.3");
        assert_eq!(lines[2], "audit_projects,审计项目,项,,,2,,");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }

    #[test]
    fn many_figures_align_in_reasonable_time() {
        // Far beyond the comparison budget: the exact-phrase fallback must keep this linear.
        let many = |source: &str, year| {
            let mut r = report(source, Some("甲区"), Some(year), &[]);
            r.metrics = (0..50_000).map(|i| fig(i as f64, "项", if i % 2 == 0 { "重点项目" } else { "民生实事项目" })).collect();
            r
        };
        let started = std::time::Instant::now();
        let c = compare(&[many("a", 2022), many("b", 2023)]);
        assert_eq!(c.figures.len(), 50_000);
        assert!(c.figures.iter().all(|f| f.confidence == 1.0 && f.values.iter().all(Option::is_some)));
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    }
}
