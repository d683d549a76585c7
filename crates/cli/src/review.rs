//! `fazhi review`: a set of reports reviewed as a whole (总览): how many pass each check and
//! which miss it, which key indicators each states, their spread, and each report beside its
//! body's earlier report when the set holds one.

use std::io::{self, Write};

use fazhi_lens::history::{earlier, year_over_year, YearOverYear};
use fazhi_lens::review::{review, Review};

use crate::args::{Args, Format};
use crate::compare::step_text;
use crate::inputs::{all_reports, Input};
use crate::output::{json_line, print_table, value_text};

/// `review`: analyses every file and prints the review of the set. Files that cannot be read
/// are reported (stderr; in JSON also under "errors") and left out.
pub(crate) fn run_review(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Text);
    let (reports, errors) = all_reports(inputs, format != Format::Json)?;
    let set = review(&reports);
    // In the review's report order, so that history lines up with its columns.
    let history: Vec<YearOverYear> = set
        .comparison
        .reports
        .iter()
        .filter_map(|r| reports.iter().find(|x| x.source == r.source && x.meta.report_year == r.report_year))
        .filter_map(|this| {
            earlier(this, &reports).and_then(|i| reports.get(i)).map(|before| year_over_year(before, this))
        })
        .collect();
    match format {
        Format::Json => {
            /// The review, each report beside its earlier one, and the files left out.
            #[derive(serde::Serialize)]
            struct Output<'a> {
                #[serde(flatten)]
                review: &'a Review,
                history: &'a [YearOverYear],
                #[serde(skip_serializing_if = "<[_]>::is_empty")]
                errors: &'a [serde_json::Value],
            }
            json_line(out, &Output { review: &set, history: &history, errors: &errors })?;
        }
        _ => print_review(out, &set, &history)?,
    }
    Ok(errors.is_empty())
}

/// Report numbers as the text shows them: "[2] [5]", or "—" for none.
fn numbers(indices: &[usize]) -> String {
    if indices.is_empty() {
        return "—".into();
    }
    indices.iter().map(|i| format!("[{}]", i + 1)).collect::<Vec<_>>().join(" ")
}

/// The review as text: the reports, checks, key indicators, then last year beside this year.
fn print_review(out: &mut impl Write, set: &Review, history: &[YearOverYear]) -> io::Result<()> {
    let c = &set.comparison;
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "== 总览 ({} 份报告)", c.reports.len())?;
    for (i, r) in c.reports.iter().enumerate() {
        let year = r.report_year.map_or("—".into(), |y| y.to_string());
        writeln!(out, "  [{}] {} {}  {}  {}", i + 1, or(&r.region), year, or(&r.body), r.source)?;
    }
    writeln!(out, "\n-- 检查 (✓ 通过 ✗ 未通过 ? 无法判断)")?;
    let header: Vec<String> = ["检查", "✓", "✗", "?", "未通过", "无法判断"].map(String::from).into();
    let rows: Vec<Vec<String>> = set
        .checks
        .iter()
        .map(|k| {
            vec![
                k.label.clone(),
                k.passed.len().to_string(),
                k.failed.len().to_string(),
                k.unknown.len().to_string(),
                numbers(&k.failed),
                numbers(&k.unknown),
            ]
        })
        .collect();
    print_table(out, &header, &rows, 1)?;
    if !set.indicators.is_empty() {
        writeln!(out, "\n-- 关键指标 (主值行; 分布只含计数口径相同的值; ≈ 含约数)")?;
        let header: Vec<String> =
            ["指标", "单位", "报告数", "最小", "中位", "最大", "另一口径", "未报告"].map(String::from).into();
        let n = fazhi_lens::format::number;
        let rows: Vec<Vec<String>> = set
            .indicators
            .iter()
            .map(|cov| {
                let counts = if cov.counts.is_empty() { String::new() } else { format!(" · {}", cov.counts) };
                let (min, median, max) = match &cov.spread {
                    Some(s) => {
                        let a = if s.approx { "≈" } else { "" };
                        (format!("{a}{}", n(s.min)), format!("{a}{}", n(s.median)), format!("{a}{}", n(s.max)))
                    }
                    None => ("—".into(), "—".into(), "—".into()),
                };
                vec![
                    format!("{}{counts}", cov.label),
                    cov.unit.clone(),
                    format!("{}/{}", cov.stated.len(), c.reports.len()),
                    min,
                    median,
                    max,
                    numbers(&cov.elsewhere),
                    numbers(&cov.absent),
                ]
            })
            .collect();
        print_table(out, &header, &rows, 2)?;
    }
    if !history.is_empty() {
        writeln!(out, "\n-- 与本单位上一份报告对比")?;
        for yoy in history {
            let year = |y: Option<i32>| y.map_or("—".into(), |y| y.to_string());
            let body = yoy.this.body.clone().or_else(|| yoy.this.region.clone()).unwrap_or_default();
            writeln!(out, "  {body} {} ← {}", year(yoy.this.report_year), year(yoy.earlier.report_year))?;
            let names = [year(yoy.earlier.report_year), year(yoy.this.report_year)];
            for line in yoy.lines.iter().filter(|l| l.before.is_some()) {
                let counts = if line.counts.is_empty() { String::new() } else { format!(" · {}", line.counts) };
                let text = match &line.change {
                    Some(step) => step_text(step, &names),
                    None => {
                        let before = line.before.as_ref().map(|b| value_text(b.value, &b.unit, b.approx, &b.printed));
                        let now = value_text(line.now.value, &line.now.unit, line.now.approx, &line.now.printed);
                        format!("{} → {now}", before.unwrap_or_default())
                    }
                };
                writeln!(out, "    {}{counts}: {text}", line.label)?;
            }
            for d in &yoy.dropped {
                let b = &d.before;
                writeln!(
                    out,
                    "    上年报告、本年未报告: {} {}",
                    d.label,
                    value_text(b.value, &b.unit, b.approx, &b.printed)
                )?;
            }
        }
    }
    writeln!(out)
}
