//! The key-indicator table as CSV, as `fazhi compare --format csv` writes it.

use super::Comparison;

impl Comparison {
    /// The key-indicator table as CSV (RFC 4180, `\r\n` line ends): a header row, then
    /// `indicator,label,unit`, one column per report (empty where not stated), `delta,pct`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut line = |fields: Vec<String>| {
            let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        let mut header = vec!["indicator".to_string(), "label".into(), "unit".into()];
        header.extend(self.column_names());
        header.extend(["delta".to_string(), "pct".into()]);
        line(header);
        for row in &self.rows {
            let mut fields = vec![row.indicator.clone(), row.label.clone(), row.unit.clone()];
            fields.extend(row.values.iter().map(|v| v.map(format_number).unwrap_or_default()));
            fields.push(row.delta.map(format_number).unwrap_or_default());
            fields.push(row.pct.map(format_number).unwrap_or_default());
            line(fields);
        }
        out
    }
}

/// A number as people write it: whole numbers without a decimal point.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
