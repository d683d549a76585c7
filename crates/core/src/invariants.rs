//! The promises every [`Report`] keeps about the text it was made from.
//!
//! Property tests, fuzz targets and the hostile-input suite all check a report with
//! [`check`], so the list of promises lives in one place: every range lies on char boundaries
//! inside the input, every surface is the input's own text at its range, every value is finite,
//! every index points at something that exists, and the report serialises.

use std::fmt;

use crate::Report;

/// A broken promise: which item of the report, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(String);

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Violation {}

/// Checks every invariant of `report` as the analysis of `input`; the first violation found.
pub fn check(input: &str, report: &Report) -> Result<(), Violation> {
    let len = input.len();
    let fail = |msg: String| Err(Violation(msg));
    let span = |what: &dyn Fn() -> String, s: usize, e: usize| -> Result<(), Violation> {
        if s > e || e > len || !input.is_char_boundary(s) || !input.is_char_boundary(e) {
            return Err(Violation(format!("{}: bad range {s}..{e} in input of {len} bytes", what())));
        }
        Ok(())
    };
    let surface = |what: &dyn Fn() -> String, s: usize, e: usize, surface: &str| -> Result<(), Violation> {
        span(what, s, e)?;
        if input.get(s..e) != Some(surface) {
            return Err(Violation(format!("{}: surface != input {:?}", what(), input.get(s..e).map(short))));
        }
        Ok(())
    };
    let finite = |what: &dyn Fn() -> String, v: f64| -> Result<(), Violation> {
        if !v.is_finite() {
            return Err(Violation(format!("{}: value {v} is not finite", what())));
        }
        Ok(())
    };

    if report.input_len != len {
        return fail(format!("input_len {} != {len}", report.input_len));
    }
    for (i, s) in report.sections.iter().enumerate() {
        span(&|| format!("section {i} {:?}", s.marker), s.start, s.end)?;
    }
    for (i, m) in report.metrics.iter().enumerate() {
        let what = || format!("metric {i} {:?}", short(&m.surface));
        surface(&what, m.start, m.end, &m.surface)?;
        finite(&what, m.value)?;
        if m.section.is_some_and(|s| s >= report.sections.len()) {
            return fail(format!("metric {i}: section index {:?} out of range", m.section));
        }
    }
    for (i, c) in report.changes.iter().enumerate() {
        let what = || format!("change {i} {:?}", short(&c.surface));
        surface(&what, c.start, c.end, &c.surface)?;
        finite(&what, c.value)?;
    }
    for (i, &(s, e)) in report.chrome.iter().enumerate() {
        span(&|| format!("chrome {i}"), s, e)?;
    }
    for (i, p) in report.parts.iter().enumerate() {
        span(&|| format!("part {i} {:?}", p.kind), p.start, p.end)?;
        if p.heading.is_some_and(|h| h >= report.sections.len()) {
            return fail(format!("part {i}: heading index {:?} out of range", p.heading));
        }
    }
    for (id, values) in &report.key_indicators {
        for v in values {
            finite(&|| format!("key indicator {id}"), v.value)?;
            if v.metric.is_some_and(|m| m >= report.metrics.len()) {
                return fail(format!("key indicator {id}: metric index {:?} out of range", v.metric));
            }
        }
    }
    if let Err(e) = serde_json::to_string(report) {
        return fail(format!("report does not serialise: {e}"));
    }
    Ok(())
}

/// `s` cut short for a message (a surface may be megabytes long).
fn short(s: &str) -> String {
    match s.char_indices().nth(40) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…({} bytes)", &s[..i], s.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_analysis_keeps_every_promise() {
        let input = "某区2024年法治政府建设年度报告\n一、主要举措\n办理行政复议案件12件，同比增长20%。";
        assert_eq!(check(input, &crate::analyze(input)), Ok(()));
    }

    #[test]
    fn a_report_of_other_text_is_caught() {
        let report = crate::analyze("一、主要举措\n办理行政复议案件12件。");
        let err = check("办理", &report).expect_err("a report of longer text cannot fit");
        assert!(err.to_string().contains("input_len"), "{err}");
        let mut moved = crate::analyze("办理案件12件。");
        moved.metrics[0].start += 1;
        assert!(check("办理案件12件。", &moved).is_err());
    }
}
