//! A small PDF writer, for test fixtures only (feature `write`): plain text laid out the way
//! a government office's word processor prints an official document, in the fonts such
//! documents use when they do not embed them. It writes what the reader must read and what no
//! browser's print-to-PDF writes:
//!
//! - non-embedded CID fonts (`STSong-Light` for the body, `STHeiti-Regular` for the title and
//!   headings) with the predefined Chinese CMaps `UniGB-UCS2-H` or `GBK-EUC-H`, and
//!   `UniGB-UTF16-H` for what those cannot encode;
//! - A4 pages with a running header and a page number ("— N —" at the outer edge, "- N -", or
//!   "第N页 共M页"), a centred title in a larger size, headings indented like paragraphs that
//!   wrap onto a second line, body lines broken at a fixed width in the middle of sentences
//!   (never inside a number) and justified with character spacing;
//! - Flate-compressed content, and optionally object streams with a cross-reference stream;
//! - optionally the standard security handler with an owner password (copying and printing
//!   forbidden) and the empty user password, which opens it, or another: RC4-128, AES-128 or
//!   AES-256.
//!
//! The output is a function of the text and the options alone (keys and IVs are derived, not
//! random), so a fixture made twice is the same file.

use crate::crypt::{aes_cbc_encrypt_nopad, hash_r6, md5, rc4, PAD};

/// How the body text is encoded, i.e. which predefined CMap the fonts use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CidEncoding {
    /// `UniGB-UCS2-H`: two-byte Unicode codes.
    Ucs2,
    /// `GBK-EUC-H`: one byte for ASCII, two for GBK.
    Gbk,
}

/// The page number at the foot of each page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageNumbers {
    /// "— N —" at the outer edge (right on odd pages, left on even ones), as GB/T 9704 asks.
    Dash,
    /// "- N -", centred.
    Hyphen,
    /// "第N页 共M页", centred.
    OfTotal,
}

/// The security handler, with an owner password and the empty user password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Not encrypted.
    None,
    /// RC4 with a 128-bit key (V 2, R 3).
    Rc4,
    /// AES-128 (V 4, R 4, AESV2).
    Aes128,
    /// AES-256 (V 5, R 6, AESV3).
    Aes256,
}

/// How [`official_document`] writes its PDF.
#[derive(Clone, Debug)]
pub struct Options {
    /// The fonts' CMap.
    pub encoding: CidEncoding,
    /// The page number's shape.
    pub page_numbers: PageNumbers,
    /// The running header at the top of every page ("" for none).
    pub header: String,
    /// Encryption with the owner password "owner".
    pub security: Security,
    /// The user password of an encrypted file: "" for the copy-protected files that open
    /// without one.
    pub user_password: String,
    /// Objects in an object stream and a cross-reference stream instead of a classic table.
    pub object_streams: bool,
    /// Flate-compressed streams (plain ones are what a fuzzer can mutate meaningfully).
    pub compress: bool,
}

/// A4 in points.
const PAGE_W: f64 = 595.0;
const PAGE_H: f64 = 842.0;
/// GB/T 9704's margins: 37 mm top, 28 mm left, 26 mm right, 35 mm bottom.
const LEFT: f64 = 79.0;
const RIGHT: f64 = PAGE_W - 74.0;
const TOP: f64 = PAGE_H - 105.0;
const BOTTOM: f64 = 99.0;
/// 三号 (16 pt) body text, 22 lines a page.
const BODY: f64 = 16.0;
const PITCH: f64 = 28.9;
/// 二号 (22 pt) title.
const TITLE: f64 = 22.0;

/// The fonts: resource name, base font, CMap of each [`CidEncoding`].
const FONTS: [(&str, &str); 3] = [("F1", "STSong-Light"), ("F2", "STHeiti-Regular"), ("F3", "STSong-Light")];
const BODY_FONT: usize = 0;
const HEADING_FONT: usize = 1;
/// `UniGB-UTF16-H`, for characters the other CMap cannot encode.
const FALLBACK_FONT: usize = 2;

/// One line placed on a page.
struct Placed {
    x: f64,
    y: f64,
    size: f64,
    font: usize,
    text: String,
    /// Character spacing that justifies it.
    tc: f64,
}

/// A paragraph's kind decides its font, size and alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Heading,
    Body,
    /// The issuer and date at the end, set flush right.
    Signature,
}

/// The advance of `c` in ems, as the reader assumes for the predefined CMaps (proportional
/// Latin glyphs are half an em wide, everything else a full em).
fn advance(c: char) -> f64 {
    if (c as u32) < 0x2000 {
        0.5
    } else {
        1.0
    }
}

/// Characters a line is never broken inside of (numbers, percentages, Latin words).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | ':' | '-' | '/')
}

/// Starts with a heading marker: 一、 （一） 第一部分 1.
fn heading_marker(line: &str) -> bool {
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let mut it = line.chars();
    match it.next() {
        Some('（' | '(') => it.next().is_some_and(cn),
        Some('第') => it.next().is_some_and(cn),
        Some(c) if cn(c) => it.find(|c| !cn(*c)) == Some('、'),
        _ => false,
    }
}

/// A date line such as "2024年1月15日".
fn is_date(line: &str) -> bool {
    line.ends_with('日') && line.contains('年') && line.contains('月') && line.chars().count() <= 12
}

/// The paragraphs of `text` with their kinds.
fn paragraphs(text: &str) -> Vec<(Kind, String)> {
    let lines: Vec<String> = text.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    // The title: an early short line naming a report (not a breadcrumb trail).
    let title = lines.iter().take(4).position(|l| l.contains("报告") && !l.contains('>') && l.chars().count() <= 40);
    let n = lines.len();
    let date = (n > 0 && is_date(&lines[n - 1])).then(|| n - 1);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let kind = if Some(i) == title {
                Kind::Title
            } else if date.is_some_and(|d| i == d || (i + 1 == d && l.chars().count() <= 20)) {
                Kind::Signature
            } else if heading_marker(&l) && l.chars().count() <= 50 {
                Kind::Heading
            } else {
                Kind::Body
            };
            (kind, l)
        })
        .collect()
}

/// Breaks `text` into lines no wider than `first` ems (the first line) and `rest` ems.
fn wrap(text: &str, first: f64, rest: f64) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let room = if lines.is_empty() { first } else { rest };
        let (mut end, mut used) = (start, 0.0);
        while end < chars.len() && used + advance(chars[end]) <= room + 1e-9 {
            used += advance(chars[end]);
            end += 1;
        }
        if end < chars.len() && end > start {
            // Step back out of a number or word cut in two, unless it fills the whole line.
            let mut back = end;
            while back > start && is_word_char(chars[back - 1]) && is_word_char(chars[back]) {
                back -= 1;
            }
            if back > start {
                end = back;
            }
        }
        let end = end.max(start + 1);
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    lines
}

/// Lays the paragraphs out on pages.
fn layout(paras: &[(Kind, String)]) -> Vec<Vec<Placed>> {
    let width = (RIGHT - LEFT) / BODY;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = TOP;
    for (kind, text) in paras {
        let size = if *kind == Kind::Title { TITLE } else { BODY };
        let pitch = if *kind == Kind::Title { TITLE * 1.6 } else { PITCH };
        let ems = (RIGHT - LEFT) / size;
        let lines = match kind {
            Kind::Title | Kind::Signature => wrap(text, ems, ems),
            Kind::Heading | Kind::Body => wrap(text, width - 2.0, width),
        };
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            if y < BOTTOM {
                pages.push(Vec::new());
                y = TOP;
            }
            let used: f64 = line.chars().map(advance).sum::<f64>() * size;
            let (x, tc) = match kind {
                Kind::Title => (LEFT + ((RIGHT - LEFT) - used) / 2.0, 0.0),
                Kind::Signature => (RIGHT - used - 2.0 * BODY, 0.0),
                Kind::Heading | Kind::Body => {
                    let x = if i == 0 { LEFT + 2.0 * size } else { LEFT };
                    let gaps = line.chars().count().saturating_sub(1) as f64;
                    let slack = RIGHT - x - used;
                    // Justify every line but a paragraph's last, as word processors do.
                    let tc = if i + 1 < count && gaps > 0.0 && slack / gaps <= 0.2 * size { slack / gaps } else { 0.0 };
                    (x, tc)
                }
            };
            let font = if matches!(kind, Kind::Title | Kind::Heading) { HEADING_FONT } else { BODY_FONT };
            if let Some(page) = pages.last_mut() {
                page.push(Placed { x, y, size, font, text: line, tc });
            }
            y -= pitch;
        }
        if *kind == Kind::Title {
            y -= PITCH * 0.5;
        }
    }
    pages
}

/// The codes of `text` in `font` runs: (font, bytes).
fn encode(text: &str, font: usize, encoding: CidEncoding) -> Vec<(usize, Vec<u8>)> {
    let mut runs: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut buf = [0u16; 2];
    let mut s = [0u8; 4];
    for c in text.chars() {
        let (f, bytes) = match encoding {
            CidEncoding::Ucs2 if (c as u32) < 0x10000 => {
                (font, c.encode_utf16(&mut buf).iter().flat_map(|u| u.to_be_bytes()).collect())
            }
            CidEncoding::Gbk => {
                let (b, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut s));
                if unmappable {
                    (FALLBACK_FONT, c.encode_utf16(&mut buf).iter().flat_map(|u| u.to_be_bytes()).collect())
                } else {
                    (font, b.into_owned())
                }
            }
            CidEncoding::Ucs2 => {
                (FALLBACK_FONT, c.encode_utf16(&mut buf).iter().flat_map(|u| u.to_be_bytes()).collect())
            }
        };
        match runs.last_mut() {
            Some((last, run)) if *last == f => run.extend_from_slice(&bytes),
            _ => runs.push((f, bytes)),
        }
    }
    runs
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The content stream of one page.
fn content(page: &[Placed], number: usize, total: usize, opts: &Options) -> Vec<u8> {
    let mut lines: Vec<Placed> = Vec::new();
    if !opts.header.is_empty() {
        let size = 10.5;
        let used: f64 = opts.header.chars().map(advance).sum::<f64>() * size;
        let x = LEFT + ((RIGHT - LEFT) - used) / 2.0;
        lines.push(Placed { x, y: PAGE_H - 62.0, size, font: BODY_FONT, text: opts.header.clone(), tc: 0.0 });
    }
    let (folio, size) = match opts.page_numbers {
        PageNumbers::Dash => (format!("— {number} —"), 14.0),
        PageNumbers::Hyphen => (format!("- {number} -"), 14.0),
        PageNumbers::OfTotal => (format!("第{number}页 共{total}页"), 10.5),
    };
    let used: f64 = folio.chars().map(advance).sum::<f64>() * size;
    let x = match opts.page_numbers {
        PageNumbers::Dash if number % 2 == 1 => RIGHT - BODY - used,
        PageNumbers::Dash => LEFT + BODY,
        _ => LEFT + ((RIGHT - LEFT) - used) / 2.0,
    };
    lines.push(Placed { x, y: 62.0, size, font: BODY_FONT, text: folio, tc: 0.0 });
    let mut out = String::new();
    if !opts.header.is_empty() {
        // The rule under the running header.
        out.push_str(&format!("q 0.5 w {LEFT} {y:.1} m {RIGHT} {y:.1} l S Q\n", y = PAGE_H - 68.0));
    }
    out.push_str("BT\n");
    for l in page.iter().chain(&lines) {
        out.push_str(&format!("1 0 0 1 {:.2} {:.2} Tm {:.3} Tc\n", l.x, l.y, l.tc));
        for (font, bytes) in encode(&l.text, l.font, opts.encoding) {
            out.push_str(&format!("/{} {} Tf <{}> Tj\n", FONTS[font].0, l.size, hex(&bytes)));
        }
    }
    out.push_str("ET\n");
    out.into_bytes()
}

/// The keys of an encrypted document.
struct Crypt {
    security: Security,
    /// The file key.
    key: Vec<u8>,
    /// The /Encrypt dictionary.
    dict: String,
}

impl Crypt {
    fn new(security: Security, user: &[u8], id: &[u8; 16]) -> Option<Crypt> {
        // No printing, no copying, no changes: what "copy-protected" official PDFs set.
        let p: i32 = -3904;
        match security {
            Security::None => None,
            Security::Rc4 | Security::Aes128 => {
                // Algorithm 3: /O from the owner password, for the empty user password.
                let mut d = md5(&pad(b"owner"));
                for _ in 0..50 {
                    d = md5(&d);
                }
                let mut o = pad(user);
                for i in 0..20u8 {
                    let k: Vec<u8> = d.iter().map(|b| b ^ i).collect();
                    o = rc4(&k, &o);
                }
                // Algorithm 2: the file key.
                let mut m = pad(user);
                m.extend_from_slice(&o);
                m.extend_from_slice(&p.to_le_bytes());
                m.extend_from_slice(id);
                let mut key = md5(&m);
                for _ in 0..50 {
                    key = md5(&key);
                }
                // Algorithm 5: /U.
                let mut m = PAD.to_vec();
                m.extend_from_slice(id);
                let mut u = md5(&m).to_vec();
                for i in 0..20u8 {
                    let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                    u = rc4(&k, &u);
                }
                u.extend_from_slice(&[0; 16]);
                let dict = if security == Security::Rc4 {
                    format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P {p} /O <{}> /U <{}> >>", hex(&o), hex(&u))
                } else {
                    format!(
                        "<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /P {p} /O <{}> /U <{}> >>",
                        hex(&o),
                        hex(&u)
                    )
                };
                Some(Crypt { security, key: key.to_vec(), dict })
            }
            Security::Aes256 => {
                let salt = |tag: &[u8]| md5(&[id.as_slice(), tag].concat());
                let key: Vec<u8> =
                    [md5(&[id.as_slice(), b"key1"].concat()), md5(&[id.as_slice(), b"key2"].concat())].concat();
                let (uv, uk, ov, ok) = (salt(b"uv"), salt(b"uk"), salt(b"ov"), salt(b"ok"));
                let mut u = hash_r6(user, &uv[..8], b"");
                u.extend_from_slice(&uv[..8]);
                u.extend_from_slice(&uk[..8]);
                let ue = aes_cbc_encrypt_nopad(&hash_r6(user, &uk[..8], b""), &[], &key);
                let mut o = hash_r6(b"owner", &ov[..8], &u);
                o.extend_from_slice(&ov[..8]);
                o.extend_from_slice(&ok[..8]);
                let oe = aes_cbc_encrypt_nopad(&hash_r6(b"owner", &ok[..8], &u), &[], &key);
                let mut perms = p.to_le_bytes().to_vec();
                perms.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, b'T', b'a', b'd', b'b', 0, 0, 0, 0]);
                let perms = aes_cbc_encrypt_nopad(&key, &[], &perms);
                let dict = format!(
                    "<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /P {p} /O <{}> /U <{}> /OE <{}> /UE <{}> /Perms <{}> >>",
                    hex(&o),
                    hex(&u),
                    hex(&oe),
                    hex(&ue),
                    hex(&perms)
                );
                Some(Crypt { security, key, dict })
            }
        }
    }

    /// Encrypts a string or stream of object `num` (generation 0).
    fn apply(&self, num: u32, data: &[u8]) -> Vec<u8> {
        let object_key = |aes: bool| {
            let mut m = self.key.clone();
            m.extend_from_slice(&num.to_le_bytes()[..3]);
            m.extend_from_slice(&[0, 0]);
            if aes {
                m.extend_from_slice(b"sAlT");
            }
            md5(&m).to_vec()
        };
        match self.security {
            Security::None => data.to_vec(),
            Security::Rc4 => rc4(&object_key(false), data),
            Security::Aes128 => aes_with_iv(&object_key(true), num, data),
            Security::Aes256 => aes_with_iv(&self.key, num, data),
        }
    }
}

/// `iv ‖ AES-CBC(data with PKCS#7 padding)`, the IV derived from the object number.
fn aes_with_iv(key: &[u8], num: u32, data: &[u8]) -> Vec<u8> {
    let iv = md5(&[b"iv".as_slice(), &num.to_le_bytes(), &data[..data.len().min(64)]].concat());
    let n = 16 - data.len() % 16;
    let mut padded = data.to_vec();
    padded.extend(std::iter::repeat_n(n as u8, n));
    let mut out = iv.to_vec();
    out.extend_from_slice(&aes_cbc_encrypt_nopad(key, &iv, &padded));
    out
}

fn pad(pw: &[u8]) -> Vec<u8> {
    let mut v = pw[..pw.len().min(32)].to_vec();
    v.extend_from_slice(&PAD[..32 - v.len()]);
    v
}

/// An object: its number, and either a dictionary/array (with strings to encrypt written by
/// [`Body::Dict`]'s closure) or a stream.
enum Body {
    /// Not a stream. Strings in it are `(text)` placeholders, each `\u{1}` … `\u{2}` span
    /// being a string to write (and encrypt when the object is not in an object stream).
    Dict(String),
    /// A stream: its dictionary entries (without /Length) and its (unencoded) data.
    Stream(String, Vec<u8>),
}

/// The `\u{1}text\u{2}` spans of a dictionary as hex strings, encrypted with `crypt`.
fn strings(dict: &str, num: u32, crypt: Option<&Crypt>) -> String {
    let mut out = String::new();
    let mut rest = dict;
    while let Some(at) = rest.find('\u{1}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find('\u{2}').unwrap_or(after.len());
        let text = &after[..end];
        // UTF-16BE with a byte-order mark unless ASCII.
        let bytes: Vec<u8> = if text.is_ascii() {
            text.as_bytes().to_vec()
        } else {
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
        };
        let bytes = crypt.map_or(bytes.clone(), |c| c.apply(num, &bytes));
        out.push('<');
        out.push_str(&hex(&bytes));
        out.push('>');
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A string for [`Body::Dict`].
fn s(text: &str) -> String {
    format!("\u{1}{text}\u{2}")
}

/// A stream of `data` with the dictionary entries `dict`, Flate-compressed when `compress`.
fn flate_if(compress: bool, dict: &str, data: Vec<u8>) -> Body {
    if compress {
        Body::Stream(format!("{dict} /Filter /FlateDecode"), miniz_oxide::deflate::compress_to_vec_zlib(&data, 6))
    } else {
        Body::Stream(dict.to_string(), data)
    }
}

/// Writes `text` as an official document.
pub fn official_document(text: &str, opts: &Options) -> Vec<u8> {
    let paras = paragraphs(text);
    let pages = layout(&paras);
    let title = paras.iter().find(|(k, _)| *k == Kind::Title).map_or("", |(_, t)| t.as_str());
    let id = md5(&[text.as_bytes(), format!("{opts:?}").as_bytes()].concat());
    let crypt = Crypt::new(opts.security, opts.user_password.as_bytes(), &id);

    // 1 catalog, 2 page tree, 3 info, 4–12 fonts, then a page and its content per page.
    let mut objects: Vec<(u32, Body)> = Vec::new();
    let first_page = 13u32;
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", first_page + 2 * i as u32)).collect();
    objects.push((1, Body::Dict("<< /Type /Catalog /Pages 2 0 R >>".into())));
    objects.push((2, Body::Dict(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()))));
    objects.push((3, Body::Dict(format!("<< /Title {} /Producer {} >>", s(title), s("fazhi-pdf test writer")))));
    let mut font_refs = Vec::new();
    for (i, (name, base)) in FONTS.iter().enumerate() {
        let n = 4 + 3 * i as u32;
        let cmap = match (i, opts.encoding) {
            (FALLBACK_FONT, _) => "UniGB-UTF16-H",
            (_, CidEncoding::Ucs2) => "UniGB-UCS2-H",
            (_, CidEncoding::Gbk) => "GBK-EUC-H",
        };
        objects.push((
            n,
            Body::Dict(format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /{cmap} /DescendantFonts [{} 0 R] >>",
                n + 1
            )),
        ));
        // CIDs 1–95 are Adobe-GB1's proportional Latin glyphs, half an em wide.
        objects.push((
            n + 1,
            Body::Dict(format!(
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{base} /CIDSystemInfo << /Registry {} /Ordering {} /Supplement 4 >> /FontDescriptor {} 0 R /DW 1000 /W [1 95 500] >>",
                s("Adobe"),
                s("GB1"),
                n + 2
            )),
        ));
        objects.push((
            n + 2,
            Body::Dict(format!(
                "<< /Type /FontDescriptor /FontName /{base} /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
            )),
        ));
        font_refs.push(format!("/{name} {n} 0 R"));
    }
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let n = first_page + 2 * i as u32;
        objects.push((
            n,
            Body::Dict(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << {} >> >> /Contents {} 0 R >>",
                font_refs.join(" "),
                n + 1
            )),
        ));
        let data = content(page, i + 1, total, opts);
        objects.push((n + 1, flate_if(opts.compress, "", data)));
    }
    let size = first_page + 2 * total as u32;
    let encrypt = crypt.as_ref().map(|c| (size, c.dict.clone()));
    let size = size + u32::from(encrypt.is_some());
    let trailer = format!(
        "/Root 1 0 R /Info 3 0 R /ID [<{0}> <{0}>]{1}",
        hex(&id),
        encrypt.as_ref().map_or(String::new(), |(n, _)| format!(" /Encrypt {n} 0 R"))
    );

    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    let write_stream = |out: &mut Vec<u8>, num: u32, dict: &str, data: &[u8]| {
        let data = crypt.as_ref().map_or(data.to_vec(), |c| c.apply(num, data));
        out.extend_from_slice(format!("{num} 0 obj\n<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes());
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    };
    if opts.object_streams {
        // Every dictionary in one object stream (their strings are encrypted with the stream).
        let objstm = size;
        let (mut header, mut body) = (String::new(), String::new());
        let mut packed = Vec::new();
        for (num, b) in &objects {
            match b {
                Body::Dict(d) => {
                    header.push_str(&format!("{num} {} ", body.len()));
                    body.push_str(&strings(d, *num, None));
                    body.push('\n');
                    packed.push(*num);
                }
                Body::Stream(d, data) => {
                    offsets.push((*num, out.len()));
                    write_stream(&mut out, *num, d, data);
                }
            }
        }
        if let Some((n, d)) = &encrypt {
            offsets.push((*n, out.len()));
            out.extend_from_slice(format!("{n} 0 obj\n{d}\nendobj\n").as_bytes());
        }
        let data = format!("{header}\n{body}");
        let first = header.len() + 1;
        offsets.push((objstm, out.len()));
        if let Body::Stream(dict, data) =
            flate_if(opts.compress, &format!("/Type /ObjStm /N {} /First {first}", packed.len()), data.into_bytes())
        {
            write_stream(&mut out, objstm, &dict, &data);
        }
        // The cross-reference stream: type, offset (4 bytes) or object stream, index (2 bytes).
        let xref = objstm + 1;
        let mut rows = vec![0u8; 7 * (xref as usize + 1)];
        rows[..7].copy_from_slice(&[0, 0, 0, 0, 0, 0xFF, 0xFF]);
        for (num, at) in &offsets {
            let row = &mut rows[7 * *num as usize..7 * *num as usize + 7];
            row[0] = 1;
            row[1..5].copy_from_slice(&(*at as u32).to_be_bytes());
        }
        for (i, num) in packed.iter().enumerate() {
            let row = &mut rows[7 * *num as usize..7 * *num as usize + 7];
            row[0] = 2;
            row[1..5].copy_from_slice(&objstm.to_be_bytes());
            row[5..7].copy_from_slice(&(i as u16).to_be_bytes());
        }
        let at = out.len();
        let row = &mut rows[7 * xref as usize..7 * xref as usize + 7];
        row[0] = 1;
        row[1..5].copy_from_slice(&(at as u32).to_be_bytes());
        let data = miniz_oxide::deflate::compress_to_vec_zlib(&rows, 6);
        out.extend_from_slice(
            format!(
                "{xref} 0 obj\n<< /Type /XRef /Size {} /W [1 4 2] /Filter /FlateDecode {trailer} /Length {} >>\nstream\n",
                xref + 1,
                data.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
        return out;
    }
    for (num, b) in &objects {
        offsets.push((*num, out.len()));
        match b {
            Body::Dict(d) => {
                out.extend_from_slice(format!("{num} 0 obj\n{}\nendobj\n", strings(d, *num, crypt.as_ref())).as_bytes())
            }
            Body::Stream(d, data) => write_stream(&mut out, *num, d, data),
        }
    }
    if let Some((n, d)) = &encrypt {
        offsets.push((*n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n{d}\nendobj\n").as_bytes());
    }
    offsets.sort_unstable();
    let at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    let mut next = 1;
    for (num, offset) in &offsets {
        while next < *num {
            out.extend_from_slice(b"0000000000 65535 f \n");
            next += 1;
        }
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        next = num + 1;
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} {trailer} >>\nstartxref\n{at}\n%%EOF\n").as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract_text;

    const TEXT: &str = "示例县人民政府关于2024年法治政府建设情况的年度报告\n\n2024年，示例县坚持依法行政，全面推进法治政府建设，各项工作取得新进展，行政复议案件办结率达到98.5%，同比提高2.3个百分点。现将有关情况报告如下：\n一、主要举措和成效：健全依法决策机制，推进严格规范公正文明执法工作\n（一）加强党的领导。全年召开常务会议专题研究法治政府建设工作6次，制定年度工作要点，明确任务分工37项。\n二、存在的不足\n基层执法力量薄弱。\n示例县人民政府\n2025年1月15日\n";

    /// [`TEXT`] made two pages long: a running header needs a second page to be told apart
    /// from the title.
    fn text() -> String {
        let filler = "（二）推进严格规范公正文明执法。全市行政执法机关办理行政处罚案件4821件，罚没款1.37亿元。\n";
        TEXT.replace("二、存在的不足\n", &format!("{}二、存在的不足\n", filler.repeat(12)))
    }

    fn expected() -> String {
        text().lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect()
    }

    /// Every variant reads back to the paragraphs it was written from: the wrapped heading
    /// and the body lines joined, the title, header and page numbers where they belong.
    #[test]
    fn every_variant_reads_back() {
        // Each security handler with three of the twelve other combinations (AES-256's key
        // derivation is slow unoptimised).
        let securities = [Security::None, Security::Rc4, Security::Aes128, Security::Aes256];
        let mut k = 0;
        for encoding in [CidEncoding::Ucs2, CidEncoding::Gbk] {
            for page_numbers in [PageNumbers::Dash, PageNumbers::Hyphen, PageNumbers::OfTotal] {
                for object_streams in [false, true] {
                    {
                        let security = securities[k % 4];
                        k += 1;
                        let opts = Options {
                            encoding,
                            page_numbers,
                            header: "示例县人民政府文件".into(),
                            security,
                            user_password: String::new(),
                            object_streams,
                            compress: k % 3 != 0,
                        };
                        let pdf = official_document(&text(), &opts);
                        let t = extract_text(&pdf).unwrap_or_else(|e| panic!("{opts:?}: {e}"));
                        assert!(t.pages >= 2, "{opts:?}");
                        assert_eq!(t.encrypted, security != Security::None, "{opts:?}");
                        assert_eq!(t.text, expected(), "{opts:?}");
                    }
                }
            }
        }
    }

    /// A user password keeps the file shut, whatever the cipher.
    #[test]
    fn a_user_password_is_asked_for() {
        for security in [Security::Rc4, Security::Aes128, Security::Aes256] {
            let opts = Options {
                encoding: CidEncoding::Ucs2,
                page_numbers: PageNumbers::Dash,
                header: String::new(),
                security,
                user_password: "secret".into(),
                object_streams: false,
                compress: true,
            };
            assert_eq!(
                extract_text(&official_document(TEXT, &opts)),
                Err(crate::PdfError::NeedsPassword),
                "{security:?}"
            );
        }
    }

    /// Many pages: the running header and page numbers are left out on all of them.
    #[test]
    fn many_pages_drop_their_chrome() {
        let para = "全年办理行政复议案件一百二十件，其中维持九十件，撤销十件，确认违法五件，责令履行三件，驳回十二件，纠错率为百分之十五。";
        let text: String =
            (0..60).map(|i| if i % 10 == 0 { format!("（一）第{i}项工作\n") } else { format!("{para}\n") }).collect();
        let opts = Options {
            encoding: CidEncoding::Gbk,
            page_numbers: PageNumbers::OfTotal,
            header: "法治政府建设年度报告".into(),
            security: Security::None,
            user_password: String::new(),
            object_streams: false,
            compress: true,
        };
        let t = extract_text(&official_document(&text, &opts)).expect("reads");
        assert!(t.pages >= 5, "{} pages", t.pages);
        assert_eq!(t.text, text);
    }
}
