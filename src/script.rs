//! Traditional → Simplified folding, one character at a time.
//!
//! Matching (headings, units, indicator words) is done on a simplified view, so one set of
//! patterns serves both scripts. A full OpenCC phrase dictionary would weigh megabytes in the
//! browser; a one-to-one character table (`data/t2s.txt`, about 4,000 pairs, 24 KB) is enough
//! for matching because the output never shows converted text where the printed one is wanted.

use std::sync::OnceLock;

/// The table: pairs of (Traditional, Simplified), sorted by the Traditional character.
static TABLE: &str = include_str!("../data/t2s.txt");

fn pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let chars: Vec<char> = TABLE.trim_end().chars().collect();
        let mut v: Vec<(char, char)> = chars.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        v.sort_unstable();
        v.dedup_by_key(|p| p.0);
        v
    })
}

/// The Simplified form of `c`, or `c` itself when it has none (or is already simplified).
pub fn simplify(c: char) -> char {
    // Everything below the CJK blocks is its own simplified form; skip the search.
    if (c as u32) < 0x2E80 {
        return c;
    }
    let p = pairs();
    match p.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => p[i].1,
        Err(_) => c,
    }
}

/// Folds a whole string to Simplified script.
pub fn simplify_str(s: &str) -> String {
    s.chars().map(simplify).collect()
}

/// True for a character of the CJK Unified Ideographs blocks (including extension A).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_common_traditional_characters() {
        assert_eq!(simplify_str("行政復議案件"), "行政复议案件");
        assert_eq!(simplify_str("東莞市堅持"), "东莞市坚持");
        assert_eq!(simplify_str("法治政府建设"), "法治政府建设");
        assert_eq!(simplify('A'), 'A');
    }
}
