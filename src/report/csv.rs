//! The figures table as CSV for spreadsheets, written by the core's one CSV writer
//! (`fazhi_lens::csv`: RFC 4180 quoting, CRLF line ends, formulas defused), with a byte-order
//! mark so that Excel picks the right encoding.

use fazhi_lens::csv::{row, BOM};
use fazhi_lens::format::number;
use fazhi_lens::Report;

/// Column headings, in the order the columns are written.
pub struct Headers {
    /// Indicator, value, unit, approx, section, surface (as printed), start and end offsets.
    pub names: [&'static str; 8],
    /// What the approx column holds for an approximate figure.
    pub approx_mark: &'static str,
}

/// Writes every figure of `report` as one CSV document.
pub fn figures_csv(report: &Report, headers: &Headers) -> String {
    let mut out = String::from(BOM);
    row(&mut out, headers.names);
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
                number(f.value),
                f.unit.clone(),
                if f.approx { headers.approx_mark.to_string() } else { String::new() },
                section,
                f.surface.clone(),
                f.start.to_string(),
                f.end.to_string(),
            ],
        );
    }
    out
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
}
