//! What the comparison view draws, as plain data: the reports aligned ([`Compared`]), signed
//! change texts and the geometry of the small charts. No Yew here, so it is unit-tested
//! natively; the numbers all come from the core's `Comparison` (values, series, steps), nothing
//! is analysed again.

use std::rc::Rc;

use fazhi_lens::compare::{compare, Cell, Comparison, Step};
use fazhi_lens::format::number;
use fazhi_lens::review::{review, Review};
use fazhi_lens::Report;

use crate::i18n::{fill, shown, truncate_chars, Strings};

/// Reports aligned for the view: the core's comparison and, per column, what the app knows of
/// the report behind it.
pub struct Compared {
    /// Library ids of the compared entries, in library order: identifies the comparison.
    pub ids: Vec<String>,
    /// The core's alignment. Each `ReportRef::source` is the library id of its column.
    pub comparison: Comparison,
    /// The analysed report of each column, in column order.
    pub reports: Vec<Rc<Report>>,
    /// The library name of each column's report.
    pub names: Vec<String>,
    /// Short column names ("坪山区2021"), the library name added where two would be equal.
    pub columns: Vec<String>,
}

impl Compared {
    /// Aligns `reports` (library entries `ids`, in library order, each report with its entry's
    /// id as `source`); `name_of` gives an entry's library name.
    pub fn new(ids: Vec<String>, reports: &[Rc<Report>], name_of: impl Fn(&str) -> String) -> Compared {
        // One instance of the generic `compare` for the app: over `&Report`, as the review and
        // the last-year table (`history`) run it (each instance costs the .wasm ~7 KB of gzip).
        let refs: Vec<&Report> = reports.iter().map(AsRef::as_ref).collect();
        let comparison = compare(&refs);
        let columns = comparison.column_names_by(|r| truncate_chars(&name_of(&r.source), 20));
        Compared {
            ids,
            reports: comparison
                .reports
                .iter()
                .filter_map(|r| reports.iter().find(|x| x.source == r.source).cloned())
                .collect(),
            names: comparison.reports.iter().map(|r| name_of(&r.source)).collect(),
            columns,
            comparison,
        }
    }
}

impl PartialEq for Compared {
    fn eq(&self, other: &Self) -> bool {
        self.ids == other.ids
    }
}

/// One picked report with what the review needs beyond its analysis: its decoded text (the
/// long panel's sentences come from it), the file it came from and its library name.
pub struct Picked {
    /// The analysed report; its `source` is its library id.
    pub report: Rc<Report>,
    /// The decoded text its offsets point into.
    pub text: Rc<str>,
    /// The file (or paste) it came from: the long panel's `file` column, as `fazhi panel` has it.
    pub file: String,
    /// Its name in the library.
    pub name: String,
}

/// The review (总览) of the picked reports: the core's [`Review`], with the library name of
/// each of its reports (in `review.comparison.reports` order).
pub struct Reviewed {
    /// The core's review; each `ReportRef::source` is a library id.
    pub review: Review,
    /// The library name of each reviewed report.
    pub names: Vec<String>,
}

impl Reviewed {
    /// Reviews `picked`.
    pub fn new(picked: &[Picked]) -> Reviewed {
        let reports: Vec<&Report> = picked.iter().map(|p| p.report.as_ref()).collect();
        let review = review(&reports);
        let names = review
            .comparison
            .reports
            .iter()
            .map(|r| picked.iter().find(|p| p.report.source == r.source).map(|p| p.name.clone()).unwrap_or_default())
            .collect();
        Reviewed { review, names }
    }
}

/// Where a value of the review leads: its report (a library id), and the figure or sentence
/// to mark there (the report's own key-indicator card finds it the same way).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lead {
    /// The library id of the report to open.
    pub id: String,
    /// Index into the report's figures of the value's figure, when known.
    pub metric: Option<usize>,
    /// The clause the value was read from, to find when there is no figure ("" for none).
    pub evidence: String,
}

impl Lead {
    /// Where `cell` of report `col` of `comparison` leads.
    pub fn to_cell(comparison: &Comparison, col: usize, cell: &Cell) -> Lead {
        Lead {
            id: comparison.reports.get(col).map(|r| r.source.clone()).unwrap_or_default(),
            metric: cell.metric,
            evidence: cell.evidence.clone(),
        }
    }
}

/// Which way a value moved from the region's previous report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// Larger than before.
    Up,
    /// Smaller than before.
    Down,
    /// The same.
    Flat,
}

impl Trend {
    /// The trend of a step.
    pub fn of(step: &Step) -> Trend {
        if step.delta > 0.0 {
            Trend::Up
        } else if step.delta < 0.0 {
            Trend::Down
        } else {
            Trend::Flat
        }
    }

    /// The CSS class (colour) of the trend.
    pub fn class(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Flat => "flat",
        }
    }

    /// The arrow shown next to the number (colour is never the only signal).
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "▲",
            Trend::Down => "▼",
            Trend::Flat => "＝",
        }
    }

    /// The word a screen reader hears instead of the arrow.
    pub fn word(self, s: &Strings) -> &'static str {
        match self {
            Trend::Up => s.compare.up,
            Trend::Down => s.compare.down,
            Trend::Flat => s.compare.flat,
        }
    }
}

// Shared with the report's last-year table, so they live with the strings.
pub use crate::i18n::{step_text, year_text};

/// Width of every chart, in SVG user units (the SVG scales down with its box).
pub const WIDTH: f64 = 280.0;
/// Height of every chart.
pub const HEIGHT: f64 = 150.0;
const LEFT: f64 = 14.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 24.0;
/// The y of the baseline (value 0).
pub const BASE_Y: f64 = HEIGHT - BOTTOM;

/// What kind of chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One region across years.
    Line,
    /// Several regions in one year.
    Bars,
}

/// A text label placed in the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Anchor x (the text is centred on it).
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// The text.
    pub text: String,
}

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (never negative).
    pub height: f64,
    /// Palette index of the bar's series.
    pub series: usize,
}

/// One line: a region's values across years.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Palette index of the series.
    pub series: usize,
    /// The points, in year order.
    pub points: Vec<(f64, f64)>,
    /// The series name, at the end of the line.
    pub name: Label,
    /// Some point is approximate, and so is the slope (drawn dashed).
    pub approx: bool,
}

/// A small chart of one indicator, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Line or bars.
    pub kind: ChartKind,
    /// The accessible title ("行政复议受理（宗）：坪山区逐年变化").
    pub title: String,
    /// Every value the chart shows, as text (its accessible description).
    pub desc: String,
    /// Bars (for [`ChartKind::Bars`]).
    pub bars: Vec<Bar>,
    /// Lines (for [`ChartKind::Line`]).
    pub lines: Vec<Line>,
    /// Value labels, above bars and points.
    pub values: Vec<Label>,
    /// Labels under the x axis (regions or years).
    pub x_labels: Vec<Label>,
}

/// One row of the comparison to chart.
pub struct ChartRow<'a> {
    /// The indicator's label.
    pub label: &'a str,
    /// The row's unit ("宗", "宗/件").
    pub unit: &'a str,
    /// One value per report (`Row::values`).
    pub values: &'a [Option<f64>],
    /// The unit each value is printed in (`Row::units`).
    pub units: &'a [Option<String>],
    /// Each report's value in full (`Row::cells`): approximate ones are marked "≈".
    pub cells: &'a [Option<Cell>],
}

/// A stated value of a row: column, series palette index, series name, year, value.
struct Point<'a> {
    col: usize,
    series: usize,
    name: &'a str,
    year: Option<i32>,
    value: f64,
    /// The printed value when approximate ("1000余件").
    approx: Option<String>,
}

/// A point's value label: the number, "≈" before it when approximate.
fn point_label(p: &Point) -> String {
    let n = number(p.value);
    if p.approx.is_some() {
        ["≈", &n].concat()
    } else {
        n
    }
}

/// The charts of one row (every value of a row counts the same thing, so a line's slope
/// compares like with like): a line chart when some region states the row in two or more years,
/// and a bar chart for every year in which two or more regions state it.
pub fn charts(c: &Comparison, row: &ChartRow, s: &Strings) -> Vec<Chart> {
    let series = c.series();
    let unknown = s.region_unknown;
    let mut points: Vec<Point> = Vec::new();
    for (k, ser) in series.iter().enumerate() {
        for &col in &ser.columns {
            let Some(Some(value)) = row.values.get(col) else { continue };
            if !value.is_finite() {
                continue;
            }
            let year = c.reports.get(col).and_then(|r| r.report_year);
            let approx = row
                .cells
                .get(col)
                .and_then(Option::as_ref)
                .filter(|c| c.approx)
                .map(|c| shown(&c.printed, true, c.value, &c.unit));
            points.push(Point {
                col,
                series: k,
                name: ser.key.as_deref().unwrap_or(unknown),
                year,
                value: *value,
                approx,
            });
        }
    }
    let value_text = |p: &Point| {
        if let Some(a) = &p.approx {
            return a.clone();
        }
        let unit = row.units.get(p.col).cloned().flatten().unwrap_or_else(|| row.unit.to_string());
        format!("{}{unit}", number(p.value))
    };
    let mut out = Vec::new();
    if let Some(chart) = line_chart(&points, row, s, &value_text) {
        out.push(chart);
    }
    for year in distinct_years(points.iter().filter_map(|p| p.year)) {
        let mut in_year: Vec<&Point> = points.iter().filter(|p| p.year == Some(year)).collect();
        // One bar per region: a region with two reports of one year shows its first.
        in_year.dedup_by_key(|p| p.series);
        if in_year.len() >= 2 {
            out.push(bar_chart(&in_year, year, row, s, &value_text));
        }
    }
    out
}

/// The distinct years, ascending. (Inserting in place: a handful of years, and no sort routine
/// for one more type in the wasm.)
fn distinct_years(years: impl Iterator<Item = i32>) -> Vec<i32> {
    let mut out: Vec<i32> = Vec::new();
    for y in years {
        if let Err(at) = out.binary_search(&y) {
            out.insert(at, y);
        }
    }
    out
}

/// y of `v` on a scale from 0 to `max`.
fn scale_y(v: f64, max: f64) -> f64 {
    let plot = BASE_Y - TOP;
    BASE_Y - plot * (v.max(0.0) / max).min(1.0)
}

/// The top of the scale: the largest value, or 1 when there is nothing above 0.
fn scale_max<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let max = values.fold(0.0f64, |m, v| m.max(*v));
    if max > 0.0 {
        max
    } else {
        1.0
    }
}

fn line_chart(points: &[Point], row: &ChartRow, s: &Strings, value_text: &dyn Fn(&Point) -> String) -> Option<Chart> {
    // Series with two or more years: their points, one per year.
    let mut lines: Vec<Vec<&Point>> = Vec::new();
    let mut k = 0;
    while k < points.len() {
        let series = points[k].series;
        let mut pts: Vec<&Point> =
            points[k..].iter().take_while(|p| p.series == series).filter(|p| p.year.is_some()).collect();
        k += points[k..].iter().take_while(|p| p.series == series).count();
        pts.dedup_by_key(|p| p.year);
        if pts.len() >= 2 {
            lines.push(pts);
        }
    }
    if lines.is_empty() {
        return None;
    }
    let years = distinct_years(lines.iter().flatten().filter_map(|p| p.year));
    let max = scale_max(lines.iter().flatten().map(|p| &p.value));
    let span = (years.len().saturating_sub(1)).max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT - 40.0; // room for the series name at the line's end
    let x_of = |year: Option<i32>| {
        let i = years.iter().position(|&y| Some(y) == year).unwrap_or(0) as f64;
        LEFT + 12.0 + plot_w * i / span
    };
    let mut chart = Chart {
        kind: ChartKind::Line,
        title: String::new(),
        desc: String::new(),
        bars: Vec::new(),
        lines: Vec::new(),
        values: Vec::new(),
        x_labels: years.iter().map(|&y| Label { x: x_of(Some(y)), y: HEIGHT - 8.0, text: y.to_string() }).collect(),
    };
    let mut desc = Vec::new();
    let mut names = Vec::new();
    for pts in &lines {
        let coords: Vec<(f64, f64)> = pts.iter().map(|p| (x_of(p.year), scale_y(p.value, max))).collect();
        for (p, &(x, y)) in pts.iter().zip(&coords) {
            chart.values.push(Label { x, y: y - 6.0, text: point_label(p) });
            desc.push(fill(s.compare.chart_point, &[p.name, &year_text(s, p.year), &value_text(p)]));
        }
        let name = pts.first().map_or("", |p| p.name);
        names.push(name);
        let &(x, y) = coords.last().unwrap_or(&(0.0, 0.0));
        chart.lines.push(Line {
            series: pts.first().map_or(0, |p| p.series),
            points: coords,
            name: Label { x: x + 6.0, y: y + 4.0, text: name.to_string() },
            approx: pts.iter().any(|p| p.approx.is_some()),
        });
    }
    chart.title = fill(s.compare.chart_line_title, &[row.label, row.unit, &names.join(s.compare.list_sep)]);
    chart.desc = desc.join(s.compare.list_sep);
    Some(chart)
}

fn bar_chart(
    points: &[&Point],
    year: i32,
    row: &ChartRow,
    s: &Strings,
    value_text: &dyn Fn(&Point) -> String,
) -> Chart {
    let max = scale_max(points.iter().map(|p| &p.value));
    let n = points.len() as f64;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let width = (slot * 0.6).min(48.0);
    let mut chart = Chart {
        kind: ChartKind::Bars,
        title: fill(s.compare.chart_bars_title, &[row.label, row.unit, &year.to_string()]),
        desc: String::new(),
        bars: Vec::new(),
        lines: Vec::new(),
        values: Vec::new(),
        x_labels: Vec::new(),
    };
    let mut desc = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let centre = LEFT + slot * (i as f64 + 0.5);
        let top = scale_y(p.value, max);
        chart.bars.push(Bar { x: centre - width / 2.0, y: top, width, height: BASE_Y - top, series: p.series });
        chart.values.push(Label { x: centre, y: top - 4.0, text: point_label(p) });
        chart.x_labels.push(Label { x: centre, y: HEIGHT - 8.0, text: p.name.to_string() });
        desc.push(fill(s.compare.chart_point, &[p.name, &year_text(s, p.year), &value_text(p)]));
    }
    chart.desc = desc.join(s.compare.list_sep);
    chart
}

/// A coordinate as SVG text: two decimals at most.
pub fn coord(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    number(r)
}

/// The `points` attribute of a polyline.
pub fn polyline_points(points: &[(f64, f64)]) -> String {
    points.iter().map(|&(x, y)| format!("{},{}", coord(x), coord(y))).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{signed, ZH};
    use fazhi_lens::compare::compare;
    use fazhi_lens::{KeyValue, Meta, Report};

    fn report(region: &str, year: i32, value: Option<f64>, unit: &str) -> Report {
        let mut r = Report {
            source: format!("{region}{year}"),
            meta: Meta { region: Some(region.into()), report_year: Some(year), ..Meta::default() },
            ..Report::default()
        };
        if let Some(value) = value {
            let kv = KeyValue { value, unit: unit.into(), ..KeyValue::default() };
            r.key_indicators.insert("litigation_cases".into(), vec![kv]);
        }
        r
    }

    fn charts_of(reports: &[Report]) -> Vec<Chart> {
        let c = compare(reports);
        let row = &c.rows[0];
        let input =
            ChartRow { label: &row.label, unit: &row.unit, values: &row.values, units: &row.units, cells: &row.cells };
        charts(&c, &input, &ZH)
    }

    #[test]
    fn signed_numbers_and_steps() {
        assert_eq!(signed(64.0), "+64");
        assert_eq!(signed(-9.0), "-9");
        assert_eq!(signed(0.0), "0");
        let step = Step {
            from_year: Some(2021),
            to_year: Some(2023),
            from: 19.0,
            to: 83.0,
            delta: 64.0,
            pct: Some(336.8),
            ..Step::default()
        };
        assert_eq!(step_text(&step), "+64 (+336.8%)");
        assert_eq!(Trend::of(&step), Trend::Up);
        assert_eq!(step_text(&Step { pct: None, delta: 3.0, ..step.clone() }), "+3");
        assert_eq!(step_text(&Step { approx: true, ..step.clone() }), "≈+64 (+336.8%)");
        assert_eq!(Trend::of(&Step { delta: -1.0, ..step }), Trend::Down);
    }

    #[test]
    fn one_region_across_years_is_a_line() {
        let charts = charts_of(&[report("甲区", 2021, Some(36.0), "宗"), report("甲区", 2023, Some(113.0), "件")]);
        assert_eq!(charts.len(), 1);
        let ch = &charts[0];
        assert_eq!(ch.kind, ChartKind::Line);
        assert_eq!(ch.lines.len(), 1);
        let pts = &ch.lines[0].points;
        assert_eq!(pts.len(), 2);
        assert!(pts[0].0 < pts[1].0, "years left to right");
        assert!(pts[1].1 < pts[0].1, "the larger value is higher");
        assert!((pts[1].1 - TOP).abs() < 1e-9, "the largest value touches the top");
        assert_eq!(ch.title, "行政诉讼案件（宗/件）：甲区逐年变化");
        assert_eq!(ch.desc, "甲区 2021年：36宗；甲区 2023年：113件");
        let years: Vec<&str> = ch.x_labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(years, ["2021", "2023"]);
    }

    #[test]
    fn regions_in_one_year_are_bars() {
        let charts = charts_of(&[
            report("甲区", 2023, Some(100.0), "宗"),
            report("乙区", 2023, Some(50.0), "宗"),
            report("丙区", 2022, Some(7.0), "宗"),
            report("丁区", 2023, None, "宗"),
        ]);
        assert_eq!(charts.len(), 1, "{charts:#?}");
        let ch = &charts[0];
        assert_eq!(ch.kind, ChartKind::Bars);
        // Columns sort by region: 乙 < 甲.
        let names: Vec<&str> = ch.x_labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(names, ["乙区", "甲区"]);
        assert!((ch.bars[0].height * 2.0 - ch.bars[1].height).abs() < 1e-9, "heights in proportion");
        assert!(ch.bars.iter().all(|b| b.height >= 0.0 && (b.y + b.height - BASE_Y).abs() < 1e-9));
        assert!(ch.title.contains("2023"));
    }

    #[test]
    fn approximate_points_and_slopes_are_marked() {
        let mut a = report("甲区", 2021, None, "件");
        let kv = KeyValue {
            value: 1000.0,
            unit: "件".into(),
            approx: true,
            printed: "1000余件".into(),
            ..KeyValue::default()
        };
        a.key_indicators.insert("litigation_cases".into(), vec![kv]);
        let charts = charts_of(&[a, report("甲区", 2023, Some(1200.0), "件")]);
        let ch = &charts[0];
        assert!(ch.lines[0].approx);
        assert_eq!(ch.values[0].text, "≈1000");
        assert_eq!(ch.values[1].text, "1200");
        assert!(ch.desc.contains("1000余件"), "{}", ch.desc);
    }

    #[test]
    fn nothing_to_chart_and_odd_values() {
        assert!(charts_of(&[report("甲区", 2021, Some(1.0), "项"), report("乙区", 2022, Some(2.0), "项")]).is_empty());
        let zeros = charts_of(&[report("甲区", 2021, Some(0.0), "项"), report("甲区", 2022, Some(0.0), "项")]);
        assert!(zeros[0].lines[0].points.iter().all(|p| p.1.is_finite() && (p.1 - BASE_Y).abs() < 1e-9));
        assert_eq!(polyline_points(&[(1.0, 2.5), (3.333, 4.0)]), "1,2.5 3.33,4");
    }
}
