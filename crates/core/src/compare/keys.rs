//! Key-indicator rows: one per indicator id and description of what is counted, each report's
//! value in it decided from that report alone.

use std::collections::HashMap;

use super::series::Series;
use super::{label, row_unit, unit_key, wording, Cell, Row};
use crate::indicators;
use crate::report::{counts_label, KeyValue, Report};
use crate::script::simplify_str;

/// What a value counts, as rows compare it: the identity of a [`Row`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Description {
    pub(super) id: String,
    pub(super) scope: String,
    pub(super) measure: String,
    /// The subgroup as compared (Han characters without fillers).
    pub(super) subgroup: String,
    /// The count it is a part of, as compared.
    pub(super) part_of: String,
    pub(super) unit_class: String,
}

impl Description {
    /// The description of value `kv` of indicator `id`.
    pub(super) fn of(id: &str, kv: &KeyValue) -> Description {
        Description {
            id: id.to_string(),
            scope: simplify_str(kv.scope.trim()),
            measure: simplify_str(kv.measure.trim()),
            subgroup: wording(&kv.subgroup),
            part_of: wording(&kv.part_of),
            unit_class: kv.class(),
        }
    }

    /// The row key: the fields joined by "|".
    pub(super) fn key(&self) -> String {
        [&self.id, &self.scope, &self.measure, &self.subgroup, &self.part_of, &self.unit_class]
            .map(String::as_str)
            .join("|")
    }
}

/// One row per description, in taxonomy order; within an id, rows holding a headline first,
/// then in order of first statement (report by report, in document order).
pub(super) fn key_rows(reports: &[&Report], ctx: &Series) -> Vec<Row> {
    /// The values each report states with one description.
    struct Group<'a> {
        desc: Description,
        per_report: Vec<Vec<&'a KeyValue>>,
        /// (report, position in its list) of the first value: the order of first statement.
        first: (usize, usize),
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<Description, usize> = HashMap::new();
    for (r, report) in reports.iter().enumerate() {
        for (id, entries) in &report.key_indicators {
            for (e, kv) in entries.iter().enumerate().filter(|(_, kv)| kv.value.is_finite()) {
                let desc = Description::of(id, kv);
                let slot = *index.entry(desc.clone()).or_insert_with(|| {
                    groups.push(Group { desc, per_report: vec![Vec::new(); reports.len()], first: (r, e) });
                    groups.len() - 1
                });
                if let Some(mine) = groups.get_mut(slot).and_then(|g| g.per_report.get_mut(r)) {
                    mine.push(kv);
                }
            }
        }
    }
    let headline = |g: &Group| g.per_report.iter().flatten().any(|kv| kv.headline);
    crate::order::small_by(&mut groups, |a, b| {
        let rank = |g: &Group| (indicators::rank(&g.desc.id), g.desc.id.clone(), !headline(g), g.first);
        rank(a).cmp(&rank(b))
    });
    groups
        .into_iter()
        .map(|g| {
            let headline = headline(&g);
            let Group { desc, per_report, .. } = g;
            let chosen: Vec<Option<(&KeyValue, Vec<&KeyValue>)>> =
                per_report.iter().map(|values| choose(values)).collect();
            let cells: Vec<Option<Cell>> = chosen.iter().map(|c| c.as_ref().map(|(kv, rest)| cell(kv, rest))).collect();
            let values: Vec<Option<f64>> = cells.iter().map(|c| c.as_ref().map(|c| c.value)).collect();
            let approx: Vec<bool> = cells.iter().map(|c| c.as_ref().is_some_and(|c| c.approx)).collect();
            let units: Vec<Option<String>> = cells.iter().map(|c| c.as_ref().map(|c| unit_key(&c.unit))).collect();
            // The first report's wording of the description, as printed.
            let shown = chosen.iter().flatten().map(|(kv, _)| *kv).next();
            let (subgroup, part_of) =
                shown.map_or_else(Default::default, |kv| (kv.subgroup.clone(), kv.part_of.clone()));
            let (delta, pct) = ctx.change(&values);
            Row {
                label: label(&desc.id),
                indicator: desc.id.clone(),
                unit: row_unit(&desc.unit_class, &units),
                units,
                by_region: ctx.by_region(&values),
                delta,
                pct,
                qualifiers: chosen.iter().map(|c| c.as_ref().map(|(kv, _)| simplify_str(&kv.qualifier))).collect(),
                key: desc.key(),
                counts: counts_label(&desc.scope, &desc.measure, &subgroup, &part_of),
                scope: desc.scope,
                measure: desc.measure,
                subgroup,
                part_of,
                unit_class: desc.unit_class,
                headline,
                steps: ctx.steps(&values, &approx),
                change: ctx.last_step(&values, &approx),
                cells,
                values,
            }
        })
        .collect()
}

/// A report's value in a row out of those it states with the row's description: its headline,
/// else the first; and the rest.
fn choose<'a>(values: &[&'a KeyValue]) -> Option<(&'a KeyValue, Vec<&'a KeyValue>)> {
    let pick = values.iter().position(|kv| kv.headline).unwrap_or(0);
    let chosen = *values.get(pick)?;
    let rest = values.iter().enumerate().filter(|(i, _)| *i != pick).map(|(_, kv)| *kv).collect();
    Some((chosen, rest))
}

/// The printed form of a value: as printed when known, else the number and unit ("≈" before
/// an approximate one).
pub(super) fn printed(kv: &KeyValue) -> String {
    if kv.printed.trim().is_empty() {
        format!("{}{}{}", if kv.approx { "≈" } else { "" }, crate::format::number(kv.value), kv.unit)
    } else {
        kv.printed.clone()
    }
}

fn cell(kv: &KeyValue, rest: &[&KeyValue]) -> Cell {
    Cell {
        value: kv.value,
        unit: kv.unit.clone(),
        printed: printed(kv),
        approx: kv.approx,
        qualifier: simplify_str(&kv.qualifier),
        evidence: kv.evidence.clone(),
        sentence: kv.sentence.clone(),
        headline: kv.headline,
        metric: kv.metric,
        also: rest.iter().map(|kv| printed(kv)).collect(),
    }
}
