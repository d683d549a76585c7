//! The export bar: figures as CSV, the report as JSON, and printing. A plain function of the
//! report view's state (it always renders with it; a component costs the .wasm ~1 KB gzip).

use std::rc::Rc;

use yew::prelude::*;

use super::csv::{figures_csv, Headers};
use super::model::Analysis;
use super::text::file_stem;
use crate::i18n::Strings;
use crate::platform::browser::{download, print};

/// The report as pretty JSON: the CLI's object plus the decoded `text` its offsets point into.
fn report_json(a: &Analysis) -> String {
    // Through the JSON text rather than `to_value`: the .wasm then holds one serialiser of
    // the report (the worker's), not a second one into `Value`. Same value, same output.
    let json = serde_json::to_string(&a.report).unwrap_or_default();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("text".into(), a.text.as_ref().into());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Export buttons for `analysis`; `on_error` shows a failed download's message.
pub fn export_bar(analysis: &Rc<Analysis>, on_error: &Callback<Option<String>>, s: &'static Strings) -> Html {
    let meta = &analysis.report.meta;
    let stem = file_stem(meta.region.as_deref(), meta.report_year, "report");

    let on_csv = {
        let (a, err, stem) = (analysis.clone(), on_error.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            let headers = Headers {
                names: [
                    s.col_indicator,
                    s.col_value,
                    s.col_unit,
                    s.col_approx,
                    s.col_section,
                    s.col_surface,
                    s.col_start,
                    s.col_end,
                ],
                approx_mark: s.approx_mark,
            };
            let csv = figures_csv(&a.report, &headers);
            if let Err(e) = download(&format!("{stem}-{}.csv", s.csv_stem_suffix), "text/csv;charset=utf-8", &csv) {
                err.emit(Some(e));
            }
        })
    };
    let on_json = {
        let (a, err) = (analysis.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = download(&format!("{stem}.json"), "application/json", &report_json(&a)) {
                err.emit(Some(e));
            }
        })
    };
    html! {
        <div class="export-bar" role="group" aria-label={s.export_label}>
            <button type="button" id="export-csv" class="button" onclick={on_csv}>{ s.export_csv }</button>
            <button type="button" id="export-json" class="button" onclick={on_json}>{ s.export_json }</button>
            <button type="button" id="print" class="button subtle" onclick={Callback::from(|_: MouseEvent| print())}>{ s.print }</button>
        </div>
    }
}
