//! Any bytes, under any of the file names a user might give them: `decode` returns text or a
//! typed error, never panics, and what it returns is analysable with every invariant kept.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
