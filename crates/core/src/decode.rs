//! Decoding: file bytes → text (encodings, saved web pages, .docx), with typed errors.
//!
//! The order of questions matters, because each later one is fooled by what an earlier one
//! rules out:
//!
//! 1. empty?                              → [`DecodeError::EmptyInput`]
//! 2. a known binary signature?           → PDF, images, archives, old Office… named in the error
//! 3. a zip?                              → .docx is read; xlsx/pptx/odt/plain zip are named
//! 4. a byte-order mark?                  → UTF-8 / UTF-16 / UTF-32
//! 5. many NUL bytes in one parity?       → UTF-16 without a mark
//! 6. many control bytes?                 → [`DecodeError::Binary`]
//! 7. UTF-8, else GB18030 or Big5 by which reads as common Chinese, else mostly-text lossy
//! 8. a web page (by name or content)?    → its visible text, honouring `<meta charset>`
//!
//! Nothing in a file is ever fetched, run or followed.

mod docx;
mod encoding;
mod entity;
mod html;
mod misaligned;
#[cfg(feature = "pdf")]
mod pdf;
mod zip;

use std::fmt;

use self::encoding::TextStats;
pub use self::encoding::{EncodingRs, Legacy, LegacyDecoder};
pub use self::zip::ZipProblem;
use self::zip::{Archive, EntryError};

/// A file format the analyser recognises but does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Portable Document Format.
    Pdf,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// GIF image.
    Gif,
    /// Windows bitmap.
    Bmp,
    /// WebP image.
    Webp,
    /// TIFF image (often a scanned document).
    Tiff,
    /// HEIF/HEIC or AVIF image.
    Heif,
    /// Audio or video.
    Media,
    /// Word 97-2003 (.doc) or WPS document.
    Doc,
    /// Excel 97-2003 (.xls).
    Xls,
    /// PowerPoint 97-2003 (.ppt).
    Ppt,
    /// Another OLE compound file (old Office, or an encrypted new one).
    OleOffice,
    /// Word (.docx): read by this module; named in errors about damaged ones.
    Docx,
    /// Excel (.xlsx).
    Xlsx,
    /// PowerPoint (.pptx).
    Pptx,
    /// OpenDocument (.odt, .ods, .odp).
    OpenDocument,
    /// OFD, China's fixed-layout e-document format (GB/T 33190).
    Ofd,
    /// EPUB e-book.
    Epub,
    /// Any other zip archive.
    Zip,
    /// RAR archive.
    Rar,
    /// 7-Zip archive.
    SevenZip,
    /// gzip-compressed file.
    Gzip,
    /// bzip2-compressed file.
    Bzip2,
    /// xz-compressed file.
    Xz,
    /// Zstandard-compressed file.
    Zstd,
    /// A program (ELF, PE/EXE, Mach-O, WebAssembly, Java class).
    Executable,
    /// Rich Text Format.
    Rtf,
    /// A single-file web archive (.mht/.mhtml).
    Mht,
}

impl Format {
    /// The format's name in Chinese, as the UI shows it.
    pub fn name_zh(self) -> &'static str {
        use Format::*;
        match self {
            Pdf => "PDF",
            Png => "PNG 图片",
            Jpeg => "JPEG 图片",
            Gif => "GIF 图片",
            Bmp => "BMP 图片",
            Webp => "WebP 图片",
            Tiff => "TIFF 图片",
            Heif => "HEIF 图片",
            Media => "音频或视频文件",
            Doc => "Word 97-2003 文档 (.doc)",
            Xls => "Excel 表格 (.xls)",
            Ppt => "PowerPoint 演示文稿 (.ppt)",
            OleOffice => "旧版 Office 文档",
            Docx => "Word 文档 (.docx)",
            Xlsx => "Excel 表格 (.xlsx)",
            Pptx => "PowerPoint 演示文稿 (.pptx)",
            OpenDocument => "OpenDocument 文档",
            Ofd => "OFD 版式文件",
            Epub => "EPUB 电子书",
            Zip => "ZIP 压缩包",
            Rar => "RAR 压缩包",
            SevenZip => "7z 压缩包",
            Gzip => "gzip 压缩文件",
            Bzip2 => "bzip2 压缩文件",
            Xz => "xz 压缩文件",
            Zstd => "zstd 压缩文件",
            Executable => "可执行程序",
            Rtf => "RTF 文档",
            Mht => "MHT 网页归档",
        }
    }

    /// The format's name in English.
    pub fn name_en(self) -> &'static str {
        use Format::*;
        match self {
            Pdf => "PDF",
            Png => "PNG image",
            Jpeg => "JPEG image",
            Gif => "GIF image",
            Bmp => "BMP image",
            Webp => "WebP image",
            Tiff => "TIFF image",
            Heif => "HEIF image",
            Media => "Audio or video",
            Doc => "Word 97-2003 (.doc)",
            Xls => "Excel (.xls)",
            Ppt => "PowerPoint (.ppt)",
            OleOffice => "Old Office format",
            Docx => "Word (.docx)",
            Xlsx => "Excel (.xlsx)",
            Pptx => "PowerPoint (.pptx)",
            OpenDocument => "OpenDocument",
            Ofd => "OFD",
            Epub => "EPUB",
            Zip => "ZIP archive",
            Rar => "RAR archive",
            SevenZip => "7z archive",
            Gzip => "gzip",
            Bzip2 => "bzip2",
            Xz => "xz",
            Zstd => "zstd",
            Executable => "An executable program",
            Rtf => "RTF",
            Mht => "MHT web archive",
        }
    }

    /// What the user can do instead, in Chinese and English.
    fn advice(self) -> (&'static str, &'static str) {
        use Format::*;
        match self {
            Doc | OleOffice | Rtf | OpenDocument => {
                ("请另存为 .docx 或复制文本后粘贴", "save it as .docx, or copy the text and paste it")
            }
            Mht => (
                "请在浏览器中另存为“网页，仅 HTML”或复制文本后粘贴",
                "save it as HTML only, or copy the text and paste it",
            ),
            Zip | Rar | SevenZip | Gzip | Bzip2 | Xz | Zstd => {
                ("请先解压，再打开其中的报告文件", "extract it first and open the report inside")
            }
            Executable | Media => ("请选择报告的文本文件", "choose the report's text file"),
            _ => ("请复制文本后粘贴", "copy the text and paste it"),
        }
    }
}

/// Why a file could not be turned into report text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file is empty or holds no visible text (only whitespace, or a page or document
    /// without text).
    EmptyInput,
    /// The bytes are a format the analyser does not read (PDF, image, archive…).
    Unsupported(Format),
    /// Generic binary data: control bytes no text file holds.
    Binary,
    /// Not valid UTF-8, and not GB18030 or Big5 Chinese either.
    UnknownEncoding,
    /// A zip-based document that cannot be opened.
    Corrupt {
        /// What the file was meant to be (usually [`Format::Docx`]).
        format: Format,
        /// What is wrong with it.
        problem: ZipProblem,
    },
    /// A compressed document that would expand past the limit: a zip bomb, or not a report.
    TooLarge {
        /// The document's format.
        format: Format,
        /// The limit in MB.
        limit_mb: usize,
    },
    /// A password-protected document.
    Encrypted(Format),
    /// A document with no text layer: a scan, or images of pages (needs OCR).
    NoTextLayer(Format),
    /// A document damaged beyond reading (not a zip-based one: those are [`DecodeError::Corrupt`]).
    Damaged {
        /// The document's format.
        format: Format,
        /// What is wrong, in English.
        why: String,
    },
    /// A document using a feature the reader lacks (for a PDF: certificate security, fonts
    /// without a Unicode map).
    UnsupportedFeature {
        /// The document's format.
        format: Format,
        /// The feature, in English.
        what: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::EmptyInput => f.write_str("文件为空，没有可分析的文字 (the file is empty; there is no text to analyse)"),
            DecodeError::Unsupported(format) => {
                let (zh, en) = format.advice();
                let verb = if format.name_en().ends_with("archive") { "are" } else { "is" };
                let en_name = if verb == "are" { format!("{}s", format.name_en()) } else { format.name_en().to_string() };
                write!(f, "暂不支持 {}，{zh} ({en_name} {verb} not supported; {en})", format.name_zh())
            }
            DecodeError::Binary => {
                f.write_str("无法读取：这是二进制文件，不是文本 (cannot read: this is a binary file, not text)")
            }
            DecodeError::UnknownEncoding => f.write_str(
                "无法识别文本编码，请另存为 UTF-8 后重试 (unrecognised text encoding; save the file as UTF-8 and try again)",
            ),
            DecodeError::Corrupt { format, problem } => {
                write!(f, "文件已损坏，无法打开{}：{problem} (the {} file is damaged)", format.name_zh(), format.name_en())
            }
            DecodeError::TooLarge { format, limit_mb } => write!(
                f,
                "解压后超过 {limit_mb} MB，已拒绝打开此{} (the {} file expands past {limit_mb} MB; refused as a possible zip bomb)",
                format.name_zh(),
                format.name_en()
            ),
            DecodeError::NoTextLayer(format) => write!(
                f,
                "这份{}没有文字层（可能是扫描件），需要先进行文字识别 (OCR) (the {} file has no text layer, probably a scan; it needs OCR first)",
                format.name_zh(),
                format.name_en()
            ),
            DecodeError::Damaged { format, why } => {
                write!(f, "文件已损坏，无法打开{} (the {} file is damaged: {why})", format.name_zh(), format.name_en())
            }
            DecodeError::UnsupportedFeature { format, what } => write!(
                f,
                "暂不支持此{}使用的功能，请复制文本后粘贴 (this {} file uses a feature that is not supported: {what}; copy the text and paste it)",
                format.name_zh(),
                format.name_en()
            ),
            DecodeError::Encrypted(format) => write!(
                f,
                "无法打开已加密的{}，请先取消密码 (the {} file is password-protected; remove the password first)",
                format.name_zh(),
                format.name_en()
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes into text. `name` (a file name or path, or "-") hints the format;
/// the content decides when they disagree, except that a `.htm(l)` name makes text a web page.
///
/// Returns text with a byte-order mark removed; saved pages and .docx come back as one line
/// per paragraph. GB18030 and Big5 are decoded with encoding_rs; see [`decode_with`].
pub fn decode(bytes: &[u8], name: &str) -> Result<String, DecodeError> {
    decode_with(bytes, name, &EncodingRs)
}

/// [`decode`] with GB18030 and Big5 decoded by `legacy`. The web app passes the browser's
/// `TextDecoder` here, so encoding_rs's tables need not be shipped to the browser.
pub fn decode_with(bytes: &[u8], name: &str, legacy: &dyn LegacyDecoder) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::EmptyInput);
    }
    let ext = extension(name);
    if let Some(format) = signature(bytes, &ext) {
        #[cfg(feature = "pdf")]
        if format == Format::Pdf {
            return pdf::to_text(bytes).and_then(non_empty);
        }
        return Err(ole_encrypted(bytes, &ext, format).unwrap_or(DecodeError::Unsupported(format)));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return from_zip(bytes, &ext);
    }
    let text = match encoding::bom(bytes) {
        Some((bom, len)) => {
            let text = encoding::decode_bom(&bytes[len..], bom);
            if !TextStats::of(&text).plausible() {
                return Err(binary_named(&ext));
            }
            text
        }
        None => match encoding::sniff_utf16(bytes) {
            Some(text) => text,
            None => {
                let control = crate::bytes::count(bytes, encoding::is_binary_byte);
                if control * 100 > bytes.len() {
                    return Err(binary_named(&ext));
                }
                let head = &bytes[..bytes.len().min(1024)];
                let page = is_html_name(&ext) || html::sniff(head);
                let declared = if page { html::declared_charset(bytes) } else { None };
                encoding::decode_unmarked(bytes, declared, legacy).ok_or(DecodeError::UnknownEncoding)?
            }
        },
    };
    let text = misaligned::repair(text, legacy);
    let head = &text.as_bytes()[..text.len().min(64 * 1024)];
    let text = if is_html_name(&ext) || html::sniff(head) { html::to_text(&text) } else { text };
    non_empty(text)
}

/// Rejects text with nothing but whitespace.
fn non_empty(text: String) -> Result<String, DecodeError> {
    if text.trim().is_empty() {
        Err(DecodeError::EmptyInput)
    } else {
        Ok(text)
    }
}

/// The lower-cased extension of `name` ("" when none).
fn extension(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn is_html_name(ext: &str) -> bool {
    matches!(ext, "html" | "htm" | "xhtml" | "shtml")
}

/// The format a file's leading bytes announce, for formats that are never text.
fn signature(b: &[u8], ext: &str) -> Option<Format> {
    use Format::*;
    let at = |offset: usize, magic: &[u8]| b.get(offset..offset + magic.len()) == Some(magic);
    Some(match b {
        _ if at(0, b"%PDF-") => Pdf,
        // Some PDF writers put junk before the header; readers accept it within 1 KB (and
        // every PDF ends with %%EOF, which a text mentioning "%PDF-" does not).
        _ if b[..b.len().min(1024)].windows(5).any(|w| w == b"%PDF-") && b.trim_ascii_end().ends_with(b"%%EOF") => Pdf,
        [0x89, b'P', b'N', b'G', ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        _ if at(0, b"GIF87a") || at(0, b"GIF89a") => Gif,
        // "BM" could start a text; a bitmap's reserved header bytes are zero.
        _ if at(0, b"BM") && at(6, &[0, 0, 0, 0]) => Bmp,
        _ if at(0, b"RIFF") && at(8, b"WEBP") => Webp,
        _ if at(0, b"RIFF") && (at(8, b"WAVE") || at(8, b"AVI ")) => Media,
        _ if at(0, b"II*\0") || at(0, b"MM\0*") => Tiff,
        _ if at(4, b"ftyp") => {
            if at(8, b"heic") || at(8, b"heix") || at(8, b"mif1") || at(8, b"avif") {
                Heif
            } else {
                Media
            }
        }
        _ if at(0, b"ID3") || at(0, b"OggS") || at(0, b"fLaC") || at(0, &[0x1A, 0x45, 0xDF, 0xA3]) => Media,
        _ if at(0, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) => match ext {
            "doc" | "wps" | "dot" => Doc,
            "xls" | "et" => Xls,
            "ppt" | "dps" => Ppt,
            _ => OleOffice,
        },
        _ if at(0, b"Rar!\x1A\x07") => Rar,
        _ if at(0, &[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) => SevenZip,
        [0x1F, 0x8B, ..] => Gzip,
        _ if at(0, b"BZh") && at(4, &[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) => Bzip2,
        _ if at(0, &[0xFD, b'7', b'z', b'X', b'Z', 0]) => Xz,
        _ if at(0, &[0x28, 0xB5, 0x2F, 0xFD]) => Zstd,
        _ if at(0, b"\x7FELF") || at(0, b"\0asm") => Executable,
        _ if at(0, &[0xCF, 0xFA, 0xED, 0xFE])
            || at(0, &[0xCE, 0xFA, 0xED, 0xFE])
            || at(0, &[0xCA, 0xFE, 0xBA, 0xBE]) =>
        {
            Executable
        }
        _ if at(0, b"MZ") && is_pe(b) => Executable,
        _ if at(0, b"{\\rtf") => Rtf,
        _ if at(0, b"MIME-Version:") || matches!(ext, "mht" | "mhtml") => Mht,
        _ => return None,
    })
}

/// Binary bytes under a name that says what they are: an old Office or WPS file whose header
/// did not sniff (a damaged or unusual one) gets that format's advice ("save it as .docx"),
/// which helps more than "this is a binary file".
fn binary_named(ext: &str) -> DecodeError {
    match ext {
        "doc" | "dot" | "wps" => DecodeError::Unsupported(Format::Doc),
        "xls" | "et" => DecodeError::Unsupported(Format::Xls),
        "ppt" | "dps" => DecodeError::Unsupported(Format::Ppt),
        _ => DecodeError::Binary,
    }
}

/// A password-protected .docx/.xlsx/.pptx is an OLE compound file holding an
/// "EncryptedPackage" stream; names of OLE streams are UTF-16LE.
fn ole_encrypted(bytes: &[u8], ext: &str, format: Format) -> Option<DecodeError> {
    if !matches!(format, Format::Doc | Format::Xls | Format::Ppt | Format::OleOffice) {
        return None;
    }
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let format = match ext {
        "docx" | "docm" => Format::Docx,
        "xlsx" | "xlsm" => Format::Xlsx,
        "pptx" | "pptm" => Format::Pptx,
        _ => format,
    };
    bytes.windows(name.len()).any(|w| w == name.as_slice()).then_some(DecodeError::Encrypted(format))
}

/// True when an "MZ" file is a program: a PE header where its DOS header says, or at least
/// the NUL bytes of a binary header (text starting with "MZ" has none).
fn is_pe(b: &[u8]) -> bool {
    let pe_at = b.get(0x3C..0x40).and_then(|s| s.try_into().ok()).map(u32::from_le_bytes);
    let pe = pe_at.is_some_and(|off| b.get(off as usize..(off as usize).saturating_add(4)) == Some(b"PE\0\0"));
    pe || b.iter().take(1024).any(|&x| x == 0)
}

/// Reads a zip: the text of a .docx, or an error naming what else it is.
fn from_zip(bytes: &[u8], ext: &str) -> Result<String, DecodeError> {
    let guess = match ext {
        "xlsx" | "xlsm" => Format::Xlsx,
        "pptx" | "pptm" => Format::Pptx,
        "odt" | "ods" | "odp" => Format::OpenDocument,
        "ofd" => Format::Ofd,
        "epub" => Format::Epub,
        "zip" => Format::Zip,
        _ => Format::Docx,
    };
    let archive = Archive::open(bytes).map_err(|problem| DecodeError::Corrupt { format: guess, problem })?;
    let Some(main) = archive.find(docx::MAIN_PART) else {
        let format = if archive.has("xl/workbook.xml") {
            Format::Xlsx
        } else if archive.has("ppt/presentation.xml") {
            Format::Pptx
        } else if archive.has("content.xml") && archive.has("mimetype") {
            Format::OpenDocument
        } else if archive.has("OFD.xml") {
            Format::Ofd
        } else if archive.has("META-INF/container.xml") {
            Format::Epub
        } else if guess == Format::Docx && matches!(ext, "docx" | "docm" | "dotx") {
            return Err(DecodeError::Corrupt { format: Format::Docx, problem: ZipProblem::Missing });
        } else {
            Format::Zip
        };
        return Err(DecodeError::Unsupported(format));
    };
    let xml = archive.read(main).map_err(|e| match e {
        EntryError::Problem(problem) => DecodeError::Corrupt { format: Format::Docx, problem },
        EntryError::Encrypted => DecodeError::Encrypted(Format::Docx),
        EntryError::TooLarge => DecodeError::TooLarge { format: Format::Docx, limit_mb: zip::MAX_ENTRY >> 20 },
    })?;
    let xml = match (encoding::bom(&xml), std::str::from_utf8(&xml)) {
        // XML may be UTF-16 with a mark (Word never writes it, other tools might).
        (Some((bom, len)), _) if bom != encoding::Bom::Utf8 => encoding::decode_bom(&xml[len..], bom).into(),
        (_, Ok(s)) => std::borrow::Cow::Borrowed(s),
        // Word writes UTF-8; anything else is damage, and the rest of the text is still useful.
        (_, Err(_)) => String::from_utf8_lossy(&xml),
    };
    non_empty(docx::to_text(&xml))
}

// The tests' one zip writer, shared with the integration tests.
#[cfg(test)]
#[path = "../tests/support/zip.rs"]
mod zip_writer;

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030};

    const REPORT: &str = "某区人民政府2023年法治政府建设年度报告\n一、主要举措和成效\n\
        全年办理行政复议案件九十三宗，同比增长百分之十二。\n(一)加强组织领导。";

    use super::zip_writer::zip;

    fn document_xml(paragraphs: &[&str]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
        );
        for p in paragraphs {
            xml.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
            xml.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
            xml.push_str("</w:t></w:r></w:p>");
        }
        xml.push_str("</w:body></w:document>");
        xml
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(REPORT.as_bytes(), "a.txt").as_deref(), Ok(REPORT));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), REPORT.as_bytes()].concat();
        assert_eq!(decode(&with_bom, "a.txt").as_deref(), Ok(REPORT));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(REPORT.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(REPORT.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le, "a.txt").as_deref(), Ok(REPORT));
        assert_eq!(decode(&be, "a.txt").as_deref(), Ok(REPORT));
    }

    #[test]
    fn gbk_and_big5_without_being_told() {
        let (gbk, _, _) = GB18030.encode(REPORT);
        assert_eq!(decode(&gbk, "").as_deref(), Ok(REPORT));
        let traditional = "某區人民政府2023年法治政府建設年度報告\n一、主要舉措和成效\n\
            全年辦理行政覆議案件九十三宗，同比增長百分之十二。";
        let (big5, _, errors) = BIG5.encode(traditional);
        assert!(!errors);
        assert_eq!(decode(&big5, "").as_deref(), Ok(traditional));
    }

    #[test]
    fn web_page_in_gbk_with_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
            <title>报告</title><script src=\"http://example.invalid/x.js\"></script></head>\
            <body><h1>年度报告</h1><p>共办理案件&nbsp;12&nbsp;件。</p></body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(decode(&bytes, "page.htm").as_deref(), Ok("年度报告\n共办理案件 12 件。"));
    }

    #[test]
    fn html_by_name_or_by_content() {
        let fragment = "<p>甲</p><p>乙</p>";
        assert_eq!(decode(fragment.as_bytes(), "x.html").as_deref(), Ok("甲\n乙"));
        assert_eq!(decode(fragment.as_bytes(), "x.txt").as_deref(), Ok(fragment));
        let page = format!("<!DOCTYPE html>{fragment}");
        assert_eq!(decode(page.as_bytes(), "x.txt").as_deref(), Ok("甲\n乙"));
    }

    #[test]
    fn docx_stored_and_deflated() {
        let xml = document_xml(&["一、总体情况", "共办理 12 件 & 更多"]);
        for deflate in [false, true] {
            let bytes =
                zip(&[("[Content_Types].xml", b"<Types/>", deflate), ("word/document.xml", xml.as_bytes(), deflate)]);
            assert_eq!(decode(&bytes, "r.docx").as_deref(), Ok("一、总体情况\n共办理 12 件 & 更多"));
            // The name does not matter; the content does.
            assert_eq!(decode(&bytes, "-").as_deref(), Ok("一、总体情况\n共办理 12 件 & 更多"));
        }
    }

    #[test]
    fn other_zips_are_named() {
        let cases: [(&str, Format); 5] = [
            ("xl/workbook.xml", Format::Xlsx),
            ("ppt/presentation.xml", Format::Pptx),
            ("OFD.xml", Format::Ofd),
            ("readme.txt", Format::Zip),
            ("META-INF/container.xml", Format::Epub),
        ];
        for (entry, format) in cases {
            let bytes = zip(&[(entry, b"x", false)]);
            assert_eq!(decode(&bytes, "f"), Err(DecodeError::Unsupported(format)), "{entry}");
        }
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text", false), ("content.xml", b"x", true)]);
        assert_eq!(decode(&odt, "a.odt"), Err(DecodeError::Unsupported(Format::OpenDocument)));
    }

    #[test]
    fn damaged_docx() {
        let xml = document_xml(&["正文"]);
        let good = zip(&[("word/document.xml", xml.as_bytes(), true)]);
        // Cut off: no directory.
        let cut = &good[..good.len() / 2];
        assert!(matches!(decode(cut, "r.docx"), Err(DecodeError::Corrupt { format: Format::Docx, .. })));
        // Flip a byte inside the compressed data: inflate or the CRC catches it.
        let mut flipped = good.clone();
        flipped[30 + "word/document.xml".len() + 5] ^= 0x55;
        assert!(matches!(decode(&flipped, "r.docx"), Err(DecodeError::Corrupt { format: Format::Docx, .. })));
        // A .docx without its main part.
        let empty = zip(&[("docProps/app.xml", b"x", false)]);
        assert_eq!(
            decode(&empty, "r.docx"),
            Err(DecodeError::Corrupt { format: Format::Docx, problem: ZipProblem::Missing })
        );
    }

    #[test]
    fn encrypted_office_files() {
        let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        ole.extend([0u8; 64]);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&ole, "secret.docx"), Err(DecodeError::Encrypted(Format::Docx)));
        assert_eq!(decode(&ole[..72], "old.doc"), Err(DecodeError::Unsupported(Format::Doc)));
        let xml = document_xml(&["正文"]);
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(xml.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let bytes = zip(&[("word/document.xml", &utf16, true)]);
        assert_eq!(decode(&bytes, "r.docx").as_deref(), Ok("正文"));
    }

    #[test]
    fn signatures() {
        let cases: [(&[u8], Format); 12] = [
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", Format::Pdf),
            (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", Format::Png),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF", Format::Jpeg),
            (b"GIF89a\x01\0\x01\0", Format::Gif),
            (b"BM\x3A\0\0\0\0\0\0\0\x36\0", Format::Bmp),
            (b"RIFF\x24\0\0\0WEBPVP8 ", Format::Webp),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", Format::Doc),
            (b"Rar!\x1A\x07\x01\0", Format::Rar),
            (b"7z\xBC\xAF\x27\x1C\0\x04", Format::SevenZip),
            (b"\x1F\x8B\x08\0\0\0\0\0", Format::Gzip),
            (b"\x7FELF\x02\x01\x01\0", Format::Executable),
            (b"{\\rtf1\\ansi\\ansicpg936", Format::Rtf),
        ];
        for (bytes, format) in cases {
            if cfg!(feature = "pdf") && format == Format::Pdf {
                // Read, and found damaged (a header is all it has).
                assert!(matches!(decode(bytes, "old.doc"), Err(DecodeError::Damaged { format: Format::Pdf, .. })));
                continue;
            }
            assert_eq!(decode(bytes, "old.doc"), Err(DecodeError::Unsupported(format)), "{format:?}");
        }
        // "BM" and "MZ" at the start of real text are text.
        assert_eq!(decode("BM项目共3件".as_bytes(), "").as_deref(), Ok("BM项目共3件"));
        assert_eq!(decode("MZ办公室报告".as_bytes(), "").as_deref(), Ok("MZ办公室报告"));
    }

    #[test]
    fn messages_are_chinese_then_english() {
        assert_eq!(
            DecodeError::Unsupported(Format::Pdf).to_string(),
            "暂不支持 PDF，请复制文本后粘贴 (PDF is not supported; copy the text and paste it)"
        );
        assert_eq!(
            DecodeError::Unsupported(Format::Zip).to_string(),
            "暂不支持 ZIP 压缩包，请先解压，再打开其中的报告文件 (ZIP archives are not supported; extract it first and open the report inside)"
        );
        for e in [
            DecodeError::EmptyInput,
            DecodeError::Binary,
            DecodeError::UnknownEncoding,
            DecodeError::Encrypted(Format::Docx),
            DecodeError::TooLarge { format: Format::Docx, limit_mb: 64 },
            DecodeError::Corrupt { format: Format::Docx, problem: ZipProblem::BadData },
        ] {
            let s = e.to_string();
            assert!(s.starts_with(|c: char| !c.is_ascii()), "{s}");
            assert!(s.ends_with(')'), "{s}");
        }
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(decode(b"", "a.txt"), Err(DecodeError::EmptyInput));
        assert_eq!(decode(b" \n\t\r\n", "a.txt"), Err(DecodeError::EmptyInput));
        assert_eq!(decode(b"\xEF\xBB\xBF", "a.txt"), Err(DecodeError::EmptyInput));
        assert_eq!(decode(b"<html><script>x</script></html>", "a.html"), Err(DecodeError::EmptyInput));
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode(&bytes, "a.txt"), Err(DecodeError::Binary));
        assert_eq!(decode(&[0u8; 100], "a.txt"), Err(DecodeError::Binary));
        // Under an old Office name, the format's advice (save as .docx) rather than "binary".
        assert_eq!(decode(&[0u8; 100], "报告.doc"), Err(DecodeError::Unsupported(Format::Doc)));
        assert_eq!(decode(&[0u8; 100], "表.XLS"), Err(DecodeError::Unsupported(Format::Xls)));
        // Whatever the bytes look like: a byte-order mark, or noise that is no OLE header.
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for head in [&b""[..], b"\xFF\xFE", b"\xEF\xBB\xBF"] {
            let bytes = [head, &noise].concat();
            let err = decode(&bytes, "年度报告.doc").err();
            assert_eq!(err, Some(DecodeError::Unsupported(Format::Doc)), "{head:?}");
            let said = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(said.contains(".docx") && said.contains("另存为"), "{said}");
        }
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("dir.v2/Report.HTM"), "htm");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("-"), "");
        assert_eq!(extension("a\\b.docx"), "docx");
    }
}
