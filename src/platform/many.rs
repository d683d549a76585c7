//! "Open many": the files of a multiple pick, a picked folder or a drop (folders walked by
//! `www/open-many.js`) are read, decoded and analysed by a small pool of workers
//! ([`worker::spawn`], one per core up to [`MAX_WORKERS`]); where none can start (`file://`),
//! in the page, one file per task so the page stays responsive. Each file's outcome goes to a
//! callback as it comes; [`Run`] holds the counts a progress line shows, and cancels.
//!
//! Each lane (a worker, or the page) takes the next file from a shared queue, so a long file
//! holds up only its lane. A PDF's text is read by the PDF module in the page
//! (`platform::pdf`, its own worker) and then analysed by the lane.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileList, Worker};

use super::browser::read_bytes;
use super::pdf::{self, PdfFailure};
use super::worker::{self, next_task, now, FileFailure, FileReport};

#[wasm_bindgen(module = "/www/open-many.js")]
extern "C" {
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(dt: &DataTransfer) -> Promise;
    #[wasm_bindgen(js_name = pickedFiles)]
    fn picked_files(list: &FileList) -> Array;
}

/// Workers at most, whatever the machine: more gain little and each holds a copy of the module.
const MAX_WORKERS: usize = 4;

/// How long a pool worker may take to say it is ready before its lane runs in the page.
const READY_MS: i32 = 10_000;

/// Files larger than this are refused before reading (as a single file is).
pub const MAX_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Why a file gave no report.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Decoding, reading or analysing failed ([`FileFailure::Pdf`] never ends here).
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
    /// Resolves the promise every lane's wait races with, when cancelled.
    stop: RefCell<Option<Function>>,
    stopped: Promise,
    workers: RefCell<Vec<Worker>>,
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
        for worker in self.workers.borrow_mut().drain(..) {
            worker.terminate();
        }
        if let Some(stop) = self.stop.borrow_mut().take() {
            let _ = stop.call0(&JsValue::NULL);
        }
    }

    /// Awaits `promise`, or `None` once the run is cancelled.
    async fn wait(&self, promise: Promise) -> Option<JsValue> {
        let raced = Promise::race(&Array::of2(&promise, &self.stopped));
        let value = JsFuture::from(raced).await;
        if self.cancelled.get() {
            return None;
        }
        Some(value.unwrap_or(JsValue::UNDEFINED))
    }
}

/// A lane's place to analyse: a ready worker, or the page.
type Lane = Option<Worker>;

/// Opens `items`: each file's name and outcome goes to `on_file`, and `on_end` is called once
/// every lane has stopped (all done, or cancelled).
pub fn start(
    items: Vec<Item>,
    on_file: impl Fn(String, Result<FileReport, Failure>) + 'static,
    on_end: impl FnOnce() + 'static,
) -> Rc<Run> {
    let mut stop = None;
    let stopped = Promise::new(&mut |resolve, _| stop = Some(resolve));
    let run = Rc::new(Run {
        total: items.len(),
        done: Cell::new(0),
        failures: RefCell::new(Vec::new()),
        added: Cell::new(0),
        writing: Cell::new(0),
        finished: Cell::new(false),
        cancelled: Cell::new(false),
        started: now(),
        stop: RefCell::new(stop),
        stopped,
        workers: RefCell::new(Vec::new()),
    });
    let on_file: Rc<dyn Fn(String, Result<FileReport, Failure>)> = Rc::new(on_file);
    let mut queue = VecDeque::new();
    for item in items {
        match item {
            Ok(file) => queue.push_back(file),
            Err((name, why)) => finish(&run, &on_file, name, Err(Failure::File(FileFailure::Read(why)))),
        }
    }
    let cores = get(&get(&js_sys::global(), "navigator"), "hardwareConcurrency").as_f64().unwrap_or(1.0) as usize;
    let lanes = cores.clamp(1, MAX_WORKERS).min(queue.len()).max(1);
    let queue = Rc::new(RefCell::new(queue));
    let left = Rc::new(Cell::new(lanes));
    let on_end = Rc::new(RefCell::new(Some(on_end)));
    for _ in 0..lanes {
        let (run, queue, on_file, left, on_end) =
            (run.clone(), queue.clone(), on_file.clone(), left.clone(), on_end.clone());
        wasm_bindgen_futures::spawn_local(async move {
            lane(&run, &queue, &on_file).await;
            left.set(left.get() - 1);
            if left.get() == 0 {
                run.finished.set(true);
                if let Some(on_end) = on_end.borrow_mut().take() {
                    on_end();
                }
            }
        });
    }
    run
}

/// Counts a file as done and hands on its outcome.
fn finish(
    run: &Run,
    on_file: &Rc<dyn Fn(String, Result<FileReport, Failure>)>,
    name: String,
    outcome: Result<FileReport, Failure>,
) {
    run.done.set(run.done.get() + 1);
    if let Err(failure) = &outcome {
        run.failures.borrow_mut().push((name.clone(), failure.clone()));
    }
    on_file(name, outcome);
}

/// A promise of the worker's next message (its `data`); rejected on its `error`.
fn next_message(worker: &Worker) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &get(&event, "data"));
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(&reject));
        worker.set_onmessageerror(Some(&reject));
    })
}

/// A started, ready worker for a lane; `None` (the page) when none starts in time.
async fn ready_worker(run: &Run) -> Lane {
    let worker = worker::spawn()?;
    let ready = next_message(&worker);
    let timeout = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, READY_MS);
        }
    });
    run.workers.borrow_mut().push(worker.clone());
    let answer = run.wait(Promise::race(&Array::of2(&ready, &timeout))).await;
    if answer.as_ref().is_some_and(|a| get(a, "ready").is_truthy()) {
        Some(worker)
    } else {
        worker.terminate();
        None
    }
}

/// Takes files from the queue until it is empty or the run is cancelled.
async fn lane(
    run: &Rc<Run>,
    queue: &RefCell<VecDeque<File>>,
    on_file: &Rc<dyn Fn(String, Result<FileReport, Failure>)>,
) {
    let mut lane = ready_worker(run).await;
    loop {
        if run.cancelled.get() {
            return;
        }
        let Some(file) = queue.borrow_mut().pop_front() else { return };
        let name = file.name();
        let outcome = if file.size() > MAX_BYTES {
            Some(Err(Failure::TooLarge))
        } else {
            match analyse(run, &mut lane, &file, &name, None).await {
                Some(Err(Failure::File(FileFailure::Pdf))) => match read_pdf(&file).await {
                    Ok(text) => analyse(run, &mut lane, &file, &name, Some(text)).await,
                    Err(failure) => Some(Err(failure)),
                },
                other => other,
            }
        };
        // Cancelled meanwhile: this file's outcome is not counted.
        let Some(outcome) = outcome else { return };
        if !run.cancelled.get() {
            finish(run, on_file, name, outcome);
        }
    }
}

/// A PDF's text, through the PDF module.
async fn read_pdf(file: &File) -> Result<String, Failure> {
    let bytes = read_bytes(file).await.map_err(|why| Failure::File(FileFailure::Read(why)))?;
    pdf::read(&bytes).await.map_err(Failure::Pdf)
}

/// One file in the lane's worker, or in the page; `None` when cancelled meanwhile.
async fn analyse(
    run: &Rc<Run>,
    lane: &mut Lane,
    file: &File,
    name: &str,
    text: Option<String>,
) -> Option<Result<FileReport, Failure>> {
    let Some(w) = lane.as_ref() else {
        // In the page: one file per task, after the browser has had its turn.
        next_task().await;
        if run.cancelled.get() {
            return None;
        }
        return Some(worker::open_file(file, name, text).await.map_err(Failure::File));
    };
    let request = Object::new();
    let put = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&request, &JsValue::from_str(k), v);
    };
    put("many", &true.into());
    put("name", &name.into());
    put("file", file);
    if let Some(text) = &text {
        put("text", &text.into());
    }
    put("panic", &get(&js_sys::global(), "__FAZHI_TEST_PANIC__"));
    let answer = next_message(w);
    if w.post_message(&request).is_err() {
        return Some(Err(Failure::File(FileFailure::Crashed)));
    }
    match JsFuture::from(Promise::race(&Array::of2(&answer, &run.stopped))).await {
        _ if run.cancelled.get() => None,
        Ok(data) => Some(worker::read_file_answer(&data).map_err(Failure::File)),
        // The worker died (a panic): replace it; the next file goes to the new one.
        Err(_) => {
            w.terminate();
            *lane = ready_worker(run).await;
            Some(Err(Failure::File(FileFailure::Crashed)))
        }
    }
}
