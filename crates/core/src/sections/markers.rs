//! Heading markers: where they may be, and which of them are headings.
//!
//! Candidates are every line's leading marker ("一、", "(一)", "一是", "1.", "(1)", "①",
//! "第一部分"), plus "一、" and "(一)" in mid-line — a web page pasted without its line breaks
//! puts a heading right after a "。" or right after the previous heading's title — and
//! "一是" in mid-line, where a run-on title stops. A long line whose paragraphs were joined
//! with spaces is split at them first.
//!
//! Acceptance: a marker at a line start is a heading, except that item 1 of "一是", "1.",
//! "(1)" or "①" is not when its paragraph goes on to item 2 (an enumeration), and later items
//! only continue an accepted item 1. A marker in mid-line must continue its numbering
//! exactly, follow a sentence end or a heading title, start a chain ("一、" when the next
//! "…、" is "二、") unless it follows a heading title, and not be shadowed by the same number
//! at a later line start. A mid-line "一是" right after a heading title is item 1 when the
//! next line opens with "二是".

use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;
use crate::text::boundary::{heading_may_follow, precedes_inline_item};
use crate::text::numerals::{is_small_numeral, small_run, small_value, SMALL_NUMERAL_CLASS};

/// Heading marker styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// 第一部分 / 第一章.
    Part,
    /// 一、
    Chapter,
    /// (一)
    Paren,
    /// 一是
    Shi,
    /// 1. / 1、
    Num,
    /// (1)
    NumParen,
    /// ①
    Circled,
}

/// Number of [`Style`]s.
const STYLES: usize = 7;

impl Style {
    fn idx(self) -> usize {
        self as usize
    }

    /// Usual depth of the style in a report's hierarchy (smaller = higher).
    pub(super) fn rank(self) -> u8 {
        match self {
            Style::Part => 0,
            Style::Chapter => 1,
            Style::Paren => 2,
            Style::Shi | Style::Num => 3,
            Style::NumParen => 4,
            Style::Circled => 5,
        }
    }
}

/// A possible heading marker in the view.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cand {
    /// View offset of the marker.
    pub(super) at: usize,
    /// View offset just past the marker.
    pub(super) end: usize,
    pub(super) style: Style,
    pub(super) num: u32,
    /// At the start of its line (after indentation).
    pub(super) line_start: bool,
    /// For a mid-line marker: preceded by a sentence end or by white space.
    pub(super) prev_break: bool,
    /// Only marks where a run-on heading title stops ("…的不足一是…"); never a heading.
    pub(super) cut_only: bool,
    pub(super) line: usize,
    pub(super) accepted: bool,
}

/// The view's lines, without their '\n'. A long line whose paragraphs were joined with
/// spaces when its line breaks were lost (two or more spaces followed by a heading marker)
/// is split again at each run of spaces.
pub(super) fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        push_line(text, start..i, &mut out);
        start = i + 1;
    }
    push_line(text, start..text.len(), &mut out);
    out
}

/// Shortest line (in bytes) that may hold paragraphs joined with spaces.
pub(super) const JOINED_LINE: usize = 200;

/// Pushes `line`, split at its runs of spaces when it holds paragraphs joined with them.
fn push_line(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) {
    if line.len() < JOINED_LINE {
        out.push(line);
        return;
    }
    let s = &text[line.clone()];
    // Interior runs of spaces: (start, end) relative to the line.
    let mut runs = Vec::new();
    let mut from = 0;
    while let Some(p) = s.get(from..).and_then(|r| r.find(' ')) {
        let a = from + p;
        let e = a + s[a..].bytes().take_while(|&b| b == b' ').count();
        if a > 0 && e < s.len() {
            runs.push((a, e));
        }
        from = e;
    }
    let before_marker = runs.iter().filter(|&&(_, e)| line_marker(&s[e..]).is_some()).count();
    if before_marker < 2 {
        out.push(line);
        return;
    }
    let mut from = 0;
    for (a, b) in runs {
        out.push(line.start + from..line.start + a);
        from = b;
    }
    out.push(line.start + from..line.end);
}

/// The heading marker at the very start of `s`, if any: style, number, byte length.
pub(super) fn line_marker(s: &str) -> Option<(Style, u32, usize)> {
    let first = s.chars().next()?;
    if first == '(' {
        let inner = &s[1..];
        let n = small_run(inner);
        if n > 0 && inner[n..].starts_with(')') {
            return Some((Style::Paren, small_value(&inner[..n])?, n + 2));
        }
        // "(?)": a numeral lost to a bad conversion; numbered by `accept` as the next one.
        if let Some(lost) = inner.chars().next().filter(|&c| c == '?' || c == crate::normalize::LOST) {
            if inner[lost.len_utf8()..].starts_with(')') {
                return Some((Style::Paren, LOST_NUMBER, lost.len_utf8() + 2));
            }
        }
        let d = inner.bytes().take(2).take_while(u8::is_ascii_digit).count();
        if d > 0 && inner[d..].starts_with(')') {
            return Some((Style::NumParen, inner[..d].parse().ok()?, d + 2));
        }
        return None;
    }
    if first == '第' {
        let rest = &s['第'.len_utf8()..];
        let n = small_run(rest);
        let tail = &rest[n..];
        let unit = if tail.starts_with("部分") {
            "部分".len()
        } else if tail.starts_with('章') {
            '章'.len_utf8()
        } else {
            return None;
        };
        return Some((Style::Part, small_value(&rest[..n])?, '第'.len_utf8() + n + unit));
    }
    if is_small_numeral(first) {
        let n = small_run(s);
        let num = small_value(&s[..n])?;
        let mut after = s[n..].chars();
        return match after.next()? {
            '、' | '.' if !after.next().is_some_and(|c| is_small_numeral(c) || c == '、') => {
                Some((Style::Chapter, num, n + s[n..].chars().next()?.len_utf8()))
            }
            '是' => Some((Style::Shi, num, n + '是'.len_utf8())),
            _ => None,
        };
    }
    if first.is_ascii_digit() {
        let d = s.bytes().take(2).take_while(u8::is_ascii_digit).count();
        let mut after = s[d..].chars();
        let sep = after.next()?;
        if (sep == '.' || sep == '、') && !after.next().is_some_and(|c| c.is_ascii_digit() || c == '%') {
            return Some((Style::Num, s[..d].parse().ok()?, d + sep.len_utf8()));
        }
        return None;
    }
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some((Style::Circled, first as u32 - 0x2460 + 1, first.len_utf8()));
    }
    None
}

/// The number of a marker whose numeral was lost ("(?)"): [`accept`] gives it the next one.
const LOST_NUMBER: u32 = 0;

/// A heading marker as the report printed it (a `Section`'s `marker`), read whole: its style
/// and number, or `None` when it is not one marker. The full-width forms that the view folds
/// ("（十二）", "２．") are folded first, so that a later stage (the numbering check) reads a
/// marker with the same rules that found it, rather than with a parser of its own.
pub(crate) fn read_marker(marker: &str) -> Option<(Style, u32)> {
    let m: String = marker
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let (style, num, len) = line_marker(&m)?;
    // A lost numeral ("(?)") has no number to compare with its siblings'.
    (len == m.len() && num != LOST_NUMBER).then_some((style, num))
}

/// Markers that may sit in the middle of a line: the matches, in order and without overlap,
/// of `\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、是]`. A regex for that pattern
/// costs a lot per match, and heading-dense text has one every few bytes; so a literal search
/// finds where one may start and a few byte tests decide.
struct MidMarkers<'a> {
    text: &'a str,
    /// Where the last match ended.
    pos: usize,
    /// The numerals of the text, each of which may start a match or follow its '('.
    starts: crate::pattern::Matches<'static, 'a>,
}

impl<'a> MidMarkers<'a> {
    fn new(text: &'a str) -> Self {
        MidMarkers { text, pos: 0, starts: numeral_regex().find_iter(text) }
    }
}

/// The count and byte length of the run of Chinese numerals at `p`, counting at most four.
fn numerals(text: &str, p: usize) -> (usize, usize) {
    let mut n = 0;
    let mut len = 0;
    while n < 4 {
        match text.get(p + len..).and_then(|r| r.chars().next()) {
            Some(c) if is_small_numeral(c) => {
                n += 1;
                len += c.len_utf8();
            }
            _ => break,
        }
    }
    (n, len)
}

/// The end of a mid-line marker starting at `p`, if one does.
fn mid_match_at(text: &str, p: usize) -> Option<usize> {
    let rest = text.get(p..)?;
    let (open, from) = if rest.starts_with('(') { (true, p + 1) } else { (false, p) };
    let (n, len) = numerals(text, from);
    if !(1..=3).contains(&n) {
        return None;
    }
    let after = text.get(from + len..)?.chars().next()?;
    let closes = if open { after == ')' } else { after == '、' || after == '是' };
    closes.then(|| from + len + after.len_utf8())
}

/// The numerals every mid-line marker holds. A plain alternation of three-byte literals,
/// which the regex crate searches with SIMD and reports cheaply, however dense the matches.
fn numeral_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(SMALL_NUMERAL_CLASS).expect("valid regex"))
}

impl Iterator for MidMarkers<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        for m in self.starts.by_ref() {
            let q = m.start();
            // "(一)" starts just before its numeral, "一、" at it; try them in that order.
            let paren = q.checked_sub(1).filter(|&p| self.text.as_bytes().get(p) == Some(&b'('));
            for p in paren.into_iter().chain([q]) {
                if p < self.pos {
                    continue; // inside the last match
                }
                if let Some(e) = mid_match_at(self.text, p) {
                    self.pos = e;
                    return Some(p..e);
                }
            }
        }
        None
    }
}

/// Characters that make "一是" part of a word ("统一是", "唯一是").
fn joins_yi(c: char) -> bool {
    "统唯第万单同专归合划逐之不".contains(c)
}

/// Every possible heading marker of the text, in order.
pub(super) fn candidates(text: &str, lines: &[Range<usize>]) -> Vec<Cand> {
    let mut out = Vec::new();
    // Mid-line markers hold no line break or space, so one search of the whole text finds
    // those of every line (a search per line costs more to start than to run).
    let mut mids = MidMarkers::new(text).peekable();
    for (li, line) in lines.iter().enumerate() {
        let s = &text[line.clone()];
        let lead = s.len() - s.trim_start().len();
        let ts = line.start + lead;
        let mut start_end = ts;
        if let Some((style, num, len)) = line_marker(&text[ts..line.end]) {
            out.push(Cand {
                at: ts,
                end: ts + len,
                style,
                num,
                line_start: true,
                prev_break: true,
                cut_only: false,
                line: li,
                accepted: false,
            });
            start_end = ts + len;
        }
        while mids.next_if(|m| m.start < line.start).is_some() {}
        let first_mid = out.len();
        while let Some(m) = mids.next_if(|m| m.end <= line.end) {
            let at = m.start;
            if at < start_end {
                continue;
            }
            let before = text[line.start..at].chars().next_back();
            if before.is_some_and(is_small_numeral) {
                continue; // inside a longer numeral run
            }
            let ms = &text[m.clone()];
            let after = text[m.end..line.end].chars().next();
            let prev_break = text[line.start..at].trim_end_matches(' ').len() < at - line.start
                || text[line.start..at].chars().next_back().is_some_and(heading_may_follow);
            let (style, num, cut_only) = if let Some(inner) = ms.strip_prefix('(') {
                if before == Some('第') {
                    continue;
                }
                (Style::Paren, small_value(inner.trim_end_matches(')')), false)
            } else if let Some(n) = ms.strip_suffix('、') {
                if after.is_some_and(|c| is_small_numeral(c) || c == '、') {
                    continue; // "三、四级", "一、二季度"
                }
                (Style::Chapter, small_value(n), false)
            } else {
                let n = ms.strip_suffix('是').unwrap_or(ms);
                if n != "一" || before.is_some_and(joins_yi) {
                    continue;
                }
                (Style::Shi, Some(1), true)
            };
            let Some(num) = num else { continue };
            out.push(Cand {
                at,
                end: m.end,
                style,
                num,
                line_start: false,
                prev_break,
                cut_only,
                line: li,
                accepted: false,
            });
        }
        // "1." in mid-line, where a text lost its line breaks ("…改革工作1.优化组织机构。…
        // 2.深化改革。"), merged in order with the line's other mid-line markers.
        let digits = digit_markers(text, line.clone(), start_end, li);
        if !digits.is_empty() {
            // Both runs are in order: merge them.
            let mids = out.split_off(first_mid);
            let (mut a, mut b) = (mids.into_iter().peekable(), digits.into_iter().peekable());
            loop {
                let take_a = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => x.at <= y.at,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                out.extend(if take_a { a.next() } else { b.next() });
            }
        }
    }
    out
}

/// Mid-line "1." / "2、" markers of `line` from `from` on: one or two digits after a Han
/// character or a sentence mark, a "." or "、", then a Han character. `prev_break` is set after
/// a sentence mark only.
fn digit_markers(text: &str, line: Range<usize>, from: usize, li: usize) -> Vec<Cand> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = from.max(line.start);
    while i < line.end {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let d = bytes[i..line.end].iter().take_while(|b| b.is_ascii_digit()).count();
        let at = i;
        i += d;
        if d > 2 || at <= line.start {
            continue;
        }
        let Some(before) = text[line.start..at].chars().next_back() else { continue };
        let sentence = crate::text::boundary::is_sentence_mark(before);
        if !(sentence || crate::script::is_han(before)) {
            continue;
        }
        let rest = &text[i..line.end];
        let Some(sep) = rest.chars().next().filter(|&c| c == '.' || c == '、') else { continue };
        if !rest[sep.len_utf8()..].chars().next().is_some_and(crate::script::is_han) {
            continue;
        }
        let Ok(num) = text[at..i].parse() else { continue };
        out.push(Cand {
            at,
            end: i + sep.len_utf8(),
            style: Style::Num,
            num,
            line_start: false,
            prev_break: sentence,
            cut_only: false,
            line: li,
            accepted: false,
        });
    }
    out
}

/// Marks the candidates that are headings. At each offset in `resets` (starts of parts
/// without a heading) the numbering of every style below `top_rank` starts afresh.
pub(super) fn accept(text: &str, lines: &[Range<usize>], cands: &mut [Cand], resets: &[usize], top_rank: u8) {
    let n = cands.len();
    // For each candidate: the next real candidate of the same style, and the next one at a
    // line start.
    let mut next_same = vec![None; n];
    let mut next_line_same = vec![None; n];
    let mut seen: [Option<usize>; STYLES] = [None; STYLES];
    let mut seen_line: [Option<usize>; STYLES] = [None; STYLES];
    for i in (0..n).rev() {
        let c = cands[i];
        next_same[i] = seen[c.style.idx()];
        next_line_same[i] = seen_line[c.style.idx()];
        if c.cut_only {
            continue;
        }
        seen[c.style.idx()] = Some(i);
        if c.line_start {
            seen_line[c.style.idx()] = Some(i);
        }
    }

    let mut last = [0u32; STYLES];
    // Styles whose item 1 has opened an enumeration inside one paragraph in this report.
    let mut enumerated = [false; STYLES];
    let cut = crate::text::cut_short(text);
    // Where the last line starts: a paragraph from there on runs to the end of the text.
    let last_line = text.rfind('\n').map_or(0, |i| i + 1);
    let mut last_head_end: Option<usize> = None;
    let mut ri = 0;
    for i in 0..n {
        cands[i].accepted = false;
        if cands[i].line_start && cands[i].num == LOST_NUMBER && cands[i].style == Style::Paren {
            cands[i].num = last[cands[i].style.idx()] + 1;
        }
        let c = cands[i];
        while ri < resets.len() && resets[ri] <= c.at {
            for (t, l) in last.iter_mut().enumerate() {
                if rank_of_idx(t) > top_rank {
                    *l = 0;
                }
            }
            ri += 1;
        }
        let s = c.style.idx();
        let after_title =
            last_head_end.is_some_and(|e| c.at >= e && c.at - e <= 240 && !text[e..c.at].contains(['。', '\n']));
        let ok = if c.cut_only {
            // "一、标题  一是……。" with "二是" opening the next line: the heading's line also
            // holds its first item.
            let line_end = lines.get(c.line).map_or(text.len(), |l| l.end);
            after_title
                && !enumerates(c.style, &text[c.end..line_end])
                && next_line_same[i].is_some_and(|j| cands[j].num == 2)
        } else if c.line_start {
            match c.style {
                Style::Shi | Style::Num | Style::NumParen | Style::Circled if c.num == 1 => {
                    let line_end = lines.get(c.line).map_or(text.len(), |l| l.end);
                    if enumerates(c.style, &text[c.end..line_end]) {
                        enumerated[s] = true;
                        false
                    } else {
                        // A paragraph cut off by the end of a page cut short may have gone on to
                        // item 2: it reads as this report's other items 1 of the style did.
                        !(cut && enumerated[s] && line_end >= last_line)
                    }
                }
                Style::Shi => last[s] + 1 == c.num,
                Style::Num | Style::NumParen | Style::Circled => last[s] > 0 && c.num > last[s] && c.num <= last[s] + 2,
                _ => true,
            }
        } else if c.style == Style::Num {
            // A mid-line "1." only right after a heading's title, later ones after a sentence.
            c.num == last[s] + 1
                && if c.num == 1 { after_title } else { c.prev_break }
                && next_line_same[i].is_none_or(|j| cands[j].num != c.num)
        } else {
            c.num == last[s] + 1
                && (c.num > 1
                    || after_title
                    || next_same[i].is_some_and(|j| cands[j].num == 2)
                    || introduced(text, c.at)
                    || opens_a_level(text, cands, i))
                && next_line_same[i].is_none_or(|j| cands[j].num != c.num)
                && (c.prev_break || after_title)
        };
        if ok {
            cands[i].accepted = true;
            last[s] = c.num;
            for (t, l) in last.iter_mut().enumerate() {
                if rank_of_idx(t) > c.style.rank() {
                    *l = 0;
                }
            }
            last_head_end = Some(c.end);
        }
    }
}

/// True when the text before `at` introduces what follows ("现将有关情况报告如下：", "…总结
///如下。"): a mid-line "一、" there opens the report's headings even where no "二、" is left to
/// see (a page cut short).
fn introduced(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    ["如下:", "如下。", "如下"].iter().any(|w| before.ends_with(w))
}

/// How far (in bytes) a heading's title may run before the marker of its first sub-heading.
const TITLE_BYTES: usize = 240;

/// True when the mid-line item 1 `cands[i]` is followed, within a title's length and with no
/// sentence end between, by item 1 of a deeper style ("一、主要举措(一)加强领导。"): a heading
/// with its first sub-heading, not an item of a list.
fn opens_a_level(text: &str, cands: &[Cand], i: usize) -> bool {
    let c = cands[i];
    cands.get(i + 1).is_some_and(|n| {
        n.style.rank() > c.style.rank()
            && n.num == 1
            && !n.cut_only
            && n.at >= c.end
            && n.at - c.end <= TITLE_BYTES
            && !text[c.end..n.at].contains(['。', '\n'])
    })
}

/// True when the rest of a paragraph opened by item 1 of `style` goes on to item 2 itself
/// ("一是……；二是……"): an enumeration inside one paragraph, not headings.
fn enumerates(style: Style, rest: &str) -> bool {
    match style {
        Style::Shi => rest.contains("二是"),
        Style::NumParen => rest.contains("(2)"),
        Style::Circled => rest.contains('②'),
        Style::Num => rest.match_indices('2').any(|(i, _)| {
            let before = rest[..i].chars().next_back();
            let mut after = rest[i + 1..].chars();
            matches!(after.next(), Some('.' | '、'))
                && !after.next().is_some_and(|c| c.is_ascii_digit())
                && before.is_some_and(precedes_inline_item)
        }),
        _ => false,
    }
}

/// Rank of the style with index `i`.
fn rank_of_idx(i: usize) -> u8 {
    const ALL: [Style; STYLES] =
        [Style::Part, Style::Chapter, Style::Paren, Style::Shi, Style::Num, Style::NumParen, Style::Circled];
    ALL.get(i).map_or(u8::MAX, |s| s.rank())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern [`MidMarkers`] implements.
    fn mid_regex() -> Pattern {
        let n = SMALL_NUMERAL_CLASS;
        Pattern::new(&format!(r"\({n}{{1,3}}\)|{n}{{1,3}}[、是]")).expect("valid regex")
    }

    fn both(s: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let mine: Vec<_> = MidMarkers::new(s).collect();
        let theirs: Vec<_> = mid_regex().find_iter(s).map(|m| m.range()).collect();
        (mine, theirs)
    }

    #[test]
    fn mid_markers_match_the_pattern() {
        for s in [
            "",
            "一、",
            "(一)(二)(十二)(一二三四)",
            "一二三四、二是十是",
            "统一是。二、三、四级",
            "((一)",
            "(一二三)x一二三是",
            "甲一乙二丙（一）(a)",
            "𠀀一、é二是",
        ] {
            let (mine, theirs) = both(s);
            assert_eq!(mine, theirs, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn mid_markers_match_the_pattern_anywhere(s in "[一二三四十五是、()（）甲é𠀀 \n]{0,40}") {
            let (mine, theirs) = both(&s);
            proptest::prop_assert_eq!(mine, theirs);
        }
    }
}
