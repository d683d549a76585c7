//! The key-indicator table as CSV, as `fazhi compare --format csv` writes it.

use super::Comparison;
use crate::csv::row;
use crate::format::number;

impl Comparison {
    /// The key-indicator table as CSV (see [`crate::csv`]: RFC 4180, `\r\n` line ends, formulas
    /// defused): a header row, then `indicator,label,unit`, one column per report (empty where
    /// not stated), `delta,pct`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut header = vec!["indicator".to_string(), "label".into(), "unit".into()];
        header.extend(self.column_names());
        header.extend(["delta".to_string(), "pct".into()]);
        row(&mut out, header);
        for r in &self.rows {
            let mut fields = vec![r.indicator.clone(), r.label.clone(), r.unit.clone()];
            fields.extend(r.values.iter().map(|v| v.map(number).unwrap_or_default()));
            fields.push(r.delta.map(number).unwrap_or_default());
            fields.push(r.pct.map(number).unwrap_or_default());
            row(&mut out, fields);
        }
        out
    }
}
