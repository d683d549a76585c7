//! Last year beside this year: a report's key indicators next to the same body's earlier report.
//!
//! What a reviewer asks first of a report is what it says against the body's report of the year
//! before: each key indicator's previous value and change, and which indicators last year's
//! report stated that this one no longer does. [`earlier`] finds that report in a set (a
//! library), and [`year_over_year`] sets the two side by side.
//!
//! Nothing new is decided here: the rows, values and changes are those of
//! [`compare`](crate::compare::compare) on the two reports, so a value and its change read the
//! same here as in any comparison that holds both reports.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use crate::compare::{self, Cell, ReportRef, Step};
use crate::report::Report;
use crate::script::{is_han, simplify_str};

/// The identity of a reporting body across years: its name, simplified, with only its Han
/// characters, letters and digits (so "深圳市 坪山区人民政府" and "深圳市坪山區人民政府" are one
/// body). Lacking a body, the region; `None` when the report names neither.
///
/// A department and its government are different bodies (坪山区司法局 is not 坪山区人民政府),
/// even though a comparison puts both in the region's series.
pub fn body_key(report: &Report) -> Option<String> {
    let name = report.meta.body.as_deref().or(report.meta.region.as_deref())?;
    let key: String = simplify_str(name).chars().filter(|&c| is_han(c) || c.is_alphanumeric()).collect();
    (!key.is_empty()).then_some(key)
}

/// The index in `reports` of the report to set `this` against: the same body's (see
/// [`body_key`]) report of the latest year before `this` one's, the year before when the set
/// holds it. Among several reports of that body and year, the first in `reports`. `None` when
/// `this` has no body or year, or the set holds no earlier report of its body.
pub fn earlier<R: Borrow<Report>>(this: &Report, reports: &[R]) -> Option<usize> {
    let key = body_key(this)?;
    let year = this.meta.report_year?;
    let mut best: Option<(i32, usize)> = None;
    for (i, r) in reports.iter().enumerate() {
        let r = r.borrow();
        let Some(y) = r.meta.report_year.filter(|&y| y < year) else { continue };
        if body_key(r).as_deref() != Some(key.as_str()) {
            continue;
        }
        if best.is_none_or(|(b, _)| y > b) {
            best = Some((y, i));
        }
    }
    best.map(|(_, i)| i)
}

/// A report's key indicators next to an earlier report's. See the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearOverYear {
    /// The report under review.
    pub this: ReportRef,
    /// The earlier report it is set against.
    pub earlier: ReportRef,
    /// Every key-indicator row this report states, in the taxonomy's order, with the earlier
    /// report's value in the same row (what it counts and its unit class alike) and the change.
    pub lines: Vec<Line>,
    /// The key indicators the earlier report stated and this one states in no way at all.
    pub dropped: Vec<Dropped>,
}

/// One key-indicator row of [`YearOverYear`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The key-indicator id.
    pub indicator: String,
    /// Its Chinese label.
    pub label: String,
    /// What the row counts beyond the plain own count ("部门 · 办理"), or "".
    pub counts: String,
    /// True for the indicator's headline row; the others are its breakdowns.
    pub headline: bool,
    /// This report's value.
    pub now: Cell,
    /// The earlier report's value in the same row, if it states one.
    pub before: Option<Cell>,
    /// The change from `before` to `now`: only when the two reports are one series (region)
    /// and both state the row.
    pub change: Option<Step>,
}

/// A key indicator the earlier report stated and this one does not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    /// The key-indicator id.
    pub indicator: String,
    /// Its Chinese label.
    pub label: String,
    /// What the earlier value counted ("" for the plain own count).
    pub counts: String,
    /// The earlier report's value: its headline for the indicator, else the first it states.
    pub before: Cell,
}

/// Sets `this` report beside `earlier` (usually what [`earlier`] found). See the module
/// documentation.
pub fn year_over_year(earlier: &Report, this: &Report) -> YearOverYear {
    let both = compare::compare(&[earlier, this]);
    // `compare` orders by region and year, stably: find which column is which.
    let this_col = usize::from(both.reports.len() > 1 && column_of(&both.reports, this) == Some(1));
    let earlier_col = 1 - this_col;
    let cell = |row: &compare::Row, col: usize| row.cells.get(col).cloned().flatten();
    let lines = both
        .rows
        .iter()
        .filter_map(|row| {
            let now = cell(row, this_col)?;
            let before = cell(row, earlier_col);
            let change = row.steps.get(this_col).cloned().flatten().filter(|s| s.from_column == earlier_col);
            Some(Line {
                indicator: row.indicator.clone(),
                label: row.label.clone(),
                counts: row.counts.clone(),
                headline: row.headline,
                now,
                before,
                change,
            })
        })
        .collect();
    let mut dropped: Vec<Dropped> = Vec::new();
    for row in &both.rows {
        let Some(before) = cell(row, earlier_col) else { continue };
        if this.key_indicators.get(&row.indicator).is_some_and(|v| v.iter().any(|kv| kv.value.is_finite())) {
            continue;
        }
        match dropped.iter_mut().find(|d| d.indicator == row.indicator) {
            // The headline row stands for the indicator; the first row when none is.
            Some(d) if before.headline && !d.before.headline => {
                d.counts = row.counts.clone();
                d.before = before;
            }
            Some(_) => {}
            None => dropped.push(Dropped {
                indicator: row.indicator.clone(),
                label: row.label.clone(),
                counts: row.counts.clone(),
                before,
            }),
        }
    }
    YearOverYear {
        this: both.reports.get(this_col).cloned().unwrap_or_default(),
        earlier: both.reports.get(earlier_col).cloned().unwrap_or_default(),
        lines,
        dropped,
    }
}

/// The column `compare` gave `report` among two: the one whose reference matches it, the
/// second when both match (a stable sort keeps equal reports in the order given).
fn column_of(refs: &[ReportRef], report: &Report) -> Option<usize> {
    let same = |r: &ReportRef| {
        r.source == report.source && r.report_year == report.meta.report_year && r.body == report.meta.body
    };
    refs.iter().rposition(same)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn report(source: &str, text: &str) -> Report {
        let mut r = analyze(text);
        r.source = source.to_string();
        r
    }

    const Y2022: &str = "示例市某区人民政府2022年法治政府建设年度报告\n\n一、主要举措和成效\n\
        全年办理行政复议案件40件。办理行政诉讼应诉案件25件。\n\
        二、存在的不足和原因\n法治队伍建设有待加强，原因是培训不足。\n\
        三、下一年度工作安排\n继续推进依法行政。\n";
    const Y2023: &str = "示例市某区人民政府2023年法治政府建设年度报告\n\n一、主要举措和成效\n\
        全年办理行政复议案件52件。\n\
        二、存在的不足和原因\n法治队伍建设有待加强，原因是培训不足。\n\
        三、下一年度工作安排\n继续推进依法行政。\n";
    const OTHER_2022: &str = "示例市某区司法局2022年法治政府建设年度报告\n\n一、主要举措和成效\n\
        全年办理行政复议案件9件。\n";

    #[test]
    fn the_same_bodys_latest_earlier_report_is_found() {
        let this = report("b", Y2023);
        let set = vec![report("dept", OTHER_2022), report("a", Y2022), report("self", Y2023)];
        assert_eq!(earlier(&this, &set), Some(1), "the 司法局 is another body; the report itself is not earlier");
        let only_other = vec![report("dept", OTHER_2022)];
        assert_eq!(earlier(&this, &only_other), None);
        let two_years_back = vec![report("2021", &Y2022.replace("2022", "2021")), report("2022", Y2022)];
        assert_eq!(earlier(&this, &two_years_back), Some(1), "the latest earlier year wins");
    }

    #[test]
    fn values_changes_and_dropped_indicators() {
        let (before, now) = (report("a", Y2022), report("b", Y2023));
        let yoy = year_over_year(&before, &now);
        assert_eq!(yoy.this.report_year, Some(2023));
        assert_eq!(yoy.earlier.report_year, Some(2022));
        let line = yoy.lines.iter().find(|l| l.indicator == "reconsideration_received");
        let line = line.expect("the 行政复议 row");
        assert_eq!(line.before.as_ref().map(|c| c.value), Some(40.0));
        let change = line.change.as_ref().expect("one series, both stated");
        assert_eq!((change.from, change.to, change.delta), (40.0, 52.0, 12.0));
        assert_eq!(change.pct, Some(30.0));
        assert!(
            yoy.dropped.iter().any(|d| d.indicator == "litigation_cases" && d.before.value == 25.0),
            "the 行政诉讼 count of 2022 is missing in 2023: {:?}",
            yoy.dropped
        );
        assert!(yoy.dropped.iter().all(|d| d.before.value != 40.0));
    }

    #[test]
    fn argument_order_not_column_order_decides() {
        // Set a report against a later one: `this` stays the one asked about.
        let (y22, y23) = (report("a", Y2022), report("b", Y2023));
        let back = year_over_year(&y23, &y22);
        assert_eq!(back.this.report_year, Some(2022));
        assert!(back.lines.iter().any(|l| l.now.value == 40.0 && l.before.as_ref().is_some_and(|b| b.value == 52.0)));
        assert!(back.lines.iter().all(|l| l.change.is_none()), "a change runs forward in time only");
    }

    #[test]
    fn body_names_match_across_scripts_and_spacing() {
        let a = report("a", Y2022);
        let b = report("b", &Y2023.replace("某区", "某區").replace("人民政府", "人民 政府"));
        assert_eq!(body_key(&a), body_key(&b));
        assert_eq!(earlier(&b, &[a]), Some(0));
    }
}
