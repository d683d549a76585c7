//! The comparison's key-indicator table as CSV: the columns of `fazhi compare --format csv`
//! (id, label, unit, one column per report, Δ and % of the last two values of one region)
//! with headings in the interface language, written by the core's one CSV writer like the
//! figures CSV (UTF-8 with BOM, CRLF, report text defused for spreadsheets).

use fazhi_lens::compare::Comparison;
use fazhi_lens::csv::{row, BOM};
use fazhi_lens::format::number;

use crate::i18n::Strings;

/// The CSV document. `columns` names the report columns (one per `Comparison::reports`).
pub fn comparison_csv(c: &Comparison, columns: &[String], s: &Strings) -> String {
    let cs = s.compare;
    let mut out = String::from(BOM);
    let mut header = vec![cs.col_id.to_string(), cs.col_indicator.to_string(), cs.col_unit.to_string()];
    header.extend(columns.iter().cloned());
    header.extend([cs.col_delta.to_string(), cs.col_pct.to_string()]);
    row(&mut out, header);
    let cell = |v: Option<f64>| v.map(number).unwrap_or_default();
    for r in &c.rows {
        let mut fields = vec![r.indicator.clone(), s.key_label(&r.indicator).to_string(), r.unit.clone()];
        fields.extend(r.values.iter().map(|v| cell(*v)));
        fields.extend([cell(r.delta), cell(r.pct)]);
        row(&mut out, fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ZH};
    use fazhi_lens::compare::compare;
    use fazhi_lens::{KeyValue, Meta, Report};

    fn report(region: &str, year: i32, value: f64) -> Report {
        let mut r = Report {
            source: format!("{region}{year}"),
            meta: Meta { region: Some(region.into()), report_year: Some(year), ..Meta::default() },
            ..Report::default()
        };
        let kv = KeyValue { value, unit: "宗".into(), ..KeyValue::default() };
        r.key_indicators.insert("reconsideration_accepted".into(), vec![kv]);
        r
    }

    #[test]
    fn bom_localised_header_and_one_column_per_report() {
        let c = compare(&[report("坪山区", 2023, 83.0), report("坪山区", 2021, 19.0)]);
        let columns = c.column_names();
        let csv = comparison_csv(&c, &columns, &ZH);
        assert_eq!(
            csv,
            "\u{FEFF}指标代码,指标,单位,坪山区2021,坪山区2023,变化,变化率（%）\r\nreconsideration_accepted,行政复议受理,宗,19,83,64,336.8\r\n"
        );
        let en = comparison_csv(&c, &columns, &EN);
        assert!(en.contains(",Reconsideration applications accepted,"));
    }

    #[test]
    fn report_names_are_defused() {
        let c = compare(&[report("=cmd", 2023, 1.0)]);
        let csv = comparison_csv(&c, &["=cmd|x".to_string()], &ZH);
        assert!(csv.contains("\"'=cmd|x\""), "{csv}");
    }
}
