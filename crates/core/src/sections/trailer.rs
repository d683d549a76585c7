//! The end of the report text: a signature ("某市某区司法局" and a date) after it.

use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;
use crate::text::boundary::ends_statement;
use crate::text::floor_char;
use crate::text::numerals::written_date_pattern;

use super::markers::line_marker;

/// The end of the report text and the signature after it.
pub(super) struct Trailer {
    pub(super) body_end: usize,
    pub(super) signer: Option<Range<usize>>,
    pub(super) signed: Option<Range<usize>>,
}

/// A written date at the end of a text.
fn date_end_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(&format!("{}$", written_date_pattern(false))).expect("valid regex"))
}

/// Suffixes of the names of bodies that sign reports.
const ORG_SUFFIXES: [&str; 12] =
    ["人民政府", "政府", "局", "委员会", "委", "办公室", "办", "厅", "院", "中心", "管委会", "署"];

/// Finds the signature after the report text and where the text itself ends.
pub(super) fn trailer(text: &str) -> Trailer {
    let mut e = text.trim_end().len();
    // A closing note on a line of its own ("（此件公开发布）") comes after the signature.
    let last_line = text[..e].rfind('\n').map_or(0, |i| i + 1);
    let note = text[last_line..e].trim();
    if note.starts_with('(') && note.ends_with(')') && note.chars().count() <= 20 {
        e = text[..last_line].trim_end().len();
    }
    let mut signed = None;
    let w = floor_char(text, e.saturating_sub(60));
    if let Some(m) = date_end_regex().find(&text[w..e]) {
        signed = Some(w + m.start()..w + m.end());
        e = text[..w + m.start()].trim_end().len();
    }
    let mut signer = None;
    let w = floor_char(text, e.saturating_sub(150));
    let b = text[w..e].rfind(ends_statement).map(|i| w + i);
    if let Some(b) = b {
        let own_line = text[b..].starts_with('\n');
        let b = b + text[b..].chars().next().map_or(1, char::len_utf8);
        let cand = text[b..e].trim();
        let at = e - cand.len();
        let n = cand.chars().count();
        if (3..=30).contains(&n)
            && (own_line || signed.is_some() || cand.contains(['市', '区', '县', '省']))
            && !cand.contains([',', '、', ':', '“'])
            && ORG_SUFFIXES.iter().any(|s| cand.ends_with(s))
            && line_marker(cand).is_none()
        {
            signer = Some(at..e);
            e = text[..at].trim_end().len();
        }
    }
    Trailer { body_end: e, signer, signed }
}
