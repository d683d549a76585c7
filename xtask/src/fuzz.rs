//! `cargo xtask fuzz [--secs N] [TARGET...]`: runs the `cargo fuzz` targets in `fuzz/` for a
//! given time each and prints how many inputs each one tried, and how fast (exec/s).
//!
//! The targets (`fuzz/fuzz_targets/`): `decode` (any bytes under any file name), `analyze`
//! (any text) and `pdf` (any bytes as a PDF, through the `fazhi_pdf` reader; seeded with small
//! PDFs from `fazhi_pdf::write` and the PDF-syntax dictionary `fuzz/dict/pdf.dict`); all check
//! every report invariant (`fazhi_lens::invariants`). libFuzzer fails an
//! input that panics, breaks an invariant, runs over [`TIMEOUT_SECS`] or uses more than
//! [`RSS_MB`] of memory; the input is then saved under `fuzz/artifacts/TARGET/` and should become
//! a regression case in `tests/fuzz_regressions/` (see that directory's README).
//!
//! So that a minute finds what used to take twenty (issue 21: a breadcrumb "首页 » …" whose
//! two-byte separator was stepped over as one byte, found after ~190,000 to ~300,000 inputs from
//! the five reports alone), each run gets the words of web pages as a dictionary
//! (`fuzz/dict/page.dict`), starts from seeds shaped like what users paste ([`seed_corpus`]:
//! page openings and synthetic pages with breadcrumbs, headers and footers), and `analyze` edits
//! text as characters half of the time (`fuzz/fuzz_targets/text_mutator.rs`). With the synthetic
//! pages that print it held back, `analyze` now finds that bug after 200–1,700 inputs (1–7 s)
//! instead of 294,560 (535 s); with them, a seed shows it before any mutation.
//!
//! The machines here have only the stable toolchain. cargo-fuzz asks rustc for `-Z` flags
//! (sanitizers, coverage instrumentation); `RUSTC_BOOTSTRAP=1` lets stable rustc accept them for
//! this build only, which is what a nightly would do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::install::cargo_tool;
use crate::{err, root, Result};

/// The targets in `fuzz/Cargo.toml`.
pub const TARGETS: [&str; 3] = ["decode", "analyze", "pdf"];
/// An input taking longer than this fails (a hang, or a superlinear blow-up on ≤ [`MAX_LEN`]).
const TIMEOUT_SECS: u32 = 10;
/// An input needing more memory than this fails (e.g. a zip bomb that got through).
const RSS_MB: u32 = 2048;
/// Longest input libFuzzer makes. The seeds are ≤ 14.3 KB (a whole county report of ~4,800
/// characters; the development openings and the generated pages are 0.5–3 KB) and stay whole;
/// 32 KiB leaves room for two of them crossed over. A run costs about 0.13 ms per KB (2 KB:
/// 0.3 ms, 14 KB: 2.2 ms, 256 KB: 32 ms), and with a custom mutator libFuzzer drops its slow
/// growth of input lengths (`-len_control`), so this cap is what keeps inputs page-sized; the
/// old 256 KiB let them grow a hundred times slower. Time on megabytes is `tests/hostile.rs`'s
/// job, and what breaks on a long page breaks on its first screen too.
const MAX_LEN: u32 = 32_768;
/// The dictionary of both targets: page-chrome words, breadcrumb separators, heading markers,
/// units, numerals, dates (see the file).
const DICT: &str = "dict/page.dict";
/// The `pdf` target's dictionary: PDF syntax (structure, filters, encryption, fonts, CMaps,
/// content operators).
const PDF_DICT: &str = "dict/pdf.dict";

/// The dictionary of `target`.
fn dict(target: &str) -> &'static str {
    if target == "pdf" {
        PDF_DICT
    } else {
        DICT
    }
}

/// What one run of a target did, from libFuzzer's final statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Inputs executed (`stat::number_of_executed_units`).
    pub runs: u64,
    /// Their average rate (`stat::average_exec_per_sec`).
    pub exec_per_sec: u64,
}

impl std::fmt::Display for Stats {
    /// "23456 inputs (391 exec/s, 2.56 ms an input)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} inputs ({} exec/s", self.runs, self.exec_per_sec)?;
        if self.exec_per_sec > 0 {
            write!(f, ", {:.2} ms an input", 1000.0 / self.exec_per_sec as f64)?;
        }
        f.write_str(")")
    }
}

/// `cargo xtask fuzz`.
pub fn task(args: &[String]) -> Result {
    let mut secs = 60;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--secs" => secs = it.next().and_then(|s| s.parse().ok()).ok_or_else(|| err!("--secs needs a number"))?,
            t if TARGETS.contains(&t) => targets.push(t),
            _ => return Err(err!("usage: cargo xtask fuzz [--secs N] [{}]...", TARGETS.join("|"))),
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    for target in targets {
        let stats = run(target, secs)?;
        eprintln!("xtask: fuzz {target}: {stats} in {secs} s, no failure");
    }
    Ok(())
}

/// Builds and runs one target for `secs` seconds; what it executed.
pub fn run(target: &str, secs: u32) -> Result<Stats> {
    let cargo_fuzz = cargo_tool("cargo-fuzz", "cargo-fuzz", "^0.13", |v| v.starts_with("cargo-fuzz 0.13"))?;
    let fuzz = root().join("fuzz");
    let corpus = seed_corpus(&fuzz, target)?;
    let log = fuzz.join("artifacts").join(format!("{target}.log"));
    fs::create_dir_all(log.parent().unwrap_or(&fuzz))?;
    let mut cmd = Command::new(cargo_fuzz);
    cmd.args(["fuzz", "run", "--release", target])
        .arg(&corpus)
        .arg("--")
        .arg(format!("-max_total_time={secs}"))
        .arg(format!("-timeout={TIMEOUT_SECS}"))
        .arg(format!("-rss_limit_mb={RSS_MB}"))
        .arg(format!("-max_len={MAX_LEN}"))
        .arg(format!("-dict={}", fuzz.join(dict(target)).display()))
        .arg("-print_final_stats=1")
        .current_dir(&fuzz)
        .env("RUSTC_BOOTSTRAP", "1")
        .stdout(Stdio::null())
        .stderr(fs::File::create(&log)?);
    eprintln!("xtask: fuzz {target} for {secs} s (libFuzzer's output: {})", log.display());
    let status = cmd.status().map_err(|e| err!("cannot start cargo fuzz: {e}"))?;
    let output = fs::read_to_string(&log).unwrap_or_default();
    if !status.success() {
        let tail: Vec<&str> = output.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        let after = progress(&output).map_or(String::new(), |s| format!(" after {s}"));
        return Err(err!(
            "fuzz target `{target}` failed ({status}){after}; the input is saved under fuzz/artifacts/{target}/ \
             (add it to tests/fuzz_regressions/):\n{}",
            tail.join("\n")
        ));
    }
    final_stats(&output).ok_or_else(|| err!("fuzz {target}: no execution count in {}", log.display()))
}

/// The statistics libFuzzer prints at the end of a run.
fn final_stats(output: &str) -> Option<Stats> {
    Some(Stats { runs: executions(output)?, exec_per_sec: stat(output, "stat::average_exec_per_sec").unwrap_or(0) })
}

/// The run count libFuzzer prints at the end (`stat::number_of_executed_units: N`).
fn executions(output: &str) -> Option<u64> {
    stat(output, "stat::number_of_executed_units")
}

/// The last `key: N` line of libFuzzer's final statistics.
fn stat(output: &str, key: &str) -> Option<u64> {
    output.lines().rev().find_map(|l| l.strip_prefix(key)?.strip_prefix(':')).and_then(|n| n.trim().parse().ok())
}

/// How far a run got before it failed, from libFuzzer's last status line
/// (`#16528\tREDUCE cov: … exec/s: 472 rss: …`): a failing run prints no final statistics.
fn progress(output: &str) -> Option<Stats> {
    output.lines().rev().find_map(|l| {
        let (runs, rest) = l.strip_prefix('#')?.split_once(|c: char| c.is_whitespace())?;
        let rate = rest.split_once("exec/s:")?.1.split_whitespace().next()?;
        Some(Stats { runs: runs.parse().ok()?, exec_per_sec: rate.parse().ok()? })
    })
}

/// The working corpus of `target` (kept between runs, not committed), seeded so the fuzzer
/// starts from text shaped like what users paste: the five reports of `../shared/corpus`, the
/// 46 page openings of `../shared/corpus-dev` (both read here, never copied into the
/// repository), the regression cases, and the synthetic web pages of [`pages`] (breadcrumbs,
/// page headers and footers in the shapes government sites print them, with and without their
/// line breaks). The `decode` target gets each as `report.txt`, and the pages also as HTML.
fn seed_corpus(fuzz: &Path, target: &str) -> Result<PathBuf> {
    let corpus = fuzz.join("corpus").join(target);
    fs::create_dir_all(&corpus)?;
    if target == "pdf" {
        for (name, bytes) in pdf_seeds() {
            fs::write(corpus.join(name), bytes)?;
        }
        return Ok(corpus);
    }
    let shared = root().join("..").join("shared");
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    for (dir, only_txt) in [
        (shared.join("corpus"), true),
        (shared.join("corpus-dev"), true),
        (root().join("tests").join("fuzz_regressions"), false),
    ] {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()) {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "md" || (only_txt && ext != "txt") {
                continue;
            }
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
            seeds.push((name.to_string(), fs::read(&path)?));
        }
    }
    for (i, page) in pages().iter().enumerate() {
        seeds.push((format!("page-{i:02}.txt"), page.clone().into_bytes()));
        if target == "decode" {
            // decode's first byte picks the file name (see fuzz_targets/decode.rs): 1 = "page.html".
            seeds.push((format!("page-{i:02}.html"), [&[1u8][..], html(page).as_bytes()].concat()));
        }
    }
    for (name, bytes) in seeds {
        // 0 = "report.txt"; the HTML pages carry their pick already.
        let bytes = if target == "decode" && !name.ends_with(".html") { [&[0u8][..], &bytes].concat() } else { bytes };
        fs::write(corpus.join(name), bytes)?;
    }
    Ok(corpus)
}

/// The `pdf` target's seeds: synthetic pages written as small PDFs by `fazhi_pdf::write`,
/// each in another variant (CMap, page numbers, cross-reference form, compression, security).
/// AES-256 only once: its key derivation makes every input that keeps it slow.
fn pdf_seeds() -> Vec<(String, Vec<u8>)> {
    use fazhi_pdf::write::{official_document, CidEncoding, Options, PageNumbers, Security};
    let pages = pages();
    let securities = [Security::None, Security::None, Security::Rc4, Security::Aes128];
    let numbers = [PageNumbers::Dash, PageNumbers::Hyphen, PageNumbers::OfTotal];
    (0..PDF_SEEDS)
        .map(|i| {
            let opts = Options {
                encoding: if i % 2 == 0 { CidEncoding::Ucs2 } else { CidEncoding::Gbk },
                page_numbers: numbers[i % 3],
                header: if i % 4 == 3 { String::new() } else { "法治政府建设年度报告".to_string() },
                security: if i == PDF_SEEDS - 1 { Security::Aes256 } else { securities[i % 4] },
                user_password: String::new(),
                object_streams: i % 3 == 1,
                compress: i % 2 == 1,
            };
            (format!("page-{i:02}.pdf"), official_document(&pages[i % pages.len()], &opts))
        })
        .collect()
}

/// How many PDFs [`pdf_seeds`] writes.
const PDF_SEEDS: usize = 12;

/// How many synthetic pages [`pages`] makes.
const PAGES: usize = 48;

/// Breadcrumb openers ("" = the trail starts at 首页).
const OPENERS: [&str; 9] =
    ["您的位置", "当前位置", "您当前的位置", "您现在的位置", "所在位置", "當前位置", "位置", "", ""];
/// What follows an opener.
const COLONS: [&str; 5] = ["：", ":", ": ", "： ", " "];
/// The first crumb.
const HOMES: [&str; 4] = ["首页", "首页", "网站首页", "首頁"];
/// Breadcrumb separators as sites print them: one to three bytes, spaced or not.
const SEPARATORS: [&str; 24] = [
    ">", " > ", "»", " » ", "›", " › ", "/", " / ", "＞", " ＞ ", "→", " → ", "|", " | ", "》", ">>", " >> ", "＞＞",
    " · ", " — ", " - ", "＼", " ∣ ", " ▶ ",
];
/// Crumbs after the first.
const COLUMNS: [&str; 14] = [
    "政务公开",
    "信息公开",
    "政府信息公开目录",
    "法定主动公开内容",
    "法治政府建设",
    "法治政府建设年度报告",
    "年度报告",
    "通知公告",
    "工作动态",
    "其他法定信息",
    "计划总结",
    "部门文件",
    "正文",
    "政務公開",
];
/// Invented places (no real report's wording is used here).
const PLACES: [&str; 10] =
    ["青山区", "河西县", "江北市", "南湖街道", "北塘区", "东川县", "云岭市", "西林区", "石门镇", "长丰省"];
const BODIES: [&str; 5] = ["人民政府", "司法局", "人民政府办公室", "市场监督管理局", "街道办事处"];
/// Level-1 and level-2 heading markers, by kind.
const MARKERS: [[&str; 4]; 5] = [
    ["一、", "二、", "三、", "四、"],
    ["（一）", "（二）", "（三）", "（四）"],
    ["(一)", "(二)", "(三)", "(四)"],
    ["1.", "2.", "3.", "4."],
    ["（1）", "（2）", "（3）", "（4）"],
];
const PART_TITLES: [&str; 6] = [
    "主要举措和成效",
    "存在的不足和原因",
    "下一步工作计划",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "总体情况",
    "第一部分 工作开展情况",
];
const ITEM_TITLES: [&str; 6] = [
    "加强组织领导",
    "健全依法决策机制",
    "严格规范公正文明执法",
    "强化行政权力制约和监督",
    "依法化解社会矛盾纠纷",
    "提升法治思维和能力",
];
/// Sentences with figures; `#` is a number, `¤` a Chinese numeral.
const SENTENCES: [&str; 14] = [
    "全年收到行政复议申请#件，办结#件，同比增长#.#%。",
    "组织执法人员培训#场、#人次。",
    "审核规范性文件#件，备案审查#件，纠错率为#%。",
    "发生行政诉讼案件#宗，行政机关负责人出庭应诉率达#%。",
    "投入普法经费#.#万元，较上年增加#个百分点。",
    "办理人大代表建议和政协提案¤件。",
    "聘请法律顾问#名，公职律师#人。",
    "召开常务会议¤次，专题研究法治工作#项。",
    "调解矛盾纠纷#起，调解成功率#%，同比下降#.#个百分点。",
    "一是完善制度；二是强化培训；三是狠抓落实。",
    "开展“谁执法谁普法”活动#场，覆盖群众#万人次。",
    "行政执法案件#件，罚没款#.#万元。",
    "第一，压实责任。第二，细化分工。",
    "各项工作取得新成效。",
];
const CN_NUMERALS: [&str; 8] = ["十二", "二十三", "一百零五", "两", "三十", "〇", "九十九", "一千二百"];
/// Page-footer furniture; `@` is a place.
const FOOTERS: [&str; 12] = [
    "分享到：",
    "微信 微博 QQ空间",
    "【打印本页】【关闭窗口】",
    "打印 | 关闭",
    "上一篇：关于开展普法宣传月活动的通知",
    "下一篇：无",
    "扫一扫在手机打开当前页",
    "返回顶部",
    "相关链接",
    "版权所有：@人民政府 主办：@人民政府办公室",
    "网站标识码：# ICP备#号 公网安备 #号",
    "【我要纠错】 【收藏】",
];

/// A small deterministic generator (xorshift64*), so every run makes the same pages.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Synthetic web pages of reports, as users copy them: a breadcrumb, the title, a page header
/// (发布时间, 来源, 索引号, 浏览次数, 字体 大 中 小…), a short report (headings of several kinds,
/// figures with units, Chinese numerals, year-on-year changes) and footer furniture; with line
/// breaks kept, or lost in the head, between every piece, or everywhere; some with CRLF,
/// ideographic-space indents or Traditional words. Own wording throughout.
fn pages() -> Vec<String> {
    (0..PAGES).map(page).collect()
}

fn page(seed: usize) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let place = r.pick(&PLACES);
    let body = r.pick(&BODIES);
    let year = 2016 + r.below(9);
    let num = |r: &mut Rng| {
        let most = if r.chance(20) { 99_999 } else { 300 };
        (1 + r.below(most)).to_string()
    };
    let fill = |r: &mut Rng, s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '#' if out.ends_with('.') => out.push_str(&r.below(100).to_string()),
                '#' => out.push_str(&num(r)),
                '¤' => out.push_str(r.pick(&CN_NUMERALS)),
                '@' => out.push_str(place),
                c => out.push(c),
            }
        }
        out
    };

    // The breadcrumb: one separator for the whole trail (each in turn), or (rarely) a mix.
    let sep = SEPARATORS[seed % SEPARATORS.len()];
    let mut crumb = format!("{}{}{}", OPENERS[seed % OPENERS.len()], r.pick(&COLONS), r.pick(&HOMES));
    crumb = crumb.trim_start_matches([' ', ':', '：']).to_string();
    for _ in 0..1 + r.below(4) {
        crumb.push_str(if r.chance(15) { r.pick(&SEPARATORS) } else { sep });
        crumb.push_str(r.pick(&COLUMNS));
    }
    let title = match r.below(5) {
        0 => format!("{place}{body}关于{year}年度法治政府建设情况的报告"),
        1 => format!("【{place}】{year}年法治政府建设工作报告"),
        2 => format!("{place}{body}{year}年法治政府建設年度報告"),
        _ => format!("{place}{body}{year}年法治政府建设年度报告"),
    };
    if r.chance(30) {
        // The last crumb is the page's title.
        crumb.push_str(sep);
        crumb.push_str(&title);
    }
    let (m, d) = (1 + r.below(12), 1 + r.below(28));
    let date = match r.below(4) {
        0 => format!("{}-{m:02}-{d:02} {:02}:{:02}:{:02}", year + 1, r.below(24), r.below(60), r.below(60)),
        1 => format!("{}年{m}月{d}日", year + 1),
        2 => format!("{}/{m}/{d}", year + 1),
        _ => format!("{}-{m:02}-{d:02}", year + 1),
    };
    let colon = if r.chance(50) { "：" } else { ":" };
    let gap = ["  ", " ", "\u{3000}", "\u{a0}\u{a0}", "\t", ""][r.below(6)];
    let mut header: Vec<String> = Vec::new();
    for field in 0..7 {
        if !r.chance(55) {
            continue;
        }
        header.push(match field {
            0 => format!("发布时间{colon}{date}"),
            1 => format!("{}{colon}{place}{}", if r.chance(50) { "来源" } else { "信息来源" }, r.pick(&BODIES)),
            2 => format!("索引号{colon}{}/{}-{}", 10_000_000 + r.below(90_000_000), year + 1, num(&mut r)),
            3 => format!("{}{colon}{}", r.pick(&["浏览次数", "点击数", "阅读次数"]), num(&mut r)),
            4 => format!("发布机构{colon}{place}{body}"),
            5 => r.pick(&["字体：[大 中 小]", "【字体：大 中 小】", "字号：T | T", "【大】【中】【小】"]).to_string(),
            _ => format!("成文日期{colon}{date}"),
        });
    }
    let header = header.join(gap);

    let mut report: Vec<String> =
        vec![fill(&mut r, &format!("{year}年，@深入推进依法行政，各项工作取得新成效。现将有关情况报告如下："))];
    let (parts, items) = (&MARKERS[r.below(2)], &MARKERS[1 + r.below(4)]);
    let n = 1 + r.below(4);
    for part in &parts[..n] {
        report.push(format!("{part}{}", r.pick(&PART_TITLES)));
        let n = r.below(4);
        for item in &items[..n] {
            let mut line = format!("{item}{}", r.pick(&ITEM_TITLES));
            line.push(if r.chance(50) { '\n' } else { '。' });
            for _ in 0..1 + r.below(3) {
                let s = r.pick(&SENTENCES);
                line.push_str(&fill(&mut r, s));
            }
            report.push(line);
        }
    }
    let mut footer: Vec<String> = Vec::new();
    for _ in 0..r.below(5) {
        let f = r.pick(&FOOTERS);
        footer.push(fill(&mut r, f));
    }
    report.push(format!("{place}{body}"));
    report.push(format!("{}年{m}月{d}日", year + 1));

    // Layout: which line breaks the copy kept.
    let head = [crumb, title, header];
    let mut text = match r.below(6) {
        // The head run together (the commonest loss), the report on its lines.
        0 | 1 => format!("{}\n{}", head.join(r.pick(&[" ", "", "  "])), report.join("\n")),
        // The head glued to the report's first sentence.
        2 => format!("{}{}\n{}", head.join(" "), report[0], report[1..].join("\n")),
        // Every line lost.
        3 => [head.join(" "), report.join(" "), footer.join(" ")].join(" "),
        // Everything on its line.
        _ => format!("{}\n{}", head.join("\n"), report.join("\n")),
    };
    if !text.ends_with(&footer.join(" ")) {
        // The footer on its lines, or glued after the last sentence.
        text.push_str(if r.chance(30) { " " } else { "\n" });
        text.push_str(&footer.join("\n"));
    }
    if r.chance(20) {
        text = text.lines().map(|l| format!("\u{3000}\u{3000}{l}")).collect::<Vec<_>>().join("\n");
    }
    if r.chance(20) {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// A page as a site serves it: HTML with the separators as entities, one paragraph a line.
fn html(page: &str) -> String {
    let mut out =
        String::from("<html><head><meta charset=\"utf-8\"><title>法治政府建设年度报告</title></head><body>\n");
    for line in page.lines() {
        let line = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('»', "&raquo;")
            .replace('\u{a0}', "&nbsp;");
        out.push_str(&format!("<p>{line}</p>\n"));
    }
    out.push_str("</body></html>\n");
    out
}

/// One entry of a libFuzzer dictionary (`name="bytes"`, `\xAB` `\\` `\"` escapes): the name
/// before the quotes (trimmed) and the bytes, or `None` for a comment, a blank line or a line
/// libFuzzer would reject.
#[cfg(test)]
fn dict_entry(line: &str) -> Option<(&str, Vec<u8>)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let open = line.find('"')?;
    let quoted = line[open + 1..].strip_suffix('"')?;
    let mut bytes = Vec::new();
    let mut it = quoted.bytes();
    while let Some(b) = it.next() {
        // libFuzzer takes printable ASCII and spaces only; anything else needs an escape.
        if !(b.is_ascii_graphic() || b == b' ') {
            return None;
        }
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next()? {
            c @ (b'\\' | b'"') => bytes.push(c),
            b'x' => {
                let hex = [it.next()?, it.next()?];
                bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            }
            _ => return None,
        }
    }
    Some((line[..open].trim_end_matches('=').trim(), bytes))
}

/// A word as a dictionary line `word="\xe5…"` (printable ASCII kept as it is).
#[cfg(test)]
fn dict_line(word: &str) -> String {
    let mut quoted = String::new();
    for b in word.bytes() {
        match b {
            b'"' | b'\\' => quoted.push_str(&format!("\\{}", b as char)),
            0x20..=0x7e => quoted.push(b as char),
            _ => quoted.push_str(&format!("\\x{b:02x}")),
        }
    }
    let name = word.trim();
    if word.is_ascii() || name.is_empty() {
        format!("\"{quoted}\"")
    } else {
        format!("{name}=\"{quoted}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_execution_count() {
        let out = "#2097152\tpulse  cov: 1\nDone 123 runs in 2 second(s)\nstat::number_of_executed_units: 123\nstat::average_exec_per_sec:     61\n";
        assert_eq!(executions(out), Some(123));
        assert_eq!(executions("crashed"), None);
    }

    #[test]
    fn reads_the_execution_rate() {
        let out = "#2097152\tpulse  cov: 1\nDone 123 runs in 2 second(s)\nstat::number_of_executed_units: 123\nstat::average_exec_per_sec:     61\nstat::new_units_added: 7\n";
        assert_eq!(final_stats(out), Some(Stats { runs: 123, exec_per_sec: 61 }));
        // An older libFuzzer without the rate still gives the count.
        assert_eq!(final_stats("stat::number_of_executed_units: 5\n"), Some(Stats { runs: 5, exec_per_sec: 0 }));
        assert_eq!(final_stats("crashed"), None);
        assert_eq!(Stats { runs: 23456, exec_per_sec: 400 }.to_string(), "23456 inputs (400 exec/s, 2.50 ms an input)");
        assert_eq!(Stats { runs: 0, exec_per_sec: 0 }.to_string(), "0 inputs (0 exec/s)");
    }

    #[test]
    fn reads_how_far_a_failed_run_got() {
        let out = "INFO: seed corpus: files: 60\n\
            #16515\tNEW    cov: 13595 ft: 47919 corp: 1846/10021Kb lim: 14263 exec/s: 471 rss: 478Mb L: 3027/14263 MS: 1 CopyPart-\n\
            #16528\tREDUCE cov: 13596 ft: 47920 corp: 1847/10033Kb lim: 14263 exec/s: 472 rss: 478Mb L: 12532/14263 MS: 1 CrossOver-\n\
            thread '<unnamed>' panicked at src/normalize.rs:467:24:\n\
            ==1234== ERROR: libFuzzer: deadly signal\n\
            #0 0x55d0 in __sanitizer_print_stack_trace\n";
        assert_eq!(progress(out), Some(Stats { runs: 16528, exec_per_sec: 472 }));
        assert_eq!(progress("==1234== ERROR: libFuzzer: deadly signal\n"), None);
    }

    /// Every line of the dictionary is a comment or an entry libFuzzer accepts (it skips the
    /// others silently), no entry is there twice or over libFuzzer's 64 bytes, and each name
    /// spells its bytes: a new word goes in as `word=""` and this test says the line to write.
    #[test]
    fn the_dictionary_is_what_it_says() {
        dictionary_is_what_it_says(DICT, 300);
        dictionary_is_what_it_says(PDF_DICT, 100);
    }

    fn dictionary_is_what_it_says(path: &str, min: usize) {
        let dict = fs::read_to_string(root().join("fuzz").join(path)).unwrap();
        let mut seen = std::collections::HashSet::new();
        for (n, line) in dict.lines().enumerate().map(|(n, l)| (n + 1, l)) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (name, bytes) = dict_entry(line).unwrap_or_else(|| panic!("{path}:{n}: not a libFuzzer entry: {line}"));
            assert!(!bytes.is_empty() && bytes.len() <= 64, "{path}:{n}: 1 to 64 bytes: {line}");
            assert!(seen.insert(bytes.clone()), "{path}:{n}: twice: {line}");
            let word = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path}:{n}: not UTF-8: {line}"));
            let expected = if name.is_empty() { dict_line(&word) } else { dict_line(name) };
            if !name.is_empty() || !word.is_ascii() {
                assert_eq!(name, word.trim(), "{path}:{n}: the name must spell the bytes; write `{expected}`");
            }
        }
        assert!(seen.len() >= min, "{path}: only {} entries", seen.len());
    }

    #[test]
    fn parses_dictionary_lines_as_libfuzzer_does() {
        assert_eq!(dict_entry(r#"首页="\xe9\xa6\x96\xe9\xa1\xb5""#), Some(("首页", "首页".as_bytes().to_vec())));
        assert_eq!(dict_entry(r#"" > ""#), Some(("", b" > ".to_vec())));
        assert_eq!(dict_entry(r#"kw1="a\\b\"c""#), Some(("kw1", br#"a\b"c"#.to_vec())));
        assert_eq!(dict_entry("# 首页"), None);
        assert_eq!(dict_entry(r#""首页""#), None, "raw UTF-8 between the quotes is rejected by libFuzzer");
        assert_eq!(dict_entry(r#""\q""#), None);
        assert_eq!(dict_line("首页 » "), r#"首页 »="\xe9\xa6\x96\xe9\xa1\xb5 \xc2\xbb ""#);
        assert_eq!(dict_line(" > "), r#"" > ""#);
        for w in ["您的位置", " » ", "\u{3000}", "a\"b\\", "𠮷"] {
            let line = dict_line(w);
            let (name, bytes) = dict_entry(&line).unwrap();
            assert_eq!(bytes, w.as_bytes());
            assert!(name.is_empty() || name == w.trim());
        }
    }

    /// The PDF seeds read (each variant is one the reader handles) and fit in an input.
    #[test]
    fn pdf_seeds_read_and_fit() {
        let seeds = pdf_seeds();
        assert_eq!(seeds.len(), PDF_SEEDS);
        for (name, pdf) in &seeds {
            assert!(pdf.len() <= MAX_LEN as usize, "{name}: {} bytes", pdf.len());
            let text = fazhi_pdf::extract_text(pdf).unwrap_or_else(|e| panic!("{name}: {e}")).text;
            assert!(text.contains("法治政府建"), "{name}: {text}");
        }
    }

    /// The pages are the same on every run, fit in an input, and between them print every
    /// breadcrumb opener and separator, header runs, footers and each layout.
    #[test]
    fn synthetic_pages_cover_the_chrome() {
        let pages = pages();
        assert_eq!(pages, super::pages());
        assert_eq!(pages.len(), PAGES);
        for p in &pages {
            assert!(p.len() <= MAX_LEN as usize && p.len() >= 200, "{} bytes:\n{p}", p.len());
            assert!(p.contains("法治政府建"), "{p}");
        }
        let all = pages.concat();
        for sep in SEPARATORS {
            assert!(
                pages.iter().any(|p| p.lines().next().is_some_and(|l| l.contains(sep))),
                "no breadcrumb with {sep:?}"
            );
        }
        for opener in OPENERS.iter().filter(|o| !o.is_empty()) {
            assert!(pages.iter().any(|p| p.trim_start().starts_with(opener)), "no page opening with {opener}");
        }
        assert!(pages.iter().any(|p| p.trim_start().starts_with("首页")));
        for word in
            ["发布时间", "索引号", "来源", "字体", "打印", "ICP备", "一、", "（一）", "万元", "%", "\r\n", "\u{3000}"]
        {
            assert!(all.contains(word), "no page holds {word}");
        }
        assert!(pages.iter().any(|p| !p.contains('\n')), "no page with every line break lost");
        assert!(
            pages.iter().any(|p| p.lines().next().is_some_and(|l| l.contains('。'))),
            "no head glued to a sentence"
        );
        let html = html(&pages[0]);
        assert!(html.starts_with("<html>") && !html[html.find("<body>").unwrap()..].contains('»'));
    }
}
