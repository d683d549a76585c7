//! The key-indicator table as CSV, as `fazhi compare --format csv` writes it.

use super::Comparison;
use crate::csv::row;
use crate::format::number;

impl Comparison {
    /// The key-indicator table as CSV (see [`crate::csv`]: RFC 4180, `\r\n` line ends, formulas
    /// defused). The columns, in order:
    ///
    /// - `indicator,label,unit`, one column per report (the value, empty where not stated),
    ///   `delta,pct` (the row's last two values when they are of one region): as they always were;
    /// - `change`: the pair `delta,pct` compare ("坪山区 2021→2023"), `change_approx` ("≈" when
    ///   either value is approximate);
    /// - `counts` (what the row counts beside its label: "市 · 办理"), `headline` ("yes" for
    ///   rows holding a report's headline value, "no" for breakdowns);
    /// - for each report, `<report> printed` (the value as printed, "1000余件") and
    ///   `<report> approx` ("≈" or empty);
    /// - for every two reports of one region next to each other in year order,
    ///   `Δ <pair>` and `% <pair>` (`<pair>` as "坪山区 2021→2023"), filled where both state
    ///   the row.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let names = self.column_names();
        let pairs = self.pairs();
        let mut header = vec!["indicator".to_string(), "label".into(), "unit".into()];
        header.extend(names.iter().cloned());
        header.extend(["delta", "pct", "change", "change_approx", "counts", "headline"].map(String::from));
        for name in &names {
            header.push(format!("{name} printed"));
            header.push(format!("{name} approx"));
        }
        for p in &pairs {
            header.push(format!("Δ {}", p.name));
            header.push(format!("% {}", p.name));
        }
        row(&mut out, header);
        let opt = |v: Option<f64>| v.map(number).unwrap_or_default();
        for r in &self.rows {
            let mut fields = vec![r.indicator.clone(), r.label.clone(), r.unit.clone()];
            fields.extend(r.values.iter().map(|v| opt(*v)));
            fields.push(opt(r.delta));
            fields.push(opt(r.pct));
            let pair_name = |from: usize, to: usize| {
                pairs.iter().find(|p| p.from == from && p.to == to).map_or_else(
                    || {
                        format!(
                            "{}→{}",
                            names.get(from).map_or("", String::as_str),
                            names.get(to).map_or("", String::as_str)
                        )
                    },
                    |p| p.name.clone(),
                )
            };
            fields.push(r.change.as_ref().map(|c| pair_name(c.from_column, c.to_column)).unwrap_or_default());
            fields.push(if r.change.as_ref().is_some_and(|c| c.approx) { "≈".into() } else { String::new() });
            fields.push(r.counts.clone());
            fields.push(if r.headline { "yes" } else { "no" }.into());
            for i in 0..names.len() {
                let cell = r.cells.get(i).and_then(Option::as_ref);
                fields.push(cell.map(|c| c.printed.clone()).unwrap_or_default());
                fields.push(if cell.is_some_and(|c| c.approx) { "≈".into() } else { String::new() });
            }
            for p in &pairs {
                let step = r.steps.get(p.to).and_then(Option::as_ref).filter(|s| s.from_column == p.from);
                fields.push(step.map(|s| number(s.delta)).unwrap_or_default());
                fields.push(step.and_then(|s| s.pct).map(number).unwrap_or_default());
            }
            row(&mut out, fields);
        }
        out
    }
}
