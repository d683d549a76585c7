//! Tiny PDFs built here, one per feature the reader must handle, and hostile ones it must
//! refuse cleanly (never a panic, never a hang).

use fazhi_pdf::write::{official_document, CidEncoding, Options, PageNumbers, Security};
use fazhi_pdf::{extract_text, PdfError};

/// Objects as (number, body without `n 0 obj`/`endobj`).
type Objects = Vec<(u32, Vec<u8>)>;

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

fn flate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A one-page document: catalog 1, pages 2, page 3, content 4, fonts from 5.
fn page_objects(content: &[u8], fonts: &str) -> Objects {
    vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {fonts} >> >> /Contents 4 0 R >>").into_bytes()),
        (4, stream("", content)),
    ]
}

/// A classic file: header, objects, xref table, trailer.
fn classic(objects: &Objects, trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let max = objects.iter().map(|o| o.0).max().unwrap_or(0);
    let mut offsets = vec![None; max as usize + 1];
    for (n, body) in objects {
        offsets[*n as usize] = Some(out.len());
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", max + 1).as_bytes());
    for o in &offsets[1..] {
        match o {
            Some(at) => out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", max + 1).as_bytes(),
    );
    out
}

const HELVETICA: &str = "/F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn classic_simple_font() {
    let pdf = classic(&page_objects(b"BT /F1 12 Tf 72 700 Td (Hello World) Tj ET", HELVETICA), "");
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("Hello World\n".to_string()));
}

#[test]
fn predefined_cmaps_unigb_ucs2_and_gbk() {
    let font = |enc: &str| {
        format!("/F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{enc} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>] >>")
    };
    // 一、总体情况 in UCS-2.
    let ucs2: String = "一、总体情况2023".encode_utf16().map(|u| format!("{u:04X}")).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{ucs2}> Tj ET");
    let pdf = classic(&page_objects(content.as_bytes(), &font("UniGB-UCS2-H")), "");
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("一、总体情况2023\n".to_string()));
    // 法治政府 12件 in GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode("法治政府12件");
    let hex: String = gbk.iter().map(|b| format!("{b:02X}")).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET");
    let pdf = classic(&page_objects(content.as_bytes(), &font("GBK-EUC-H")), "");
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("法治政府12件\n".to_string()));
}

/// Big5 codes (B5pc-H) through encoding_rs, and legacy codes through a decoder of the caller's
/// (what the browser build passes instead of encoding_rs): only codes of the legacy CMaps reach it.
#[test]
fn big5_and_a_decoder_of_the_callers() {
    use fazhi_pdf::{extract_text_with, Legacy, LegacyDecoder};
    let font = |enc: &str| {
        format!("/F1 << /Type /Font /Subtype /Type0 /BaseFont /MingLiU /Encoding /{enc} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MingLiU /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 0 >> /DW 1000 >>] >>")
    };
    let (big5, _, _) = encoding_rs::BIG5.encode("法治政府建設");
    let hex: String = big5.iter().map(|b| format!("{b:02X}")).collect();
    let pdf = classic(&page_objects(format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET").as_bytes(), &font("B5pc-H")), "");
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("法治政府建設\n".to_string()));

    /// Records what it is asked and answers with a character of the Private Use Area.
    #[derive(Default)]
    struct Record(std::cell::RefCell<Vec<(Legacy, Vec<u8>)>>);
    impl LegacyDecoder for Record {
        fn decode(&self, encoding: Legacy, bytes: &[u8]) -> Option<String> {
            self.0.borrow_mut().push((encoding, bytes.to_vec()));
            char::from_u32(0xE000 + self.0.borrow().len() as u32).map(String::from)
        }
    }
    let asked = Record::default();
    assert_eq!(
        extract_text_with(&pdf, &asked).map(|t| t.text),
        Ok("\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}\u{E006}\n".to_string())
    );
    let codes: Vec<(Legacy, Vec<u8>)> = big5.chunks(2).map(|c| (Legacy::Big5, c.to_vec())).collect();
    assert_eq!(asked.0.take(), codes);
    let gbk = classic(&page_objects(b"BT /F1 12 Tf 72 700 Td <B7A8> Tj ET", &font("GBK-EUC-H")), "");
    assert_eq!(extract_text_with(&gbk, &asked).map(|t| t.text), Ok("\u{E001}\n".to_string()));
    assert_eq!(asked.0.take(), vec![(Legacy::Gb18030, vec![0xB7, 0xA8])]);
    // Codes that are Unicode (UCS-2) never reach it.
    let ucs2 = classic(&page_objects(b"BT /F1 12 Tf 72 700 Td <6CD5> Tj ET", &font("UniGB-UCS2-H")), "");
    assert_eq!(extract_text_with(&ucs2, &asked).map(|t| t.text), Ok("法\n".to_string()));
    assert!(asked.0.take().is_empty());
}

#[test]
fn identity_h_with_to_unicode() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <6CD5> <0002> <6CBB> endbfchar endcmap end end";
    let mut objects = page_objects(b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET", "/F1 5 0 R");
    objects.push((5, b"<< /Type /Font /Subtype /Type0 /BaseFont /ABC+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec()));
    objects.push((6, b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABC+SimSun /W [1 [1000 1000]] >>".to_vec()));
    objects.push((7, stream("/Filter /FlateDecode", &flate(cmap))));
    let pdf = classic(&objects, "");
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("法治\n".to_string()));
}

/// Objects in an object stream, found through a compressed xref stream with a PNG predictor.
#[test]
fn xref_stream_and_object_stream() {
    let content = flate(b"BT /F1 12 Tf 72 700 Td (In an object stream) Tj ET");
    // Objects 1, 2, 3 and 5 (the font) go into object stream 6; 4 (a stream) cannot.
    let inner: Vec<(u32, &str)> = vec![
        (1, "<< /Type /Catalog /Pages 2 0 R >>"),
        (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        (5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ];
    let mut header = String::new();
    let mut body = String::new();
    for (n, o) in &inner {
        header.push_str(&format!("{n} {} ", body.len()));
        body.push_str(o);
        body.push('\n');
    }
    let objstm_data = format!("{header}\n{body}");
    let mut out = b"%PDF-1.5\n".to_vec();
    let off4 = out.len();
    out.extend_from_slice(b"4 0 obj\n");
    out.extend_from_slice(&stream("/Filter /FlateDecode", &content));
    out.extend_from_slice(b"\nendobj\n");
    let off6 = out.len();
    out.extend_from_slice(b"6 0 obj\n");
    let first = header.len() + 1;
    out.extend_from_slice(&stream(
        &format!("/Type /ObjStm /N 4 /First {first} /Filter /FlateDecode"),
        &flate(objstm_data.as_bytes()),
    ));
    out.extend_from_slice(b"\nendobj\n");
    let off7 = out.len();
    // Rows: type (1 byte), field 2 (2 bytes), field 3 (2 bytes), PNG "Up" predicted.
    let rows: Vec<[u8; 5]> = (0..8u32)
        .map(|n| match n {
            0 => [0, 0, 0, 0xFF, 0xFF],
            1 | 2 | 3 | 5 => {
                let idx = inner.iter().position(|(m, _)| *m == n).unwrap_or(0) as u8;
                [2, 0, 6, 0, idx]
            }
            4 => [1, (off4 >> 8) as u8, off4 as u8, 0, 0],
            6 => [1, (off6 >> 8) as u8, off6 as u8, 0, 0],
            _ => [1, (off7 >> 8) as u8, off7 as u8, 0, 0],
        })
        .collect();
    let mut predicted = Vec::new();
    let mut prev = [0u8; 5];
    for r in &rows {
        predicted.push(2);
        for k in 0..5 {
            predicted.push(r[k].wrapping_sub(prev[k]));
        }
        prev = *r;
    }
    out.extend_from_slice(b"7 0 obj\n");
    out.extend_from_slice(&stream(
        "/Type /XRef /Size 8 /W [1 2 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>",
        &flate(&predicted),
    ));
    out.extend_from_slice(format!("\nendobj\nstartxref\n{off7}\n%%EOF\n").as_bytes());
    let t = extract_text(&out).expect("reads");
    assert_eq!(t.text, "In an object stream\n");
    assert!(!t.repaired, "read through its xref stream, not rebuilt");
}

#[test]
fn incremental_update_latest_wins() {
    let mut pdf = classic(&page_objects(b"BT /F1 12 Tf 72 700 Td (Old text) Tj ET", HELVETICA), "");
    let prev = {
        let s = String::from_utf8_lossy(&pdf);
        let at = s.rfind("startxref\n").expect("startxref") + 10;
        s[at..].trim().trim_end_matches("%%EOF").trim().parse::<usize>().expect("offset")
    };
    let at = pdf.len();
    pdf.extend_from_slice(b"4 0 obj\n");
    pdf.extend_from_slice(&stream("", b"BT /F1 12 Tf 72 700 Td (New text) Tj ET"));
    pdf.extend_from_slice(b"\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n4 1\n{at:010} 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    assert_eq!(extract_text(&pdf).map(|t| t.text), Ok("New text\n".to_string()));
}

// --- The standard security handler, as `fazhi_pdf::write` encrypts (owner password "owner").

/// An official document encrypted with `security` and the user password `user`.
fn encrypted(security: Security, user: &str, text: &str) -> Vec<u8> {
    let opts = Options {
        encoding: CidEncoding::Ucs2,
        page_numbers: PageNumbers::Dash,
        header: String::new(),
        security,
        user_password: user.to_string(),
        object_streams: false,
        compress: false,
    };
    official_document(text, &opts)
}

#[test]
fn owner_password_only_is_read() {
    for security in [Security::Rc4, Security::Aes128, Security::Aes256] {
        let t = extract_text(&encrypted(security, "", "一、总体情况\n全年办理案件12件。\n")).expect("opens");
        assert_eq!(t.text, "一、总体情况\n全年办理案件12件。\n", "{security:?}");
        assert!(t.encrypted);
    }
}

#[test]
fn a_user_password_is_asked_for() {
    assert_eq!(extract_text(&encrypted(Security::Rc4, "secret", "Hidden")), Err(PdfError::NeedsPassword));
}

#[test]
fn image_only_has_no_text_layer() {
    let mut objects = page_objects(b"q 595 0 0 842 0 0 cm /Im1 Do Q", "");
    objects[2].1 =
        b"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_vec();
    objects.push((
        5,
        stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &[0, 255, 255, 0],
        ),
    ));
    assert_eq!(extract_text(&classic(&objects, "")), Err(PdfError::NoTextLayer { pages: 1 }));
}

#[test]
fn damaged_and_truncated_files_are_refused_or_read_partly() {
    let pdf = classic(&page_objects(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", HELVETICA), "");
    assert!(matches!(extract_text(b"%PDF-1.4\n1 0 obj\n"), Err(PdfError::Damaged { .. })));
    assert!(matches!(extract_text(&pdf[..40]), Err(PdfError::Damaged { .. })));
    // Without its xref table and trailer the objects are still found by scanning.
    let cut = String::from_utf8_lossy(&pdf).find("xref").expect("xref");
    let t = extract_text(&pdf[..cut]).expect("rebuilt");
    assert_eq!(t.text, "Hello\n");
    assert!(t.repaired);
    // Every prefix: a result or an error, never a panic.
    for n in 0..pdf.len() {
        let _ = extract_text(&pdf[..n]);
    }
}

#[test]
fn cyclic_references_end() {
    let mut objects = page_objects(b"BT /F1 12 Tf 72 700 Td (Once) Tj ET", HELVETICA);
    // The page tree lists itself among its kids, the page lists its parent, and a font
    // resolves through a reference loop; a stream's /Length refers to itself.
    objects[1].1 = b"<< /Type /Pages /Kids [3 0 R 2 0 R 7 0 R] /Count 2 >>".to_vec();
    objects.push((7, b"<< /Type /Pages /Kids [2 0 R 7 0 R 8 0 R] >>".to_vec()));
    objects.push((8, b"9 0 R".to_vec()));
    objects.push((9, b"8 0 R".to_vec()));
    objects[3].1 = {
        let data = b"BT /F1 12 Tf 72 700 Td (Once) Tj ET";
        let mut v = b"<< /Length 4 0 R >>\nstream\n".to_vec();
        v.extend_from_slice(data);
        v.extend_from_slice(b"\nendstream");
        v
    };
    assert_eq!(extract_text(&classic(&objects, "")).map(|t| t.text), Ok("Once\n".to_string()));
}

#[test]
fn mutated_files_never_panic() {
    let base = encrypted(Security::Rc4, "", "Mutation target");
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..3000 {
        let mut pdf = base.clone();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % pdf.len() as u64) as usize;
            pdf[at] = (seed >> 32) as u8;
        }
        let _ = extract_text(&pdf);
    }
}
