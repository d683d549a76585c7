//! Parts without a heading: the sentence that opens them.
//!
//! After the first top-level heading, a sentence such as "一年来……取得新成效，但……有待提升"
//! or "下一步，……" / "2031年，我市将……" opens a new part when the structure agrees: the next
//! heading restarts its numbering, is a top-level heading of a later kind, or there is none.

use std::sync::OnceLock;

use regex::Regex;

use super::markers::is_cn_digit;
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
    shortfall: Regex,
    transition: Regex,
    problems_heading: Regex,
    year_start: Regex,
    year: Regex,
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

/// The compiled patterns.
fn opener_res() -> &'static OpenerRes {
    static RES: OnceLock<OpenerRes> = OnceLock::new();
    const SHORT: &str =
        "不足|短板|薄弱|差距|有待|亟待|尚需|仍需|还需|仍存在|还存在|仍有|不够|不到位|不平衡|不充分|欠缺";
    RES.get_or_init(|| OpenerRes {
        shortfall: re(SHORT),
        transition: re(&format!(
            r"(?:成效|成绩|进展|成果|成就)[^。]{{0,40}}?(?:但|然而|同时)[^。]{{0,80}}?(?:{SHORT})"
        )),
        problems_heading: re(r"^(?:存在的?(?:主要)?(?:问题|不足)|(?:主要)?问题(?:和|与|及)不足|不足(?:和|与|之处))"),
        year_start: re(r"^(20\d\d)年"),
        year: re(r"(20\d\d)年"),
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
            && r.transition.is_match(sentence))
        || (starts(&PROBLEMS_START) && r.shortfall.is_match(sentence))
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
            let month = sentence[c[0].len()..].starts_with(|ch: char| ch.is_ascii_digit() || is_cn_digit(ch));
            if y > base && !month && PLANS_WORDS.iter().any(|w| head.contains(w)) {
                return Some(PartKind::Plans);
            }
        }
    }
    None
}

/// What [`openers`] reads of the whole text, found once for its two runs.
#[derive(Default)]
pub(super) struct Sentences {
    /// Offsets of every sentence stop ("。", "!", "?", line break), in order.
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
            let e = sentence_stop(text, s, text.len());
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

/// The offset of the first sentence stop ("。", "!", "?" or a line break) in `text[from..end]`,
/// or `end`. This runs over the whole report text, so it skips eight bytes at a time while
/// none of them can start a stop.
fn sentence_stop(text: &str, from: usize, end: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const BANG: u64 = LO * b'!' as u64;
    const QUESTION: u64 = LO * b'?' as u64;
    const BREAK: u64 = LO * b'\n' as u64;
    const LEAD: u64 = LO * 0xE3;
    // Nonzero when some byte of `x` equals the byte repeated in `m` (may also flag a byte
    // after a match).
    #[inline(always)]
    fn has(x: u64, m: u64) -> u64 {
        let y = x ^ m;
        y.wrapping_sub(LO) & !y & HI
    }
    let b = text.as_bytes().get(from..end).unwrap_or_default();
    let mut k = 0;
    while k < b.len() {
        if let Some(chunk) = b.get(k..k + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if has(x, BANG) | has(x, QUESTION) | has(x, BREAK) | has(x, LEAD) == 0 {
                k += 8;
                continue;
            }
        }
        for _ in 0..8 {
            match b.get(k) {
                None => return end,
                Some(b'!' | b'?' | b'\n') => return from + k,
                // "。" is E3 80 82.
                Some(0xE3) if b.get(k + 1..k + 3) == Some(&[0x80, 0x82]) => return from + k,
                Some(_) => k += 1,
            }
        }
    }
    end
}
