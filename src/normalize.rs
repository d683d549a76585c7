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
}

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

    /// Input offset where the view's char at `v` starts (for a range start). Skipped input
    /// before `v` (deleted pinyin, chrome) is excluded.
    pub fn start(&self, v: usize) -> usize {
        let v = v as u32;
        if v >= self.view_len {
            return self.input_len as usize;
        }
        let i = self.segs.partition_point(|s| s.view <= v) - 1;
        let s = self.segs[i];
        (if s.linear { s.input + (v - s.view) } else { s.input }) as usize
    }

    /// Input offset just past the view's char ending at `v` (for a range end). Skipped input
    /// after it is excluded.
    pub fn end(&self, v: usize) -> usize {
        let v = v as u32;
        if v == 0 {
            return self.segs.first().map_or(0, |s| s.input) as usize;
        }
        let v = v.min(self.view_len);
        let i = self.segs.partition_point(|s| s.view < v) - 1;
        let s = self.segs[i];
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
    pub fn input_offset(&self, v: usize) -> usize {
        self.map.start(v)
    }
}

/// Folds one character of the input to its view form; `None` drops it.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => return None,
        '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => '\n',
        _ => simplify(c),
    })
}

/// Letters that appear in pinyin annotations (with tone marks).
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".contains(c)
}

/// If `rest` starts with a pinyin annotation like "(chuàng)", its byte length.
fn pinyin_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, open) = chars.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut letters = 0;
    let mut toned = false;
    for (i, c) in chars {
        if c == ')' || c == '）' {
            // Un-toned words are only accepted when short: "(de)" yes, "(abc)" in prose no.
            return (letters > 0 && (toned || letters <= 3)).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters >= 7 {
            return None;
        }
        toned |= !c.is_ascii();
        letters += 1;
    }
    None
}

/// True for a line of web-page furniture rather than report text. `line` is in the view.
pub fn is_chrome_line(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '·' || c == '•');
    if t.is_empty() {
        return false;
    }
    let n = t.chars().count();
    if t.starts_with("首页") && (t.contains('>') || t.contains('»') || t.contains('/')) {
        return true;
    }
    const HEADER_KEYS: [&str; 8] =
        ["发布时间", "发布日期", "信息来源", "发布机构", "索引号", "信息提供日期", "浏览次数", "点击数"];
    if n <= 160 && HEADER_KEYS.iter().filter(|k| t.contains(*k)).count() >= 1 && !t.ends_with('。') {
        return true;
    }
    const FURNITURE: [&str; 16] = [
        "分享到", "打印本页", "关闭窗口", "ICP备", "公网安备", "扫一扫", "网站标识码", "相关新闻",
        "相关链接", "字体:[", "【打印】", "【关闭】", "上一篇", "下一篇", "返回顶部", "当前位置",
    ];
    n <= 300 && !t.ends_with('。') && FURNITURE.iter().any(|k| t.contains(k))
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

        let line = &input[line_start..line_end];
        let mut prev_han = false;
        let mut i = 0;
        while i < line.len() {
            let rest = &line[i..];
            let Some(c) = rest.chars().next() else { break };
            if prev_han {
                if let Some(n) = pinyin_len(rest) {
                    i += n;
                    continue;
                }
            }
            let at = line_start + i;
            i += c.len_utf8();
            prev_han = is_han(c);
            let Some(f) = fold(c) else { continue };
            if prev_han {
                han += 1;
                traditional += (f != c) as usize;
            }
            text.push(f);
            map.push(at..at + c.len_utf8(), f.len_utf8());
        }

        if is_chrome_line(&text[view_mark..]) {
            chrome.push(line_start..line_end);
            chrome_text.push(text[view_mark..].to_string());
            text.truncate(view_mark);
            map.segs.truncate(seg_mark);
            map.view_len = view_len_mark;
        }
        if line_end < input.len() {
            text.push('\n');
            map.push(line_end..line_end + 1, 1);
        }
        line_start = line_end + 1;
    }

    // A simplified report may still hold a few characters the table folds (variants, names);
    // call it Traditional only when they are a real share of the Han text.
    let script = if traditional >= 20 && traditional * 20 >= han { Script::Traditional } else { Script::Simplified };
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
    fn parenthesised_words_are_not_pinyin() {
        let n = normalize("乡镇(街道)和机构(试行)及(a1)");
        assert_eq!(n.text, "乡镇(街道)和机构(试行)及(a1)");
    }

    #[test]
    fn empty_input() {
        let n = normalize("");
        assert_eq!(n.text, "");
        assert_eq!(n.input_range(0..0), 0..0);
    }
}
