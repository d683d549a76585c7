//! Reading PDFs with the app's PDF module (issue 17), loaded the first time a PDF is opened.
//!
//! The PDF reader (`crates/pdf-web`, around `fazhi-pdf`) is a WebAssembly module of its own, so
//! the app's main `.wasm` stays within its budget and nobody downloads the reader who never
//! opens a PDF. The release build puts it into `dist/` as `fazhi-pdf-<hash>.js` (wasm-bindgen's
//! glue plus one line that sets `globalThis.__fazhiPdf = {load, read}`) and
//! `fazhi-pdf-<hash>.wasm`, and names the script in `<meta name="fazhi-pdf">`. The single file
//! carries the module inline instead, its hook already set (and no meta).
//!
//! [`read`] reads in a worker when it can (`worker.js` in its PDF mode: the page never blocks,
//! and the module is fetched and compiled there), else in the page: after adding the module's
//! script (served) or directly (single file, `file://`). A trap in the module (a panic) is caught
//! at a JavaScript frame, in the worker or here, and becomes [`PdfFailure::Crashed`]; the module's
//! instance is separate from the app's, so the app is untouched.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::worker::{after_paint, now, record_measure};

/// The global object the PDF module's script defines: `{load(): Promise, read(bytes): {kind, text}}`.
const HOOK: &str = "__fazhiPdf";

/// The worker script, in its PDF mode (relative to the page, like the analysis worker's).
const WORKER_URL: &str = "./worker.js";

/// Test-only switch, the analysis worker's (`worker::TEST_PANIC`): while the page has it set
/// truthy, the PDF module panics before reading, so tests/browser/pdf.test.mjs goes down the
/// real panic path. Nothing in the app sets it.
const TEST_PANIC: &str = "__FAZHI_TEST_PANIC__";

/// The page's [`TEST_PANIC`] flag.
fn test_panic() -> bool {
    get(&js_sys::global(), TEST_PANIC).is_truthy()
}

/// Why a PDF gave no text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfFailure {
    /// No text layer: a scan, which needs OCR.
    NoTextLayer,
    /// Opening the file needs a password.
    NeedsPassword,
    /// The file is damaged or truncated.
    Damaged,
    /// It uses a feature the reader lacks.
    Unsupported,
    /// The reader failed (a panic), or could not be loaded at all.
    Crashed,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The module's answer `{kind, text}` as a result.
fn outcome(answer: &JsValue) -> Result<String, PdfFailure> {
    match get(answer, "kind").as_string().as_deref() {
        Some("text") => get(answer, "text").as_string().ok_or(PdfFailure::Crashed),
        Some("no-text-layer") => Err(PdfFailure::NoTextLayer),
        Some("needs-password") => Err(PdfFailure::NeedsPassword),
        Some("damaged") => Err(PdfFailure::Damaged),
        Some("unsupported") => Err(PdfFailure::Unsupported),
        _ => Err(PdfFailure::Crashed),
    }
}

/// Name of the performance measure recording how long the last PDF took to read, loading
/// the module included (`detail: {bytes, where}`; tests/browser/pdf.test.mjs reads it).
pub const PDF_MEASURE: &str = "fazhi:pdf";

/// The text of the PDF `bytes`, or why there is none.
pub async fn read(bytes: &[u8]) -> Result<String, PdfFailure> {
    let t0 = now();
    let (answer, place) = read_somewhere(bytes).await;
    record_measure(PDF_MEASURE, now() - t0, bytes.len(), place);
    answer
}

/// [`read`], and where it read: in a worker or in the page.
async fn read_somewhere(bytes: &[u8]) -> (Result<String, PdfFailure>, &'static str) {
    if hook().is_none() {
        let Some(url) = module_url() else { return (Err(PdfFailure::Crashed), "page") };
        if let Some(answer) = in_worker(&url, bytes).await {
            return (answer, "worker");
        }
        if add_script(&url).await.is_err() {
            return (Err(PdfFailure::Crashed), "page");
        }
    }
    (in_page(bytes).await, "page")
}

/// The PDF module's hook, once its script has run.
fn hook() -> Option<JsValue> {
    Some(get(&js_sys::global(), HOOK)).filter(JsValue::is_object)
}

/// The absolute URL of the PDF module's script, from the page's `<meta name="fazhi-pdf">`.
fn module_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=\"fazhi-pdf\"]").ok()??;
    let content = meta.get_attribute("content")?;
    let base = document.base_uri().ok()??;
    Some(web_sys::Url::new_with_base(&content, &base).ok()?.href())
}

/// A promise settled by the first event of `target` among `events`, with that event.
fn first_event(target: &web_sys::EventTarget, events: &[&str]) -> Promise {
    Promise::new(&mut |resolve: Function, _reject: Function| {
        for event in events {
            let _ = target.add_event_listener_with_callback(event, &resolve);
        }
    })
}

/// Reads in a worker: `None` when no worker could start or load the module (then the page
/// reads), else the answer.
async fn in_worker(url: &str, bytes: &[u8]) -> Option<Result<String, PdfFailure>> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
    let answered = first_event(&worker, &["message", "error", "messageerror"]);
    let start = Object::new();
    let _ = Reflect::set(&start, &"pdf".into(), &url.into());
    let job = Object::new();
    let _ = Reflect::set(&job, &"bytes".into(), &Uint8Array::from(bytes));
    let _ = Reflect::set(&job, &"panic".into(), &test_panic().into());
    let posted = worker.post_message(&start).is_ok() && worker.post_message(&job).is_ok();
    let event = if posted { JsFuture::from(answered).await.ok() } else { None };
    worker.terminate();
    let data = event?.dyn_into::<MessageEvent>().ok()?.data();
    if get(&data, "failed").is_truthy() {
        return None;
    }
    Some(outcome(&data))
}

/// Runs the module's script in the page (served: a module script of the app's own origin).
async fn add_script(url: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let script = document.create_element("script")?;
    script.set_attribute("type", "module")?;
    script.set_attribute("src", url)?;
    let loaded = first_event(&script, &["load", "error"]);
    document.body().ok_or(JsValue::NULL)?.append_child(&script)?;
    let event = JsFuture::from(loaded).await?;
    if get(&event, "type").as_string().as_deref() == Some("load") && hook().is_some() {
        Ok(())
    } else {
        Err(event)
    }
}

/// Reads in the page's thread, after the browser has painted the reading status.
async fn in_page(bytes: &[u8]) -> Result<String, PdfFailure> {
    let hook = hook().ok_or(PdfFailure::Crashed)?;
    let load: Function = get(&hook, "load").dyn_into().map_err(|_| PdfFailure::Crashed)?;
    let loading = load.call0(&hook).map_err(|_| PdfFailure::Crashed)?;
    JsFuture::from(Promise::resolve(&loading)).await.map_err(|_| PdfFailure::Crashed)?;
    after_paint().await;
    let read: Function = get(&hook, "read").dyn_into().map_err(|_| PdfFailure::Crashed)?;
    // `call1` catches the exception a trap throws: the app's own module is not involved.
    let answer = read.call2(&hook, &Uint8Array::from(bytes), &test_panic().into()).map_err(|_| PdfFailure::Crashed)?;
    outcome(&answer)
}
