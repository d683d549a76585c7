//! `fazhi`: the command-line face of fazhi-lens.
//!
//! ```text
//! fazhi analyze [--format json|text] FILE|DIR...    (FILE may be "-" for standard input)
//! fazhi compare [--format json|text|csv] FILE|DIR... (align reports by region, year, indicator)
//! fazhi panel [--format csv|jsonl] FILE|DIR...       (one row per report × value: the long panel)
//! fazhi review [--format text|json] FILE|DIR...      (the set as a whole: checks, gaps, spread, last year)
//! ```
//!
//! A folder stands for every regular file under it, in byte order of their paths. The JSON
//! output follows `docs/output.md` (one object per line, in the order given); it is how the
//! project's accuracy is measured, so it changes only with that contract.

mod analyze;
mod args;
mod compare;
mod inputs;
mod output;
mod panel;
mod review;

use std::io::{self, Write};
use std::process::ExitCode;

use analyze::run_analyze;
use args::{parse_args, Format, UsageError};
use compare::run_compare;
use inputs::inputs;
use panel::run_panel;
use review::run_review;

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
  fazhi review [--format text|json] FILE|DIR...
                                   总览：各项检查的通过情况、缺报的关键指标、数值分布，
                                   以及每份报告与本单位上一份报告的对比
                                   (review a set: checks, missing indicators, spread, last year)
  fazhi help | --help | -h         显示本帮助 (show this help)
  fazhi --version | -V             显示版本 (show the version)

输入 Input: UTF-8 / GBK / GB18030 / Big5 / UTF-16 text, saved .html pages, .docx, PDF
文件夹 Folders: 递归读取其中所有文件，按路径排序；无法读取的文件报告后跳过
                (every file under it, sorted by path; unreadable ones reported and skipped)
";

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
        "review" => &[Format::Text, Format::Json],
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
        "review" => run_review(&args, &inputs(&args.files), &mut out),
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
