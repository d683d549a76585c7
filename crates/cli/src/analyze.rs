//! `fazhi analyze`: each report as JSON (docs/output.md) or as text for people.

use std::io::{self, Write};

use fazhi_lens::Report;

use crate::args::{Args, Format};
use crate::inputs::{each_analyzed, Input};
use crate::output::{json_line, value_text};

/// `analyze`: every report in the order given; failures in place (JSON) or on stderr (text).
pub(crate) fn run_analyze(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Text);
    let render = |_text: String, report: Report| {
        let mut buf = Vec::new();
        match format {
            Format::Json => json_line(&mut buf, &report),
            _ => print_text(&mut buf, &report),
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

/// One report as text for people: metadata, outline, figures, key indicators, checks.
fn print_text(out: &mut impl Write, r: &Report) -> io::Result<()> {
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
    writeln!(out)
}
