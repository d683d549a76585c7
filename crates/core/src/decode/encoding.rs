//! Text encodings: byte-order marks, UTF-8, UTF-16 without a mark, and telling GB18030 from
//! Big5 without being told.
//!
//! Chinese government pages are still saved in GBK (mainland) or Big5 (Hong Kong, Macao,
//! Taiwan) often enough, and both encodings accept most byte pairs: decoding GBK bytes as
//! Big5 (or the reverse) rarely fails, it just yields a plausible-looking stream of rare
//! characters. So the detector decodes a sample both ways and prefers the reading whose Han
//! characters are the *common* ones of running Chinese text.
//!
//! The two big tables (GB18030, Big5) are reached only through a [`LegacyDecoder`], so the web
//! app can hand the work to the browser's `TextDecoder` and leave encoding_rs (about 130 KB
//! of gzipped wasm: it links every decoder it has) out of the download. UTF-16, UTF-32 and
//! Windows-1252 are small enough to decode here.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::script::{is_han, simplify};

/// A multi-byte legacy encoding of Chinese text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// GB18030, the superset of GBK and GB2312 (mainland China).
    Gb18030,
    /// Big5 (Hong Kong, Macao, Taiwan), with the HKSCS extensions browsers accept.
    Big5,
}

impl Legacy {
    /// The encoding's WHATWG label, as `TextDecoder` takes it.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Gb18030 => "gb18030",
            Legacy::Big5 => "big5",
        }
    }
}

/// Decodes legacy Chinese encodings, malformed sequences becoming U+FFFD, exactly as the
/// Encoding Standard (and so every browser's `TextDecoder`) does.
pub trait LegacyDecoder {
    /// Decodes `bytes`, which carry no byte-order mark.
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> String;
}

/// The [`LegacyDecoder`] built on encoding_rs, used by [`decode`](crate::decode::decode).
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodingRs;

impl LegacyDecoder for EncodingRs {
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> String {
        let enc = match encoding {
            Legacy::Gb18030 => encoding_rs::GB18030,
            Legacy::Big5 => encoding_rs::BIG5,
        };
        enc.decode_without_bom_handling(bytes).0.into_owned()
    }
}

/// An encoding a web page may declare for itself, as far as this crate reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Declared {
    /// UTF-8 (or a label for it).
    Utf8,
    /// GBK, GB2312, GB18030 and their aliases.
    Legacy(Legacy),
    /// ISO-8859-1, ASCII, Windows-1252: the Encoding Standard reads all as Windows-1252.
    Windows1252,
    /// UTF-16 (little-endian unless named otherwise).
    Utf16Le,
    /// UTF-16BE.
    Utf16Be,
}

impl Declared {
    /// The encoding a `charset` label names (ASCII case-insensitive, as in the Encoding
    /// Standard); `None` for labels this crate does not decode, which then fall to detection.
    pub fn from_label(label: &[u8]) -> Option<Declared> {
        let label = label.trim_ascii().to_ascii_lowercase();
        Some(match label.as_slice() {
            b"utf-8" | b"utf8" | b"unicode-1-1-utf-8" | b"unicode11utf8" | b"unicode20utf8" | b"x-unicode20utf8" => {
                Declared::Utf8
            }
            b"gbk" | b"gb2312" | b"gb_2312" | b"gb_2312-80" | b"gb18030" | b"chinese" | b"csgb2312"
            | b"csiso58gb231280" | b"iso-ir-58" | b"x-gbk" | b"cp936" | b"ms936" | b"windows-936" | b"euc-cn"
            | b"x-euc-cn" | b"hz-gb-2312" => Declared::Legacy(Legacy::Gb18030),
            b"big5" | b"big5-hkscs" | b"cn-big5" | b"csbig5" | b"x-x-big5" | b"cp950" => Declared::Legacy(Legacy::Big5),
            b"iso-8859-1" | b"iso8859-1" | b"iso_8859-1" | b"latin1" | b"l1" | b"us-ascii" | b"ascii"
            | b"windows-1252" | b"cp1252" | b"x-cp1252" | b"cp819" | b"ibm819" | b"iso-ir-100" | b"csisolatin1" => {
                Declared::Windows1252
            }
            b"utf-16" | b"utf-16le" | b"unicode" | b"ucs-2" | b"csunicode" | b"iso-10646-ucs-2" | b"unicodefeff" => {
                Declared::Utf16Le
            }
            b"utf-16be" | b"unicodefffe" => Declared::Utf16Be,
            _ => return None,
        })
    }
}

/// How many leading bytes the detector looks at; enough for any real report's verdict and
/// keeps detection on a 20 MB file to two small decodes.
const SAMPLE: usize = 256 * 1024;

/// The most frequent characters of modern Chinese prose plus the vocabulary of the reports
/// this crate reads, in simplified script. Traditional text is matched through
/// [`simplify`], so one list serves both GB18030 and Big5 readings.
const COMMON: &str = "\
的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方\
后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开\
它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此\
变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老\
头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门\
即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花\
带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段\
研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳\
便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京\
识适属圆包火住调满县局照参红细引听该铁价严龙飞\
告审议案执诉讼监督考核评宣传培训责任履职落推健全完善规范性备决策顾问律师纠纷矛盾调解社区街道乡镇综合网格智\
慧平台系统许可罚检强措施清单目录项依申请受理办结投诉举报访诚营商环境优服务企群众权益保障救助援助共享透明公\
开布告知听证集体讨论签署印稿函批复答复纳入培育树立健全扎实坚持深化加强完善落实提升创新持续进一步年度总结\
";

/// Membership of [`COMMON`] over the CJK Unified Ideographs block, as a bitset.
fn common_set() -> &'static [u64; 328] {
    static SET: OnceLock<[u64; 328]> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = [0u64; 328];
        for c in COMMON.chars().map(simplify) {
            if let Some(i) = (c as u32).checked_sub(0x4E00).filter(|&i| i < 0x5200) {
                set[(i / 64) as usize] |= 1 << (i % 64);
            }
        }
        set
    })
}

/// True when `c` (in either script) is one of the common characters.
fn is_common(c: char) -> bool {
    let s = simplify(c) as u32;
    match s.checked_sub(0x4E00).filter(|&i| i < 0x5200) {
        Some(i) => common_set()[(i / 64) as usize] & (1 << (i % 64)) != 0,
        None => false,
    }
}

/// Counts that tell real text from a wrong decoding or from binary data.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TextStats {
    /// Characters other than whitespace.
    pub visible: usize,
    /// Han characters.
    pub han: usize,
    /// Han characters among the common ones.
    pub common: usize,
    /// Replacement characters, control characters, private-use and non-characters: things
    /// real text does not hold.
    pub bad: usize,
}

impl TextStats {
    /// Counts `text`.
    pub fn of(text: &str) -> TextStats {
        let mut s = TextStats::default();
        for c in text.chars() {
            // Han first: no Han character is whitespace, and for any other non-ASCII
            // character `is_whitespace` looks up a table.
            if is_han(c) {
                s.visible += 1;
                s.han += 1;
                s.common += is_common(c) as usize;
            } else if !c.is_whitespace() {
                s.visible += 1;
                s.bad += is_bad(c) as usize;
            }
        }
        s
    }

    /// Share of the Han characters that are common ones (1 when there are none).
    pub fn common_ratio(&self) -> f64 {
        if self.han == 0 {
            1.0
        } else {
            self.common as f64 / self.han as f64
        }
    }

    /// True when this looks like human-readable text: few impossible characters (one in
    /// twenty, with room for one in a short text, but never only those) and, when there is
    /// much Han text, a normal share of common characters.
    pub fn plausible(&self) -> bool {
        let few_bad = self.bad * 20 <= self.visible.max(20) && (self.bad == 0 || self.bad < self.visible);
        few_bad && (self.han < 40 || self.common * 10 >= self.han)
    }
}

/// Characters that real text does not hold (besides the odd one).
fn is_bad(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F..=0x9F   // control characters
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF                  // private use
        | 0xFDD0..=0xFDEF | 0xFFFE | 0xFFFF                      // non-characters
        | 0xFFFD) // a decoding error
}

/// Bytes that never occur in text files (C0 controls other than tab, line feed, vertical tab,
/// form feed, carriage return and escape).
pub(crate) fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

/// The encoding named by a byte-order mark at the start of `bytes`, and the mark's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(Bom, usize)> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some((Bom::Utf32Le, 4)),
        [0, 0, 0xFE, 0xFF, ..] => Some((Bom::Utf32Be, 4)),
        [0xEF, 0xBB, 0xBF, ..] => Some((Bom::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((Bom::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((Bom::Utf16Be, 2)),
        _ => None,
    }
}

/// An encoding announced by a byte-order mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

/// Decodes UTF-16 (without a mark); unpaired surrogates and a torn last unit become U+FFFD.
pub(crate) fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect();
    // A torn last unit is one more error, unless it tears a pair whose lead surrogate already
    // became U+FFFD (the Encoding Standard reports the two as one).
    let n = bytes.len();
    if n % 2 == 1 {
        let lead = n >= 3 && {
            let pair = [bytes[n - 3], bytes[n - 2]];
            let u = if little_endian { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) };
            (0xD800..0xDC00).contains(&u)
        };
        if !lead {
            text.push('\u{FFFD}');
        }
    }
    text
}

/// Decodes Windows-1252 (what browsers read for ISO-8859-1 and ASCII labels too).
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    bytes.iter().map(|&b| if (0x80..0xA0).contains(&b) { HIGH[(b - 0x80) as usize] } else { b as char }).collect()
}

/// Decodes `bytes` (without the mark) in the encoding a byte-order mark announced. Malformed
/// sequences become U+FFFD; the caller judges whether the result is still text.
pub(crate) fn decode_bom(bytes: &[u8], bom: Bom) -> String {
    match bom {
        Bom::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Bom::Utf16Le => utf16(bytes, true),
        Bom::Utf16Be => utf16(bytes, false),
        Bom::Utf32Le | Bom::Utf32Be => {
            // The web's encodings have no UTF-32, but a text editor may write it.
            let units = bytes.chunks(4).map(|c| match (c, bom) {
                ([a, b, c, d], Bom::Utf32Le) => u32::from_le_bytes([*a, *b, *c, *d]),
                ([a, b, c, d], _) => u32::from_be_bytes([*a, *b, *c, *d]),
                _ => 0xFFFD,
            });
            units.map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect()
        }
    }
}

/// If `bytes` look like UTF-16 saved without a byte-order mark (many NUL bytes, nearly all on
/// the same parity), decodes them.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    // Pairs rather than a parity test per byte: the loop then runs on vector instructions,
    // and every text file that is not UTF-16 goes through it.
    let (mut even, mut odd) = (0usize, 0usize);
    let pairs = sample.chunks_exact(2);
    even += usize::from(pairs.remainder().first() == Some(&0));
    for pair in pairs {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // ASCII-heavy UTF-16 has a NUL in every other byte; Chinese UTF-16 still has them in
    // its digits, punctuation and line breaks (and a few in the other parity: U+4E00 一).
    let little_endian = if odd * 20 >= sample.len() && even * 4 <= odd {
        true
    } else if even * 20 >= sample.len() && odd * 4 <= even {
        false
    } else {
        return None;
    };
    let text = utf16(bytes, little_endian);
    TextStats::of(&text).plausible().then_some(text)
}

/// Cuts a sample at most [`SAMPLE`] bytes long, dropping a possibly split last character.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE {
        bytes
    } else {
        // Back off to an ASCII byte so no multi-byte sequence is cut.
        let cut = bytes[..SAMPLE].iter().rposition(|b| b.is_ascii()).unwrap_or(SAMPLE);
        &bytes[..cut.max(SAMPLE / 2)]
    }
}

/// A candidate reading of non-UTF-8 bytes.
struct Reading {
    encoding: Legacy,
    stats: TextStats,
    /// The sample as read.
    text: String,
}

impl Reading {
    fn of(decoder: &dyn LegacyDecoder, encoding: Legacy, sample: &[u8]) -> Reading {
        let text = decoder.decode(encoding, sample);
        Reading { encoding, stats: TextStats::of(&text), text }
    }

    /// Higher is better: common Han characters count for, impossible characters against.
    fn score(&self) -> f64 {
        let s = self.stats;
        let han = s.han.max(1) as f64;
        s.common as f64 / han - 10.0 * s.bad as f64 / s.visible.max(1) as f64
    }
}

/// Decodes bytes that carry no byte-order mark: UTF-8 when valid (or nearly), else the better
/// of GB18030 and Big5, else lossy UTF-8 or Windows-1252 when that is still mostly text.
///
/// `declared` is an encoding a web page names for itself. Pages re-saved as UTF-8 often keep
/// their old `charset`, and Chinese pages are often mislabelled ISO-8859-1, so valid UTF-8
/// beats any label, and a single-byte label is only believed when detection finds no Chinese.
pub(crate) fn decode_unmarked(bytes: &[u8], declared: Option<Declared>, decoder: &dyn LegacyDecoder) -> Option<String> {
    if let Some(s) = valid_utf8(bytes) {
        return Some(s.to_string());
    }
    let plausible = |text: String| TextStats::of(&text).plausible().then_some(text);
    let believed = match declared {
        Some(Declared::Legacy(enc)) => plausible(decoder.decode(enc, bytes)),
        Some(Declared::Utf16Le) => plausible(utf16(bytes, true)),
        Some(Declared::Utf16Be) => plausible(utf16(bytes, false)),
        Some(Declared::Utf8 | Declared::Windows1252) | None => None,
    };
    if believed.is_some() {
        return believed;
    }
    let s = sample(bytes);
    if nearly_utf8(s) {
        return Some(String::from_utf8_lossy(bytes).into_owned());
    }
    let gb = Reading::of(decoder, Legacy::Gb18030, s);
    let big5 = Reading::of(decoder, Legacy::Big5, s);
    // Ties go to GB18030: mainland reports are the common case.
    let best = if big5.score() > gb.score() { big5 } else { gb };
    let enough_han = best.stats.han >= 8;
    if best.stats.plausible() && (!enough_han || best.stats.common_ratio() >= 0.2) {
        // A short file is its own sample: it has been read already.
        return Some(if s.len() == bytes.len() { best.text } else { decoder.decode(best.encoding, bytes) });
    }
    if declared == Some(Declared::Windows1252) {
        if let Some(text) = plausible(windows_1252(bytes)) {
            return Some(text);
        }
    }
    let lossy: Cow<'_, str> = String::from_utf8_lossy(bytes);
    if TextStats::of(&lossy).plausible() {
        return Some(lossy.into_owned());
    }
    // Western text in a legacy code page: mostly ASCII, the rest accents. Windows-1252 reads
    // every byte, so nothing turns into U+FFFD.
    let ascii = s.iter().filter(|b| b.is_ascii()).count();
    (ascii * 10 >= s.len() * 9).then(|| windows_1252(bytes))
}

/// `bytes` as text when they are valid UTF-8 (natively checked with SIMD; see `Cargo.toml`).
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    #[cfg(not(target_arch = "wasm32"))]
    let s = simdutf8::basic::from_utf8(bytes).ok();
    #[cfg(target_arch = "wasm32")]
    let s = std::str::from_utf8(bytes).ok();
    s
}

/// True when `bytes` are UTF-8 but for a few damaged sequences (a truncated last character, a
/// stray byte): at least 20 well-formed multi-byte characters per malformed one.
fn nearly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    // Every well-formed character counted has one of these lead bytes: once the malformed
    // ones are more than a twentieth of them, the answer is known (GBK text gives one per
    // character, and would otherwise be checked to its end, a character at a time).
    let most_good = lead_bytes(bytes);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += lead_bytes(s.as_bytes());
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += lead_bytes(valid);
                bad += 1;
                if 20 * bad > most_good {
                    return false;
                }
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
            }
        }
    }
    good >= 20 * bad.max(1)
}

/// The multi-byte characters of valid UTF-8: their lead bytes, the only bytes from 0xC0 up
/// (counted on bytes, where `chars()` would decode each character).
fn lead_bytes(valid: &[u8]) -> usize {
    crate::bytes::count(valid, |b| b >= 0xC0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030};

    fn unmarked(bytes: &[u8], declared: Option<Declared>) -> Option<String> {
        decode_unmarked(bytes, declared, &EncodingRs)
    }

    const SIMPLIFIED: &str = "本区坚持依法行政，全年共办理行政复议案件一百二十件，\
        组织执法人员培训十二场次，规范性文件备案审查率达到百分之百。";
    const TRADITIONAL: &str = "本區堅持依法行政，全年共辦理行政覆議案件一百二十件，\
        組織執法人員培訓十二場次，規範性文件備案審查率達到百分之百。";

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GB18030.encode(SIMPLIFIED);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(unmarked(&bytes, None).as_deref(), Some(SIMPLIFIED));
    }

    #[test]
    fn big5_is_detected() {
        let (bytes, _, had_errors) = BIG5.encode(TRADITIONAL);
        assert!(!had_errors);
        assert_eq!(unmarked(&bytes, None).as_deref(), Some(TRADITIONAL));
    }

    #[test]
    fn short_gbk_and_big5() {
        for (enc, s) in [(GB18030, "行政执法"), (BIG5, "行政執法"), (GB18030, "年度报告"), (BIG5, "年度報告")]
        {
            let (bytes, _, _) = enc.encode(s);
            assert_eq!(unmarked(&bytes, None).as_deref(), Some(s), "{}", enc.name());
        }
    }

    #[test]
    fn traditional_text_in_gbk_is_still_gbk() {
        // GBK can encode Traditional characters too; the common-character test sees through it.
        let (bytes, _, had_errors) = GB18030.encode(TRADITIONAL);
        assert!(!had_errors);
        assert_eq!(unmarked(&bytes, None).as_deref(), Some(TRADITIONAL));
    }

    #[test]
    fn utf16_without_bom() {
        let text = format!("2023 report\n{SIMPLIFIED}\n1. 2. 3.\n");
        // encoding_rs cannot encode UTF-16 (it is not an output encoding); do it by hand.
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff_utf16(&le).as_deref(), Some(text.as_str()));
        assert_eq!(sniff_utf16(&be).as_deref(), Some(text.as_str()));
        assert_eq!(sniff_utf16(SIMPLIFIED.as_bytes()), None);
    }

    #[test]
    fn nearly_utf8_text_stays_utf8() {
        let mut bytes = SIMPLIFIED.as_bytes().to_vec();
        bytes.truncate(bytes.len() - 1); // cut the last 。 in half
        let text = unmarked(&bytes, None).unwrap();
        assert!(text.starts_with("本区坚持依法行政"));
        assert!(text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn declared_charset_is_honoured() {
        let (bytes, _, _) = BIG5.encode(TRADITIONAL);
        let declared = Declared::from_label(b"Big5");
        assert_eq!(unmarked(&bytes, declared).as_deref(), Some(TRADITIONAL));
    }

    #[test]
    fn mislabelled_latin1_page_is_still_chinese() {
        let (bytes, _, _) = GB18030.encode(SIMPLIFIED);
        let declared = Declared::from_label(b"ISO-8859-1");
        assert_eq!(unmarked(&bytes, declared).as_deref(), Some(SIMPLIFIED));
        let declared = Declared::from_label(b" utf-8");
        assert_eq!(unmarked(&bytes, declared).as_deref(), Some(SIMPLIFIED));
    }

    #[test]
    fn random_high_bytes_are_not_text() {
        // A deterministic pseudo-random byte soup without control bytes.
        let mut x = 0x1234_5678u32;
        let bytes: Vec<u8> = (0..4000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                0x80 | (x as u8)
            })
            .collect();
        assert_eq!(unmarked(&bytes, None), None);
    }

    #[test]
    fn hand_written_decoders_agree_with_encoding_rs() {
        let bytes: Vec<u8> = (0..=255u8).chain("法治\u{1F600}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(windows_1252(&bytes), encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0);
        let mut x = 0x2545_F491u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                // Bias towards surrogate bytes.
                if x % 3 == 0 {
                    0xD8 | (x >> 8) as u8 & 7
                } else {
                    x as u8
                }
            })
            .collect();
        for n in (0..64).chain([4095, 4096]) {
            let cut = &noise[..n];
            assert_eq!(utf16(cut, true), encoding_rs::UTF_16LE.decode_without_bom_handling(cut).0, "{n}");
            assert_eq!(utf16(cut, false), encoding_rs::UTF_16BE.decode_without_bom_handling(cut).0, "{n}");
        }
        for n in [bytes.len(), bytes.len() - 1, bytes.len() - 3] {
            assert_eq!(utf16(&bytes[..n], true), encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes[..n]).0);
            assert_eq!(utf16(&bytes[..n], false), encoding_rs::UTF_16BE.decode_without_bom_handling(&bytes[..n]).0);
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Declared::from_label(b"GB2312"), Some(Declared::Legacy(Legacy::Gb18030)));
        assert_eq!(Declared::from_label(b"x-gbk"), Some(Declared::Legacy(Legacy::Gb18030)));
        assert_eq!(Declared::from_label(b"big5-hkscs"), Some(Declared::Legacy(Legacy::Big5)));
        assert_eq!(Declared::from_label(b"shift_jis"), None);
    }

    #[test]
    fn utf32() {
        let text = "法治A";
        let le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        assert_eq!(decode_bom(&le, Bom::Utf32Le), text);
        assert_eq!(decode_bom(&le[..5], Bom::Utf32Le), "法\u{FFFD}");
    }
}
