//! Sections: the heading tree and the top-level parts by content.
//!
//! Headings are found in the normalised view in four steps, each linear in the text:
//!
//! 1. [`markers`]: candidate markers and which of them are headings — including markers in
//!    the middle of a line, for text that lost its line breaks;
//! 2. [`titles`]: each heading's title (its line, or the first sentence of its paragraph) and
//!    the part kind the title names;
//! 3. [`openers`]: parts without a heading ("一年来……但……有待提升", "2031年，我市将……");
//! 4. here: levels, ends and parts. The level is the depth of a stack of marker styles ordered
//!    by their usual rank (一、 above (一) above 一是 / 1. above (1) above ①), so "一是"
//!    directly under "一、" is level 2 and under "(一)" level 3; a part without a heading
//!    counts as a level-1 node. A section ends before the next heading of the same or higher
//!    level, at the start of a part without a heading, or at the end of the report text
//!    (before a trailing signature, see [`trailer`]).

mod markers;
mod openers;
mod titles;
mod trailer;

use std::ops::Range;

use crate::pattern::Pattern;

use crate::normalize::Normalized;
use crate::report::{Part, PartKind, Section};
use markers::{accept, candidates, line_ranges, Cand};
pub(crate) use markers::{read_marker, Style};
use openers::{openers, Opener, Sentences};
use titles::{set_titles, title_kind};
use trailer::trailer;

/// The structure of a report: its headings and its parts.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// Every heading, in document order.
    pub sections: Vec<Section>,
    /// Parts by content, with or without a heading, ordered by start. The level-1 sections
    /// give the top-level parts; a level-2 (or deeper) heading that plainly holds another
    /// mandated content (e.g. "(三)党政主要负责人履行第一责任人职责" inside the measures part)
    /// gives a further part nested inside its parent's.
    pub parts: Vec<Part>,
    /// View range of the text before the first heading (title line, opening paragraph).
    pub preamble: Range<usize>,
    /// View range of the signing body after the report text ("某市某区司法局"), if any.
    pub signer: Option<Range<usize>>,
    /// View range of the signing date after the report text ("2021年12月20日"), if any.
    pub signed: Option<Range<usize>>,
}

/// Finds the headings and parts of a normalised report.
pub fn segment(view: &Normalized) -> Outline {
    let text = view.text.as_str();
    let lines = line_ranges(text);
    let mut cands = candidates(text, &lines);
    let trailer = trailer(text);
    accept(text, &lines, &mut cands, &[], 0);
    let (mut heads, mut top_rank) = build_heads(text, &lines, &cands);
    // Only a text with headings has parts without one.
    let sentences = if heads.is_empty() { Sentences::default() } else { Sentences::new(text) };
    let mut openers = openers(text, &sentences, &heads, top_rank, trailer.body_end);
    if !openers.is_empty() {
        // Numbering restarts in a part without a heading ("(一)" after the last part's "(四)");
        // accept again with that in mind.
        let resets: Vec<usize> = openers.iter().map(|o| o.at).collect();
        let before: Vec<bool> = cands.iter().map(|c| c.accepted).collect();
        accept(text, &lines, &mut cands, &resets, top_rank);
        // Usually no heading changes, and then neither would the heads and parts built anew.
        if cands.iter().zip(&before).any(|(c, &b)| c.accepted != b) {
            (heads, top_rank) = build_heads(text, &lines, &cands);
            openers = self::openers(text, &sentences, &heads, top_rank, trailer.body_end);
        }
    }
    set_levels(&mut heads, &openers, top_rank);
    set_ends(text, &mut heads, &openers, trailer.body_end);

    let preamble_end = heads.first().map_or(trailer.body_end, |h| h.cand.at);
    let mut outline = Outline {
        sections: Vec::with_capacity(heads.len()),
        parts: Vec::new(),
        preamble: 0..preamble_end.min(text.len()),
        signer: trailer.signer,
        signed: trailer.signed,
    };
    for h in &heads {
        let range = view.input_range(h.cand.at..h.end.max(h.cand.at));
        let level_one = h.level == 1;
        outline.sections.push(Section {
            level: h.level,
            marker: view.input_slice(h.cand.at..h.cand.end).to_string(),
            title: view.printed(h.title.clone()).trim().to_string(),
            kind: level_one.then_some(h.kind),
            start: range.start,
            end: range.end,
        });
    }
    outline.parts = parts(view, &heads, &openers, trailer.body_end);
    outline
}

/// An accepted heading being built.
#[derive(Clone, Debug)]
struct Head {
    cand: Cand,
    /// View range of the title.
    title: Range<usize>,
    line_end: usize,
    /// The part kind its title suggests, if it were a level-1 heading.
    kind: PartKind,
    /// The part kind its title leaves no doubt about.
    strict: Option<PartKind>,
    level: u8,
    /// View offset where the section ends.
    end: usize,
}

/// Builds the accepted headings with their titles and kinds; also returns the top rank.
fn build_heads(text: &str, lines: &[Range<usize>], cands: &[Cand]) -> (Vec<Head>, u8) {
    let mut heads: Vec<Head> = Vec::with_capacity(cands.iter().filter(|c| c.accepted).count());
    heads.extend(cands.iter().filter(|c| c.accepted).map(|c| {
        let line_end = lines.get(c.line).map_or(text.len(), |l| l.end);
        Head { cand: *c, title: 0..0, line_end, kind: PartKind::Measures, strict: None, level: 0, end: 0 }
    }));
    set_titles(text, cands, &mut heads);
    // A page cut short in the middle of its last heading ("三是健全机制推动法治工作落") keeps
    // no half heading.
    if crate::text::cut_short(text) && heads.last().is_some_and(|h| cut_heading(text, h)) {
        heads.pop();
    }
    for h in heads.iter_mut() {
        (h.strict, h.kind) = title_kind(&text[h.title.clone()]);
    }
    let top_rank = heads.iter().map(|h| h.cand.style.rank()).min().unwrap_or(0);
    (heads, top_rank)
}

/// True when the text ends inside `h`'s title: after the title comes neither a line break nor a
/// sentence mark, only the torn end of the text.
fn cut_heading(text: &str, h: &Head) -> bool {
    let rest = text.get(h.title.end..).map_or("", crate::text::trim_cut_end);
    !rest.contains(|c: char| c == '\n' || crate::text::boundary::is_sentence_mark(c))
}

/// Compiles one of the module's fixed patterns.
fn re(p: &str) -> Pattern {
    Pattern::new(p).expect("valid regex")
}

/// One entry of the level stack.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A marker style; `true` for "一、" headings nested under another "一、" (see
    /// [`nested_chapters`]), which stand between "一、" and "(一)".
    Style(Style, bool),
    /// A part without a heading, standing at the top level.
    Virtual,
}

/// The rank of a style in the level stack, doubled so that nested "一、" fit between ranks.
fn rank2(style: Style, nested: bool) -> u16 {
    u16::from(style.rank()) * 2 + u16::from(nested)
}

/// Sets each heading's level from the stack of marker styles above it.
fn set_levels(heads: &mut [Head], openers: &[Opener], top_rank: u8) {
    let nested = nested_chapters(heads, openers);
    let mut stack: Vec<Slot> = Vec::new();
    let mut oi = 0;
    for (h, &sub) in heads.iter_mut().zip(&nested) {
        while oi < openers.len() && openers[oi].at <= h.cand.at {
            stack.clear();
            stack.push(Slot::Virtual);
            oi += 1;
        }
        let style = h.cand.style;
        let slot = Slot::Style(style, sub);
        if let Some(p) = stack.iter().position(|s| *s == slot) {
            stack.truncate(p);
        } else {
            while let Some(top) = stack.last() {
                let pop = match *top {
                    Slot::Style(t, n) => rank2(t, n) > rank2(style, sub),
                    Slot::Virtual => rank2(style, sub) <= u16::from(top_rank) * 2,
                };
                if !pop {
                    break;
                }
                stack.pop();
            }
        }
        stack.push(slot);
        h.level = u8::try_from(stack.len()).unwrap_or(u8::MAX);
    }
}

/// Which "一、" headings are nested under another "一、": a numbering of "一、" that restarts
/// at 一 under the outer "一、" ("一、2030年工作情况" / "一、加强党的领导" / "二、完善制度" …),
/// or under a later outer one once the report has nested so ("二、存在的问题" / "一、…"). (A
/// restart under a later heading of a report that never nested is a second series, left flat.)
/// The inner numbering goes on while each heading continues it; the outer one resumes with the
/// next outer number, which wins when both would continue and the title plainly names another
/// part ("二、存在的问题"). A part without a heading, or a "第…部分", closes both.
fn nested_chapters(heads: &[Head], openers: &[Opener]) -> Vec<bool> {
    let mut out = vec![false; heads.len()];
    let (mut outer, mut inner) = (0u32, None::<u32>);
    let mut nested_before = false;
    let mut oi = 0;
    for (i, h) in heads.iter().enumerate() {
        while oi < openers.len() && openers[oi].at <= h.cand.at {
            (outer, inner) = (0, None);
            oi += 1;
        }
        let num = h.cand.num;
        match h.cand.style {
            Style::Part => (outer, inner) = (0, None),
            Style::Chapter => {
                let nest = match inner {
                    None => num == 1 && (outer == 1 || (outer > 1 && nested_before)),
                    Some(m) if num == m + 1 => !(num == outer + 1 && h.strict.is_some()),
                    Some(_) => num == 1 && num != outer + 1,
                };
                if nest {
                    inner = Some(num);
                    nested_before = true;
                } else {
                    (outer, inner) = (num, None);
                }
                out[i] = nest;
            }
            _ => {}
        }
    }
    out
}

/// Sets where each section ends (in the view): before the next heading of the same or a
/// higher level, at a part without a heading, or at the end of the report text.
fn set_ends(text: &str, heads: &mut [Head], openers: &[Opener], body_end: usize) {
    let trim = |p: usize| text[..p.min(text.len())].trim_end().len();
    let mut open: Vec<usize> = Vec::new();
    let mut oi = 0;
    for i in 0..heads.len() {
        let at = heads[i].cand.at;
        while oi < openers.len() && openers[oi].at <= at {
            let o = openers[oi].at;
            for j in open.drain(..) {
                heads[j].end = trim(o).max(heads[j].cand.at);
            }
            oi += 1;
        }
        let level = heads[i].level;
        while let Some(&j) = open.last() {
            if heads[j].level < level {
                break;
            }
            heads[j].end = trim(at).max(heads[j].cand.at);
            open.pop();
        }
        open.push(i);
    }
    let mut close = body_end;
    if let Some(o) = openers.get(oi) {
        close = close.min(o.at);
    }
    for j in open {
        heads[j].end = trim(close).max(heads[j].cand.at);
    }
}

/// The parts: each level-1 heading's and each opener's, running to the next of either, plus
/// the nested parts of deeper headings whose titles name another content.
fn parts(view: &Normalized, heads: &[Head], openers: &[Opener], body_end: usize) -> Vec<Part> {
    let text = view.text.as_str();
    let trim = |p: usize| text[..p.min(text.len())].trim_end().len();
    let mut out: Vec<(usize, Part)> = Vec::new();
    // Top-level parts: level-1 headings and openers, each running to the next of either.
    let mut starts: Vec<(usize, PartKind, Option<usize>)> = heads
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level == 1)
        .map(|(i, h)| (h.cand.at, h.kind, Some(i)))
        .chain(openers.iter().map(|o| (o.at, o.kind, None)))
        .collect();
    crate::order::by_offset(&mut starts, |s| s.0);
    for (k, &(at, kind, heading)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(body_end, |n| n.0);
        let end = trim(next).max(at);
        let r = view.input_range(at..end);
        out.push((at, Part { kind, heading, start: r.start, end: r.end }));
    }
    // Nested parts: deeper headings that plainly hold another content.
    let mut current = None;
    for (i, h) in heads.iter().enumerate() {
        if h.level == 1 {
            current = Some(h.kind);
            continue;
        }
        if let Some(kind) = h.strict {
            if current.is_some_and(|c| c != kind) {
                let r = view.input_range(h.cand.at..h.end.max(h.cand.at));
                out.push((h.cand.at, Part { kind, heading: Some(i), start: r.start, end: r.end }));
            }
        }
    }
    crate::order::by_offset(&mut out, |p| p.0);
    out.into_iter().map(|p| p.1).collect()
}

#[cfg(test)]
mod tests {
    use super::titles::MAX_TITLE_CHARS;
    use super::*;
    use crate::normalize::normalize;

    /// (level, marker, title, kind) of a section.
    type Row = (u8, String, String, Option<PartKind>);

    fn outline_of(input: &str) -> (Vec<Row>, Outline) {
        let view = normalize(input);
        let o = segment(&view);
        let s = o.sections.iter().map(|s| (s.level, s.marker.clone(), s.title.clone(), s.kind)).collect();
        (s, o)
    }

    fn titles(input: &str) -> Vec<(u8, String)> {
        outline_of(input).0.into_iter().map(|s| (s.0, s.2)).collect()
    }

    /// A small report of our own, one paragraph per line.
    const NESTED: &str = "\
某某区人民政府2030年法治政府建设年度报告
发布时间：2031-01-15 09:00
2030年，某某区扎实推进依法行政。现将有关情况报告如下。
一、主要举措和成效
（一）健全制度体系
一是清理规章文件。全年清理文件12件。
二是完善审查流程。审查合同30份。
（二）规范执法行为。组织执法培训5场。
二、存在的问题和不足
一是队伍力量偏弱。基层人员不足。
二是信息化水平不高。系统尚未联通。
三、下一步工作安排
（一）加强学习培训。持续开展培训。
（二）深化执法改革。推进综合执法。
";

    #[test]
    fn nested_levels_markers_titles_and_kinds() {
        let (s, o) = outline_of(NESTED);
        let want: Vec<(u8, &str, &str, Option<PartKind>)> = vec![
            (1, "一、", "主要举措和成效", Some(PartKind::Measures)),
            (2, "（一）", "健全制度体系", None),
            (3, "一是", "清理规章文件", None),
            (3, "二是", "完善审查流程", None),
            (2, "（二）", "规范执法行为", None),
            (1, "二、", "存在的问题和不足", Some(PartKind::Problems)),
            (2, "一是", "队伍力量偏弱", None),
            (2, "二是", "信息化水平不高", None),
            (1, "三、", "下一步工作安排", Some(PartKind::Plans)),
            (2, "（一）", "加强学习培训", None),
            (2, "（二）", "深化执法改革", None),
        ];
        let got: Vec<(u8, &str, &str, Option<PartKind>)> =
            s.iter().map(|x| (x.0, x.1.as_str(), x.2.as_str(), x.3)).collect();
        assert_eq!(got, want);
        let kinds: Vec<PartKind> = o.parts.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PartKind::Measures, PartKind::Problems, PartKind::Plans]);
        assert_eq!(o.parts[1].heading, Some(5));
    }

    #[test]
    fn section_ranges_point_into_the_input() {
        let (_, o) = outline_of(NESTED);
        for s in &o.sections {
            assert!(NESTED[s.start..].starts_with(&s.marker), "{s:?}");
            assert!(s.start < s.end && s.end <= NESTED.len());
        }
        // A section runs to just before the next heading of the same or a higher level.
        let first = &o.sections[0];
        assert!(NESTED[first.start..first.end].ends_with("组织执法培训5场。"));
        let sub = &o.sections[2];
        assert_eq!(&NESTED[sub.start..sub.end], "一是清理规章文件。全年清理文件12件。");
        let last = o.sections.last().unwrap();
        assert_eq!(last.end, NESTED.trim_end().len());
        // The text before the first heading is the preamble.
        assert!(o.preamble.end > 0 && o.preamble.end <= NESTED.find("一、").unwrap());
    }

    #[test]
    fn shi_directly_under_chapter_is_level_two_and_under_paren_level_three() {
        let input = "一、甲项工作\n一是做法甲。内容。\n二是做法乙。内容。\n二、乙项工作\n(一)分项甲\n一是做法丙。内容。\n二是做法丁。内容。\n";
        let t = titles(input);
        assert_eq!(
            t,
            [
                (1, "甲项工作".into()),
                (2, "做法甲".into()),
                (2, "做法乙".into()),
                (1, "乙项工作".into()),
                (2, "分项甲".into()),
                (3, "做法丙".into()),
                (3, "做法丁".into()),
            ]
        );
    }

    #[test]
    fn enumeration_inside_one_paragraph_gives_no_heading() {
        let input = "一、总体情况\n一是加强领导。内容甲；二是完善制度。内容乙；三是强化监督。\n(一)推进改革。一是甲；二是乙。\n二、其他工作\n1.第一项做法，2.第二项做法。\n";
        let t = titles(input);
        assert_eq!(t, [(1, "总体情况".into()), (2, "推进改革".into()), (1, "其他工作".into())]);
        // "二是" only continues an accepted "一是".
        let t = titles("一、工作\n二是孤立的一段。\n");
        assert_eq!(t, [(1, "工作".into())]);
    }

    #[test]
    fn arabic_markers_nest_below_parens() {
        let input = "一、工作\n(一)分项\n1.细项甲。内容。\n2.细项乙。内容。\n(1)更细一项。内容。\n(2)更细二项。内容。\n3.细项丙。\n";
        let (s, _) = outline_of(input);
        let levels: Vec<(u8, &str)> = s.iter().map(|x| (x.0, x.1.as_str())).collect();
        assert_eq!(levels, [(1, "一、"), (2, "(一)"), (3, "1."), (3, "2."), (4, "(1)"), (4, "(2)"), (3, "3.")]);
    }

    #[test]
    fn headingless_parts_are_found_and_cut_sections() {
        let input = "\
2030年，某某市全面推进法治建设。
一、坚持党的领导
（一）压实责任。召开会议3次。
（二）强化督察。开展督察2轮。
二、优化营商环境
（一）简化审批。压减时限。
一年来，我市法治政府建设取得积极成效，但基层执法规范化水平仍有待提升。
2031年，某某市将继续深化法治政府建设。
（一）完善制度。推动立法。
（二）加强监督。规范执法。
";
        let (s, o) = outline_of(input);
        let levels: Vec<(u8, &str)> = s.iter().map(|x| (x.0, x.2.as_str())).collect();
        assert_eq!(
            levels,
            [
                (1, "坚持党的领导"),
                (2, "压实责任"),
                (2, "强化督察"),
                (1, "优化营商环境"),
                (2, "简化审批"),
                (2, "完善制度"),
                (2, "加强监督")
            ]
        );
        let parts: Vec<(PartKind, Option<usize>)> = o.parts.iter().map(|p| (p.kind, p.heading)).collect();
        assert_eq!(
            parts,
            [
                (PartKind::Measures, Some(0)),
                (PartKind::Measures, Some(3)),
                (PartKind::Problems, None),
                (PartKind::Plans, None)
            ]
        );
        assert!(input[o.parts[2].start..].starts_with("一年来"));
        assert!(input[o.parts[3].start..].starts_with("2031年"));
        // The last measures sections stop where the problems part starts.
        let cut = o.parts[2].start;
        assert_eq!(o.sections[3].end, input[..cut].trim_end().len());
        assert_eq!(o.sections[4].end, input[..cut].trim_end().len());
        assert_eq!(o.parts[3].end, input.trim_end().len());
    }

    #[test]
    fn a_closing_remark_in_a_measures_part_is_not_a_part() {
        let input = "一、甲工作\n（一）做法。取得成效。下一步，将继续加强。\n（二）做法二。内容。\n二、乙工作\n（一）做法。内容。\n";
        let (_, o) = outline_of(input);
        assert!(o.parts.iter().all(|p| p.kind == PartKind::Measures), "{:?}", o.parts);
    }

    fn lost_breaks(sep: &str) -> String {
        NESTED.lines().map(str::trim).collect::<Vec<_>>().join(sep)
    }

    #[test]
    fn text_that_lost_its_line_breaks_still_segments() {
        // With a space where each break was, the paragraphs come back (see below); with
        // nothing at all, they must be found by their numbering.
        for sep in [""] {
            let input = lost_breaks(sep);
            let (s, o) = outline_of(&input);
            let got: Vec<(u8, &str, &str)> = s.iter().map(|x| (x.0, x.1.as_str(), x.2.as_str())).collect();
            // "一是" paragraphs cannot be told from an enumeration once the breaks are gone.
            assert_eq!(
                got,
                [
                    (1, "一、", "主要举措和成效"),
                    (2, "（一）", "健全制度体系"),
                    (2, "（二）", "规范执法行为"),
                    (1, "二、", "存在的问题和不足"),
                    (1, "三、", "下一步工作安排"),
                    (2, "（一）", "加强学习培训"),
                    (2, "（二）", "深化执法改革"),
                ],
                "separator {sep:?}"
            );
            let kinds: Vec<PartKind> = o.parts.iter().map(|p| p.kind).collect();
            assert_eq!(kinds, [PartKind::Measures, PartKind::Problems, PartKind::Plans]);
            for x in &o.sections {
                assert!(input[x.start..].starts_with(&x.marker));
            }
        }
    }

    #[test]
    fn a_text_without_breaks_keeps_its_first_headings() {
        // No "二、" left to confirm "一、": "如下" introduces it, or its "(一)" follows its title;
        // "1." follows a title, "2." a sentence; a title stops before its paragraph's year.
        let input = "2030年,青石区推进法治建设。现将有关情况报告如下:一、主要工作举措及成效2030年,全区坚持依法行政。\
(一)完善制度体系1.健全规章。内容。2.清理文件。内容。(二)规范执法";
        let t = titles(input);
        assert_eq!(
            t,
            [
                (1, "主要工作举措及成效".into()),
                (2, "完善制度体系".into()),
                (3, "健全规章".into()),
                (3, "清理文件".into()),
                (2, "规范执法".into())
            ]
        );
        let t = titles("2030年,青石区推进法治建设。一、加强领导(一)学习培训。内容。");
        assert_eq!(t, [(1, "加强领导".into()), (2, "学习培训".into())]);
        // Numbers in running text are no markers.
        let t = titles("一、工作\n全年办理1.5万件,完成3、4季度任务。共2.内容\n");
        assert_eq!(t, [(1, "工作".into())]);
    }

    #[test]
    fn paragraphs_joined_with_spaces_are_split_again() {
        for sep in [" ", "  ", "\u{3000}\u{3000}"] {
            let input = lost_breaks(sep);
            assert!(input.len() >= markers::JOINED_LINE);
            let (s, _) = outline_of(&input);
            let want: Vec<(u8, &str)> = vec![
                (1, "主要举措和成效"),
                (2, "健全制度体系"),
                (3, "清理规章文件"),
                (3, "完善审查流程"),
                (2, "规范执法行为"),
                (1, "存在的问题和不足"),
                (2, "队伍力量偏弱"),
                (2, "信息化水平不高"),
                (1, "下一步工作安排"),
                (2, "加强学习培训"),
                (2, "深化执法改革"),
            ];
            let got: Vec<(u8, &str)> = s.iter().map(|x| (x.0, x.2.as_str())).collect();
            assert_eq!(got, want, "separator {sep:?}");
        }
    }

    #[test]
    fn heading_line_run_into_its_first_item() {
        // The heading's line also holds item 1; item 2 opens the next line.
        let input =
            "一、加强领导  一是健全机制。内容。\n二是压实责任。内容。\n二、优化服务　　2030年，全区推行网上办理。\n";
        let t = titles(input);
        assert_eq!(t, [(1, "加强领导".into()), (2, "健全机制".into()), (2, "压实责任".into()), (1, "优化服务".into())]);
    }

    #[test]
    fn inline_numbering_in_intact_text_is_not_taken_for_headings() {
        // "二、" after a sentence end inside a paragraph, with the real "二、" at a line start.
        let input = "一、总体情况\n做法有两条。一、抓学习；二、抓落实。\n二、具体工作\n（一）甲项。内容。\n";
        let t = titles(input);
        assert_eq!(t, [(1, "总体情况".into()), (1, "具体工作".into()), (2, "甲项".into())]);
        // "三、四级" is a range of levels, not a heading.
        let t = titles("一、甲\n内容。二、乙\n覆盖三、四级单位。\n");
        assert_eq!(t, [(1, "甲".into()), (1, "乙".into())]);
    }

    #[test]
    fn traditional_script_with_full_width_markers() {
        let input = "一、堅持黨的領導\n（一）健全議事規則。內容。\n（二）落實責任制度。內容。\n二、存在的問題\n三、下一步工作計劃\n";
        let (s, _) = outline_of(input);
        let got: Vec<(u8, &str, &str, Option<PartKind>)> =
            s.iter().map(|x| (x.0, x.1.as_str(), x.2.as_str(), x.3)).collect();
        assert_eq!(
            got,
            [
                (1, "一、", "堅持黨的領導", Some(PartKind::Measures)),
                (2, "（一）", "健全議事規則", None),
                (2, "（二）", "落實責任制度", None),
                (1, "二、", "存在的問題", Some(PartKind::Problems)),
                (1, "三、", "下一步工作計劃", Some(PartKind::Plans)),
            ]
        );
    }

    #[test]
    fn pinyin_noise_is_dropped_from_titles() {
        let (s, _) = outline_of("一、科技創(chuàng)新\n（一）執(zhí)法改革。內容。\n");
        assert_eq!(s[0].2, "科技創新");
        assert_eq!(s[1].2, "執法改革");
    }

    #[test]
    fn leaders_heading_below_level_one_gives_a_nested_part() {
        let input = "一、统筹推进\n（一）学习培训。内容。\n（二）党政主要负责人履行推进法治建设第一责任人职责。内容。\n二、存在的不足\n内容。\n";
        let (_, o) = outline_of(input);
        let parts: Vec<(PartKind, Option<usize>)> = o.parts.iter().map(|p| (p.kind, p.heading)).collect();
        assert_eq!(parts, [(PartKind::Measures, Some(0)), (PartKind::Leaders, Some(2)), (PartKind::Problems, Some(3))]);
    }

    #[test]
    fn signature_is_outside_the_last_section() {
        let input = "一、工作\n（一）做法。内容。\n某省某市某区司法局\n2030年12月28日\n";
        let view = normalize(input);
        let o = segment(&view);
        let last = o.sections.last().unwrap();
        assert_eq!(&input[last.start..last.end], "（一）做法。内容。");
        assert_eq!(o.signer.map(|r| &view.text[r]), Some("某省某市某区司法局"));
        assert_eq!(o.signed.map(|r| &view.text[r]), Some("2030年12月28日"));
        // Followed by a closing note.
        let view = normalize("一、工作\n内容。\n某区人民政府\n2030年12月28日\n（此件公开发布）\n");
        let o = segment(&view);
        assert_eq!(o.signer.map(|r| &view.text[r]), Some("某区人民政府"));
        // Run together with the text, too.
        let input = "一、工作\n（一）做法。内容。某市某区司法局2030年12月28日";
        let view = normalize(input);
        let o = segment(&view);
        assert_eq!(o.signer.map(|r| &view.text[r]), Some("某市某区司法局"));
        assert_eq!(o.sections.last().map(|s| &input[s.start..s.end]), Some("（一）做法。内容。"));
    }

    #[test]
    fn chapters_restarting_under_a_chapter_are_nested() {
        let input = "一、2030年工作情况\n2030年，全区推进依法行政。\n一、加强党的领导\n（一）学习。内容。\n\
二、完善制度体系\n（一）立法。内容。\n二、存在的问题\n一、人员不足。内容。\n二、经费不足。内容。\n\
三、下一步工作计划\n一、加强培训。内容。\n";
        let (s, o) = outline_of(input);
        let got: Vec<(u8, &str)> = s.iter().map(|x| (x.0, x.2.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "2030年工作情况"),
                (2, "加强党的领导"),
                (3, "学习"),
                (2, "完善制度体系"),
                (3, "立法"),
                (1, "存在的问题"),
                (2, "人员不足"),
                (2, "经费不足"),
                (1, "下一步工作计划"),
                (2, "加强培训"),
            ]
        );
        let kinds: Vec<PartKind> = o.parts.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PartKind::Measures, PartKind::Problems, PartKind::Plans]);
        // A plain numbering is not nested, nor one that restarts after a part without a heading.
        let t = titles("一、甲\n内容。\n二、乙\n内容。\n三、丙\n内容。\n");
        assert!(t.iter().all(|x| x.0 == 1), "{t:?}");
        let t = titles("一、甲\n内容。\n二、乙\n内容。\n下一步，我区将继续推进法治建设。\n一、加强学习\n内容。\n二、强化监督\n内容。\n");
        assert!(t.iter().all(|x| x.0 == 1), "{t:?}");
    }

    #[test]
    fn a_page_cut_short_keeps_no_half_heading() {
        let page = format!("一、主要工作\n（一）甲项。{}\n", "内容。".repeat(400));
        // Cut inside the last heading's line: it is left out.
        for tail in [
            "（二）加强行政",
            "（二）加强行政\u{FFFD}",
            "二、存在的",
            "一是健全机制。内容。\n二是完善制度推动法治工作落",
        ] {
            let t = titles(&format!("{page}{tail}"));
            let last = t.last().map(|x| x.1.as_str());
            assert!(!tail.contains(last.unwrap_or("-")) || tail.starts_with("一是"), "{tail}: {t:?}");
            assert!(
                !t.iter().any(|x| x.1.contains("落") || x.1.contains("加强行政") || x.1.contains("存在的")),
                "{tail}: {t:?}"
            );
        }
        // Whole headings before the cut stay: a title ended by its line or by its sentence.
        let t = titles(&format!("{page}（二）加强行政\n严格落实规范"));
        assert_eq!(t.last().map(|x| x.1.as_str()), Some("加强行政"));
        let t = titles(&format!("{page}（二）加强行政。严格落实规范"));
        assert_eq!(t.last().map(|x| x.1.as_str()), Some("加强行政"));
        // A phrase typed in is not a cut page.
        assert_eq!(titles("一、主要工作\n（一）加强行政"), [(1, "主要工作".into()), (2, "加强行政".into())]);
    }

    #[test]
    fn an_item_one_cut_short_reads_as_its_report_wrote_the_others() {
        let body = "内容。".repeat(400);
        // Here "一是" opens enumerations: the last one, cut before any "二是", is one too.
        let enumerating =
            format!("一、工作\n（一）甲项\n一是做法甲。{body}二是做法乙。内容。\n（二）乙项\n一是做法丙。内容");
        let t = titles(&enumerating);
        assert_eq!(t, [(1, "工作".into()), (2, "甲项".into()), (2, "乙项".into())]);
        // Here items are paragraphs of their own: the cut one is a heading.
        let separate =
            format!("一、工作\n（一）甲项\n一是做法甲。{body}\n二是做法乙。内容。\n（二）乙项\n一是做法丙。内容");
        let t = titles(&separate);
        assert_eq!(t.last(), Some(&(3, "做法丙".into())));
    }

    #[test]
    fn a_paren_marker_whose_numeral_was_lost_takes_the_next_number() {
        let input = "一、工作\n（一）加强领导。内容。\n（?）提升素养。内容。\n(\u{FFFD})完善制度。内容。\n二、问题\n(?)人员不足。\n";
        let (s, _) = outline_of(input);
        let got: Vec<(u8, &str, &str)> = s.iter().map(|x| (x.0, x.1.as_str(), x.2.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "一、", "工作"),
                (2, "（一）", "加强领导"),
                (2, "（?）", "提升素养"),
                (2, "(\u{FFFD})", "完善制度"),
                (1, "二、", "问题"),
                (2, "(?)", "人员不足"),
            ]
        );
        assert_eq!(read_marker("（?）"), None);
        assert_eq!(read_marker("（二）"), Some((Style::Paren, 2)));
    }

    #[test]
    fn part_and_chapter_markers() {
        let input = "第一部分 主要成效\n一、甲。内容。\n二、乙。内容。\n第二部分 下一步打算\n一、丙。内容。\n";
        let (s, _) = outline_of(input);
        let got: Vec<(u8, &str, &str)> = s.iter().map(|x| (x.0, x.1.as_str(), x.2.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "第一部分", "主要成效"),
                (2, "一、", "甲"),
                (2, "二、", "乙"),
                (1, "第二部分", "下一步打算"),
                (2, "一、", "丙")
            ]
        );
    }

    #[test]
    fn titles_keep_quoted_sentence_ends_and_are_capped() {
        let (s, _) = outline_of("（一）推行“马上办。网上办”模式。内容。\n");
        assert_eq!(s[0].2, "推行“马上办。网上办”模式");
        let long = format!("一、{}\n", "长".repeat(400));
        let (s, _) = outline_of(&long);
        assert_eq!(s[0].2.chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for input in [
            "",
            "\n\n",
            "一、",
            "（一）",
            "一是",
            "1.",
            "第一部分",
            "①",
            "(",
            "一、\n一是二是\n(一)(二)(三)",
            "。一、二、三、(一)(二)一是二是",
            "2030年12月28日",
            "局",
            "一、a\u{0301}b\n\u{200B}(一)\u{FEFF}x",
            "一年来，取得成效，但仍有不足",
            "下一步",
        ] {
            let view = normalize(input);
            let o = segment(&view);
            for s in &o.sections {
                assert!(s.start <= s.end && s.end <= input.len(), "{input:?}: {s:?}");
                assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
            }
            for p in &o.parts {
                assert!(p.start <= p.end && p.end <= input.len(), "{input:?}: {p:?}");
                assert!(p.heading.is_none_or(|h| h < o.sections.len()));
            }
        }
    }
}
