//! Reviewing a set (总览): how a set of reports fares on each check, and which key indicators
//! each states, with the spread of their values.
//!
//! A 依法治区办 checking its 30–80 department and 街道 reports asks: how many pass each check,
//! and which miss it; which reports leave a key indicator out; where a report's value sits among
//! the others'. Everything is read off [`compare`](crate::compare::compare) of the set, so a
//! value means here what it means in the comparison: a spread only ever joins values of one
//! row (the same indicator, counted the same way, in one unit class).

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use crate::compare::{self, Comparison};
use crate::report::{CheckState, Report};

/// A set of reports reviewed. Report indices point into [`Comparison::reports`] of
/// `comparison` (ordered by region, then year), not into the slice given to [`review`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The set compared: its reports, rows and checks. Cells lead to each value's sentence.
    pub comparison: Comparison,
    /// Each check with how many reports pass, fail or cannot be told, in the catalog's order.
    pub checks: Vec<CheckTally>,
    /// Each headline key-indicator row: who states it, who does not, and its spread.
    pub indicators: Vec<Coverage>,
}

/// One check across the set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckTally {
    /// The check's stable id.
    pub id: String,
    /// Its Chinese label.
    pub label: String,
    /// Reports that pass.
    pub passed: Vec<usize>,
    /// Reports that fail.
    pub failed: Vec<usize>,
    /// Reports that do not say enough to tell, or have no such check.
    pub unknown: Vec<usize>,
}

/// One key-indicator row (a headline row of the comparison) across the set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Index into `comparison.rows`.
    pub row: usize,
    /// The indicator id.
    pub indicator: String,
    /// Its Chinese label.
    pub label: String,
    /// What the row counts beyond the plain own count, or "".
    pub counts: String,
    /// The unit the row's values are shown in.
    pub unit: String,
    /// Reports that state a value in the row.
    pub stated: Vec<usize>,
    /// Reports that state no value in this row but do state the indicator, counted another
    /// way (another scope, measure or unit class: see the comparison's other rows).
    pub elsewhere: Vec<usize>,
    /// Reports that state the indicator in no way at all: the gaps.
    pub absent: Vec<usize>,
    /// The spread of the stated values; `None` when no report states one.
    pub spread: Option<Spread>,
}

/// Smallest, middle and largest of a row's values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The smallest value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub min: f64,
    /// The median (the mean of the two middle values for an even count).
    #[serde(serialize_with = "crate::format::json_number")]
    pub median: f64,
    /// The largest value.
    #[serde(serialize_with = "crate::format::json_number")]
    pub max: f64,
    /// True when some value is approximate (余/约…): the spread is then approximate too.
    pub approx: bool,
}

/// Reviews a set of reports. See the module documentation.
pub fn review<R: Borrow<Report>>(reports: &[R]) -> Review {
    let comparison = compare::compare(reports);
    let n = comparison.reports.len();
    let checks = crate::catalog::CHECKS
        .iter()
        .map(|entry| {
            let row = comparison.checks.iter().find(|c| c.id == entry.id);
            let mut tally =
                CheckTally { id: entry.id.to_string(), label: entry.label.to_string(), ..CheckTally::default() };
            for r in 0..n {
                match row.and_then(|c| c.states.get(r).copied().flatten()) {
                    Some(CheckState::Passed) => tally.passed.push(r),
                    Some(CheckState::Failed) => tally.failed.push(r),
                    Some(CheckState::Unknown) | None => tally.unknown.push(r),
                }
            }
            tally
        })
        .collect();
    let indicators = comparison
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.headline)
        .map(|(i, row)| {
            let in_row = |r: usize| row.values.get(r).is_some_and(Option::is_some);
            let in_any = |r: usize| {
                comparison
                    .rows
                    .iter()
                    .any(|o| o.indicator == row.indicator && o.values.get(r).is_some_and(Option::is_some))
            };
            let (stated, rest): (Vec<usize>, Vec<usize>) = (0..n).partition(|&r| in_row(r));
            let (elsewhere, absent): (Vec<usize>, Vec<usize>) = rest.into_iter().partition(|&r| in_any(r));
            let values: Vec<f64> = row.values.iter().flatten().copied().collect();
            let approx = row.cells.iter().flatten().any(|c| c.approx);
            Coverage {
                row: i,
                indicator: row.indicator.clone(),
                label: row.label.clone(),
                counts: row.counts.clone(),
                unit: row.unit.clone(),
                stated,
                elsewhere,
                absent,
                spread: spread(values, approx),
            }
        })
        .collect();
    Review { comparison, checks, indicators }
}

/// The spread of `values`; `None` when there are none.
fn spread(mut values: Vec<f64>, approx: bool) -> Option<Spread> {
    values.retain(|v| v.is_finite());
    values.sort_by(f64::total_cmp);
    let (&min, &max) = (values.first()?, values.last()?);
    let mid = values.len() / 2;
    let median = if values.len() % 2 == 1 {
        values.get(mid).copied()?
    } else {
        (values.get(mid - 1).copied()? + values.get(mid).copied()?) / 2.0
    };
    Some(Spread { min, median, max, approx })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn report(text: &str) -> Report {
        analyze(text)
    }

    fn street(name: &str, cases: Option<&str>, problems: bool) -> Report {
        let mut text =
            format!("示例区{name}街道办事处2023年法治政府建设工作报告\n\n一、主要举措和成效\n推进依法行政。");
        if let Some(c) = cases {
            text.push_str(&format!("全年办理行政复议案件{c}。"));
        }
        if problems {
            text.push_str("\n二、存在的不足和原因\n基层法治力量不足，原因是人员流动较大。");
        }
        text.push_str("\n三、下一年度工作安排\n继续推进依法行政。\n");
        report(&text)
    }

    #[test]
    fn checks_are_tallied_and_gaps_listed() {
        let set = [street("甲", Some("12件"), true), street("乙", None, false), street("丙", Some("约30件"), true)];
        let r = review(&set);
        assert_eq!(r.comparison.reports.len(), 3);
        assert_eq!(r.checks.len(), crate::catalog::CHECKS.len());
        let problems = r.checks.iter().find(|c| c.id == "part_problems").expect("the check");
        assert_eq!(problems.passed.len() + problems.failed.len() + problems.unknown.len(), 3);
        assert_eq!(problems.failed.len(), 1, "{problems:?}");
        let failed = problems.failed[0];
        assert!(r.comparison.reports[failed].body.as_deref().is_some_and(|b| b.contains('乙')));

        let cov = r.indicators.iter().find(|c| c.indicator == "reconsideration_received").expect("the row");
        assert_eq!(cov.stated.len(), 2);
        assert_eq!(cov.absent, [failed], "乙 states no 行政复议");
        assert!(cov.elsewhere.is_empty());
        let spread = cov.spread.as_ref().expect("two values");
        assert_eq!((spread.min, spread.median, spread.max), (12.0, 21.0, 30.0));
        assert!(spread.approx, "约30件 is approximate");
    }

    #[test]
    fn an_empty_set_reviews_to_nothing() {
        let r = review::<Report>(&[]);
        assert!(r.indicators.is_empty());
        assert!(r.checks.iter().all(|c| c.passed.is_empty() && c.failed.is_empty() && c.unknown.is_empty()));
    }

    #[test]
    fn spread_of_odd_and_even_counts() {
        assert_eq!(spread(vec![3.0, 1.0, 2.0], false).map(|s| s.median), Some(2.0));
        assert_eq!(spread(vec![4.0, 1.0], false).map(|s| (s.min, s.median, s.max)), Some((1.0, 2.5, 4.0)));
        assert_eq!(spread(vec![f64::NAN], false), None);
    }
}
