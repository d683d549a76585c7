//! Other figures: aligned across reports by the similarity of their indicator phrases, same
//! unit only, each row with a confidence.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::series::{round_to, Series};
use super::similarity::{CharSet, MIN_FIGURE_CONFIDENCE};
use super::{row_unit, unit_class, unit_key, FigureRow};
use crate::report::Report;
use crate::script::simplify_str;

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
                let same = f.value == kv.value && unit_class(&f.unit) == unit_class(&kv.unit);
                (same && !f.surface.is_empty() && kv.evidence.contains(f.surface.as_str())).then_some(m)
            })),
        }
    }
    keyed
}

/// A figure of one report that may join a [`FigureRow`].
struct Candidate<'a> {
    phrase: &'a str,
    unit: String,
    chars: CharSet,
    value: f64,
}

/// A figure row under construction.
struct Chain {
    unit: String,
    values: Vec<Option<f64>>,
    phrases: Vec<Option<String>>,
    units: Vec<Option<String>>,
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
        if let Some(u) = self.units.get_mut(r) {
            *u = Some(fig.unit.clone());
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
pub(super) fn figure_rows(reports: &[&Report], ctx: &Series) -> Vec<FigureRow> {
    let n = reports.len();
    let mut chains: Vec<Chain> = Vec::new();
    let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (r, report) in reports.iter().enumerate() {
        let keyed = keyed_metrics(report);
        let mut candidates: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
        for (m, f) in report.metrics.iter().enumerate() {
            let unit = unit_class(&f.unit);
            if keyed.contains(&m) || unit.is_empty() || !f.value.is_finite() {
                continue;
            }
            let chars = CharSet::new(&f.indicator);
            if chars.0.is_empty() {
                continue;
            }
            candidates.entry(unit).or_default().push(Candidate { phrase: &f.indicator, unit: unit_key(&f.unit), chars, value: f.value });
        }
        for (unit, figs) in candidates {
            let open = by_unit.entry(unit.clone()).or_default();
            let mut pairs = candidate_pairs(&chains, open, &figs);
            // (row, figure) pairs are distinct, so this order is total and needs no stable sort.
            pairs.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
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
                    units: vec![None; n],
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
                unit: row_unit(&c.unit, &c.units),
                units: c.units,
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
