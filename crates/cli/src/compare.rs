//! `fazhi compare`: the reports aligned by region, year and indicator.

use std::io::{self, Write};

use fazhi_lens::compare::{compare, Comparison, FigureRow, Step};
use fazhi_lens::CheckState;

use crate::args::{Args, Format};
use crate::inputs::{all_reports, Input};
use crate::output::{cell_text, json_line, print_table, signed};

/// `compare`: analyses every file, aligns the reports and prints one comparison. Files that
/// cannot be read are reported (stderr; in JSON also under "errors") and left out.
pub(crate) fn run_compare(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Text);
    let (reports, errors) = all_reports(inputs, format != Format::Json)?;
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

/// The two reports a change compares: "坪山区 2021→2023", or their column names.
pub(crate) fn pair_text(s: &Step, names: &[String]) -> String {
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
pub(crate) fn step_text(s: &Step, names: &[String]) -> String {
    let n = fazhi_lens::format::number;
    let pct = s.pct.map(|p| format!(", {}", signed(Some(p), "%"))).unwrap_or_default();
    let approx = if s.approx { "≈ " } else { "" };
    format!("{} {} → {} ({approx}{}{pct})", pair_text(s, names), n(s.from), n(s.to), signed(Some(s.delta), ""))
}

/// The comparison as text tables: key indicators, year-on-year steps, other figures, checks.
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
