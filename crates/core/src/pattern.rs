//! Fixed patterns with a first-character prefilter: regex searches that stay fast without the
//! regex crate's "perf" features.
//!
//! The web build leaves out regex's lazy DFA and literal prefilters (they would cost the
//! download 35–75 KB gzip), which leaves the PikeVM: an unanchored search then runs the whole
//! automaton at every character of the text, and it dominated analysis in the browser (about
//! 6 ms of 8 for a 15 KB report). Almost every pattern here can only start with one of a few
//! characters (同, 较, 比, 下…). A [`Pattern`] works that set out from the pattern's syntax tree,
//! walks the text looking for those characters, and runs the automaton *anchored* at each
//! one, where it dies within a few characters. The leftmost candidate that matches gives the
//! same match as an unanchored leftmost-first search, so results do not change; a property test
//! checks this against the plain search.
//!
//! Patterns that may match the empty string, start with too many characters, may match text of
//! unbounded length (an anchored search could then run far at each candidate, and the whole
//! search would no longer be linear) or only match at the start of the text simply search the
//! usual way.
//!
//! Only the web build uses the prefilter: natively the regex engine has its own literal
//! prefilters, which are faster. The API mirrors the part of `regex::Regex` this crate uses.

use std::ops::{Index, Range};

use regex_automata::util::captures::Captures as Slots;
use regex_automata::{Anchored, Input};
use regex_syntax::ast::{AssertionKind, Ast, ClassSetItem, Flag, GroupKind, Visitor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A pattern that does not compile (only ever a programming error: patterns are fixed).
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid pattern: {}", self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The error for the regex crate's `e`: natively its message. The web build keeps none: its
    /// patterns are the fixed ones the native tests compile, nothing there shows the message
    /// (`expect` prints through `Debug`, compiled out), and the regex crates' code and text
    /// for messages (a pattern drawn with the error underlined) cost the .wasm 2.8 KB gzip.
    #[cfg(not(target_arch = "wasm32"))]
    fn of(e: impl std::fmt::Display) -> Error {
        Error(e.to_string())
    }

    /// See the native [`Error::of`].
    #[cfg(target_arch = "wasm32")]
    fn of<E>(_: E) -> Error {
        Error(String::new())
    }
}

/// A compiled pattern and the characters a match can start with.
#[derive(Debug)]
pub struct Pattern {
    re: Engine,
    /// Sorted, disjoint ranges of the characters a match can start with; `None` for a plain
    /// search (no prefilter in this build, or the pattern can match the empty string, starts
    /// too widely, is unbounded or anchored at the start of the text).
    first: Option<Vec<(char, char)>>,
    /// `first` as a bitmap over the Basic Multilingual Plane (one bit per character; the
    /// characters beyond it are looked up in `first`): the scan for candidates tests one bit
    /// per character of the text.
    marks: Box<[u64]>,
    /// Every match is one character long (a class or a single character, no look-around):
    /// the candidate is the match, and no automaton need run.
    single: bool,
}

/// Whether patterns use the first-character prefilter: only in the web build, whose regex engine
/// has no literal prefilters of its own (see Cargo.toml). Natively the engine's own (memchr,
/// Teddy) make the whole analysis 25–40 % faster than this one.
const PREFILTER: bool = cfg!(target_arch = "wasm32");

/// At most this many ranges of first characters: beyond it, checking each character of the
/// text costs more than the anchored searches it saves.
const MAX_RANGES: usize = 256;

/// The longest match (in bytes) a pattern may have to use the prefilter.
const MAX_LEN: usize = 512;

impl Pattern {
    /// Compiles `pattern` (regex syntax, Unicode mode, no Unicode class tables: spell classes
    /// out as in `[0-9]`).
    pub fn new(pattern: &str) -> Result<Pattern, Error> {
        Pattern::build(pattern, PREFILTER)
    }

    /// [`Pattern::new`], with or without the prefilter (tests check both ways agree).
    fn build(pattern: &str, prefilter: bool) -> Result<Pattern, Error> {
        let ast = regex_syntax::ast::parse::Parser::new().parse(pattern).map_err(Error::of)?;
        regex_syntax::ast::visit(&ast, TablesUsed).map_err(Error)?;
        let hir = regex_syntax::hir::translate::Translator::new().translate(pattern, &ast).map_err(Error::of)?;
        let props = hir.properties();
        // Anchored at the start of the text: the automaton already searches only there.
        let at_start = props.look_set_prefix().contains(Look::Start);
        // Each anchored search then stops within this many bytes, so the candidates together
        // cost at most MAX_LEN times the text: linear, whatever the text.
        let bounded = props.maximum_len().is_some_and(|n| n <= MAX_LEN);
        let first = match first_chars(&hir) {
            Some(First { ranges, empty: false }) if prefilter && ranges.len() <= MAX_RANGES && bounded && !at_start => {
                Some(merge(ranges))
            }
            _ => None,
        };
        let single = first.is_some()
            && match hir.kind() {
                HirKind::Class(Class::Unicode(_)) => true,
                HirKind::Literal(lit) => std::str::from_utf8(&lit.0).is_ok_and(|t| t.chars().count() == 1),
                _ => false,
            };
        let marks = first.as_deref().map(bmp_marks).unwrap_or_default();
        let re = Engine::new(&hir)?;
        Ok(Pattern { re, first, marks, single })
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.find(haystack).is_some()
    }

    /// The leftmost-first match in `haystack`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// The leftmost-first match starting at byte `start` or later; the text before `start`
    /// still counts as context (for `^` and the like).
    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        if self.first.is_none() {
            let span = self.re.search(&Input::new(haystack).range(start..))?.span();
            return Some(Match { haystack, start: span.start, end: span.end });
        }
        let mut candidates = self.candidates(haystack, start);
        if self.single {
            let (at, c) = candidates.next()?;
            return Some(Match { haystack, start: at, end: at + c.len_utf8() });
        }
        let span = candidates.find_map(|(at, _)| self.re.search(&self.anchored(haystack, at)))?.span();
        Some(Match { haystack, start: span.start, end: span.end })
    }

    /// Every non-overlapping match, left to right.
    pub fn find_iter<'p, 'h>(&'p self, haystack: &'h str) -> Matches<'p, 'h> {
        Matches { pattern: self, haystack, at: 0, last_end: None }
    }

    /// The groups of the leftmost-first match.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// The groups of the leftmost-first match starting at byte `start` or later.
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let m = self.find_at(haystack, start)?;
        Some(self.groups_of(m))
    }

    /// The groups of every non-overlapping match, left to right.
    pub fn captures_iter<'p, 'h: 'p>(&'p self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + 'p {
        self.find_iter(haystack).map(|m| self.groups_of(m))
    }

    /// The groups of match `m`: the same search again, anchored where `m` starts, which finds
    /// `m` (leftmost-first) and fills in its groups. Only matches pay for group tracking.
    fn groups_of<'h>(&self, m: Match<'h>) -> Captures<'h> {
        let mut slots = self.re.create_captures();
        self.re.search_captures(&self.anchored(m.haystack, m.start), &mut slots);
        Captures { haystack: m.haystack, slots }
    }

    fn anchored<'h>(&self, haystack: &'h str, at: usize) -> Input<'h> {
        Input::new(haystack).range(at..).anchored(Anchored::Yes)
    }

    /// Byte offsets from `start` on (with their characters) where a match can begin.
    fn candidates<'a>(&'a self, haystack: &'a str, start: usize) -> impl Iterator<Item = (usize, char)> + 'a {
        let first = self.first.as_deref().unwrap_or(&[]);
        let bytes = haystack.as_bytes();
        // A byte loop over the UTF-8: decoding by hand and testing a bit is several times
        // cheaper than `char_indices` and a search of the ranges, and every pattern looks at
        // every character of the text.
        let mut i = if haystack.is_char_boundary(start) { start } else { bytes.len() };
        std::iter::from_fn(move || {
            while let Some(&b0) = bytes.get(i) {
                let at = i;
                let tail = |k: usize| bytes.get(at + k).map(|&b| u32::from(b & 0x3F));
                let c = if b0 < 0x80 {
                    i += 1;
                    u32::from(b0)
                } else if b0 < 0xE0 {
                    i += 2;
                    u32::from(b0 & 0x1F) << 6 | tail(1)?
                } else if b0 < 0xF0 {
                    i += 3;
                    u32::from(b0 & 0x0F) << 12 | tail(1)? << 6 | tail(2)?
                } else {
                    i += 4;
                    u32::from(b0 & 0x07) << 18 | tail(1)? << 12 | tail(2)? << 6 | tail(3)?
                };
                let marked = match self.marks.get(c as usize >> 6) {
                    Some(word) => word >> (c & 63) & 1 != 0,
                    None => char::from_u32(c).is_some_and(|ch| contains(first, ch)),
                };
                if marked {
                    return Some((at, char::from_u32(c)?));
                }
            }
            None
        })
    }
}

/// The matches of [`Pattern::find_iter`].
#[derive(Debug)]
pub struct Matches<'p, 'h> {
    pattern: &'p Pattern,
    haystack: &'h str,
    at: usize,
    last_end: Option<usize>,
}

impl<'h> Iterator for Matches<'_, 'h> {
    type Item = Match<'h>;

    /// The next match, leaving out an empty match right where the previous one ended (as the
    /// regex crate does, so "年?" finds "年" once, not "年" and then "").
    fn next(&mut self) -> Option<Match<'h>> {
        loop {
            if self.at > self.haystack.len() {
                return None;
            }
            let m = self.pattern.find_at(self.haystack, self.at)?;
            self.at = next_start(self.haystack, m.range());
            if !(m.is_empty() && self.last_end == Some(m.start)) {
                self.last_end = Some(m.end);
                return Some(m);
            }
        }
    }
}

/// The automaton: natively the meta regex (with the perf features of native builds, see
/// Cargo.toml); in the web build, whose meta regex could only run the PikeVM, the PikeVM itself.
/// Both give the same leftmost-first matches; the meta layer (strategy choice, literal
/// extraction for prefilters the web build does not have, a cache pool) cost the .wasm ~25 KB
/// before wasm-opt.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
struct Engine(regex_automata::meta::Regex);

#[cfg(not(target_arch = "wasm32"))]
impl Engine {
    fn new(hir: &Hir) -> Result<Engine, Error> {
        regex_automata::meta::Regex::builder().build_from_hir(hir).map(Engine).map_err(Error::of)
    }

    fn search(&self, input: &Input<'_>) -> Option<regex_automata::Match> {
        self.0.search(input)
    }

    fn create_captures(&self) -> Slots {
        self.0.create_captures()
    }

    fn search_captures(&self, input: &Input<'_>, slots: &mut Slots) {
        self.0.search_captures(input, slots);
    }
}

/// The web build's automaton: the PikeVM and its scratch space. A `Mutex` only so patterns
/// can live in statics: the web app's module runs on one thread (each worker has its own).
/// Native tests check it against the meta regex.
#[cfg(any(target_arch = "wasm32", test))]
#[derive(Debug)]
struct Pike {
    vm: regex_automata::nfa::thompson::pikevm::PikeVM,
    cache: std::sync::Mutex<regex_automata::nfa::thompson::pikevm::Cache>,
}

#[cfg(target_arch = "wasm32")]
use Pike as Engine;

#[cfg(any(target_arch = "wasm32", test))]
impl Pike {
    fn new(hir: &Hir) -> Result<Pike, Error> {
        use regex_automata::nfa::thompson::{pikevm::PikeVM, Compiler};
        let nfa = Compiler::new().build_from_hir(hir).map_err(Error::of)?;
        let vm = PikeVM::new_from_nfa(nfa).map_err(Error::of)?;
        let cache = std::sync::Mutex::new(vm.create_cache());
        Ok(Pike { vm, cache })
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, regex_automata::nfa::thompson::pikevm::Cache> {
        // A panic while searching aborts the web build: the cache is never left half-written.
        self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn search(&self, input: &Input<'_>) -> Option<regex_automata::Match> {
        self.vm.find(&mut self.cache(), input.clone())
    }

    fn create_captures(&self) -> Slots {
        self.vm.create_captures()
    }

    fn search_captures(&self, input: &Input<'_>, slots: &mut Slots) {
        self.vm.search(&mut self.cache(), input, slots);
    }
}

/// Where the search after a match at `m` begins: its end, or one character on when it was empty.
fn next_start(haystack: &str, m: Range<usize>) -> usize {
    if m.is_empty() {
        m.end + haystack.get(m.end..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8)
    } else {
        m.end
    }
}

fn contains(ranges: &[(char, char)], c: char) -> bool {
    match ranges.binary_search_by(|&(lo, _)| lo.cmp(&c)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => c <= ranges[i - 1].1,
    }
}

/// The characters of the Basic Multilingual Plane in `ranges`, as a bitmap.
fn bmp_marks(ranges: &[(char, char)]) -> Box<[u64]> {
    let mut marks = vec![0u64; 0x10000 / 64].into_boxed_slice();
    for &(lo, hi) in ranges {
        for c in lo as usize..=(hi as usize).min(0xFFFF) {
            marks[c >> 6] |= 1 << (c & 63);
        }
    }
    marks
}

/// Sorts and merges overlapping or adjacent ranges.
fn merge(mut ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    ranges.sort_unstable();
    let mut out: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if lo as u32 <= last.1 as u32 + 1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// What can begin a match of part of a pattern: characters, and whether it can match nothing
/// at all (then what follows it can begin the match too).
struct First {
    ranges: Vec<(char, char)>,
    empty: bool,
}

/// The first characters of `hir`, or `None` when they cannot be told (byte classes, or far too
/// many to be worth it).
fn first_chars(hir: &Hir) -> Option<First> {
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => First { ranges: Vec::new(), empty: true },
        HirKind::Literal(lit) => {
            let c = std::str::from_utf8(&lit.0).ok()?.chars().next()?;
            First { ranges: vec![(c, c)], empty: false }
        }
        HirKind::Class(Class::Unicode(class)) => {
            if class.ranges().len() > MAX_RANGES {
                return None;
            }
            First { ranges: class.ranges().iter().map(|r| (r.start(), r.end())).collect(), empty: false }
        }
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(rep) => {
            let inner = first_chars(&rep.sub)?;
            First { ranges: inner.ranges, empty: inner.empty || rep.min == 0 }
        }
        HirKind::Capture(cap) => first_chars(&cap.sub)?,
        HirKind::Concat(subs) => {
            let mut ranges = Vec::new();
            for sub in subs {
                let f = first_chars(sub)?;
                ranges.extend(f.ranges);
                if !f.empty {
                    return Some(First { ranges, empty: false });
                }
            }
            First { ranges, empty: true }
        }
        HirKind::Alternation(subs) => {
            let mut all = First { ranges: Vec::new(), empty: false };
            for sub in subs {
                let f = first_chars(sub)?;
                all.ranges.extend(f.ranges);
                all.empty |= f.empty;
            }
            all
        }
    })
}

/// Refuses what needs Unicode tables (`\w`, `\s`, `\d`, `\p{…}`, `\b`, `(?i)`): the web
/// build leaves them out, where such a pattern would fail only at run time. Natively other
/// crates may turn the tables on, so without this check a native test would not notice.
struct TablesUsed;

impl Visitor for TablesUsed {
    type Output = ();
    type Err = String;

    fn finish(self) -> Result<(), String> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), String> {
        let flags = match ast {
            Ast::ClassPerl(_) | Ast::ClassUnicode(_) => return Err("a Unicode class (spell it out, e.g. [0-9])".into()),
            Ast::Assertion(a)
                if !matches!(
                    a.kind,
                    AssertionKind::StartLine
                        | AssertionKind::EndLine
                        | AssertionKind::StartText
                        | AssertionKind::EndText
                ) =>
            {
                return Err("a word boundary".into())
            }
            Ast::Flags(f) => Some(&f.flags),
            Ast::Group(g) => match &g.kind {
                GroupKind::NonCapturing(f) => Some(f),
                _ => None,
            },
            _ => None,
        };
        match flags {
            Some(f) if f.flag_state(Flag::CaseInsensitive) == Some(true) => Err("case folding".into()),
            _ => Ok(()),
        }
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), String> {
        match item {
            ClassSetItem::Perl(_) | ClassSetItem::Unicode(_) => {
                Err("a Unicode class (spell it out, e.g. [0-9])".into())
            }
            _ => Ok(()),
        }
    }
}

/// A match: a byte range of the haystack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// Byte offset of the first byte of the match.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start..end`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.range()]
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The groups of one match; group 0 is the whole match.
#[derive(Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i`, if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let span = self.slots.get_group(i)?;
        Some(Match { haystack: self.haystack, start: span.start, end: span.end })
    }
}

impl<'h> Index<usize> for Captures<'h> {
    type Output = str;

    /// Group `i`'s text; panics when the group did not take part (as `regex` does).
    fn index(&self, i: usize) -> &str {
        self.get(i).map(|m| m.as_str()).unwrap_or_else(|| panic!("no group {i} in this match"))
    }
}

/// `text` with every regex meta character escaped.
pub fn escape(text: &str) -> String {
    regex_syntax::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    fn plain(p: &str, h: &str) -> Vec<Range<usize>> {
        let re = Regex::new(p).expect("valid");
        re.find_iter(h).map(|m| m.range()).collect()
    }

    fn ours(p: &str, h: &str) -> Vec<Range<usize>> {
        Pattern::build(p, true).expect("valid").find_iter(h).map(|m| m.range()).collect()
    }

    #[test]
    fn first_characters_are_found() {
        let p = Pattern::build(r"(同比|(?:较|比)(?:上年|去年))(增长|下降)", true).expect("valid");
        assert_eq!(p.first.as_deref(), Some(&[('同', '同'), ('比', '比'), ('较', '较')][..]));
        let p = Pattern::build(r"(?:第[一二])?[0-9]{1,6}个", true).expect("valid");
        assert_eq!(p.first.as_deref(), Some(&[('0', '9'), ('第', '第')][..]));
        // Can match the empty string: every position is a candidate.
        assert!(Pattern::new(r"(?:和|及)?").expect("valid").first.is_none());
        // Only at the start of the text, or unbounded: the plain search.
        assert!(Pattern::new(r"^(?:和|及)").expect("valid").first.is_none());
        assert!(Pattern::build(r"(?m)^(?:和|及)", true).expect("valid").first.is_some());
        assert!(Pattern::build(r"(?m)^(?:和|及)", false).expect("valid").first.is_none());
        assert!(Pattern::new(r"和 *及").expect("valid").first.is_none());
    }

    #[test]
    fn a_one_character_pattern_needs_no_automaton() {
        let p = Pattern::build(r"[一二三]", true).expect("valid");
        assert!(p.single);
        assert_eq!(p.find_iter("统一二x三").map(|m| m.as_str()).collect::<Vec<_>>(), ["一", "二", "三"]);
        // Look-arounds, or more than one character: the automaton decides.
        for q in [r"(?m)^[一二]", r"[一二]{1,2}", r"一二", r"一|二三"] {
            assert!(!Pattern::build(q, true).expect("valid").single, "{q}");
        }
        assert!(Pattern::build(r"一", true).expect("valid").single);
    }

    #[test]
    fn same_matches_as_a_plain_search() {
        let cases = [
            (r"同比(增长|下降)[0-9]+%", "全年同比增长12%，同比下降3%，同比持平。"),
            (r"(?:较|比)上年度?(增|减)", "比上年增加，较上年度减少，比上年度增"),
            (r"^(?:和|及|、)(增长)?", "和增长、及"),
            (r"[0-9]{4}年", "2023年和1999年以及12年"),
            (r"(19|20)[0-9]{2}[ ]*年", "在2021 年，又于 2022年"),
            (r"a|ab|abc", "xxabcab a"),
            (r"下一步|今后", "下一步，今后，下一步"),
        ];
        for (p, h) in cases {
            assert_eq!(ours(p, h), plain(p, h), "{p} on {h}");
        }
    }

    #[test]
    fn context_before_start_is_kept() {
        let p = Pattern::build(r"(?m)^和", true).expect("valid");
        assert_eq!(
            p.find_at("和和", 3),
            None,
            "(?m)^ looks at the character before the search, not at where it starts"
        );
        assert_eq!(p.find_at("和和", 0).map(|m| m.range()), Some(0..3));
        assert_eq!(p.find_at("和\n和", 3).map(|m| m.range()), Some(4..7), "after a line break it may match");
    }

    #[test]
    fn captures_agree_with_find() {
        let p = Pattern::build(r"(同比|环比)(增长|下降)?([0-9]{1,9})", true).expect("valid");
        let h = "同比12，环比下降3，同比增长45";
        let caps: Vec<_> =
            p.captures_iter(h).map(|c| (c[1].to_string(), c.get(2).map(|m| m.as_str()), c[3].to_string())).collect();
        assert_eq!(
            caps,
            vec![
                ("同比".to_string(), None, "12".to_string()),
                ("环比".to_string(), Some("下降"), "3".to_string()),
                ("同比".to_string(), Some("增长"), "45".to_string())
            ]
        );
        assert_eq!(p.find_iter(h).count(), 3);
        assert!(p.is_match(h));
        assert!(!p.is_match("同比"));
    }

    #[test]
    fn invalid_patterns_are_errors() {
        assert!(Pattern::new(r"(").is_err());
        // The web build has no Unicode class tables: refused on every build, so a pattern that
        // needs one fails here, natively, rather than at run time in the browser.
        for p in [r"\w", r"\s+", r"[\d]", r"(?i)abc", r"\p{Han}", r"\b"] {
            assert!(Pattern::new(p).is_err(), "{p}");
        }
        assert!(Pattern::new(r"[0-9a-z]\.").is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const PATTERNS: &[&str] = &[
            r"(同比|环比|(?:较|比)(?:上一?年度?|去年))(?:,)?(?:分别)?(增长|下降|减少)了?",
            r"^(?:和|及|、|,)(增长|下降)?了?",
            r"[一二三四五六七八九十]{1,3}[、是]",
            r"(19|20)[0-9]{2}年",
            r"下一步|今后|将(进一步|继续)",
            r"受[^。,;]{1,12}影响",
            r"年?",
            r"[一二三四五六七八九十]",
            r"(?m)^[一二]|[三是]",
            r"同比|与上年|a",
        ];

        proptest! {
            #[test]
            fn prefiltered_search_equals_plain_search(
                i in 0..PATTERNS.len(),
                h in "[同比较上年度去增长下降减少和及、,分别了一二三是十0-9受影响。将进步今后与此 a\n]{0,40}",
            ) {
                let p = PATTERNS[i];
                prop_assert_eq!(ours(p, &h), plain(p, &h));
                let pat = Pattern::build(p, true).expect("valid");
                let re = Regex::new(p).expect("valid");
                let mut slots = re.create_captures();
                for start in h.char_indices().map(|(i, _)| i).take(5) {
                    re.search_captures(&Input::new(&h).range(start..), &mut slots);
                    let want: Vec<_> = (0..slots.group_len()).map(|g| slots.get_group(g).map(|s| s.range())).collect();
                    let got: Vec<_> = match pat.captures_at(&h, start) {
                        Some(c) => (0..slots.group_len()).map(|g| c.get(g).map(|m| m.range())).collect(),
                        None => vec![None; slots.group_len()],
                    };
                    let want = if slots.is_match() { want } else { vec![None; slots.group_len()] };
                    prop_assert_eq!(got, want);
                }
            }

            /// The web build's PikeVM finds what the native meta regex finds, groups included,
            /// unanchored and anchored.
            #[test]
            fn pikevm_equals_meta_regex(
                i in 0..PATTERNS.len(),
                h in "[同比较上年度去增长下降减少和及、,分别了一二三是十0-9受影响。将进步今后与此 a\n]{0,40}",
            ) {
                let p = PATTERNS[i];
                let hir = regex_syntax::Parser::new().parse(p).expect("valid");
                let pike = Pike::new(&hir).expect("valid");
                let meta = Engine::new(&hir).expect("valid");
                let (mut a, mut b) = (pike.create_captures(), meta.create_captures());
                for start in h.char_indices().map(|(i, _)| i).chain([h.len()]) {
                    for anchored in [Anchored::No, Anchored::Yes] {
                        let input = Input::new(&h).range(start..).anchored(anchored);
                        prop_assert_eq!(pike.search(&input), meta.search(&input));
                        pike.search_captures(&input, &mut a);
                        meta.search_captures(&input, &mut b);
                        let groups = |c: &Slots| (0..c.group_len()).map(|g| c.get_group(g)).collect::<Vec<_>>();
                        prop_assert_eq!(groups(&a), groups(&b));
                    }
                }
            }
        }
    }
}
