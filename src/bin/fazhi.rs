//! `fazhi`: the command-line face of fazhi-lens.
//!
//! ```text
//! fazhi analyze [--format json|text] FILE...    (FILE may be "-" for standard input)
//! ```
//!
//! The JSON output follows `docs/output.md` (one object per line, in the order given); it is
//! how the project's accuracy is measured, so it changes only with that contract.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use fazhi_lens::{analyze_bytes, Report};

const USAGE: &str = "\
fazhi — 法治政府建设年度报告分析 (analyser for rule-of-law government annual reports)

用法 Usage:
  fazhi analyze [--format json|text] FILE...   分析报告 (analyse reports; FILE \"-\" = stdin)
  fazhi help                                   显示本帮助 (show this help)

输入 Input: UTF-8 / GBK / GB18030 / Big5 / UTF-16 text, saved .html pages, .docx
";

/// Output format of `analyze`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Text,
}

/// A command-line mistake, reported in Chinese and English.
#[derive(Debug)]
struct UsageError(String);

struct Args {
    command: String,
    format: Format,
    files: Vec<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, UsageError> {
    let command = args.next().ok_or_else(|| UsageError("缺少子命令 (missing command)".into()))?;
    let mut format = Format::Text;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        let value = |name: &str, v: Option<String>| {
            v.ok_or_else(|| UsageError(format!("{name} 需要一个值 ({name} needs a value)")))
        };
        match a.as_str() {
            "--format" | "-f" => format = parse_format(&value("--format", args.next())?)?,
            s if s.starts_with("--format=") => format = parse_format(&s["--format=".len()..])?,
            "--" => files.extend(args.by_ref()),
            "-" => files.push(a),
            s if s.starts_with('-') => {
                return Err(UsageError(format!("未知选项 {s} (unknown option {s})")));
            }
            _ => files.push(a),
        }
    }
    Ok(Args { command, format, files })
}

fn parse_format(s: &str) -> Result<Format, UsageError> {
    match s {
        "json" => Ok(Format::Json),
        "text" => Ok(Format::Text),
        _ => Err(UsageError(format!("未知格式 {s}，可用 json、text (unknown format {s}; use json or text)"))),
    }
}

/// Reads one FILE argument ("-" is standard input).
fn read_input(path: &str) -> io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Analyses one file into a report, or a one-line error message.
fn analyze_file(path: &str) -> Result<(String, Report), String> {
    let bytes = read_input(path).map_err(|e| format!("无法读取文件 (cannot read file): {e}"))?;
    analyze_bytes(&bytes, path).map_err(|e| e.to_string())
}

fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn print_text(out: &mut impl Write, text: &str, r: &Report) -> io::Result<()> {
    let m = &r.meta;
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "== {}", r.source)?;
    writeln!(out, "标题 {}", or(&m.title))?;
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
        writeln!(out, "{approx} {:>14}  {:<6} {}  «{}»", fmt_value(f.value), f.unit, f.indicator, f.surface)?;
    }
    if !r.key_indicators.is_empty() {
        writeln!(out, "\n-- 关键指标")?;
        for (id, vals) in &r.key_indicators {
            for v in vals {
                writeln!(out, "  {id:<32} {} {}  {}", fmt_value(v.value), v.unit, v.qualifier)?;
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
            writeln!(out, "  {} {:<24} {}", if c.ok { "✓" } else { "✗" }, c.id, c.detail)?;
        }
    }
    let _ = text;
    writeln!(out)
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn run_analyze(args: &Args, out: &mut impl Write) -> io::Result<bool> {
    let mut all_ok = true;
    for path in &args.files {
        match analyze_file(path) {
            Ok((text, report)) => match args.format {
                Format::Json => json_line(out, &report)?,
                Format::Text => print_text(out, &text, &report)?,
            },
            Err(error) => {
                all_ok = false;
                match args.format {
                    Format::Json => json_line(out, &serde_json::json!({ "source": path, "error": error }))?,
                    Format::Text => eprintln!("{path}: {error}"),
                }
            }
        }
    }
    Ok(all_ok)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(UsageError(msg)) => {
            eprintln!("错误 error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match args.command.as_str() {
        "analyze" | "analyse" => {
            if args.files.is_empty() {
                eprintln!("错误 error: 请指定文件 (no FILE given)\n\n{USAGE}");
                return ExitCode::from(2);
            }
            run_analyze(&args, &mut out)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
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
