//! Checks on synthetic reports.

use super::*;
use crate::normalize::normalize;
use crate::report::{Figure, Meta};

fn section(level: u8, marker: &str, title: &str, start: usize) -> Section {
    Section { level, marker: marker.into(), title: title.into(), kind: None, start, end: start + 1 }
}

fn find<'a>(checks: &'a [Check], id: &str) -> &'a Check {
    checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no check {id}"))
}

const SAMPLE: &str =
    "一、主要举措和成效\n办理案件12件。\n二、存在的不足\n由于人员不足，执法水平有待提升。\n三、下一步工作安排\n加强队伍建设。\n";

/// A small report over `text` (which holds the three headings of `SAMPLE`): measures,
/// problems, plans, each a part with its heading.
fn report_for(text: &str) -> Report {
    let at = |s: &str| text.find(s).unwrap();
    let sections = vec![
        section(1, "一、", "主要举措和成效", at("一、")),
        section(1, "二、", "存在的不足", at("二、")),
        section(1, "三、", "下一步工作安排", at("三、")),
    ];
    let parts = vec![
        Part { kind: PartKind::Measures, heading: Some(0), start: at("一、"), end: at("二、") },
        Part { kind: PartKind::Problems, heading: Some(1), start: at("二、"), end: at("三、") },
        Part { kind: PartKind::Plans, heading: Some(2), start: at("三、"), end: text.len() },
    ];
    Report {
        meta: Meta {
            title: Some("某区人民政府2023年法治政府建设年度报告".into()),
            report_year: Some(2023),
            published: Some("2024-03-05".into()),
            ..Meta::default()
        },
        sections,
        parts,
        input_len: text.len(),
        ..Report::default()
    }
}

fn sample() -> (String, Report) {
    (SAMPLE.to_string(), report_for(SAMPLE))
}

#[test]
fn every_check_has_a_stable_id() {
    let (text, report) = sample();
    let view = normalize(&text);
    let checks = run(&view, &report);
    let ids: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "part_measures",
            "part_problems",
            "part_leaders",
            "part_plans",
            "part_other",
            "published_on_time",
            "title_standard",
            "data_density",
            "problems_with_causes",
            "problems_with_remedies",
            "headings_consistent"
        ]
    );
    assert!(checks.iter().all(|c| !c.detail.is_empty()));
}

#[test]
fn parts_and_their_fallbacks() {
    let (text, report) = sample();
    let view = normalize(&text);
    let checks = run(&view, &report);
    assert!(find(&checks, "part_measures").ok);
    assert!(find(&checks, "part_problems").detail.contains("存在的不足"));
    assert!(!find(&checks, "part_leaders").ok, "no leaders content at all");
    assert!(find(&checks, "part_other").ok, "optional");

    // The leaders' duty told in the body, without a part of its own.
    let text2 = text.replace("办理案件12件。", "主要负责人切实履行推进法治建设第一责任人职责。");
    let view2 = normalize(&text2);
    let leaders = part_present(&view2, &report, PartKind::Leaders);
    assert!(leaders.ok && leaders.detail.contains("未单列"), "{}", leaders.detail);
}

#[test]
fn publication_deadline() {
    let (text, mut report) = sample();
    let view = normalize(&text);
    assert!(find(&run(&view, &report), "published_on_time").ok);
    report.meta.published = Some("2024-04-01".into());
    assert!(!find(&run(&view, &report), "published_on_time").ok);
    report.meta.published = None;
    let c = run(&view, &report);
    let c = find(&c, "published_on_time");
    assert!(!c.ok && c.detail.contains("未注明发布日期"));
}

#[test]
fn title() {
    let (text, mut report) = sample();
    let view = normalize(&text);
    assert!(find(&run(&view, &report), "title_standard").ok);
    report.meta.title = Some("某區法治政府建設情況".into());
    let c = run(&view, &report);
    let c = find(&c, "title_standard");
    assert!(!c.ok && c.detail.contains("年度") && c.detail.contains("报告"), "{}", c.detail);
    report.meta.title = None;
    assert!(!find(&run(&view, &report), "title_standard").ok);
}

#[test]
fn density_threshold() {
    let (text, mut report) = sample();
    let view = normalize(&text);
    assert!(!find(&run(&view, &report), "data_density").ok);
    let f = Figure {
        surface: "12件".into(),
        value: 12.0,
        unit: "件".into(),
        indicator: "办理案件".into(),
        approx: false,
        start: 0,
        end: 0,
        section: None,
    };
    report.metrics = vec![f; 10];
    assert!(find(&run(&view, &report), "data_density").ok);
}

#[test]
fn problems_causes_and_remedies() {
    let (text, report) = sample();
    let view = normalize(&text);
    let checks = run(&view, &report);
    assert!(find(&checks, "problems_with_causes").ok);
    assert!(!find(&checks, "problems_with_remedies").ok, "plans do not answer the problems");

    let text2 = text.replace("由于人员不足，", "").replace("加强队伍建设", "针对上述问题加强队伍建设");
    let view2 = normalize(&text2);
    let checks = run(&view2, &report_for(&text2));
    assert!(!find(&checks, "problems_with_causes").ok);
    assert!(find(&checks, "problems_with_remedies").ok);
}

#[test]
fn heading_hierarchy() {
    let (text, mut report) = sample();
    let view = normalize(&text);
    assert!(find(&run(&view, &report), "headings_consistent").ok);

    report.sections.insert(1, section(2, "(一)", "依法行政", 5));
    report.sections.insert(2, section(2, "(三)", "严格执法", 6));
    let c = run(&view, &report);
    let c = find(&c, "headings_consistent");
    assert!(!c.ok && c.detail.contains("“(三)严格执法”的编号接在“(一)”之后"), "{}", c.detail);

    let (_, mut report) = sample();
    report.sections.insert(1, section(3, "1.", "细项", 5));
    let c = run(&view, &report);
    assert!(find(&c, "headings_consistent").detail.contains("跳到第3级"));

    // Numbering restarts under a part without a heading.
    let (_, mut report) = sample();
    report.sections.truncate(2);
    report.parts.truncate(2);
    let plans_at = text.find("三、").unwrap();
    report.parts.push(Part { kind: PartKind::Plans, heading: None, start: plans_at, end: text.len() });
    report.sections.push(section(2, "(一)", "加强队伍建设", plans_at + 1));
    report.sections.push(section(2, "(二)", "强化监督", plans_at + 2));
    assert!(find(&run(&view, &report), "headings_consistent").ok);
}

#[test]
fn ordinals() {
    assert_eq!(ordinal("一、"), Some(("一、", 1)));
    assert_eq!(ordinal("（十二）"), Some(("(一)", 12)));
    assert_eq!(ordinal("三是"), Some(("一是", 3)));
    assert_eq!(ordinal("２．"), Some(("1.", 2)));
    assert_eq!(ordinal("(3)"), Some(("(1)", 3)));
    assert_eq!(ordinal("第二部分"), Some(("第…部分", 2)));
    assert_eq!(ordinal("②"), Some(("①", 2)));
    assert_eq!(ordinal("是"), None);
    assert_eq!(ordinal(""), None);
}

#[test]
fn empty_report_does_not_panic() {
    let view = normalize("");
    let checks = run(&view, &Report::default());
    assert!(!find(&checks, "headings_consistent").ok);
    assert!(!find(&checks, "data_density").ok);
}

#[test]
fn a_heading_naming_causes_gives_none() {
    let text = SAMPLE.replace("存在的不足", "存在的不足和原因").replace("由于人员不足，", "");
    let mut report = report_for(&text);
    report.sections[1].title = "存在的不足和原因".into();
    let view = normalize(&text);
    let checks = run(&view, &report);
    assert!(!find(&checks, "problems_with_causes").ok, "{}", find(&checks, "problems_with_causes").detail);
}
