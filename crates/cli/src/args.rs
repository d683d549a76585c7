//! The command line: the subcommand, `--format`, `--help` and the files named.

/// Output format of `analyze`, `compare` and `panel`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Text,
    /// `compare`: the table of key indicators; `panel`: the long panel.
    Csv,
    /// Only for `panel`: one JSON object per row.
    Jsonl,
}

impl Format {
    /// The name `--format` takes.
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) struct UsageError(pub(crate) String);

/// The parsed command line.
pub(crate) struct Args {
    /// The subcommand ("analyze", "compare"…), as given.
    pub(crate) command: String,
    /// `--format`, when given (each command has its default).
    pub(crate) format: Option<Format>,
    /// The FILE and DIR arguments, in order.
    pub(crate) files: Vec<String>,
    /// `--help` anywhere (`fazhi analyze --help`): print the usage and do nothing else.
    pub(crate) help: bool,
}

/// Parses the arguments after the program's name.
pub(crate) fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, UsageError> {
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

pub(crate) fn parse_format(s: &str) -> Result<Format, UsageError> {
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
