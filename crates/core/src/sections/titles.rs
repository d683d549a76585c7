//! Heading titles and the part kind a title names.

use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;
use crate::text::boundary::is_sentence_mark;

use super::markers::{Cand, Style};
use super::{re, Head};
use crate::report::PartKind;

/// Longest title kept when a heading runs on without a sentence end, in chars.
pub(super) const MAX_TITLE_CHARS: usize = 150;

/// Sets each heading's title (in the view) and stops it where the next heading or a run-on
/// "一是" starts.
pub(super) fn set_titles(text: &str, cands: &[Cand], heads: &mut [Head]) {
    // Title stops: accepted headings and "一是" run-on marks, in order.
    let stops: Vec<usize> = cands.iter().filter(|c| c.accepted || c.cut_only).map(|c| c.at).collect();
    // Lines that lost their breaks: they hold a heading found in mid-line.
    let lines = heads.last().map_or(0, |h| h.cand.line + 1);
    let mut merged = vec![false; lines];
    for c in cands.iter().filter(|c| c.accepted && !c.line_start) {
        if let Some(m) = merged.get_mut(c.line) {
            *m = true;
        }
    }
    let mut k = 0;
    for h in heads.iter_mut() {
        let mut s = h.cand.end;
        // "第一部分、" "(一)、" "一、 " — skip separators and spaces after the marker.
        let skip = text[s..h.line_end]
            .char_indices()
            .find(|&(_, c)| !(c == ' ' || (h.cand.style != Style::Chapter && matches!(c, '、' | ':' | '.' | ','))))
            .map_or(h.line_end - s, |(i, _)| i);
        s += skip;
        while k < stops.len() && stops[k] < s {
            k += 1;
        }
        let limit = stops.get(k).copied().filter(|&p| p < h.line_end).unwrap_or(h.line_end);
        h.title = space_cut(text, first_sentence(text, s..limit));
        if merged.get(h.cand.line).copied().unwrap_or(false) {
            h.title = run_on_cut(text, h.title.clone());
        }
    }
}

/// Words that end a part's heading ("二、存在问题", "七、2024年工作要点").
fn part_end_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        re("举措和成效|主要成效|工作成效|有关情况|职责情况|存在的问题和不足|存在的不足和原因|存在的问题|存在的不足|存在问题|存在不足|不足和原因|工作要点|工作计划|工作安排|主要安排|工作打算|工作思路")
    })
}

/// A heading printed on the same line as its first paragraph, with space between
/// ("一、主要成效　　2030年，我区……"): the title stops at a paragraph indent (two spaces), or
/// at a single space when the first sentence is long.
fn space_cut(text: &str, r: Range<usize>) -> Range<usize> {
    let t = &text[r.clone()];
    // A byte scan: a searcher for a two-byte needle costs more to set up than to run here.
    let at = match t.as_bytes().windows(2).position(|w| w == b"  ") {
        Some(i) => Some(i),
        None if t.chars().count() > 50 => t.find(' '),
        None => None,
    };
    match at {
        Some(i) if t[..i].chars().count() >= 4 && !t[i..].trim().is_empty() => r.start..r.start + i,
        _ => r,
    }
}

/// On a line that lost its breaks, a heading title may run on into its text with nothing
/// between ("存在问题本年度…"): end it after the words that end a part's heading, when they
/// come early, or before a year that opens the paragraph's first clause ("…及成效2023年，…").
fn run_on_cut(text: &str, r: Range<usize>) -> Range<usize> {
    let t = &text[r.clone()];
    if let Some(m) = part_end_regex().find(t) {
        if m.end() < t.len() && t[..m.end()].chars().count() <= 40 {
            return r.start..r.start + m.end();
        }
    }
    // The paragraph after it opens with the year ("主要工作举措及成效2023年,在市委…").
    match year_clause_regex().find(t) {
        Some(m) if m.start() > 0 && t[..m.start()].chars().count() <= 40 => r.start..r.start + m.start(),
        _ => r,
    }
}

/// A year that opens a clause ("2023年,", "2023年以来", "2023年度,").
fn year_clause_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| re("20[0-9][0-9]年(?:度)?(?:以来)?,"))
}

/// The first sentence of `r` (without its "。"), or all of `r` when it has none, capped at
/// [`MAX_TITLE_CHARS`] and trimmed of trailing spaces and punctuation.
fn first_sentence(text: &str, r: Range<usize>) -> Range<usize> {
    let seg = &text[r.clone()];
    let mut depth = 0i32;
    let mut first_any = None;
    let mut end = None;
    for (count, (i, c)) in seg.char_indices().enumerate() {
        if count >= MAX_TITLE_CHARS {
            end = Some(first_any.unwrap_or(i));
            break;
        }
        match c {
            '“' | '「' => depth += 1,
            '”' | '」' => depth = (depth - 1).max(0),
            c if is_sentence_mark(c) => {
                first_any.get_or_insert(i);
                if depth == 0 {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let e = end.or(first_any).unwrap_or(seg.len());
    let t = seg[..e].trim_end_matches(|c: char| c.is_whitespace() || ",;:、.".contains(c));
    r.start..r.start + t.len()
}

/// Words of heading titles that tell a part's kind, by first character, with their group:
/// 0 第一责任人, 1 主要负责人, 2 履行, 3 plans, 4 problems, 5 other, 6 measures, 7 weak plans,
/// 8 weak problems (words a measures heading may use too: "补齐短板").
fn kind_words(c: char) -> &'static [(&'static str, usize)] {
    match c {
        '第' => &[("第一责任人", 0)],
        '主' => &[("主要负责人", 1), ("主要安排", 3)],
        '履' => &[("履行", 2), ("履职", 2)],
        '述' => &[("述法", 2)],
        '下' => &[("下一步", 3), ("下一年", 3), ("下步", 7)],
        '今' => &[("今后", 7)],
        '工' => &[("工作安排", 3), ("工作计划", 3), ("工作打算", 3), ("工作要点", 3), ("工作思路", 3)],
        '努' => &[("努力方向", 3)],
        '展' => &[("展望", 7)],
        '存' => &[("存在的主要问题", 4), ("存在的问题", 4), ("存在问题", 4), ("存在的不足", 4), ("存在不足", 4)],
        '问' => &[("问题和不足", 4), ("问题与不足", 4)],
        '困' => &[("困难和问题", 4), ("困难与问题", 4)],
        '不' => &[("不足和原因", 4), ("不足之处", 4), ("不足", 8)],
        '短' => &[("短板", 8)],
        '薄' => &[("薄弱环节", 8)],
        '其' => &[("其他", 5)],
        '附' => &[("附件", 5)],
        '成' => &[("成效", 6)],
        '举' => &[("举措", 6)],
        '做' => &[("做法", 6)],
        '体' => &[("体系", 6)],
        '情' => &[("情况", 6)],
        '安' => &[("安排", 7)],
        '计' => &[("计划", 7)],
        '打' => &[("打算", 7)],
        '思' => &[("思路", 7)],
        '要' => &[("要点", 7)],
        _ => &[],
    }
}

/// Kind of a part from its heading title: `(strict, loose)`. `strict` is set only by words
/// that leave no doubt (used for headings below level 1); `loose` calls anything that is not
/// clearly something else measures.
pub(super) fn title_kind(title: &str) -> (Option<PartKind>, PartKind) {
    let mut first = [None::<usize>; 9];
    for (i, c) in title.char_indices() {
        if let Some(&(_, g)) = kind_words(c).iter().find(|(w, _)| title[i..].starts_with(w)) {
            first[g].get_or_insert(i);
        }
    }
    let strict = if first[0].is_some() || (first[1].is_some() && first[2].is_some()) {
        Some(PartKind::Leaders)
    } else {
        match (first[4], first[3]) {
            (Some(a), Some(b)) => Some(if a < b { PartKind::Problems } else { PartKind::Plans }),
            (Some(_), None) => Some(PartKind::Problems),
            (None, Some(_)) => Some(PartKind::Plans),
            (None, None) => None,
        }
    };
    let weak_problems = match (first[8], first[3]) {
        (Some(a), Some(b)) => a < b,
        (a, _) => a.is_some(),
    };
    let loose = strict.unwrap_or(if weak_problems {
        PartKind::Problems
    } else if first[5].is_some() {
        PartKind::Other
    } else if first[6].is_some() {
        PartKind::Measures
    } else if first[7].is_some() {
        PartKind::Plans
    } else {
        PartKind::Measures
    });
    (strict, loose)
}
