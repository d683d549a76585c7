//! Parts without a heading: the sentence that opens them.
//!
//! After the first top-level heading, a sentence such as "一年来……取得新成效，但……有待提升"
//! or "下一步，……" / "2031年，我市将……" opens a new part when the structure agrees: the next
//! heading restarts its numbering, is a top-level heading of a later kind, or there is none.

use std::sync::OnceLock;

use crate::pattern::Pattern;
use crate::text::boundary::next_sentence_end;
use crate::text::numerals::is_small_numeral;

use super::{re, Head};
use crate::report::PartKind;

/// A part without a heading: where it starts in the view and what it holds.
#[derive(Clone, Copy, Debug)]
pub(super) struct Opener {
    pub(super) at: usize,
    pub(super) kind: PartKind,
}

/// The patterns of opening sentences.
struct OpenerRes {
    problems_heading: Pattern,
    year_start: Pattern,
    year: Pattern,
}

/// Openings of a sentence that looks back on the year before naming its shortcomings.
const PROBLEMS_START: [&str; 21] = [
    "一年来",
    "过去一年",
    "这一年",
    "回顾",
    "总的来看",
    "总体来看",
    "总体而言",
    "与此同时",
    "同时",
    "但是",
    "但",
    "然而",
    "虽然",
    "尽管",
    "当然",
    "在肯定成绩的同时",
    "在看到成绩的同时",
    "在取得成绩的同时",
    "对照",
    "当前",
    "目前",
];

/// Words that, early in a sentence opening with a later year, turn it to next year's work
/// ("2031年，我区将……", "2031年工作安排如下").
const PLANS_WORDS: [&str; 7] = ["将", "计划", "安排", "打算", "思路", "要点", "重点工作"];

/// Openings of a sentence that turns to next year's work.
const PLANS_START: [&str; 9] = ["下一步", "今后", "新的一年", "明年", "下一年度", "下一年", "来年", "接下来", "展望"];

/// Words naming a shortcoming.
const SHORT: [&str; 17] = [
    "不足",
    "短板",
    "薄弱",
    "差距",
    "有待",
    "亟待",
    "尚需",
    "仍需",
    "还需",
    "仍存在",
    "还存在",
    "仍有",
    "不够",
    "不到位",
    "不平衡",
    "不充分",
    "欠缺",
];
/// Words naming the year's results, which a transition turns from.
const RESULTS: [&str; 5] = ["成效", "成绩", "进展", "成果", "成就"];
/// Words of a transition.
const BUT: [&str; 3] = ["但", "然而", "同时"];

/// The compiled patterns. Digits are `[0-9]`: see `meta::res`.
fn opener_res() -> &'static OpenerRes {
    static RES: OnceLock<OpenerRes> = OnceLock::new();
    RES.get_or_init(|| OpenerRes {
        problems_heading: re(r"^(?:存在的?(?:主要)?(?:问题|不足)|(?:主要)?问题(?:和|与|及)不足|不足(?:和|与|之处))"),
        year_start: re(r"^(20[0-9][0-9])年"),
        year: re(r"(20[0-9][0-9])年"),
    })
}

/// Kind of part a sentence opens, if it reads like the start of one.
fn opener_kind(sentence: &str, base_year: Option<u32>) -> Option<PartKind> {
    let r = opener_res();
    // Comparing first characters before whole words keeps this cheap: it runs per sentence.
    let first = sentence.chars().next();
    let starts = |words: &[&str]| words.iter().any(|w| w.chars().next() == first && sentence.starts_with(w));
    // Cheap tests guard the regexes: most sentences fail them.
    if (sentence.starts_with(['存', '问', '主', '不']) && r.problems_heading.is_match(sentence))
        || ((sentence.contains('但') || sentence.contains("然而") || sentence.contains("同时"))
            && sentence.split('。').any(transition))
        || (starts(&PROBLEMS_START) && SHORT.iter().any(|w| sentence.contains(w)))
    {
        return Some(PartKind::Problems);
    }
    if starts(&PLANS_START) {
        return Some(PartKind::Plans);
    }
    if sentence.starts_with("20") {
        if let (Some(c), Some(base)) = (r.year_start.captures(sentence), base_year) {
            let y: u32 = c[1].parse().ok()?;
            let head = &sentence[..sentence.char_indices().nth(40).map_or(sentence.len(), |(i, _)| i)];
            // "2031年1月，…" tells of something already done.
            let month = sentence[c[0].len()..].starts_with(|ch: char| ch.is_ascii_digit() || is_small_numeral(ch));
            if y > base && !month && PLANS_WORDS.iter().any(|w| head.contains(w)) {
                return Some(PartKind::Plans);
            }
        }
    }
    None
}

/// True when `s` (without "。") names results, then within 40 characters turns ("但",
/// "然而", "同时"), then within 80 more names a shortcoming: "……取得新成效，但……有待提升".
///
/// Written out rather than as a regex, whose two counted gaps compile to a large automaton
/// (2 ms of start-up). Each step keeps the nearest earlier end of the step before, which is
/// the best one since the gaps only have upper bounds; linear in `s` up to the few words
/// tried at each character.
fn transition(s: &str) -> bool {
    // Character index just past the last results word, and past the last transition word
    // that is near enough to one (an end is usable from that index on).
    let (mut results, mut but): (Option<usize>, Option<usize>) = (None, None);
    // Ends that become usable later, as (usable from, end): words are at most three
    // characters long, so a few slots are enough.
    let mut pending_results: [Option<usize>; 3] = [None; 3];
    let mut pending_but: [Option<usize>; 3] = [None; 3];
    for (ci, (i, _)) in s.char_indices().enumerate() {
        for slot in pending_results.iter_mut() {
            if slot.is_some_and(|e| e <= ci) {
                results = results.max(slot.take());
            }
        }
        for slot in pending_but.iter_mut() {
            if slot.is_some_and(|e| e <= ci) {
                but = but.max(slot.take());
            }
        }
        let rest = &s[i..];
        if but.is_some_and(|e| ci - e <= 80) && SHORT.iter().any(|w| rest.starts_with(w)) {
            return true;
        }
        if results.is_some_and(|e| ci - e <= 40) {
            for w in BUT.iter().filter(|w| rest.starts_with(*w)) {
                let end = ci + w.chars().count();
                if let Some(slot) = pending_but.iter_mut().find(|p| p.is_none()) {
                    *slot = Some(end);
                }
            }
        }
        if let Some(w) = RESULTS.iter().find(|w| rest.starts_with(*w)) {
            let end = ci + w.chars().count();
            if let Some(slot) = pending_results.iter_mut().find(|p| p.is_none()) {
                *slot = Some(end);
            }
        }
    }
    false
}

/// What [`openers`] reads of the whole text, found once for its two runs.
#[derive(Default)]
pub(super) struct Sentences {
    /// Offsets of every sentence end (`boundary::ends_sentence`: "。", "!", "?", line break),
    /// in order.
    stops: Vec<usize>,
    /// Offsets where lines start, in order.
    line_starts: Vec<usize>,
    /// The first year the text names ("2030年"): a later year opens next year's plans.
    base_year: Option<u32>,
}

impl Sentences {
    pub(super) fn new(text: &str) -> Self {
        let mut stops = Vec::new();
        let mut s = 0;
        loop {
            let e = next_sentence_end(text, s, text.len());
            if e >= text.len() {
                break;
            }
            stops.push(e);
            s = e + 1; // the rest of a "。" cannot start another stop
        }
        let line_starts = std::iter::once(0)
            .chain(stops.iter().filter(|&&e| text.as_bytes().get(e) == Some(&b'\n')).map(|e| e + 1))
            .collect();
        let base_year = opener_res().year.captures(text).and_then(|c| c[1].parse::<u32>().ok());
        Sentences { stops, line_starts, base_year }
    }
}

/// The parts without a heading, in order: where each opens and what it holds.
pub(super) fn openers(text: &str, sentences: &Sentences, heads: &[Head], top_rank: u8, body_end: usize) -> Vec<Opener> {
    let mut out = Vec::new();
    let Some(first_top) = heads.iter().position(|h| h.cand.style.rank() == top_rank) else {
        return out;
    };
    let Sentences { stops, line_starts, base_year } = sentences;
    let base_year = *base_year;
    // In intact text a part opens with a paragraph; only on a line that lost its breaks (it
    // holds a heading found in mid-line) may it open with any sentence.
    let line_of = |p: usize| line_starts.partition_point(|&l| l <= p).saturating_sub(1);
    let mut merged = vec![false; line_starts.len()];
    for h in heads.iter().filter(|h| !h.cand.line_start) {
        if let Some(m) = merged.get_mut(line_of(h.cand.at)) {
            *m = true;
        }
    }
    // The line of the current sentence: sentences come in order, so a cursor finds it.
    let mut line = 0;
    let start = heads[first_top].cand.at;
    let end = body_end.min(text.len()).max(start);
    let mut hi = first_top; // next heading index at or after the sentence
    let mut current = heads[first_top].kind;
    let mut s = start;
    // The next stop at or after `s`: sentences come in order, so a cursor finds it too.
    let mut si = stops.partition_point(|&e| e < s);
    while s < end {
        while stops.get(si).is_some_and(|&e| e < s) {
            si += 1;
        }
        let e = stops.get(si).map_or(end, |&e| e.min(end));
        let next = e + text[e..].chars().next().map_or(0, char::len_utf8);
        let sentence = text[s..e].trim_start_matches(|c: char| c.is_whitespace() || c == '”');
        let at = e - sentence.len();
        // Headings at or before this sentence set the current part.
        while hi < heads.len() && heads[hi].cand.at <= at {
            if heads[hi].cand.style.rank() == top_rank {
                current = heads[hi].kind;
            }
            hi += 1;
        }
        let is_heading = hi > 0 && heads[hi - 1].cand.at == at;
        let in_title = hi > 0 && heads[hi - 1].title.end > at;
        let paragraph_start = at == 0 || matches!(text.as_bytes().get(at - 1), Some(b'\n' | b' '));
        while line_starts.get(line + 1).is_some_and(|&l| l <= at) {
            line += 1;
        }
        let may_open = paragraph_start || merged.get(line).copied().unwrap_or(false);
        if !is_heading && !in_title && may_open && !sentence.is_empty() {
            if let Some(kind) = opener_kind(sentence, base_year) {
                let structural = match heads.get(hi) {
                    None => true,
                    Some(h) if h.cand.style.rank() == top_rank => match kind {
                        PartKind::Problems => matches!(h.kind, PartKind::Leaders | PartKind::Plans | PartKind::Other),
                        _ => h.kind == PartKind::Other,
                    },
                    Some(h) => h.cand.num == 1,
                };
                let order = !(kind == PartKind::Problems && current == PartKind::Plans);
                if kind != current && structural && order {
                    out.push(Opener { at, kind });
                    current = kind;
                }
            }
        }
        s = if e >= end { end } else { next };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_agrees_with_the_pattern_it_replaces() {
        let short = SHORT.join("|");
        let pattern = format!(r"(?:成效|成绩|进展|成果|成就)[^。]{{0,40}}?(?:但|然而|同时)[^。]{{0,80}}?(?:{short})");
        let re = Pattern::new(&pattern).unwrap();
        let pieces = [
            "成效",
            "成",
            "效",
            "但",
            "然而",
            "同时",
            "同",
            "不足",
            "仍有",
            "不到位",
            "甲",
            "乙乙乙乙乙",
            "a",
            "。",
            "𠀀",
        ];
        let mut x = 0x2545_F491_u32;
        for _ in 0..20_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let n = x % 40;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let p = pieces[(x % pieces.len() as u32) as usize];
                // Long filler, to cross the 40 and 80 character bounds.
                s.push_str(if p == "乙乙乙乙乙" && x % 3 == 0 {
                    "乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙"
                } else {
                    p
                });
            }
            assert_eq!(s.split('。').any(transition), re.is_match(&s), "{s}");
        }
    }
}
