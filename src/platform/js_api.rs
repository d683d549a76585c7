//! The JavaScript API: `analyze(text)` returns the report as a plain JS object.
//!
//! It is a wasm-bindgen export of the module and, for pages that do not import the module,
//! also `window.fazhi.analyze`. Each call records the core's own time (without the conversion
//! to a JS object) as the `fazhi:core` performance measure, which the browser benchmark reads.

use wasm_bindgen::prelude::*;

/// Analyses a report text and returns the report as a plain JavaScript object with the same
/// shape as the CLI's JSON output (numbers as numbers, missing values as `null`).
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let (report, ms) = super::worker::timed_analyze(text);
    super::worker::record_core_time(ms, text.len(), "page");
    to_js(&report)
}

/// Converts a report to a JS object of the CLI's JSON shape: maps as plain objects, `None` as
/// `null`, offsets and counts as numbers. Through the JSON text the worker already writes
/// (`JSON.parse`), rather than serde-wasm-bindgen: one serializer of the report in the `.wasm`
/// instead of two (a few KB less), and exactly the CLI's output.
fn to_js(report: &fazhi_lens::Report) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(report).map_err(|e| JsValue::from(e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// Sets `window.fazhi = { analyze, version }`.
pub fn install() {
    let Some(window) = web_sys::window() else { return };
    let api = js_sys::Object::new();
    let analyze = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(|text: JsValue| {
        let text = text
            .as_string()
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("analyze(text): text must be a string")))?;
        analyze(&text)
    });
    let _ = js_sys::Reflect::set(&api, &"analyze".into(), &analyze.into_js_value());
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"fazhi".into(), &api);
}
