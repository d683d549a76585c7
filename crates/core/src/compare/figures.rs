//! Other figures: aligned across reports by the similarity of their indicator phrases, same
//! unit only, each row with a confidence.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::series::{round_to, Series};
use super::similarity::{CharSet, MIN_FIGURE_CONFIDENCE};
use super::{row_unit, unit_key, wording, Cell, FigureRow};
use crate::report::{unit_class, Report};
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
    /// The phrase's wording as compared, its characters sorted: equal for phrases that say
    /// the same thing in any order.
    words: Vec<char>,
    value: f64,
    cell: Cell,
}

/// The sorted characters of a phrase's [`wording`].
fn sorted_wording(phrase: &str) -> Vec<char> {
    let mut w: Vec<char> = wording(phrase).chars().collect();
    w.sort_unstable();
    w
}

/// A figure row under construction.
struct Chain {
    unit: String,
    values: Vec<Option<f64>>,
    phrases: Vec<Option<String>>,
    units: Vec<Option<String>>,
    cells: Vec<Option<Cell>>,
    sets: Vec<CharSet>,
    /// The sorted wording of each phrase joined so far.
    words: Vec<Vec<char>>,
    confidence: f64,
}

impl Chain {
    /// The best similarity of `c` to any phrase already in the row.
    fn similarity(&self, c: &CharSet) -> f64 {
        self.sets.iter().map(|s| s.similarity(c)).fold(0.0, f64::max)
    }

    /// True when the row holds a phrase saying what `words` says.
    fn says(&self, words: &[char]) -> bool {
        !words.is_empty() && self.words.iter().any(|w| w.as_slice() == words)
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
        if let Some(c) = self.cells.get_mut(r) {
            *c = Some(fig.cell.clone());
        }
        self.sets.push(fig.chars.clone());
        self.words.push(fig.words.clone());
    }
}

/// Beyond this many phrase comparisons for one unit of one report, figures align only with
/// identical phrases: the full match compares every open row with every figure, which a
/// hostile input with a hundred thousand figures would turn into hours.
const COMPARISON_BUDGET: usize = 4_000_000;

/// (similarity, row, figure) for every open row and figure of one unit that may be joined. A
/// figure saying what a row says scores 1 more than its similarity, so that it joins that row
/// before any merely similar one.
fn candidate_pairs(chains: &[Chain], open: &[usize], figs: &[Candidate]) -> Vec<(f64, usize, usize)> {
    let phrases: usize = open.iter().filter_map(|&c| chains.get(c)).map(|c| c.sets.len()).sum();
    let mut pairs = Vec::new();
    if phrases.saturating_mul(figs.len()) <= COMPARISON_BUDGET {
        for &c in open {
            let Some(chain) = chains.get(c) else { continue };
            for (f, fig) in figs.iter().enumerate() {
                let s = chain.similarity(&fig.chars);
                if s >= MIN_FIGURE_CONFIDENCE {
                    pairs.push((if chain.says(&fig.words) { s + 1.0 } else { s }, c, f));
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
            pairs.push((2.0, c, f));
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
            let cell = Cell {
                value: f.value,
                unit: f.unit.clone(),
                printed: if f.surface.trim().is_empty() {
                    format!("{}{}{}", if f.approx { "≈" } else { "" }, crate::format::number(f.value), f.unit)
                } else {
                    f.surface.clone()
                },
                approx: f.approx,
                qualifier: simplify_str(&f.indicator),
                metric: Some(m),
                ..Cell::default()
            };
            candidates.entry(unit).or_default().push(Candidate {
                phrase: &f.indicator,
                unit: unit_key(&f.unit),
                chars,
                words: sorted_wording(&f.indicator),
                value: f.value,
                cell,
            });
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
                chain.confidence = chain.confidence.min(if s > 1.0 { s - 1.0 } else { s });
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
                    cells: vec![None; n],
                    sets: Vec::new(),
                    words: Vec::new(),
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
            // Values are only set against each other when every phrase says the same thing.
            let comparable = c.words.first().is_some_and(|w| !w.is_empty() && c.words.iter().all(|x| x == w));
            let approx: Vec<bool> = c.cells.iter().map(|x| x.as_ref().is_some_and(|x| x.approx)).collect();
            let (delta, pct) = if comparable { ctx.change(&c.values) } else { (None, None) };
            FigureRow {
                indicator: c.phrases.iter().rev().flatten().next().cloned().unwrap_or_default(),
                unit: row_unit(&c.unit, &c.units),
                units: c.units,
                by_region: if comparable { ctx.by_region(&c.values) } else { Vec::new() },
                steps: if comparable { ctx.steps(&c.values, &approx) } else { vec![None; c.values.len()] },
                change: if comparable { ctx.last_step(&c.values, &approx) } else { None },
                comparable,
                cells: c.cells,
                values: c.values,
                phrases: c.phrases,
                confidence: round_to(c.confidence.min(1.0), 2),
                delta,
                pct,
            }
        })
        .collect()
}
