//! `fazhi`: the command-line face of fazhi-lens.
//!
//! ```text
//! fazhi analyze [--format json|text] FILE|DIR...    (FILE may be "-" for standard input)
//! fazhi compare [--format json|text|csv] FILE|DIR... (align reports by region, year, indicator)
//! fazhi panel [--format csv|jsonl] FILE|DIR...       (one row per report × value: the long panel)
//! ```
//!
//! A folder stands for every regular file under it, in byte order of their paths. The JSON
//! output follows `docs/output.md` (one object per line, in the order given); it is how the
//! project's accuracy is measured, so it changes only with that contract.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fazhi_lens::compare::{compare, Cell, Comparison, FigureRow, Step};
use fazhi_lens::{analyze_bytes, panel, CheckState, Report};
use rayon::prelude::*;

/// See `Cargo.toml`: the analysis allocates many small strings, which mimalloc serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
fazhi — 法治政府建设年度报告分析 (analyser for rule-of-law government annual reports)

用法 Usage:
  fazhi analyze [--format text|json] FILE|DIR...
                                   分析报告 (analyse reports; FILE \"-\" = stdin)
  fazhi compare [--format text|json|csv] FILE|DIR...
                                   比较多份报告 (compare reports side by side)
  fazhi panel [--format csv|jsonl] FILE|DIR...
                                   长表：每份报告的每个关键指标值和数据一行
                                   (long panel: one row per report × key value or figure)
  fazhi help | --help | -h         显示本帮助 (show this help)
  fazhi --version | -V             显示版本 (show the version)

输入 Input: UTF-8 / GBK / GB18030 / Big5 / UTF-16 text, saved .html pages, .docx, PDF
文件夹 Folders: 递归读取其中所有文件，按路径排序；无法读取的文件报告后跳过
                (every file under it, sorted by path; unreadable ones reported and skipped)
";

/// Output format of `analyze`, `compare` and `panel`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Text,
    /// `compare`: the table of key indicators; `panel`: the long panel.
    Csv,
    /// Only for `panel`: one JSON object per row.
    Jsonl,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// A command-line mistake, reported in Chinese and English.
#[derive(Debug)]
struct UsageError(String);

struct Args {
    command: String,
    /// `--format`, when given (each command has its default).
    format: Option<Format>,
    files: Vec<String>,
    /// `--help` anywhere (`fazhi analyze --help`): print the usage and do nothing else.
    help: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, UsageError> {
    let command = args.next().ok_or_else(|| UsageError("缺少子命令 (missing command)".into()))?;
    let mut format = None;
    let mut files = Vec::new();
    let mut help = false;
    while let Some(a) = args.next() {
        let value = |name: &str, v: Option<String>| {
            v.ok_or_else(|| UsageError(format!("{name} 需要一个值 ({name} needs a value)")))
        };
        match a.as_str() {
            "--format" | "-f" => format = Some(parse_format(&value("--format", args.next())?)?),
            s if s.starts_with("--format=") => format = Some(parse_format(&s["--format=".len()..])?),
            "--help" | "-h" => help = true,
            "--" => files.extend(args.by_ref()),
            "-" => files.push(a),
            s if s.starts_with('-') => {
                return Err(UsageError(format!("未知选项 {s} (unknown option {s})")));
            }
            _ => files.push(a),
        }
    }
    Ok(Args { command, format, files, help })
}

fn parse_format(s: &str) -> Result<Format, UsageError> {
    match s {
        "json" => Ok(Format::Json),
        "text" => Ok(Format::Text),
        "csv" => Ok(Format::Csv),
        "jsonl" => Ok(Format::Jsonl),
        _ => Err(UsageError(format!(
            "未知格式 {s}，可用 json、jsonl、text、csv (unknown format {s}; use json, jsonl, text or csv)"
        ))),
    }
}

/// One file to analyse: a FILE argument, or a file found in a folder.
struct Input {
    /// Where to read it ("-" is standard input).
    path: PathBuf,
    /// The name it is reported by: the argument as given, or the path found in a folder.
    name: String,
    /// Why it cannot be read, when that is known before reading (a folder that cannot be
    /// listed, a link that leads nowhere).
    error: Option<String>,
}

impl Input {
    fn file(path: PathBuf) -> Input {
        Input { name: path.to_string_lossy().into_owned(), path, error: None }
    }

    fn failed(path: PathBuf, error: String) -> Input {
        Input { error: Some(error), ..Input::file(path) }
    }
}

/// The files the arguments name: each FILE as given (even when it does not exist: reading it
/// reports that), and for each folder every regular file under it (see [`walk`]).
fn inputs(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for a in args {
        let path = PathBuf::from(a);
        if a != "-" && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            out.extend(walk(&path));
        } else {
            out.push(Input { path, name: a.clone(), error: None });
        }
    }
    out
}

/// Every regular file under `root` (following links), sorted by the bytes of its path so that
/// the order is the same on every platform and file system; with the folders and links that
/// cannot be read as failed inputs in their place. Each folder is listed once, by its canonical
/// path, so a link loop ends. Other entries (pipes, sockets, devices) are left alone: reading
/// one could wait forever.
/// Files a folder holds that nobody put there as a report: hidden files (".DS_Store", "._x.txt",
/// ".git") and what Windows writes (Thumbs.db, desktop.ini), and Office's lock files
/// ("~$报告.docx"). Skipped silently in folders, never when named on the command line.
fn housekeeping(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

fn walk(root: &Path) -> Vec<Input> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        match fs::canonicalize(&dir) {
            Ok(canonical) => {
                if !seen.insert(canonical) {
                    continue;
                }
            }
            Err(e) => {
                found.push(Input::failed(dir, folder_error(&e)));
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push(Input::failed(dir, folder_error(&e)));
                continue;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) if !housekeeping(&entry.file_name()) => paths.push(entry.path()),
                Ok(_) => {}
                Err(e) => found.push(Input::failed(dir.clone(), folder_error(&e))),
            }
        }
        // Folders are visited in byte order too, so that of two links to one folder the same
        // one is followed on every file system.
        paths.sort_by(|a, b| b.as_os_str().as_encoded_bytes().cmp(a.as_os_str().as_encoded_bytes()));
        for path in paths {
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => folders.push(path),
                Ok(m) if m.is_file() => found.push(Input::file(path)),
                Ok(_) => {}
                Err(e) => found.push(Input::failed(path, read_error(&e))),
            }
        }
    }
    found.sort_by(|a, b| a.path.as_os_str().as_encoded_bytes().cmp(b.path.as_os_str().as_encoded_bytes()));
    found
}

/// Reads one input ("-" is standard input).
fn read_input(input: &Input) -> io::Result<Vec<u8>> {
    if input.path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        fs::read(&input.path)
    }
}

/// Analyses one file into a report, or a one-line error message.
fn analyze_file(input: &Input) -> Result<(String, Report), String> {
    if let Some(error) = &input.error {
        return Err(error.clone());
    }
    let bytes = read_input(input).map_err(|e| read_error(&e))?;
    analyze_bytes(&bytes, &input.name).map_err(|e| e.to_string())
}

/// Why a file could not be read, in Chinese and English (the system's own words last, for
/// the cases without a Chinese name).
fn read_error(e: &io::Error) -> String {
    let (zh, en) = match e.kind() {
        io::ErrorKind::NotFound => ("文件不存在", "file not found"),
        io::ErrorKind::PermissionDenied => ("没有读取权限", "permission denied"),
        io::ErrorKind::IsADirectory => ("这是文件夹，不是文件", "this is a folder, not a file"),
        _ => return format!("无法读取文件 (cannot read file): {e}"),
    };
    format!("无法读取文件：{zh} (cannot read file: {en})")
}

/// Why a folder could not be listed, in Chinese and English.
fn folder_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "无法读取文件夹：不存在 (cannot read folder: not found)".into(),
        io::ErrorKind::PermissionDenied => {
            "无法读取文件夹：没有读取权限 (cannot read folder: permission denied)".into()
        }
        _ => format!("无法读取文件夹 (cannot read folder): {e}"),
    }
}

fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    // Keep the kind of a write error (a closed pipe is not worth a message, see `main`).
    serde_json::to_writer(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    out.write_all(b"\n")
}

fn print_text(out: &mut impl Write, text: &str, r: &Report) -> io::Result<()> {
    let m = &r.meta;
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "== {}", r.source)?;
    writeln!(out, "标题 {}", or(&m.title))?;
    // The name the web app's library gives it (one rule: `fazhi_lens::naming`).
    writeln!(out, "名称 {}", or(&r.display_name()))?;
    if !r.looks_like_report() {
        writeln!(out, "注意 这段文字看起来不像法治政府建设年度报告（没有报告标题，也没有法定部分）")?;
    }
    writeln!(
        out,
        "单位 {} | 地区 {} | 年度 {} | 发布 {} | {}",
        or(&m.body),
        or(&m.region),
        m.report_year.map_or("—".into(), |y| y.to_string()),
        or(&m.published),
        match m.script {
            fazhi_lens::Script::Simplified => "简体",
            fazhi_lens::Script::Traditional => "繁体",
        }
    )?;
    writeln!(out, "\n-- 结构 ({} 个标题)", r.sections.len())?;
    for (i, s) in r.sections.iter().enumerate() {
        let indent = "  ".repeat(s.level.saturating_sub(1) as usize);
        let kind = s.kind.map(|k| format!(" [{}]", k.id())).unwrap_or_default();
        let n = r.metrics.iter().filter(|f| f.section == Some(i)).count();
        writeln!(out, "{indent}{}{}{kind}  ({n})", s.marker, s.title)?;
    }
    writeln!(out, "\n-- 数据 ({} 项)", r.metrics.len())?;
    for f in &r.metrics {
        let approx = if f.approx { "≈" } else { " " };
        writeln!(
            out,
            "{approx} {:>14}  {:<6} {}  «{}»",
            fazhi_lens::format::number(f.value),
            f.unit,
            f.indicator,
            f.surface
        )?;
    }
    if !r.key_indicators.is_empty() {
        writeln!(out, "\n-- 关键指标 (★ 主值, 其余为分项; ≈ 约数)")?;
        for (id, vals) in &r.key_indicators {
            for v in vals {
                let mark = if v.headline { "★" } else { " " };
                let counts = v.counts();
                let counts = if counts.is_empty() { String::new() } else { format!("[{counts}] ") };
                writeln!(
                    out,
                    "  {mark} {id:<32} {}  {counts}{}",
                    value_text(v.value, &v.unit, v.approx, &v.printed),
                    v.qualifier
                )?;
            }
        }
    }
    if !r.changes.is_empty() {
        writeln!(out, "\n-- 同比变化")?;
        for c in &r.changes {
            writeln!(out, "  {}  {}", c.indicator, c.surface)?;
        }
    }
    if !r.checks.is_empty() {
        writeln!(out, "\n-- 检查")?;
        for c in &r.checks {
            writeln!(out, "  {} {:<24} {}", c.outcome().mark(), c.id, c.detail)?;
        }
    }
    let _ = text;
    writeln!(out)
}

/// A value as printed ("1000余件"), or its number and unit with "≈" when approximate.
fn value_text(value: f64, unit: &str, approx: bool, printed: &str) -> String {
    if printed.trim().is_empty() {
        format!("{}{}{unit}", if approx { "≈" } else { "" }, fazhi_lens::format::number(value))
    } else {
        printed.to_string()
    }
}

/// Files analysed at once: enough to keep every core busy, few enough that the output waiting
/// to be printed in order stays small.
const BATCH: usize = 128;

/// The one analysis path of every command: each input is analysed and `work` done on its
/// report on any core (rayon), then `emit` is told the outcomes in the order of `inputs`.
/// Returns whether every input was analysed.
fn each_analyzed<T: Send>(
    inputs: &[Input],
    work: impl Fn(String, Report) -> T + Sync,
    mut emit: impl FnMut(&Input, Result<T, String>) -> io::Result<()>,
) -> io::Result<bool> {
    let mut all_ok = true;
    let one = |input: &Input| analyze_file(input).map(|(text, report)| work(text, report));
    for batch in inputs.chunks(BATCH) {
        // A single file stays on this thread: a one-file run starts no thread pool.
        let done: Vec<_> =
            if batch.len() == 1 { batch.iter().map(one).collect() } else { batch.par_iter().map(one).collect() };
        for (input, result) in batch.iter().zip(done) {
            all_ok &= result.is_ok();
            emit(input, result)?;
        }
    }
    Ok(all_ok)
}

fn run_analyze(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Text);
    let render = |text: String, report: Report| {
        let mut buf = Vec::new();
        match format {
            Format::Json => json_line(&mut buf, &report),
            _ => print_text(&mut buf, &text, &report),
        }
        .map(|()| buf)
    };
    each_analyzed(inputs, render, |input, result| match result {
        Ok(rendered) => out.write_all(&rendered?),
        Err(error) if format == Format::Json => {
            json_line(out, &serde_json::json!({ "source": input.name, "error": error }))
        }
        Err(error) => {
            eprintln!("{}: {error}", input.name);
            Ok(())
        }
    })
}

/// `panel`: the long panel of every report (see `fazhi_lens::panel`), as CSV (one header) or
/// JSON Lines, rows in the order of the inputs; failures on stderr.
fn run_panel(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Csv);
    if format == Format::Csv {
        let mut header = String::new();
        panel::csv_header(&mut header);
        out.write_all(header.as_bytes())?;
    }
    let render = |text: String, report: Report| {
        let rows = panel::rows(&report, &text);
        let mut buf = Vec::new();
        if format == Format::Jsonl {
            for row in &rows {
                json_line(&mut buf, row)?;
            }
        } else {
            let mut csv = String::new();
            panel::csv(&mut csv, &rows);
            buf = csv.into_bytes();
        }
        Ok::<_, io::Error>(buf)
    };
    each_analyzed(inputs, render, |input, result| match result {
        Ok(rendered) => out.write_all(&rendered?),
        Err(error) => {
            eprintln!("{}: {error}", input.name);
            Ok(())
        }
    })
}

/// `compare`: analyses every file, aligns the reports and prints one comparison. Files that
/// cannot be read are reported (stderr; in JSON also under "errors") and left out.
fn run_compare(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Text);
    let mut reports = Vec::new();
    let mut errors = Vec::new();
    each_analyzed(
        inputs,
        |_, report| report,
        |input, result| {
            match result {
                Ok(report) => reports.push(report),
                Err(error) => {
                    if format != Format::Json {
                        eprintln!("{}: {error}", input.name);
                    }
                    errors.push(serde_json::json!({ "source": input.name, "error": error }));
                }
            }
            Ok(())
        },
    )?;
    let comparison = compare(&reports);
    match format {
        Format::Json => {
            /// The comparison, plus the files left out (only when there are some).
            #[derive(serde::Serialize)]
            struct Output<'a> {
                #[serde(flatten)]
                comparison: &'a Comparison,
                #[serde(skip_serializing_if = "<[_]>::is_empty")]
                errors: &'a [serde_json::Value],
            }
            json_line(out, &Output { comparison: &comparison, errors: &errors })?;
        }
        Format::Csv => out.write_all(comparison.to_csv().as_bytes())?,
        Format::Text | Format::Jsonl => print_comparison(out, &comparison)?,
    }
    Ok(errors.is_empty())
}

/// Display width of a string in a terminal: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD) { 2 } else { 1 })
        .sum()
}

/// `s` padded with spaces to `w` display columns (left-aligned), or right-aligned.
fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Renders one table: a header and rows of cells, columns padded to their widest cell; the
/// first `left` columns are left-aligned, the rest (numbers) right-aligned.
fn print_table(out: &mut impl Write, header: &[String], rows: &[Vec<String>], left: usize) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row.iter().zip(&widths).enumerate().map(|(i, (c, &w))| pad(c, w, i >= left)).collect();
        writeln!(out, "  {}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

fn signed(v: Option<f64>, suffix: &str) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{}{suffix}", fazhi_lens::format::number(v)),
        Some(v) => format!("{}{suffix}", fazhi_lens::format::number(v)),
        None => "—".into(),
    }
}

/// A cell of a comparison table: the number, "≈" before an approximate one, "—" for none.
fn cell_text(cell: Option<&Cell>) -> String {
    match cell {
        Some(c) => format!("{}{}", if c.approx { "≈" } else { "" }, fazhi_lens::format::number(c.value)),
        None => "—".into(),
    }
}

/// The two reports a change compares: "坪山区 2021→2023", or their column names.
fn pair_text(s: &Step, names: &[String]) -> String {
    match (s.from_year, s.to_year) {
        (Some(a), Some(b)) if a != b => format!("{} {a}→{b}", s.region),
        _ => format!(
            "{}→{}",
            names.get(s.from_column).map_or("?", String::as_str),
            names.get(s.to_column).map_or("?", String::as_str)
        ),
    }
}

/// A change as text: "坪山区 2021→2023 19 → 83 (+64, +336.8%)", "≈" before it when either value
/// is approximate.
fn step_text(s: &Step, names: &[String]) -> String {
    let n = fazhi_lens::format::number;
    let pct = s.pct.map(|p| format!(", {}", signed(Some(p), "%"))).unwrap_or_default();
    let approx = if s.approx { "≈ " } else { "" };
    format!("{} {} → {} ({approx}{}{pct})", pair_text(s, names), n(s.from), n(s.to), signed(Some(s.delta), ""))
}

fn print_comparison(out: &mut impl Write, c: &Comparison) -> io::Result<()> {
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "== 比较 ({} 份报告)", c.reports.len())?;
    for (i, r) in c.reports.iter().enumerate() {
        let year = r.report_year.map_or("—".into(), |y| y.to_string());
        writeln!(out, "  [{}] {} {}  {}  {}", i + 1, or(&r.region), year, or(&r.body), r.source)?;
    }
    let names = c.column_names();
    let columns: Vec<String> = (1..=c.reports.len()).map(|i| format!("[{i}]")).collect();
    let header = |first: &str, extra: &[&str]| {
        let mut h = vec![first.to_string(), "单位".into()];
        h.extend(columns.iter().cloned());
        h.extend(["Δ".to_string(), "%".into()]);
        h.extend(extra.iter().map(|s| s.to_string()));
        h
    };
    let change_cells = |delta: Option<f64>, pct: Option<f64>, change: Option<&Step>| {
        let approx = if change.is_some_and(|s| s.approx) { "≈" } else { "" };
        let pair = change.map(|s| pair_text(s, &names)).unwrap_or_default();
        let d = if delta.is_some() { format!("{approx}{}", signed(delta, "")) } else { signed(delta, "") };
        [d, signed(pct, "%"), pair]
    };
    writeln!(
        out,
        "\n-- 关键指标 ({} 行; 每行只含计数口径相同的值; └ 为分项; ≈ 约数; Δ/% 为同一地区最后两个值)",
        c.rows.len()
    )?;
    let mut with_headline: Vec<&str> = c.rows.iter().filter(|r| r.headline).map(|r| r.indicator.as_str()).collect();
    with_headline.dedup();
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            let branch = if !r.headline && with_headline.contains(&r.indicator.as_str()) { "└ " } else { "" };
            let counts = if r.counts.is_empty() { String::new() } else { format!(" · {}", r.counts) };
            let mut cells = vec![format!("{branch}{}{counts}", r.label), r.unit.clone()];
            cells.extend(r.cells.iter().map(|x| cell_text(x.as_ref())));
            cells.extend(change_cells(r.delta, r.pct, r.change.as_ref()));
            cells
        })
        .collect();
    print_table(out, &header("指标", &["对比"]), &rows, 2)?;
    let steps: Vec<(String, &Step)> = c
        .rows
        .iter()
        .flat_map(|r| {
            let counts = if r.counts.is_empty() { String::new() } else { format!(" · {}", r.counts) };
            r.steps.iter().flatten().map(move |s| (format!("{}{counts}", r.label), s))
        })
        .collect();
    if !steps.is_empty() {
        writeln!(out, "\n-- 逐年变化 (同一地区、同一计数口径)")?;
        for (label, s) in steps {
            writeln!(out, "  {label}: {}", step_text(s, &names))?;
        }
    }
    if !c.figures.is_empty() {
        writeln!(out, "\n-- 其他对齐数据 (按措辞相似度对齐, {} 行; 措辞不同者只并列, 不计变化)", c.figures.len())?;
        let rows: Vec<Vec<String>> = c
            .figures
            .iter()
            .map(|f| {
                let mut cells = vec![f.indicator.clone(), f.unit.clone()];
                cells.extend(f.cells.iter().map(|x| cell_text(x.as_ref())));
                cells.extend(change_cells(f.delta, f.pct, f.change.as_ref()));
                cells.push(format!("{:.2}", f.confidence));
                cells.push(if f.comparable { "相同".into() } else { "不同".into() });
                cells
            })
            .collect();
        print_table(out, &header("指标", &["对比", "置信度", "措辞"]), &rows, 2)?;
        let differing: Vec<&FigureRow> = c.figures.iter().filter(|f| !f.comparable).collect();
        if !differing.is_empty() {
            writeln!(out, "\n  措辞不同的行, 各报告原文:")?;
            for f in differing {
                let words: Vec<String> = f
                    .phrases
                    .iter()
                    .zip(&f.cells)
                    .enumerate()
                    .filter_map(|(i, (p, cell))| {
                        let p = p.as_ref()?;
                        let printed = cell.as_ref().map(|x| x.printed.clone()).unwrap_or_default();
                        Some(format!("{} {p} {printed}", columns.get(i).map_or("", String::as_str)))
                    })
                    .collect();
                writeln!(out, "  {}: {}", f.indicator, words.join("；"))?;
            }
        }
    }
    if !c.checks.is_empty() {
        writeln!(out, "\n-- 检查 (✓ 通过, ✗ 未通过, ? 无法判断)")?;
        let mut h = vec!["检查".to_string()];
        h.extend(columns.iter().cloned());
        let rows: Vec<Vec<String>> = c
            .checks
            .iter()
            .map(|k| {
                let mut cells = vec![k.id.clone()];
                cells.extend(k.states.iter().map(|s| s.map_or("—", CheckState::mark).to_string()));
                cells
            })
            .collect();
        print_table(out, &h, &rows, 1)?;
    }
    writeln!(out)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(UsageError(msg)) => {
            eprintln!("错误 error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let command = args.command.as_str();
    let formats: &[Format] = match command {
        "analyze" | "analyse" => &[Format::Text, Format::Json],
        "compare" => &[Format::Text, Format::Json, Format::Csv],
        "panel" => &[Format::Csv, Format::Jsonl],
        _ => &[],
    };
    if !formats.is_empty() {
        if args.files.is_empty() {
            eprintln!("错误 error: 请指定文件或文件夹 (no FILE given)\n\n{USAGE}");
            return ExitCode::from(2);
        }
        if let Some(f) = args.format.filter(|f| !formats.contains(f)) {
            let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
            let (f, zh, en) = (f.name(), names.join("、"), names.join(" or "));
            eprintln!("错误 error: {command} 不支持 {f}，可用 {zh} ({command} has no {f}; use {en})\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let result = match command {
        "analyze" | "analyse" => run_analyze(&args, &inputs(&args.files), &mut out),
        "compare" => run_compare(&args, &inputs(&args.files), &mut out),
        "panel" => run_panel(&args, &inputs(&args.files), &mut out),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "--version" | "-V" | "version" => {
            println!("fazhi {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        other => {
            eprintln!("错误 error: 未知子命令 {other} (unknown command {other})\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result.and_then(|ok| out.flush().map(|_| ok)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A closed pipe (`fazhi analyze … | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误 error: {e}");
            ExitCode::FAILURE
        }
    }
}
