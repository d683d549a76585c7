//! A scan of the view that finds every taxonomy word, overlapping ones included.
//!
//! Overlaps matter: in "社区法律顾问" both the exclusion "社区法律顾问" and the topic "法律顾问"
//! must be seen, and in "调解成功率" the topic "调解", the exclusion "成功" and the key "成功率".
//! A leftmost-first regex alternation would report only one of them (and restarting it after
//! every match costs more than the whole scan), so the scan tries every word that starts at
//! each character: a table indexed by character says which words do.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::taxonomy::TAXONOMY;

/// A set of taxonomy entries, one bit per index into `TAXONOMY`.
pub(crate) type Set = u128;

/// The bit of taxonomy entry `k`.
pub(crate) fn bit(k: usize) -> Set {
    1u128 << k
}

/// The entries of `set`, in increasing order.
pub(crate) fn members(set: Set) -> impl Iterator<Item = usize> {
    let mut rest = set;
    std::iter::from_fn(move || {
        let k = rest.trailing_zeros() as usize;
        (rest != 0).then(|| {
            rest &= rest - 1;
            k
        })
    })
}

/// What a word means, for every entry at once.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Roles {
    /// Entries for which the word names the subject.
    pub topic: Set,
    /// Entries for which the word selects the count.
    pub key: Set,
    /// Entries the word rules out next to a figure.
    pub exclude: Set,
    /// "其中": what follows breaks down the figure before it.
    pub breakdown: bool,
    /// A verb that makes a clause a statement of its own (办理, 办结…), not a breakdown item.
    pub verb: bool,
}

/// Where a word occurs in a scanned text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    /// Byte offset of the word.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// Index into the lexicon's words.
    pub word: u32,
}

/// Verbs that give a clause after "其中" a statement of its own.
const VERBS: &[&str] =
    &["办理", "受理", "办结", "审结", "结案", "收到", "新收", "承办", "完成", "开展", "组织", "举办", "立案"];

/// The taxonomy's words with their roles, and a fast index by first character.
pub(crate) struct Lexicon {
    words: Vec<&'static str>,
    roles: Vec<Roles>,
    /// Words grouped by first character, each with its second character (or [`ANY_CHAR`] for
    /// a one-character word), which is compared before the whole word.
    buckets: Vec<Vec<(u32, u32)>>,
    /// For each Basic Multilingual Plane character, 1 + its bucket, or 0 when no word starts
    /// with it (128 KB).
    first: Box<[u16]>,
    /// One bit per BMP character that starts a word or is a bracket or "。" (8 KB, so the
    /// common "no" answer stays in the first-level cache).
    marks: Box<[u64; 1024]>,
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        let mut words = Vec::new();
        let mut roles: Vec<Roles> = Vec::new();
        let mut slot = |w: &'static str, words: &mut Vec<&'static str>, roles: &mut Vec<Roles>| {
            *index.entry(w).or_insert_with(|| {
                words.push(w);
                roles.push(Roles::default());
                words.len() - 1
            })
        };
        for (k, e) in TAXONOMY.iter().enumerate() {
            for &w in e.topics {
                let i = slot(w, &mut words, &mut roles);
                roles[i].topic |= bit(k);
            }
            for &w in e.keys {
                let i = slot(w, &mut words, &mut roles);
                roles[i].key |= bit(k);
            }
            for &w in e.excludes {
                let i = slot(w, &mut words, &mut roles);
                roles[i].exclude |= bit(k);
            }
        }
        let i = slot("其中", &mut words, &mut roles);
        roles[i].breakdown = true;
        for &w in VERBS {
            let i = slot(w, &mut words, &mut roles);
            roles[i].verb = true;
        }
        let mut buckets: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut first = vec![0u16; 0x10000].into_boxed_slice();
        for (i, w) in words.iter().enumerate() {
            let mut cs = w.chars();
            let Some(b) = cs.next().map(|c| c as usize).filter(|&b| b < 0x10000) else { continue };
            if first[b] == 0 {
                buckets.push(Vec::new());
                first[b] = buckets.len() as u16;
            }
            // A second character that is not three bytes long never matches, as before.
            let second = cs.next().map_or(ANY_CHAR, |c| c as u32);
            buckets[first[b] as usize - 1].push((second, i as u32));
        }
        let mut marks = Box::new([0u64; 1024]);
        let brackets = [0x3008, 0x300A, 0x3010, 0xFF08, 0x3009, 0x300B, 0x3011, 0xFF09, 0x3002];
        for (b, &slot) in first.iter().enumerate() {
            if slot != 0 || brackets.contains(&b) {
                marks[b / 64] |= 1 << (b % 64);
            }
        }
        Lexicon { words, roles, buckets, first, marks }
    }

    /// The roles of a hit's word.
    pub fn roles(&self, h: &Hit) -> Roles {
        self.roles.get(h.word as usize).copied().unwrap_or_default()
    }

    /// Every occurrence of every word in `text`, ordered by start. Words inside brackets
    /// (parenthetical remarks, 《titles》) are left out: "(含3宗政府信息公开案件)" or
    /// "《行政规范性文件管理办法》" say nothing about the figure next to them.
    #[cfg(test)]
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.scan_into(text, 0..text.len(), &mut hits);
        hits
    }

    /// Appends the hits starting in `range` of `text` (a range starting on a char boundary,
    /// outside brackets) to `hits`.
    pub fn scan_into(&self, text: &str, range: std::ops::Range<usize>, hits: &mut Vec<Hit>) {
        self.visit(text, range, |h| hits.push(h));
    }

    /// Calls `found` with each hit starting in `range` of `text`, in order (as
    /// [`Lexicon::scan_into`], without collecting them).
    pub fn visit(&self, text: &str, range: std::ops::Range<usize>, mut found: impl FnMut(Hit)) {
        // A byte loop: every word starts with a three-byte (BMP Han) character, so others are
        // only looked at for brackets. Decoding by hand is several times faster than chars(),
        // and one bit test (`marks`) passes over the common character that neither starts a
        // word nor is a bracket.
        let bytes = text.as_bytes();
        let end = range.end.min(bytes.len());
        let mut depth = 0u32;
        let mut i = range.start;
        while i < end {
            let b0 = bytes[i];
            if b0 < 0x80 {
                match b0 {
                    b'(' | b'[' => depth = depth.saturating_add(1),
                    b')' | b']' => depth = depth.saturating_sub(1),
                    // A bracket left open must not hide the rest of the document.
                    b'\n' => depth = 0,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let Some(c) = three_byte(bytes, i) else {
                i += if b0 >= 0xF0 {
                    4
                } else if b0 >= 0xE0 {
                    3
                } else {
                    2
                };
                continue;
            };
            let b = c as usize;
            if self.marks[b >> 6] & (1 << (b & 63)) == 0 {
                i += 3;
                continue;
            }
            match c {
                0x3008 | 0x300A | 0x3010 | 0xFF08 => depth = depth.saturating_add(1),
                0x3009 | 0x300B | 0x3011 | 0xFF09 => depth = depth.saturating_sub(1),
                0x3002 => depth = 0,
                _ if depth == 0 => self.words_at(bytes, i, b, &mut found),
                _ => {}
            }
            i += 3;
        }
    }

    /// Appends the words starting at `bytes[i..]`, whose first character is `first`.
    #[inline]
    fn words_at(&self, bytes: &[u8], i: usize, first: usize, found: &mut impl FnMut(Hit)) {
        let slot = self.first.get(first).copied().unwrap_or(0) as usize;
        let next = three_byte(bytes, i + 3).unwrap_or(NO_CHAR);
        let rest = bytes.get(i..).unwrap_or_default();
        for &(second, w) in self.buckets.get(slot.wrapping_sub(1)).into_iter().flatten() {
            if second != ANY_CHAR && second != next {
                continue;
            }
            let word = self.words[w as usize].as_bytes();
            // An inline loop: the words are a few bytes long, a call to memcmp costs more.
            if rest.len() >= word.len() && rest.iter().zip(word).all(|(a, b)| a == b) {
                found(Hit { start: i, end: i + word.len(), word: w });
            }
        }
    }
}

/// In a bucket: a one-character word, which needs no second character.
const ANY_CHAR: u32 = u32::MAX;
/// In place of a second character that is not a three-byte one (no word's is).
const NO_CHAR: u32 = u32::MAX - 1;

/// The code point of the three-byte UTF-8 character at `bytes[i..]`, if one starts there.
#[inline(always)]
fn three_byte(bytes: &[u8], i: usize) -> Option<u32> {
    match bytes.get(i..i + 3)? {
        &[b0 @ 0xE0..=0xEF, b1, b2] => {
            Some(((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F))
        }
        _ => None,
    }
}

/// The lexicon of `TAXONOMY`, built once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

/// The hits lying wholly inside `start..end` (`hits` ordered by start).
pub(crate) fn within(hits: &[Hit], start: usize, end: usize) -> impl Iterator<Item = &Hit> {
    let from = hits.partition_point(|h| h.start < start);
    hits[from..].iter().take_while(move |h| h.start < end).filter(move |h| h.end <= end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&'static str> {
        let lex = lexicon();
        lex.scan(text).iter().map(|h| lex.words[h.word as usize]).collect()
    }

    #[test]
    fn overlapping_words_are_all_found() {
        let w = words("社区法律顾问提供服务");
        assert!(w.contains(&"社区法律顾问") && w.contains(&"法律顾问") && w.contains(&"服务"));
        let w = words("调解成功率");
        assert!(w.contains(&"调解") && w.contains(&"成功") && w.contains(&"成功率"));
    }

    #[test]
    fn bracketed_words_are_skipped_and_brackets_reset_at_sentence_end() {
        assert!(words("已审结(含政府信息公开案件)").iter().all(|w| *w != "信息公开"));
        assert!(words("印发《规范性文件管理办法》").iter().all(|w| *w != "规范性文件"));
        assert!(words("未闭合(括号。规范性文件").contains(&"规范性文件"));
    }

    #[test]
    fn every_word_starts_with_a_three_byte_character() {
        // The scan only tries words at three-byte characters.
        for w in &lexicon().words {
            assert_eq!(w.chars().next().map(char::len_utf8), Some(3), "{w}");
        }
    }

    #[test]
    fn mixed_widths_and_odd_characters() {
        let w = words("a1é𝄞收到ü（行政复议）申请“规范性文件”");
        assert!(w.contains(&"收到") && w.contains(&"规范性文件") && !w.contains(&"行政复议"));
    }

    #[test]
    fn within_selects_whole_words_in_range() {
        let lex = lexicon();
        let text = "收到行政复议申请";
        let hits = lex.scan(text);
        assert_eq!(within(&hits, 0, text.len()).count(), hits.len());
        assert_eq!(within(&hits, 3, text.len()).filter(|h| lex.words[h.word as usize] == "收到").count(), 0);
    }
}
