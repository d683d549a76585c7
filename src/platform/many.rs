//! "Open many": the files of a multiple pick, a picked folder or a drop (folders walked) are
//! read, decoded and analysed by a small pool of workers, one per core up to four, each running
//! this module (`worker::open_file` behind `worker.js`); where none can start (`file://`), in the
//! page, one file per task so it stays responsive. The walk and the pool are JavaScript
//! (`www/open-many.js`: as async Rust they cost the .wasm ~4 KB of gzip); this side hands it
//! the page's part (analysing in the page, reading a PDF) and keeps the counts a progress line
//! shows ([`Run`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{DataTransfer, File, FileList};

use super::browser::read_bytes;
use super::pdf::{self, PdfFailure};
use super::worker::{self, now, FileFailure, FileReport};

#[wasm_bindgen(module = "/www/open-many.js")]
extern "C" {
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(dt: &DataTransfer) -> Promise;
    #[wasm_bindgen(js_name = pickedFiles)]
    fn picked_files(list: &FileList) -> Array;
    #[wasm_bindgen(js_name = openMany)]
    #[allow(clippy::too_many_arguments)]
    fn open_many(
        files: &Array,
        glue: Option<String>,
        module: &JsValue,
        max_bytes: f64,
        in_page: &JsValue,
        read_pdf: &JsValue,
        on_file: &JsValue,
        on_end: &JsValue,
    ) -> Function;
}

/// Files larger than this are refused before reading (as a single file is).
pub const MAX_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// The PDF failures by the number `readPdf` answers with.
const PDF_FAILURES: [PdfFailure; 5] = [
    PdfFailure::NoTextLayer,
    PdfFailure::NeedsPassword,
    PdfFailure::Damaged,
    PdfFailure::Unsupported,
    PdfFailure::Crashed,
];

/// Why a file gave no report.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Reading, decoding or analysing failed ([`FileFailure::Pdf`] never ends here).
    File(FileFailure),
    /// A PDF that gave no text.
    Pdf(PdfFailure),
    /// Larger than [`MAX_BYTES`].
    TooLarge,
}

/// One thing to open: a file, or a dropped entry that could not be read (its name and why).
pub type Item = Result<File, (String, String)>;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn items(values: Array) -> Vec<Item> {
    values
        .iter()
        .map(|v| match v.dyn_into::<File>() {
            Ok(file) => Ok(file),
            Err(v) => Err((
                get(&v, "name").as_string().unwrap_or_default(),
                get(&v, "reason").as_string().unwrap_or_default(),
            )),
        })
        .collect()
}

/// The files of a drop, folders walked. Call it while the drop event runs.
pub fn dropped(dt: &DataTransfer) -> impl std::future::Future<Output = Vec<Item>> {
    let promise = dropped_files(dt);
    async move { JsFuture::from(promise).await.ok().map(|v| items(v.unchecked_into())).unwrap_or_default() }
}

/// The files of a file input (a folder's without hidden and lock files).
pub fn picked(list: &FileList) -> Vec<Item> {
    items(picked_files(list))
}

/// The state of one run: counts for the progress line, the failures, and cancelling.
pub struct Run {
    /// Files in the run.
    pub total: usize,
    /// Files finished (with a report or a failure).
    pub done: Cell<usize>,
    /// Files that gave no report: their names and why.
    pub failures: RefCell<Vec<(String, Failure)>>,
    /// Reports new to the library (the caller counts them as it stores them).
    pub added: Cell<usize>,
    /// Writes to the library not finished yet (the caller counts them).
    pub writing: Cell<usize>,
    /// Whether every lane has stopped.
    pub finished: Cell<bool>,
    /// Whether the run was cancelled.
    pub cancelled: Cell<bool>,
    /// When it started (`performance.now()`).
    pub started: f64,
    /// Cancels the pool.
    stop: RefCell<Option<Function>>,
}

impl PartialEq for Run {
    fn eq(&self, other: &Run) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Run {
    /// Estimated seconds left, once a file is done.
    pub fn seconds_left(&self) -> Option<f64> {
        let done = self.done.get();
        (done > 0).then(|| (now() - self.started) / 1000.0 / done as f64 * (self.total - done) as f64)
    }

    /// Stops the run: workers end now, what is done stays done.
    pub fn cancel(&self) {
        if self.finished.get() {
            return;
        }
        self.cancelled.set(true);
        if let Some(stop) = self.stop.borrow_mut().take() {
            let _ = stop.call0(&JsValue::NULL);
        }
    }

    /// Counts a file as done and hands on its outcome.
    fn finish(
        &self,
        name: String,
        outcome: Result<FileReport, Failure>,
        on_file: &dyn Fn(String, Result<FileReport, Failure>),
    ) {
        self.done.set(self.done.get() + 1);
        if let Err(failure) = &outcome {
            self.failures.borrow_mut().push((name.clone(), failure.clone()));
        }
        on_file(name, outcome);
    }
}

/// A pool answer (`worker::file_answer`, or the pool's own `large` and numbered `pdf`) read back.
fn outcome(answer: &JsValue) -> Result<FileReport, Failure> {
    match get(answer, "failure").as_string().as_deref() {
        Some("large") => Err(Failure::TooLarge),
        Some("pdf") => match get(answer, "why").as_f64() {
            Some(n) => Err(Failure::Pdf(PDF_FAILURES.get(n as usize).copied().unwrap_or(PdfFailure::Crashed))),
            None => Err(Failure::File(FileFailure::Crashed)),
        },
        _ => worker::read_file_answer(answer).map_err(Failure::File),
    }
}

/// Opens `items`: each file's name and outcome goes to `on_file` as it comes, and `on_end` is
/// called once every lane has stopped (all done, or cancelled).
pub fn start(
    items: Vec<Item>,
    on_file: Box<dyn Fn(String, Result<FileReport, Failure>)>,
    on_end: Box<dyn FnOnce()>,
) -> Rc<Run> {
    let run = Rc::new(Run {
        total: items.len(),
        done: Cell::new(0),
        failures: RefCell::new(Vec::new()),
        added: Cell::new(0),
        writing: Cell::new(0),
        finished: Cell::new(false),
        cancelled: Cell::new(false),
        started: now(),
        stop: RefCell::new(None),
    });
    let files = Array::new();
    for item in items {
        match item {
            Ok(file) => {
                files.push(&file);
            }
            Err((name, why)) => run.finish(name, Err(Failure::File(FileFailure::Read(why))), &*on_file),
        }
    }
    let in_page = Closure::<dyn Fn(JsValue, String, Option<String>) -> Promise>::new(|file, name: String, text| {
        future_to_promise(async move { Ok(worker::file_answer(worker::open_file(&file, &name, text).await).into()) })
    });
    let read_pdf = Closure::<dyn Fn(File) -> Promise>::new(|file: File| {
        future_to_promise(async move {
            let text = match read_bytes(&file).await {
                Ok(bytes) => pdf::read(&bytes).await,
                Err(_) => Err(PdfFailure::Crashed),
            };
            Ok(match text {
                Ok(text) => text.into(),
                Err(f) => (PDF_FAILURES.iter().position(|p| *p == f).unwrap_or(4) as f64).into(),
            })
        })
    });
    let file_done = {
        let run = Rc::downgrade(&run);
        Closure::<dyn Fn(String, JsValue)>::new(move |name, answer: JsValue| {
            if let Some(run) = run.upgrade() {
                run.finish(name, outcome(&answer), &*on_file);
            }
        })
    };
    let end = {
        let run = Rc::downgrade(&run);
        Closure::once_into_js(move || {
            if let Some(run) = run.upgrade() {
                run.finished.set(true);
            }
            on_end();
        })
    };
    let (glue, module) = worker::glue_and_module().map_or((None, JsValue::NULL), |(g, m)| (Some(g), m));
    let stop = open_many(
        &files,
        glue,
        &module,
        MAX_BYTES,
        &in_page.into_js_value(),
        &read_pdf.into_js_value(),
        &file_done.into_js_value(),
        &end,
    );
    *run.stop.borrow_mut() = Some(stop);
    run
}
