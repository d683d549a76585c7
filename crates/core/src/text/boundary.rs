//! Where sentences, statements, clauses and phrases end, and the bounded scans that find those
//! ends around a position.
//!
//! The classes nest, each the one before with a few marks more:
//!
//! | class | ends at | used for |
//! |---|---|---|
//! | [`is_sentence_mark`] | 。 ! ? | a sentence's own punctuation (a heading title's first sentence) |
//! | [`ends_sentence`] | … and a line break | sentences: a heading or list item has no mark |
//! | [`ends_statement`] | … and ; | statements: "…;…" lists of achievements are separate ones |
//! | [`ends_clause`] | … and , : | the clause a figure or a change is read from |
//! | [`ends_phrase`] | … and … (ellipsis) | where a figure's indicator phrase stops |
//!
//! They are classes of the view, where normalisation has folded full-width punctuation to ASCII
//! ("，" to ","); the full-width forms are listed as well, so a class means the same on text
//! that was not folded. The byte scanners ([`next_sentence_end`], [`phrase_stops_in`]) read the
//! view only. Sets that a stage needs and that are none of these (what may stand before a
//! heading run into the text, before an item of an inline list) are named here too.
//!
//! Every scan is limited to a fixed number of bytes, so looking at the context of each figure
//! stays linear in the input even when a pasted page has lost all of its punctuation.

use super::{ceil_char, floor_char};

/// True for the punctuation that ends a sentence: 。 ! ? (and ！ ？).
#[inline]
pub fn is_sentence_mark(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？')
}

/// True where a sentence ends: at its mark, or at a line break, since headings and list items
/// end their line without one.
#[inline]
pub fn ends_sentence(c: char) -> bool {
    c == '\n' || is_sentence_mark(c)
}

/// True where a statement ends: a sentence, or a semicolon, since "…;…" lists of achievements
/// are separate statements.
#[inline]
pub fn ends_statement(c: char) -> bool {
    matches!(c, ';' | '；') || ends_sentence(c)
}

/// True where a clause ends: a statement, a comma or a colon.
#[inline]
pub fn ends_clause(c: char) -> bool {
    matches!(c, ',' | ':' | '，' | '：' | '．') || ends_statement(c)
}

/// True where a figure's indicator phrase stops looking: a clause end, or an ellipsis
/// ("……等3项"), after which the words no longer belong to the figure.
#[inline]
pub fn ends_phrase(c: char) -> bool {
    c == '…' || ends_clause(c)
}

/// True for the characters after which a heading marker run into a line ("…。二、…") may
/// start a heading: a sentence mark, a semicolon, a colon that introduces it, a closing quote,
/// or a space (a paragraph joined to the one before it).
#[inline]
pub fn heading_may_follow(c: char) -> bool {
    matches!(c, ';' | ':' | '”' | '」' | '』' | ' ') || is_sentence_mark(c)
}

/// True for the characters that stand before item 2 of a list inside a paragraph ("1.…;2.…",
/// "1.…。2.…"): a full stop (not "!" or "?"), a semicolon, comma, colon or space.
#[inline]
pub fn precedes_inline_item(c: char) -> bool {
    matches!(c, ';' | '。' | ',' | ' ' | ':')
}

/// True for the words that join the items of a list: "…建议74件、市政协提案28件",
/// "197件人大建议和408件政协提案".
#[inline]
pub fn joins_items(c: char) -> bool {
    matches!(c, '、' | '和' | '及' | '与')
}

/// Longest stretch scanned for the edges of a clause.
pub const CLAUSE_LIMIT: usize = 300;
/// Longest stretch scanned back for the start of a sentence.
pub const SENTENCE_LIMIT: usize = 900;

/// Where [`back_to`] stops when no char stops it: `limit` bytes before `pos`, not below
/// `floor`, on a char boundary.
pub fn back_edge(text: &str, pos: usize, floor: usize, limit: usize) -> usize {
    let pos = floor_char(text, pos);
    ceil_char(text, pos.saturating_sub(limit).max(floor).min(pos))
}

/// Scanning back from `pos` (at most `limit` bytes, not below `floor`), the position just past
/// the last char for which `stop` holds, or the edge of the scan.
pub fn back_to(text: &str, pos: usize, floor: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let from = back_edge(text, pos, floor, limit);
    let pos = floor_char(text, pos);
    match text[from..pos].char_indices().rev().find(|&(_, c)| stop(c)) {
        Some((i, c)) => from + i + c.len_utf8(),
        None => from,
    }
}

/// Where [`forward_to`] stops when no char stops it: `limit` bytes after `pos`, not past
/// `ceil`, on a char boundary.
pub fn forward_edge(text: &str, pos: usize, ceil: usize, limit: usize) -> usize {
    let pos = ceil_char(text, pos);
    floor_char(text, pos.saturating_add(limit).min(ceil).max(pos))
}

/// Scanning forward from `pos` (at most `limit` bytes, not past `ceil`), the position of the
/// first char for which `stop` holds, or the edge of the scan.
pub fn forward_to(text: &str, pos: usize, ceil: usize, limit: usize, stop: impl Fn(char) -> bool) -> usize {
    let to = forward_edge(text, pos, ceil, limit);
    let pos = ceil_char(text, pos);
    match text[pos..to].char_indices().find(|&(_, c)| stop(c)) {
        Some((i, _)) => pos + i,
        None => to,
    }
}

/// The offset of the first [`ends_sentence`] char in `view[from..end]`, or `end`. This runs
/// over the whole report text, so it skips eight bytes at a time while none of them can start
/// a sentence end; in the view every one is ASCII except "。".
pub fn next_sentence_end(view: &str, from: usize, end: usize) -> usize {
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
    let b = view.as_bytes().get(from..end).unwrap_or_default();
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

/// Whether `gap` (view text) holds an [`ends_phrase`] char, and whether it holds an
/// [`ends_sentence`] one. Scans bytes: it runs between every two figures, and in the view
/// every such char is ASCII except "。" and "…".
pub fn phrase_stops_in(gap: &str) -> (bool, bool) {
    let b = gap.as_bytes();
    let mut stop = false;
    for (k, &x) in b.iter().enumerate() {
        match x {
            b'!' | b'?' | b'\n' => return (true, true),
            b',' | b';' | b':' => stop = true,
            // The last bytes of "。" (E3 80 82) and "…" (E2 80 A6).
            0x82 if k >= 2 && b[k - 1] == 0x80 && b[k - 2] == 0xE3 => return (true, true),
            0xA6 if k >= 2 && b[k - 1] == 0x80 && b[k - 2] == 0xE2 => stop = true,
            _ => {}
        }
    }
    (stop, false)
}

/// True when `before` (the clause up to a position) leaves a bracket open there: ( （ 〈 《.
pub fn inside_brackets(before: &str) -> bool {
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

    /// Every char of the planes the reports use.
    fn all_chars() -> impl Iterator<Item = char> {
        (0..0x3_0000).filter_map(char::from_u32)
    }

    #[test]
    fn classes_nest() {
        for c in all_chars() {
            assert!(!is_sentence_mark(c) || ends_sentence(c), "{c}");
            assert!(!ends_sentence(c) || ends_statement(c), "{c}");
            assert!(!ends_statement(c) || ends_clause(c), "{c}");
            assert!(!ends_clause(c) || ends_phrase(c), "{c}");
        }
        assert_eq!(all_chars().filter(|&c| ends_phrase(c)).count(), 14);
    }

    /// Strings of the view's punctuation and a few other chars of every UTF-8 length.
    fn view_like() -> impl proptest::strategy::Strategy<Value = String> {
        "[。!?\n;:,…‥、〃“”」(（《》a1 é甲𠀀]{0,40}"
    }

    proptest::proptest! {
        #[test]
        fn next_sentence_end_is_the_first_sentence_end(s in view_like(), from in 0usize..48, len in 0usize..48) {
            let from = floor_char(&s, from);
            let end = floor_char(&s, from + len).max(from);
            let want = s[from..end].find(ends_sentence).map_or(end, |i| from + i);
            proptest::prop_assert_eq!(next_sentence_end(&s, from, end), want);
        }

        #[test]
        fn phrase_stops_in_agrees_with_the_classes(s in view_like()) {
            proptest::prop_assert_eq!(phrase_stops_in(&s), (s.contains(ends_phrase), s.contains(ends_sentence)));
        }
    }

    #[test]
    fn brackets_left_open() {
        for (s, open) in [
            ("(含", true),
            ("（含", true),
            ("《办法", true),
            ("〈a", true),
            ("(a)", false),
            ("（a）", false),
            ("《a》", false),
            ("〈a〉", false),
            (")(", true),
            ("))(", true),
            ("a", false),
            ("（《a》", true),
            ("刈", false),
        ] {
            let by_chars = s.chars().fold(0i32, |d, c| match c {
                '(' | '（' | '《' | '〈' => d + 1,
                ')' | '）' | '》' | '〉' => (d - 1).max(0),
                _ => d,
            }) > 0;
            assert_eq!(inside_brackets(s), open, "{s}");
            assert_eq!(by_chars, open, "{s}");
        }
        assert!(inside_brackets("已审结22宗(含"));
        assert!(!inside_brackets("受理后办结(含上年结转)"));
    }

    #[test]
    fn bounded_scans_find_clause_edges() {
        let t = "一是加强。共收到申请93宗,受理83宗,办结86宗。";
        let at = t.find("83").unwrap();
        let s = back_to(t, at, 0, CLAUSE_LIMIT, ends_clause);
        let e = forward_to(t, at, t.len(), CLAUSE_LIMIT, ends_clause);
        assert_eq!(&t[s..e], "受理83宗");
        let s = back_to(t, at, 0, SENTENCE_LIMIT, ends_statement);
        assert!(t[s..].starts_with("共收到"));
        // Limits cut on char boundaries.
        let s = back_to(t, at, 0, 4, ends_clause);
        assert!(t.is_char_boundary(s) && s <= at);
    }
}
