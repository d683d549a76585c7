//! Tiny PDFs built here, one per feature the reader must handle, and hostile ones it must
//! refuse cleanly (never a panic, never a hang).

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

// --- The standard security handler, written here as an encrypting writer would. -----------

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00,
    0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

fn md5(data: &[u8]) -> [u8; 16] {
    // A second implementation would only repeat the library's; the digest is checked against
    // RFC 1321 vectors in the library's own tests, so borrow a tiny reference one here.
    md5_ref::digest(data)
}

mod md5_ref {
    pub fn digest(data: &[u8]) -> [u8; 16] {
        let s: [u32; 64] = [
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
            14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10,
            15, 21, 6, 10, 15, 21,
        ];
        let k: Vec<u32> = (0..64).map(|i: i32| ((f64::from(i + 1)).sin().abs() * 4294967296.0) as u32).collect();
        let mut h = [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476];
        let mut m = data.to_vec();
        m.push(0x80);
        while m.len() % 64 != 56 {
            m.push(0);
        }
        m.extend_from_slice(&((data.len() as u64) * 8).to_le_bytes());
        for c in m.chunks(64) {
            let w: Vec<u32> = c.chunks(4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]])).collect();
            let (mut a, mut b, mut cc, mut d) = (h[0], h[1], h[2], h[3]);
            for i in 0..64 {
                let (f, g) = match i / 16 {
                    0 => ((b & cc) | (!b & d), i),
                    1 => ((d & b) | (!d & cc), (5 * i + 1) % 16),
                    2 => (b ^ cc ^ d, (3 * i + 5) % 16),
                    _ => (cc ^ (b | !d), (7 * i) % 16),
                };
                let t = d;
                d = cc;
                cc = b;
                b = b.wrapping_add(a.wrapping_add(f).wrapping_add(k[i]).wrapping_add(w[g]).rotate_left(s[i]));
                a = t;
            }
            h = [h[0].wrapping_add(a), h[1].wrapping_add(b), h[2].wrapping_add(cc), h[3].wrapping_add(d)];
        }
        let mut out = [0u8; 16];
        for (i, v) in h.iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
        }
        out
    }
}

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

fn pad(pw: &[u8]) -> Vec<u8> {
    let mut v = pw[..pw.len().min(32)].to_vec();
    v.extend_from_slice(&PAD[..32 - v.len()]);
    v
}

/// An RC4 128-bit (R3) encrypted file with owner password "owner" and user password `user`.
fn rc4_encrypted(user: &[u8], text: &str) -> Vec<u8> {
    let id = b"0123456789abcdef";
    let p: i32 = -3904; // no printing, no copying
                        // O (algorithm 3).
    let mut d = md5(&pad(b"owner"));
    for _ in 0..50 {
        d = md5(&d);
    }
    let mut o = pad(user);
    for i in 0..20u8 {
        let k: Vec<u8> = d.iter().map(|b| b ^ i).collect();
        o = rc4(&k, &o);
    }
    // The file key (algorithm 2).
    let mut m = pad(user);
    m.extend_from_slice(&o);
    m.extend_from_slice(&p.to_le_bytes());
    m.extend_from_slice(id);
    let mut key = md5(&m);
    for _ in 0..50 {
        key = md5(&key);
    }
    // U (algorithm 5).
    let mut m = PAD.to_vec();
    m.extend_from_slice(id);
    let mut u = md5(&m).to_vec();
    for i in 0..20u8 {
        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
        u = rc4(&k, &u);
    }
    u.extend_from_slice(&[0; 16]);
    let obj_key = |n: u32| {
        let mut m = key.to_vec();
        m.extend_from_slice(&n.to_le_bytes()[..3]);
        m.extend_from_slice(&[0, 0]);
        md5(&m).to_vec()
    };
    let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
    let mut objects = page_objects(b"", HELVETICA);
    objects[3] = (4, stream("", &rc4(&obj_key(4), content.as_bytes())));
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    // A string in an object is encrypted too: the document's title in the Info dictionary.
    objects.push((6, format!("<< /Title <{}> >>", hex(&rc4(&obj_key(6), b"Report"))).into_bytes()));
    objects.push((
        5,
        format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P {p} /O <{}> /U <{}> >>", hex(&o), hex(&u)).into_bytes(),
    ));
    classic(&objects, &format!("/Encrypt 5 0 R /Info 6 0 R /ID [<{}> <{}>]", hex(id), hex(id)))
}

#[test]
fn rc4_owner_password_only_is_read() {
    let t = extract_text(&rc4_encrypted(b"", "Copy protected")).expect("opens with the empty user password");
    assert_eq!(t.text, "Copy protected\n");
    assert!(t.encrypted);
}

#[test]
fn a_user_password_is_asked_for() {
    assert_eq!(extract_text(&rc4_encrypted(b"secret", "Hidden")), Err(PdfError::NeedsPassword));
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
    let base = rc4_encrypted(b"", "Mutation target");
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
