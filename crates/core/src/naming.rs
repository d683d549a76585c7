//! What a report is called, and whether a text is a report at all: one rule each, for the CLI
//! and the web app alike.
//!
//! - **Name** ([`display_name`]): the title line as printed, cleaned of what no person would
//!   write in a name (pinyin annotations "創(chuàng)新", lost characters "??", page chrome glued
//!   after it "发布时间：… 字体：[大 中 小]"); without a usable title, the name a person would
//!   give it: who reports, the year, and the kind ("某区2023年法治政府建设年度报告"). Never the
//!   text's first line, sentence or heading: on a web page those are chrome.
//! - **Report or not** ([`looks_like_report`]): a title naming a report, or at least two of the
//!   mandated parts, or one with a key indicator. A diary entry has none of them; the front ends
//!   say so and still show what was found.

use crate::normalize::pinyin_len;
use crate::report::{Meta, PartKind, Report};

impl Report {
    /// The report's name as a person would give it; see [`display_name`].
    pub fn display_name(&self) -> Option<String> {
        display_name(&self.meta)
    }

    /// Whether the text looks like a report at all; see [`looks_like_report`].
    pub fn looks_like_report(&self) -> bool {
        looks_like_report(self)
    }
}

/// The kind of report a composed name gives ([`display_name`] without a title line).
pub const REPORT_KIND: &str = "法治政府建设年度报告";

/// Words that begin page chrome glued to a line ("发布时间：…", "字体：[大 中 小]"); what
/// follows one is not part of a name.
const CHROME_STARTS: [&str; 12] = [
    "发布时间",
    "发布日期",
    "发布机构",
    "信息来源",
    "来源：",
    "索引号",
    "信息提供日期",
    "浏览次数",
    "点击数",
    "字体：",
    "字体:",
    "【字体",
];

/// The name of a report with this metadata, or `None` when nothing names it (no title, no
/// body, region or year): the front end then shows the text's source (a file name).
pub fn display_name(meta: &Meta) -> Option<String> {
    if let Some(title) = meta.title.as_deref().map(clean).filter(|t| t.chars().count() >= 4) {
        return Some(title);
    }
    let who = meta.body.as_deref().or(meta.region.as_deref()).map(clean).unwrap_or_default();
    // "某区人民政府" reads as its place; a department keeps its whole name.
    let who = who.strip_suffix("人民政府").filter(|w| !w.is_empty()).unwrap_or(&who);
    let year = meta.report_year.map(|y| format!("{y}年")).unwrap_or_default();
    if who.is_empty() && year.is_empty() {
        return None;
    }
    Some([who, &year, REPORT_KIND].concat())
}

/// `name` as a person would write it: without pinyin annotations, lost characters ("??",
/// "？？", U+FFFD), control and zero-width characters and chrome glued after it; spaces between
/// Chinese characters dropped, other runs of space made one.
pub fn clean(name: &str) -> String {
    let cut = CHROME_STARTS.iter().filter_map(|w| name.find(w)).filter(|&i| i > 0).min().unwrap_or(name.len());
    let name = &name[..cut];
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if let Some(n) = pinyin_len(rest).filter(|_| out.chars().next_back().is_some_and(is_cjk)) {
            rest = &rest[n..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '?' | '？' | '\u{FFFD}' => {}
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' => {}
            c if c.is_whitespace() || c.is_control() => {
                let next = rest.trim_start().chars().next();
                let (prev, next) = (out.chars().next_back(), next);
                let han_or_digit = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || c.is_ascii_digit());
                let glued = (prev.is_some_and(is_cjk) && han_or_digit(next))
                    || (han_or_digit(prev) && next.is_some_and(is_cjk));
                if !glued && !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A Chinese character or punctuation mark (between two of them a space is layout, not a word
/// break).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether `report` looks like a report on rule-of-law government: a title naming one, at
/// least two of the mandated parts, or one of them with a key indicator.
pub fn looks_like_report(report: &Report) -> bool {
    let mut kinds: Vec<PartKind> = report.parts.iter().map(|p| p.kind).filter(|k| *k != PartKind::Other).collect();
    kinds.sort_unstable();
    kinds.dedup();
    report.meta.title.is_some() || kinds.len() >= 2 || (kinds.len() == 1 && !report.key_indicators.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: Option<&str>, body: Option<&str>, year: Option<i32>) -> Meta {
        Meta { title: title.map(str::to_string), body: body.map(str::to_string), report_year: year, ..Meta::default() }
    }

    #[test]
    fn a_title_is_cleaned_of_noise() {
        let name = |t: &str| display_name(&meta(Some(t), None, None));
        assert_eq!(
            name("某市2023年法治政府建設創(chuàng)新工作报告").as_deref(),
            Some("某市2023年法治政府建設創新工作报告")
        );
        assert_eq!(name("某区??2023年法治政府建设年度报告？？").as_deref(), Some("某区2023年法治政府建设年度报告"));
        assert_eq!(
            name("某区2023年法治政府建设年度报告 发布时间：2024-03-01 字体：[大 中 小]").as_deref(),
            Some("某区2023年法治政府建设年度报告")
        );
        assert_eq!(
            name("某区人民政府 2023年 法治政府\u{200B}建设年度报告").as_deref(),
            Some("某区人民政府2023年法治政府建设年度报告")
        );
        // Latin words keep their spaces; a parenthesis that is not pinyin stays.
        assert_eq!(clean("Fazhi  report (draft)"), "Fazhi report (draft)");
        assert_eq!(clean("报告（征求意见稿）"), "报告（征求意见稿）");
    }

    #[test]
    fn without_a_title_the_name_is_body_year_and_kind() {
        let name = |b: Option<&str>, y| display_name(&meta(None, b, y));
        assert_eq!(name(Some("某区人民政府"), Some(2023)).as_deref(), Some("某区2023年法治政府建设年度报告"));
        assert_eq!(
            name(Some("某市某区司法局"), Some(2023)).as_deref(),
            Some("某市某区司法局2023年法治政府建设年度报告")
        );
        assert_eq!(name(None, Some(2023)).as_deref(), Some("2023年法治政府建设年度报告"));
        assert_eq!(name(Some("某区人民政府"), None).as_deref(), Some("某区法治政府建设年度报告"));
        assert_eq!(name(None, None), None, "nothing names it: the front end shows its source");
        // A title of nothing but noise does not count.
        assert_eq!(
            display_name(&meta(Some("??？？"), Some("某县人民政府"), Some(2022))).as_deref(),
            Some("某县2022年法治政府建设年度报告")
        );
    }

    #[test]
    fn page_chrome_and_first_lines_never_name_a_report() {
        let text = "发布时间：2024-03-01 字体：[大 中 小]\n2023年，某区坚持依法行政，深入推进法治政府建设。\n一、主要举措和成效\n全年办理行政复议案件52件。\n二、存在的不足\n一是法治意识有待提高。\n三、下一年度工作安排\n继续推进。\n";
        let report = crate::analyze(text);
        let name = display_name(&report.meta).unwrap_or_default();
        assert!(!name.contains("发布") && !name.contains("字体") && !name.contains("坚持"), "{name}");
        assert!(name.ends_with(REPORT_KIND) && name.contains("2023年"), "{name}");
        assert!(looks_like_report(&report));
    }

    #[test]
    fn a_text_that_is_no_report_is_told() {
        let diary = crate::analyze("今天天气很好，我们去公园散步。晚上吃了饺子，看了三场电影。\n");
        assert!(!looks_like_report(&diary));
        assert_eq!(display_name(&diary.meta), None);
        let titled = crate::analyze("某市某区人民政府2023年法治政府建设年度报告\n今年我们做了很多工作。\n");
        assert!(looks_like_report(&titled));
    }
}
