//! Hostile inputs: each has an expected outcome (a clear error, or a report that keeps every
//! invariant) reached within a time bound proportional to its size.
//!
//! The big inputs (20 MB of text, a 10 MB line, 100,000 headings, a zip bomb) run at full size
//! in release builds (CI runs `cargo test --release`) and at a tenth of it in debug builds,
//! so a plain `cargo test` stays quick. `FAZHI_HOSTILE_FULL=1` forces full size in debug.

use std::time::{Duration, Instant};

mod support;

use fazhi_lens::decode::{Format, ZipProblem};
use fazhi_lens::{analyze, analyze_bytes, decode, DecodeError, Report};
use support::zip::{archive, crc32, Entry};

/// `full` in release builds (or with FAZHI_HOSTILE_FULL set), a tenth of it in debug builds.
fn size(full: usize) -> usize {
    if cfg!(debug_assertions) && std::env::var_os("FAZHI_HOSTILE_FULL").is_none() {
        full / 10
    } else {
        full
    }
}

/// Time allowed for `bytes` of input: one second plus 0.5 s per MB (2 MB/s, 25 times below
/// the 50 MB/s target) in release; ten times that in debug.
fn budget(bytes: usize) -> Duration {
    let per_mb = if cfg!(debug_assertions) { 5.0 } else { 0.5 };
    Duration::from_secs_f64(1.0 + per_mb * bytes as f64 / 1e6)
}

/// CPU time this thread has used, where the system tells it (Linux); `None` elsewhere.
///
/// The bound is about the work an input causes, not about how busy the machine is: on a
/// two-core box running other builds (and the other tests of this file, in parallel) wall-clock
/// time can double without any change in the code.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs `f`, failing if it takes longer than the budget for `bytes` of input (CPU time of this
/// thread where available, wall-clock time otherwise).
fn timed<T>(what: &str, bytes: usize, f: impl FnOnce() -> T) -> T {
    let (start, cpu_start) = (Instant::now(), thread_cpu_time());
    let out = f();
    let wall = start.elapsed();
    let took = match (cpu_start, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    };
    if bytes >= 64 * 1024 {
        eprintln!("{what}: {bytes} bytes in {took:.2?} of CPU ({wall:.2?} wall)");
    }
    assert!(took <= budget(bytes), "{what}: {took:?} for {bytes} bytes exceeds {:?}", budget(bytes));
    out
}

/// Every invariant of a report about `input` (`fazhi_lens::invariants`).
fn assert_invariants(input: &str, r: &Report) {
    if let Err(v) = fazhi_lens::invariants::check(input, r) {
        panic!("{v}");
    }
}

/// Analyses `input` within the time budget and checks the invariants.
fn analyze_checked(what: &str, input: &str) -> Report {
    let report = timed(what, input.len(), || analyze(input));
    assert_invariants(input, &report);
    report
}

/// Synthetic report text (our own phrases) of about `bytes` bytes, with headings, figures and
/// year-on-year statements, varied so no two paragraphs are identical.
fn synthetic_report(bytes: usize) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut s = String::with_capacity(bytes + 512);
    s.push_str("某某区人民政府2023年法治政府建设年度报告\n\n");
    let mut i = 0usize;
    while s.len() < bytes {
        let n = NUMERALS[i % 10];
        match i % 7 {
            0 => s.push_str(&format!("{n}、第{i}部分工作情况\n")),
            1 => s.push_str(&format!("（{n}）推进第{i}项改革。\n")),
            2 => s.push_str(&format!(
                "{}. 全年共受理行政复议申请{}件，同比增长{}.{}%。\n",
                i % 9 + 1,
                i % 997,
                i % 50,
                i % 10
            )),
            3 => s.push_str(&format!(
                "{n}是组织执法培训{}场次，参训人员{}余人次，较上年下降{}个百分点。\n",
                i % 40,
                i % 3000,
                i % 7
            )),
            4 => s.push_str(&format!(
                "审查规范性文件{}件，办理人大代表建议{}万件，投入资金{}.{}亿元。\n",
                i % 300,
                i % 13,
                i % 90,
                i % 10
            )),
            5 => s.push_str("　　坚持依法行政，完善(wán)重大行政决策程序，提升基层治理水平。\n"),
            _ => s.push('\n'),
        }
        i += 1;
    }
    s
}

#[test]
fn empty_input() {
    assert_eq!(decode(b"", "empty.txt"), Err(DecodeError::EmptyInput));
    assert!(DecodeError::EmptyInput.to_string().starts_with("文件为空"));
    let r = analyze_checked("empty", "");
    assert!(r.sections.is_empty() && r.metrics.is_empty() && r.changes.is_empty());
}

#[test]
fn whitespace_only() {
    for ws in [" ", "\n\n\n", " \t\r\n", "\u{3000}\u{3000}\n", "\u{FEFF}"] {
        assert_eq!(decode(ws.as_bytes(), "blank.txt"), Err(DecodeError::EmptyInput), "{ws:?}");
        let r = analyze_checked("whitespace", ws);
        assert!(r.metrics.is_empty() && r.changes.is_empty(), "{ws:?}");
    }
}

#[test]
fn twenty_megabytes_of_text() {
    let text = synthetic_report(size(20_000_000));
    let decoded = timed("decode 20 MB", text.len(), || decode(text.as_bytes(), "big.txt")).expect("decodes");
    assert_eq!(decoded.len(), text.len());
    let r = analyze_checked("analyze 20 MB", &decoded);
    assert!(!r.sections.is_empty(), "a report full of headings has sections");
}

#[test]
fn ten_megabyte_single_line() {
    let unit = "全年共受理行政复议申请93件同比增长12.5%组织培训30余场次(wán)完善制度，";
    let line = unit.repeat(size(10_000_000) / unit.len());
    let decoded = timed("decode 10 MB line", line.len(), || decode(line.as_bytes(), "line.txt")).expect("decodes");
    analyze_checked("analyze 10 MB line", &decoded);
}

#[test]
fn ten_megabytes_without_any_break_or_han() {
    // No line breaks, no Han characters: nothing for any stage to anchor on.
    let s = "a1(b)2.3%".repeat(size(10_000_000) / 9);
    analyze_checked("analyze 10 MB ascii", &s);
}

/// The shapes of the big cases above at a size every build runs (no time bound beyond a
/// sanity cap), so that debug builds check their invariants quickly too.
#[test]
fn large_inputs_keep_their_invariants() {
    let n = 200_000;
    let unit = "全年共受理行政复议申请93件同比增长12.5%组织培训30余场次(wán)完善制度，";
    const MARKERS: [&str; 8] = ["一、", "（一）", "(二)", "1.", "2、", "(3)", "一是", "第一，"];
    let headings: String = (0..n / 17).map(|i| format!("{}标题{i}\n", MARKERS[i % 8])).collect();
    let cap = Duration::from_secs(60);
    for (what, input) in [
        ("report", synthetic_report(n)),
        ("line", unit.repeat(n / unit.len())),
        ("ascii line", "a1(b)2.3%".repeat(n / 9)),
        ("headings", headings),
    ] {
        let start = Instant::now();
        assert_invariants(&input, &analyze(&input));
        assert!(start.elapsed() < cap, "{what}: {:?}", start.elapsed());
    }
}

#[test]
fn binary_data_and_nul_bytes() {
    let mut x = 0x9E37_79B9u32;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    assert_eq!(decode(&noise, "noise.bin"), Err(DecodeError::Binary));
    assert_eq!(decode(&[0u8; 10_000], "zeros.txt"), Err(DecodeError::Binary));
    assert!(DecodeError::Binary.to_string().contains("二进制文件"));
    // A few NULs in real text do not make it binary, and analysis copes with them.
    let text = format!("{}\0", "一、总体情况\n共办理案件12件。\n".repeat(20)).repeat(20);
    assert_eq!(decode(text.as_bytes(), "nul.txt").as_deref(), Ok(text.as_str()));
    analyze_checked("nul text", &text);
    analyze_checked("all nul", &"\0".repeat(10_000));
    analyze_checked("controls", &(0u8..32).map(char::from).collect::<String>().repeat(100));
}

#[test]
fn invalid_utf8() {
    // High bytes that are neither UTF-8 nor Chinese.
    let soup: Vec<u8> = (0..20_000u32).map(|i| 0x80 | (i.wrapping_mul(2_654_435_761) >> 25) as u8).collect();
    assert_eq!(decode(&soup, "soup.txt"), Err(DecodeError::UnknownEncoding));
    // Text with a few damaged bytes stays readable, the damage marked with U+FFFD.
    let mut bytes = "一、总体情况\n全年办理行政复议案件93宗。\n".repeat(50).into_bytes();
    bytes[10] = 0xFF;
    bytes[500] = 0xC0;
    let text = decode(&bytes, "damaged.txt").expect("mostly text decodes");
    assert!(text.contains('\u{FFFD}') && text.contains("行政复议"));
    analyze_checked("damaged utf-8", &text);
    // Latin-1 prose is mostly ASCII: lossy, but text.
    let latin1 = b"Annual report 2023: r\xE9sum\xE9 of 12 cases.\n".repeat(20);
    assert!(decode(&latin1, "latin1.txt").is_ok());
}

#[test]
fn utf16_bom_with_odd_length_or_garbage() {
    let text = "一、总体情况\n共办理案件12件。";
    let mut le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    le.push(0x41); // odd length: half a code unit at the end
    let decoded = decode(&le, "odd.txt").expect("text with a torn last unit still decodes");
    assert_eq!(decoded.strip_suffix('\u{FFFD}'), Some(text));
    analyze_checked("utf-16 odd", &decoded);
    // A BOM followed by noise: unpaired surrogates, private use, controls.
    let mut garbage = vec![0xFF, 0xFE];
    garbage.extend((0..5_001u32).map(|i| (i.wrapping_mul(40_503) >> 3) as u8));
    assert_eq!(decode(&garbage, "garbage.txt"), Err(DecodeError::Binary));
    // Just a BOM, or a BOM and one byte.
    assert_eq!(decode(&[0xFF, 0xFE], "bom.txt"), Err(DecodeError::EmptyInput));
    assert!(decode(&[0xFE, 0xFF, 0x00], "bom1.txt").is_err());
}

/// A zip archive of `files`: (name, body as stored, method, declared uncompressed size, CRC).
fn zip_raw(files: &[(&str, &[u8], u16, u32, u32)]) -> Vec<u8> {
    let entries: Vec<Entry> = files
        .iter()
        .map(|&(name, body, method, size, crc)| Entry { name, body: body.to_vec(), method, size, crc })
        .collect();
    archive(&entries)
}

/// A zip archive of stored entries.
fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    support::zip::zip(&files.iter().map(|&(n, b)| (n, b, false)).collect::<Vec<_>>())
}

#[test]
fn docx_that_is_a_broken_zip() {
    let corrupt = |r: Result<String, DecodeError>| matches!(r, Err(DecodeError::Corrupt { format: Format::Docx, .. }));
    assert!(corrupt(decode(b"PK\x03\x04\x14\0\0\0garbage garbage", "broken.docx")));
    assert!(corrupt(decode(b"PK\x03\x04", "tiny.docx")));
    // A directory that points past the end of the file.
    let mut bytes = zip(&[("word/document.xml", b"<w:p/>")]);
    let n = bytes.len();
    bytes[n - 6..n - 2].copy_from_slice(&u32::MAX.to_le_bytes()[..]);
    assert!(decode(&bytes, "r.docx").is_err());
    // Deflate data that is not deflate.
    let bytes = zip_raw(&[("word/document.xml", b"\xFF\xFF\xFF\xFF not deflate", 8, 100, 0)]);
    assert!(corrupt(decode(&bytes, "r.docx")));
    // An unknown compression method.
    let bytes = zip_raw(&[("word/document.xml", b"xxxx", 12, 4, 0)]);
    assert_eq!(
        decode(&bytes, "r.docx"),
        Err(DecodeError::Corrupt { format: Format::Docx, problem: ZipProblem::Method(12) })
    );
    // A wrong checksum.
    let xml: &[u8] = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>";
    assert_eq!(decode(&zip(&[("word/document.xml", xml)]), "r.docx").as_deref(), Ok("x"));
    let bytes = zip_raw(&[("word/document.xml", xml, 0, xml.len() as u32, crc32(xml) ^ 1)]);
    assert_eq!(
        decode(&bytes, "r.docx"),
        Err(DecodeError::Corrupt { format: Format::Docx, problem: ZipProblem::BadData })
    );
    // A directory claiming 65,000 entries in a few bytes.
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend(b"PK\x05\x06\0\0\0\0\xE8\xFD\xE8\xFD");
    bytes.extend(1000u32.to_le_bytes());
    bytes.extend(0u32.to_le_bytes());
    bytes.extend([0, 0]);
    assert!(corrupt(decode(&bytes, "r.docx")));
    // Names the user sees.
    let msg = decode(b"PK\x03\x04\x14\0", "broken.docx").unwrap_err().to_string();
    assert!(msg.contains("损坏") && msg.contains("damaged"), "{msg}");
}

/// Raw deflate data that inflates to `n` zero bytes (a fixed-Huffman block of back-references,
/// about 160:1), written bit by bit so the test needs no compressor.
fn deflate_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, v: u32, n: u32) {
            self.acc |= (v as u64) << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, n: u32) {
            self.put(code.reverse_bits() >> (32 - n), n);
        }
    }
    let mut b = Bits { out: Vec::with_capacity(n / 150), acc: 0, len: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..(n - 1) / 258 {
        b.code(0xC5, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
    }
    for _ in 0..(n - 1) % 258 {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // flush
    b.out
}

#[test]
fn zip_bomb() {
    let n = 200_000_000; // inflates to 200 MB (about 1.3 MB compressed)
    let data = deflate_zeros(n);
    // Declared honestly: refused before inflating.
    let crc = crc32(&vec![0u8; 1 << 20]); // any value: never checked, inflating stops first
    let honest = zip_raw(&[("word/document.xml", &data, 8, n as u32, crc)]);
    let r = timed("bomb, honest size", honest.len(), || decode(&honest, "bomb.docx"));
    assert!(matches!(r, Err(DecodeError::TooLarge { format: Format::Docx, .. })), "{r:?}");
    // Declared as tiny: inflating stops at the limit.
    let liar = zip_raw(&[("word/document.xml", &data, 8, 1000, crc)]);
    let r = timed("bomb, forged size", liar.len() * 40, || decode(&liar, "bomb.docx"));
    assert!(matches!(r, Err(DecodeError::TooLarge { format: Format::Docx, .. })), "{r:?}");
    assert!(r.unwrap_err().to_string().contains("zip bomb"));
    // The generator itself is right: a small one inflates (to NULs, which hold no text).
    let small = zip_raw(&[("word/document.xml", &deflate_zeros(1000), 8, 1000, crc32(&[0; 1000]))]);
    assert_eq!(decode(&small, "ok.docx"), Err(DecodeError::EmptyInput));
}

#[test]
fn html_with_scripts_iframes_and_external_images() {
    let page = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面标题</title>
<script src="https://example.invalid/track.js"></script>
<script>document.write("<p>脚本写入的文字</p>"); var s = "</div>";</script>
<style>.x::after { content: "样式文字" }</style>
<link rel="stylesheet" href="https://example.invalid/a.css">
</head><body onload="alert('onload 文字')">
<iframe src="https://example.invalid/frame.html">框架后备文字</iframe>
<img src="https://example.invalid/a.png" alt="图片说明文字" onerror="alert(1)">
<h1>某某区2023年法治政府建设年度报告</h1>
<p>一、全年办理行政复议案件&nbsp;93&nbsp;宗&#xFF0C;同比增长&#49;2%。</p>
<object data="https://example.invalid/x.swf">插件文字</object>
<noscript><img src="https://example.invalid/pixel.gif">无脚本文字</noscript>
<div style="display:none">隐藏文字</div>
<p>二、下一步安排<br>继续推进。</p>
<script type="text/template"><p>模板文字</p></script>
</body></html>"#;
    let text = decode(page.as_bytes(), "page.html").expect("page decodes");
    assert_eq!(
        text,
        "某某区2023年法治政府建设年度报告\n一、全年办理行政复议案件 93 宗，同比增长12%。\n二、下一步安排\n继续推进。"
    );
    for hidden in
        ["脚本", "样式", "框架", "图片", "插件", "无脚本", "隐藏", "模板", "页面标题", "onload", "alert", "https"]
    {
        assert!(!text.contains(hidden), "{hidden} leaked into {text:?}");
    }
    analyze_checked("page", &text);
}

#[test]
fn html_torture() {
    let n = size(1_000_000);
    // Deep nesting, unclosed everything, a comment that never ends.
    let deep = "<div>".repeat(n / 5) + "正文";
    let text = timed("deep html", deep.len(), || decode(deep.as_bytes(), "deep.html")).expect("text");
    assert_eq!(text, "正文");
    let hidden_deep = format!("<div hidden>{}</div>可见", "<div>".repeat(n / 5));
    let r = timed("deep hidden html", hidden_deep.len(), || decode(hidden_deep.as_bytes(), "deep.html"));
    assert_eq!(r, Err(DecodeError::EmptyInput)); // the hidden div is never closed at depth 1
    let comment = format!("<p>前</p><!--{}", "注释".repeat(n / 6));
    assert_eq!(decode(comment.as_bytes(), "c.html").as_deref(), Ok("前"));
    let lts = "<".repeat(n);
    timed("angle brackets", n, || decode(lts.as_bytes(), "lt.html")).expect("literal text");
    let amps = "&amp;&#x4E00;&bogus;&#99999999;".repeat(n / 30);
    timed("entities", amps.len(), || decode(amps.as_bytes(), "amp.html")).expect("text");
    let scripts = "<script>".repeat(n / 8);
    assert_eq!(timed("unclosed scripts", n, || decode(scripts.as_bytes(), "s.html")), Err(DecodeError::EmptyInput));
    let quotes = format!("<p title=\"{}>可见", "x".repeat(n));
    timed("unclosed quote", n, || decode(quotes.as_bytes(), "q.html")).ok();
}

#[test]
fn a_hundred_thousand_headings() {
    const MARKERS: [&str; 8] = ["一、", "（一）", "(二)", "1.", "2、", "(3)", "一是", "第一，"];
    let count = size(100_000);
    let mut s = String::new();
    for i in 0..count {
        s.push_str(MARKERS[i % MARKERS.len()]);
        s.push_str(&format!("标题{i}\n"));
    }
    let r = analyze_checked("100k headings", &s);
    assert!(r.sections.len() <= count);
    // Headings with nothing between them and at the very end of the input.
    let bare: String = (0..count).map(|i| format!("{}、\n", ["一", "二", "三"][i % 3])).collect();
    analyze_checked("100k bare headings", &bare);
}

/// Breadcrumbs as long as a line can be: crumbs joined by multi-byte separators, a separator
/// cut off at the end, header keys after it (issue 21: "»" cut in half aborted the analyser).
#[test]
fn huge_breadcrumbs_with_multibyte_separators() {
    for sep in ["»", " › ", "＞", "》", "→", ">>"] {
        let crumbs: String = (0..size(50_000)).map(|i| format!("栏目{i}{sep}")).collect();
        let page =
            format!("您的位置：首页{sep}{crumbs}发布时间：2024-03-15【字体：大 中 小】\n{}", synthetic_report(4096));
        analyze_checked(&format!("breadcrumb of {sep:?}"), &page);
        analyze_checked(&format!("bare breadcrumb of {sep:?}"), &format!("当前位置：{crumbs}"));
    }
}

#[test]
fn every_heading_marker_with_nothing_after_it() {
    const MARKERS: [&str; 24] = [
        "一、",
        "十、",
        "(一)",
        "（一）",
        "(十二)",
        "1.",
        "1．",
        "１．",
        "1、",
        "(1)",
        "（1）",
        "①",
        "一是",
        "第一，",
        "第一章",
        "第一节",
        "首先，",
        "(",
        "（",
        "一",
        "、",
        "。",
        "1",
        "第",
    ];
    for m in MARKERS {
        for input in [m.to_string(), format!("{m}\n"), format!("\n{m}"), format!("{m}{m}{m}"), format!("一、总体\n{m}")]
        {
            analyze_checked("bare marker", &input);
        }
    }
    analyze_checked("all markers", &MARKERS.join("\n"));
    analyze_checked("all markers one line", &MARKERS.concat());
}

#[test]
fn a_five_thousand_digit_number() {
    let digits = "9".repeat(5000);
    for input in [
        format!("共受理案件{digits}件。"),
        format!("共受理案件{digits}.{digits}件，同比增长{digits}%。"),
        format!("投入资金0.{}1亿元。", "0".repeat(5000)),
        format!("增长{digits}个百分点。"),
        format!("{digits}、标题\n({digits})标题\n"),
    ] {
        analyze_checked("5000 digits", &input);
    }
}

#[test]
fn huge_and_odd_numbers_stay_finite() {
    for input in [
        "全年办理案件1e308件。",
        "全年办理案件1E309件。",
        "投入资金9999999999999999999亿元，同比增长9999999999999999999%。",
        "投入资金179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000万亿元。",
        "共一千万亿亿亿亿亿亿件。",
        "共九千九百九十九万九千九百九十九亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿件。",
        "下降-0件，增长−5%，NaN件，inf件，infinity%，0x1F件，1_000件。",
        "同比增长1,,,,,,,,,,,,,,,,,2%，较上年下降.....5%。",
        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０亿元。",
    ] {
        analyze_checked("odd number", input);
    }
}

#[test]
fn emoji_and_right_to_left_text() {
    let input = "一、总体情况 🇨🇳👍🏽👨‍👩‍👧\n共办理案件12件😀，同比增长3%。\n\
        مرحبا بالعالم ١٢٣ حالة\nשלום עולם 45 מקרים\n\u{202E}件21理办\u{202C}\n\u{200F}(一)\u{200E}测试\n\
        𠀀𪚥𰻞 扩展汉字 12件\n";
    analyze_checked("emoji rtl", input);
    assert_eq!(decode(input.as_bytes(), "e.txt").as_deref(), Ok(input));
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(input.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(decode(&utf16, "e.txt").as_deref(), Ok(input));
}

#[test]
fn odd_line_endings_and_invisible_characters() {
    for input in [
        "一、总体\r(一)工作\r共12件。\r",
        "一、总体\r\n\r\n(一)工作\r\n共12件。",
        "\u{FEFF}一、总体\u{2028}(一)工作\u{2029}共\u{200B}1\u{200B}2件",
        "一\u{0301}、总体\n(\u{20DD}一)工作",
        "一、总体\u{000B}\u{000C}\u{0085}(一)",
    ] {
        analyze_checked("line endings", input);
    }
    let pinyin = "創(chuàng)".repeat(size(1_000_000) / 12);
    analyze_checked("pinyin noise", &pinyin);
    let parens = "((((((((((（（（（".repeat(size(1_000_000) / 22);
    analyze_checked("open parens", &parens);
}

#[test]
fn other_formats_get_named_errors() {
    let cases: [(&[u8], &str, Format); 7] = [
        (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", "r.txt", Format::Png),
        (b"\xFF\xD8\xFF\xDB\0\x43", "scan.jpg", Format::Jpeg),
        (b"GIF87a\x10\0\x10\0", "a.gif", Format::Gif),
        (b"RIFF\0\0\0\0WEBPVP8L", "a.webp", Format::Webp),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", "r.doc", Format::Doc),
        (b"7z\xBC\xAF\x27\x1C\0\x04", "r.7z", Format::SevenZip),
        (b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", "setup.exe", Format::Executable),
    ];
    for (bytes, name, format) in cases {
        let r = decode(bytes, name);
        assert_eq!(r, Err(DecodeError::Unsupported(format)), "{name}");
        let msg = r.unwrap_err().to_string();
        assert!(msg.starts_with("暂不支持") && msg.contains("not supported"), "{msg}");
    }
    let xlsx = zip(&[("xl/workbook.xml", b"x")]);
    assert_eq!(decode(&xlsx, "book.xlsx"), Err(DecodeError::Unsupported(Format::Xlsx)));
    assert!(analyze_bytes(b"%PDF-1.7", "a.pdf").is_err());
    // A truncated PDF: refused as a format where the core is built without its `pdf` feature
    // (the web app), named as damaged where it reads PDFs (the CLI); never an empty report.
    let r = decode(b"%PDF-1.4\n1 0 obj\n", "r.pdf");
    assert!(
        matches!(r, Err(DecodeError::Unsupported(Format::Pdf) | DecodeError::Damaged { format: Format::Pdf, .. })),
        "{r:?}"
    );
}

#[test]
fn seed_reports_survive_every_encoding() {
    let dir = support::shared().join("corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}; skipped", dir.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(raw) = std::fs::read_to_string(&path) else { continue };
        // The text as decoded from UTF-8: a seed that holds a run of GBK read out of step (002
        // does: "??茝V?,F將") comes back repaired from every encoding alike.
        let Ok(text) = decode(raw.as_bytes(), "r.txt") else { continue };
        let (gbk, _, lossy) = encoding_rs::GB18030.encode(&raw);
        assert!(!lossy);
        assert_eq!(decode(&gbk, "r.txt").as_deref(), Ok(text.as_str()), "{} as GB18030", path.display());
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(raw.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le, "r.txt").as_deref(), Ok(text.as_str()), "{} as UTF-16", path.display());
        // As a web page: one paragraph per line, same words.
        let page: String = std::iter::once("<!DOCTYPE html><html><body>".to_string())
            .chain(raw.lines().map(|l| format!("<p>{}</p>", l.replace('&', "&amp;").replace('<', "&lt;"))))
            .chain(std::iter::once("</body></html>".to_string()))
            .collect();
        let from_page = decode(page.as_bytes(), "r.html").expect("page decodes");
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&from_page), squeeze(&text), "{} as HTML", path.display());
        assert_invariants(&text, &analyze(&text));
    }
}

/// Issue 18's noise at full size: every line opened by marks of lost characters, every line a
/// run of GBK read out of step behind a mark, one huge line of such a run, places named by the
/// thousand, and the same report cut short at each of its bytes.
#[test]
fn mirror_noise_at_size() {
    let report = synthetic_report(size(2_000_000));
    // "??" before every line, as a mirror prints every paragraph's indentation.
    let marked: String = report.lines().map(|l| format!("??{l}\n")).collect();
    let r = analyze_checked("?? on every line", &marked);
    assert!(!r.sections.is_empty());
    assert!(r.sections.iter().all(|s| !marked[s.start..].starts_with('?')));
    // Every line a garbled run behind a mark: the repair reads each once.
    let garbled: String = (0..size(100_000)).map(|i| format!("?。ㄒ唬┘忧孔橹{i}领导\n")).collect();
    let text = timed("garbled lines", garbled.len(), || decode(garbled.as_bytes(), "g.txt")).expect("decodes");
    analyze_checked("garbled lines, repaired", &text);
    // One line of nothing but a wrong reading, with marks scattered in it.
    let line: String = (0..size(400_000)).map(|i| if i % 997 == 0 { "?" } else { "ㄒ唬┘" }).collect();
    let text = timed("one garbled line", line.len(), || decode(line.as_bytes(), "g.txt")).expect("decodes");
    analyze_checked("one garbled line, repaired", &text);
    // A text that only calls itself "区政府" and names thousands of districts.
    let places: String = (0..size(200_000))
        .map(|i| {
            format!(
                "{}{}区",
                char::from_u32(0x4E00 + (i * 7 % 20000) as u32).unwrap_or('甲'),
                char::from_u32(0x4E00 + (i % 20000) as u32).unwrap_or('乙')
            )
        })
        .collect::<Vec<_>>()
        .join("，");
    let text = format!("2030年，区政府坚持依法行政。\n一、工作\n（一）走访{places}。\n");
    analyze_checked("thousands of districts", &text);
}

#[test]
fn a_report_cut_short_at_every_byte() {
    let report = synthetic_report(3000);
    let bytes = report.as_bytes();
    for cut in 1..bytes.len() {
        let Ok((text, r)) = analyze_bytes(&bytes[..cut], "cut.txt") else { continue };
        assert_invariants(&text, &r);
        // No figure runs to the torn end with a unit that may go on.
        if let Some(f) = r.metrics.last() {
            let tail = text[f.end..].trim_end_matches(|c: char| c.is_whitespace() || c == '\u{FFFD}');
            assert!(
                !(tail.is_empty() && ["人", "件", "场", "个"].contains(&f.unit.as_str()) && text.ends_with('\u{FFFD}')),
                "cut at {cut}: {f:?}"
            );
        }
    }
}
