//! The rules of the text that every stage shares, each defined once (issue 15):
//!
//! - here, where a text may be cut: char boundaries;
//! - [`boundary`], where sentences, statements, clauses and a figure's phrase end, and the
//!   bounded scans that find those ends;
//! - [`numerals`], how Chinese numerals read: the digit tables, heading numbers, written dates.
//!
//! A stage that needs one of these asks here rather than spelling its own set of punctuation or
//! its own digit table, so that two stages cannot silently disagree about what ends a sentence
//! or what a digit is.
//!
//! Every offset the stages compute is a byte offset into UTF-8 text in which most characters
//! take three bytes, so a step "one past" a character found by `find` must step by that
//! character's length, never by one: the helpers below are the only places that move an offset
//! by hand (issue 21: a breadcrumb's "»" cut in half aborted the analyser).

pub mod boundary;
pub mod numerals;

/// The largest char boundary of `text` at or below `i` (and at most `text.len()`).
pub fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `i` (and at most `text.len()`).
pub fn ceil_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The offset just past the character that starts at `i` (`text.len()` at the end): what
/// `i + 1` means for text that is not ASCII. An `i` inside a character is first moved up to the
/// next boundary.
pub fn after_char(text: &str, i: usize) -> usize {
    let i = ceil_char(text, i);
    i + text[i..].chars().next().map_or(0, char::len_utf8)
}

/// Shortest text (in bytes) taken for a saved page, not a phrase typed in, when judging whether
/// it was cut short.
pub const PAGE_BYTES: usize = 1000;

/// True when `text` looks like a saved page cut short ("…全县已有2", "…三是健全机制推动法治
/// 工作落"): it ends inside a character (the U+FFFD a decoder leaves for the torn bytes), or it
/// is page-sized and its last line stops in mid-sentence, with no sentence mark, closing quote
/// or bracket, colon or line break at its end. A heading or a figure that runs to the end of
/// such a text may itself be cut.
pub fn cut_short(text: &str) -> bool {
    if text.ends_with('\u{FFFD}') {
        return true;
    }
    if text.len() < PAGE_BYTES {
        return false;
    }
    match text.chars().next_back() {
        None => false,
        Some(c) => !(c.is_whitespace() || boundary::is_sentence_mark(c) || "”」』)）】》:：;；…".contains(c)),
    }
}

/// `text` without the white space and torn characters (U+FFFD) at its end: where its last word
/// ends.
pub fn trim_cut_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cut_short() {
        assert!(cut_short("全年培训1200人\u{FFFD}"));
        assert!(!cut_short("全年培训1200人"));
        let page = "内容。".repeat(400);
        assert!(!cut_short(&page));
        assert!(cut_short(&format!("{page}全县已有2")));
        assert!(!cut_short(&format!("{page}\n")));
        assert!(!cut_short(&format!("{page}（此件公开发布）")));
        assert_eq!(trim_cut_end("一是健全\u{FFFD} \n"), "一是健全");
    }

    #[test]
    fn boundaries_of_mixed_text() {
        let t = "首页 » 公开";
        let sep = t.find('»').unwrap_or(0);
        assert_eq!(after_char(t, sep), sep + '»'.len_utf8());
        assert_eq!(&t[after_char(t, sep)..], " 公开");
        assert_eq!(floor_char(t, 1), 0);
        assert_eq!(ceil_char(t, 1), 3);
        assert_eq!(after_char(t, 1), 6);
        assert_eq!(after_char(t, t.len()), t.len());
        assert_eq!(floor_char(t, 1000), t.len());
        assert_eq!(after_char("", 0), 0);
    }
}
