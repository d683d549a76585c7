//! What the analyser reports, by name: the key indicators and the checks, each with its stable
//! id, its place in the order users see, and its Chinese label. The one table of each that the
//! CLI, the comparison, its CSV and the web app read; a front end adds only translations, keyed
//! by id (the web app's English strings are tested against these ids).

use crate::indicators::TAXONOMY;

/// One named thing the analyser reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The stable id of the JSON output and the answer keys ("reconsideration_received").
    pub id: &'static str,
    /// The Chinese label shown to users ("行政复议收案").
    pub label: &'static str,
}

/// The canonical key indicators, in the order of the domain notes.
pub fn indicators() -> impl ExactSizeIterator<Item = Entry> + Clone {
    TAXONOMY.iter().map(|i| Entry { id: i.id, label: i.label })
}

/// The Chinese label of key indicator `id`.
pub fn indicator_label(id: &str) -> Option<&'static str> {
    crate::indicators::label(id)
}

/// Where key indicator `id` sorts (the order of [`indicators`]); unknown ids sort last.
pub fn indicator_rank(id: &str) -> usize {
    crate::indicators::rank(id)
}

/// Every check, in the order a report lists them: the five mandated contents first (in the
/// order of the 2019 regulation), then the quality checks.
pub const CHECKS: [Entry; 11] = [
    Entry { id: "part_measures", label: "主要举措和成效" },
    Entry { id: "part_problems", label: "存在的不足和原因" },
    Entry { id: "part_leaders", label: "第一责任人履职情况" },
    Entry { id: "part_plans", label: "下一年度主要安排" },
    Entry { id: "part_other", label: "其他需要报告的情况" },
    Entry { id: "published_on_time", label: "按时公开（次年4月1日前）" },
    Entry { id: "title_standard", label: "标题规范" },
    Entry { id: "data_density", label: "数据充分" },
    Entry { id: "problems_with_causes", label: "不足附原因分析" },
    Entry { id: "problems_with_remedies", label: "不足附改进措施" },
    Entry { id: "headings_consistent", label: "标题层级规范" },
];

/// The Chinese label of check `id`.
pub fn check_label(id: &str) -> Option<&'static str> {
    CHECKS.iter().find(|c| c.id == id).map(|c| c.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_a_report_gets_is_in_the_catalog_in_order() {
        let report = crate::analyze(
            "某区2023年法治政府建设年度报告\n一、主要举措\n办理案件12件。\n二、存在的不足和原因\n原因是…\n",
        );
        let ids: Vec<&str> = report.checks.iter().map(|c| c.id.as_str()).collect();
        let catalog: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        assert_eq!(ids, catalog);
    }

    #[test]
    fn indicators_have_unique_ids_and_labels() {
        let all: Vec<Entry> = indicators().collect();
        assert_eq!(all.len(), 27);
        for (i, e) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|f| f.id != e.id && f.label != e.label), "{e:?} twice");
            assert_eq!(indicator_rank(e.id), i);
            assert_eq!(indicator_label(e.id), Some(e.label));
        }
    }
}
