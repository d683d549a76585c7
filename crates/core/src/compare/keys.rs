//! Key-indicator rows: one per (indicator id, unit class), one entry chosen per report.

use std::collections::HashMap;

use super::series::Series;
use super::similarity::CharSet;
use super::{label, row_unit, unit_class, unit_key, Row};
use crate::indicators;
use crate::report::{KeyValue, Report};
use crate::script::simplify_str;

/// One row per (key-indicator id, unit class), in taxonomy order, units in order of first
/// mention.
pub(super) fn key_rows(reports: &[&Report], ctx: &Series) -> Vec<Row> {
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
                let unit = unit_class(&kv.unit);
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
    // Stable: units of one id stay in order of first mention.
    crate::order::small_by(&mut cells, |a, b| (indicators::rank(&a.id), &a.id).cmp(&(indicators::rank(&b.id), &b.id)));
    cells
        .into_iter()
        .map(|Cell { id, unit, per_report }| {
            let chosen = choose(&per_report);
            let values: Vec<Option<f64>> = chosen.iter().map(|kv| kv.map(|kv| kv.value)).collect();
            let (delta, pct) = ctx.change(&values);
            let units: Vec<Option<String>> = chosen.iter().map(|kv| kv.map(|kv| unit_key(&kv.unit))).collect();
            Row {
                label: label(&id),
                indicator: id,
                unit: row_unit(&unit, &units),
                units,
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
