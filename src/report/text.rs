//! Text helpers of the report view: source blocks, the sentence to highlight, export file
//! names. (Numbers are written by the core's `fazhi_lens::format::number`.)
//!
//! Everything here takes arbitrary offsets and text and never panics: offsets from an old
//! report, or past the end, are clamped to char boundaries first.

/// The largest char boundary of `text` that is `<= at`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text` cut into blocks: byte ranges, each ending at the first line end once it holds `size`
/// bytes (or at the end of the text). They cover the text; an empty text is one empty block.
pub fn line_blocks(text: &str, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let full = start.saturating_add(size.max(1)).min(text.len());
        // A byte search: `\n` never occurs inside a UTF-8 sequence, so every cut is a char boundary.
        let end = text.as_bytes()[full..].iter().position(|&b| b == b'\n').map_or(text.len(), |p| full + p + 1);
        out.push((start, end));
        start = end;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

/// Characters that end a sentence for highlighting purposes (a line break ends one too, so a
/// highlight never runs from a heading into the paragraph below it).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// How far, in chars, a highlight may reach beyond the figure on either side; keeps a click
/// cheap on text without punctuation.
const REACH: usize = 300;

/// The sentence holding `start..end`: from just after the previous sentence end to just after
/// the next one (the "。" is included, a line break is not). Leading spaces are dropped.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end.max(start));
    let mut from = start;
    for (i, c) in text[..start].char_indices().rev().take(REACH) {
        if ends_sentence(c) {
            break;
        }
        from = i;
    }
    let mut to = end;
    for (i, c) in text[end..].char_indices().take(REACH) {
        if c == '\n' {
            break;
        }
        to = end + i + c.len_utf8();
        if ends_sentence(c) {
            break;
        }
    }
    let trimmed = text[from..to].trim_start();
    (to - trimmed.len(), to)
}

/// The line starting at `start` (a heading), without its line break.
pub fn line_from(text: &str, start: usize) -> (usize, usize) {
    let start = floor_boundary(text, start);
    let end = text[start..]
        .char_indices()
        .take(REACH)
        .find(|&(_, c)| c == '\n' || c == '\r')
        .map_or_else(|| floor_boundary(text, start + REACH * 4).max(start), |(i, _)| start + i);
    (start, end)
}

/// A file name stem for exports ("某某区2024"), without characters file systems reject.
pub fn file_stem(region: Option<&str>, year: Option<i32>, fallback: &str) -> String {
    let mut stem = String::new();
    if let Some(r) = region {
        stem.push_str(r);
    }
    if let Some(y) = year {
        stem.push_str(&y.to_string());
    }
    if stem.is_empty() {
        stem.push_str(fallback);
    }
    stem.chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(60)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_stops_at_punctuation_and_lines() {
        let text = "标题行\n甲项工作完成。共办理案件12件，同比增长5%。下一句。";
        let s = text.find("12件").unwrap();
        let (a, b) = sentence_around(text, s, s + "12件".len());
        assert_eq!(&text[a..b], "共办理案件12件，同比增长5%。");
        let (a, b) = sentence_around(text, 0, 3);
        assert_eq!(&text[a..b], "标题行");
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_char_are_clamped() {
        let text = "数据12件";
        for (s, e) in [(1, 2), (100, 200), (5, 1), (0, 0)] {
            let (a, b) = sentence_around(text, s, e);
            assert!(a <= b && b <= text.len());
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
        let (a, b) = line_from(text, 4);
        assert!(a <= b && text.is_char_boundary(a) && text.is_char_boundary(b));
    }

    #[test]
    fn blocks_cover_the_text_and_end_at_line_ends() {
        let text = "一二三四五六七八九十\n".repeat(200);
        let b = line_blocks(&text, 1000);
        assert!(b.len() > 1);
        assert_eq!((b[0].0, b[b.len() - 1].1), (0, text.len()));
        for w in b.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(text[..w[0].1].ends_with('\n') && w[0].1 - w[0].0 >= 1000);
        }
        assert_eq!(line_blocks("", 1000), vec![(0, 0)]);
        assert_eq!(line_blocks("没有换行", 2), vec![(0, "没有换行".len())]);
        assert_eq!(line_blocks("甲\n乙", 1), vec![(0, 4), (4, 7)]);
    }

    #[test]
    fn line_from_stops_at_break() {
        let text = "一、主要成效\n正文";
        assert_eq!(line_from(text, 0), (0, "一、主要成效".len()));
    }

    #[test]
    fn file_names() {
        assert_eq!(file_stem(Some("某区"), Some(2024), "x"), "某区2024");
        assert_eq!(file_stem(None, None, "a/b"), "ab");
    }
}
