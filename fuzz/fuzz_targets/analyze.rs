//! Any text: `analyze` never panics and every report keeps its invariants (offsets on char
//! boundaries inside the input, surfaces equal to the input there, finite values, valid
//! indices). libFuzzer's `-timeout` catches inputs that take far too long.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is decode's business (the decode target); here every string counts.
    let text = String::from_utf8_lossy(data);
    let report = fazhi_lens::analyze(&text);
    if let Err(v) = fazhi_lens::invariants::check(&text, &report) {
        panic!("{v}");
    }
});
