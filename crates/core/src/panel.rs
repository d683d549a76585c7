//! The long panel: many reports as one table, one row per report × key-indicator value or
//! figure, for statistics packages and spreadsheets (`fazhi panel`; the web app can build the
//! same rows, this module has no front-end dependency).
//!
//! A row says which report it comes from (file, body, region, [`Level`], year), what it is
//! ([`Kind`], indicator id, label), the value (number, unit, approximation, printed form), what
//! it counts (headline, counts; see `docs/comparison.md`), and where it stands (section,
//! evidence sentence). Rows of one report: its key-indicator values first, in the catalog's
//! order, then every figure in document order. [`csv`] writes them through the crate's one CSV
//! writer ([`crate::csv`]), numbers through [`crate::format::number`].

use serde::{Deserialize, Serialize};

use crate::{catalog, format, Report};

/// The level of government of the reporting body, derived from `meta.body` and `meta.region`
/// by [`level`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A national ministry or agency (部, 委, 署, 局… without a region).
    Ministry,
    /// A province, autonomous region or municipality (省, 自治区, 直辖市).
    Province,
    /// A city, or another prefecture-level area (市, 州, 盟, 地区).
    City,
    /// A city district (区).
    District,
    /// A county or banner (县, 旗).
    County,
    /// A department of a local government (局, 委员会, 办公室…).
    Department,
    /// A subdistrict, town or township (街道办事处, 镇, 乡).
    Subdistrict,
}

impl Level {
    /// The stable id used in the CSV and JSON ("district").
    pub fn id(self) -> &'static str {
        match self {
            Level::Ministry => "ministry",
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
            Level::County => "county",
            Level::Department => "department",
            Level::Subdistrict => "subdistrict",
        }
    }

    /// The Chinese name of the level ("区级").
    pub fn label(self) -> &'static str {
        match self {
            Level::Ministry => "部委",
            Level::Province => "省级",
            Level::City => "市级",
            Level::District => "区级",
            Level::County => "县级",
            Level::Department => "部门",
            Level::Subdistrict => "街道乡镇",
        }
    }
}

/// Municipalities directly under the central government: a province-level 市.
const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

/// Words a department's name ends with (a government's own name ends with 政府).
const DEPARTMENT_ENDS: [&str; 14] =
    ["委员会", "办公室", "办公厅", "总局", "局", "厅", "委", "部", "署", "办", "处", "中心", "院", "所"];

/// The level of the reporting body, by a small rule on its name (`body`, Simplified or
/// Traditional) and the region it governs (`region`); `None` when neither says.
///
/// 1. A body of a 街道 (街道办事处, 街道办), or a government whose place ends with 镇, 乡 or
///    街道: [`Level::Subdistrict`].
/// 2. A body whose name ends with a department word (局, 厅, 委, 委员会, 办公室, 部, 署, 办,
///    中心…) and not with 政府: [`Level::Ministry`] when the report names no region, else
///    [`Level::Department`] (深圳市坪山区司法局, 某市人民政府办公室).
/// 3. Otherwise a government, by the last word of its place (the region, else the body without
///    人民政府/政府): 省 or 自治区, or 北京/天津/上海/重庆市 → province; 市, 州, 盟, 地区 → city;
///    区 → district; 县, 旗 → county.
pub fn level(body: Option<&str>, region: Option<&str>) -> Option<Level> {
    let body = body.map(|b| crate::simplify(b.trim())).filter(|b| !b.is_empty());
    let region = region.map(|r| crate::simplify(r.trim())).filter(|r| !r.is_empty());
    let government =
        body.as_deref().map(|b| b.strip_suffix("人民政府").or_else(|| b.strip_suffix("政府")).unwrap_or(b));
    let is_government = body.as_deref().is_some_and(|b| b.ends_with("政府"));
    if let Some(b) = body.as_deref() {
        if b.ends_with("街道办事处") || b.ends_with("街道办") || b.ends_with("街道") {
            return Some(Level::Subdistrict);
        }
        if is_government && government.is_some_and(|g| g.ends_with(['镇', '乡']) || g.ends_with("街道")) {
            return Some(Level::Subdistrict);
        }
        if !is_government && DEPARTMENT_ENDS.iter().any(|end| b.ends_with(end)) {
            return Some(if region.is_none() { Level::Ministry } else { Level::Department });
        }
    }
    let place = region.as_deref().or(government)?;
    if place.ends_with(['镇', '乡']) || place.ends_with("街道") {
        Some(Level::Subdistrict)
    } else if place.ends_with('省')
        || place.ends_with("自治区")
        || MUNICIPALITIES.iter().any(|m| place.strip_suffix('市') == Some(m))
    {
        Some(Level::Province)
    } else if place.ends_with(['市', '州', '盟']) || place.ends_with("地区") {
        Some(Level::City)
    } else if place.ends_with('区') {
        Some(Level::District)
    } else if place.ends_with(['县', '旗']) {
        Some(Level::County)
    } else {
        None
    }
}

/// What a row holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A value of a canonical key indicator (`key_indicators`).
    KeyIndicator,
    /// A figure of the report (`metrics`), whether or not it backs a key indicator.
    Figure,
}

impl Kind {
    /// The stable id used in the CSV and JSON ("key_indicator", "figure").
    pub fn id(self) -> &'static str {
        match self {
            Kind::KeyIndicator => "key_indicator",
            Kind::Figure => "figure",
        }
    }
}

/// One row of the long panel: one key-indicator value or figure of one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The report's source (`Report::source`: the file name as given).
    pub file: String,
    /// The reporting body (`meta.body`).
    pub body: Option<String>,
    /// The region it governs (`meta.region`).
    pub region: Option<String>,
    /// The body's level of government (see [`level`]).
    pub level: Option<Level>,
    /// The year reported on (`meta.report_year`).
    pub year: Option<i32>,
    /// Key-indicator value or figure.
    pub kind: Kind,
    /// The key indicator's id ("reconsideration_accepted"); `None` for a figure.
    pub indicator: Option<String>,
    /// The key indicator's Chinese label from the catalog, or the figure's phrase.
    pub label: String,
    /// The value, 万/亿 folded in.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// The unit as printed, Simplified ("宗", "%").
    pub unit: String,
    /// True when the report gives the value as approximate (余, 多, 约…).
    pub approx: bool,
    /// The value as printed ("1000余件").
    pub printed: String,
    /// For a key-indicator value: whether it is the report's headline value for the indicator;
    /// `None` for a figure.
    pub headline: Option<bool>,
    /// What a key-indicator value counts ("市 · 办理"; see `KeyValue::counts`); "" for the
    /// plain own-level count and for figures.
    pub counts: String,
    /// The innermost heading holding the value, marker and title as printed ("（三）…"), or "".
    pub section: String,
    /// The sentence the value was read from, as printed.
    pub evidence: String,
}

/// The panel's rows for one report. `text` is the decoded text the report's offsets point
/// into (for the sentence around a figure); another text only makes those sentences shorter.
pub fn rows(report: &Report, text: &str) -> Vec<Row> {
    let meta = &report.meta;
    let level = level(meta.body.as_deref(), meta.region.as_deref());
    let base = |kind: Kind| Row {
        file: report.source.clone(),
        body: meta.body.clone(),
        region: meta.region.clone(),
        level,
        year: meta.report_year,
        kind,
        indicator: None,
        label: String::new(),
        value: 0.0,
        unit: String::new(),
        approx: false,
        printed: String::new(),
        headline: None,
        counts: String::new(),
        section: String::new(),
        evidence: String::new(),
    };
    let section = |index: Option<usize>| {
        index.and_then(|i| report.sections.get(i)).map(|s| format!("{}{}", s.marker, s.title)).unwrap_or_default()
    };
    let mut ids: Vec<&String> = report.key_indicators.keys().collect();
    ids.sort_by_key(|id| (catalog::indicator_rank(id), id.as_str()));
    let mut out =
        Vec::with_capacity(report.metrics.len() + report.key_indicators.values().map(Vec::len).sum::<usize>());
    for id in ids {
        let label = catalog::indicator_label(id).unwrap_or(id.as_str());
        for v in report.key_indicators.get(id).into_iter().flatten() {
            let figure = v.metric.and_then(|m| report.metrics.get(m));
            out.push(Row {
                indicator: Some(id.clone()),
                label: label.to_string(),
                value: v.value,
                unit: v.unit.clone(),
                approx: v.approx,
                printed: if v.printed.is_empty() {
                    figure.map(|f| f.surface.clone()).unwrap_or_default()
                } else {
                    v.printed.clone()
                },
                headline: Some(v.headline),
                counts: v.counts(),
                section: section(figure.and_then(|f| f.section)),
                evidence: if v.sentence.is_empty() { v.evidence.clone() } else { v.sentence.clone() },
                ..base(Kind::KeyIndicator)
            });
        }
    }
    for f in &report.metrics {
        out.push(Row {
            label: f.indicator.clone(),
            value: f.value,
            unit: f.unit.clone(),
            approx: f.approx,
            printed: f.surface.clone(),
            section: section(f.section),
            evidence: sentence_around(text, f.start, f.end).unwrap_or(&f.surface).to_string(),
            ..base(Kind::Figure)
        });
    }
    out
}

/// Characters a sentence ends with, for the sentence around a figure.
const SENTENCE_ENDS: [char; 7] = ['。', '；', '！', '？', ';', '\n', '\r'];

/// The longest a figure's sentence reaches on either side of it, in characters.
const SENTENCE_REACH: usize = 300;

/// The sentence of `text` holding `start..end` (to 。；！？ or a line break, at most
/// [`SENTENCE_REACH`] characters either side), trimmed; `None` when the range is not in `text`.
fn sentence_around(text: &str, start: usize, end: usize) -> Option<&str> {
    let (before, _, after) = (text.get(..start)?, text.get(start..end)?, text.get(end..)?);
    let from = before
        .char_indices()
        .rev()
        .take(SENTENCE_REACH)
        .take_while(|&(_, c)| !SENTENCE_ENDS.contains(&c))
        .last()
        .map_or(start, |(i, _)| i);
    let mut to = end;
    for (i, c) in after.char_indices().take(SENTENCE_REACH) {
        to = end + i + c.len_utf8();
        if SENTENCE_ENDS.contains(&c) {
            if c == '\n' || c == '\r' {
                to -= c.len_utf8();
            }
            break;
        }
    }
    text.get(from..to).map(str::trim)
}

/// The CSV columns, in order. `kind` and `level` hold the ids of [`Kind`] and [`Level`],
/// `headline` "yes", "no" or "" (a figure), `approx` "≈" or "".
pub const COLUMNS: [&str; 16] = [
    "file",
    "body",
    "region",
    "level",
    "year",
    "kind",
    "indicator",
    "label",
    "value",
    "unit",
    "approx",
    "printed",
    "headline",
    "counts",
    "section",
    "evidence",
];

/// Writes the header record of the panel's CSV.
pub fn csv_header(out: &mut String) {
    crate::csv::row(out, COLUMNS);
}

/// Writes `rows` as CSV records (no header: see [`csv_header`]), through [`crate::csv`]:
/// RFC 4180 quoting, CRLF, formula-like text defused.
pub fn csv(out: &mut String, rows: &[Row]) {
    for r in rows {
        let or = |v: &Option<String>| v.clone().unwrap_or_default();
        crate::csv::row(
            out,
            [
                r.file.clone(),
                or(&r.body),
                or(&r.region),
                r.level.map(Level::id).unwrap_or_default().to_string(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.kind.id().to_string(),
                or(&r.indicator),
                r.label.clone(),
                format::number(r.value),
                r.unit.clone(),
                if r.approx { "≈" } else { "" }.to_string(),
                r.printed.clone(),
                match r.headline {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }
                .to_string(),
                r.counts.clone(),
                r.section.clone(),
                r.evidence.clone(),
            ],
        );
    }
}

/// The analysis of a report in brief: what a table of a thousand reports shows, sorts and
/// filters by without analysing any of them (the web app keeps it with each library entry; its
/// "open many" workers send it with each report).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The reporting body (`Meta::body`).
    #[serde(default)]
    pub body: Option<String>,
    /// The body's level, as the core's id (`panel::Level::id`: "district").
    #[serde(default)]
    pub level: Option<String>,
    /// Publication date as the report states it.
    #[serde(default)]
    pub published: Option<String>,
    /// How many figures the report holds.
    #[serde(default)]
    pub figures: usize,
    /// How many checks were run.
    #[serde(default)]
    pub checks: usize,
    /// Ids of the checks not passed.
    #[serde(default)]
    pub failed: Vec<String>,
}

impl Summary {
    /// The summary of an analysed report.
    pub fn of(report: &Report) -> Summary {
        let meta = &report.meta;
        Summary {
            body: meta.body.clone(),
            level: level(meta.body.as_deref(), meta.region.as_deref()).map(|l| l.id().to_string()),
            published: meta.published.clone(),
            figures: report.metrics.len(),
            checks: report.checks.len(),
            failed: report.checks.iter().filter(|c| !c.ok).map(|c| c.id.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(body: &str, region: Option<&str>) -> Option<Level> {
        level(Some(body), region)
    }

    #[test]
    fn level_of_governments_follows_their_place() {
        assert_eq!(of("广东省人民政府", Some("广东省")), Some(Level::Province));
        assert_eq!(of("广西壮族自治区人民政府", Some("广西壮族自治区")), Some(Level::Province));
        assert_eq!(of("上海市人民政府", Some("上海市")), Some(Level::Province));
        assert_eq!(of("东莞市人民政府", Some("东莞市")), Some(Level::City));
        assert_eq!(of("延边朝鲜族自治州人民政府", Some("延边朝鲜族自治州")), Some(Level::City));
        assert_eq!(of("深圳市坪山区人民政府", Some("坪山区")), Some(Level::District));
        assert_eq!(of("某某县人民政府", Some("某某县")), Some(Level::County));
        assert_eq!(of("某某旗人民政府", None), Some(Level::County), "the place from the body");
        assert_eq!(of("某某自治县政府", Some("某某自治县")), Some(Level::County));
        assert_eq!(level(None, Some("福田区")), Some(Level::District), "no body: the region says");
        assert_eq!(level(None, None), None);
        assert_eq!(of("某某委员会", Some("某某")), Some(Level::Department));
    }

    #[test]
    fn level_of_departments_ministries_and_subdistricts() {
        assert_eq!(of("深圳市坪山区司法局", Some("坪山区")), Some(Level::Department));
        assert_eq!(of("某市人民政府办公室", Some("某市")), Some(Level::Department));
        assert_eq!(of("某省司法厅", Some("某省")), Some(Level::Department));
        assert_eq!(of("某市发展和改革委员会", Some("某市")), Some(Level::Department));
        assert_eq!(of("司法部", None), Some(Level::Ministry));
        assert_eq!(of("国家市场监督管理总局", None), Some(Level::Ministry));
        assert_eq!(of("某某区某某街道办事处", Some("某某区")), Some(Level::Subdistrict));
        assert_eq!(of("某某县某某镇人民政府", Some("某某县")), Some(Level::Subdistrict));
        assert_eq!(of("某某乡人民政府", None), Some(Level::Subdistrict));
        assert_eq!(of("某市乡村振兴局", Some("某市")), Some(Level::Department), "乡 inside a name");
        assert_eq!(of("某某區人民政府", Some("某某區")), Some(Level::District), "Traditional script");
        assert_eq!(of("", Some("")), None);
        assert_eq!(of("某某", None), None);
    }

    #[test]
    fn rows_hold_key_values_then_figures_and_csv_defuses_formulas() {
        let text = "一、行政复议\n全年受理行政复议案件19宗。=1+1共2件；";
        let report = crate::analyze(text);
        let mut report = Report { source: "=cmd|x".into(), ..report };
        report.meta.body = Some("深圳市坪山区人民政府".into());
        report.meta.region = Some("坪山区".into());
        let rows = rows(&report, text);
        assert!(!rows.is_empty());
        let first_figure = rows.iter().position(|r| r.kind == Kind::Figure).unwrap_or(rows.len());
        assert!(rows[first_figure..].iter().all(|r| r.kind == Kind::Figure), "key values first");
        assert!(rows.iter().all(|r| r.level == Some(Level::District)));
        for r in rows.iter().filter(|r| r.kind == Kind::Figure) {
            assert!(r.evidence.contains(&r.printed), "{r:?}");
            assert!(!r.evidence.contains('\n'), "{r:?}");
        }
        let mut out = String::new();
        csv_header(&mut out);
        csv(&mut out, &rows);
        assert!(out.starts_with("file,body,region,level,year,kind,indicator,label,value,unit,"));
        assert!(out.lines().skip(1).all(|l| l.starts_with("\"'=cmd|x\",")), "{out}");
        assert_eq!(out.lines().count(), rows.len() + 1);
    }

    #[test]
    fn sentence_around_stays_in_bounds() {
        assert_eq!(sentence_around("甲。乙19件丙；丁", "甲。乙".len(), "甲。乙19件".len()), Some("乙19件丙；"));
        assert_eq!(sentence_around("19件", 0, 5), Some("19件"));
        assert_eq!(sentence_around("19件", 0, 99), None);
        assert_eq!(sentence_around("件", 1, 2), None);
    }
}
