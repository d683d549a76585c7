//! Clauses and sentences around a position of the view, found with bounded scans.
//!
//! Every scan is limited to a fixed number of bytes, so looking at the context of each figure
//! stays linear in the input even when a pasted page has lost all of its punctuation.

use crate::normalize::Normalized;

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

/// The largest char boundary of `text` at or below `i`.
pub(crate) fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `i`.
pub(crate) fn ceil_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Scanning back from `pos` (at most `limit` bytes, not below `floor`), the position just past
/// the last char for which `stop` holds, or the edge of the scan.
pub(crate) fn back_to(text: &str, pos: usize, floor: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let pos = floor_char(text, pos);
    let from = ceil_char(text, pos.saturating_sub(limit).max(floor).min(pos));
    match text[from..pos].char_indices().rev().find(|&(_, c)| stop(c)) {
        Some((i, c)) => from + i + c.len_utf8(),
        None => from,
    }
}

/// Scanning forward from `pos` (at most `limit` bytes, not past `ceil`), the position of the
/// first char for which `stop` holds, or the edge of the scan.
pub(crate) fn forward_to(text: &str, pos: usize, ceil: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let pos = ceil_char(text, pos);
    let to = floor_char(text, pos.saturating_add(limit).min(ceil).max(pos));
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
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '(' | '（' | '《' | '〈' => depth += 1,
            ')' | '）' | '》' | '〉' => depth = (depth - 1).max(0),
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
