//! Unit tests on synthetic text, and a check against the seed answer keys that feeds the keys'
//! own figures (so it measures the matching alone, whatever `figures` finds).

use super::*;
use crate::normalize::normalize;

/// Figures for every `(surface, unit)` of `text`, found in order, with empty indicators.
fn figs(text: &str, list: &[(&str, f64, &str)]) -> Vec<Figure> {
    let mut at = 0;
    let mut out = Vec::new();
    for &(surface, value, unit) in list {
        let Some(i) = text[at..].find(surface) else { panic!("{surface} not found") };
        let start = at + i;
        at = start + surface.len();
        out.push(Figure {
            surface: surface.to_string(),
            value,
            unit: unit.to_string(),
            indicator: String::new(),
            approx: false,
            start,
            end: at,
            section: None,
        });
    }
    out
}

/// `id=value` pairs of the result, sorted.
fn pairs(text: &str, list: &[(&str, f64, &str)]) -> Vec<String> {
    let view = normalize(text);
    let keys = attach(&view, &figs(text, list));
    let mut v: Vec<String> =
        keys.iter().flat_map(|(k, vals)| vals.iter().map(move |x| format!("{k}={}", x.value))).collect();
    v.sort();
    v
}

#[test]
fn later_clauses_inherit_the_subject() {
    let t = "今年以来,共收到行政复议申请50宗,受理40宗,办结30宗,实质化解争议的案件5宗,占比10%。";
    let got = pairs(
        t,
        &[("50宗", 50.0, "宗"), ("40宗", 40.0, "宗"), ("30宗", 30.0, "宗"), ("5宗", 5.0, "宗"), ("10%", 10.0, "%")],
    );
    assert_eq!(got, ["reconsideration_accepted=40", "reconsideration_concluded=30", "reconsideration_received=50"]);
}

#[test]
fn nearest_key_wins_and_rejections_hold() {
    let t = "新收行政复议案件70件,受理后办结(含上年结转)60件,综合纠正率12.5%。受理行政复议申请9宗,不予受理1宗。";
    let got = pairs(
        t,
        &[("70件", 70.0, "件"), ("60件", 60.0, "件"), ("12.5%", 12.5, "%"), ("9宗", 9.0, "宗"), ("1宗", 1.0, "宗")],
    );
    assert_eq!(
        got,
        [
            "reconsideration_accepted=9",
            "reconsideration_concluded=60",
            "reconsideration_correction_rate=12.5",
            "reconsideration_received=70"
        ]
    );
}

#[test]
fn list_items_take_their_own_subject_and_the_shared_verb() {
    let t =
        "全年共制定区规范性文件4件,部门规范性文件6件,清理后废止2件,修改1件。办理区人大代表建议20件、区政协提案30件。";
    let got = pairs(
        t,
        &[
            ("4件", 4.0, "件"),
            ("6件", 6.0, "件"),
            ("2件", 2.0, "件"),
            ("1件", 1.0, "件"),
            ("20件", 20.0, "件"),
            ("30件", 30.0, "件"),
        ],
    );
    assert_eq!(
        got,
        [
            "cppcc_proposals=30",
            "normative_docs_abolished=2",
            "normative_docs_issued=4",
            "normative_docs_issued=6",
            "npc_suggestions=20"
        ]
    );
}

#[test]
fn counts_without_a_verb_and_their_breakdowns() {
    let t = "全年行政复议案件80件,其中涉及征收的12件,举行听证3件。开展经济责任审计9项,提出审计建议40条。";
    let got = pairs(
        t,
        &[("80件", 80.0, "件"), ("12件", 12.0, "件"), ("3件", 3.0, "件"), ("9项", 9.0, "项"), ("40条", 40.0, "条")],
    );
    assert_eq!(got, ["audit_projects=9", "reconsideration_received=80"]);
}

#[test]
fn a_shared_count_keeps_both_nouns_and_list_items_stay_apart() {
    let t = "办理人大代表建议和政协提案共50件。办理12件人大建议和34件政协提案。";
    let got = pairs(t, &[("50件", 50.0, "件"), ("12件", 12.0, "件"), ("34件", 34.0, "件")]);
    assert_eq!(got, ["cppcc_proposals=34", "cppcc_proposals=50", "npc_suggestions=12", "npc_suggestions=50"]);
}

#[test]
fn one_figure_may_feed_two_ids_and_community_advisers_do_not_count() {
    let t = "区政府法律顾问列席会议12次,出具法律意见书30份。社区法律顾问提供法律服务400次。";
    let got = pairs(t, &[("12次", 12.0, "次"), ("30份", 30.0, "份"), ("400次", 400.0, "次")]);
    assert_eq!(got, ["legal_advisers_services=12", "legal_advisers_services=30", "legality_reviews=30"]);
}

#[test]
fn breakdowns_after_qizhong_are_dropped_unless_they_state_something_new() {
    let t = "受理法律援助案件100宗,其中妇女法律援助案件20宗,已办结法律援助案件90宗。";
    let got = pairs(t, &[("100宗", 100.0, "宗"), ("20宗", 20.0, "宗"), ("90宗", 90.0, "宗")]);
    assert_eq!(got, ["legal_aid_cases=100", "legal_aid_cases=90"]);
}

#[test]
fn restated_facts_are_listed_once_and_bracketed_figures_ignored() {
    let t = "2024年开展行政执法案卷评查活动2次。\n开展行政执法案卷评查活动2次,抽取卷宗30本。办理行政诉讼案件9宗,已审结5宗(含1宗政府信息公开案件)。";
    let got = pairs(
        t,
        &[
            ("2次", 2.0, "次"),
            ("2次", 2.0, "次"),
            ("30本", 30.0, "本"),
            ("9宗", 9.0, "宗"),
            ("5宗", 5.0, "宗"),
            ("1宗", 1.0, "宗"),
        ],
    );
    assert_eq!(
        got,
        [
            "enforcement_files_reviewed=2",
            "enforcement_files_reviewed=30",
            "litigation_cases=9",
            "litigation_concluded=5"
        ]
    );
}

#[test]
fn evidence_is_printed_text_and_metric_points_back() {
    let t = "全年共收到行政復議申請12宗。";
    let view = normalize(t);
    let keys = attach(&view, &figs(t, &[("12宗", 12.0, "宗")]));
    let v = &keys["reconsideration_received"][0];
    assert_eq!(v.evidence, "全年共收到行政復議申請12宗");
    assert_eq!(v.metric, Some(0));
}

#[test]
fn hostile_inputs_do_not_panic() {
    let t = "(((((《《12件";
    let _ = pairs(t, &[("12件", 12.0, "件")]);
    let view = normalize("");
    assert!(attach(&view, &[]).is_empty());
    // A figure whose offsets are out of range or reversed must not panic either.
    let view = normalize("行政复议收到3件");
    let mut f = figs("行政复议收到3件", &[("3件", 3.0, "件")]);
    f[0].start = 1000;
    f[0].end = 2;
    let _ = attach(&view, &f);
}

/// The seed reports with the keys' own figures: the matching alone must reach the bar.
#[test]
fn seed_keys_with_gold_figures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let Ok(dir) = std::fs::read_dir(root.join("gold")) else { return };
    let mut names: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for path in names {
        let Ok(gold) = std::fs::read_to_string(&path) else { continue };
        let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold parses");
        let file = gold["file"].as_str().unwrap_or("");
        let Ok(bytes) = std::fs::read(root.join("corpus").join(file)) else { continue };
        let input = crate::decode(&bytes, file).expect("seed decodes");
        let mut at = 0;
        let mut figures = Vec::new();
        for m in gold["metrics"].as_array().into_iter().flatten() {
            let surface = m["surface"].as_str().unwrap_or("");
            let Some(i) = input[at..].find(surface) else { continue };
            let start = at + i;
            at = start + surface.len();
            figures.push(Figure {
                surface: surface.to_string(),
                value: m["value"].as_f64().unwrap_or(0.0),
                unit: m["unit"].as_str().unwrap_or("").to_string(),
                indicator: if std::env::var_os("FAZHI_NO_PHRASE").is_some() {
                    String::new()
                } else {
                    m["indicator"].as_str().unwrap_or("").to_string()
                },
                approx: false,
                start,
                end: at,
                section: None,
            });
        }
        let view = normalize(&input);
        let got = attach(&view, &figures);
        let mut pred: Vec<(String, f64, String)> =
            got.iter().flat_map(|(k, vs)| vs.iter().map(move |v| (k.clone(), v.value, v.evidence.clone()))).collect();
        let mut g: Vec<(String, f64)> = Vec::new();
        for (k, vs) in gold["key_indicators"].as_object().into_iter().flatten() {
            for v in vs.as_array().into_iter().flatten() {
                g.push((k.clone(), v["value"].as_f64().unwrap_or(f64::NAN)));
            }
        }
        np += pred.len();
        ng += g.len();
        for (k, v) in &g {
            if let Some(i) = pred.iter().position(|(pk, pv, _)| pk == k && pv == v) {
                pred.remove(i);
                tp += 1;
            } else {
                println!("{file} missed {k}={v}");
            }
        }
        for (k, v, e) in pred {
            println!("{file} extra  {k}={v}  «{e}»");
        }
    }
    if ng == 0 {
        return;
    }
    let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng as f64);
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    println!("keys with gold figures: P {p:.3} R {r:.3} F1 {f:.3} ({tp}/{np} predicted, {ng} gold)");
    assert!(f >= 0.9, "key indicators F1 {f:.3} with gold figures");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "行政复议",
        "受理",
        "办结",
        "其中",
        "规范性文件",
        "制定",
        "废止",
        "法律顾问",
        "社区法律顾问",
        "调解成功率",
        "培训机构",
        "执法",
        "培训",
        "12件",
        "3宗",
        "98.6%",
        "(",
        ")",
        "（",
        "）",
        "《",
        "》",
        ",",
        "，",
        "、",
        "和",
        "。",
        ";",
        "\n",
        "同比增长",
        "较上年度下降",
        "1.5倍",
        "個百分點",
        "創(chuàng)新",
        "一是",
        "(一)",
        "é",
        "𝄞",
        " ",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|v| v.concat()),
            any::<String>(),
        ]
    }

    proptest! {
        /// Any figures, even with offsets past the end, reversed or out of order, on any
        /// text: no panic, and every value points at a figure that exists.
        #[test]
        fn attach_never_panics(input in text(), raw in proptest::collection::vec((0usize..400, 0usize..400, 0usize..6), 0..12)) {
            const UNITS: [&str; 6] = ["件", "宗", "%", "次", "项", "名"];
            let figures: Vec<Figure> = raw
                .iter()
                .map(|&(s, e, u)| Figure {
                    surface: String::new(),
                    value: s as f64,
                    unit: UNITS[u].to_string(),
                    indicator: input.chars().take(e % 7).collect(),
                    approx: false,
                    start: s,
                    end: e,
                    section: None,
                })
                .collect();
            let view = normalize(&input);
            let keys = attach(&view, &figures);
            for vals in keys.values() {
                for v in vals {
                    prop_assert!(v.metric.is_some_and(|m| m < figures.len()));
                }
            }
            let _ = crate::changes::find(&view);
        }
    }
}
