//! What a key-indicator value counts, read from its own sentence and nothing else.
//!
//! Two values of one indicator may count different things: the city's 人大代表建议 and the
//! district's, the services a legal adviser gave and the reviews among them, all 普法 events
//! and the ones of one campaign. A comparison may only set side by side values that count the
//! same thing, so each value is described here, from the report alone (never from other
//! reports), by four words (the rules in full: `docs/comparison.md`):
//!
//! - **scope**: the level of government the count covers, relative to the reporting body. The
//!   words read are the level words just before the subject ("市人大代表建议", "区政府及部门为
//!   被告的…", "全区…"), in the figure's own list item; several joined by 、/及/和 count
//!   together ("市政府、部门规范性文件": own level and departments).
//! - **measure**: which count of the subject it is, by the indicator's measure words (taxonomy
//!   `measures`): the one nearest the figure, before it in its clause or after it in its item;
//!   an item that names none continues the list before it ("制定区规范性文件8件，部门规范性文件
//!   7件").
//! - **subgroup**: the words that narrow the subject, between the last verb or preposition and
//!   the subject word ("人民调解", "援前调解", "“法治进校园”讲座法治宣传"), without scope words,
//!   fillers (各类, 全年…) and the words that only restate the subject (行政执法 for 执法). A
//!   subject named only inside quoted programme names ("“精准普法”、“复议上门”等宣传活动") gives
//!   those names as the subgroup.
//! - **part of**: after "其中", a value that breaks down a count of something else in its
//!   sentence ("提供法律服务5831次，其中…法治宣传438场") is a part of that count.
//!
//! Then one value per indicator becomes the report's **headline**: among values of the own
//! scope (or own and departments, or all levels) that are no part, name no quoted or listed
//! programme and have a measure the indicator allows, the one with the fewest qualifications,
//! the indicator's main unit, and first in document order.

use std::ops::Range;

use super::taxonomy::Indicator;
use crate::report::KeyValue;
use crate::script::is_han;
use crate::text::boundary::{ends_clause, ends_statement, forward_to, SENTENCE_LIMIT};

/// A level of government, highest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Nation,
    Province,
    City,
    County,
    Town,
    Village,
}

impl Level {
    /// The level a one-character level word names (市 → City).
    fn of_char(c: char) -> Option<Level> {
        match c {
            '省' => Some(Level::Province),
            '市' | '州' | '盟' => Some(Level::City),
            '区' | '县' | '旗' => Some(Level::County),
            '镇' | '乡' => Some(Level::Town),
            _ => None,
        }
    }

    /// The scope word of the level, as a value's `scope` gives it.
    fn name(self) -> &'static str {
        match self {
            Level::Nation => "国家",
            Level::Province => "省",
            Level::City => "市",
            Level::County => "区县",
            Level::Town => "镇街",
            Level::Village => "村居",
        }
    }
}

/// The reporting body, as far as scopes are concerned: its region's name and level.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Body<'a> {
    /// The region's name, simplified ("坪山区"), or "".
    region: &'a str,
    /// Its level, when the name tells.
    level: Option<Level>,
}

impl<'a> Body<'a> {
    /// The body governing `region` (`Meta::region`).
    pub(crate) fn of(region: Option<&'a str>) -> Body<'a> {
        let region = region.unwrap_or("").trim();
        let level = if region.ends_with("自治区") {
            Some(Level::Province)
        } else if region.ends_with("街道") {
            Some(Level::Town)
        } else {
            region.chars().last().and_then(Level::of_char)
        };
        Body { region, level }
    }

    /// The last character of the region's name (区 of 坪山区), which 全/本/我 + it names.
    fn suffix(&self) -> Option<char> {
        if self.region.ends_with("街道") {
            return Some('街');
        }
        self.region.chars().last()
    }
}

/// What a scope word says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// The reporting body's own level (本级).
    Own,
    /// Its departments.
    Dept,
    /// All levels (各级).
    All,
    /// A named level.
    At(Level),
}

/// The scope words read before a subject, longest first where one holds another.
#[rustfmt::skip]
const SCOPE_WORDS: &[(&str, Scope)] = &[
    ("各级", Scope::All),
    ("本级", Scope::Own), ("本区", Scope::Own), ("本市", Scope::Own), ("本县", Scope::Own),
    ("我区", Scope::Own), ("我市", Scope::Own), ("我县", Scope::Own),
    ("各部门", Scope::Dept), ("部门", Scope::Dept), ("区直", Scope::Dept), ("市直", Scope::Dept),
    ("县直", Scope::Dept), ("直属", Scope::Dept),
    ("国家级", Scope::At(Level::Nation)), ("全国", Scope::At(Level::Nation)), ("中央", Scope::At(Level::Nation)),
    ("全省", Scope::At(Level::Province)), ("省级", Scope::At(Level::Province)), ("省政府", Scope::At(Level::Province)),
    ("全市", Scope::At(Level::City)), ("市级", Scope::At(Level::City)), ("市政府", Scope::At(Level::City)),
    ("全区", Scope::At(Level::County)), ("区级", Scope::At(Level::County)), ("区政府", Scope::At(Level::County)),
    ("全县", Scope::At(Level::County)), ("县级", Scope::At(Level::County)), ("县政府", Scope::At(Level::County)),
    ("乡镇", Scope::At(Level::Town)), ("街道", Scope::At(Level::Town)), ("镇街", Scope::At(Level::Town)),
    ("全镇", Scope::At(Level::Town)), ("镇级", Scope::At(Level::Town)), ("镇政府", Scope::At(Level::Town)),
    ("乡政府", Scope::At(Level::Town)),
    ("社区", Scope::At(Level::Village)), ("村居", Scope::At(Level::Village)),
];

/// The first characters of the scope words, and of the level characters.
const SCOPE_FIRST: &str = "各本我部区市县直国全中省乡街镇社村州盟旗";

/// "部门" after these is a party the body works with, not the scope of a count.
const NOT_SCOPE_BEFORE_DEPT: &[&str] = &["相关", "有关", "职能", "业务", "行业"];

/// Words ending in a level character that name no level (社区 is a scope word of its own).
#[rustfmt::skip]
const NOT_LEVEL: &[&str] = &[
    "园区", "辖区", "片区", "景区", "小区", "山区", "城区", "市区", "地区", "城市", "都市", "超市", "门市",
    "城镇", "村镇", "集镇", "跨省", "跨市", "跨区", "跨县",
];

/// What may join scope words that count together ("区政府及部门", "乡镇(街道)").
fn joins_scopes(c: char) -> bool {
    matches!(c, '、' | '及' | '和' | '与' | '(' | ')' | '（' | '）' | ',' | '/' | ' ')
}

/// The order scope words are listed in.
const SCOPE_ORDER: [&str; 9] = ["本级", "部门", "各级", "国家", "省", "市", "区县", "镇街", "村居"];

/// Scope values a headline may have, best first: the body's own, own with its departments,
/// all levels.
const HEADLINE_SCOPES: [&str; 3] = ["", "本级、部门", "各级"];

/// The scope of a count whose subject starts at `hi`, read in `text[lo..hi]`.
fn scope(text: &str, lo: usize, hi: usize, body: &Body) -> String {
    let Some(zone) = text.get(lo..hi) else { return String::new() };
    // (start, end, scope) of every scope word in the zone.
    let mut found: Vec<(usize, usize, Scope)> = Vec::new();
    // Only the zone's chars that start some scope word are looked at.
    let starts: Vec<usize> = zone.char_indices().filter(|(_, c)| SCOPE_FIRST.contains(*c)).map(|(i, _)| i).collect();
    if starts.is_empty() && body.region.is_empty() {
        return String::new();
    }
    for &(word, s) in SCOPE_WORDS {
        for i in starts
            .iter()
            .copied()
            .filter(|&i| zone.as_bytes()[i..].iter().zip(word.as_bytes()).filter(|(a, b)| a == b).count() == word.len())
        {
            let before = &zone[..i];
            // "全市域通办": the reach of a service, not the scope of a count; and a level word
            // inside quotes is part of a name.
            if zone[i + word.len()..].starts_with('域') || inside_quotes(zone, 0, i) {
                continue;
            }
            if s == Scope::Dept && word == "部门" && NOT_SCOPE_BEFORE_DEPT.iter().any(|w| before.ends_with(w)) {
                continue;
            }
            // 全区 in a 区's report, 全省 in a 自治区's: the body itself.
            let own = word.starts_with('全') && body.suffix() == word.chars().nth(1);
            found.push((i, i + word.len(), if own { Scope::Own } else { s }));
        }
    }
    // A level character right before the subject ("市人大代表建议"), or the region's own name.
    if !body.region.is_empty() && zone.ends_with(body.region) {
        found.push((zone.len() - body.region.len(), zone.len(), Scope::Own));
    } else if let Some(c) = zone.chars().last() {
        let start = zone.len() - c.len_utf8();
        let covered = found.iter().any(|&(s, e, _)| s <= start && e == zone.len());
        if !covered && !NOT_LEVEL.iter().any(|w| zone.ends_with(w)) {
            if let Some(l) = Level::of_char(c) {
                found.push((start, zone.len(), Scope::At(l)));
            }
        }
    }
    // Nested words (部门 in 各部门) count once.
    found.sort_by_key(|&(s, e, _)| (e, std::cmp::Reverse(e - s)));
    found.dedup_by(|b, a| a.1 == b.1 || (a.0 <= b.0 && b.1 <= a.1));
    let Some(&(mut start, _, last)) = found.last() else { return String::new() };
    let mut scopes = vec![last];
    for &(s, e, sc) in found.iter().rev().skip(1) {
        if e <= start && zone[e..start].chars().all(joins_scopes) {
            scopes.push(sc);
            start = s;
        } else if e <= start {
            break;
        }
    }
    let mut words: Vec<&str> = scopes
        .iter()
        .map(|s| match *s {
            Scope::Own => "本级",
            Scope::Dept => "部门",
            Scope::All => "各级",
            Scope::At(l) if Some(l) == body.level => "本级",
            Scope::At(l) => l.name(),
        })
        .collect();
    words.sort_by_key(|w| SCOPE_ORDER.iter().position(|o| o == w));
    words.dedup();
    if words == ["本级"] {
        String::new()
    } else {
        words.join("、")
    }
}

/// Words that end a subject's modifiers when reading back from it: verbs, prepositions, 的.
#[rustfmt::skip]
const BOUNDARIES: &[&str] = &[
    "办理", "受理", "办结", "审结", "结案", "收到", "新收", "承办", "完成", "开展", "组织", "举办",
    "立案", "进行", "实现", "开通", "提供", "出具", "签收", "发生", "公布", "印发", "制定", "出台",
    "发布", "评查", "抽取", "覆盖", "参加", "参与", "达到", "其中", "共", "累计", "合计", "对", "为", "的",
    "在", "向", "将", "把", "从", "经", "由", "以", "给", "达",
];

/// Words that only restate a subject (行政执法 for 执法) or a measure (合法性审查 for 审查):
/// they narrow nothing.
#[rustfmt::skip]
const RESTATED: &[&str] = &[
    "行政执法", "行政复议", "行政诉讼", "行政应诉", "行政机关", "行政规范性文件", "政府信息公开",
    "信息公开", "应急演练", "合法性审查", "合法性审核", "法治宣传", "普法宣传", "政务服务", "行政执法证",
    "政府法律顾问",
];

/// Fillers that narrow nothing.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "各类", "各项", "各种", "全部", "所有", "相关", "有关", "全年", "本年度", "年度", "当年", "依法",
    "高效", "及时", "认真", "妥善", "案件", "活动", "事项", "申请", "工作", "全程", "已", "各", "共",
    "累计",
];

/// Longest stretch read back from a subject for its modifiers, in chars.
const MODIFIER_CHARS: usize = 30;

/// Quotation marks, opening and closing.
fn opens_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '‘')
}
fn closes_quote(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '’')
}

/// True when `text[lo..at]` leaves a quotation open at `at`.
fn inside_quotes(text: &str, lo: usize, at: usize) -> bool {
    let mut depth = 0i32;
    let mut straight = false;
    for c in text.get(lo..at).unwrap_or("").chars() {
        if opens_quote(c) {
            depth += 1;
        } else if closes_quote(c) {
            depth = (depth - 1).max(0);
        } else if c == '"' {
            straight = !straight;
        }
    }
    depth > 0 || straight
}

/// Where `needle` occurs in `hay` (byte offsets, overlapping). For the few dozen bytes of an
/// item a plain scan beats `str::match_indices`, whose searcher costs more to set up than the
/// search itself. A needle starts with a char's first byte, so every match is on a boundary.
fn positions<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let last = if n.is_empty() { 0 } else { (h.len() + 1).saturating_sub(n.len()) };
    // Byte by byte: the first bytes differ at almost every place, and a slice comparison
    // would call memcmp at each.
    (0..last).filter(move |&i| n.iter().enumerate().all(|(k, b)| h.get(i + k) == Some(b)))
}

/// The distinct chars of a text, sorted: a word can only occur where its first char does.
fn char_set(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// True when `w`'s first char is in `chars` (see [`char_set`]).
fn may_hold(chars: &[char], w: &str) -> bool {
    w.chars().next().is_some_and(|c| chars.binary_search(&c).is_ok())
}

/// Where the words of `words` occur in `text[range]`, absolute, in text order.
fn occurrences<'w>(text: &str, range: &Range<usize>, words: impl Iterator<Item = &'w str>) -> Vec<Range<usize>> {
    let Some(hay) = text.get(range.clone()) else { return Vec::new() };
    let chars = char_set(hay);
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in words.filter(|w| may_hold(&chars, w)) {
        out.extend(positions(hay, w).map(|i| range.start + i..range.start + i + w.len()));
    }
    out
}

/// The occurrence nearest the figure: the last to end before it, else the first to start
/// after it; the longer of two that end (start) at the same place.
fn nearest(occ: &[Range<usize>], fig: &Range<usize>) -> Option<Range<usize>> {
    let before = occ.iter().filter(|r| r.end <= fig.start).max_by_key(|r| (r.end, std::cmp::Reverse(r.start)));
    let after = || occ.iter().filter(|r| r.start >= fig.end).min_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    before.or_else(after).cloned()
}

/// Where a figure sits, in the view.
pub(crate) struct Place<'a> {
    /// The view text.
    pub text: &'a str,
    /// The figure.
    pub fig: Range<usize>,
    /// Its list item.
    pub local: Range<usize>,
    /// Its clause.
    pub clause: Range<usize>,
}

/// What one value counts, before lists and headlines are settled.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Counts {
    pub scope: String,
    pub measure: &'static str,
    pub subgroup: String,
}

/// Reads scope, measure and subgroup of a value of `entry` at `place`.
pub(crate) fn describe(entry: &Indicator, place: &Place, body: &Body) -> Counts {
    let (text, fig, local) = (place.text, &place.fig, &place.local);
    let measure_words = || entry.measures.iter().flat_map(|(_, ws)| ws.iter().copied());
    // The subject: a topic word of the item, else a measure or key word.
    let topics: Vec<Range<usize>> = occurrences(text, local, entry.topics.iter().copied())
        .into_iter()
        .filter(|r| !(r.start < fig.end && fig.start < r.end))
        .collect();
    let free: Vec<Range<usize>> =
        topics.iter().filter(|r| !inside_quotes(text, local.start, r.start)).cloned().collect();
    let quoted_only = !topics.is_empty() && free.is_empty();
    let subject = nearest(&free, fig)
        .or_else(|| nearest(&occurrences(text, local, measure_words()), fig))
        .or_else(|| nearest(&occurrences(text, local, entry.keys.iter().copied()), fig));
    let scope_end = subject.as_ref().map_or(fig.start.max(local.start), |s| s.start);
    let scope = scope(text, local.start, scope_end, body);
    let subgroup = if quoted_only {
        quoted_names(text, local.start, fig.start)
    } else {
        subject.map(|s| modifiers(text, entry, local, fig, &s, body)).unwrap_or_default()
    };
    Counts { scope, measure: measure(text, entry, place), subgroup }
}

/// The measure of the value: the class of the measure word nearest the figure, before it in its
/// clause or after it in its own item (a little farther).
fn measure(text: &str, entry: &Indicator, place: &Place) -> &'static str {
    let fig = &place.fig;
    if entry.measures.is_empty() {
        return "";
    }
    let chars = char_set(text.get(place.clause.start..place.local.end.max(fig.end)).unwrap_or(""));
    let mut best: Option<(usize, usize, &'static str)> = None;
    for &(class, words) in entry.measures {
        for &w in words.iter().filter(|w| may_hold(&chars, w)) {
            let before = place.clause.start..fig.start;
            for r in occurrences(text, &before, std::iter::once(w)) {
                let d = fig.start - r.end;
                if best.is_none_or(|(bd, bl, _)| (d, std::cmp::Reverse(w.len())) < (bd, std::cmp::Reverse(bl))) {
                    best = Some((d, w.len(), class));
                }
            }
            let after = fig.end..place.local.end.max(fig.end);
            for r in occurrences(text, &after, std::iter::once(w)) {
                let d = r.start - fig.end + 20;
                if best.is_none_or(|(bd, bl, _)| (d, std::cmp::Reverse(w.len())) < (bd, std::cmp::Reverse(bl))) {
                    best = Some((d, w.len(), class));
                }
            }
        }
    }
    best.map_or("", |(_, _, class)| class)
}

/// The quoted names before the figure in its item, with the 等 that ends their list
/// ("“精准普法”、“复议上门”等").
fn quoted_names(text: &str, lo: usize, fig_start: usize) -> String {
    let Some(zone) = text.get(lo..fig_start.max(lo)) else { return String::new() };
    let (Some(a), Some(b)) = (zone.find(opens_quote), zone.rfind(closes_quote)) else { return String::new() };
    if b < a {
        return String::new();
    }
    let end = b + zone[b..].chars().next().map_or(0, char::len_utf8);
    let mut out = zone[a..end].to_string();
    if zone[end..].starts_with('等') {
        out.push('等');
    }
    out
}

/// The words narrowing the subject at `subject`: read back from it to the last boundary word
/// (at most [`MODIFIER_CHARS`]), without scope words, restatements and fillers.
fn modifiers(
    text: &str,
    entry: &Indicator,
    local: &Range<usize>,
    fig: &Range<usize>,
    subject: &Range<usize>,
    body: &Body,
) -> String {
    let floor = if fig.end <= subject.start { fig.end.max(local.start) } else { local.start };
    let Some(zone) = text.get(floor..subject.start) else { return String::new() };
    let measure_words = || entry.measures.iter().flat_map(|(_, ws)| ws.iter().copied());
    // Only words ending in the char at hand are compared.
    let is_boundary = |before: &str, c: char| {
        BOUNDARIES
            .iter()
            .copied()
            .chain(entry.keys.iter().copied())
            .chain(measure_words())
            .any(|w| w.ends_with(c) && before.ends_with(w))
    };
    let mut start = zone.len();
    for (n, (i, c)) in zone.char_indices().rev().enumerate() {
        if n >= MODIFIER_CHARS
            || ends_clause(c)
            || c.is_ascii_digit()
            || c == '%'
            || is_boundary(&zone[..i + c.len_utf8()], c)
        {
            break;
        }
        start = i;
    }
    let mut zone = &zone[start..];
    // "2023年…": the year's 年 is no modifier.
    if zone.len() < text.len() && text[..floor + start].ends_with(|c: char| c.is_ascii_digit()) {
        zone = zone.trim_start_matches(['年', '月', '日', '度']);
    }
    // A word running from the modifiers into the subject restates it ("行政" of 行政执法, "负责人"
    // of 负责人出庭): the modifiers end where it starts.
    let subject_text = text.get(subject.clone()).unwrap_or("");
    let joined = format!("{zone}{subject_text}");
    let restating = || {
        RESTATED
            .iter()
            .copied()
            .chain(entry.topics.iter().copied())
            .chain(entry.keys.iter().copied())
            .chain(measure_words())
    };
    let mut cut = zone.len();
    for w in restating() {
        // Only a start within the word's length before the junction can span it.
        for i in ((zone.len() + 1).saturating_sub(w.len())..zone.len()).filter(|&i| zone.is_char_boundary(i)) {
            if joined[i..].starts_with(w) {
                cut = cut.min(i);
            }
        }
    }
    let zone = without_brackets(&zone[..cut]);
    let chars = char_set(&zone);
    let mut removed: Vec<&str> = restating()
        .chain(SCOPE_WORDS.iter().map(|(w, _)| *w))
        .chain(FILLERS.iter().copied())
        .filter(|w| may_hold(&chars, w))
        .collect();
    if !body.region.is_empty() {
        removed.push(body.region);
    }
    let mut words = strip(&zone, &removed);
    // A level character left at the end qualified the subject ("市人大代表建议"): scope.
    if let Some(c) = words.chars().last() {
        if Level::of_char(c).is_some() && !NOT_LEVEL.iter().any(|n| words.ends_with(n)) {
            words.truncate(words.len() - c.len_utf8());
        }
    }
    let mut kept: String =
        words.chars().filter(|&c| is_han(c) || opens_quote(c) || closes_quote(c) || c == '、').collect();
    if kept.chars().filter(|&c| opens_quote(c)).count() != kept.chars().filter(|&c| closes_quote(c)).count() {
        kept.retain(|c| !opens_quote(c) && !closes_quote(c));
    }
    let kept = kept.trim_matches('、').to_string();
    if kept.chars().filter(|&c| is_han(c)).count() < 2 {
        String::new()
    } else {
        kept
    }
}

/// `s` without the words of `words` (the longest at each place first), except inside quotes,
/// where a name is kept whole, and a scope word running into 域 ("全市域通办" names a service).
fn strip(s: &str, words: &[&str]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0i32;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if opens_quote(c) {
            depth += 1;
        } else if closes_quote(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 {
            let rest = &s[i..];
            let hit = words
                .iter()
                .filter(|w| w.starts_with(c) && rest.starts_with(*w) && !rest[w.len()..].starts_with('域'))
                .map(|w| w.len())
                .max();
            if let Some(n) = hit {
                i += n;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `s` without its bracketed parts.
fn without_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words that make a figure approximate when they stand before it, and after it.
const APPROX_BEFORE: &[&str] = &["超过", "突破", "将近", "接近", "大约", "约", "近", "超", "逾"];
const APPROX_AFTER: &[&str] = &["以上", "左右", "有余"];

/// The view range of the figure as printed with the words that make it approximate.
pub(crate) fn printed_range(text: &str, fig: &Range<usize>, approx: bool) -> Range<usize> {
    if !approx {
        return fig.clone();
    }
    let before = text.get(..fig.start).unwrap_or("");
    let after = text.get(fig.end..).unwrap_or("");
    let start = APPROX_BEFORE.iter().find(|w| before.ends_with(*w)).map_or(fig.start, |w| fig.start - w.len());
    let end = APPROX_AFTER.iter().find(|w| after.starts_with(*w)).map_or(fig.end, |w| fig.end + w.len());
    start..end
}

/// The view range of the figure's statement: from its start to the 。 or ； after the figure.
pub(crate) fn statement(text: &str, sentence: usize, fig: &Range<usize>) -> Range<usize> {
    let end = forward_to(text, fig.end, text.len(), SENTENCE_LIMIT, ends_statement);
    let end = text.get(end..).and_then(|t| t.chars().next()).filter(|&c| c != '\n').map_or(end, |c| end + c.len_utf8());
    sentence.min(fig.start)..end
}

/// True when the figure at `fig` continues the list of an earlier one at `prev` in the same
/// statement (at most one clause break between them): an item that names no measure then
/// takes the earlier one's.
pub(crate) fn continues(text: &str, prev: &Range<usize>, fig: &Range<usize>) -> bool {
    prev.end <= fig.start
        && text
            .get(prev.end..fig.start)
            .is_some_and(|gap| !gap.contains(ends_statement) && gap.chars().filter(|&c| ends_clause(c)).count() <= 1)
}

/// Where "其中" stands last in `text[sentence..fig_start]`, if it does.
pub(crate) fn breakdown_mark(text: &str, sentence: usize, fig_start: usize) -> Option<usize> {
    text.get(sentence..fig_start)?.rfind("其中").map(|i| sentence + i)
}

/// True when `v` may be its report's headline value of `entry`: a count of the body's own
/// scope (or own and departments, or all levels), no part of another count, no quoted or
/// listed programme, and of a measure the indicator allows.
pub(crate) fn may_headline(entry: &Indicator, v: &KeyValue) -> bool {
    let listed = v.subgroup.contains(['“', '”', '「', '」', '"', '等']);
    HEADLINE_SCOPES.contains(&v.scope.as_str())
        && v.part_of.is_empty()
        && !listed
        && (entry.headline_measures.is_empty() || entry.headline_measures.contains(&v.measure.as_str()))
}

/// Marks the headline among one report's values of `entry` (in document order): of those that
/// [`may_headline`], the own scope before the wider ones, no subgroup before one, the measure
/// the indicator lists first, the unit it lists first (counts before rates), then the first.
pub(crate) fn mark_headline(entry: &Indicator, values: &mut [KeyValue]) {
    let rank = |v: &KeyValue| {
        let scope = HEADLINE_SCOPES.iter().position(|s| *s == v.scope).unwrap_or(usize::MAX);
        let measure = if v.measure.is_empty() {
            0
        } else {
            1 + entry.measures.iter().position(|(m, _)| *m == v.measure).unwrap_or(usize::MAX - 1)
        };
        let unit = entry.units.iter().position(|u| *u == v.unit).unwrap_or(usize::MAX);
        (scope, !v.subgroup.is_empty(), measure, unit)
    };
    for v in values.iter_mut() {
        v.headline = false;
    }
    let best = values.iter().enumerate().filter(|(_, v)| may_headline(entry, v)).min_by_key(|(i, v)| (rank(v), *i));
    if let Some(i) = best.map(|(i, _)| i) {
        if let Some(v) = values.get_mut(i) {
            v.headline = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::taxonomy::get;

    fn counts(id: &str, text: &str, figure: &str, region: &str) -> Counts {
        let entry = get(id).expect("known id");
        let at = text.find(figure).expect("figure in text");
        let fig = at..at + figure.len();
        // The clause and item as `indicators` cuts them: here the whole comma-free stretch.
        let start =
            text[..at].rfind([',', '。', '、']).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let end = text[fig.end..].find([',', '。', '、']).map_or(text.len(), |i| fig.end + i);
        let place = Place { text, fig, local: start..end, clause: start..end };
        describe(entry, &place, &Body::of(Some(region)))
    }

    #[test]
    fn scope_is_relative_to_the_reporting_body() {
        assert_eq!(counts("npc_suggestions", "签收办理市人大代表建议74件", "74件", "甲区").scope, "市");
        assert_eq!(counts("npc_suggestions", "区人大代表建议216件", "216件", "甲区").scope, "");
        assert_eq!(counts("npc_suggestions", "办理各级人大代表建议433件", "433件", "甲区").scope, "各级");
        assert_eq!(counts("normative_docs_issued", "部门规范性文件7件", "7件", "甲区").scope, "部门");
        assert_eq!(counts("normative_docs_issued", "全区共制定区规范性文件8件", "8件", "甲区").scope, "");
        assert_eq!(
            counts("normative_docs_issued", "出台120份市政府及部门规范性文件", "120份", "乙市").scope,
            "本级、部门"
        );
        assert_eq!(
            counts("litigation_cases", "区政府及部门为被告的行政诉讼案件252宗", "252宗", "甲区").scope,
            "本级、部门"
        );
        assert_eq!(
            counts("enforcement_certificates", "会同相关部门对乡镇(街道)新增办理行政执法证件38人", "38人", "甲区")
                .scope,
            "镇街"
        );
        assert_eq!(counts("public_interest_litigation", "全市行政公益诉讼立案492件", "492件", "乙市").scope, "");
        assert_eq!(counts("public_interest_litigation", "全市行政公益诉讼立案492件", "492件", "甲区").scope, "市");
        // 社区 and the region's own name are not a trailing 区.
        assert_eq!(counts("normative_docs_issued", "坪山区规范性文件8件", "8件", "坪山区").scope, "");
        // A level word in a name, or running into 域, is no scope.
        assert_eq!(counts("gov_services_online", "852项政务服务事项实现“全市域通办”", "852项", "甲区").scope, "");
        assert_eq!(counts("legal_publicity_events", "开展“全市普法”宣传活动5场", "5场", "甲区").scope, "");
    }

    #[test]
    fn measure_is_the_nearest_measure_word() {
        assert_eq!(counts("legal_advisers_services", "提供服务1000余件", "1000余件", "甲区").measure, "服务");
        assert_eq!(counts("legal_advisers_services", "开展规范性文件合法性审查25件", "25件", "甲区").measure, "审查");
        assert_eq!(counts("legal_advisers_services", "出具合法性审查意见850余份", "850余份", "乙市").measure, "意见");
        assert_eq!(counts("normative_docs_abolished", "宣布失效2件", "2件", "甲区").measure, "失效");
        assert_eq!(counts("reconsideration_received", "共收到行政复议申请93宗", "93宗", "甲区").measure, "收到");
        assert_eq!(counts("reconsideration_received", "办理行政复议案件42件", "42件", "甲区").measure, "办理");
    }

    #[test]
    fn subgroup_is_what_narrows_the_subject() {
        assert_eq!(counts("mediation_cases", "共调解案件3763件", "3763件", "甲区").subgroup, "");
        assert_eq!(counts("mediation_cases", "共受理援前调解案件58宗", "58宗", "甲区").subgroup, "援前");
        assert_eq!(counts("mediation_cases", "全区人民调解组织共受理案件728件", "728件", "甲区").subgroup, "人民");
        assert_eq!(counts("legal_publicity_events", "全区共开展583场普法宣传活动", "583场", "甲区").subgroup, "");
        assert_eq!(counts("legal_publicity_events", "开展普法活动23场次", "23场次", "甲区").subgroup, "");
        assert_eq!(
            counts("legal_publicity_events", "开展“精准普法”“复议上门”等宣传活动12场次", "12场次", "乙市").subgroup,
            "“精准普法”“复议上门”等"
        );
        assert_eq!(
            counts("legal_publicity_events", "“法治进校园”讲座法治宣传活动200余场次", "200余场次", "甲区").subgroup,
            "“法治进校园”讲座"
        );
        assert_eq!(counts("enforcement_files_reviewed", "评查行政执法案卷1223宗", "1223宗", "甲区").subgroup, "");
        assert_eq!(counts("enforcement_files_reviewed", "共评查案卷1119宗", "1119宗", "甲区").subgroup, "");
        assert_eq!(counts("npc_suggestions", "高效办理人大建议197件", "197件", "乙市").subgroup, "");
        assert_eq!(counts("npc_suggestions", "签收办理市人大代表建议74件", "74件", "甲区").subgroup, "");
        assert_eq!(counts("reconsideration_received", "共收到行政复议申请93宗", "93宗", "甲区").subgroup, "");
    }

    #[test]
    fn approximation_words_stay_with_the_figure() {
        let text = "超过98%的事项";
        let fig = text.find("98%").map(|i| i..i + 3).unwrap_or_default();
        assert_eq!(&text[printed_range(text, &fig, true)], "超过98%");
        assert_eq!(&text[printed_range(text, &fig, false)], "98%");
        let text = "培训300人以上";
        let fig = text.find("300人").map(|i| i..i + 6).unwrap_or_default();
        assert_eq!(&text[printed_range(text, &fig, true)], "300人以上");
    }

    #[test]
    fn headline_is_the_own_scope_total() {
        let entry = get("npc_suggestions").expect("known id");
        let v = |value: f64, scope: &str, subgroup: &str| KeyValue {
            value,
            unit: "件".into(),
            scope: scope.into(),
            subgroup: subgroup.into(),
            ..KeyValue::default()
        };
        let mut values = vec![v(74.0, "市", ""), v(216.0, "", "")];
        mark_headline(entry, &mut values);
        assert_eq!(values.iter().map(|v| v.headline).collect::<Vec<_>>(), [false, true]);
        // Only parts: no headline.
        let mut values = vec![v(12.0, "", "“甲”、“乙”等")];
        mark_headline(entry, &mut values);
        assert!(!values[0].headline);
        let adviser = get("legal_advisers_services").expect("known id");
        let mut values = vec![KeyValue { measure: "咨询".into(), ..v(439.0, "", "") }];
        mark_headline(adviser, &mut values);
        assert!(!values[0].headline, "a kind of service is no total");
    }
}
