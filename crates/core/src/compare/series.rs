//! Series: the reports of one region in year order, and the changes (Δ, %) between their values.

use super::{clean, Comparison, Pair, ReportRef, SeriesChange, Step};

impl ReportRef {
    /// The series the report belongs to: its region, or lacking one its reporting body
    /// (simplified); `None` when it names neither, and then it is compared with nothing.
    pub fn series(&self) -> Option<String> {
        self.region.clone().or_else(|| clean(self.body.as_deref()))
    }
}

/// The reports (columns) of one series, in year order.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesColumns {
    /// The region (or, lacking one, the reporting body); `None` for a report naming neither.
    pub key: Option<String>,
    /// Indices into [`Comparison::reports`].
    pub columns: Vec<usize>,
}

impl Comparison {
    /// The series of the comparison, in column order: each region with its reports. Reports
    /// with neither region nor body each form a series of their own.
    pub fn series(&self) -> Vec<SeriesColumns> {
        let mut out: Vec<SeriesColumns> = Vec::new();
        for (i, r) in self.reports.iter().enumerate() {
            let key = r.series();
            match out.last_mut() {
                // Reports are sorted by series, so one series is one run of columns.
                Some(last) if key.is_some() && last.key == key => last.columns.push(i),
                _ => out.push(SeriesColumns { key, columns: vec![i] }),
            }
        }
        out
    }

    /// For each value of a row (`Row::values`, `FigureRow::values`), the change from the
    /// previous value of the same series, i.e. from the region's latest earlier report that
    /// states the row; `None` for a region's first value and where there is no value.
    pub fn steps(&self, values: &[Option<f64>]) -> Vec<Option<SeriesChange>> {
        let keys: Vec<Option<String>> = self.reports.iter().map(ReportRef::series).collect();
        let years: Vec<Option<i32>> = self.reports.iter().map(|r| r.report_year).collect();
        let series = Series { keys: &keys, years: &years };
        series.steps(values, &[]).into_iter().map(|s| s.map(SeriesChange::from)).collect()
    }
}

impl From<Step> for SeriesChange {
    fn from(s: Step) -> SeriesChange {
        let Step { region, from_year, to_year, from, to, delta, pct, .. } = s;
        SeriesChange { region, from_year, to_year, from, to, delta, pct }
    }
}

impl Comparison {
    /// Every two reports of one region next to each other in year order, named
    /// "坪山区 2021→2023" (or by the two column names where region or year is missing or
    /// shared): the change columns of [`Comparison::to_csv`].
    pub fn pairs(&self) -> Vec<Pair> {
        let names = self.column_names();
        let mut out = Vec::new();
        for series in self.series().into_iter().filter(|s| s.key.is_some()) {
            for w in series.columns.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (Some(ra), Some(rb)) = (self.reports.get(a), self.reports.get(b)) else { continue };
                let plain =
                    |i: usize, r: &ReportRef| r.region.is_some() && names.get(i).is_some_and(|n| !n.contains(" ("));
                let name = match (ra.report_year, rb.report_year) {
                    (Some(ya), Some(yb)) if ya != yb && plain(a, ra) && plain(b, rb) => {
                        format!("{} {ya}→{yb}", series.key.as_deref().unwrap_or(""))
                    }
                    _ => format!(
                        "{}→{}",
                        names.get(a).map_or("", String::as_str),
                        names.get(b).map_or("", String::as_str)
                    ),
                };
                out.push(Pair { from: a, to: b, name });
            }
        }
        out
    }
}

/// The series key and year of every report, in comparison order.
pub(super) struct Series<'a> {
    pub(super) keys: &'a [Option<String>],
    pub(super) years: &'a [Option<i32>],
}

impl Series<'_> {
    /// Δ and % between the row's last two values, when they are of one series.
    pub(super) fn change(&self, values: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
        self.last_step(values, &[]).map_or((None, None), |s| (Some(s.delta), s.pct))
    }

    /// The change between the last two values of every series that states the row twice.
    pub(super) fn by_region(&self, values: &[Option<f64>]) -> Vec<SeriesChange> {
        // Series key → (index of the last value, index of the one before), in report order.
        let mut last: Vec<(&str, usize, Option<usize>)> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let (Some(_), Some(Some(key))) = (v, self.keys.get(i)) else { continue };
            match last.iter_mut().find(|(k, _, _)| *k == key.as_str()) {
                Some(entry) => *entry = (entry.0, i, Some(entry.1)),
                None => last.push((key.as_str(), i, None)),
            }
        }
        last.into_iter().filter_map(|(_, i, j)| self.step(j?, i, values, &[]).map(SeriesChange::from)).collect()
    }
}

impl Series<'_> {
    /// A [`Step`] from column `j` to column `i`.
    fn step(&self, j: usize, i: usize, values: &[Option<f64>], approx: &[bool]) -> Option<Step> {
        let (from, to) = (values.get(j).copied().flatten()?, values.get(i).copied().flatten()?);
        let region = self.keys.get(i).cloned().flatten()?;
        let (delta, pct) = change(from, to);
        Some(Step {
            from_column: j,
            to_column: i,
            region,
            from_year: self.years.get(j).copied().flatten(),
            to_year: self.years.get(i).copied().flatten(),
            from,
            to,
            delta,
            pct,
            approx: approx.get(j).copied().unwrap_or(false) || approx.get(i).copied().unwrap_or(false),
        })
    }

    /// For each value, the step from the previous value of its series (see
    /// [`Comparison::steps`]), with columns and approximation.
    pub(super) fn steps(&self, values: &[Option<f64>], approx: &[bool]) -> Vec<Option<Step>> {
        let mut previous: Vec<(&str, usize)> = Vec::new();
        (0..values.len())
            .map(|i| {
                let (Some(Some(_)), Some(Some(key))) = (values.get(i), self.keys.get(i)) else { return None };
                match previous.iter_mut().find(|(k, _)| *k == key.as_str()) {
                    Some(entry) => {
                        let j = std::mem::replace(&mut entry.1, i);
                        self.step(j, i, values, approx)
                    }
                    None => {
                        previous.push((key.as_str(), i));
                        None
                    }
                }
            })
            .collect()
    }

    /// The step between the row's last two values when they are of one series: what
    /// [`Series::change`] computes, with its columns.
    pub(super) fn last_step(&self, values: &[Option<f64>], approx: &[bool]) -> Option<Step> {
        let mut stated = values.iter().enumerate().rev().filter(|(_, v)| v.is_some()).map(|(i, _)| i);
        let (i, j) = (stated.next()?, stated.next()?);
        match (self.keys.get(i), self.keys.get(j)) {
            (Some(Some(a)), Some(Some(b))) if a == b => self.step(j, i, values, approx),
            _ => None,
        }
    }
}

/// Δ (float noise rounded away) and % (one decimal; `None` from 0).
fn change(prev: f64, last: f64) -> (f64, Option<f64>) {
    let delta = round_to(last - prev, 6);
    let pct = (prev != 0.0).then(|| round_to((last - prev) / prev * 100.0, 1));
    (delta, pct)
}

pub(super) fn round_to(v: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    let r = (v * m).round() / m;
    // -0.0 prints as "-0" in some formats; there is no negative zero change.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
