//! The comparison's key-indicator table as CSV: the rows as `fazhi compare --format csv` writes
//! them (`Comparison::to_csv`, the core's one writer: id, label, unit, one column per report,
//! Δ and % of the last two values of one region, the pair they compare, what the row counts,
//! headline or breakdown, each value as printed with its ≈, and Δ and % of every pair of one
//! region's reports), under headings in the interface language, with the BOM a spreadsheet
//! needs to read UTF-8 (CRLF, report text defused for spreadsheets, as the core writes it).

use fazhi_lens::compare::Comparison;
use fazhi_lens::csv::{row, BOM};
use fazhi_lens::panel;

use super::model::Picked;

use crate::i18n::{fill, Strings};

/// The CSV document. `columns` names the report columns (one per `Comparison::reports`).
pub fn comparison_csv(c: &Comparison, columns: &[String], s: &Strings) -> String {
    let cs = s.compare;
    let mut header: Vec<String> = [cs.col_id, cs.col_indicator, cs.col_unit].map(String::from).to_vec();
    header.extend(columns.iter().cloned());
    header.extend(
        [cs.col_delta, cs.col_pct, cs.col_change, cs.col_change_approx, cs.col_counts, cs.col_headline]
            .map(String::from),
    );
    for name in columns {
        header.push(fill(cs.col_printed, &[name]));
        header.push(fill(cs.col_report_approx, &[name]));
    }
    for p in c.pairs() {
        header.push(["Δ ", &p.name].concat());
        header.push(["% ", &p.name].concat());
    }
    let mut out = String::from(BOM);
    row(&mut out, header);
    // The core's rows, under its own (English, contract) header line.
    let all = c.to_csv();
    out.push_str(all.split_once("\r\n").map_or("", |(_, rows)| rows));
    out
}

/// The long panel of the picked reports as CSV: one record per key-indicator value or figure of
/// each report, under the columns of `fazhi panel --format csv` (the core's one definition and
/// writer, report text defused), with the BOM a spreadsheet needs to read UTF-8.
pub fn panel_csv(picked: &[Picked]) -> String {
    let mut out = String::from(BOM);
    panel::csv_header(&mut out);
    for p in picked {
        let mut rows = panel::rows(&p.report, &p.text);
        // The library id stands in `source`; the file is what `fazhi panel` names.
        for r in &mut rows {
            r.file.clone_from(&p.file);
        }
        panel::csv(&mut out, &rows);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ZH};
    use fazhi_lens::compare::compare;
    use fazhi_lens::{KeyValue, Meta, Report};

    fn report(region: &str, year: i32, value: f64, printed: &str) -> Report {
        let mut r = Report {
            source: format!("{region}{year}"),
            meta: Meta { region: Some(region.into()), report_year: Some(year), ..Meta::default() },
            ..Report::default()
        };
        let approx = printed.contains('余');
        let kv = KeyValue {
            value,
            unit: "宗".into(),
            printed: printed.into(),
            approx,
            headline: true,
            ..KeyValue::default()
        };
        r.key_indicators.insert("reconsideration_accepted".into(), vec![kv]);
        r
    }

    #[test]
    fn bom_localised_header_and_the_cores_columns() {
        let c = compare(&[report("坪山区", 2023, 83.0, "83宗"), report("坪山区", 2021, 19.0, "19余宗")]);
        let columns = c.column_names();
        let csv = comparison_csv(&c, &columns, &ZH);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{FEFF}指标代码,指标,单位,坪山区2021,坪山区2023,变化,变化率（%）,变化所比较的报告,变化为约数,统计口径,总数行,\
             坪山区2021 原文,坪山区2021 约数,坪山区2023 原文,坪山区2023 约数,Δ 坪山区 2021→2023,% 坪山区 2021→2023"
        );
        assert_eq!(
            lines[1],
            "reconsideration_accepted,行政复议受理,宗,19,83,64,336.8,坪山区 2021→2023,≈,,yes,19余宗,≈,83宗,,64,336.8"
        );
        assert_eq!(lines[0].split(',').count(), lines[1].split(',').count());
        // The rows are the core's: the same as `fazhi compare --format csv` below its header.
        assert!(c.to_csv().ends_with(&csv[csv.find("\r\n").unwrap()..]));
        let en = comparison_csv(&c, &columns, &EN);
        assert!(en.starts_with("\u{FEFF}Indicator id,Indicator,Unit,"), "{en}");
        assert!(en.contains(",坪山区2021 printed,"));
    }

    #[test]
    fn report_names_are_defused() {
        let c = compare(&[report("=cmd", 2023, 1.0, "1宗")]);
        let csv = comparison_csv(&c, &["=cmd|x".to_string()], &ZH);
        assert!(csv.contains("\"'=cmd|x\""), "{csv}");
    }

    #[test]
    fn the_long_panel_has_the_cli_columns_and_defuses_report_text() {
        let text = "=HYPERLINK(\"x\")区人民政府2023年法治政府建设年度报告\n一、主要举措和成效\n-1+1全年办理行政复议案件12件。\n";
        let mut report = fazhi_lens::analyze(text);
        report.source = "library-id".into();
        let picked = [Picked {
            report: std::rc::Rc::new(report),
            text: std::rc::Rc::from(text),
            file: "@evil.txt".into(),
            name: "n".into(),
        }];
        let csv = panel_csv(&picked);
        let mut header = String::new();
        panel::csv_header(&mut header);
        assert!(csv.starts_with(&format!("{BOM}{header}")), "{csv}");
        let body = &csv[BOM.len_utf8() + header.len()..];
        assert!(body.lines().count() >= 2, "a key indicator and a figure: {csv}");
        for line in body.lines() {
            assert!(line.starts_with("\"'@evil.txt\","), "the file column is the file, defused: {line}");
            assert!(
                !line.contains(",=") && !line.contains(",-1+1") && !line.contains(",\"=") && !line.contains(",\"-"),
                "{line}"
            );
        }
        assert!(body.contains("reconsideration"), "{csv}");
    }
}
