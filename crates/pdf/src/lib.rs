//! The text of a PDF, for fazhi-lens: reading order, paragraphs joined back, page chrome left
//! out. Plain Rust, no browser dependency; never panics on any input, linear-ish time, bounded
//! memory (stream sizes, object counts, nesting and page counts are capped; reference cycles are
//! cut).
//!
//! Supported: classic cross-reference tables and xref streams (PNG predictors), object streams,
//! incremental updates (the latest definition wins), hybrid files, a rebuilt table when the
//! file's is damaged; Flate, LZW, ASCIIHex, ASCII85 and RunLength; the standard security
//! handler with the empty user password (RC4 40–128, AES-128, AES-256 R5/R6); fonts with
//! ToUnicode (bfchar, bfrange incl. arrays), Identity-H, the predefined CMaps Uni*-UCS2/UTF16
//! (codes are Unicode), GB-EUC/GBK-EUC/GBK2K (GB18030 bytes) and B5/ETen (Big5), simple fonts
//! with WinAnsi and /Differences; form XObjects; inline images skipped.

mod content;
mod crypt;
mod doc;
mod filter;
mod font;
mod layout;
mod object;
#[cfg(feature = "write")]
pub mod write;

use std::fmt;

/// The text read from a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfText {
    /// One paragraph (or heading) a line, page chrome left out.
    pub text: String,
    /// The number of pages.
    pub pages: usize,
    /// The file was encrypted (with an empty user password) and was decrypted.
    pub encrypted: bool,
    /// The file's cross-reference table was damaged and rebuilt by scanning.
    pub repaired: bool,
}

/// Why a PDF's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// No text layer: a scan or images only (OCR would be needed).
    NoTextLayer {
        /// The number of pages.
        pages: usize,
    },
    /// Opening the file needs a password.
    NeedsPassword,
    /// The file is damaged beyond reading.
    Damaged {
        /// What is wrong, in English.
        why: String,
    },
    /// A feature this reader does not have (certificate security, fonts without Unicode).
    Unsupported {
        /// What, in English.
        what: String,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoTextLayer { pages } => write!(f, "no text layer on {pages} page(s): a scan needs OCR"),
            PdfError::NeedsPassword => f.write_str("a password is needed to open the file"),
            PdfError::Damaged { why } => write!(f, "damaged: {why}"),
            PdfError::Unsupported { what } => write!(f, "not supported: {what}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The legacy encodings of the predefined Chinese CMaps whose codes are not Unicode. (The
/// core has its own `Legacy` for whole texts: this crate does not depend on the core.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// GB-EUC, GBK-EUC and GBK2K CMaps: GB18030 bytes (a superset of GBK and GB 2312).
    Gb18030,
    /// B5 and ETen CMaps: Big5 bytes.
    Big5,
}

/// Decodes one character code of a legacy CMap. A parameter rather than a fixed dependency so
/// the browser build can use the browser's own `TextDecoder` and leave out encoding_rs's tables
/// (about 115 KB gzip of the PDF module).
pub trait LegacyDecoder {
    /// The text of `bytes` (one code) in `encoding`, or `None` when they are malformed or
    /// unmapped (the glyph then counts as unmapped, as with no ToUnicode).
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> Option<String>;
}

/// [`LegacyDecoder`] by encoding_rs: the WHATWG decoders, in Rust (the native default).
#[cfg(feature = "encoding_rs")]
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodingRs;

#[cfg(feature = "encoding_rs")]
impl LegacyDecoder for EncodingRs {
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> Option<String> {
        let enc = match encoding {
            Legacy::Gb18030 => encoding_rs::GB18030,
            Legacy::Big5 => encoding_rs::BIG5,
        };
        let (text, _, bad) = enc.decode(bytes);
        (!bad).then(|| text.into_owned())
    }
}

/// Reads the text of a PDF, decoding legacy CMaps with encoding_rs.
#[cfg(feature = "encoding_rs")]
pub fn extract_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    extract_text_with(bytes, &EncodingRs)
}

/// Reads the text of a PDF, decoding the codes of legacy CMaps (GBK, Big5) with `legacy`.
pub fn extract_text_with(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<PdfText, PdfError> {
    let doc = doc::Doc::open(bytes)?;
    let pages = doc.pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged { why: "no pages".to_string() });
    }
    let mut fonts = content::FontCache::new();
    let (mut glyphs, mut unmapped) = (0usize, 0usize);
    let mut lines = Vec::with_capacity(pages.len());
    for page in &pages {
        let t = content::page_text(&doc, page, &mut fonts, legacy);
        glyphs += t.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count();
        unmapped += t.unmapped;
        lines.push(layout::lines(&t.glyphs));
    }
    if glyphs == 0 || glyphs < unmapped / 10 {
        if unmapped > 0 {
            return Err(PdfError::Unsupported { what: "fonts without a Unicode map (no ToUnicode)".to_string() });
        }
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    let text = layout::text(lines);
    Ok(PdfText { text, pages: pages.len(), encrypted: doc.encrypted, repaired: doc.repaired.get() })
}
