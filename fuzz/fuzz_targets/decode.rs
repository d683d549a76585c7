//! Any bytes, under any of the file names a user might give them: `decode` returns text or a
//! typed error, never panics, and what it returns is analysable with every invariant kept.
//!
//! Mutations: libFuzzer's (with the dictionary `fuzz/dict/page.dict`), and for an input whose
//! bytes after the name pick are UTF-8 (text, HTML), half of the time edits of that text as
//! characters (`text_mutator.rs`).
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

mod text_mutator;

/// The names `decode` treats differently (by extension), chosen by the first input byte.
const NAMES: [&str; 7] = ["report.txt", "page.html", "page.htm", "report.docx", "scan.pdf", "noname", "-"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    if let Ok(text) = fazhi_lens::decode(bytes, name) {
        let report = fazhi_lens::analyze(&text);
        if let Err(v) = fazhi_lens::invariants::check(&text, &report) {
            panic!("{v}");
        }
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    text_mutator::mutate(data, size, max_size, seed, 1, false)
});
