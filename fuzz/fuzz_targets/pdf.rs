//! Any bytes as a PDF: `decode` (through `fazhi_pdf`) returns text or a typed error, never
//! panics, hangs or runs out of memory (libFuzzer's `-timeout` and `-rss_limit_mb`), and the
//! text it returns is analysable with every invariant kept.
//!
//! The seeds are small PDFs written by `fazhi_pdf::write` (`xtask/src/fuzz.rs`): CID fonts with
//! the predefined CMaps, classic tables and cross-reference/object streams, plain and
//! Flate-compressed streams, RC4 and AES encryption. Mutations are libFuzzer's own (a PDF is
//! bytes, not text), with the dictionary `fuzz/dict/pdf.dict` of PDF syntax.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = fazhi_lens::decode(data, "report.pdf") {
        let report = fazhi_lens::analyze(&text);
        if let Err(v) = fazhi_lens::invariants::check(&text, &report) {
            panic!("{v}");
        }
    }
});
