//! Key indicators: the canonical taxonomy of `docs/domain.md`, as data, and its matching.
//!
//! A figure's subject is often named once for a run of clauses: in "共收到行政复议申请93宗,
//! 受理83宗,办结86宗" the last two counts inherit 行政复议 from the first clause. The matcher
//! therefore reads each figure at widening distances and takes the subject from the nearest
//! that names one:
//!
//! - *local*: the figure's own list item, cut at the neighbouring figures and at the 、/和/及/与
//!   between them ("…建议74件、市政协提案28件", but "人大代表建议和政协提案共320件" is one item);
//! - *clause*: up to the surrounding commas, without the other figures' list items;
//! - the indicator phrase `figures` gave the figure (it may borrow a neighbour's words, so it
//!   only comes third);
//! - *sentence*: the nearest earlier clause (up to the last 。/;) that names a subject, which
//!   only a clause carrying one of an indicator's keys may inherit (受理, 办结, 败诉, 纠正率…).
//!
//! Keys are read in the whole clause before the figure (a verb governs the list after it) and
//! in the figure's own words after it; the nearest key picks the indicator within a group.
//! Words that rule an indicator out are read where the subject was found. After "其中", items
//! without a verb of their own only break down the figure before and are dropped; a fact
//! restated in the same words is listed once.
//!
//! The taxonomy itself lives in [`taxonomy`]; adding an indicator touches nothing here.

pub(crate) mod describe;
mod lexicon;
pub mod taxonomy;

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use crate::normalize::Normalized;
use crate::report::{Figure, KeyValue};

use crate::text::boundary::{
    back_edge, back_to, ends_clause, ends_statement, forward_edge, forward_to, inside_brackets, joins_items,
    CLAUSE_LIMIT, SENTENCE_LIMIT,
};
use lexicon::{bit, lexicon, members, within, Hit, Lexicon, Set};

pub use taxonomy::{label, rank, Indicator, TAXONOMY};

/// Distance given to a key found only in the indicator phrase or carried over from the
/// previous figure: any key in the clause itself is nearer.
const FAR: usize = 10_000;

/// Maps figures to canonical key-indicator ids. Each value keeps the clause it comes from as
/// printed (`evidence`) and the index of its figure (`metric`). [`attach_in`] for a report
/// whose region is known.
#[cfg(test)]
pub fn attach(view: &Normalized, figures: &[Figure]) -> BTreeMap<String, Vec<KeyValue>> {
    attach_in(view, figures, None)
}

/// [`attach`] for a report of `region` (`Meta::region`), which the values' scopes are read
/// against ("市" in a 区's report is a level above it). Each value says what it counts and
/// whether it is its indicator's headline (see [`describe`]).
pub fn attach_in(view: &Normalized, figures: &[Figure], region: Option<&str>) -> BTreeMap<String, Vec<KeyValue>> {
    let text = view.text.as_str();
    let lex = lexicon();
    let spans: Vec<Range<usize>> = figures
        .iter()
        .map(|f| {
            let s = view.view_offset(f.start);
            s..view.view_offset(f.end).max(s)
        })
        .collect();
    let mut contexts: Vec<Option<Context>> = Vec::with_capacity(spans.len());
    for i in 0..spans.len() {
        let prev = contexts.last().and_then(Option::as_ref);
        contexts.push(Context::new(text, &spans, i, prev));
    }
    // Only the text some figure looks at (its sentence up to the end of its clause) is scanned
    // for words: in a report, barely half of it.
    let mut hits = Vec::new();
    let mut window: Option<Range<usize>> = None;
    for c in contexts.iter().flatten() {
        let w = c.sentence..c.clause.end.max(c.local.end);
        match &mut window {
            Some(cur) if w.start <= cur.end => cur.end = cur.end.max(w.end),
            _ => {
                if let Some(done) = window.replace(w) {
                    lex.scan_into(text, done, &mut hits);
                }
            }
        }
    }
    if let Some(done) = window {
        lex.scan_into(text, done, &mut hits);
    }
    // Figures out of document order (not from `figures`) would leave the hits unsorted.
    if !hits.is_sorted_by_key(|h| h.start) {
        crate::order::by_offset(&mut hits, |h| h.start);
        hits.dedup_by_key(|h| (h.start, h.word));
    }
    let mut found: Vec<Set> = vec![0; figures.len()];
    let mut picks: Vec<Pick> = Vec::new();
    for (i, (ctx, figure)) in contexts.iter().zip(figures).enumerate() {
        let Some(ctx) = ctx else { continue };
        let m = Matcher { lex, text, hits: &hits, spans: &spans, contexts: &contexts, found: &found };
        let ids = m.match_figure(ctx, figure);
        found[i] = ids;
        for k in members(ids).take_while(|&k| k < TAXONOMY.len()) {
            picks.push(Pick {
                entry: k,
                figure: i,
                local: ctx.local.clone(),
                clause: ctx.clause.clone(),
                alone: ctx.alone,
                fig: ctx.fig.clone(),
                sentence: ctx.sentence,
            });
        }
    }
    let facts = Facts { spans: &spans, found: &found, body: describe::Body::of(region) };
    collect(view, figures, dedupe(text, figures, picks), &facts)
}

/// One figure given one id.
struct Pick {
    entry: usize,
    figure: usize,
    local: Range<usize>,
    clause: Range<usize>,
    /// True when the figure is the only one in its clause.
    alone: bool,
    /// The figure in the view.
    fig: Range<usize>,
    /// Start of its statement.
    sentence: usize,
}

/// What `collect` reads besides the picks: every figure's place and ids, and the body.
struct Facts<'a> {
    spans: &'a [Range<usize>],
    found: &'a [Set],
    body: describe::Body<'a>,
}

/// Where a figure sits in the view.
struct Context {
    /// Index of the figure.
    index: usize,
    /// The figure itself.
    fig: Range<usize>,
    /// Its list item: from the previous figure or connector to the next.
    local: Range<usize>,
    /// Its clause (between commas).
    clause: Range<usize>,
    /// Start of its sentence.
    sentence: usize,
    /// True when no other figure shares the clause.
    alone: bool,
}

impl Context {
    /// The context of figure `i` (`prev` is that of figure `i - 1`), or `None` when the figure
    /// sits inside brackets ("(含3宗…)"): such figures break down the count before them.
    fn new(text: &str, spans: &[Range<usize>], i: usize, prev: Option<&Context>) -> Option<Context> {
        let fig = spans.get(i)?.clone();
        // Figures of one sentence share its start; look back only when a break intervenes.
        let sentence = match prev {
            Some(p) if p.fig.end <= fig.start && !text[p.fig.end..fig.start].contains(ends_statement) => {
                if fig.start - p.sentence <= SENTENCE_LIMIT {
                    p.sentence
                } else if !text[p.fig.start..p.fig.end].contains(ends_statement) {
                    // No break since the previous figure's sentence start either, so a scan
                    // back would stop at its limit or at that start: without rescanning,
                    // which on a long text without breaks costs the whole limit per figure.
                    back_edge(text, fig.start, 0, SENTENCE_LIMIT).max(p.sentence)
                } else {
                    back_to(text, fig.start, 0, SENTENCE_LIMIT, ends_statement)
                }
            }
            _ => back_to(text, fig.start, 0, SENTENCE_LIMIT, ends_statement),
        };
        // The clause edges, reusing the previous figure's scans when no clause break lies
        // between the two figures: then the scan back stops where the previous one did (or
        // at its own limit), and the scan forward need not look again at what the previous
        // one saw. Same answers as fresh scans; on a long text without breaks it saves
        // the whole limit per figure.
        let quiet = prev.filter(|p| p.fig.end <= fig.start && !text[p.fig.start..fig.start].contains(ends_clause));
        let cs = match quiet {
            Some(p) => back_edge(text, fig.start, sentence, CLAUSE_LIMIT).max(p.clause.start),
            None => back_to(text, fig.start, sentence, CLAUSE_LIMIT, ends_clause),
        };
        let ce = match quiet.filter(|p| p.clause.end > fig.end) {
            Some(p) => {
                let to = forward_edge(text, fig.end, text.len(), CLAUSE_LIMIT);
                let from = p.clause.end.min(to);
                forward_to(text, from, to, to - from, ends_clause)
            }
            None => forward_to(text, fig.end, text.len(), CLAUSE_LIMIT, ends_clause),
        };
        if inside_brackets(&text[cs..fig.start]) {
            return None;
        }
        let prev_end = i.checked_sub(1).and_then(|j| spans.get(j)).map(|s| s.end).filter(|&e| e > cs && e <= fig.start);
        let next_start = spans.get(i + 1).map(|s| s.start).filter(|&s| s < ce && s >= fig.end);
        // A connector ends the item only where it separates this figure from another one:
        // "…建议74件、市政协提案28件" yes, "人大代表建议和政协提案共320件" no.
        let mut ls = match prev_end {
            Some(pe) => back_to(text, fig.start, pe, CLAUSE_LIMIT, joins_items),
            None => cs,
        };
        // "42场次11000人次": a figure right after another shares its item.
        if let (Some(pe), Some(p)) = (prev_end, prev) {
            if ls == pe && !text[pe..fig.start].chars().any(crate::script::is_han) && p.clause.start == cs {
                ls = p.local.start;
            }
        }
        let le = match next_start {
            Some(ns) => forward_to(text, fig.end, ns, CLAUSE_LIMIT, joins_items),
            None => ce,
        };
        let alone = prev_end.is_none() && next_start.is_none();
        Some(Context { index: i, fig, local: ls..le, clause: cs..ce, sentence, alone })
    }
}

/// What the words of one stretch of text say, for all entries at once.
#[derive(Default, Clone, Copy)]
struct Words {
    topic: Set,
    exclude: Set,
    verb: bool,
}

impl Words {
    fn add(&mut self, lex: &Lexicon, h: &Hit) {
        let r = lex.roles(h);
        self.topic |= r.topic;
        self.exclude |= r.exclude;
        self.verb |= r.verb;
    }
}

/// Most figures of one clause looked at when telling a figure's words from its neighbours'.
const MAX_NEIGHBOURS: usize = 16;

/// Everything the matching of one figure reads.
struct Matcher<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    hits: &'a [Hit],
    spans: &'a [Range<usize>],
    contexts: &'a [Option<Context>],
    /// Ids already given to earlier figures.
    found: &'a [Set],
}

impl Matcher<'_> {
    /// The words of `range` among `hits`, leaving out the figure itself.
    fn words(&self, hits: &[Hit], range: &Range<usize>, fig: &Range<usize>) -> Words {
        let mut w = Words::default();
        for h in within(hits, range.start, fig.start).chain(within(hits, fig.end, range.end)) {
            w.add(self.lex, h);
        }
        w
    }

    /// The other figures of `ctx`'s clause (at most `MAX_NEIGHBOURS` a side): they are the
    /// figures next to it, so an index range of `contexts` (with `ctx` itself inside).
    fn neighbours(&self, ctx: &Context) -> Range<usize> {
        let i = ctx.index;
        let same = |j: &usize| self.contexts.get(*j).and_then(Option::as_ref).is_some_and(|c| c.clause == ctx.clause);
        let lo = (i.saturating_sub(MAX_NEIGHBOURS)..i).rev().take_while(same).last().unwrap_or(i);
        let hi = (i + 1..i + 1 + MAX_NEIGHBOURS).take_while(same).last().map_or(i + 1, |j| j + 1);
        lo..hi
    }

    /// The set of taxonomy entries the figure counts (at most one per group).
    fn match_figure(&self, ctx: &Context, figure: &Figure) -> Set {
        let (lex, text) = (self.lex, self.text);
        let fig = &ctx.fig;
        let allowed = unit_entries(&figure.unit);
        if allowed == 0 {
            return 0;
        }
        // Every range looked at lies in the sentence up to the clause end: search all hits once.
        let hits = {
            let all = self.hits;
            let from = all.partition_point(|h| h.start < ctx.sentence);
            let to = from + all[from..].partition_point(|h| h.start < ctx.clause.end.max(ctx.local.end));
            &all[from..to]
        };
        let near = self.neighbours(ctx);
        let others = self.contexts[near.clone()].iter().zip(near).filter(|(_, j)| *j != ctx.index).flat_map(|(c, _)| c);
        let mine = |h: &&Hit| !others.clone().any(|c| h.start >= c.local.start && h.end <= c.local.end);

        let local = self.words(hits, &ctx.local, fig);
        // The clause without the other figures' list items.
        let mut clause = Words::default();
        for h in within(hits, ctx.clause.start, fig.start).chain(within(hits, fig.end, ctx.clause.end)).filter(mine) {
            clause.add(lex, h);
        }
        let sentence = self.words(hits, &(ctx.sentence..fig.start), &(fig.start..fig.start));
        // The indicator phrase `figures` gave the figure: a fallback only, since it may borrow
        // words from a neighbouring list item ("办理人大建议和政协提案" for the first count).
        let phrase_words = || {
            let (mut topics, mut keys) = (0, 0);
            lex.visit(&figure.indicator, 0..figure.indicator.len(), |h| {
                let r = lex.roles(&h);
                topics |= r.topic;
                keys |= r.key;
            });
            (topics, keys)
        };
        let mut phrase_keys = 0;

        // The subject: named next to the figure, else in its clause, else in the phrase, else
        // carried over from an earlier clause; the words ruling an entry out are read where
        // the subject was found.
        let (topics, mut exclude, inherited) = if local.topic != 0 {
            (local.topic, local.exclude, false)
        } else if clause.topic != 0 {
            (clause.topic, local.exclude | clause.exclude, false)
        } else {
            let (phrase_topics, keys) = phrase_words();
            phrase_keys = keys;
            if phrase_topics != 0 {
                (phrase_topics, local.exclude | clause.exclude, false)
            } else {
                // Not the words ruling entries out there: "拟保留…文件11件,已废止1件" is a 废止.
                (inherited_topics(lex, text, hits, ctx), local.exclude | clause.exclude, true)
            }
        };
        let all_topics = topics | local.topic | clause.topic | sentence.topic;

        // Key distances: any key before the figure in its clause (a verb governs the list
        // after it), or one after it outside the other figures' items, counting a little less.
        let mut dist = [usize::MAX; 128];
        // A key inside a word that rules its entry out is no key ("培训机构").
        let live = |h: &Hit| {
            let mut keys = lex.roles(h).key & allowed;
            if keys != 0 {
                for x in within(hits, ctx.clause.start, ctx.clause.end) {
                    if x.start <= h.start && h.end <= x.end && (x.start, x.end) != (h.start, h.end) {
                        keys &= !lex.roles(x).exclude;
                    }
                }
            }
            keys
        };
        for h in within(hits, ctx.clause.start, fig.start) {
            set_nearer(&mut dist, live(h), fig.start - h.end);
        }
        for h in within(hits, fig.end, ctx.clause.end).filter(mine) {
            set_nearer(&mut dist, live(h), h.start - fig.end + 20);
        }
        set_nearer(&mut dist, phrase_keys, FAR);

        // Per group, the entry picked so far: (group, entry, keyed, distance).
        let groups = groups();
        let mut best: Vec<(usize, usize, bool, usize)> = Vec::new();
        for k in members(allowed) {
            let Some(e) = TAXONOMY.get(k) else { break };
            let b = bit(k);
            let topic_ok = e.topics.is_empty() || topics & b != 0 || (e.sentence_topic && all_topics & b != 0);
            if !topic_ok {
                continue;
            }
            if e.sentence_topic {
                exclude |= sentence.exclude & b;
            }
            if exclude & b != 0 {
                continue;
            }
            let mut keyed = !e.keys.is_empty();
            let mut d = 0;
            if keyed {
                d = dist[k];
                if d == usize::MAX {
                    if !inherited && continues(text, self.found, self.spans, ctx, k) {
                        // "…制定区规范性文件8件,部门规范性文件7件": the second count takes the
                        // first's key.
                        d = FAR;
                    } else if e.key_optional && !inherited {
                        keyed = false;
                        d = 0;
                    } else {
                        continue;
                    }
                }
            } else if inherited && !e.topics.is_empty() && !e.sentence_topic {
                // Only a key can pick up a subject from an earlier clause.
                continue;
            }
            // One id per group: a keyed entry beats a plain one, the nearer key beats the
            // farther, and on a tie the earlier entry stays.
            match best.iter_mut().find(|b| b.0 == groups[k]) {
                Some(b) if (!keyed, d) < (!b.2, b.3) => *b = (groups[k], k, keyed, d),
                Some(_) => {}
                None => best.push((groups[k], k, keyed, d)),
            }
        }

        let ids: Set = best.iter().fold(0, |ids, b| ids | bit(b.1));
        ids & !broken_down(lex, hits, ctx, self.found, self.spans, ids, clause.verb || local.verb)
    }
}

/// For each taxonomy entry, a number naming its group (the first entry of that group), so
/// that figures compare groups as numbers.
fn groups() -> &'static [usize] {
    static GROUPS: OnceLock<Vec<usize>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        TAXONOMY.iter().map(|e| TAXONOMY.iter().position(|f| f.group == e.group).unwrap_or(0)).collect()
    })
}

/// The entries whose units include `unit`.
fn unit_entries(unit: &str) -> Set {
    // A dozen units: a list beats hashing the unit for every figure.
    static UNITS: OnceLock<Vec<(&'static str, Set)>> = OnceLock::new();
    let units = UNITS.get_or_init(|| {
        let mut m: Vec<(&'static str, Set)> = Vec::new();
        for (k, e) in TAXONOMY.iter().enumerate() {
            for &u in e.units {
                match m.iter_mut().find(|(v, _)| *v == u) {
                    Some((_, set)) => *set |= bit(k),
                    None => m.push((u, bit(k))),
                }
            }
        }
        m
    });
    // An inline comparison: memcmp's call costs more than these few bytes.
    let same = |u: &str| u.len() == unit.len() && u.bytes().zip(unit.bytes()).all(|(a, b)| a == b);
    units.iter().find(|(u, _)| same(u)).map_or(0, |(_, set)| *set)
}

fn set_nearer(dist: &mut [usize; 128], keys: Set, d: usize) {
    let mut ks = keys;
    while ks != 0 {
        let k = ks.trailing_zeros() as usize;
        ks &= ks - 1;
        if let Some(slot) = dist.get_mut(k) {
            *slot = (*slot).min(d);
        }
    }
}

/// Topics of the nearest earlier clause of the sentence that names any.
fn inherited_topics(lex: &Lexicon, text: &str, hits: &[Hit], ctx: &Context) -> Set {
    let last = within(hits, ctx.sentence, ctx.clause.start).filter(|h| lex.roles(h).topic != 0).last();
    let Some(h) = last else { return 0 };
    let from = back_to(text, h.start, ctx.sentence, CLAUSE_LIMIT, ends_clause);
    let to = forward_to(text, h.end, ctx.clause.start, CLAUSE_LIMIT, ends_clause);
    within(hits, from, to).fold(0, |t, g| t | lex.roles(g).topic)
}

/// True when the previous figure got entry `k` and sits in the same sentence, in this clause
/// or the one just before.
fn continues(text: &str, found: &[Set], spans: &[Range<usize>], ctx: &Context, k: usize) -> bool {
    let Some(j) = ctx.index.checked_sub(1) else { return false };
    let (Some(&ids), Some(prev)) = (found.get(j), spans.get(j)) else { return false };
    if ids & bit(k) == 0 || prev.end < ctx.sentence || prev.end > ctx.fig.start {
        return false;
    }
    text[prev.end..ctx.fig.start].chars().filter(|&c| ends_clause(c)).count() <= 1
}

/// Entries of `ids` that only break down an earlier figure of the same id: after "其中", a
/// clause without a verb of its own ("…受理法律援助案件685宗,其中…妇女法律援助案件195宗").
fn broken_down(
    lex: &Lexicon,
    hits: &[Hit],
    ctx: &Context,
    found: &[Set],
    spans: &[Range<usize>],
    ids: Set,
    has_verb: bool,
) -> Set {
    if has_verb || ids == 0 {
        return 0;
    }
    let Some(mark) = within(hits, ctx.sentence, ctx.fig.start).filter(|h| lex.roles(h).breakdown).last() else {
        return 0;
    };
    let head = (0..ctx.index)
        .rev()
        .take_while(|&j| spans.get(j).is_some_and(|s| s.start >= ctx.sentence))
        .find(|&j| spans.get(j).is_some_and(|s| s.end <= mark.start) && found.get(j).is_some_and(|&f| f != 0));
    head.and_then(|j| found.get(j)).map_or(0, |&f| f & ids)
}

/// The Han characters of a figure's list item, without the figure: what two mentions of the
/// same fact share ("2023年开展行政执法案卷评查活动3次" / "开展行政执法案卷评查活动3次").
fn phrase(text: &str, local: &Range<usize>, fig: &Range<usize>) -> String {
    let (a, b) = (text.get(local.start..fig.start).unwrap_or(""), text.get(fig.end..local.end).unwrap_or(""));
    a.chars().chain(b.chars()).filter(|&c| crate::script::is_han(c)).collect()
}

/// Earlier values of one id, value and unit compared with a new one: a bound that keeps
/// the pass linear on hostile input.
const MAX_REPEATS: usize = 8;

/// An earlier kept value of the same id, value and unit: its index in `kept`, and its words
/// once they have been read.
type Earlier = (usize, Option<String>);

/// Drops a value that repeats an earlier one of the same id, unit and words: reports restate
/// a count in a later paragraph, and the keys list the fact once.
fn dedupe(text: &str, figures: &[Figure], picks: Vec<Pick>) -> Vec<Pick> {
    // Most values are told once: their words are only read (and a string made) when a value
    // of the same id and unit comes again. Keys are small and made by this function, so a
    // plain multiplicative hash does; SipHash's protection against chosen keys is not needed.
    let mut seen: HashMap<(usize, u64, &str), Vec<Earlier>, BuildHasherDefault<MixHasher>> = HashMap::default();
    let mut kept: Vec<Pick> = Vec::with_capacity(picks.len());
    for p in picks {
        let Some(f) = figures.get(p.figure) else { continue };
        let earlier = seen.entry((p.entry, f.value.to_bits(), f.unit.as_str())).or_default();
        if !earlier.is_empty() {
            let words = phrase(text, &p.local, &p.fig);
            let mut repeated = false;
            for (k, known) in earlier.iter_mut() {
                let q = known.get_or_insert_with(|| phrase(text, &kept[*k].local, &kept[*k].fig));
                if same_words(q, &words) {
                    repeated = true;
                    break;
                }
            }
            if repeated {
                continue;
            }
            if earlier.len() < MAX_REPEATS {
                earlier.push((kept.len(), Some(words)));
            }
        } else {
            earlier.push((kept.len(), None));
        }
        kept.push(p);
    }
    kept
}

/// A small, fast hasher for keys of a few integers and a short string (FxHash's mixing).
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// True when one phrase holds the other almost whole.
fn same_words(a: &str, b: &str) -> bool {
    let (na, nb) = (a.chars().count(), b.chars().count());
    let (short, long, ns, nl) = if na <= nb { (a, b, na, nb) } else { (b, a, nb, na) };
    ns > 0 && long.contains(short) && ns * 5 >= nl * 4
}

/// Groups the picks by id, in document order, each value described (what it counts, its
/// printed form and statement) and one per id marked as the headline.
fn collect(view: &Normalized, figures: &[Figure], picks: Vec<Pick>, facts: &Facts) -> BTreeMap<String, Vec<KeyValue>> {
    let text = view.text.as_str();
    let groups = groups();
    // By entry index first: the map's string keys are compared once per id, not per value.
    let mut by_entry: Vec<Vec<KeyValue>> = Vec::new();
    // Per entry, the previous value's figure and measure: a list item naming no measure
    // continues the one before.
    let mut last: Vec<Option<(Range<usize>, &'static str)>> = Vec::new();
    for p in picks {
        let Some(f) = figures.get(p.figure) else { continue };
        let entry = &TAXONOMY[p.entry];
        let evidence_range = if p.alone { p.clause.clone() } else { p.local.clone() };
        // As printed, without the pinyin noise the view dropped.
        let evidence = trimmed(view.printed(evidence_range));
        if by_entry.len() <= p.entry {
            by_entry.resize_with(p.entry + 1, Vec::new);
            last.resize(p.entry + 1, None);
        }
        let place = describe::Place { text, fig: p.fig.clone(), local: p.local.clone(), clause: p.clause.clone() };
        let mut counts = describe::describe(entry, &place, &facts.body);
        if counts.measure.is_empty() {
            if let Some((prev, measure)) = &last[p.entry] {
                if describe::continues(text, prev, &p.fig) {
                    counts.measure = measure;
                }
            }
        }
        last[p.entry] = Some((p.fig.clone(), counts.measure));
        // After "其中", a count breaking down another subject's figure is a part of it.
        // (Unless the statement counts this subject before: "受理…19宗,不予受理2宗,其中办结11宗".)
        let part_of = describe::breakdown_mark(text, p.sentence, p.fig.start)
            .and_then(|mark| {
                let spans = facts.spans;
                let earlier: Vec<usize> = (0..p.figure)
                    .rev()
                    .take_while(|&j| spans.get(j).is_some_and(|s| s.start >= p.sentence))
                    .filter(|&j| spans.get(j).is_some_and(|s| s.end <= mark))
                    .collect();
                let same_group = |j: &usize| {
                    members(facts.found.get(*j).copied().unwrap_or(0)).any(|k| groups.get(k) == groups.get(p.entry))
                };
                if earlier.iter().any(same_group) {
                    return None;
                }
                earlier.first().and_then(|&head| figures.get(head)).map(|h| h.indicator.clone())
            })
            .unwrap_or_default();
        by_entry[p.entry].push(KeyValue {
            value: f.value,
            unit: f.unit.clone(),
            qualifier: qualifier(&view.text, entry, f, &p),
            evidence,
            metric: Some(p.figure),
            approx: f.approx,
            printed: trimmed(view.printed(describe::printed_range(text, &p.fig, f.approx))),
            unit_class: crate::report::unit_class(&f.unit),
            scope: counts.scope,
            measure: counts.measure.to_string(),
            subgroup: counts.subgroup,
            part_of,
            headline: false,
            sentence: trimmed(view.printed(describe::statement(text, p.sentence, &p.fig))),
        });
    }
    let mut out: BTreeMap<String, Vec<KeyValue>> = BTreeMap::new();
    for (k, mut values) in by_entry.into_iter().enumerate().filter(|(_, v)| !v.is_empty()) {
        describe::mark_headline(&TAXONOMY[k], &mut values);
        out.entry(TAXONOMY[k].id.to_string()).or_default().extend(values);
    }
    out
}

/// True when `needle` occurs in `hay`. For the few dozen bytes of a list item a plain scan
/// beats `str::contains`, whose searcher costs more to set up than the search itself.
fn holds(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(&first) => h.len() >= n.len() && (0..=h.len() - n.len()).any(|i| h[i] == first && h[i..].starts_with(n)),
    }
}

/// `s` without leading and trailing whitespace, reusing its buffer.
fn trimmed(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
    s
}

/// What the value counts, in simplified script: the figure's own list item when it names the
/// subject ("高效办理人大建议"), else the indicator phrase `figures` gave it (which may carry a
/// subject named clauses earlier, or borrow a neighbour's words).
fn qualifier(text: &str, entry: &Indicator, f: &Figure, p: &Pick) -> String {
    // The item is read as its two halves around the figure, trimmed at its outer ends; a
    // String is only made for the answer.
    let not_word =
        |c: char| c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '、' | ',' | '。' | ';' | ':');
    let mut before = text.get(p.local.start..p.fig.start).unwrap_or("").trim_start_matches(not_word);
    let mut after = text.get(p.fig.end..p.local.end).unwrap_or("").trim_end_matches(not_word);
    if after.is_empty() {
        before = before.trim_end_matches(not_word);
    }
    if before.is_empty() {
        after = after.trim_start_matches(not_word);
    }
    // As in the item read whole: a word may also run on from one half into the other.
    let joined = |w: &str| {
        holds(before, w)
            || holds(after, w)
            || (1..w.len()).any(|k| w.is_char_boundary(k) && before.ends_with(&w[..k]) && after.starts_with(&w[k..]))
    };
    let names_subject = || entry.topics.is_empty() || entry.topics.iter().any(|t| joined(t));
    // Digits mean a year or a neighbouring figure ("…培训42场次11000人次"): the phrase reads better.
    let clean = !before.bytes().chain(after.bytes()).any(|b| b.is_ascii_digit());
    let empty = before.is_empty() && after.is_empty();
    if (clean && !empty && names_subject()) || f.indicator.trim().is_empty() {
        let mut own = String::with_capacity(before.len() + after.len());
        own.push_str(before);
        own.push_str(after);
        own
    } else {
        f.indicator.clone()
    }
}

#[cfg(test)]
mod tests;
