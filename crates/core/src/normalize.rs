//! Normalisation: the decoded input → a clean, simplified *view* for matching, plus a map back.
//!
//! Every later stage matches patterns against [`Normalized::text`], where
//! - inserted pinyin ("創(chuàng)新") is gone,
//! - full-width ASCII forms are folded ("（一）" → "(一)", "１２" → "12", "，" → ","),
//!   and odd spaces (U+3000, NBSP) become plain spaces, zero-width characters and `\r` vanish,
//! - Traditional characters are folded to Simplified,
//! - page-chrome lines (breadcrumbs, "发布时间…" headers, share/print links, ICP numbers) are
//!   reduced to an empty line,
//!
//! and maps its findings back with [`Normalized::input_range`]. That is the invariant the whole
//! project rests on: offsets reported to users point into the decoded input, never into the view.

use std::ops::Range;

use crate::report::Script;
use crate::script::{is_han, simplify};
use crate::text::boundary::is_sentence_mark;
use crate::text::{after_char, ceil_char, floor_char};

/// A contiguous piece of the view and where it came from in the input.
#[derive(Clone, Copy, Debug)]
struct Seg {
    /// Start of the piece in the view.
    view: u32,
    /// Start of the piece in the input.
    input: u32,
    /// End of the piece in the input.
    input_end: u32,
    /// True when view and input advance byte for byte inside the piece (so any char boundary
    /// inside maps by adding the same distance).
    linear: bool,
}

/// Maps byte offsets of the view back into the input.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    view_len: u32,
    input_len: u32,
    /// For each block of 2^[`BLOCK_BITS`] bytes of the view, the index of the first piece starting in
    /// or after it; narrows each search to the pieces of one block. Empty until [`Self::index`].
    view_blocks: Vec<u32>,
    /// For each block of 2^[`BLOCK_BITS`] bytes of the input, the number of pieces ending at or before
    /// its start.
    input_blocks: Vec<u32>,
}

/// Log2 of the block size (256 bytes) of the map's search index. A report where every other
/// character is folded has about a hundred pieces per block.
const BLOCK_BITS: u32 = 8;

impl OffsetMap {
    fn push(&mut self, input: Range<usize>, view_len: usize) {
        let (i0, i1) = (input.start as u32, input.end as u32);
        let linear = i1 - i0 == view_len as u32;
        if let Some(last) = self.segs.last_mut() {
            if linear && last.linear && last.input_end == i0 {
                last.input_end = i1;
                self.view_len += view_len as u32;
                return;
            }
        }
        self.segs.push(Seg { view: self.view_len, input: i0, input_end: i1, linear });
        self.view_len += view_len as u32;
    }

    /// Builds the search index once every piece is in. Pieces are in view order and in input
    /// order, so one walk fills both tables.
    fn index(&mut self) {
        let blocks = |len: u32| (len >> BLOCK_BITS) as usize + 2;
        let mut view_blocks = Vec::with_capacity(blocks(self.view_len));
        let mut input_blocks = Vec::with_capacity(blocks(self.input_len));
        let mut k = 0;
        for b in 0..blocks(self.view_len) as u64 {
            while self.segs.get(k).is_some_and(|s| u64::from(s.view) < b << BLOCK_BITS) {
                k += 1;
            }
            view_blocks.push(k as u32);
        }
        let mut k = 0;
        for b in 0..blocks(self.input_len) as u64 {
            while self.segs.get(k).is_some_and(|s| u64::from(s.input_end) <= b << BLOCK_BITS) {
                k += 1;
            }
            input_blocks.push(k as u32);
        }
        self.view_blocks = view_blocks;
        self.input_blocks = input_blocks;
    }

    /// The pieces that may hold view offset `v`, as an index range: every piece before it
    /// starts before `v`'s block, every piece after it after that block.
    fn view_window(&self, v: u32) -> Range<usize> {
        let b = (v >> BLOCK_BITS) as usize;
        match (self.view_blocks.get(b), self.view_blocks.get(b + 1)) {
            (Some(&lo), Some(&hi)) => lo as usize..hi as usize,
            (Some(&lo), None) => lo as usize..self.segs.len(),
            _ => 0..self.segs.len(),
        }
    }

    /// Index of the last piece whose view start satisfies `before` (which must hold for a
    /// prefix of the pieces, and for every piece starting before `v`'s block).
    fn last_before(&self, v: u32, before: impl Fn(u32) -> bool) -> Option<usize> {
        let w = self.view_window(v);
        let n = self.segs.get(w.clone())?.partition_point(|s| before(s.view));
        (w.start + n).checked_sub(1)
    }

    /// Input offset where the view's char at `v` starts (for a range start). Skipped input
    /// before `v` (deleted pinyin, chrome) is excluded.
    pub fn start(&self, v: usize) -> usize {
        let v = v as u32;
        if v >= self.view_len {
            return self.input_len as usize;
        }
        let Some(s) = self.last_before(v, |x| x <= v).and_then(|i| self.segs.get(i)) else { return 0 };
        (if s.linear { s.input + (v - s.view) } else { s.input }) as usize
    }

    /// View offset of the first view char whose input starts at or after input offset `i`:
    /// the inverse of [`OffsetMap::start`], for stages that are handed input offsets.
    pub fn view_of(&self, i: usize) -> usize {
        let i = i.min(u32::MAX as usize) as u32;
        // The first piece that ends after `i`; pieces are in input order.
        let b = (i >> BLOCK_BITS) as usize;
        let w = match (self.input_blocks.get(b), self.input_blocks.get(b + 1)) {
            (Some(&lo), Some(&hi)) => lo as usize..hi as usize,
            (Some(&lo), None) => lo as usize..self.segs.len(),
            _ => 0..self.segs.len(),
        };
        let k = w.start + self.segs.get(w).map_or(0, |p| p.partition_point(|s| s.input_end <= i));
        let Some(s) = self.segs.get(k) else { return self.view_len as usize };
        if i <= s.input {
            s.view as usize
        } else if s.linear {
            (s.view + (i - s.input)) as usize
        } else {
            // Inside a folded piece: the view char after it.
            self.segs.get(k + 1).map_or(self.view_len, |n| n.view) as usize
        }
    }

    /// Input offset just past the view's char ending at `v` (for a range end). Skipped input
    /// after it is excluded.
    pub fn end(&self, v: usize) -> usize {
        let v = v as u32;
        if v == 0 {
            return self.segs.first().map_or(0, |s| s.input) as usize;
        }
        let v = v.min(self.view_len);
        let Some(s) = self.last_before(v, |x| x < v).and_then(|i| self.segs.get(i)) else { return 0 };
        (if s.linear { s.input + (v - s.view) } else { s.input_end }) as usize
    }
}

/// The normalised view of one decoded input.
#[derive(Clone, Debug)]
pub struct Normalized<'a> {
    /// The decoded input every reported offset points into.
    pub input: &'a str,
    /// The view: simplified, width-folded, without pinyin noise or chrome lines.
    pub text: String,
    /// Script the input is printed in.
    pub script: Script,
    /// Input byte ranges of the lines recognised as page chrome (without their line break).
    pub chrome: Vec<Range<usize>>,
    /// The view of each chrome line (in the same order as `chrome`): meta reads dates there.
    pub chrome_text: Vec<String>,
    map: OffsetMap,
}

impl<'a> Normalized<'a> {
    /// The input byte range of the view range `r`.
    pub fn input_range(&self, r: Range<usize>) -> Range<usize> {
        let s = self.map.start(r.start);
        let e = if r.end <= r.start { s } else { self.map.end(r.end).max(s) };
        s..e
    }

    /// The input text of the view range `r` (as printed).
    pub fn input_slice(&self, r: Range<usize>) -> &'a str {
        let r = self.input_range(r);
        &self.input[r]
    }

    /// Input offset of a view offset (as a start).
    #[cfg(test)]
    pub fn input_offset(&self, v: usize) -> usize {
        self.map.start(v)
    }

    /// View offset of an input offset: the first view char that starts at or after it, on a
    /// char boundary of the view (so a stage may slice the view there).
    pub fn view_offset(&self, i: usize) -> usize {
        ceil_char(&self.text, self.map.view_of(i))
    }

    /// The input text of the view range `r` as printed (script and width kept), but without
    /// the noise the view dropped inside it (pinyin annotations, zero-width characters):
    /// "創(chuàng)新" → "創新". Titles are shown this way.
    pub fn printed(&self, r: Range<usize>) -> String {
        let mut out = String::new();
        let segs = &self.map.segs;
        if r.start >= r.end || segs.is_empty() {
            return out;
        }
        let (v0, v1) = (r.start as u32, r.end as u32);
        let mut i = self.map.last_before(v0, |x| x <= v0).unwrap_or(0);
        while let Some(s) = segs.get(i) {
            if s.view >= v1 {
                break;
            }
            let seg_view_end = segs.get(i + 1).map_or(self.map.view_len, |n| n.view);
            let piece = if s.linear {
                let a = s.input + v0.max(s.view) - s.view;
                let b = s.input + v1.min(seg_view_end) - s.view;
                a as usize..b as usize
            } else if v0 <= s.view {
                s.input as usize..s.input_end as usize
            } else {
                0..0
            };
            if let Some(t) = self.input.get(piece) {
                out.push_str(t);
            }
            i += 1;
        }
        out
    }
}

/// How the view treats one input character.
enum Fold {
    /// The view holds the character unchanged.
    Keep,
    /// The view holds another character of the same UTF-8 length (Traditional folded to
    /// Simplified, a tab to a space): offsets still map byte for byte.
    Same(char),
    /// The view holds another character of a different length (a full-width form).
    Other(char),
    /// The view drops the character.
    Drop,
}

/// Folds one character of the input to its view form.
fn fold(c: char) -> Fold {
    let f = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => return Fold::Drop,
        '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => '\n',
        _ => simplify(c),
    };
    if f == c {
        Fold::Keep
    } else if f.len_utf8() == c.len_utf8() {
        Fold::Same(f)
    } else {
        Fold::Other(f)
    }
}

/// For each character of the Basic Multilingual Plane, a set of [`HAN`], [`CHANGED`], [`GATE`]
/// and [`SIMPLIFIED`] bits. Derived from [`fold`] itself, so the fast path in [`fold_line`] cannot
/// disagree with it.
fn bmp_class() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Box<[u8]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        // This runs once per process (every CLI run pays for it), so each character is
        // folded once and the chrome test is a bit set rather than a walk of the pairs.
        let mut seconds = vec![0u64; 0x1_0000 / 64];
        for &(_, b) in &CHROME_PAIRS {
            let b = b as usize;
            if let Some(w) = seconds.get_mut(b / 64) {
                *w |= 1 << (b % 64);
            }
        }
        let gate = |v: char| {
            let v = v as usize;
            seconds.get(v / 64).is_some_and(|w| w & (1 << (v % 64)) != 0)
        };
        (0..0x1_0000u32)
            .map(|u| {
                let Some(c) = char::from_u32(u) else { return CHANGED };
                let (changed, view, simplified) = match fold(c) {
                    Fold::Keep => (0, Some(c), false),
                    Fold::Same(f) => (CHANGED, Some(f), c.len_utf8() == 3 && f == simplify(c)),
                    Fold::Other(f) => (CHANGED, Some(f), false),
                    Fold::Drop => (CHANGED, None, false),
                };
                changed
                    | if is_han(c) { HAN } else { 0 }
                    | if view.is_some_and(gate) { GATE } else { 0 }
                    | if simplified { SIMPLIFIED } else { 0 }
            })
            .collect()
    })
}

/// In [`bmp_class`]: a Han character.
const HAN: u8 = 1;
/// In [`bmp_class`]: folded, dropped or not a character; take the slow path.
const CHANGED: u8 = 2;
/// In [`bmp_class`]: its view form ends one of [`CHROME_PAIRS`].
const GATE: u8 = 4;
/// In [`bmp_class`]: a three-byte character the view holds as its [`simplify`]d form, of the
/// same length (Traditional script, half of the characters of some reports).
const SIMPLIFIED: u8 = 8;

/// Pairs of view characters of which every word that can make a line chrome (a header key, a
/// furniture word, a breadcrumb opening) holds one: a line without any of them needs no
/// chrome checks, which saves two searches per line of report text.
const CHROME_PAIRS: [(char, char); 25] = [
    ('布', '时'),
    ('布', '日'),
    ('布', '机'),
    ('来', '源'),
    ('索', '引'),
    ('供', '日'),
    ('浏', '览'),
    ('点', '击'),
    ('体', '裁'),
    ('文', '日'),
    ('分', '享'),
    ('打', '印'),
    ('闭', '窗'),
    ('P', '备'),
    ('安', '备'),
    ('一', '扫'),
    ('识', '码'),
    ('新', '闻'),
    ('链', '接'),
    ('字', '体'),
    ('顶', '部'),
    ('位', '置'),
    ('首', '页'),
    ('关', '闭'),
    ('一', '篇'),
];

/// True when the view characters `a` then `b` are one of [`CHROME_PAIRS`]. Written out as a
/// match on the second character (which a test keeps equal to the list) because it runs for
/// every common character such as 时 or 部.
fn chrome_pair(a: u32, b: u32) -> bool {
    let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) else { return false };
    match b {
        '时' | '机' => a == '布',
        '日' => matches!(a, '布' | '供' | '文'),
        '源' => a == '来',
        '引' => a == '索',
        '览' => a == '浏',
        '击' => a == '点',
        '裁' => a == '体',
        '享' => a == '分',
        '印' => a == '打',
        '窗' => a == '闭',
        '备' => matches!(a, 'P' | '安'),
        '扫' | '篇' => a == '一',
        '码' => a == '识',
        '闻' => a == '新',
        '接' => a == '链',
        '体' => a == '字',
        '部' => a == '顶',
        '置' => a == '位',
        '页' => a == '首',
        '闭' => a == '关',
        _ => false,
    }
}

/// Letters that appear in pinyin annotations (with tone marks).
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".contains(c)
}

/// If `rest` starts with a pinyin annotation like "(chuàng)", its byte length.
pub(crate) fn pinyin_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, open) = chars.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut toned = false;
    for (letters, (i, c)) in chars.enumerate() {
        if c == ')' || c == '）' {
            // Un-toned words are only accepted when short: "(de)" yes, "(abc)" in prose no.
            return (letters > 0 && (toned || letters <= 3)).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters >= 7 {
            return None;
        }
        toned |= !c.is_ascii();
    }
    None
}

/// Header keys of a page ("发布时间：…", "索引号：…"); a line holding one is a page header.
const HEADER_KEYS: [&str; 10] = [
    "发布时间",
    "发布日期",
    "信息来源",
    "发布机构",
    "索引号",
    "信息提供日期",
    "浏览次数",
    "点击数",
    "体裁分类",
    "成文日期",
];

/// Words of web-page furniture (share and print links, site identifiers). The first seven
/// never occur in report text; the rest only count on a line of their own or at the end of a
/// very long one.
const FURNITURE: [&str; 16] = [
    "分享到",
    "打印本页",
    "关闭窗口",
    "ICP备",
    "公网安备",
    "扫一扫",
    "网站标识码",
    "相关新闻",
    "相关链接",
    "字体:[",
    "【打印】",
    "【关闭】",
    "上一篇",
    "下一篇",
    "返回顶部",
    "当前位置",
];
/// How many of [`FURNITURE`] (the first ones) never occur in report text.
const STRONG_FURNITURE: usize = 7;

/// True for a line of web-page furniture rather than report text. `line` is in the view.
pub fn is_chrome_line(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '·' || c == '•');
    if t.is_empty() {
        return false;
    }
    if !t.starts_with("首页") && !chrome_words().is_match(t) {
        return false; // the common case, decided by one search
    }
    // Furniture is short (at most 300 characters below) and never holds a sentence; a line
    // that does is report text with chrome glued on (see `inline_chrome`). Counting stops
    // early so that a megabyte-long line costs nothing more here.
    let n = t.chars().take(301).count();
    if n > 300 || t.contains('。') {
        return false;
    }
    if n <= 200 && t.starts_with("首页") && (t.contains('>') || t.contains('»') || t.contains('/')) {
        return true;
    }
    // A header line starts with its keys; a title with a header glued on is not chrome (its
    // header is cut out by `inline_chrome`).
    let first_key = HEADER_KEYS.iter().filter_map(|k| t.find(k)).min();
    if let Some(k) = first_key {
        let before = &t[..k];
        if n <= 160 && (before.chars().count() <= 12 || before.contains(':')) {
            return true;
        }
    }
    n <= 300 && FURNITURE.iter().any(|k| t.contains(k))
}

/// Any header key or furniture word.
fn chrome_words() -> &'static crate::pattern::Pattern {
    static RE: std::sync::OnceLock<crate::pattern::Pattern> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let words: Vec<String> =
            HEADER_KEYS.iter().chain(FURNITURE.iter()).map(|w| crate::pattern::escape(w)).collect();
        crate::pattern::Pattern::new(&words.join("|")).expect("valid regex")
    })
}

/// What a breadcrumb's items are separated by (in the view, where "＞" is ">").
const CRUMB_SEPARATORS: [char; 4] = ['>', '»', '→', '›'];

/// Words that open a breadcrumb ("您当前的位置：首页 > …").
const CRUMB_OPENERS: [&str; 7] =
    ["首页", "当前位置", "您的位置", "您当前的位置", "您当前位置", "您现在的位置", "现在位置"];

/// Characters of a line read for a breadcrumb's "首页" behind a site's name ("法制查询首页→…").
const CRUMB_LEAD: usize = 30;

/// True when `t` (a line of the view, trimmed) opens with a breadcrumb: one of
/// [`CRUMB_OPENERS`], or "首页" and a separator within its first [`CRUMB_LEAD`] characters.
fn crumb_start(t: &str) -> bool {
    if CRUMB_OPENERS.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    let head = &t[..floor_char(t, CRUMB_LEAD * 3)];
    head.find("首页").is_some_and(|i| head[i + "首页".len()..].trim_start().starts_with(CRUMB_SEPARATORS))
}

/// A page-header key and its colon ("发布时间 : ").
fn header_run_regex() -> &'static crate::pattern::Pattern {
    static RE: std::sync::OnceLock<crate::pattern::Pattern> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        crate::pattern::Pattern::new(
            r"(?:信息提供日期|信息来源|信息索引号|发布时间|发布日期|发布机构|成文日期|索引号|浏览次数|点击数|体裁分类|主题分类|字体|来源) {0,8}: {0,8}",
        )
        .expect("valid regex")
    })
}

/// A page-header date value, with its time ("2023-12-27 10:44:54").
fn header_date_regex() -> &'static crate::pattern::Pattern {
    static RE: std::sync::OnceLock<crate::pattern::Pattern> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        crate::pattern::Pattern::new(r"^[0-9]{4} {0,8}[-/.年] {0,8}[0-9]{1,2} {0,8}[-/.月] {0,8}[0-9]{1,2}日?(?: {0,8}[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
            .expect("valid regex")
    })
}

/// Page chrome inside a line that also holds report text — what is left of a web page whose
/// line breaks were lost: a leading breadcrumb ("首页 > … > …"), a page-header run
/// ("信息来源:… 发布时间:2023-12-27 10:44:54") near the start or after the last sentence, and
/// share/print/ICP furniture after the last sentence. Returns sorted, disjoint byte ranges of
/// `line` (a line of the view).
pub fn inline_chrome(line: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    let crumb = crumb_start(t);
    if !crumb && !chrome_words().is_match(t) {
        return out;
    }
    // Breadcrumb: through the last separator, and the last crumb up to the next space.
    if crumb {
        let window = &t[..floor_char(t, 400)];
        if let Some(sep) = window.rfind(CRUMB_SEPARATORS) {
            let after = after_char(t, sep);
            let rest = &t[after..];
            let item = rest.trim_start();
            let item_at = after + rest.len() - item.len();
            // The last crumb ends at a space, at a header key, or after a first "报告" when
            // the page's own title runs on right after it.
            let stop =
                [item.find(' '), HEADER_KEYS.iter().filter_map(|k| item.find(k)).min()].into_iter().flatten().min();
            let stop = match (stop, item.find("报告")) {
                (Some(sp), Some(r)) if r + "报告".len() < sp => Some(r + "报告".len()),
                (None, Some(r)) => Some(r + "报告".len()),
                (sp, _) => sp,
            };
            let end = match stop {
                Some(sp) if item[..sp].chars().count() <= 40 => item_at + sp,
                _ => item_at,
            };
            out.push(lead..lead + end);
        }
    }
    // Header runs: key-value pairs; kept only when they hold a date or an index number.
    let last_stop = line.rfind(is_sentence_mark).map_or(0, |i| after_char(line, i));
    let keys: Vec<crate::pattern::Match> = header_run_regex().find_iter(line).collect();
    let mut k = 0;
    while k < keys.len() {
        let run_start = keys[k].start();
        let mut run_end = keys[k].end();
        let mut strong = false;
        while k < keys.len() && keys[k].start() <= run_end + 2 {
            let key = keys[k].as_str();
            let v = keys[k].end();
            let next_key = keys.get(k + 1).map_or(line.len(), |m| m.start());
            let value_end = if let Some(m) = header_date_regex().find(&line[v..]) {
                strong |= key.contains("日期") || key.contains("时间");
                v + m.end()
            } else if key.starts_with("字体") {
                let rest = &line[v..];
                let close = rest.find([']', '】']).filter(|&i| i <= 30).map(|i| after_char(rest, i));
                v + close.unwrap_or_else(|| rest.find(' ').unwrap_or(0))
            } else {
                strong |= key.contains("索引号");
                v + header_value_len(&line[v..next_key])
            };
            run_end = value_end.max(keys[k].end());
            k += 1;
        }
        let near_start = run_start <= lead + 1200;
        if strong && (near_start || run_start >= last_stop) {
            out.push(run_start..run_end);
        }
    }
    // Furniture after the last sentence of a long line.
    if last_stop > 0 {
        let tail = &line[last_stop..];
        let long = line.chars().nth(199).is_some();
        let first = FURNITURE
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < STRONG_FURNITURE || long)
            .filter_map(|(_, k)| tail.find(k))
            .min();
        if let Some(f) = first {
            out.push(last_stop + f..line.len());
        }
    }
    crate::order::by_offset(&mut out, |r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged.retain(|r| r.start < r.end && line.is_char_boundary(r.start) && line.is_char_boundary(r.end));
    merged
}

/// Length of a header value at the start of `rest` ("zfbgs/1709106926871", "区政府办公室"):
/// an ASCII run, or up to a space (at most 20 chars). An ASCII run glued to a year that opens
/// the report ("…6871" + "2023年") gives the year back.
fn header_value_len(rest: &str) -> usize {
    let ascii = rest.bytes().take_while(|b| b.is_ascii_graphic()).count();
    if ascii > 0 {
        let run = &rest[..ascii];
        let glued_year = rest[ascii..].starts_with('年')
            && run.len() > 4
            && run[run.len() - 4..].bytes().all(|b| b.is_ascii_digit())
            && (run[run.len() - 4..].starts_with("19") || run[run.len() - 4..].starts_with("20"));
        return if glued_year { ascii - 4 } else { ascii };
    }
    let e = rest.find(' ').unwrap_or(rest.len());
    e.min(floor_char(rest, rest.char_indices().nth(20).map_or(rest.len(), |(i, _)| i)))
}

/// What [`fold_line`] saw in a line.
#[derive(Clone, Copy, Debug, Default)]
struct LineFold {
    /// Han characters.
    han: usize,
    /// Han characters folded to another form (Traditional ones).
    traditional: usize,
    /// The line's view holds one of [`CHROME_PAIRS`], so it may be chrome.
    chrome_hint: bool,
}

/// Folds `input[range]` into the view, replacing each input range of `cut` (sorted, inside
/// `range`) by a line break.
///
/// Runs of input that the view keeps unchanged are copied whole, and runs that map byte for
/// byte go into `map` as one piece: this loop sees every byte of every report.
fn fold_line(
    input: &str,
    range: Range<usize>,
    cut: &[Range<usize>],
    text: &mut String,
    map: &mut OffsetMap,
) -> LineFold {
    let bytes = input.as_bytes();
    let class = bmp_class();
    let end = range.end.min(input.len());
    let mut seen = LineFold::default();
    let mut prev_han = false;
    // The last view character, for the chrome pairs.
    let mut prev: u32 = 0;
    let mut ci = 0;
    let mut i = range.start;
    // Input in `copied..i` is in the view unchanged but not yet appended to `text`; input in
    // `mapped..i` maps byte for byte but is not yet in `map`.
    let (mut copied, mut mapped) = (i, i);
    macro_rules! flush {
        () => {{
            text.push_str(&input[copied..i]);
            if mapped < i {
                map.push(mapped..i, i - mapped);
            }
        }};
    }
    while i < end {
        let next_cut = cut.get(ci).map_or(end, |c| c.start);
        if i >= next_cut {
            flush!();
            if let Some(c) = cut.get(ci) {
                text.push('\n');
                map.push(c.clone(), 1);
                i = c.end.max(i + 1).min(end);
            }
            while i < end && !input.is_char_boundary(i) {
                i += 1;
            }
            ci += 1;
            prev_han = false;
            prev = u32::from(b'\n');
            (copied, mapped) = (i, i);
            continue;
        }
        // The common cases, in one tight loop: ASCII and three-byte characters (all of the CJK
        // blocks) that the view keeps as they are or as their Simplified form.
        let stop = next_cut.min(end);
        while i < stop {
            let b0 = bytes[i];
            if b0 < 0x80 {
                if matches!(b0, b'\t' | b'\r' | 0x0B | 0x0C | b'(' | b'?') {
                    break;
                }
                prev_han = false;
                prev = u32::from(b0);
                i += 1;
            } else if b0 & 0xF0 == 0xE0 && i + 3 <= stop {
                let u =
                    u32::from(b0 & 0x0F) << 12 | u32::from(bytes[i + 1] & 0x3F) << 6 | u32::from(bytes[i + 2] & 0x3F);
                let k = class.get(u as usize).copied().unwrap_or(CHANGED);
                let mut view = u;
                if k & CHANGED != 0 {
                    if k & SIMPLIFIED == 0 {
                        break;
                    }
                    // Traditional script: the Simplified form, of the same length, so the
                    // offsets still map byte for byte.
                    let Some(f) = char::from_u32(u).map(simplify) else { break };
                    text.push_str(&input[copied..i]);
                    text.push(f);
                    copied = i + 3;
                    seen.traditional += usize::from(k & HAN);
                    view = f as u32;
                }
                if k & GATE != 0 && chrome_pair(prev, view) {
                    seen.chrome_hint = true;
                }
                prev_han = k & HAN != 0;
                seen.han += usize::from(k & HAN);
                prev = view;
                i += 3;
            } else {
                break;
            }
        }
        if i >= stop {
            continue;
        }
        let Some(c) = input.get(i..end).and_then(|r| r.chars().next()) else { break };
        if prev_han && (c == '(' || c == '（') {
            if let Some(n) = pinyin_len(&input[i..end]) {
                flush!();
                i += n;
                (copied, mapped) = (i, i);
                continue;
            }
        }
        // A "?" between Han characters (or after a heading's closing bracket) stands for a
        // character a converter could not write ("推?法治", "(一)?习"): a question mark is
        // full-width in Chinese text. It is no sentence end.
        let after_word = prev_han || char::from_u32(prev).is_some_and(|p| matches!(p, ')' | '”' | '」' | '』'));
        if after_word && c == '?' && input[i + 1..end].chars().next().is_some_and(is_han) {
            flush!();
            text.push(LOST);
            map.push(i..i + 1, LOST.len_utf8());
            i += 1;
            (copied, mapped) = (i, i);
            prev_han = false;
            prev = LOST as u32;
            continue;
        }
        let w = c.len_utf8();
        prev_han = is_han(c);
        let view = match fold(c) {
            Fold::Keep => {
                seen.han += usize::from(prev_han);
                c
            }
            Fold::Same(f) => {
                text.push_str(&input[copied..i]);
                text.push(f);
                copied = i + w;
                seen.han += usize::from(prev_han);
                seen.traditional += usize::from(prev_han);
                f
            }
            Fold::Other(f) => {
                flush!();
                text.push(f);
                map.push(i..i + w, f.len_utf8());
                copied = i + w;
                mapped = i + w;
                seen.han += usize::from(prev_han);
                seen.traditional += usize::from(prev_han);
                f
            }
            Fold::Drop => {
                flush!();
                copied = i + w;
                mapped = i + w;
                i += w;
                continue;
            }
        };
        if class.get(c as usize).is_none_or(|k| k & GATE != 0) && chrome_pair(prev, view as u32) {
            seen.chrome_hint = true;
        }
        prev = view as u32;
        i += w;
    }
    flush!();
    seen
}

/// What the view holds for a character lost in the input ("推?法治").
pub const LOST: char = '\u{FFFD}';

/// Most marks of lost characters that open a line as noise.
const LOST_PREFIX: usize = 4;

/// The byte range (in `line`) of marks of lost characters opening it, after its indentation:
/// a mirror that cannot write some character (the indentation of every paragraph, often)
/// prints "?" for it, so that every line starts "??一、…" and no heading is seen. One to
/// [`LOST_PREFIX`] of "?", "？" or U+FFFD before a Han character, a digit or letter ("??2031年"),
/// or an opening bracket or quote, perhaps after indentation; the view drops them.
fn lost_prefix(line: &str) -> Option<Range<usize>> {
    let lead = line.len() - line.trim_start_matches([' ', '\t', '\u{3000}', '\u{A0}']).len();
    let rest = &line[lead..];
    let n: usize = rest.chars().take_while(|&c| matches!(c, '?' | '？' | '\u{FFFD}')).take(LOST_PREFIX + 1).count();
    if n == 0 || n > LOST_PREFIX {
        return None;
    }
    let len: usize = rest.chars().take(n).map(char::len_utf8).sum();
    // The marks may stand before the line's indentation too ("?　（一）…").
    let next = rest[len..].trim_start_matches([' ', '\t', '\u{3000}', '\u{A0}']).chars().next()?;
    (is_han(next) || next.is_ascii_alphanumeric() || matches!(next, '(' | '（' | '【' | '“' | '《'))
        .then_some(lead..lead + len)
}

/// Normalises decoded input text into the matching view.
pub fn normalize(input: &str) -> Normalized<'_> {
    let mut text = String::with_capacity(input.len());
    let mut map = OffsetMap { input_len: input.len() as u32, ..OffsetMap::default() };
    let mut chrome = Vec::new();
    let mut chrome_text = Vec::new();
    let (mut han, mut traditional) = (0usize, 0usize);

    let mut line_start = 0;
    while line_start < input.len() {
        let line_end = input[line_start..].find('\n').map_or(input.len(), |i| line_start + i);
        let view_mark = text.len();
        let seg_mark = map.segs.len();
        let view_len_mark = map.view_len;
        // The line's first piece may be merged into the previous segment; keep a copy so the
        // line can be undone exactly.
        let last_seg_mark = map.segs.last().copied();
        let undo = |text: &mut String, map: &mut OffsetMap| {
            text.truncate(view_mark);
            map.segs.truncate(seg_mark);
            if let (Some(last), Some(mark)) = (map.segs.last_mut(), last_seg_mark) {
                *last = mark;
            }
            map.view_len = view_len_mark;
        };

        let lost = lost_prefix(&input[line_start..line_end]).map(|r| line_start + r.start..line_start + r.end);
        let fold = |cuts: &[Range<usize>], text: &mut String, map: &mut OffsetMap| match lost.clone() {
            Some(r) => {
                let a = fold_line(input, line_start..r.start, &[], text, map);
                let cuts: Vec<Range<usize>> = cuts.iter().filter(|c| c.start >= r.end).cloned().collect();
                let b = fold_line(input, r.end..line_end, &cuts, text, map);
                LineFold { han: a.han + b.han, traditional: a.traditional + b.traditional, chrome_hint: b.chrome_hint }
            }
            None => fold_line(input, line_start..line_end, cuts, text, map),
        };
        let mut counts = fold(&[], &mut text, &mut map);
        if !counts.chrome_hint {
            // Plain report text: nothing to check.
        } else if is_chrome_line(&text[view_mark..]) {
            chrome.push(line_start..line_end);
            chrome_text.push(text[view_mark..].to_string());
            undo(&mut text, &mut map);
            counts = LineFold::default();
        } else {
            let cuts = inline_chrome(&text[view_mark..]);
            if !cuts.is_empty() {
                let inputs: Vec<Range<usize>> = cuts
                    .iter()
                    .map(|r| map.start(view_mark + r.start)..map.end(view_mark + r.end))
                    .filter(|r| r.start < r.end)
                    .collect();
                for (r, v) in inputs.iter().zip(&cuts) {
                    chrome.push(r.clone());
                    chrome_text.push(text[view_mark + v.start..view_mark + v.end].to_string());
                }
                undo(&mut text, &mut map);
                counts = fold(&inputs, &mut text, &mut map);
            }
        }
        han += counts.han;
        traditional += counts.traditional;
        if line_end < input.len() {
            text.push('\n');
            map.push(line_end..line_end + 1, 1);
        }
        line_start = line_end + 1;
    }

    // A simplified report may still hold a few characters the table folds (variants, names);
    // call it Traditional only when they are a real share of the Han text.
    let script = if traditional >= 20 && traditional * 20 >= han { Script::Traditional } else { Script::Simplified };
    map.index();
    Normalized { input, text, script, chrome, chrome_text, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_noise_is_removed_and_offsets_still_point_into_input() {
        let input = "科技創(chuàng)新5項";
        let n = normalize(input);
        assert_eq!(n.text, "科技创新5项");
        let at = n.text.find('5').unwrap();
        assert_eq!(n.input_slice(at..n.text.len()), "5項");
        assert_eq!(n.input_slice(0..n.text.find('新').unwrap() + 3), "科技創(chuàng)新");
        assert_eq!(n.script, Script::Simplified); // too few characters to call it Traditional
    }

    #[test]
    fn full_width_forms_fold_and_map_back() {
        let input = "（一）共１２３件，";
        let n = normalize(input);
        assert_eq!(n.text, "(一)共123件,");
        let s = n.text.find('1').unwrap();
        let e = n.text.find(',').unwrap();
        assert_eq!(n.input_slice(s..e), "１２３件");
    }

    #[test]
    fn chrome_lines_are_dropped_from_the_view() {
        let input = "首页 > 政务公开 > 报告\n正文第一段。\n分享到:\n";
        let n = normalize(input);
        assert_eq!(n.text, "\n正文第一段。\n\n");
        assert_eq!(n.chrome.len(), 2);
        assert_eq!(&input[n.chrome[1].clone()], "分享到:");
        let s = n.text.find('正').unwrap();
        assert_eq!(n.input_slice(s..s + 3), "正");
    }

    #[test]
    fn offsets_after_a_chrome_line_stay_exact() {
        let input = "标题\n发布时间:2023-12-27 10:44:54\n正文第二段共5项。";
        let n = normalize(input);
        let s = n.text.find('5').unwrap();
        assert_eq!(n.input_slice(s..s + "5项".len()), "5项");
        let s = n.text.find('标').unwrap();
        assert_eq!(n.input_slice(s..s + "标题".len()), "标题");
    }

    #[test]
    fn printed_keeps_script_and_drops_pinyin() {
        let input = "（一）科技創(chuàng)新，";
        let n = normalize(input);
        assert_eq!(n.text, "(一)科技创新,");
        let s = n.text.find('科').unwrap();
        assert_eq!(n.printed(s..n.text.len()), "科技創新，");
        assert_eq!(n.printed(0..n.text.find('科').unwrap()), "（一）");
        assert_eq!(n.printed(3..3), "");
    }

    #[test]
    fn chrome_glued_to_report_text_is_cut_out() {
        let input =
            "首页 > 政务公开 > 年度报告某区2030年法治政府建设年度报告信息来源：区司法局发布时间：2031-01-15 09:30:00\
2030年，某区完善制度12项。一、工作成效。分享到：【打印本页】粤ICP备0000号";
        let n = normalize(input);
        assert_eq!(n.text, "\n某区2030年法治政府建设年度报告\n2030年,某区完善制度12项。一、工作成效。\n");
        let pieces: Vec<&str> = n.chrome.iter().map(|r| &input[r.clone()]).collect();
        assert_eq!(
            pieces,
            [
                "首页 > 政务公开 > 年度报告",
                "信息来源：区司法局发布时间：2031-01-15 09:30:00",
                "分享到：【打印本页】粤ICP备0000号"
            ]
        );
        assert!(n.chrome_text[1].contains("2031-01-15"));
        let s = n.text.find("12项").unwrap();
        assert_eq!(n.input_slice(s..s + "12项".len()), "12项");
    }

    #[test]
    fn breadcrumbs_behind_other_openers_are_cut_out_of_a_joined_line() {
        for (input, rest) in [
            ("您当前的位置: 首页>政务公开>年度报告 > 2030年法治政府建设年度报告青石区司法局2030年度法治政府建设情况报告2030年,青石区推进依法行政。", "青石区司法局2030年度法治政府建设情况报告2030年,青石区推进依法行政。"),
            ("法制查询首页→ 公告 青石市人民政府关于2030年度法治政府建设情况的报告", "青石市人民政府关于2030年度法治政府建设情况的报告"),
        ] {
            let n = normalize(input);
            assert!(n.text.trim_start().starts_with(rest), "{input} → {:?}", n.text);
        }
        // "首页" in running text opens no breadcrumb.
        assert!(inline_chrome("我们建好首页,完善栏目。").is_empty());
    }

    #[test]
    fn report_text_is_not_taken_for_chrome() {
        // Header words inside sentences, a long line, a title with a header glued on.
        for line in [
            "资金来源:财政拨款。共3项。",
            "本报告所附相关链接已核实。",
            "某区2030年法治政府建设年度报告 发布时间:2031-01-15",
        ] {
            assert!(!is_chrome_line(line), "{line}");
        }
        assert!(inline_chrome("资金来源:财政拨款。共3项。").is_empty());
        let n = normalize("某区2030年法治政府建设年度报告 发布时间:2031-01-15");
        assert_eq!(n.text.trim(), "某区2030年法治政府建设年度报告");
        assert!(is_chrome_line("发布时间: 2031-02-28 发布机构:政府办公室 字体:[大 中 小]"));
        assert!(is_chrome_line("体裁分类:其他文件 索引号:abc/123"));
    }

    #[test]
    fn an_index_number_glued_to_the_opening_year_gives_the_year_back() {
        let n = normalize("发布时间:2031-02-28 索引号:zfb/17091069268712030年以来,某区坚持依法行政。");
        assert_eq!(n.text.trim(), "2030年以来,某区坚持依法行政。");
    }

    #[test]
    fn marks_of_lost_characters_opening_a_line_are_noise() {
        let input = "??一、加強領導\n??(一)健全制度。內容?多。\n？？二、完善\n?\n??? 問題\n??2031年,將\n";
        let n = normalize(input);
        assert_eq!(n.text, "一、加强领导\n(一)健全制度。内容\u{FFFD}多。\n二、完善\n?\n 问题\n2031年,将\n");
        let at = n.text.find("(一)").unwrap_or(0);
        assert_eq!(n.input_slice(at..at + "(一)".len()), "(一)");
        assert_eq!(n.input_slice(0.."一、".len()), "一、");
        // Indentation before the marks stays; after them it is indentation still.
        assert_eq!(normalize("  ??一、甲").text, "  一、甲");
        assert_eq!(normalize("?\u{3000}（一）甲").text, " (一)甲");
    }

    #[test]
    fn a_lost_character_between_han_is_no_question_mark() {
        let input = "统筹推?法治政府建设。是否可行?\n问题?";
        let n = normalize(input);
        assert_eq!(n.text, "统筹推\u{FFFD}法治政府建设。是否可行?\n问题?");
        assert_eq!(normalize("（一）?习宣传").text, "(一)\u{FFFD}习宣传");
        let at = n.text.find('法').unwrap_or(0);
        assert_eq!(n.input_slice(0..at), "统筹推?");
        assert_eq!(n.printed(0..at), "统筹推?");
    }

    #[test]
    fn parenthesised_words_are_not_pinyin() {
        let n = normalize("乡镇(街道)和机构(试行)及(a1)");
        assert_eq!(n.text, "乡镇(街道)和机构(试行)及(a1)");
    }

    #[test]
    fn every_chrome_word_holds_a_chrome_pair() {
        for w in HEADER_KEYS.iter().chain(&FURNITURE).chain(&CRUMB_OPENERS) {
            let cs: Vec<char> = w.chars().collect();
            assert!(cs.windows(2).any(|p| chrome_pair(p[0] as u32, p[1] as u32)), "{w}");
        }
        // The match agrees with the list.
        let seconds: Vec<char> = CHROME_PAIRS.iter().map(|p| p.1).collect();
        for a in '\0'..='\u{FFFF}' {
            for &b in &seconds {
                assert_eq!(chrome_pair(a as u32, b as u32), CHROME_PAIRS.contains(&(a, b)), "{a}{b}");
            }
        }
        assert!(!chrome_pair('布' as u32, '行' as u32));
        // Also when the pair is split by noise the view drops, or printed in Traditional.
        let n = normalize("正文。\n發\u{200B}佈時間：2031-01-15\n");
        assert_eq!(n.chrome.len(), 1);
    }

    #[test]
    fn the_search_index_agrees_with_a_plain_search() {
        let unit = "（一）科技創(chuàng)新，共１２項\u{200B}。發佈時間：2031-01-15\n首页 > 公开\n普通文字12件。";
        let input = unit.repeat(40);
        let n = normalize(&input);
        let mut plain = n.map.clone();
        plain.view_blocks.clear();
        plain.input_blocks.clear();
        for v in 0..=n.text.len() + 1 {
            assert_eq!(n.map.start(v), plain.start(v), "start {v}");
            assert_eq!(n.map.end(v), plain.end(v), "end {v}");
        }
        for i in 0..=input.len() + 1 {
            assert_eq!(n.map.view_of(i), plain.view_of(i), "view_of {i}");
        }
    }

    #[test]
    fn empty_input() {
        let n = normalize("");
        assert_eq!(n.text, "");
        assert_eq!(n.input_range(0..0), 0..0);
    }

    #[test]
    fn view_offsets_invert_input_offsets() {
        let input = "（一）共１２３件，受理";
        let v = normalize(input);
        let i = input.find('１').unwrap();
        let at = v.view_offset(i);
        assert_eq!(&v.text[at..at + 3], "123");
        assert_eq!(v.view_offset(input.len()), v.text.len());
    }

    #[test]
    fn view_offsets_agree_with_a_search_over_input_offsets() {
        let input = "首页 > 报告\n創(chuàng)新（一）共１２３件，受理\n分享到:\n尾";
        let v = normalize(input);
        for i in (0..=input.len()).filter(|&i| input.is_char_boundary(i)) {
            // The smallest view char boundary whose input offset is at or after `i`.
            let want = (0..=v.text.len())
                .filter(|&x| v.text.is_char_boundary(x))
                .find(|&x| v.input_offset(x) >= i)
                .unwrap_or(v.text.len());
            assert_eq!(v.view_offset(i), want, "input offset {i}");
        }
    }
}
