//! Clauses and sentences around a position of the view, found with bounded scans.
//!
//! Every scan is limited to a fixed number of bytes, so looking at the context of each figure
//! stays linear in the input even when a pasted page has lost all of its punctuation.

use crate::normalize::Normalized;
use crate::text::{ceil_char, floor_char};

/// Longest stretch scanned for the edges of a clause.
pub(crate) const CLAUSE_LIMIT: usize = 300;
/// Longest stretch scanned back for the start of a sentence.
pub(crate) const SENTENCE_LIMIT: usize = 900;

/// True for punctuation that ends a clause (the view folds full-width forms to ASCII).
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | ':' | '!' | '?' | '\n' | '，' | '；' | '：' | '！' | '？' | '．')
}

/// True for punctuation that ends a sentence. A semicolon counts: "…;…" lists of achievements
/// are separate statements.
pub(crate) fn is_sentence_break(c: char) -> bool {
    matches!(c, ';' | '。' | '!' | '?' | '\n' | '；' | '！' | '？')
}

/// Words that join items of a list: "…建议74件、市政协提案28件", "197件人大建议和408件政协提案".
pub(crate) fn is_connector(c: char) -> bool {
    matches!(c, '、' | '和' | '及' | '与')
}

/// Where [`back_to`] stops when no char stops it: `limit` bytes before `pos`, not below
/// `floor`, on a char boundary.
pub(crate) fn back_edge(text: &str, pos: usize, floor: usize, limit: usize) -> usize {
    let pos = floor_char(text, pos);
    ceil_char(text, pos.saturating_sub(limit).max(floor).min(pos))
}

/// Scanning back from `pos` (at most `limit` bytes, not below `floor`), the position just past
/// the last char for which `stop` holds, or the edge of the scan.
pub(crate) fn back_to(text: &str, pos: usize, floor: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let from = back_edge(text, pos, floor, limit);
    let pos = floor_char(text, pos);
    match text[from..pos].char_indices().rev().find(|&(_, c)| stop(c)) {
        Some((i, c)) => from + i + c.len_utf8(),
        None => from,
    }
}

/// Where [`forward_to`] stops when no char stops it: `limit` bytes after `pos`, not past
/// `ceil`, on a char boundary.
pub(crate) fn forward_edge(text: &str, pos: usize, ceil: usize, limit: usize) -> usize {
    let pos = ceil_char(text, pos);
    floor_char(text, pos.saturating_add(limit).min(ceil).max(pos))
}

/// Scanning forward from `pos` (at most `limit` bytes, not past `ceil`), the position of the
/// first char for which `stop` holds, or the edge of the scan.
pub(crate) fn forward_to(text: &str, pos: usize, ceil: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let to = forward_edge(text, pos, ceil, limit);
    let pos = ceil_char(text, pos);
    match text[pos..to].char_indices().find(|&(_, c)| stop(c)) {
        Some((i, _)) => pos + i,
        None => to,
    }
}

/// The view offset of an input offset: the first view char that starts at or after it, on a
/// char boundary of the view.
pub(crate) fn view_offset(view: &Normalized, input: usize) -> usize {
    ceil_char(&view.text, view.view_offset(input))
}

/// True when `before` (the clause up to a position) leaves a bracket open there.
pub(crate) fn inside_brackets(before: &str) -> bool {
    // Bytes rather than chars: this runs over the clause of every figure. "(" and ")" are
    // ASCII; "（）" are EF BC 88/89 and "〈〉《》" E3 80 88..8B, whose last bytes never start
    // a char, so testing a byte together with the two before it is exact.
    let b = before.as_bytes();
    let mut depth = 0i32;
    for (k, &x) in b.iter().enumerate() {
        let lead = |l0: u8, l1: u8| k >= 2 && b[k - 2] == l0 && b[k - 1] == l1;
        match x {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            0x88 if lead(0xEF, 0xBC) || lead(0xE3, 0x80) => depth += 1,
            0x8A if lead(0xE3, 0x80) => depth += 1,
            0x89 if lead(0xEF, 0xBC) || lead(0xE3, 0x80) => depth = (depth - 1).max(0),
            0x8B if lead(0xE3, 0x80) => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn brackets_left_open() {
        for (s, open) in [("(含", true), ("（含", true), ("《办法", true), ("〈a", true), ("(a)", false), ("（a）", false),
            ("《a》", false), ("〈a〉", false), (")(", true), ("))(", true), ("a", false), ("（《a》", true), ("刈", false)] {
            let by_chars = s.chars().fold(0i32, |d, c| match c {
                '(' | '（' | '《' | '〈' => d + 1,
                ')' | '）' | '》' | '〉' => (d - 1).max(0),
                _ => d,
            }) > 0;
            assert_eq!(inside_brackets(s), open, "{s}");
            assert_eq!(by_chars, open, "{s}");
        }
    }

    #[test]
    fn bounded_scans_find_clause_edges() {
        let t = "一是加强。共收到申请93宗,受理83宗,办结86宗。";
        let at = t.find("83").unwrap();
        let s = back_to(t, at, 0, CLAUSE_LIMIT, is_clause_break);
        let e = forward_to(t, at, t.len(), CLAUSE_LIMIT, is_clause_break);
        assert_eq!(&t[s..e], "受理83宗");
        let s = back_to(t, at, 0, SENTENCE_LIMIT, is_sentence_break);
        assert!(t[s..].starts_with("共收到"));
        // Limits cut on char boundaries.
        let s = back_to(t, at, 0, 4, is_clause_break);
        assert!(t.is_char_boundary(s) && s <= at);
    }

    #[test]
    fn view_offsets_invert_input_offsets() {
        let input = "（一）共１２３件，受理";
        let v = normalize(input);
        let i = input.find('１').unwrap();
        let at = view_offset(&v, i);
        assert_eq!(&v.text[at..at + 3], "123");
        assert_eq!(view_offset(&v, input.len()), v.text.len());
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
            assert_eq!(view_offset(&v, i), want, "input offset {i}");
        }
    }

    #[test]
    fn brackets() {
        assert!(inside_brackets("已审结22宗(含"));
        assert!(!inside_brackets("受理后办结(含上年结转)"));
    }
}
