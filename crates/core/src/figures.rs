//! Figures: number + unit + the indicator phrase it measures, in document order.
//!
//! Two linear passes over the view:
//!
//! 1. `scan` walks the view once, reads a number ([`numbers::read_at`]) wherever one can
//!    start, and keeps it when a unit follows and it is not a name, date, ordinal or ranking
//!    (see `figure_at`). Numbers inside short quotations (“1+10+N”, “十件实事”) and inside
//!    book-title marks (《…（2021-2025年）》) are names, so those spans are skipped.
//! 2. `indicators` walks the found spans once and cuts each one's indicator phrase out of its
//!    clause: the words after the unit when the figure modifies a noun ("召开4场区委理论学习
//!    中心组学习会"), else the words before the number ("全口径解决企业诉求2119件"). A phrase
//!    too short to say anything ("废止1件", "受理83宗") borrows the phrase of the figure before
//!    it in the same sentence, or the clause before.
//!
//! Every look-around is bounded (a few dozen characters) or consumes the text it reads, so the
//! whole stage is linear in the size of the view.

use std::ops::Range;

use crate::normalize::Normalized;
use crate::numbers::{self, Number};
use crate::report::{Figure, Section};
use crate::script::is_han;
use crate::text::boundary::{ends_phrase, ends_sentence, phrase_stops_in};
use crate::text::floor_char;
use crate::text::numerals;

/// The units that can start with `c`, as printed in the simplified view, each with the unit
/// reported. A unit that is a prefix of another ("个" of "个百分点") comes after it.
fn units_from(c: char) -> &'static [(&'static str, &'static str)] {
    match c {
        '个' => {
            &[("个百分点", "个百分点"), ("个工作日", "个工作日"), ("个月", "个月"), ("个次", "个次"), ("个", "个")]
        }
        '百' => &[("百分点", "个百分点")],
        '工' => &[("工作日", "工作日")],
        '%' => &[("%", "%")],
        '‰' => &[("‰", "‰")],
        '人' => &[("人次", "人次"), ("人", "人")],
        '场' => &[("场次", "场次"), ("场", "场")],
        '批' => &[("批次", "批次"), ("批", "批")],
        '家' => &[("家次", "家次"), ("家", "家")],
        '户' => &[("户次", "户次"), ("户", "户")],
        '件' => &[("件次", "件次"), ("件", "件")],
        '轮' => &[("轮次", "轮次"), ("轮", "轮")],
        '期' => &[("期次", "期次"), ("期", "期")],
        '车' => &[("车次", "车次")],
        '架' => &[("架次", "架次")],
        '大' => &[("大项", "大项")],
        '平' => &[("平方米", "平方米")],
        '公' => &[("公里", "公里"), ("公顷", "公顷")],
        '亩' => &[("亩", "亩")],
        '吨' => &[("吨", "吨")],
        '项' => &[("项", "项")],
        '宗' => &[("宗", "宗")],
        '次' => &[("次", "次")],
        '份' => &[("份", "份")],
        '条' => &[("条", "条")],
        '篇' => &[("篇", "篇")],
        '部' => &[("部", "部")],
        '名' => &[("名", "名")],
        '本' => &[("本", "本")],
        '年' => &[("年", "年")],
        '处' => &[("处", "处")],
        '所' => &[("所", "所")],
        '座' => &[("座", "座")],
        '台' => &[("台", "台")],
        '辆' => &[("辆", "辆")],
        '套' => &[("套", "套")],
        '类' => &[("类", "类")],
        '种' => &[("种", "种")],
        '起' => &[("起", "起")],
        '例' => &[("例", "例")],
        '位' => &[("位", "位")],
        '支' => &[("支", "支")],
        '张' => &[("张", "张")],
        '册' => &[("册", "册")],
        '卷' => &[("卷", "卷")],
        '天' => &[("天", "天")],
        '元' => &[("元", "元")],
        _ => &[],
    }
}

/// Words that begin with a unit character but are not a unit after a number ("3部门" is not
/// "3部", "六部委" names a group of ministries).
const NOT_UNITS: [&str; 17] = [
    "部门", "部分", "部委", "处理", "处置", "处罚", "处室", "期间", "期限", "所有", "所属", "名单", "名称", "场所",
    "类别", "本级", "年度",
];

/// Words before a count of years that make it a duration ("连续6年") rather than a date.
const YEAR_DURATION: [&str; 6] = ["连续", "累计", "历时", "用时", "长达", "满"];

/// What follows a Chinese numeral in fixed political names ("三项制度", "两个维护"). Besides
/// the names themselves, a count word followed by a verb or an adverb is a slogan, never a
/// count, since what a count counts is a noun: "四个亲自" (亲自谋划、亲自部署…), "三个坚持",
/// "两个必须", "十个严禁".
const NAMED_SETS: [&str; 21] = [
    "项制度",
    "个维护",
    "个确立",
    "个意识",
    "个自信",
    "个全面",
    "个代表",
    "个务必",
    "个一百年",
    "个责任",
    "个规定",
    "个亲自",
    "个坚持",
    "个必须",
    "个服从",
    "个严禁",
    "个不准",
    "个统筹",
    "个聚焦",
    "个围绕",
    "个优先",
];

/// Words after "N次" that make it the number of a session, not a count of events: "市委六届
/// 二次全会", "十二届市委五次、六次全会", "区第七次党代会" (the last is also an ordinal by its 第).
const SESSION_WORDS: [&str; 5] = ["全会", "全体会议", "全委会", "党代会", "代表大会"];

/// Items of a list of session numbers read past before [`SESSION_WORDS`] ("五次、六次全会").
const SESSION_LIST: usize = 4;

/// Characters looked back for a 届 that makes "N次会议" a session ("十四届人大二次会议").
const SESSION_TERM_CHARS: usize = 12;

/// Bytes to look ahead for the closing mark of a quotation (about 20 Han characters): longer
/// quotations are prose, whose figures count.
const QUOTE_LOOKAHEAD: usize = 60;
/// Bytes to look ahead for the closing mark of a book title.
const TITLE_LOOKAHEAD: usize = 300;

/// Characters of the view to read back for the phrase before a number.
const BEFORE_CHARS: usize = 30;
/// …when the figure's noun follows it (only a verb or place is wanted from before).
const BEFORE_CHARS_NOUN_AFTER: usize = 10;
/// Characters of the view to read for the phrase after a unit.
const AFTER_CHARS: usize = 30;
/// An own phrase with at most this many characters borrows context ("废止", "受理", "共").
const SHORT_PHRASE: usize = 3;
/// An own phrase this long replaces the one short phrases borrow ("不予受理" does not).
const BASE_PHRASE: usize = 5;
/// A noun after the unit shorter than this runs on past later figures of the clause.
const SHORT_NOUN: usize = 5;
/// Later figures a short noun runs on past ("51家律所与10个街道92个社区结对" needs two).
const RUN_ON_FIGURES: usize = 4;
/// Characters of the preceding clause borrowed by a short phrase.
const CONTEXT_CHARS: usize = 20;

/// A figure found in the view, before its indicator is known.
#[derive(Clone, Copy, Debug)]
struct Span {
    /// View start of an approximation word before the number ("超过"), or `start`.
    pre: usize,
    /// View start of the number: the surface starts here.
    start: usize,
    /// View end of the unit: the surface ends here.
    end: usize,
    /// View start of the unit as printed (`end` for "百分之…", whose unit is not printed).
    unit_at: usize,
    /// View end past "以上"/"左右" after the unit, or `end`.
    post: usize,
    value: f64,
    unit: &'static str,
    approx: bool,
}

/// Finds every figure the report states, with `section` pointing into `sections`.
pub fn find(view: &Normalized, sections: &[Section]) -> Vec<Figure> {
    let text = view.text.as_str();
    let mut spans = scan(text);
    if crate::text::cut_short(text) && spans.last().is_some_and(|s| unit_cut_off(text, s)) {
        spans.pop();
    }
    let phrases = indicators(text, &spans);
    let mut innermost = Innermost::new(sections);
    spans
        .iter()
        .zip(phrases)
        .map(|(s, indicator)| {
            let Range { start, end } = view.input_range(s.start..s.end);
            Figure {
                surface: view.input.get(start..end).unwrap_or_default().to_string(),
                value: s.value,
                unit: s.unit.to_string(),
                indicator,
                approx: s.approx,
                start,
                end,
                section: innermost.at(start),
            }
        })
        .collect()
}

/// Finds the innermost section holding each of a rising sequence of offsets.
struct Innermost<'a> {
    sections: &'a [Section],
    next: usize,
    open: Vec<usize>,
}

impl<'a> Innermost<'a> {
    fn new(sections: &'a [Section]) -> Self {
        Innermost { sections, next: 0, open: Vec::new() }
    }

    /// The innermost section holding `pos`; `pos` must not decrease between calls. Sections are
    /// sorted by start and nest, so the open section that started last and has not ended is it.
    fn at(&mut self, pos: usize) -> Option<usize> {
        let secs = self.sections;
        while self.next < secs.len() && secs[self.next].start <= pos {
            let s = &secs[self.next];
            while self.open.last().is_some_and(|&o| secs[o].end <= s.start) {
                self.open.pop();
            }
            self.open.push(self.next);
            self.next += 1;
        }
        while self.open.last().is_some_and(|&o| secs[o].end <= pos) {
            self.open.pop();
        }
        self.open.last().copied()
    }
}

/// Finds the closing mark of bracketed spans looking ahead a bounded distance, remembering how
/// far it has already looked so that no byte is searched twice.
struct Closer {
    close: char,
    lookahead: usize,
    /// Everything in `from..searched` holds no closing mark (or `found` is the first one).
    searched: usize,
    found: Option<usize>,
}

impl Closer {
    fn new(close: char, lookahead: usize) -> Self {
        Closer { close, lookahead, searched: 0, found: None }
    }

    /// The offset just past the closing mark of the span opening at `open`, if it closes within
    /// the lookahead on the same line.
    fn end_of(&mut self, text: &str, open: usize) -> Option<usize> {
        let limit = floor_char(text, open.saturating_add(self.lookahead));
        if let Some(f) = self.found {
            if f > open {
                return (f < limit).then(|| f + self.close.len_utf8());
            }
        }
        let from = self.searched.max(open);
        if from >= limit {
            return None;
        }
        let hit = text[from..limit].char_indices().find(|&(_, c)| c == self.close || c == '\n');
        match hit {
            Some((i, c)) if c == self.close => {
                self.found = Some(from + i);
                self.searched = from + i;
                Some(from + i + c.len_utf8())
            }
            Some((i, _)) => {
                self.searched = from + i;
                None
            }
            None => {
                self.searched = limit;
                None
            }
        }
    }
}

/// Characters where a skipped bracket can start.
const OPENERS: [char; 5] = ['“', '「', '『', '《', '〈'];

/// For each 64-character block of the BMP, a bit per character where a number can start
/// (besides ASCII digits: [`numerals::COUNT_STARTS`]) or a skipped bracket ([`OPENERS`]).
static CANDIDATE_BITS: [u64; 1024] = {
    let mut t = [0u64; 1024];
    let mut k = 0;
    while k < numerals::COUNT_STARTS.len() + OPENERS.len() {
        let c = if k < numerals::COUNT_STARTS.len() {
            numerals::COUNT_STARTS[k]
        } else {
            OPENERS[k - numerals::COUNT_STARTS.len()]
        } as u32;
        t[(c >> 6) as usize] |= 1 << (c & 63);
        k += 1;
    }
    t
};

/// The offset of the first ASCII digit or candidate character (see [`CANDIDATE_BITS`]) at or
/// after `i`.
///
/// Looks at bytes rather than decoding every character: every candidate is an ASCII digit or a
/// three-byte sequence, and continuation bytes can never be mistaken for either.
fn next_candidate(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        match *b.get(i..)? {
            [x, y, z, ..] if x & 0xF0 == 0xE0 => {
                let block = CANDIDATE_BITS[(usize::from(x & 0x0F) << 6) | usize::from(y & 0x3F)];
                if (block >> (z & 0x3F)) & 1 != 0 {
                    return Some(i);
                }
                i += 3;
            }
            [x, ..] if x.is_ascii_digit() => return Some(i),
            [_, ..] => i += 1,
            [] => return None,
        }
    }
}

/// Pass 1: the figures of the view, in order.
fn scan(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut closers = [
        ('“', Closer::new('”', QUOTE_LOOKAHEAD)),
        ('「', Closer::new('」', QUOTE_LOOKAHEAD)),
        ('『', Closer::new('』', QUOTE_LOOKAHEAD)),
        ('《', Closer::new('》', TITLE_LOOKAHEAD)),
        ('〈', Closer::new('〉', TITLE_LOOKAHEAD)),
    ];
    let mut from = 0;
    while let Some(i) = next_candidate(text, from) {
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        if let Some((open, closer)) = closers.iter_mut().find(|(open, _)| *open == c) {
            from = match closer.end_of(text, next) {
                Some(e) if *open != '《' && *open != '〈' => e + spelled_out(text, next, e),
                Some(e) => e,
                None => next,
            };
            continue;
        }
        from = match numbers::read_at(&text[i..]) {
            Some(n) => match figure_at(text, i, &n) {
                Some(span) => {
                    out.push(span);
                    span.end
                }
                None => i + n.len,
            },
            None => next,
        };
    }
    out
}

/// True when the text (a page cut short, see [`crate::text::cut_short`]) ends inside or right
/// after `span`'s unit and the unit may go on ("…培训1200人" of "1200人次", "…提高2.5个百分"
/// of "个百分点"). Such a figure is left out rather than given a unit it may not have. (A
/// number cut short has no unit, so is no figure anyway.)
fn unit_cut_off(text: &str, span: &Span) -> bool {
    let printed = &text[span.unit_at.min(span.end)..span.end];
    let tail = crate::text::trim_cut_end(&text[span.end..]);
    let Some(first) = printed.chars().next() else { return false };
    if tail.len() > 12 {
        return false;
    }
    let joined_len = printed.len() + tail.len();
    units_from(first)
        .iter()
        .any(|(w, _)| w.len() > joined_len && w.starts_with(printed) && w[printed.len()..].starts_with(tail))
}

/// Bytes to look ahead for the closing bracket of a name's spelled-out parts.
const SPELLED_OUT_LOOKAHEAD: usize = 240;

/// A quoted name that counts its parts (a numeral and a count word: "“四个百分百”", "“三个一”")
/// and is followed at once by a bracket spelling them out ("(案中100%调解、案后100%释法…)"): the byte length of that
/// bracket, whose numbers belong to the name, or 0. `open..close` is the quotation, marks
/// included at its end.
fn spelled_out(text: &str, open: usize, close: usize) -> usize {
    let inner = &text[open..close];
    let mut cs = inner.chars().peekable();
    let mut counts = false;
    while let Some(c) = cs.next() {
        if numerals::count_digit(c).is_some() && cs.peek().is_some_and(|n| "个项大张条类种".contains(*n)) {
            counts = true;
            break;
        }
    }
    if !counts {
        return 0;
    }
    let rest = &text[close..];
    if !rest.starts_with('(') {
        return 0;
    }
    let window = &rest[..floor_char(rest, SPELLED_OUT_LOOKAHEAD)];
    match window.find([')', '\n']) {
        Some(i) if window[i..].starts_with(')') => i + 1,
        _ => 0,
    }
}

/// The unit at the start of `rest` (after at most one space): (reported unit, bytes).
fn unit_at(rest: &str) -> Option<(&'static str, usize)> {
    let (skip, r) = match rest.strip_prefix(' ') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    let &(u, out) = units_from(r.chars().next()?).iter().find(|(u, _)| has_prefix(r, u))?;
    // Every word of NOT_UNITS is its unit and one character more: compare that character
    // against the words of this unit only.
    // (Bytes, not chars: this runs for every number read.)
    let one_char = u.len() == r.chars().next().map_or(0, char::len_utf8);
    if one_char && NOT_UNITS.iter().any(|w| has_prefix(r, w)) {
        return None;
    }
    Some((out, skip + u.len()))
}

/// `s.starts_with(w)` for the short words of this module, as an inline byte loop: it runs
/// several times for every number the scan reads, where a call to `memcmp` would dominate.
#[inline]
fn has_prefix(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    s.len() >= w.len() && s.iter().zip(w).all(|(a, b)| a == b)
}

/// Decides whether the number `n` read at view offset `i` is a figure, and where it ends.
fn figure_at(text: &str, i: usize, n: &Number) -> Option<Span> {
    // A lone 一 or 零 is an article or part of a word far more often than a count; a number
    // beyond any amount (a run of hundreds of digits) is no figure either.
    if (n.chinese && n.value <= 1.0 && n.len == 3) || !n.is_plausible() {
        return None;
    }
    let before = &text[..i];
    let prev = before.chars().next_back();
    // Part of a code or formula ("ICP备2017", "1+3"), an ordinal (第三批), a session (八届七次)
    // or a vague magnitude (数十次, 几十家).
    if prev.is_some_and(|p| {
        p.is_ascii_alphanumeric()
            || matches!(p, '+' | '/' | '.' | '_' | '@' | '#' | '-' | '&' | '=' | '*')
            || matches!(p, '第' | '届')
            || (n.chinese && matches!(p, '数' | '几'))
    }) {
        return None;
    }
    let num_end = i + n.len;
    let rest = &text[num_end..];
    if rest.starts_with('+') {
        return None;
    }
    // Glued to a written year, a number is a date or an issue ("2017年6期", "2023年3月").
    if let Some(y) = before.strip_suffix('年') {
        if y.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    let (unit, unit_len) = if n.percent { ("%", 0) } else { unit_at(rest)? };
    let end = num_end + unit_len;

    let pre_len = numbers::approx_before(before);
    let head = &before[..before.len() - pre_len];
    match unit {
        // A count of years is a figure only as a duration ("连续6年"), never a date or a plan
        // span ("2023年", "五年规划", "(2021-2025年)").
        "年" if n.value >= 100.0 || !YEAR_DURATION.iter().any(|w| head.ends_with(w)) => return None,
        // Rankings: 前3名, 前十位.
        "名" | "位" if prev == Some('前') => return None,
        // The number of a session: "五次全会", "人大二次会议".
        "次" if is_session(text, i, end) => return None,
        _ => {}
    }
    if n.chinese && !named_count_ok(text, i, num_end, end) {
        return None;
    }
    let post = end + numbers::approx_after(&text[end..]);
    Some(Span {
        pre: i - pre_len,
        start: i,
        end,
        unit_at: num_end + usize::from(unit_len > 0 && rest.starts_with(' ')),
        post,
        value: n.value,
        unit,
        approx: n.approx || pre_len > 0 || post > end,
    })
}

/// True when the "N次" ending at `end` numbers a session ("十二届市委五次、六次全会",
/// "十四届人大二次会议") rather than counting events ("召开3次会议"): a session word follows,
/// perhaps after more session numbers joined by 、, or "会议" follows and a 届 stands shortly
/// before the number. Looks at a bounded stretch either side.
fn is_session(text: &str, start: usize, end: usize) -> bool {
    let mut rest = &text[end..];
    for _ in 0..SESSION_LIST {
        let Some(item) = rest.strip_prefix('、') else { break };
        match numbers::read_at(item) {
            Some(n) if item[n.len..].starts_with('次') => rest = &item[n.len + '次'.len_utf8()..],
            _ => break,
        }
    }
    if SESSION_WORDS.iter().any(|w| has_prefix(rest, w)) {
        return true;
    }
    // Between the 届 and the number only the body in session may stand ("人大", "市委",
    // "政协"): a verb there ("…届人大常委会召开3次会议") makes the number a count again.
    has_prefix(rest, "会议")
        && text[..start]
            .chars()
            .rev()
            .take(SESSION_TERM_CHARS)
            .take_while(|&c| c == '届' || SESSION_BODY.contains(c))
            .any(|c| c == '届')
}

/// Characters of the bodies that hold numbered sessions ("全国人大", "市委", "区政协",
/// "人大常委会"), which may stand between a term ("十四届") and a session number.
const SESSION_BODY: &str = "全国省市区县州委人大常会政协党代表民";

/// Extra tests for counts written in Chinese numerals, which often name things instead of
/// counting them: "一批", "一件事一次办", "三项制度", "三个办法、四类文本、五个清单".
fn named_count_ok(text: &str, start: usize, num_end: usize, end: usize) -> bool {
    let rest = &text[num_end..];
    if NAMED_SETS.iter().any(|w| has_prefix(rest, w)) {
        return false;
    }
    // An enumeration of numbered names: a neighbouring 、-item also opens with a numeral.
    let starts_numeral = |s: &str| s.chars().next().is_some_and(|c| numbers::can_start(c) && !c.is_ascii_digit());
    let before = &text[..start];
    let delimiter = |&(_, c): &(usize, char)| c == '、' || ends_phrase(c);
    if let Some((d, '、')) = before.char_indices().rev().take(16).find(delimiter) {
        let item = &before[..d];
        if let Some((j, c)) = item.char_indices().rev().take(16).find(delimiter) {
            if starts_numeral(&item[j + c.len_utf8()..]) {
                return false;
            }
        }
    }
    let after = &text[end..];
    if let Some((d, '、')) = after.char_indices().take(16).find(delimiter) {
        if starts_numeral(&after[d + '、'.len_utf8()..]) {
            return false;
        }
    }
    true
}

/// Connective characters right after a unit that end the figure's phrase there ("18次共23项",
/// "22%和减少14%", "33人的编制").
const CONNECTIVES: [char; 13] = ['和', '及', '与', '或', '共', '其', '等', '并', '且', '的', '以', '而', '占'];

/// True when the words right after a figure name what it counts ("4场区委理论学习会").
fn noun_follows(text: &str, post: usize) -> bool {
    let r = &text[post..];
    let r = r.strip_prefix(' ').unwrap_or(r);
    match r.chars().next() {
        Some(c) if is_han(c) => !CONNECTIVES.contains(&c),
        Some(c) => matches!(c, '“' | '《' | '「' | '‘') || c.is_ascii_alphabetic(),
        None => false,
    }
}

/// Pass 2: the indicator phrase of each span.
fn indicators(text: &str, spans: &[Span]) -> Vec<String> {
    let mut out = Vec::with_capacity(spans.len());
    // The phrase of the last figure of the current sentence that had one of its own.
    let mut base = String::new();
    let mut has_base = false;
    // Where the text stops belonging to the previous figure.
    let mut consumed = 0;
    let mut prev_post = 0;
    // Inside a "其中…" clause, whose figures are parts of the figure before it.
    let mut parts = false;
    // The previous figure's own phrase, for a bracket naming part of it ("(含3宗…)").
    let mut prev_own = String::new();
    // Scratch buffers, reused so that a figure costs one allocation (its phrase).
    let (mut phrase, mut after, mut ctx, mut own_phrase) = (String::new(), String::new(), String::new(), String::new());
    for (k, s) in spans.iter().enumerate() {
        let gap = &text[prev_post.min(s.pre)..s.pre];
        let (stop, sentence_end) = phrase_stops_in(gap);
        if sentence_end {
            has_base = false;
        }
        if stop {
            parts = false;
        }
        let noun_after = noun_follows(text, s.post);
        let cap = if noun_after { BEFORE_CHARS_NOUN_AFTER } else { BEFORE_CHARS };

        // The words before the number, back to the clause start or the previous figure.
        let floor = consumed.min(s.pre);
        let b = clause_start(text, floor, s.pre, cap);
        let raw_before = &text[b..s.pre];
        phrase.clear();
        push_clean(raw_before, &mut phrase);
        strip_before(&mut phrase);

        // The words after the unit, when they name what is counted.
        let mut taken = s.post;
        if noun_after {
            let next_pre = spans.get(k + 1).map_or(text.len(), |n| n.pre);
            let mut e = s.post;
            for (j, c) in text[s.post..].char_indices().take(AFTER_CHARS) {
                if ends_phrase(c) || s.post + j >= next_pre {
                    break;
                }
                e = s.post + j + c.len_utf8();
            }
            taken = e;
            after.clear();
            push_clean(&text[s.post..e], &mut after);
            strip_after(&mut after);
            if after.chars().count() < SHORT_NOUN {
                // "51家律所与10个街道92个社区结对": run on past the later figures.
                after.clear();
                run_on(text, spans, k, &mut after);
                strip_after(&mut after);
            }
            phrase.push_str(&after);
        }

        let own = phrase.chars().count();
        own_phrase.clear();
        own_phrase.push_str(&phrase);
        let lead = raw_before.trim_start();
        let listed = lead.starts_with('、');
        // "(含3宗…)", "其中法律咨询30件、调解8件": parts of the figure before, named by both
        // phrases. A bracket belongs to the figure just before it, a clause to the sentence's.
        let bracketed = lead.strip_prefix('(').is_some_and(|r| r.starts_with('含') || r.starts_with("其中"));
        parts |= lead.starts_with("其中");
        // A rate or an amount names itself ("办结率95%", "罚没款1万元"), however short.
        let named = own >= 2 && phrase.ends_with(['率', '款', '额', '量', '数', '费', '值']);
        if bracketed {
            phrase.push_str(&prev_own);
        } else if parts {
            if has_base {
                phrase.push_str(&base);
            }
        } else if own == 0 || (own <= SHORT_PHRASE && !listed && !named) {
            if has_base {
                phrase.push_str(&base);
            } else {
                ctx.clear();
                push_clean(context_before(text, b, floor), &mut ctx);
                strip_before(&mut ctx);
                if !ctx.is_empty() {
                    phrase.insert_str(0, &ctx);
                    std::mem::swap(&mut base, &mut ctx);
                    has_base = true;
                }
            }
        } else if own >= BASE_PHRASE || (own > SHORT_PHRASE && !has_base) {
            base.clear();
            base.push_str(&phrase);
            has_base = true;
        }
        consumed = taken.max(s.post);
        prev_post = s.post;
        std::mem::swap(&mut prev_own, &mut own_phrase);
        out.push(phrase.as_str().to_owned());
    }
    out
}

/// Where the clause holding `end` starts, looking back at most `cap` characters (book titles
/// count as none) and not below `floor`.
fn clause_start(text: &str, floor: usize, end: usize, cap: usize) -> usize {
    let mut b = end;
    let mut n = 0;
    let mut chars = text[floor..end].chars();
    while n < cap {
        let Some(c) = chars.next_back() else { break };
        if ends_phrase(c) {
            break;
        }
        b -= c.len_utf8();
        if c == '》' {
            // Skip the whole title, which the phrase leaves out anyway.
            let lo = floor_char(text, b.saturating_sub(TITLE_LOOKAHEAD)).max(floor);
            if let Some(j) = text[lo..b].rfind('《') {
                b = lo + j;
                chars = text[floor..b].chars();
            }
            continue;
        }
        n += 1;
    }
    // The window ran out inside a clause: start the phrase after a word boundary in its first
    // half rather than inside a word ("近平法治思想为主题的“第一议题”…" → "“第一议题”…").
    if n >= cap && b > floor && !text[..b].ends_with(ends_phrase) {
        let half = text[b..end].char_indices().nth(cap / 2).map_or(end - b, |(i, _)| i);
        if let Some((i, c)) = text[b..b + half].char_indices().find(|&(_, c)| matches!(c, '的' | '”' | '」' | '》'))
        {
            b += i + c.len_utf8();
        }
    }
    b
}

/// The clause before the stop at `b - 1`, when that stop does not end the sentence and the
/// clause holds no earlier figure (does not reach below `floor`).
fn context_before(text: &str, b: usize, floor: usize) -> &str {
    let Some(stop) = text[..b].chars().next_back() else {
        return "";
    };
    if !ends_phrase(stop) || ends_sentence(stop) {
        return "";
    }
    let end = b - stop.len_utf8();
    if end < floor {
        return "";
    }
    let mut start = end;
    for (j, c) in text[floor..end].char_indices().rev().take(CONTEXT_CHARS) {
        if ends_phrase(c) {
            break;
        }
        start = floor + j;
    }
    &text[start..end]
}

/// The words after span `k`'s unit to the end of the clause, leaving out later figures.
fn run_on(text: &str, spans: &[Span], k: usize, out: &mut String) {
    let s = &spans[k];
    let mut pos = s.post;
    let mut next = k + 1;
    let mut n = 0;
    while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
        if let Some(f) = spans.get(next).filter(|f| f.pre == pos) {
            if next - k > RUN_ON_FIGURES {
                break;
            }
            pos = f.post;
            next += 1;
            continue;
        }
        if ends_phrase(c) || n >= AFTER_CHARS {
            break;
        }
        push_clean_char(c, out);
        pos += c.len_utf8();
        n += 1;
    }
}

/// Appends `c` unless it is white space.
fn push_clean_char(c: char, out: &mut String) {
    // The view has folded every kind of space to ' '.
    if !matches!(c, ' ' | '\t' | '\n') {
        out.push(c);
    }
}

/// Appends `s` without white space and without book titles (《…》), which name documents
/// rather than what is counted; a 、 joining titles goes with them.
fn push_clean(s: &str, out: &mut String) {
    let keep = out.len();
    let mut depth = 0u32;
    let mut after_title = false;
    // Runs of ordinary characters are copied whole.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if !matches!(c, '《' | '》' | '、' | ' ' | '\t' | '\n') && depth == 0 {
            after_title = false;
            continue;
        }
        if depth == 0 {
            out.push_str(&s[run..i]);
        }
        run = i + c.len_utf8();
        match c {
            '《' => depth += 1,
            '》' if depth > 0 => {
                depth -= 1;
                after_title = depth == 0;
            }
            // The title opened before the window: drop what was read of it.
            '》' => {
                out.truncate(keep);
                after_title = true;
            }
            _ if depth > 0 => {}
            '、' if after_title => after_title = false,
            '、' => out.push(c),
            _ => {}
        }
    }
    if depth == 0 {
        out.push_str(&s[run..]);
    }
}

/// Words that open a phrase without belonging to it (time, sequence, totals, conjunctions):
/// the byte length of the one `t` starts with, or 0.
fn leading_word(t: &str) -> usize {
    let Some(c) = t.chars().next() else { return 0 };
    let words: &[&str] = match c {
        '截' => &["截至目前", "截至", "截止"],
        '目' => &["目前"],
        '全' => &["全年"],
        '今' => &["今年"],
        '年' => &["年内", "年度"],
        '本' => &["本年度"],
        '一' => &["一年来"],
        '以' => &["以来", "以及"],
        '其' => &["其中"],
        '同' => &["同时"],
        '此' => &["此外"],
        '另' => &["另外"],
        '共' => &["共计", "共"],
        '累' => &["累计"],
        '合' => &["合计"],
        '总' => &["总计"],
        '先' => &["先后"],
        '分' => &["分别"],
        '并' | '且' | '还' | '和' | '及' | '与' | '、' | ')' => return c.len_utf8(),
        '(' => &["(含", "("],
        _ => &[],
    };
    words.iter().find(|w| t.starts_with(*w)).map_or(0, |w| w.len())
}

/// Words that close the phrase before a number ("率达", "共计", "为"): the byte length of the
/// one `t` ends with, or 0.
fn trailing_word(t: &str) -> usize {
    let Some(c) = t.chars().next_back() else {
        return 0;
    };
    let words: &[&str] = match c {
        '为' => &["分别为", "为"],
        '别' => &["分别"],
        '计' => &["共计", "累计", "合计", "总计"],
        '到' => &["达到"],
        '达' => &["已达", "高达", "多达", "达"],
        '含' => &["(含", "含"],
        '共' | '是' | '均' | '、' | '和' | '及' | '(' | '等' => return c.len_utf8(),
        _ => &[],
    };
    words.iter().find(|w| t.ends_with(*w)).map_or(0, |w| w.len())
}

/// Strips time expressions and connectives from the start of a phrase read before a number, and
/// verbs like 达/为 from its end.
fn strip_before(p: &mut String) {
    loop {
        let t = strip_marker(strip_date(p));
        let cut = p.len() - t.len() + leading_word(t);
        if cut == 0 {
            break;
        }
        p.drain(..cut);
    }
    loop {
        let n = trailing_word(p);
        if n == 0 {
            break;
        }
        p.truncate(p.len() - n);
    }
}

/// A leading heading marker ("一、", "(二)", "3.", "4、") removed from `p`.
fn strip_marker(p: &str) -> &str {
    let body = p.strip_prefix('(');
    let inner = body.unwrap_or(p);
    let n: usize = inner
        .chars()
        .take_while(|&c| c.is_ascii_digit() || (numbers::can_start(c) && c != '百' && c != '千'))
        .map(char::len_utf8)
        .sum();
    if n == 0 || n > 9 {
        return p;
    }
    let r = &inner[n..];
    let closed = match body {
        Some(_) => r.strip_prefix(')'),
        None => r.strip_prefix('、').or_else(|| r.strip_prefix('.')),
    };
    closed.unwrap_or(p)
}

/// A leading date ("2023年", "2023年度", "2021年6月以来", "2024年底") removed from `p`.
fn strip_date(p: &str) -> &str {
    let digits = p.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return p;
    }
    let r = &p[digits..];
    let Some(mut r) = ["年", "月", "日"].iter().find_map(|u| r.strip_prefix(u)) else {
        return p;
    };
    for w in ["度", "以来", "来", "底", "末", "初", "份", "上半年", "下半年", "全年"] {
        if let Some(x) = r.strip_prefix(w) {
            r = x;
        }
    }
    r
}

/// Strips connectives from both ends of a phrase read after a unit.
fn strip_after(p: &mut String) {
    for w in ["的", "为"] {
        if p.starts_with(w) {
            p.drain(..w.len());
        }
    }
    while let Some(w) = ["和", "及", "与", "、", "等", "并", "共", "(", "其中", "的"].iter().find(|w| p.ends_with(*w))
    {
        p.truncate(p.len() - w.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn figures(input: &str) -> Vec<Figure> {
        find(&normalize(input), &[])
    }

    fn brief(input: &str) -> Vec<(String, f64, String, bool)> {
        figures(input).into_iter().map(|f| (f.surface, f.value, f.unit, f.approx)).collect()
    }

    fn f(s: &str, v: f64, u: &str, a: bool) -> (String, f64, String, bool) {
        (s.to_string(), v, u.to_string(), a)
    }

    #[test]
    fn counts_money_and_rates() {
        assert_eq!(
            brief("全镇办理信访事项312件,化解率达97.5%,追回欠薪8,420元。"),
            vec![f("312件", 312.0, "件", false), f("97.5%", 97.5, "%", false), f("8,420元", 8420.0, "元", false)]
        );
        assert_eq!(
            brief("举办讲座1.2万场次,挽回损失约360万元,惠及群众超过5000人以上。"),
            vec![
                f("1.2万场次", 12_000.0, "场次", false),
                f("360万元", 3_600_000.0, "元", true),
                f("5000人", 5000.0, "人", true),
            ]
        );
        assert_eq!(
            brief("办结率超96%,提高2.5个百分点"),
            vec![f("96%", 96.0, "%", true), f("2.5个百分点", 2.5, "个百分点", false)]
        );
        assert_eq!(brief("满意率为百分之九十九点二"), vec![f("百分之九十九点二", 99.2, "%", false)]);
    }

    #[test]
    fn chinese_numerals_that_count() {
        assert_eq!(brief("培育示范社区十余个"), vec![f("十余个", 10.0, "个", true)]);
        assert_eq!(brief("等两项经验获得推广"), vec![f("两项", 2.0, "项", false)]);
        assert_eq!(brief("轮训干部3万多人"), vec![f("3万多人", 30_000.0, "人", true)]);
        assert_eq!(brief("審結案件12宗、調解2場"), vec![f("12宗", 12.0, "宗", false), f("2場", 2.0, "场", false)]);
    }

    #[test]
    fn names_dates_and_ordinals_are_not_figures() {
        for s in [
            "2023年,本镇召开第七次会议,落实三项制度和“十件实事”。",
            "印发《某县三年行动计划(2022-2025年)》和五年规划。",
            "全面贯彻二十届三中全会和市委八届七次全会精神,推进八五普法。",
            "建成一批示范点,做好一件事一次办,获评全市第一、四星级。",
            "公开三个办法、四类文本、五个清单等事项。",
            "开通12345热线,构建“1+10+N”体系,落实一规划两方案。",
            "位列全省前3名,2021年6月起实施,12月20日发布。",
            "联系电话0755-12345678,邮箱ab2017@example.cn",
        ] {
            assert_eq!(brief(s), vec![], "{s}");
        }
    }

    #[test]
    fn session_numbers_are_not_counts() {
        for s in [
            "贯彻市委六届二次全会精神。",
            "落实十二届市委五次全会部署。",
            "落实十一届县委三次、四次全会部署。",
            "落实区第七次党代会精神,学习市第五次党代会报告。",
            "落实市十四届人大二次会议决议。",
            "贯彻州委八届九次全体会议精神。",
            "传达省第十二次党代会和七次全委会精神。",
        ] {
            assert_eq!(brief(s), vec![], "{s}");
        }
        // A count of meetings stays a count, even after a body with a term.
        assert_eq!(brief("区十六届人大常委会召开3次会议。"), vec![f("3次", 3.0, "次", false)]);
        assert_eq!(
            brief("召开全会2次,组织五次全面检查。"),
            vec![f("2次", 2.0, "次", false), f("五次", 5.0, "次", false)]
        );
    }

    #[test]
    fn slogans_and_collective_names_are_not_counts() {
        for s in [
            "落实四个亲自要求,坚持三个坚持。",
            "做到两个必须,严守十个严禁。",
            "国家发改委等六部委联合发文。",
            "推行“四个百分百”(案中100%调解、案后100%释法)工作法。",
            "落实“三项清单”(权力清单12项、责任清单8项)制度。",
        ] {
            assert_eq!(brief(s), vec![], "{s}");
        }
        // A bracket after a quoted name that counts nothing holds real figures.
        assert_eq!(brief("推行“一网通办”(办件量12万件)。"), vec![f("12万件", 120_000.0, "件", false)]);
        assert_eq!(brief("设立四个专班,联系六部门。"), vec![f("四个", 4.0, "个", false)]);
    }

    #[test]
    fn a_unit_cut_off_by_the_end_of_the_text_gives_no_figure() {
        // The page was cut short: "人" may be "人次", "个百分" is "个百分点" cut.
        let page = "依法行政。".repeat(100);
        let cut = |s: &str| brief(&format!("{page}{s}"));
        assert_eq!(cut("全年培训执法人员1200人"), vec![]);
        assert_eq!(cut("办结率提高2.5个百分"), vec![]);
        assert_eq!(brief("共办理案件12件\u{FFFD}"), vec![]);
        // Units that cannot go on, figures before the cut, and phrases typed in stay.
        assert_eq!(cut("新增立法项目6项"), vec![f("6项", 6.0, "项", false)]);
        assert_eq!(cut("培训1200人,其中"), vec![f("1200人", 1200.0, "人", false)]);
        assert_eq!(cut("培训1200人。\n"), vec![f("1200人", 1200.0, "人", false)]);
        assert_eq!(brief("培训1200人"), vec![f("1200人", 1200.0, "人", false)]);
    }

    #[test]
    fn vague_magnitudes_are_not_figures() {
        assert_eq!(brief("开展数十次巡查,走访几十家企业"), vec![]);
        assert_eq!(brief("参训人数300人"), vec![f("300人", 300.0, "人", false)]);
    }

    #[test]
    fn durations_in_years_count() {
        assert_eq!(brief("连续6年开展评议活动"), vec![f("6年", 6.0, "年", false)]);
    }

    #[test]
    fn a_long_phrase_starts_at_a_word_not_inside_one() {
        // 45 characters before the figure, no clause stop: the 30-character window would start
        // inside "新时代"; the phrase starts after "的" instead.
        let text = "各单位以深入学习宣传贯彻落实新时代法治建设重要思想为主题的“专题学习”读书班等集中学习活动54次。";
        let got: Vec<String> = figures(text).into_iter().map(|f| f.indicator).collect();
        assert_eq!(got, ["“专题学习”读书班等集中学习活动"]);
    }

    #[test]
    fn indicator_phrases() {
        let ind = |s: &str| figures(s).into_iter().map(|f| f.indicator).collect::<Vec<_>>();
        assert_eq!(ind("召开5场镇党委理论学习会。"), vec!["召开镇党委理论学习会"]);
        assert_eq!(ind("2024年,全镇共受理信访事项88件。"), vec!["全镇共受理信访事项"]);
        assert_eq!(ind("化解率达91%"), vec!["化解率"]);
        // A bare verb borrows the noun of the figure before it.
        let v = ind("共收到调解申请40件,受理36件,办结30件。");
        assert_eq!(v, vec!["收到调解申请", "受理收到调解申请", "办结收到调解申请"]);
        // …or the clause before, when it is the first figure of the sentence.
        let v = ind("清理村规民约,废止4件。");
        assert_eq!(v, vec!["清理村规民约废止"]);
        // Document titles are not what is counted.
        assert_eq!(ind("出台《甲办法》、《乙规定》等2部规章。"), vec!["出台规章"]);
    }

    #[test]
    fn offsets_point_into_the_input() {
        let input = "全年辦理案件１２３件，辦結率達９９．５％。";
        let v = figures(input);
        assert_eq!(v.len(), 2);
        for f in &v {
            assert_eq!(&input[f.start..f.end], f.surface);
        }
        assert_eq!(v[0].surface, "１２３件");
        assert_eq!(v[0].indicator, "办理案件");
        assert_eq!(v[1].value, 99.5);
    }

    #[test]
    fn innermost_section() {
        let sec =
            |start, end| Section { level: 1, marker: String::new(), title: String::new(), kind: None, start, end };
        let secs = [sec(0, 100), sec(10, 50), sec(20, 30), sec(60, 90)];
        let mut m = Innermost::new(&secs);
        let got: Vec<_> = [5, 15, 25, 35, 55, 70, 95, 120].iter().map(|&p| m.at(p)).collect();
        assert_eq!(got, vec![Some(0), Some(1), Some(2), Some(1), Some(0), Some(3), Some(0), None]);
    }

    proptest::proptest! {
        #[test]
        fn surfaces_are_slices_of_the_input(s in "[0-9０-９一二两三十百千万亿〇零余多几点,，、。;：《》“”()（）個个件項项%％年第届前超约以上万元 a\n]{0,60}") {
            let mut last = 0;
            for f in figures(&s) {
                proptest::prop_assert_eq!(s.get(f.start..f.end), Some(f.surface.as_str()));
                proptest::prop_assert!(f.start >= last);
                last = f.end;
            }
        }
    }

    #[test]
    fn words_that_are_not_units_are_a_unit_and_one_more_character() {
        for w in NOT_UNITS {
            let c = w.chars().next().unwrap();
            assert_eq!(w.chars().count(), 2, "{w}");
            assert!(units_from(c).iter().any(|(u, _)| *u == c.to_string()), "{w}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in ["", "1", "一", "“", "《", "》3件", "百分之", "、三个", "3件、", "第", "\n\n5人\n", "超过", "约3"]
        {
            let _ = figures(s);
        }
        let long = "“1件".repeat(2000) + &"《2人".repeat(2000);
        assert!(!figures(&long).is_empty());
    }
}
