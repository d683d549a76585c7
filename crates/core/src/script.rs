//! Traditional → Simplified folding, one character at a time.
//!
//! Matching (headings, units, indicator words) is done on a simplified view, so one set of
//! patterns serves both scripts. A full OpenCC phrase dictionary would weigh megabytes in the
//! browser; a one-to-one character table (`data/t2s.txt`, about 4,000 pairs, 24 KB) is enough
//! for matching because the output never shows converted text where the printed one is wanted.

use std::sync::OnceLock;

/// The table: `data/t2s.txt` as packed by `build.rs` (about half its size after gzip).
static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s.bin"));

/// The pairs of (Traditional, Simplified), sorted by the Traditional character, one per
/// Traditional character.
fn pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| unpack(PACKED))
}

/// The pairs of a table packed by `build.rs` (see its layout there).
fn unpack(packed: &[u8]) -> Vec<(char, char)> {
    let Some((count, rest)) = packed.split_first_chunk::<4>() else { return Vec::new() };
    let n = u32::from_le_bytes(*count) as usize;
    let Some(split) = rest.len().checked_sub(3 * n) else { return Vec::new() };
    let (deltas, planes) = rest.split_at(split);
    let mut out = Vec::with_capacity(n);
    let (mut i, mut t, mut d, mut shift) = (0, 0u32, 0u32, 0);
    for &b in deltas {
        d |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 != 0 {
            continue;
        }
        t += d;
        let z = u32::from(planes[i]) | u32::from(planes[n + i]) << 8 | u32::from(planes[2 * n + i]) << 16;
        let s = (t as i32 + ((z >> 1) as i32 ^ -((z & 1) as i32))) as u32;
        if let (Some(t), Some(s)) = (char::from_u32(t), char::from_u32(s)) {
            out.push((t, s));
        }
        (i, d, shift) = (i + 1, 0, 0);
    }
    out
}

/// The block the dense table covers: CJK Extension A and the Unified Ideographs, where almost
/// every character of a report lives.
const DENSE: std::ops::RangeInclusive<u32> = 0x3400..=0x9FFF;
/// In the dense table: no simplified form.
const NONE: u16 = 0;
/// In the dense table: a simplified form outside the Basic Multilingual Plane; search `pairs`.
const ASTRAL: u16 = u16::MAX;

/// For each character of `DENSE`, its simplified form, `NONE` or `ASTRAL` (56 KB). Normalising
/// folds every character of a report, and one load per character beats a binary search of
/// 4,000 pairs by an order of magnitude.
fn dense() -> &'static [u16] {
    static DENSE_TABLE: OnceLock<Box<[u16]>> = OnceLock::new();
    DENSE_TABLE.get_or_init(|| {
        let mut t = vec![NONE; (DENSE.end() - DENSE.start() + 1) as usize];
        for &(from, to) in pairs().iter().filter(|p| DENSE.contains(&(p.0 as u32))) {
            let to = u16::try_from(to as u32).ok().filter(|&v| v != NONE && v != ASTRAL).unwrap_or(ASTRAL);
            t[(from as u32 - DENSE.start()) as usize] = to;
        }
        t.into_boxed_slice()
    })
}

/// The Simplified form of `c`, or `c` itself when it has none (or is already simplified).
pub fn simplify(c: char) -> char {
    let u = c as u32;
    // Everything below the CJK blocks (ASCII, punctuation, "。、") is its own simplified form.
    if u < *DENSE.start() {
        return c;
    }
    if DENSE.contains(&u) {
        match dense().get((u - DENSE.start()) as usize) {
            Some(&NONE) | None => return c,
            Some(&ASTRAL) => {}
            Some(&v) => return char::from_u32(u32::from(v)).unwrap_or(c),
        }
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

    #[test]
    fn packed_table_is_the_text() {
        let chars: Vec<char> = include_str!("../data/t2s.txt").trim_end().chars().collect();
        let mut text: Vec<(char, char)> = chars.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        text.sort_unstable();
        text.dedup_by_key(|p| p.0);
        assert!(text.len() > 4000);
        assert_eq!(pairs(), &text[..]);
    }

    #[test]
    fn dense_table_agrees_with_the_pairs() {
        for &(t, s) in pairs() {
            assert_eq!(simplify(t), s, "{t}");
        }
        for c in ['。', '、', '\u{33FF}', '\u{3400}', '\u{9FFF}', '\u{A000}', '法', '𠀀'] {
            let expected = pairs().binary_search_by_key(&c, |&(t, _)| t).map_or(c, |i| pairs()[i].1);
            assert_eq!(simplify(c), expected);
        }
    }
}
