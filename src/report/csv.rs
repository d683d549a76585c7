//! The figures table as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel picks
//! the right encoding), CRLF line ends, RFC 4180 quoting.

use fazhi_lens::Report;

use super::text::format_value;

/// Column headings, in the order the columns are written.
pub struct Headers {
    /// Indicator, value, unit, approx, section, surface (as printed), start and end offsets.
    pub names: [&'static str; 8],
    /// What the approx column holds for an approximate figure.
    pub approx_mark: &'static str,
}

/// Writes every figure of `report` as one CSV document.
pub fn figures_csv(report: &Report, headers: &Headers) -> String {
    let mut out = String::from('\u{FEFF}');
    row(&mut out, headers.names.iter().map(|h| h.to_string()));
    for f in &report.metrics {
        let section = f
            .section
            .and_then(|i| report.sections.get(i))
            .map(|s| format!("{}{}", s.marker, s.title))
            .unwrap_or_default();
        row(
            &mut out,
            [
                f.indicator.clone(),
                format_value(f.value),
                f.unit.clone(),
                if f.approx { headers.approx_mark.to_string() } else { String::new() },
                section,
                f.surface.clone(),
                f.start.to_string(),
                f.end.to_string(),
            ]
            .into_iter(),
        );
    }
    out
}

/// Writes one CSV record (fields quoted and defused as by [`field`]) and its CRLF.
pub fn row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, &cell);
    }
    out.push_str("\r\n");
}

/// One field, quoted when needed. Text that a spreadsheet would run as a formula ("=…",
/// "+…", "@…") gets a leading apostrophe: report text is untrusted.
fn field(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
        || (cell.starts_with('-') && cell.parse::<f64>().is_err());
    let quote = formula || cell.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_lens::{Figure, Section};

    #[test]
    fn writes_bom_header_and_quoted_rows() {
        let report = Report {
            sections: vec![Section {
                level: 1,
                marker: "一、".into(),
                title: "成效".into(),
                kind: None,
                start: 0,
                end: 10,
            }],
            metrics: vec![Figure {
                surface: "852项".into(),
                value: 852.0,
                unit: "项".into(),
                indicator: "事项,\"通办\"".into(),
                approx: true,
                start: 3,
                end: 9,
                section: Some(0),
            }],
            ..Report::default()
        };
        let headers = Headers { names: ["a", "b", "c", "d", "e", "f", "g", "h"], approx_mark: "约" };
        let csv = figures_csv(&report, &headers);
        assert_eq!(csv, "\u{FEFF}a,b,c,d,e,f,g,h\r\n\"事项,\"\"通办\"\"\",852,项,约,一、成效,852项,3,9\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        let mut out = String::new();
        field(&mut out, "=HYPERLINK(1)");
        assert_eq!(out, "\"'=HYPERLINK(1)\"");
        out.clear();
        field(&mut out, "-12.5");
        assert_eq!(out, "-12.5");
    }
}
