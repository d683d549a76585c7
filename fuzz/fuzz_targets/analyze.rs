//! Any text: `analyze` never panics and every report keeps its invariants (offsets on char
//! boundaries inside the input, surfaces equal to the input there, finite values, valid
//! indices). libFuzzer's `-timeout` catches inputs that take far too long.
//!
//! Half of the mutations are libFuzzer's (bytes, with the dictionary `fuzz/dict/page.dict`),
//! half are edits of the text as characters (`text_mutator.rs`): lookalike characters of
//! another UTF-8 width, dictionary words at line starts, line breaks lost and gained.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

mod text_mutator;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is decode's business (the decode target); here every string counts.
    let text = String::from_utf8_lossy(data);
    let report = fazhi_lens::analyze(&text);
    if let Err(v) = fazhi_lens::invariants::check(&text, &report) {
        panic!("{v}");
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    text_mutator::mutate(data, size, max_size, seed, 0, true)
});
