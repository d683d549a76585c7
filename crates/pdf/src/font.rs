//! Fonts: how a shown string splits into codes, what each code means in Unicode, and how wide
//! it is. Unicode comes from the font's ToUnicode CMap when it has one; else from the
//! predefined CMap (Uni*-UCS2/UTF16: codes are Unicode; GB/GBK-EUC, GBK2K: GB18030 bytes;
//! B5/ETen: Big5 bytes) or, for simple fonts, the encoding (WinAnsi base + /Differences).
//! Identity-H fonts without ToUnicode have no Unicode: their glyphs are counted as unmapped.

use std::collections::HashMap;

use crate::doc::Doc;
use crate::object::{get, Dict, Lexer, Obj};
use crate::{Legacy, LegacyDecoder};

/// How bytes map to Unicode when ToUnicode has no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fallback {
    /// A simple font: its 256-entry encoding.
    Simple,
    /// Codes are UCS-2 / UTF-16BE (Uni*-UCS2-H, Uni*-UTF16-H).
    Utf16,
    /// Codes are GB18030/GBK bytes.
    Gbk,
    /// Codes are Big5 bytes.
    Big5,
    /// Identity or an embedded CMap: CIDs, which mean nothing without ToUnicode.
    None,
}

/// A code-space range of a CMap: codes of `len` bytes from `lo` to `hi`, bytewise.
#[derive(Clone, Debug)]
struct Space {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// One code of a shown string.
pub struct Code {
    /// Its Unicode text (empty when unknown).
    pub text: String,
    /// Its advance in text space per unit of font size.
    pub width: f64,
    /// A single-byte code 32 (word spacing applies).
    pub space: bool,
    /// No Unicode for this code.
    pub unmapped: bool,
}

/// A font, as far as text extraction needs it.
pub struct Font {
    spaces: Vec<Space>,
    to_unicode: HashMap<(u8, u32), String>,
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    fallback: Fallback,
    encoding: Box<[Option<char>; 256]>,
    simple_widths: Vec<f64>,
    first_char: u32,
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    scale: f64,
}

impl Font {
    /// Reads a font dictionary.
    pub fn load(doc: &Doc<'_>, dict: &Dict) -> Font {
        let subtype = get(dict, b"Subtype").and_then(Obj::as_name).unwrap_or_default();
        let mut font = Font {
            spaces: Vec::new(),
            to_unicode: HashMap::new(),
            ranges: Vec::new(),
            fallback: Fallback::Simple,
            encoding: Box::new(win_ansi()),
            simple_widths: Vec::new(),
            first_char: 0,
            cid_widths: HashMap::new(),
            default_width: 1000.0,
            scale: 0.001,
        };
        if subtype == b"Type0" {
            font.fallback = Fallback::None;
            font.spaces = vec![Space { len: 2, lo: [0; 4], hi: [0xFF; 4] }];
            match get(dict, b"Encoding").map(|e| doc.resolve(e)).as_deref() {
                Some(Obj::Name(name)) => font.predefined(name),
                Some(s @ Obj::Stream(..)) => {
                    if let Some(data) = doc.stream_data(s) {
                        let spaces = parse_cmap(&data, &mut HashMap::new(), &mut Vec::new());
                        if !spaces.is_empty() {
                            font.spaces = spaces;
                        }
                    }
                    // An embedded CMap may name a predefined one it uses.
                    if let Some(Obj::Name(n)) = s.as_dict().and_then(|d| get(d, b"CMapName")) {
                        let spaces = font.spaces.clone();
                        font.predefined(n);
                        if font.fallback == Fallback::None {
                            font.spaces = spaces;
                        }
                    }
                }
                _ => {}
            }
            let desc = get(dict, b"DescendantFonts").map(|d| doc.resolve(d));
            let desc = desc.as_deref().and_then(Obj::as_array).and_then(|a| a.first()).map(|d| doc.resolve(d));
            if let Some(cid) = desc.as_deref().and_then(Obj::as_dict) {
                font.default_width = get(cid, b"DW").and_then(Obj::as_f64).unwrap_or(1000.0);
                if let Some(w) = get(cid, b"W").map(|w| doc.resolve(w)) {
                    font.read_w(doc, w.as_array().unwrap_or_default());
                }
            }
        } else {
            font.simple_encoding(doc, dict, subtype);
            font.first_char = get(dict, b"FirstChar").and_then(Obj::as_i64).unwrap_or(0).clamp(0, 255) as u32;
            if let Some(w) = get(dict, b"Widths").map(|w| doc.resolve(w)) {
                font.simple_widths = w
                    .as_array()
                    .unwrap_or_default()
                    .iter()
                    .take(256)
                    .map(|x| doc.resolve(x).as_f64().unwrap_or(0.0))
                    .collect();
            }
            let desc = get(dict, b"FontDescriptor").map(|d| doc.resolve(d));
            font.default_width = desc
                .as_deref()
                .and_then(Obj::as_dict)
                .and_then(|d| get(d, b"MissingWidth"))
                .and_then(Obj::as_f64)
                .filter(|w| *w > 0.0)
                .unwrap_or(500.0);
            if subtype == b"Type3" {
                if let Some(m) = get(dict, b"FontMatrix").and_then(Obj::as_array) {
                    font.scale = m.first().and_then(Obj::as_f64).unwrap_or(0.001).abs().min(1.0);
                }
            }
        }
        if let Some(tu) = get(dict, b"ToUnicode").map(|t| doc.resolve(t)) {
            if let Some(data) = doc.stream_data(&tu) {
                let spaces = parse_cmap(&data, &mut font.to_unicode, &mut font.ranges);
                // A composite font with an Identity encoding splits codes as ToUnicode does when
                // it says differently (1-byte codes under Identity are damage, but seen).
                if font.fallback == Fallback::None
                    && !spaces.is_empty()
                    && font.spaces.len() == 1
                    && font.spaces[0].len == 2
                {
                    let all_one = spaces.iter().all(|s| s.len == 1);
                    if all_one {
                        font.spaces = spaces;
                    }
                }
            }
        }
        font
    }

    fn predefined(&mut self, name: &[u8]) {
        let n = String::from_utf8_lossy(name);
        let two = |lead: u8| Space { len: 2, lo: [lead, 0x40, 0, 0], hi: [0xFE, 0xFE, 0, 0] };
        let one = Space { len: 1, lo: [0; 4], hi: [0x80, 0, 0, 0] };
        if n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16")) {
            self.fallback = Fallback::Utf16;
            self.spaces = vec![Space { len: 2, lo: [0; 4], hi: [0xFF; 4] }];
        } else if n.starts_with("GBK2K") {
            self.fallback = Fallback::Gbk;
            self.spaces =
                vec![one, Space { len: 4, lo: [0x81, 0x30, 0x81, 0x30], hi: [0xFE, 0x39, 0xFE, 0x39] }, two(0x81)];
        } else if n.starts_with("GB") {
            self.fallback = Fallback::Gbk;
            self.spaces = vec![one, two(0x81)];
        } else if n.starts_with("B5") || n.starts_with("ETen") || n.starts_with("HKscs") {
            self.fallback = Fallback::Big5;
            self.spaces = vec![one, two(0x81)];
        } else if n.starts_with("Identity") {
            self.fallback = Fallback::None;
        }
    }

    fn simple_encoding(&mut self, doc: &Doc<'_>, dict: &Dict, _subtype: &[u8]) {
        let enc = get(dict, b"Encoding").map(|e| doc.resolve(e));
        let diffs = match enc.as_deref() {
            Some(Obj::Dict(d)) => get(d, b"Differences").map(|x| doc.resolve(x)),
            _ => None,
        };
        if let Some(diffs) = diffs {
            let mut code = 0usize;
            for item in diffs.as_array().unwrap_or_default() {
                match item {
                    Obj::Int(n) => code = (*n).clamp(0, 256) as usize,
                    Obj::Name(name) => {
                        if code < 256 {
                            self.encoding[code] = glyph_name(name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }

    fn read_w(&mut self, doc: &Doc<'_>, w: &[Obj]) {
        let mut i = 0;
        while i < w.len() && self.cid_widths.len() < 200_000 {
            let Some(first) = w[i].as_i64() else { break };
            match w.get(i + 1).map(|x| doc.resolve(x)).as_deref() {
                Some(Obj::Array(ws)) => {
                    for (k, x) in ws.iter().enumerate() {
                        self.cid_widths.insert((first as u32).wrapping_add(k as u32), x.as_f64().unwrap_or(0.0));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = last.as_i64().unwrap_or(first);
                    let width = w.get(i + 2).and_then(Obj::as_f64).unwrap_or(0.0);
                    for c in first..=last.min(first + 65536) {
                        self.cid_widths.insert(c as u32, width);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Splits `s` into codes and decodes each.
    pub fn decode(&self, s: &[u8], out: &mut Vec<Code>, legacy: &dyn LegacyDecoder) {
        let mut i = 0;
        while i < s.len() {
            let len =
                if self.fallback == Fallback::Simple && self.spaces.is_empty() { 1 } else { self.code_len(&s[i..]) };
            let bytes = &s[i..(i + len).min(s.len())];
            i += len;
            let code = bytes.iter().fold(0u32, |v, &b| v << 8 | u32::from(b));
            let mut text = self.lookup(bytes.len() as u8, code);
            if text.is_none() {
                text = match self.fallback {
                    Fallback::Simple => self.encoding[(code & 0xFF) as usize].map(String::from),
                    Fallback::Utf16 => {
                        if (0xD800..0xDC00).contains(&code) && i + 1 < s.len() {
                            let lo = u32::from(s[i]) << 8 | u32::from(s[i + 1]);
                            i += 2;
                            char::from_u32(0x10000 + ((code - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF))
                                .map(String::from)
                        } else {
                            char::from_u32(code).map(String::from)
                        }
                    }
                    Fallback::Gbk => legacy.decode(Legacy::Gb18030, bytes),
                    Fallback::Big5 => legacy.decode(Legacy::Big5, bytes),
                    Fallback::None => None,
                };
            }
            let width = if self.fallback == Fallback::Simple {
                code.checked_sub(self.first_char)
                    .and_then(|k| self.simple_widths.get(k as usize))
                    .copied()
                    .filter(|w| *w > 0.0)
                    .unwrap_or(self.default_width)
            } else if self.fallback == Fallback::None {
                self.cid_widths.get(&code).copied().unwrap_or(self.default_width)
            } else if text.as_deref().is_some_and(|t| t.chars().all(|c| (c as u32) < 0x2000)) {
                self.default_width / 2.0
            } else {
                self.default_width
            };
            let unmapped = text.is_none();
            out.push(Code {
                text: text.unwrap_or_default(),
                width: width * self.scale,
                space: bytes == [32],
                unmapped,
            });
        }
    }

    fn code_len(&self, s: &[u8]) -> usize {
        for sp in &self.spaces {
            if s.len() >= sp.len && (0..sp.len).all(|k| sp.lo[k] <= s[k] && s[k] <= sp.hi[k]) {
                return sp.len;
            }
        }
        // No range matches: the shortest code length of the font.
        self.spaces.iter().map(|sp| sp.len).min().unwrap_or(1).min(s.len()).max(1)
    }

    fn lookup(&self, len: u8, code: u32) -> Option<String> {
        if let Some(t) = self.to_unicode.get(&(len, code)) {
            return Some(t.clone());
        }
        for (l, lo, hi, dst) in &self.ranges {
            if *l == len && *lo <= code && code <= *hi {
                let mut d = dst.clone();
                if let Some(last) = d.last_mut() {
                    *last = last.wrapping_add((code - lo) as u16);
                }
                return Some(String::from_utf16_lossy(&d));
            }
        }
        None
    }
}

/// Reads a CMap: code-space ranges, and bfchar/bfrange mappings into `map` and `ranges`.
fn parse_cmap(
    data: &[u8],
    map: &mut HashMap<(u8, u32), String>,
    ranges: &mut Vec<(u8, u32, u32, Vec<u16>)>,
) -> Vec<Space> {
    let mut spaces = Vec::new();
    let mut lx = Lexer::new(data, 0);
    let mut operands: Vec<Obj> = Vec::new();
    let code =
        |s: &[u8]| -> (u8, u32) { (s.len().min(4) as u8, s.iter().take(4).fold(0u32, |v, &b| v << 8 | u32::from(b))) };
    let utf16 = |s: &[u8]| -> Vec<u16> {
        s.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))).collect()
    };
    let mut guard = 0usize;
    while !lx.at_end() {
        guard += 1;
        if guard > 4_000_000 {
            break;
        }
        let before = lx.pos;
        let Some(o) = lx.object(false) else {
            if lx.pos == before {
                lx.pos += 1;
            }
            continue;
        };
        let Obj::Op(op) = o else {
            operands.push(o);
            continue;
        };
        match op.as_slice() {
            b"endcodespacerange" => {
                for pair in operands.chunks_exact(2) {
                    if let (Some(lo), Some(hi)) = (pair[0].as_str(), pair[1].as_str()) {
                        if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() {
                            let mut sp = Space { len: lo.len(), lo: [0; 4], hi: [0; 4] };
                            sp.lo[..lo.len()].copy_from_slice(lo);
                            sp.hi[..hi.len()].copy_from_slice(hi);
                            spaces.push(sp);
                        }
                    }
                }
            }
            b"endbfchar" => {
                for pair in operands.chunks_exact(2) {
                    let Some(src) = pair[0].as_str() else { continue };
                    let text = match &pair[1] {
                        Obj::Str(d) => String::from_utf16_lossy(&utf16(d)),
                        Obj::Name(n) => glyph_name(n).map(String::from).unwrap_or_default(),
                        _ => continue,
                    };
                    if map.len() < 1_000_000 {
                        map.insert(code(src), text);
                    }
                }
            }
            b"endbfrange" => {
                for triple in operands.chunks_exact(3) {
                    let (Some(lo), Some(hi)) = (triple[0].as_str(), triple[1].as_str()) else { continue };
                    let ((len, lo), (_, hi)) = (code(lo), code(hi));
                    if hi < lo {
                        continue;
                    }
                    match &triple[2] {
                        Obj::Str(d) => {
                            let d = utf16(d);
                            if hi - lo <= 256 && map.len() < 1_000_000 {
                                for c in lo..=hi {
                                    let mut t = d.clone();
                                    if let Some(last) = t.last_mut() {
                                        *last = last.wrapping_add((c - lo) as u16);
                                    }
                                    map.insert((len, c), String::from_utf16_lossy(&t));
                                }
                            } else if ranges.len() < 100_000 {
                                ranges.push((len, lo, hi, d));
                            }
                        }
                        Obj::Array(a) => {
                            for (k, d) in a.iter().enumerate().take((hi - lo) as usize + 1) {
                                if let (Some(d), true) = (d.as_str(), map.len() < 1_000_000) {
                                    map.insert((len, lo + k as u32), String::from_utf16_lossy(&utf16(d)));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        operands.clear();
    }
    spaces
}

/// WinAnsiEncoding (also used for Standard and MacRoman bases, whose printable ASCII agrees).
fn win_ansi() -> [Option<char>; 256] {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D,
        0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,
        0x017E, 0x0178,
    ];
    let mut t = [None; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = match i {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(i as u32),
            0x80..=0x9F => char::from_u32(u32::from(HIGH[i - 0x80])).filter(|&c| c != '\0'),
            0x09 | 0x0A | 0x0D => Some(' '),
            _ => None,
        };
    }
    t
}

/// The Unicode of a glyph name: uniXXXX, uXXXX[XX], single letters and the common names.
pub fn glyph_name(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    let n = n.split('.').next().unwrap_or(n);
    if let Some(h) = n.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(&h[..4], 16).ok().and_then(char::from_u32);
    }
    if let Some(h) = n.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(h, 16) {
            return char::from_u32(v);
        }
    }
    if n.len() == 1 {
        return n.chars().next().filter(char::is_ascii_alphabetic);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("quoteright", '\u{2019}'),
        ("quoteleft", '\u{2018}'),
        ("quotedblleft", '\u{201C}'),
        ("quotedblright", '\u{201D}'),
        ("bullet", '\u{2022}'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("ellipsis", '\u{2026}'),
        ("periodcentered", '\u{B7}'),
        ("degree", '\u{B0}'),
        ("minus", '\u{2212}'),
        ("multiply", '\u{D7}'),
        ("divide", '\u{F7}'),
        ("section", '\u{A7}'),
        ("copyright", '\u{A9}'),
        ("registered", '\u{AE}'),
        ("nbspace", ' '),
        ("fi", '\u{FB01}'),
        ("fl", '\u{FB02}'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_and_arrays() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <4E00> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<4E8C> <4E09>] endbfrange
            1 beginbfrange <1000> <2000> <6000> endbfrange";
        let (mut map, mut ranges) = (HashMap::new(), Vec::new());
        let spaces = parse_cmap(cmap, &mut map, &mut ranges);
        assert_eq!(spaces.len(), 1);
        assert_eq!(map.get(&(2, 0x11)).map(String::as_str), Some("一"));
        assert_eq!(map.get(&(2, 0x22)).map(String::as_str), Some("C"));
        assert_eq!(map.get(&(2, 0x31)).map(String::as_str), Some("三"));
        assert_eq!(ranges.len(), 1);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni4E00"), Some('一'));
        assert_eq!(glyph_name(b"A"), Some('A'));
        assert_eq!(glyph_name(b"zero"), Some('0'));
        assert_eq!(glyph_name(b"g123"), None);
    }
}
