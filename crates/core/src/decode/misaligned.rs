//! GBK read one byte out of step: repairing what a lost byte garbled.
//!
//! A GBK page that lost one byte (a mirror cutting a character in half, a converter dropping
//! one) and was then read as GBK pairs every following byte with the wrong partner: the lost
//! character's remaining byte prints as "?" (or U+FFFD), and each character after it is made of
//! the second byte of one character and the first byte of the next, until a single-byte
//! character (an ASCII letter, a line break) puts the reading back in step. "　（一）加强…"
//! comes out as "?。ㄒ唬…", "。现将" as "?，F将". The bytes are all still there: encoding the
//! garbled run back to GBK and reading it again one byte later gives the text back, all but the
//! lost character, which stays "?".
//!
//! A run is repaired only when the new reading is plainly better: it has more of the characters
//! of ordinary text (the common Han characters of GB2312 level 1, full-width punctuation) and
//! fewer of the rare ones a wrong reading is made of (level-2 Han, bopomofo, kana, box drawing,
//! GBK extensions), or it puts back a lone ASCII letter that stood between Han characters.
//!
//! The GBK table comes from the [`LegacyDecoder`] (every two-byte sequence read once), so the
//! web app, whose decoder is the browser's, ships no table of its own.

use std::collections::HashMap;

use super::encoding::{Legacy, LegacyDecoder};
use crate::script::{is_han, simplify};

/// Longest run (in characters) re-read after a lost byte; a reading out of step ends at the
/// next line break at the latest, and a line is rarely longer.
const MAX_RUN: usize = 2000;

/// Marks a lost byte leaves.
fn is_lost(c: char) -> bool {
    c == '?' || c == '\u{FFFD}'
}

/// True for the characters a reading out of step is made of and real text hardly holds:
/// bopomofo and pinyin letters, box drawing, kana, Greek, Cyrillic, private use (GBK lead bytes
/// A4–A9 and the user-defined areas).
fn is_wrong_reading(c: char) -> bool {
    matches!(c as u32, 0x3100..=0x312F | 0x2500..=0x257F | 0x3040..=0x30FF | 0x0391..=0x03C9 | 0x0401..=0x0451 | 0xE000..=0xF8FF)
        || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

/// True when `text` may hold a run out of step: a lost byte's mark before a character of two
/// GBK bytes, or a character of a wrong reading next to a Han character. The cheap test before
/// any table is built.
fn suspect(text: &str) -> bool {
    let mut prev = ' ';
    for c in text.chars() {
        if (is_lost(prev) && !c.is_ascii() && !is_lost(c))
            || (is_wrong_reading(c) && is_han(prev))
            || (is_wrong_reading(prev) && is_han(c))
        {
            return true;
        }
        prev = c;
    }
    false
}

/// GBK's two-byte characters and their bytes, read through `decoder`.
fn gbk_table(decoder: &dyn LegacyDecoder) -> HashMap<char, [u8; 2]> {
    let mut bytes = Vec::with_capacity(126 * 190 * 3);
    let mut pairs = Vec::with_capacity(126 * 190);
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            bytes.extend_from_slice(&[lead, trail, b'\n']);
            pairs.push([lead, trail]);
        }
    }
    let text = decoder.decode(Legacy::Gb18030, &bytes);
    let mut table = HashMap::with_capacity(pairs.len());
    for (piece, pair) in text.split('\n').zip(pairs) {
        let mut cs = piece.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c != '\u{FFFD}' {
                table.entry(c).or_insert(pair);
            }
        }
    }
    table
}

/// How ordinary a character is, by its GBK bytes: +1 for the common Han characters (GB2312
/// level 1, or the Traditional form of one) and full-width punctuation, -1 for what wrong
/// readings are made of, 0 otherwise.
fn ordinariness(c: char, table: &HashMap<char, [u8; 2]>) -> i32 {
    let code = |c: char| table.get(&c).copied();
    let Some([lead, trail]) = code(c) else { return 0 };
    let level_one = |[l, t]: [u8; 2]| (0xB0..=0xD7).contains(&l) && t >= 0xA1;
    match lead {
        0xA1 | 0xA3 => 1,
        _ if level_one([lead, trail]) => 1,
        _ if is_han(c) && simplify(c) != c && code(simplify(c)).is_some_and(level_one) => 1,
        0xA2 | 0xA4..=0xA9 => -1,
        _ => -1,
    }
}

/// `text` with every run garbled by a lost byte read again in step, where that reads plainly
/// better (see the module docs); `text` itself when nothing needs it. A run starts after a lost
/// byte's mark, or at the start of a line that holds a character of a wrong reading (the byte
/// lost before the line leaves no mark there).
pub(crate) fn repair(text: String, decoder: &dyn LegacyDecoder) -> String {
    if !suspect(&text) {
        return text;
    }
    let table = gbk_table(decoder);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        out.push_str(&line[..indent]);
        let mut rest = &line[indent..];
        if rest.chars().take(MAX_RUN).any(is_wrong_reading) {
            if let Some((fixed, used)) = reread(rest, &table, decoder, true) {
                out.push_str(&fixed);
                rest = &rest[used..];
            }
        }
        while let Some(p) = rest.find(is_lost) {
            let mark = rest[p..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..p + mark]);
            rest = &rest[p + mark..];
            if let Some((fixed, used)) = reread(rest, &table, decoder, false) {
                out.push_str(&fixed);
                rest = &rest[used..];
            }
        }
        out.push_str(rest);
    }
    out
}

/// The run at the start of `run` read one byte later: the new text and the bytes of `run` it
/// replaces, or `None` when it does not read better. The first byte of the run belonged to the
/// lost character and is dropped with it. Without a lost byte's mark before it (`unmarked`),
/// the run must hold a character of a wrong reading and gain more.
fn reread(
    run: &str,
    table: &HashMap<char, [u8; 2]>,
    decoder: &dyn LegacyDecoder,
    unmarked: bool,
) -> Option<(String, usize)> {
    let mut bytes = Vec::new();
    let mut end = 0;
    let mut before = 0;
    let mut wrong = false;
    for (i, c) in run.char_indices().take(MAX_RUN) {
        let Some(pair) = table.get(&c) else { break };
        bytes.extend_from_slice(pair);
        before += ordinariness(c, table);
        wrong |= is_wrong_reading(c);
        end = i + c.len_utf8();
    }
    if bytes.len() < 2 || (unmarked && !wrong) {
        return None;
    }
    // A single byte that ends the run was the second byte of its last character ("…F将"): the
    // reading comes back in step after it.
    let next = run[end..].chars().next();
    let absorbed = next.filter(|c| matches!(*c as u32, 0x40..=0x7E) && c.is_ascii_alphabetic());
    if let Some(c) = absorbed {
        bytes.push(c as u8);
        end += 1;
    }
    let shifted = &bytes[1..];
    // An odd byte left at the end lost its partner to the next mark: it is dropped with it.
    let shifted = &shifted[..shifted.len() & !1];
    let fixed = decoder.decode(Legacy::Gb18030, shifted);
    if fixed.is_empty() || fixed.contains(['\u{FFFD}', '\n', '\r']) {
        return None;
    }
    let after: i32 = fixed.chars().map(|c| ordinariness(c, table)).sum();
    // A lone ASCII letter between Han characters is itself a sign of a reading out of step.
    let han_around = absorbed.is_some() && run[end..].chars().next().is_some_and(is_han);
    let gain = if unmarked { 3 } else { 2 };
    // Behind a mark, a run with a character of a wrong reading needs less: a short run
    // ("?。ǘ?）" of "（二）", whose numeral is lost to the next mark) gains little.
    let ok = after >= before + gain
        || (!unmarked && han_around && after >= before)
        || (!unmarked && wrong && after > before);
    ok.then_some((fixed, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::EncodingRs;

    /// `s` encoded as GBK, with the byte at `lose` dropped, read back as GBK (lost bytes as
    /// "?", as the mirrors print them).
    fn garble(s: &str, lose: usize) -> String {
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        let mut b = bytes.into_owned();
        b.remove(lose);
        EncodingRs.decode(Legacy::Gb18030, &b).replace('\u{FFFD}', "?")
    }

    #[test]
    fn a_heading_garbled_by_a_lost_byte_reads_again() {
        let line = "　　（一）加强组织领导，压实法治建设责任。\n（二）完善制度。\n";
        // The byte lost at the start of the line leaves no mark.
        let garbled = garble(line, 0);
        assert!(garbled.contains("ㄒ唬"), "{garbled}");
        let fixed = repair(garbled.clone(), &EncodingRs);
        assert!(fixed.starts_with("　（一）加强组织领导，压实法治建设责任"), "{garbled} → {fixed}");
        assert!(fixed.ends_with("（二）完善制度。\n"), "{fixed}");
        // A mark before the run, as mirrors print it ("?。ㄒ唬…").
        let marked = format!("正文。\n?{}", &garbled["　".len()..]);
        let fixed = repair(marked.clone(), &EncodingRs);
        assert!(fixed.starts_with("正文。\n?（一）加强组织领导"), "{marked} → {fixed}");
    }

    #[test]
    fn a_numeral_lost_to_the_next_mark_leaves_the_brackets() {
        // "（二）" one byte late: (A8 B6) "ǘ", then (FE A3), which a strict GBK reader cannot
        // read ("?"), then "）" back in step.
        let fixed = repair("正文。\n?。ǘ?）提升法治素养。\n".to_string(), &EncodingRs);
        assert_eq!(fixed, "正文。\n?（?）提升法治素养。\n");
    }

    #[test]
    fn a_short_run_put_back_in_step_by_a_letter() {
        // "。現將" with the first byte of "。" lost reads "，F將" ("現" is AC 46, and 46 is "F"),
        // behind the mark a mirror prints for the lost byte.
        let garbled = garble("取得明顯成效。現將有關情況報告如下", "取得明顯成效".len() * 2 / 3);
        assert!(garbled.contains("，F將"), "{garbled}");
        let marked = garbled.replace("，F", "?，F");
        let fixed = repair(marked, &EncodingRs);
        assert_eq!(fixed, "取得明顯成效?現將有關情況報告如下");
    }

    #[test]
    fn text_that_is_not_garbled_stays() {
        for s in [
            "??根據中共中央、國務院印發的《法治政府建設實施綱要》等要求",
            "“授權審批”?率93.55%，全年办理案件12件",
            "问题?答案是否定的。",
            "",
            "?",
            "??",
        ] {
            assert_eq!(repair(s.to_string(), &EncodingRs), s);
        }
    }

    #[test]
    fn the_table_reads_every_character_back() {
        let table = gbk_table(&EncodingRs);
        assert!(table.len() > 21_000, "{}", table.len());
        assert_eq!(table.get(&'。'), Some(&[0xA1, 0xA3]));
        assert_eq!(table.get(&'一'), Some(&[0xD2, 0xBB]));
        assert_eq!(table.get(&'現'), Some(&[0xAC, 0x46]));
    }
}
