//! Checks: the completeness and quality checks researchers make by hand.
//!
//! Each check has a stable id and a Chinese explanation:
//!
//! | id | passes when |
//! |---|---|
//! | `part_measures` | the report states the year's measures and results |
//! | `part_problems` | … its shortcomings |
//! | `part_leaders` | … how the principal leaders performed their duty as first responsible persons |
//! | `part_plans` | … the next year's arrangements |
//! | `part_other` | always (the fifth content, "other matters", is optional); says whether present |
//!
//! A content counts as stated when `sections` found a part for it (with or without a heading),
//! else when a deeper heading or a sentence names it ("…履行推进法治建设第一责任人职责"); the
//! detail says which, so a reader can tell a part of its own from a passing mention.
//!
//! | id | passes when |
//! |---|---|
//! | `published_on_time` | published before 1 April of the year after the one reported on |
//! | `title_standard` | the title names the year, 法治政府建设 and 报告 |
//! | `data_density` | at least [`MIN_FIGURES_PER_1000`] figures per 1,000 characters |
//! | `problems_with_causes` | the shortcomings part says why (原因, 由于…) |
//! | `problems_with_remedies` | the shortcomings come with remedies, there or in the plans |
//! | `headings_consistent` | no skipped heading level, no gap or restart in a numbering |

use std::sync::OnceLock;

use crate::pattern::Pattern;

use crate::normalize::Normalized;
use crate::report::{Check, Part, PartKind, Report, Section};
use crate::sections::{self, Style};
use crate::text::numerals;

/// Fewest figures per 1,000 characters of report text for `data_density` to pass.
pub const MIN_FIGURES_PER_1000: f64 = 5.0;

/// Runs every check on an analysed report.
pub fn run(view: &Normalized, report: &Report) -> Vec<Check> {
    let mut out = Vec::with_capacity(11);
    for kind in [PartKind::Measures, PartKind::Problems, PartKind::Leaders, PartKind::Plans, PartKind::Other] {
        out.push(part_present(view, report, kind));
    }
    out.push(published_on_time(report));
    out.push(title_standard(report));
    out.push(data_density(view, report));
    out.extend(problems_quality(view, report));
    out.push(headings_consistent(report));
    out
}

fn check(id: &str, ok: bool, detail: String) -> Check {
    Check::new(id, ok, detail)
}

/// The Chinese name of a mandated content.
fn content_name(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Measures => "主要举措和成效",
        PartKind::Problems => "存在的不足和原因",
        PartKind::Leaders => "党政主要负责人履行推进法治建设第一责任人职责情况",
        PartKind::Plans => "下一年度主要安排",
        PartKind::Other => "其他需要报告的情况",
    }
}

/// Words that show a content is reported even where no part was recognised.
fn content_cue(kind: PartKind) -> Option<&'static Pattern> {
    static RES: OnceLock<[Pattern; 3]> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            Pattern::new(r"存在的?(主要)?(问题|不足)|不足之处|问题和不足|差距和不足|短板弱项|有待(进一步)?(提升|提高|加强|完善)|仍需(进一步)?(加强|提升)")
                .expect("valid regex"),
            Pattern::new(r"第一责任人").expect("valid regex"),
            Pattern::new(r"下一步|下一年度|(明年|来年|(19|20)[0-9]{2}年),?(我们|全区|全市|全县|我区|我市|我县|我局)?将|工作(安排|计划|打算|思路|要点)")
                .expect("valid regex"),
        ]
    });
    match kind {
        PartKind::Problems => Some(&res[0]),
        PartKind::Leaders => Some(&res[1]),
        PartKind::Plans => Some(&res[2]),
        PartKind::Measures | PartKind::Other => None,
    }
}

/// The view text of a part.
fn part_text<'v>(view: &'v Normalized, part: &Part) -> &'v str {
    let s = view.view_offset(part.start);
    let e = view.view_offset(part.end).max(s);
    view.text.get(s..e).unwrap_or("")
}

/// The view text of a part without its heading: "二、存在的不足和原因" names 原因 without
/// giving any. The heading is skipped by its length, since a pasted page may have run it
/// into the body.
fn part_body<'v>(view: &'v Normalized, report: &Report, part: &Part) -> &'v str {
    let t = part_text(view, part);
    let Some(s) = part.heading.and_then(|i| report.sections.get(i)) else { return t };
    let skip = s.marker.chars().count() + s.title.chars().count();
    let at = t.char_indices().nth(skip).map_or(t.len(), |(i, _)| i);
    &t[at..]
}

/// How a part is found: its heading, or its opening words.
fn part_place(view: &Normalized, report: &Report, part: &Part) -> String {
    match part.heading.and_then(|i| report.sections.get(i)) {
        Some(s) => format!("见“{}{}”", s.marker, shorten(&s.title, 30)),
        None => format!("无单独标题，自“{}”起", shorten(part_text(view, part).trim(), 16)),
    }
}

fn shorten(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((cut, _)) => {
            let mut out = String::with_capacity(cut + '…'.len_utf8());
            out.push_str(&s[..cut]);
            out.push('…');
            out
        }
        None => s.to_string(),
    }
}

fn part_present(view: &Normalized, report: &Report, kind: PartKind) -> Check {
    let id = format!("part_{}", kind.id());
    let name = content_name(kind);
    if let Some(part) = report.parts.iter().find(|p| p.kind == kind) {
        return check(&id, true, format!("报告了“{name}”（{}）。", part_place(view, report, part)));
    }
    if kind == PartKind::Other {
        return check(&id, true, format!("未单列“{name}”；该项为可选内容。"));
    }
    let Some(cue) = content_cue(kind) else {
        return check(&id, false, format!("未找到“{name}”的内容。"));
    };
    // A deeper heading ("三是抓实党政主要负责人履行…第一责任人职责"), else a sentence.
    if let Some(s) = report.sections.iter().find(|s| cue.is_match(&crate::script::simplify_str(&s.title))) {
        return check(&id, true, format!("未单列“{name}”部分，在{}下报告。", heading_name(s)));
    }
    if let Some(m) = cue.find(&view.text) {
        return check(
            &id,
            true,
            format!("未单列“{name}”部分，但正文有相关表述（“{}”）。", context_of(&view.text, m.start())),
        );
    }
    check(&id, false, format!("未找到“{name}”的内容。"))
}

/// Parses "YYYY-MM-DD".
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Some((y, m, d))
}

fn published_on_time(report: &Report) -> Check {
    const ID: &str = "published_on_time";
    let Some(date) = report.meta.published.as_deref() else {
        return Check::unknown(ID, "报告未注明发布日期，无法判断是否在次年4月1日前公开。".into());
    };
    let Some((y, m, d)) = parse_date(date) else {
        return Check::unknown(ID, format!("发布日期“{date}”无法识别。"));
    };
    let Some(year) = report.meta.report_year else {
        return Check::unknown(ID, format!("发布于{date}，但未能确定报告年度，无法判断是否按时公开。"));
    };
    let deadline = (year + 1, 4, 1);
    if (y, m, d) < deadline {
        check(ID, true, format!("发布于{date}，在{}年4月1日的期限之前。", year + 1))
    } else {
        check(ID, false, format!("发布于{date}，晚于{}年4月1日的期限。", year + 1))
    }
}

fn title_standard(report: &Report) -> Check {
    const ID: &str = "title_standard";
    let Some(title) = report.meta.title.as_deref().filter(|t| !t.trim().is_empty()) else {
        return check(ID, false, "未找到报告标题。".into());
    };
    static YEAR: OnceLock<Pattern> = OnceLock::new();
    let year =
        YEAR.get_or_init(|| Pattern::new(r"(19|20)[0-9]{2}[ \t\r\n\x{A0}\x{3000}]{0,8}年").expect("valid regex"));
    let t = crate::script::simplify_str(title);
    let t = t.replace(|c: char| c.is_whitespace(), "");
    let mut missing = Vec::new();
    if !year.is_match(&t) {
        missing.push("年度");
    }
    if !t.contains("法治政府建设") {
        missing.push("“法治政府建设”");
    }
    if !t.contains("报告") {
        missing.push("“报告”");
    }
    if missing.is_empty() {
        check(ID, true, format!("标题“{title}”含年度、“法治政府建设”和“报告”。"))
    } else {
        check(ID, false, format!("标题“{title}”缺少{}。", missing.join("、")))
    }
}

fn data_density(view: &Normalized, report: &Report) -> Check {
    const ID: &str = "data_density";
    // Characters without whitespace, counted on bytes: every char has one non-continuation
    // byte, and the view turns odd spaces into ASCII ones.
    let chars = crate::bytes::count(view.text.as_bytes(), |b| b & 0xC0 != 0x80 && !b.is_ascii_whitespace());
    let n = report.metrics.len();
    if chars == 0 {
        return check(ID, false, "报告没有正文。".into());
    }
    let per_k = n as f64 * 1000.0 / chars as f64;
    let ok = per_k >= MIN_FIGURES_PER_1000;
    let verdict = if ok { "数据较充实" } else { "数据偏少" };
    check(
        ID,
        ok,
        format!(
            "共{n}个数据，正文约{chars}字，每千字{per_k:.1}个（不少于{MIN_FIGURES_PER_1000}个为合格），{verdict}。"
        ),
    )
}

/// `problems_with_causes` and `problems_with_remedies`.
fn problems_quality(view: &Normalized, report: &Report) -> [Check; 2] {
    static RES: OnceLock<[Pattern; 3]> = OnceLock::new();
    let [cause, remedy, answer] = RES.get_or_init(|| {
        [
            Pattern::new(r"原因|由于|主要是|究其|根源|源于|归因|因为|导致|造成|受[^。,;]{1,12}影响|客观上|主观上").expect("valid regex"),
            Pattern::new(r"下一步|今后|将(进一步|继续|着力|持续|加大|加快|强化|加强|推动|完善|深化)|针对(上述|以上|这些|存在的?|所列|此)|(整改|改进)(措施|方向|计划|意见)|对策|解决办法")
                .expect("valid regex"),
            Pattern::new(r"针对(上述|以上|这些|存在的?|所列|此)|补齐?短板|强弱项|薄弱环节|存在的(问题|不足)").expect("valid regex"),
        ]
    });
    let problems: Vec<&Part> = report.parts.iter().filter(|p| p.kind == PartKind::Problems).collect();
    if problems.is_empty() {
        let detail = "未识别出“存在的不足”部分，无法判断。".to_string();
        return [
            Check::unknown("problems_with_causes", detail.clone()),
            Check::unknown("problems_with_remedies", detail),
        ];
    }
    let text: String = problems.iter().map(|p| part_body(view, report, p)).collect::<Vec<_>>().join("\n");
    let causes = match cause.find(&text) {
        Some(m) => {
            check("problems_with_causes", true, format!("不足部分分析了原因（“{}”）。", context_of(&text, m.start())))
        }
        None => check("problems_with_causes", false, "不足部分只列举问题，未分析原因。".into()),
    };
    let remedies = if let Some(m) = remedy.find(&text) {
        check("problems_with_remedies", true, format!("不足部分提出了改进方向（“{}”）。", context_of(&text, m.start())))
    } else {
        let plans: String =
            report.parts.iter().filter(|p| p.kind == PartKind::Plans).map(|p| part_body(view, report, p)).collect();
        match answer.find(&plans) {
            Some(m) => check(
                "problems_with_remedies",
                true,
                format!("下一年度安排回应了所列不足（“{}”）。", context_of(&plans, m.start())),
            ),
            None => check("problems_with_remedies", false, "未针对所列不足提出改进措施。".into()),
        }
    };
    [causes, remedies]
}

/// A few characters either side of byte `at` of `text`.
fn context_of(text: &str, at: usize) -> String {
    let at = crate::text::floor_char(text, at);
    // Within the line: an excerpt spanning a heading break reads badly.
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before: Vec<char> = text[line_start..at].chars().rev().take(6).collect();
    let before: String = before.into_iter().rev().collect();
    let rest = text[at..].split('\n').next().unwrap_or("");
    format!("{before}{}", shorten(rest, 10)).trim().to_string()
}

/// The numbering style and number of a heading marker: ("一、", 1), ("(一)", 1), ("一是", 1),
/// ("1.", 1)… Read by `sections`, which found the marker, so both agree on what a marker is.
fn ordinal(marker: &str) -> Option<(&'static str, u32)> {
    let (style, n) = sections::read_marker(marker)?;
    let printed = marker.trim_end();
    let name = match style {
        Style::Part if printed.ends_with("部分") => "第…部分",
        Style::Chapter if printed.ends_with('、') => "一、",
        // "第一章" and "一." have never been compared with their siblings here; sharing the
        // marker reader was to change no result, so they still are not.
        Style::Part | Style::Chapter => return None,
        Style::Paren => "(一)",
        Style::Shi => "一是",
        Style::Num => "1.",
        Style::NumParen => "(1)",
        Style::Circled => "①",
    };
    Some((name, n))
}

fn heading_name(s: &Section) -> String {
    format!("“{}{}”", s.marker, shorten(&s.title, 12))
}

fn headings_consistent(report: &Report) -> Check {
    const ID: &str = "headings_consistent";
    let sections = &report.sections;
    if sections.is_empty() {
        return check(ID, false, "未识别出任何标题，报告没有层级结构。".into());
    }
    // Only the first three problems are told, so only they are written out; the rest are
    // counted (a report whose numbering is off has one per heading).
    let mut issues: Vec<String> = Vec::new();
    let mut count = 0usize;
    let mut issue = |say: &dyn Fn() -> String| {
        count += 1;
        if issues.len() < 3 {
            issues.push(say());
        }
    };
    if let Some(first) = sections.first().filter(|s| s.level != 1) {
        issue(&|| format!("第一个标题{}不是一级标题", heading_name(first)));
    }
    // Parts without a heading start a new top-level node: numbering under them restarts.
    let headless: Vec<usize> = report.parts.iter().filter(|p| p.heading.is_none()).map(|p| p.start).collect();
    // Per level: the last sibling's (style, number), reset when a parent opens.
    let mut last: Vec<Option<(&'static str, u32)>> = vec![None; 8];
    let mut prev_level = 0u8;
    let mut prev_start = 0usize;
    for s in sections {
        if headless.iter().any(|&h| h > prev_start && h <= s.start) {
            last.iter_mut().skip(2).for_each(|l| *l = None);
            prev_level = 1;
        }
        let level = s.level.max(1);
        if level > prev_level + 1 && prev_level > 0 {
            issue(&|| format!("{}从第{prev_level}级直接跳到第{level}级", heading_name(s)));
        }
        let li = (level as usize).min(last.len() - 1);
        last.iter_mut().skip(li + 1).for_each(|l| *l = None);
        if let Some((style, n)) = ordinal(&s.marker) {
            match last[li] {
                Some((ps, pn)) if ps == style && n != pn + 1 => {
                    issue(&|| format!("{}的编号接在{}之后，不连续", heading_name(s), number_name(ps, pn)));
                }
                Some((ps, _)) if ps != style => {
                    issue(&|| format!("{}与同级前一标题的编号样式（{ps}）不一致", heading_name(s)));
                }
                None if n != 1 => issue(&|| format!("{}没有从第一项开始编号", heading_name(s))),
                _ => {}
            }
            last[li] = Some((style, n));
        }
        prev_level = level;
        prev_start = s.start;
    }
    if count == 0 {
        check(ID, true, format!("共{}个标题，层级清楚，编号连续。", sections.len()))
    } else {
        let more = if count > 3 { format!("等{count}处问题") } else { String::new() };
        check(ID, false, format!("{}{more}。", issues.join("；")))
    }
}

/// "(三)", "3." … for a style and number.
fn number_name(style: &str, n: u32) -> String {
    let cn = numerals::small_name;
    match style {
        "一、" => format!("“{}、”", cn(n)),
        "(一)" => format!("“({})”", cn(n)),
        "一是" => format!("“{}是”", cn(n)),
        "第…部分" => format!("“第{}部分”", cn(n)),
        "(1)" => format!("“({n})”"),
        "①" => format!("第{n}项"),
        _ => format!("“{n}.”"),
    }
}

#[cfg(test)]
mod tests;
