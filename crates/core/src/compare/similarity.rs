//! How alike two indicator phrases are: the measure that aligns figures (and picks among
//! several entries of one key indicator) across reports.

use crate::script::{is_han, simplify};

/// The minimum [`similarity`] at which two figures of different reports are taken to measure
/// the same thing. Below it, phrases share little more than a generic word (受理, 办理).
pub const MIN_FIGURE_CONFIDENCE: f64 = 0.65;

/// Similarity of two indicator phrases (or qualifiers), 0–1, on their sets of characters.
///
/// Word order in Chinese indicator phrases varies freely ("受理行政复议申请" / "行政复议受理"),
/// so the measure ignores it: it is the Dice coefficient of the two character sets (Han and
/// letters only, simplified script). Fewer than four shared characters scale the score down:
/// two phrases sharing only "受理" say little. A negation on one side only ("不予受理" against
/// "受理") halves it, since the phrases then count opposite things.
pub fn similarity(a: &str, b: &str) -> f64 {
    CharSet::new(a).similarity(&CharSet::new(b))
}

/// The distinct meaningful characters of a phrase, sorted.
#[derive(Clone, Debug, Default)]
pub(super) struct CharSet(pub(super) Vec<char>);
//(Vec<char>);

impl CharSet {
    /// Phrases longer than this are cut: indicator phrases are short, and a runaway phrase
    /// must not make alignment slow.
    const MAX_CHARS: usize = 64;

    pub(super) fn new(s: &str) -> CharSet {
        let mut v: Vec<char> =
            s.chars().map(simplify).filter(|&c| is_han(c) || c.is_ascii_alphabetic()).take(Self::MAX_CHARS).collect();
        v.sort_unstable();
        v.dedup();
        CharSet(v)
    }

    pub(super) fn similarity(&self, other: &CharSet) -> f64 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        // Both sorted: one merge pass counts the common characters.
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let k = common as f64;
        let dice = 2.0 * k / (a.len() + b.len()) as f64;
        let negation = if self.negated() != other.negated() { 0.5 } else { 1.0 };
        dice * (k / 4.0).min(1.0) * negation
    }

    /// True when the phrase holds a negation (不予受理, 未办结, 无…).
    fn negated(&self) -> bool {
        ['不', '未', '无', '非', '没'].iter().any(|c| self.0.binary_search(c).is_ok())
    }
}
