//! Compares the seed reports in `../shared/corpus` (read at run time) and checks the alignment
//! the issue asks for: one region's reports form a series with Δ and %, units never mix, and
//! other regions stay separate series, one column per report.

mod support;

use std::path::PathBuf;

use fazhi_lens::compare::{compare, Comparison, Row};
use fazhi_lens::{analyze_bytes, Report};
use serde_json::Value;

fn corpus() -> PathBuf {
    support::shared().join("corpus")
}

/// The path of the seed whose file name starts with `prefix` ("003").
fn seed_path(prefix: &str) -> PathBuf {
    let dir = std::fs::read_dir(corpus()).expect("../shared/corpus is readable");
    let mut found: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{prefix}_"))))
        .collect();
    found.sort();
    found.into_iter().next().unwrap_or_else(|| panic!("no seed {prefix} in the corpus"))
}

fn seed(prefix: &str) -> Report {
    let path = seed_path(prefix);
    let bytes = std::fs::read(&path).expect("seed is readable");
    analyze_bytes(&bytes, &path.to_string_lossy()).expect("seed decodes").1
}

fn row<'a>(c: &'a Comparison, id: &str, unit: &str) -> &'a Row {
    c.rows.iter().find(|r| r.indicator == id && r.unit.split('/').any(|u| u == unit)).unwrap_or_else(|| {
        let have: Vec<String> = c.rows.iter().map(|r| format!("{} {} {:?}", r.indicator, r.unit, r.values)).collect();
        panic!("no row {id} in {unit}; rows: {have:#?}")
    })
}

/// Every value of every row is a value its report states for that id in exactly that unit.
fn assert_units_agree(c: &Comparison, reports: &[Report]) {
    for r in &c.rows {
        for (col, v) in r.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let source = &c.reports[col].source;
            let report = reports.iter().find(|rep| &rep.source == source).expect("column names a report");
            let printed = r.units[col].as_deref().expect("a stated value has its unit");
            assert!(r.unit.split('/').any(|u| u == printed), "{} {}: unit {printed} outside {}", r.indicator, r.label, r.unit);
            let stated = report.key_indicators.get(&r.indicator).into_iter().flatten();
            assert!(
                stated.clone().any(|kv| kv.unit.trim() == printed && kv.value == *v),
                "{} {}: {v} is not stated in {printed} by {source}",
                r.indicator,
                r.label,
            );
        }
    }
}

/// A report made from the answer key of a seed (meta and key indicators only), so that the
/// comparison core is checked on real data whatever the state of the analyser.
fn gold(prefix: &str) -> Report {
    let path = seed_path(prefix);
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("seed file name");
    let key = support::shared().join("gold").join(format!("{stem}.json"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&key).expect("key is readable")).expect("key is JSON");
    Report {
        source: path.to_string_lossy().into_owned(),
        meta: serde_json::from_value(v["meta"].clone()).expect("meta"),
        key_indicators: serde_json::from_value(v["key_indicators"].clone()).expect("key indicators"),
        ..Report::default()
    }
}

#[test]
fn pingshan_2021_and_2023_are_one_series() {
    // Given newest first: the comparison orders by year.
    pingshan_series(&[seed("000"), seed("003")]);
}

#[test]
fn pingshan_series_on_the_answer_keys() {
    pingshan_series(&[gold("000"), gold("003")]);
}

fn pingshan_series(reports: &[Report]) {
    let c = compare(reports);
    let years: Vec<Option<i32>> = c.reports.iter().map(|r| r.report_year).collect();
    assert_eq!(years, [Some(2021), Some(2023)]);
    assert!(c.reports.iter().all(|r| r.region.as_deref() == Some("坪山区")), "{:?}", c.reports);

    let expect = [
        ("reconsideration_accepted", "宗", 19.0, 83.0, 64.0, 336.8),
        ("reconsideration_concluded", "宗", 11.0, 86.0, 75.0, 681.8),
        ("litigation_cases", "宗", 36.0, 113.0, 77.0, 213.9),
        ("enforcement_files_reviewed", "宗", 1119.0, 1223.0, 104.0, 9.3),
        ("major_decisions", "项", 5.0, 11.0, 6.0, 120.0),
    ];
    for (id, unit, before, after, delta, pct) in expect {
        let r = row(&c, id, unit);
        assert_eq!(r.values, [Some(before), Some(after)], "{id}");
        assert_eq!((r.delta, r.pct), (Some(delta), Some(pct)), "{id}");
        assert!(!r.label.is_empty() && r.label != id, "{id} has a Chinese label");
    }
    assert_units_agree(&c, reports);
}

#[test]
fn a_count_in_rounds_is_never_set_against_one_in_cases() {
    rounds_and_cases(&[seed("003"), seed("000")]);
}

#[test]
fn rounds_and_cases_on_the_answer_keys() {
    rounds_and_cases(&[gold("003"), gold("000")]);
    let c = compare(&[gold("003"), gold("000")]);
    let rounds = row(&c, "enforcement_files_reviewed", "轮次");
    assert_eq!(rounds.values, [Some(4.0), None]);
}

fn rounds_and_cases(reports: &[Report]) {
    let c = compare(reports);
    assert_units_agree(&c, reports);
    let cases = row(&c, "enforcement_files_reviewed", "宗");
    assert!(!cases.values.contains(&Some(4.0)), "轮次 value in the 宗 row: {:?}", cases.values);
    for r in c.rows.iter().filter(|r| r.unit == "轮次") {
        assert_eq!(r.values.get(1), Some(&None), "the 2023 report states no count in 轮次");
        assert_eq!((r.delta, r.pct), (None, None));
    }
}

#[test]
fn another_region_is_a_separate_series() {
    // 坪山区 2023 and 福田区 2024: same indicators, different governments.
    separate_regions(&[seed("000"), seed("004")]);
}

#[test]
fn separate_regions_on_the_answer_keys() {
    separate_regions(&[gold("000"), gold("004")]);
}

fn separate_regions(reports: &[Report]) {
    let c = compare(reports);
    assert_eq!(c.reports.len(), 2);
    assert_ne!(c.reports[0].region, c.reports[1].region);
    let both = c.rows.iter().filter(|r| r.values.iter().all(Option::is_some)).count();
    assert!(both > 0, "some indicator is stated by both reports");
    for r in &c.rows {
        assert_eq!((r.delta, r.pct), (None, None), "{} compared across regions", r.indicator);
        assert!(r.by_region.is_empty());
    }
    for f in &c.figures {
        assert_eq!((f.delta, f.pct), (None, None), "figure {} compared across regions", f.indicator);
    }
    assert_units_agree(&c, reports);
}

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

#[test]
fn all_five_seeds_one_column_per_report() {
    all_five(&SEEDS.map(seed));
}

#[test]
fn all_five_on_the_answer_keys() {
    all_five(&SEEDS.map(gold));
}

fn all_five(reports: &[Report]) {
    let c = compare(reports);
    assert_eq!(c.reports.len(), 5);
    let keys: Vec<(Option<String>, Option<i32>)> =
        c.reports.iter().map(|r| (r.region.clone(), r.report_year)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "reports ordered by region then year");
    let pingshan: Vec<usize> =
        keys.iter().enumerate().filter(|(_, k)| k.0.as_deref() == Some("坪山区")).map(|(i, _)| i).collect();
    assert_eq!(pingshan.len(), 2);
    assert_eq!(pingshan[1], pingshan[0] + 1);
    for r in &c.rows {
        assert_eq!(r.values.len(), 5, "{}", r.indicator);
        assert_eq!(r.qualifiers.len(), 5);
    }
    for f in &c.figures {
        assert_eq!(f.values.len(), 5, "{}", f.indicator);
        assert!(f.confidence >= fazhi_lens::compare::MIN_FIGURE_CONFIDENCE);
    }
    assert_units_agree(&c, reports);

    // Every row's Δ is either null or between two reports of one region.
    for r in &c.rows {
        let stated: Vec<usize> = r.values.iter().enumerate().filter(|(_, v)| v.is_some()).map(|(i, _)| i).collect();
        if let [.., a, b] = stated[..] {
            if c.reports[a].region != c.reports[b].region {
                assert_eq!(r.delta, None, "{} compared across regions", r.indicator);
            }
        }
    }
    // Only 坪山区 states acceptances: its change still shows in the wide table.
    let accepted = row(&c, "reconsideration_accepted", "宗");
    assert_eq!(accepted.values[pingshan[0]], Some(19.0));
    assert_eq!(accepted.values[pingshan[1]], Some(83.0));
    assert_eq!(accepted.delta, Some(64.0));
    // Concluded cases are stated by other regions too; 坪山区's own change is kept per region.
    let concluded = row(&c, "reconsideration_concluded", "宗");
    let own = concluded.by_region.iter().find(|s| s.region == "坪山区").expect("坪山区 series");
    assert_eq!((own.from, own.to, own.delta, own.pct), (11.0, 86.0, 75.0, Some(681.8)));
}
