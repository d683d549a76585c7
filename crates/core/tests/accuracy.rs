//! Scores the analyser the same way `../shared/tools/score.py` does, and fails below the bar:
//!
//! - the seed reports in `../shared/corpus` against the hand-checked keys in `../shared/gold`
//!   (every score at its bar, key indicators included);
//! - the development set in `../shared/corpus-dev`, 46 openings of other real reports, against
//!   `../shared/gold-dev` (sections, figures and metadata; those keys give no key indicators and
//!   no publication date, and what a key does not give is not scored).
//!
//! Run with `cargo test --test accuracy -- --nocapture` to see the per-file tables, with
//! `FAZHI_SCORE_VERBOSE=1` for every miss.

mod support;

use std::collections::HashSet;
use std::path::PathBuf;

use fazhi_lens::simplify as simplify_str;
use serde_json::Value;

/// The minimum scores of one set of reports; `None` where the set's keys do not score it.
struct Bar {
    sections_f1: f64,
    figures_f1: f64,
    indicator_agreement: Option<f64>,
    keys_f1: Option<f64>,
    meta: f64,
}

/// The seed reports: the same minimums as `SCORE_MINIMUMS` in `xtask/src/test.rs`.
const SEEDS: Bar =
    Bar { sections_f1: 0.95, figures_f1: 0.98, indicator_agreement: Some(0.85), keys_f1: Some(0.85), meta: 0.95 };

/// The development set: the same minimums as `DEV_SCORE_MINIMUMS` in `xtask/src/test.rs`.
const DEV: Bar = Bar { sections_f1: 0.98, figures_f1: 0.99, indicator_agreement: None, keys_f1: None, meta: 0.95 };

fn shared() -> PathBuf {
    support::shared()
}

/// NFKC-ish width folding, pinyin removal, Traditional → Simplified, punctuation dropped.
fn norm(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect();
    let no_pinyin = strip_pinyin(&folded);
    simplify_str(&no_pinyin)
        .chars()
        .filter(|c| !c.is_whitespace() && !",，、。.;；:：“”\"'‘’()（）《》〈〉【】[]·!！?？—-".contains(*c))
        .collect()
}

fn strip_pinyin(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(')') {
            Some(j)
                if j > 0
                    && after[..j]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)) =>
            {
                rest = &after[j + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn norm_unit(u: &str) -> String {
    let u = simplify_str(u.trim()).replace('％', "%");
    u
}

fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() { (&a, &b) } else { (&b, &a) };
    long.contains(short.as_str()) && short.chars().count() as f64 >= 0.8 * long.chars().count() as f64
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs())
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    fn prf(self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 { self.tp as f64 / self.gold as f64 } else { 1.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

fn match_sections(gold: &[Value], pred: &[Value]) -> usize {
    let mut used = HashSet::new();
    let mut tp = 0;
    for g in gold {
        for (i, p) in pred.iter().enumerate() {
            if !used.contains(&i)
                && p["level"].as_u64() == g["level"].as_u64()
                && similar(p["title"].as_str().unwrap_or(""), g["title"].as_str().unwrap_or(""))
            {
                used.insert(i);
                tp += 1;
                break;
            }
        }
    }
    tp
}

fn jaccard_ok(a: &str, b: &str) -> bool {
    let a: HashSet<char> = norm(a).chars().collect();
    let b: HashSet<char> = norm(b).chars().collect();
    !a.is_empty() && !b.is_empty() && a.intersection(&b).count() as f64 / a.union(&b).count() as f64 >= 0.3
}

/// Greedy alignment on (value, unit) as in score.py; returns (matched, indicator agreements).
fn match_metrics(gold: &[Value], pred: &[Value], misses: &mut Vec<String>) -> (usize, usize) {
    let mut used = HashSet::new();
    let (mut tp, mut ind) = (0, 0);
    for g in gold {
        let gv = g["value"].as_f64().unwrap_or(f64::NAN);
        let gu = norm_unit(g["unit"].as_str().unwrap_or(""));
        let hit = pred.iter().enumerate().find(|(i, p)| {
            !used.contains(i)
                && p["value"].as_f64().is_some_and(|v| close(v, gv))
                && norm_unit(p["unit"].as_str().unwrap_or("")) == gu
        });
        match hit {
            Some((i, p)) => {
                used.insert(i);
                tp += 1;
                let (gi, pi) = (g["indicator"].as_str().unwrap_or(""), p["indicator"].as_str().unwrap_or(""));
                if jaccard_ok(gi, pi) {
                    ind += 1;
                } else {
                    misses.push(format!("  indicator  {}  gold «{gi}»  got «{pi}»", g["surface"]));
                }
            }
            None => misses.push(format!("  missed     {}  «{}»", g["surface"], g["indicator"].as_str().unwrap_or(""))),
        }
    }
    for (i, p) in pred.iter().enumerate() {
        if !used.contains(&i) {
            misses.push(format!("  extra      {}  «{}»", p["surface"], p["indicator"].as_str().unwrap_or("")));
        }
    }
    (tp, ind)
}

fn key_pairs(keys: &Value) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    if let Some(m) = keys.as_object() {
        for (k, vals) in m {
            for v in vals.as_array().into_iter().flatten() {
                out.push((k.clone(), v["value"].as_f64().unwrap_or(f64::NAN)));
            }
        }
    }
    out
}

fn match_keys(gold: &Value, pred: &Value, misses: &mut Vec<String>) -> Tally {
    let (g, p) = (key_pairs(gold), key_pairs(pred));
    let mut used = HashSet::new();
    let mut tp = 0;
    for (k, v) in &g {
        match p.iter().enumerate().find(|(i, (pk, pv))| !used.contains(i) && pk == k && close(*pv, *v)) {
            Some((i, _)) => {
                used.insert(i);
                tp += 1;
            }
            None => misses.push(format!("  key missed {k} = {v}")),
        }
    }
    for (i, (k, v)) in p.iter().enumerate() {
        if !used.contains(&i) {
            misses.push(format!("  key extra  {k} = {v}"));
        }
    }
    Tally { tp, pred: p.len(), gold: g.len() }
}

/// Correct metadata fields and fields scored: only the fields the key gives (a key for a page
/// opening gives no publication date).
fn meta_score(gold: &Value, pred: &Value, misses: &mut Vec<String>) -> (usize, usize) {
    let (mut ok, mut n) = (0, 0);
    for f in ["title", "region", "report_year", "published"] {
        if gold.get(f).is_none() {
            continue;
        }
        n += 1;
        let (g, p) = (&gold[f], &pred[f]);
        let good = match f {
            "title" => match (g.as_str(), p.as_str()) {
                (None, p) => p.is_none_or(str::is_empty),
                (Some(g), Some(p)) => norm(g) == norm(p),
                _ => false,
            },
            "region" => norm(g.as_str().unwrap_or("")) == norm(p.as_str().unwrap_or("")),
            _ => g == p,
        };
        if good {
            ok += 1;
        } else {
            misses.push(format!("  meta {f}: gold {g} got {p}"));
        }
    }
    (ok, n)
}

#[test]
fn seed_reports_meet_the_accuracy_bar() {
    score_set("corpus", "gold", &SEEDS);
}

#[test]
fn development_set_meets_the_accuracy_bar() {
    score_set("corpus-dev", "gold-dev", &DEV);
}

/// Scores the reports of `../shared/<corpus>` against the keys in `../shared/<gold>`, prints the
/// table, and fails below `bar`.
fn score_set(corpus: &str, gold: &str, bar: &Bar) {
    let corpus = shared().join(corpus);
    let gold_dir = shared().join(gold);
    let mut names: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap_or_else(|e| panic!("{} must sit beside the repository: {e}", gold_dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no answer keys found in {}", gold_dir.display());

    let (mut st, mut mt, mut kt) = (Tally::default(), Tally::default(), Tally::default());
    let (mut ind, mut meta_ok, mut meta_n) = (0, 0, 0);
    let verbose = std::env::var_os("FAZHI_SCORE_VERBOSE").is_some();
    println!("{:28} {:>17} {:>17} {:>5} {:>11} {:>5}", "file", "sect P/R/F", "metric P/R/F", "ind", "keys P/R", "meta");
    for gold_path in &names {
        let key = std::fs::read_to_string(gold_path).expect("answer key reads");
        let gold: Value = serde_json::from_str(&key).expect("answer key is JSON");
        // As score.py pairs them: the report whose base name is the key's.
        let stem = gold_path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let file = format!("{stem}.txt");
        let bytes = std::fs::read(corpus.join(&file)).expect("report beside its key");
        let (_, report) = fazhi_lens::analyze_bytes(&bytes, &file).expect("report decodes");
        let pred = serde_json::to_value(&report).expect("report serialises");
        let mut misses = Vec::new();

        let list = |v: &Value, what: &str| v[what].as_array().cloned().unwrap_or_default();
        let (gs, ps) = (&list(&gold, "sections"), &list(&pred, "sections"));
        let s = Tally { tp: match_sections(gs, ps), pred: ps.len(), gold: gs.len() };
        let (gm, pm) = (&list(&gold, "metrics"), &list(&pred, "metrics"));
        let (tp, agree) = match_metrics(gm, pm, &mut misses);
        let m = Tally { tp, pred: pm.len(), gold: gm.len() };
        // A key without key indicators (a page opening) does not score them.
        let k = match gold.get("key_indicators") {
            Some(keys) => match_keys(keys, &pred["key_indicators"], &mut misses),
            None => Tally::default(),
        };
        let (mo, mn) = meta_score(&gold["meta"], &pred["meta"], &mut misses);
        let (sp, mp, kp) = (s.prf(), m.prf(), k.prf());
        println!(
            "{:28} {:.2}/{:.2}/{:.2} {:.2}/{:.2}/{:.2} {:5.2} {:.2}/{:.2} {mo}/{mn}",
            file.trim_end_matches(".txt"),
            sp.0,
            sp.1,
            sp.2,
            mp.0,
            mp.1,
            mp.2,
            if tp > 0 { agree as f64 / tp as f64 } else { 0.0 },
            kp.0,
            kp.1,
        );
        if verbose {
            for line in &misses {
                println!("{line}");
            }
        }
        st.add(s);
        mt.add(m);
        kt.add(k);
        ind += agree;
        meta_ok += mo;
        meta_n += mn;
    }
    let (s, m, k) = (st.prf(), mt.prf(), kt.prf());
    let agreement = if mt.tp > 0 { ind as f64 / mt.tp as f64 } else { 0.0 };
    let meta = meta_ok as f64 / meta_n.max(1) as f64;
    println!(
        "overall: sections F1 {:.3} | metrics F1 {:.3} (P {:.3} R {:.3}, indicator agreement {:.2}) | key indicators F1 {:.3} | meta {:.2}",
        s.2, m.2, m.0, m.1, agreement, k.2, meta
    );
    let mut short = Vec::new();
    for (name, v, min) in [
        ("sections F1", s.2, Some(bar.sections_f1)),
        ("figures F1", m.2, Some(bar.figures_f1)),
        ("indicator agreement", agreement, bar.indicator_agreement),
        ("key indicators F1", k.2, bar.keys_f1),
        ("metadata", meta, Some(bar.meta)),
    ] {
        if let Some(min) = min.filter(|&min| v < min) {
            short.push(format!("{name} {v:.3} < {min}"));
        }
    }
    assert!(short.is_empty(), "{}: below the bar: {}", corpus.display(), short.join(", "));
}
