//! Series: the reports of one region in year order, and the changes (Δ, %) between their values.

use super::SeriesChange;

/// The series key and year of every report, in comparison order.
pub(super) struct Series<'a> {
    pub(super) keys: &'a [Option<String>],
    pub(super) years: &'a [Option<i32>],
}

impl Series<'_> {
    /// Δ and % between the row's last two values, when they are of one series.
    pub(super) fn change(&self, values: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
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

pub(super) fn round_to(v: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    let r = (v * m).round() / m;
    // -0.0 prints as "-0" in some formats; there is no negative zero change.
    if r == 0.0 { 0.0 } else { r }
}
