//! Unit tests of the comparison on synthetic reports.

use super::*;
use crate::report::{Check, CheckState, Figure, KeyValue, Meta};

fn kv(value: f64, unit: &str, qualifier: &str) -> KeyValue {
    KeyValue { value, unit: unit.into(), qualifier: qualifier.into(), ..KeyValue::default() }
}

/// A value described as the analyser describes it.
fn described(value: f64, unit: &str, scope: &str, measure: &str, subgroup: &str) -> KeyValue {
    KeyValue { scope: scope.into(), measure: measure.into(), subgroup: subgroup.into(), ..kv(value, unit, "") }
}

fn fig(value: f64, unit: &str, indicator: &str) -> Figure {
    Figure {
        surface: String::new(),
        value,
        unit: unit.into(),
        indicator: indicator.into(),
        approx: false,
        start: 0,
        end: 0,
        section: None,
    }
}

fn report(source: &str, region: Option<&str>, year: Option<i32>, keys: &[(&str, KeyValue)]) -> Report {
    let mut r = Report {
        source: source.into(),
        meta: Meta { region: region.map(Into::into), report_year: year, ..Meta::default() },
        ..Report::default()
    };
    for (id, v) in keys {
        r.key_indicators.entry(id.to_string()).or_default().push(v.clone());
    }
    r
}

fn row<'a>(c: &'a Comparison, id: &str, unit: &str) -> &'a Row {
    c.rows.iter().find(|r| r.indicator == id && r.unit == unit).expect("row present")
}

#[test]
fn orders_by_region_then_year() {
    let c = compare(&[
        report("b23", Some("乙区"), Some(2023), &[]),
        report("a23", Some("甲区"), Some(2023), &[]),
        report("none", None, Some(2020), &[]),
        report("b21", Some("乙区"), Some(2021), &[]),
        report("b??", Some("乙区"), None, &[]),
    ]);
    let order: Vec<&str> = c.reports.iter().map(|r| r.source.as_str()).collect();
    // 乙 U+4E59 < 甲 U+7532; unknown years and regions last.
    assert_eq!(order, ["b21", "b23", "b??", "a23", "none"]);
}

#[test]
fn same_region_delta_and_pct() {
    let c = compare(&[
        report("new", Some("甲区"), Some(2023), &[("reconsideration_accepted", kv(83.0, "宗", "受理"))]),
        report("old", Some("甲区"), Some(2021), &[("reconsideration_accepted", kv(19.0, "宗", "受理"))]),
    ]);
    let r = row(&c, "reconsideration_accepted", "宗");
    assert_eq!(r.values, [Some(19.0), Some(83.0)]);
    assert_eq!(r.delta, Some(64.0));
    assert_eq!(r.pct, Some(336.8));
    assert_eq!(r.label, "行政复议受理");
    assert_eq!(r.by_region.len(), 1);
    assert_eq!((r.by_region[0].from_year, r.by_region[0].to_year), (Some(2021), Some(2023)));
}

#[test]
fn pct_rounds_to_one_decimal_and_delta_loses_float_noise() {
    let c = compare(&[
        report("a", Some("甲区"), Some(2022), &[("mediation_success_rate", kv(93.88, "%", ""))]),
        report("b", Some("甲区"), Some(2023), &[("mediation_success_rate", kv(96.1, "%", ""))]),
    ]);
    let r = row(&c, "mediation_success_rate", "%");
    assert_eq!(r.delta, Some(2.22));
    assert_eq!(r.pct, Some(2.4)); // 2.22 / 93.88 = 2.3647…%
    let c = compare(&[
        report("a", Some("甲区"), Some(2022), &[("major_decisions", kv(3.0, "项", ""))]),
        report("b", Some("甲区"), Some(2023), &[("major_decisions", kv(1.0, "项", ""))]),
    ]);
    let r = row(&c, "major_decisions", "项");
    assert_eq!((r.delta, r.pct), (Some(-2.0), Some(-66.7)));
}

#[test]
fn pct_is_null_from_zero() {
    let c = compare(&[
        report("a", Some("甲区"), Some(2022), &[("litigation_lost", kv(0.0, "宗", ""))]),
        report("b", Some("甲区"), Some(2023), &[("litigation_lost", kv(3.0, "宗", ""))]),
    ]);
    let r = row(&c, "litigation_lost", "宗");
    assert_eq!((r.delta, r.pct), (Some(3.0), None));
}

#[test]
fn different_units_are_never_compared() {
    let c = compare(&[
        report(
            "a",
            Some("甲区"),
            Some(2021),
            &[
                ("enforcement_files_reviewed", kv(1000.0, "宗", "评查案卷")),
                ("enforcement_files_reviewed", kv(4.0, "轮次", "评查轮次")),
            ],
        ),
        report("b", Some("甲区"), Some(2023), &[("enforcement_files_reviewed", kv(1200.0, "宗", "评查案卷"))]),
        report("c", Some("甲区"), Some(2024), &[("leader_court_appearance", kv(100.0, "%", ""))]),
        report("d", Some("甲区"), Some(2025), &[("leader_court_appearance", kv(12.0, "件", ""))]),
    ]);
    let cases = row(&c, "enforcement_files_reviewed", "宗");
    assert_eq!(cases.values, [Some(1000.0), Some(1200.0), None, None]);
    assert_eq!(cases.delta, Some(200.0));
    let rounds = row(&c, "enforcement_files_reviewed", "轮次");
    assert_eq!(rounds.values, [Some(4.0), None, None, None]);
    assert_eq!((rounds.delta, rounds.pct), (None, None));
    // A rate and a count of one id are two rows, neither with a change.
    assert_eq!(row(&c, "leader_court_appearance", "%").delta, None);
    assert_eq!(row(&c, "leader_court_appearance", "件").delta, None);
    // Rows keep taxonomy order; units of one id in order of first mention.
    let ids: Vec<(&str, &str)> = c.rows.iter().map(|r| (r.indicator.as_str(), r.unit.as_str())).collect();
    assert_eq!(
        ids,
        [
            ("leader_court_appearance", "%"),
            ("leader_court_appearance", "件"),
            ("enforcement_files_reviewed", "宗"),
            ("enforcement_files_reviewed", "轮次"),
        ]
    );
}

#[test]
fn nulls_are_skipped_to_the_last_two_stated_values() {
    let c = compare(&[
        report("a", Some("甲区"), Some(2020), &[("audit_projects", kv(10.0, "项", ""))]),
        report("b", Some("甲区"), Some(2021), &[]),
        report("c", Some("甲区"), Some(2022), &[("audit_projects", kv(15.0, "项", ""))]),
        report("d", Some("甲区"), Some(2023), &[]),
    ]);
    let r = row(&c, "audit_projects", "项");
    assert_eq!(r.values, [Some(10.0), None, Some(15.0), None]);
    assert_eq!((r.delta, r.pct), (Some(5.0), Some(50.0)));
    let only_one = compare(&[report("a", Some("甲区"), Some(2020), &[("audit_projects", kv(10.0, "项", ""))])]);
    assert_eq!(only_one.rows[0].delta, None);
    let json = serde_json::to_string(&r).expect("serialises");
    assert!(json.contains(r#""values":[10,null,15,null],"delta":5,"pct":50"#), "{json}");
}

#[test]
fn other_regions_are_separate_series() {
    let c = compare(&[
        report("a21", Some("甲区"), Some(2021), &[("litigation_cases", kv(36.0, "宗", ""))]),
        report("a23", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.0, "宗", ""))]),
        report("b24", Some("丙区"), Some(2024), &[("litigation_cases", kv(252.0, "宗", ""))]),
    ]);
    // 丙 U+4E19 sorts before 甲 U+7532.
    let r = row(&c, "litigation_cases", "宗");
    assert_eq!(r.values, [Some(252.0), Some(36.0), Some(113.0)]);
    assert_eq!(r.delta, Some(77.0));
    let c = compare(&[
        report("a23", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.0, "宗", ""))]),
        report("z24", Some("乙区"), Some(2024), &[("litigation_cases", kv(252.0, "宗", ""))]),
    ]);
    let r = row(&c, "litigation_cases", "宗");
    assert_eq!(r.values.len(), 2);
    assert_eq!((r.delta, r.pct), (None, None), "last two values are of different regions");
    assert!(r.by_region.is_empty());
    // Reports with neither region nor body are compared with nothing.
    let c = compare(&[
        report("x", None, Some(2021), &[("litigation_cases", kv(1.0, "宗", ""))]),
        report("y", None, Some(2022), &[("litigation_cases", kv(2.0, "宗", ""))]),
    ]);
    assert_eq!(c.rows[0].delta, None);
}

#[test]
fn region_falls_back_to_body_and_is_simplified() {
    let mut a = report("a", None, Some(2021), &[("audit_projects", kv(1.0, "项", ""))]);
    a.meta.body = Some("某某縣審計局".into());
    let mut b = report("b", None, Some(2022), &[("audit_projects", kv(2.0, "项", ""))]);
    b.meta.body = Some("某某县审计局".into());
    let c = compare(&[a, b]);
    assert_eq!(c.rows[0].delta, Some(1.0));
    assert_eq!(c.rows[0].by_region[0].region, "某某县审计局");
}

#[test]
fn a_report_contributes_the_same_value_whatever_the_company() {
    let a = report(
        "a",
        Some("甲区"),
        Some(2022),
        &[
            ("normative_docs_issued", KeyValue { headline: true, ..described(8.0, "件", "", "", "") }),
            ("normative_docs_issued", described(7.0, "件", "部门", "", "")),
        ],
    );
    let b = report("b", Some("甲区"), Some(2023), &[("normative_docs_issued", described(16.0, "件", "部门", "", ""))]);
    let c = report("c", Some("甲区"), Some(2024), &[("normative_docs_issued", described(9.0, "件", "", "", ""))]);
    let own = |c: &Comparison| -> Vec<Option<f64>> {
        c.rows
            .iter()
            .find(|r| r.indicator == "normative_docs_issued" && r.scope.is_empty())
            .map(|r| r.values.clone())
            .unwrap_or_default()
    };
    // The own-level 8 stays the report's value beside a report of departments only, and beside
    // one of its own level; the departments' 7 gets a row of its own, with the change 7 → 16.
    let ab = compare(&[a.clone(), b.clone()]);
    assert_eq!(own(&ab), [Some(8.0), None]);
    let dept = ab.rows.iter().find(|r| r.scope == "部门").expect("departments row");
    assert_eq!(dept.values, [Some(7.0), Some(16.0)]);
    assert_eq!((dept.delta, dept.counts.as_str(), dept.headline), (Some(9.0), "部门", false));
    let ac = compare(&[a.clone(), c.clone()]);
    assert_eq!(own(&ac), [Some(8.0), Some(9.0)]);
    assert!(ac.rows.iter().find(|r| r.scope.is_empty()).is_some_and(|r| r.headline));
    // Values described alike: the headline stands for the report, else the first; the rest are
    // listed with it.
    let c = compare(&[report(
        "a",
        Some("甲区"),
        Some(2022),
        &[
            ("npc_suggestions", kv(74.0, "件", "市人大代表建议")),
            ("npc_suggestions", kv(216.0, "件", "区人大代表建议")),
        ],
    )]);
    assert_eq!(c.rows[0].values, [Some(74.0)]);
    assert_eq!(c.rows[0].cells[0].as_ref().map(|c| c.also.clone()), Some(vec!["216件".to_string()]));
    let c = compare(&[report(
        "a",
        Some("甲区"),
        Some(2022),
        &[
            ("npc_suggestions", kv(74.0, "件", "")),
            ("npc_suggestions", KeyValue { headline: true, ..kv(216.0, "件", "") }),
        ],
    )]);
    assert_eq!(c.rows[0].values, [Some(216.0)]);
}

#[test]
fn unlike_counts_never_share_a_row() {
    let c = compare(&[
        report("a", Some("甲区"), Some(2021), &[("legal_advisers_services", described(1000.0, "件", "", "服务", ""))]),
        report("b", Some("甲区"), Some(2023), &[("legal_advisers_services", described(25.0, "件", "", "审查", ""))]),
        report(
            "c",
            Some("甲区"),
            Some(2024),
            &[("legal_publicity_events", described(12.0, "场次", "", "", "“甲”、“乙”等"))],
        ),
        report("d", Some("甲区"), Some(2025), &[("legal_publicity_events", described(583.0, "场", "", "", ""))]),
        report("e", Some("甲区"), Some(2026), &[("legal_publicity_events", described(600.0, "场次", "", "", ""))]),
    ]);
    let advisers: Vec<&Row> = c.rows.iter().filter(|r| r.indicator == "legal_advisers_services").collect();
    assert_eq!(advisers.len(), 2);
    assert!(advisers.iter().all(|r| r.delta.is_none() && r.steps.iter().all(Option::is_none)));
    let publicity: Vec<&Row> = c.rows.iter().filter(|r| r.indicator == "legal_publicity_events").collect();
    assert_eq!(publicity.len(), 2, "场 and 场次 share a row; a listed programme does not");
    let whole = publicity.iter().find(|r| r.subgroup.is_empty()).expect("whole row");
    assert_eq!((whole.unit.as_str(), whole.delta), ("场/场次", Some(17.0)));
    let change = whole.change.as_ref().expect("the pair is named");
    assert_eq!(
        (change.from_column, change.to_column, change.from_year, change.to_year),
        (3, 4, Some(2025), Some(2026))
    );
    // 人 and 人次 count different things.
    let c = compare(&[
        report("a", Some("甲区"), Some(2021), &[("enforcement_training", kv(400.0, "人", ""))]),
        report("b", Some("甲区"), Some(2022), &[("enforcement_training", kv(500.0, "名", ""))]),
        report("c", Some("甲区"), Some(2023), &[("enforcement_training", kv(900.0, "人次", ""))]),
    ]);
    assert_eq!(c.rows.len(), 2);
    assert_eq!((c.rows[0].unit.as_str(), c.rows[0].delta), ("人/名", Some(100.0)));
    assert_eq!(c.rows[1].values, [None, None, Some(900.0)]);
}

#[test]
fn approximation_stays_visible() {
    let approx = |value: f64, printed: &str| KeyValue { approx: true, printed: printed.into(), ..kv(value, "件", "") };
    let c = compare(&[
        report("a", Some("甲区"), Some(2021), &[("legal_aid_cases", approx(1000.0, "1000余件"))]),
        report("b", Some("甲区"), Some(2023), &[("legal_aid_cases", kv(1200.0, "件", ""))]),
    ]);
    let r = &c.rows[0];
    let cell = r.cells[0].as_ref().expect("cell");
    assert_eq!((cell.printed.as_str(), cell.approx), ("1000余件", true));
    assert_eq!(r.cells[1].as_ref().map(|c| c.printed.as_str()), Some("1200件"));
    assert!(r.change.as_ref().is_some_and(|s| s.approx), "a change from an approximate value is approximate");
    assert!(r.steps[1].as_ref().is_some_and(|s| s.approx && s.delta == 200.0));
    let csv = c.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].ends_with(
            ",甲区2021 printed,甲区2021 approx,甲区2023 printed,甲区2023 approx,Δ 甲区 2021→2023,% 甲区 2021→2023"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with(",200,20,甲区 2021→2023,≈,,yes,1000余件,≈,1200件,,200,20")
            || lines[1].contains("1000余件,≈"),
        "{}",
        lines[1]
    );
    // Without a printed form, "≈" says it.
    let c = compare(&[report(
        "a",
        Some("甲区"),
        Some(2021),
        &[("legal_aid_cases", KeyValue { approx: true, ..kv(50.0, "件", "") })],
    )]);
    assert_eq!(c.rows[0].cells[0].as_ref().map(|c| c.printed.as_str()), Some("≈50件"));
}

#[test]
fn similarity_ignores_order_and_punctuation() {
    assert_eq!(similarity("行政复议受理", "受理行政复议"), 1.0);
    assert!(similarity("评查案卷", "评查行政执法案卷") > MIN_FIGURE_CONFIDENCE);
    assert!(similarity("法治宣传活动", "普法宣传活动") > 0.8);
    // Sharing only a generic verb is weak evidence.
    assert!(similarity("受理", "受理") < MIN_FIGURE_CONFIDENCE);
    assert!(similarity("行政复议受理", "法律援助受理") < MIN_FIGURE_CONFIDENCE);
    assert!(similarity("不予受理行政复议申请", "受理行政复议申请") < MIN_FIGURE_CONFIDENCE);
    assert!(similarity("现行有效的规范性文件", "废止规范性文件") < MIN_FIGURE_CONFIDENCE);
    assert_eq!(similarity("", "评查案卷"), 0.0);
    assert_eq!(similarity("123,。", "123,。"), 0.0);
    assert_eq!(similarity("評查案卷", "评查案卷"), 1.0);
}

#[test]
fn aligns_non_key_figures_by_phrase_and_unit() {
    let mut a = report("a", Some("甲区"), Some(2021), &[]);
    a.metrics = vec![fig(438.0, "场", "法治宣传活动"), fig(12.0, "人", "新增公职律师"), fig(3.0, "场", "专题培训")];
    let mut b = report("b", Some("甲区"), Some(2023), &[]);
    b.metrics = vec![
        fig(90.0, "%", "法治宣传活动覆盖率"),
        fig(583.0, "场", "普法宣传活动"),
        fig(20.0, "名", "新增公职律师"),
        fig(5.0, "场", "法治宣传活动"),
    ];
    let c = compare(&[a, b]);
    assert_eq!(c.figures.len(), 2, "{:#?}", c.figures);
    // 人 and 名 both count persons.
    let lawyers = c.figures.iter().find(|f| f.unit == "人/名").expect("persons row");
    assert_eq!(lawyers.delta, Some(8.0));
    let f = c.figures.iter().find(|f| f.unit == "场").expect("sessions row");
    // The identical phrase wins over the merely similar one.
    assert_eq!((f.unit.as_str(), f.values.as_slice()), ("场", [Some(438.0), Some(5.0)].as_slice()));
    assert_eq!(f.confidence, 1.0);
    assert_eq!((f.delta, f.pct), (Some(-433.0), Some(-98.9)));
    assert_eq!(f.phrases[0].as_deref(), Some("法治宣传活动"));
    assert!(c.rows.is_empty());
}

#[test]
fn figures_backing_key_indicators_stay_out_of_the_figure_table() {
    let mut a = report("a", Some("甲区"), Some(2021), &[]);
    a.metrics = vec![fig(1119.0, "宗", "评查案卷"), fig(438.0, "场", "法治宣传活动")];
    a.key_indicators
        .insert("enforcement_files_reviewed".into(), vec![KeyValue { metric: Some(0), ..kv(1119.0, "宗", "") }]);
    let mut b = report("b", Some("甲区"), Some(2023), &[]);
    b.metrics = vec![fig(1223.0, "宗", "评查行政执法案卷"), fig(583.0, "场", "法治宣传活动")];
    let c = compare(&[a, b]);
    let phrases: Vec<&str> = c.figures.iter().map(|f| f.indicator.as_str()).collect();
    assert_eq!(phrases, ["法治宣传活动"]);
    // Without the key link, the similar phrase aligns with a confidence below 1.
    let mut a = report("a", Some("甲区"), Some(2021), &[]);
    a.metrics = vec![fig(1119.0, "宗", "评查案卷")];
    let mut b = report("b", Some("甲区"), Some(2023), &[]);
    b.metrics = vec![fig(1223.0, "宗", "评查行政执法案卷")];
    let c = compare(&[a, b]);
    assert_eq!(c.figures.len(), 1);
    assert!(c.figures[0].confidence >= MIN_FIGURE_CONFIDENCE && c.figures[0].confidence < 1.0);
    // Similar wording is shown side by side, but only the same wording gets a change.
    assert!(!c.figures[0].comparable);
    assert_eq!((c.figures[0].delta, c.figures[0].pct), (None, None));
    assert!(c.figures[0].by_region.is_empty() && c.figures[0].steps.iter().all(Option::is_none));
}

#[test]
fn loosely_aligned_figures_change_only_when_they_say_the_same() {
    let pair = |x: &str, y: &str| {
        let mut a = report("a", Some("甲区"), Some(2021), &[]);
        a.metrics = vec![fig(1.0, "件", x)];
        let mut b = report("b", Some("甲区"), Some(2023), &[]);
        b.metrics = vec![fig(3.0, "件", y)];
        compare(&[a, b]).figures
    };
    // Other verb, same object: aligned, no change.
    let rows = pair("备案部门规范性文件", "修改部门规范性文件");
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].comparable && rows[0].delta.is_none());
    assert_eq!(rows[0].phrases, [Some("备案部门规范性文件".to_string()), Some("修改部门规范性文件".to_string())]);
    // The same words, with or without a filler, in any order: a change.
    let rows = pair("社区法律顾问共为社区提供法律服务", "社区法律顾问为社区提供法律服务");
    assert!(rows[0].comparable);
    assert_eq!(rows[0].delta, Some(2.0));
}

#[test]
fn checks_side_by_side() {
    let mut a = report("a", Some("甲区"), Some(2021), &[]);
    a.checks = vec![Check::new("part_problems", true, String::new())];
    let mut b = report("b", Some("甲区"), Some(2022), &[]);
    b.checks = vec![
        Check::unknown("published_on_time", "未注明发布日期，无法判断".into()),
        Check::new("part_problems", false, String::new()),
    ];
    let c = compare(&[a, b]);
    assert_eq!(c.checks.len(), 2);
    assert_eq!(c.checks[0].ok, [Some(true), Some(false)]);
    assert_eq!(c.checks[0].states, [Some(CheckState::Passed), Some(CheckState::Failed)]);
    assert_eq!(c.checks[1].ok, [None, Some(false)]);
    // Cannot tell stays cannot tell, as in the report itself.
    assert_eq!(c.checks[1].states, [None, Some(CheckState::Unknown)]);
    assert_eq!(c.checks[1].label, "按时公开（次年4月1日前）");
    assert_eq!(c.checks[1].details[1].as_deref(), Some("未注明发布日期，无法判断"));
    let json = serde_json::to_string(&c.checks[1]).expect("serialises");
    assert!(json.contains(r#""states":[null,"unknown"]"#), "{json}");
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    assert_eq!(compare::<Report>(&[]), Comparison::default());
    let c = compare(&[
        report("a", Some(" "), None, &[("x", kv(f64::NAN, "", "")), ("y", kv(1.0, " ", ""))]),
        report("b", Some(""), None, &[("y", kv(f64::INFINITY, "", ""))]),
    ]);
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.rows[0].label, "y");
    assert!(serde_json::to_string(&c).is_ok());
}

#[test]
fn csv_has_a_header_and_one_column_per_report() {
    let c = compare(&[
        report("a.txt", Some("甲区"), Some(2021), &[("litigation_cases", kv(36.0, "宗", ""))]),
        report("b.txt", Some("甲区"), Some(2023), &[("litigation_cases", kv(113.5, "宗", ""))]),
        report("c.txt", Some("甲区"), Some(2023), &[("audit_projects", kv(2.0, "项", "x"))]),
    ]);
    let csv = c.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    // The columns that always were come first, in their order; new ones follow.
    assert!(
        lines[0].starts_with("indicator,label,unit,甲区2021,甲区2023 (b.txt),甲区2023 (c.txt),delta,pct,change,"),
        "{}",
        lines[0]
    );
    // Two reports of one region and year: the pair is named by their columns.
    assert!(lines[0].ends_with(",Δ 甲区2021→甲区2023 (b.txt),% 甲区2021→甲区2023 (b.txt),Δ 甲区2023 (b.txt)→甲区2023 (c.txt),% 甲区2023 (b.txt)→甲区2023 (c.txt)"), "{}", lines[0]);
    assert!(lines[1].starts_with("litigation_cases,行政诉讼案件,宗,36,113.5,,77.5,215.3,甲区2021→甲区2023 (b.txt),,,no,36宗,,113.5宗,,,,77.5,215.3,,"), "{}", lines[1]);
    assert!(lines[2].starts_with("audit_projects,审计项目,项,,,2,,,,,,no,"), "{}", lines[2]);
}

#[test]
fn many_figures_align_in_reasonable_time() {
    // Far beyond the comparison budget: the exact-phrase fallback must keep this linear.
    let many = |source: &str, year| {
        let mut r = report(source, Some("甲区"), Some(year), &[]);
        r.metrics =
            (0..50_000).map(|i| fig(i as f64, "项", if i % 2 == 0 { "重点项目" } else { "民生实事项目" })).collect();
        r
    };
    let started = std::time::Instant::now();
    let c = compare(&[many("a", 2022), many("b", 2023)]);
    assert_eq!(c.figures.len(), 50_000);
    assert!(c.figures.iter().all(|f| f.confidence == 1.0 && f.values.iter().all(Option::is_some)));
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn cases_counted_in_jian_and_zong_share_a_row() {
    let c = compare(&[
        report(
            "a",
            Some("甲区"),
            Some(2021),
            &[("legal_aid_cases", kv(685.0, "宗", "")), ("enforcement_files_reviewed", kv(4.0, "轮次", "评查轮次"))],
        ),
        report(
            "b",
            Some("甲区"),
            Some(2023),
            &[("legal_aid_cases", kv(700.0, "件", "")), ("enforcement_files_reviewed", kv(900.0, "件", "评查案卷"))],
        ),
        report("c", Some("甲区"), Some(2024), &[("legal_aid_cases", kv(98.5, "%", "结案率"))]),
    ]);
    let r = row(&c, "legal_aid_cases", "宗/件");
    assert_eq!(r.values, [Some(685.0), Some(700.0), None]);
    assert_eq!(r.units, [Some("宗".to_string()), Some("件".to_string()), None]);
    assert_eq!((r.delta, r.pct), (Some(15.0), Some(2.2)));
    // A rate stays a row of its own; 轮次 never joins a count of files.
    assert_eq!(row(&c, "legal_aid_cases", "%").values, [None, None, Some(98.5)]);
    assert_eq!(row(&c, "enforcement_files_reviewed", "轮次").values, [Some(4.0), None, None]);
    assert_eq!(row(&c, "enforcement_files_reviewed", "件").values, [None, Some(900.0), None]);
    assert_eq!(row(&c, "enforcement_files_reviewed", "件").delta, None);
    // Other figures align across the two words as well.
    let mut a = report("a", Some("甲区"), Some(2021), &[]);
    a.metrics = vec![fig(12.0, "宗", "办理信访案件")];
    let mut b = report("b", Some("甲区"), Some(2022), &[]);
    b.metrics = vec![fig(15.0, "件", "办理信访案件")];
    let c = compare(&[a, b]);
    assert_eq!(c.figures.len(), 1);
    assert_eq!((c.figures[0].unit.as_str(), c.figures[0].delta), ("宗/件", Some(3.0)));
}

#[test]
fn steps_follow_each_region_across_its_years() {
    let c = compare(&[
        report("a20", Some("甲区"), Some(2020), &[("audit_projects", kv(10.0, "项", ""))]),
        report("a21", Some("甲区"), Some(2021), &[]),
        report("a22", Some("甲区"), Some(2022), &[("audit_projects", kv(15.0, "项", ""))]),
        report("a23", Some("甲区"), Some(2023), &[("audit_projects", kv(12.0, "项", ""))]),
        report("b23", Some("乙区"), Some(2023), &[("audit_projects", kv(7.0, "项", ""))]),
        report("x", None, Some(2023), &[("audit_projects", kv(1.0, "项", ""))]),
        report("y", None, Some(2024), &[("audit_projects", kv(2.0, "项", ""))]),
    ]);
    let series: Vec<(Option<String>, Vec<usize>)> = c.series().into_iter().map(|s| (s.key, s.columns)).collect();
    let named = |k: &str| Some(k.to_string());
    assert_eq!(series, [(named("乙区"), vec![0]), (named("甲区"), vec![1, 2, 3, 4]), (None, vec![5]), (None, vec![6])]);
    let steps = c.steps(&c.rows[0].values);
    type Brief = Option<(Option<i32>, f64, Option<f64>)>;
    let brief: Vec<Brief> = steps.iter().map(|s| s.as_ref().map(|s| (s.from_year, s.delta, s.pct))).collect();
    assert_eq!(
        brief,
        [None, None, None, Some((Some(2020), 5.0, Some(50.0))), Some((Some(2022), -3.0, Some(-20.0))), None, None]
    );
    assert!(c.steps(&[]).is_empty());
}
