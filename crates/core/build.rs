//! Packs `data/t2s.txt` (Traditional → Simplified pairs, three-byte UTF-8 each: 26 KB, which
//! gzip only takes to 18 KB) into `$OUT_DIR/t2s.bin` for `src/script.rs`, about half that size
//! in the web app's .wasm after gzip. The text stays the source of truth (see `data/NOTICE.md`).
//!
//! Layout (`script::unpack` reads it): the pair count (u32, little-endian); then, for each pair
//! in order of the Traditional character, the distance from the previous Traditional character
//! (LEB128, from 0 for the first); then the Simplified character minus the Traditional one,
//! zigzag-encoded, as three planes of one byte per pair (low bytes, middle bytes, high bytes).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=data/t2s.txt");
    let text = fs::read_to_string("data/t2s.txt").expect("data/t2s.txt");
    let chars: Vec<char> = text.trim_end().chars().collect();
    // As `script::pairs` always read the text: sorted, the first pair of each Traditional kept.
    let mut pairs: Vec<(char, char)> = chars.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);

    let mut out = (pairs.len() as u32).to_le_bytes().to_vec();
    let mut prev = 0;
    for &(t, _) in &pairs {
        let mut d = t as u32 - prev;
        prev = t as u32;
        loop {
            let low = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(low);
                break;
            }
            out.push(low | 0x80);
        }
    }
    let zigzag: Vec<u32> = pairs
        .iter()
        .map(|&(t, s)| {
            let diff = s as i32 - t as i32;
            ((diff << 1) ^ (diff >> 31)) as u32
        })
        .collect();
    for shift in [0, 8, 16] {
        assert!(zigzag.iter().all(|z| z >> 24 == 0));
        out.extend(zigzag.iter().map(|z| (z >> shift) as u8));
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("t2s.bin");
    fs::write(dest, out).expect("write t2s.bin");
}
