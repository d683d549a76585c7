//! The few browser calls the components need, wrapped so components stay declarative.

use fazhi_lens::decode::{Legacy, LegacyDecoder};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, Element, File, HtmlAnchorElement, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition,
    TextDecoder, Url,
};

/// The page's document (always present in a browser window).
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The browser's description of a JS exception (`name: message`), for messages to the user.
pub fn describe(err: &JsValue) -> String {
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(e.name()), String::from(e.message()));
    }
    // Not `{err:?}`: the release build compiles `Debug` to nothing (`-Zfmt-debug=none`, see
    // xtask/src/build.rs), so anything else thrown is described by its JSON or its type.
    err.as_string()
        .or_else(|| js_sys::JSON::stringify(err).ok()?.as_string())
        .or_else(|| err.js_typeof().as_string())
        .unwrap_or_default()
}

/// The `name` of a JS exception ("QuotaExceededError", …), if it has one.
pub fn error_name(err: &JsValue) -> Option<String> {
    js_sys::Reflect::get(err, &JsValue::from_str("name")).ok()?.as_string()
}

/// Reads a file's bytes.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer()).await.map_err(|e| describe(&e))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// GB18030 and Big5 through the browser's `TextDecoder`, so the wasm need not carry
/// encoding_rs's tables (the core's detector decides which one to use).
pub struct BrowserDecoder;

impl LegacyDecoder for BrowserDecoder {
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> String {
        // Every browser implements both labels; the fallback only keeps a broken one working.
        TextDecoder::new_with_label(encoding.label())
            .and_then(|d| d.decode_with_u8_array(bytes))
            .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Offers `content` as a download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = Array::of1(&JsValue::from_str(content));
    let props = BlobPropertyBag::new();
    props.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|e| describe(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let result = (|| {
        let doc = document().ok_or("no document")?;
        let a: HtmlAnchorElement = doc.create_element("a").map_err(|e| describe(&e))?.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
        Ok(())
    })();
    // The click has started the download synchronously; the URL is no longer needed.
    let _ = Url::revoke_object_url(&url);
    result
}

/// Scrolls the first element matching `selector` into the middle of its scroll container.
pub fn scroll_to(selector: &str) {
    if let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()) {
        let opts = ScrollIntoViewOptions::new();
        opts.set_block(ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Scrolls the element with this id to the top of the view (smoothly unless the user prefers
/// reduced motion: the page's CSS `scroll-behavior` decides), so what it shows is where the eye is.
pub fn reveal(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let opts = ScrollIntoViewOptions::new();
        opts.set_block(ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// A call of a function in a later task; see [`later`].
pub struct Later {
    id: Option<i32>,
    _f: Closure<dyn FnMut()>,
}

impl Drop for Later {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// Calls `f` in a later task (a zero-delay timer), so the browser can paint and handle input
/// first; dropping the returned [`Later`] before then cancels the call.
pub fn later(f: impl FnOnce() + 'static) -> Later {
    let f = Closure::once(f);
    let id = web_sys::window()
        .and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(f.as_ref().unchecked_ref(), 0).ok());
    Later { id, _f: f }
}

/// Calls `f` once in a later task, like [`later`] but not cancellable (the closure frees
/// itself once called).
pub fn soon(f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }
}

/// Moves keyboard focus to the element with this id.
pub fn focus_id(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// The nearest ancestor-or-self of an event target matching `selector`.
pub fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<Element> {
    target?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
}

/// Sets `<html lang>` so screen readers pronounce the interface correctly.
pub fn set_document_lang(code: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

/// The current time as an ISO 8601 string.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Opens the browser's print dialog, in a later task after announcing it (`beforeprint`), so
/// that what renders differently on paper (every row of a virtual list) has rendered: the
/// browser's own `beforeprint` comes inside `print()`, too late for a render before the print.
pub fn print() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(event) = web_sys::Event::new("beforeprint") {
        let _ = w.dispatch_event(&event);
    }
    let open = Closure::once_into_js(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(open.unchecked_ref(), 0);
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
