//! A mutator for text, used by both targets beside libFuzzer's own byte mutations.
//!
//! libFuzzer changes bytes; in Chinese text most byte changes break a three-byte character into
//! U+FFFD, and the shapes that matter (a breadcrumb line, a header run, a heading marker, a line
//! break lost) are rarely reached. Half of the time this mutator edits the text as characters
//! instead, one to three edits at a time, each keeping the text valid UTF-8:
//!
//! - swap a character for a lookalike that pages print in the same place but with another UTF-8
//!   width (`>` ↔ `»` ↔ `＞`, `:` ↔ `：`, space ↔ U+3000…): code that steps over "one separator"
//!   by a fixed byte count breaks on exactly this (issue 21);
//! - insert a word of `fuzz/dict/page.dict` (the same dictionary libFuzzer gets), at the start of
//!   a line (where chrome and headings live) or anywhere;
//! - join two lines or split one (copied pages lose and gain line breaks), move a line to the
//!   top, duplicate or delete one, delete a few characters.
//!
//! The other half goes to libFuzzer's own mutations (with the dictionary and its comparison
//! tracing), so nothing that found bugs before is lost.

use std::sync::OnceLock;

/// Characters printed in the same places, of different UTF-8 widths (1 to 4 bytes).
const LOOKALIKES: [&[char]; 9] = [
    // Breadcrumb separators.
    &['>', '»', '›', '＞', '→', '/', '|', '》', '〉', '≫', '﹥', '＼', '∣', '▶', '·', '—', '-', '⇒', '𝄆'],
    &[':', '：', '∶', '﹕'],
    &[' ', '\u{3000}', '\u{a0}', '\t', '\u{2002}', '\u{200b}', '\u{feff}'],
    &['(', '（', '[', '【', '〔', '﹙', '<', '《', '「'],
    &[')', '）', ']', '】', '〕', '﹚', '>', '》', '」'],
    &['。', '.', '．', '｡', '！', '!', '？', '?', '；', ';'],
    &[',', '，', '、', '﹐', '､'],
    &['%', '％', '‰', '﹪'],
    &['0', '1', '9', '０', '１', '〇', '一', '十', '百', '万', '亿', '两', '𝟎'],
];

/// The dictionary's words, parsed once from the file libFuzzer also reads.
fn words() -> &'static [Vec<u8>] {
    static WORDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    WORDS.get_or_init(|| include_str!("../dict/page.dict").lines().filter_map(entry).collect())
}

/// The bytes of one dictionary line (`name="\xe9…"`), if it is an entry.
fn entry(line: &str) -> Option<Vec<u8>> {
    let line = line.trim();
    if line.starts_with('#') {
        return None;
    }
    let quoted = line[line.find('"')? + 1..].strip_suffix('"')?;
    let mut out = Vec::new();
    let mut it = quoted.bytes();
    while let Some(b) = it.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match it.next()? {
            b'x' => {
                let hex = [it.next()?, it.next()?];
                out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            }
            c => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// xorshift32, seeded by libFuzzer so a mutation can be replayed.
struct Rng(u32);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize % n.max(1)
    }
}

/// libFuzzer's custom-mutator entry: `data[..size]` in, the new size out (at most `max_size`).
/// The first `keep` bytes are left alone (the `decode` target's file-name pick); after them, text
/// that is not UTF-8 is edited as characters only when `lossy` (the `analyze` target reads it
/// lossily anyway), else left to libFuzzer (a `.docx` or GBK input stays bytes).
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32, keep: usize, lossy: bool) -> usize {
    let mut rng = Rng(seed | 1);
    if rng.below(2) == 0 || size < keep || max_size < keep {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let mut text = match std::str::from_utf8(&data[keep..size]) {
        Ok(s) => s.to_string(),
        Err(_) if lossy => String::from_utf8_lossy(&data[keep..size]).into_owned(),
        Err(_) => return libfuzzer_sys::fuzzer_mutate(data, size, max_size),
    };
    for _ in 0..1 + rng.below(3) {
        edit(&mut text, &mut rng);
    }
    let room = max_size - keep;
    if text.len() > room {
        let mut end = room;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    data[keep..keep + text.len()].copy_from_slice(text.as_bytes());
    keep + text.len()
}

/// One character-level edit of `text`.
fn edit(text: &mut String, rng: &mut Rng) {
    let boundary = |rng: &mut Rng, text: &str| {
        let mut i = rng.below(text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_at = |rng: &mut Rng| {
        let k = rng.below(line_starts.len());
        let end = line_starts.get(k + 1).map_or(text.len(), |&e| e);
        line_starts[k]..end
    };
    match rng.below(9) {
        // Swap a character for a lookalike of another width.
        0..=2 => {
            let spots: Vec<(usize, char, usize)> = text
                .char_indices()
                .filter_map(|(i, c)| LOOKALIKES.iter().position(|set| set.contains(&c)).map(|k| (i, c, k)))
                .collect();
            if spots.is_empty() {
                return edit_insert(text, rng, 0);
            }
            let (i, c, k) = spots[rng.below(spots.len())];
            // Any other member of its set.
            let set = LOOKALIKES[k];
            let own = set.iter().position(|&x| x == c).unwrap_or(0);
            let j = rng.below(set.len() - 1);
            let with = set[if j >= own { j + 1 } else { j }];
            text.replace_range(i..i + c.len_utf8(), with.encode_utf8(&mut [0; 4]));
        }
        // A dictionary word at the start of a line, or anywhere.
        3 | 4 => {
            let at = line_at(rng).start;
            edit_insert(text, rng, at);
        }
        5 => {
            let at = boundary(rng, text);
            edit_insert(text, rng, at);
        }
        // Line breaks lost (joined with nothing or a space) or gained.
        6 => match rng.below(3) {
            0 | 1 if line_starts.len() > 1 => {
                let at = line_starts[1 + rng.below(line_starts.len() - 1)] - 1;
                text.replace_range(at..at + 1, if rng.below(2) == 0 { "" } else { " " });
            }
            _ => {
                let at = boundary(rng, text);
                text.insert(at, '\n');
            }
        },
        // A line moved to the top, duplicated or deleted.
        7 => {
            let line = line_at(rng);
            let mut moved = text[line.clone()].to_string();
            if !moved.ends_with('\n') {
                moved.push('\n');
            }
            match rng.below(3) {
                0 => {
                    text.replace_range(line, "");
                    text.insert_str(0, &moved);
                }
                1 => text.insert_str(line.start, &moved),
                _ => text.replace_range(line, ""),
            }
        }
        // A few characters deleted.
        _ => {
            let from = boundary(rng, text);
            let to = text[from..].char_indices().nth(1 + rng.below(16)).map_or(text.len(), |(i, _)| from + i);
            text.replace_range(from..to, "");
        }
    }
}

/// Inserts a dictionary word at `at` (a char boundary).
fn edit_insert(text: &mut String, rng: &mut Rng, at: usize) {
    let words = words();
    if words.is_empty() {
        return;
    }
    // Words are whole UTF-8 in the dictionary except a few byte sequences; keep the text valid.
    let word = String::from_utf8_lossy(&words[rng.below(words.len())]).into_owned();
    text.insert_str(at, &word);
}
