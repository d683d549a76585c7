//! Analysis off the main thread: a Web Worker running this same wasm module.
//!
//! The page starts `worker.js` (a few lines of JavaScript that Trunk copies into `dist/`) and
//! sends it the URL of the wasm-bindgen glue the page itself loaded plus the already compiled
//! `WebAssembly.Module`, so nothing is downloaded or compiled twice. In the worker, `main`
//! finds no `window` and calls [`serve`] instead of starting the app.
//!
//! Messages (plain objects):
//!
//! ```text
//! page → worker.js   {glue, module}             once; worker.js imports the glue and instantiates
//! worker → page      {ready: true}              serve() listens
//!                    {failed: "…"}              worker.js could not start the module
//! page → worker      {id, text, panic}          analyse (`panic`: see `TEST_PANIC`)
//! worker → page      {id, head, sections,       the report as JSON in pieces (see `answer`),
//!                     metrics, ms}              the core's time in ms
//!                    {id, error, ms}            the report could not be serialised
//! ```
//!
//! Where no worker can run (a page opened from `file://`, a CSP without `worker-src 'self'`, a
//! browser without module workers, a build whose glue cannot be imported again), [`Analyzer`]
//! analyses in the page's own thread, after letting the browser paint the busy state.
//!
//! A panic in the core (issue 21) must not hang the app. The release build aborts on panic,
//! which in wasm is a trap: a JavaScript exception thrown out of the wasm frames, which leaves
//! whatever they were doing half done. In the worker it is uncaught, the worker reports an
//! `error`, and the page replaces the worker and answers the job with [`Failure::Crashed`]. In
//! the page, `guarded` catches it at a JavaScript frame just around the core, so the page's
//! own state (the task queue, Yew) is untouched; a probe then tells whether the module still
//! works ([`Failure::Crashed`]) or not ([`Failure::Broken`]: only a reload helps).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use fazhi_lens::Report;
use js_sys::{Array, Function, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::ScopedClosure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// The worker's bootstrap script, relative to the page (so it works under any subpath).
const WORKER_URL: &str = "./worker.js";

/// How long a started worker may take to say it is ready before requests run in the page.
const READY_TIMEOUT_MS: i32 = 10_000;

/// Name of the performance measure recording the core's time (the browser benchmark reads it).
pub const CORE_MEASURE: &str = "fazhi:core";

/// Test-only switch (tests/browser/failure.test.mjs): while the page has
/// `globalThis.__FAZHI_TEST_PANIC__` set truthy, every analysis calls `panic!` where it runs (the
/// page sends the flag with the job, as the worker cannot see the page's globals), so the tests
/// go down the real panic path. The value `"broken"` also fails the page's probe, as if the panic
/// had left the module unusable. Nothing in the app sets it; unset, it costs one property read.
const TEST_PANIC: &str = "__FAZHI_TEST_PANIC__";

/// The page's [`TEST_PANIC`] flag.
fn test_panic() -> JsValue {
    get(&js_sys::global(), TEST_PANIC)
}

/// What the page analyses after a failure to tell whether its module still works.
const PROBE: &str = "某区2024年法治政府建设年度报告\n办理案件12件。";

#[wasm_bindgen]
extern "C" {
    /// `import.meta.url` of the wasm-bindgen glue module: what the worker imports.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: JsValue;
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `performance.now()` in the page or in a worker (0 where there is no clock).
pub fn now() -> f64 {
    get(&js_sys::global(), "performance").dyn_into::<web_sys::Performance>().map(|p| p.now()).unwrap_or(0.0)
}

/// Runs the core on `text`; returns the report and the core's time in milliseconds.
pub fn timed_analyze(text: &str) -> (Report, f64) {
    let t0 = now();
    let report = fazhi_lens::analyze(text);
    (report, now() - t0)
}

/// [`timed_analyze`], first panicking if `panic` (see [`TEST_PANIC`]).
fn analyze_job(text: &str, panic: bool) -> (Report, f64) {
    if panic {
        panic!("__FAZHI_TEST_PANIC__");
    }
    timed_analyze(text)
}

/// [`analyze_job`] behind a JavaScript frame: `None` when it panicked (or threw). The trap of
/// a panic unwinds the wasm frames up to the nearest JavaScript frame, here the `call` below,
/// whose error comes back as a value; the caller's own frames, and the borrows they hold, are
/// untouched. What the analysis had allocated is leaked.
fn guarded(text: &str, panic: bool) -> Option<(Report, f64)> {
    let mut out = None;
    {
        let mut run = || out = Some(analyze_job(text, panic));
        // Built with `panic = "unwind"`, the closure would turn the panic into the exception.
        let closure = ScopedClosure::<dyn FnMut()>::borrow_mut_assert_unwind_safe(&mut run);
        let _ = closure.as_js_value().unchecked_ref::<Function>().call0(&JsValue::NULL);
    }
    out
}

/// Records the core's time for `bytes` of text as the page's [`CORE_MEASURE`] performance
/// measure (only the latest is kept), with `detail: {bytes, where}`.
pub fn record_core_time(ms: f64, bytes: usize, place: &str) {
    record_measure(CORE_MEASURE, ms, bytes, place);
}

/// Records `ms` spent on `bytes` as the page's performance measure `name` (only the latest is
/// kept), with `detail: {bytes, where}`, for the browser benchmarks to read.
pub fn record_measure(name: &str, ms: f64, bytes: usize, place: &str) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return };
    perf.clear_measures_with_measure_name(name);
    let options = Object::new();
    set(&options, "end", &perf.now().into());
    set(&options, "duration", &ms.into());
    let detail = Object::new();
    set(&detail, "bytes", &(bytes as f64).into());
    set(&detail, "where", &place.into());
    set(&options, "detail", &detail);
    // `measure(name, {end, duration})`: web-sys only binds the older mark-name forms.
    if let Ok(measure) = get(&perf, "measure").dyn_into::<Function>() {
        let _ = measure.call2(&perf, &name.into(), &options);
    }
}

/// The worker's side: answers `{id, text}` with `{id, json, ms}` until it is terminated. A
/// panic is left uncaught: the page hears the worker's `error` event and replaces the worker.
/// `warm_up` (the demo report) is analysed first, to build the analyser's tables.
pub fn serve(warm_up: &str) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        // A file of "open many" (`platform::many`): answered in a task of its own.
        if get(&data, "many").is_truthy() {
            let reply = reply.clone();
            wasm_bindgen_futures::spawn_local(async move { answer_file(&data, &reply).await });
            return;
        }
        let Some(text) = get(&data, "text").as_string() else { return };
        let (report, ms) = analyze_job(&text, get(&data, "panic").is_truthy());
        let answer = match answer(report) {
            Ok(answer) => answer,
            Err(e) => {
                let answer = Object::new();
                set(&answer, "error", &e.to_string().into());
                answer
            }
        };
        set(&answer, "id", &get(&data, "id"));
        set(&answer, "ms", &ms.into());
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    set(&ready, "ready", &true.into());
    let _ = scope.post_message(&ready);
    // Compile the regexes now, while the user is still pasting, not on the first request
    // (a request arriving meanwhile waits in the worker's queue, not in the page).
    let _ = fazhi_lens::analyze(warm_up);
}

/// Headings or figures per piece of an answer. The page parses a few pieces per task, so no
/// task parses the whole report: for a 2 MB paste that is 1.8 MB of JSON, ~30 ms in one go.
const PIECE_ITEMS: usize = 500;

/// The page parses pieces of an answer for this long (ms) before it lets the browser run.
const SLICE_MS: f64 = 8.0;

/// The report as `{head, sections, metrics}`: the long lists as arrays of JSON pieces of
/// [`PIECE_ITEMS`] items each, the rest (`head`) as one JSON document with those lists empty.
fn answer(mut report: Report) -> Result<Object, serde_json::Error> {
    let sections = std::mem::take(&mut report.sections);
    let metrics = std::mem::take(&mut report.metrics);
    let answer = Object::new();
    set(&answer, "head", &serde_json::to_string(&report)?.into());
    set(&answer, "sections", &pieces(&sections)?.into());
    set(&answer, "metrics", &pieces(&metrics)?.into());
    Ok(answer)
}

/// `items` as an array of JSON arrays of [`PIECE_ITEMS`] items each.
fn pieces<T: Serialize>(items: &[T]) -> Result<Array, serde_json::Error> {
    let out = Array::new();
    for chunk in items.chunks(PIECE_ITEMS) {
        out.push(&serde_json::to_string(chunk)?.into());
    }
    Ok(out)
}

/// Why reading an answer stopped before the end.
enum Stop {
    /// The job was cancelled or replaced meanwhile.
    Unwanted,
    /// A piece is missing or does not parse.
    Unreadable,
}

/// Parses the pieces of an answer in slices of [`SLICE_MS`], each slice a task of its own,
/// stopping as soon as the answer is no longer `wanted`.
struct Reader<F> {
    wanted: F,
    /// When the current slice started.
    since: f64,
}

impl<F: Fn() -> bool> Reader<F> {
    async fn parse<T: DeserializeOwned>(&mut self, piece: JsValue) -> Result<T, Stop> {
        if now() - self.since > SLICE_MS {
            next_task().await;
            self.since = now();
        }
        if !(self.wanted)() {
            return Err(Stop::Unwanted);
        }
        piece.as_string().and_then(|json| serde_json::from_str(&json).ok()).ok_or(Stop::Unreadable)
    }

    /// Parses every piece of the array `pieces` and appends the items to `out`.
    async fn extend<T: DeserializeOwned>(&mut self, pieces: JsValue, out: &mut Vec<T>) -> Result<(), Stop> {
        let pieces: Array = pieces.dyn_into().map_err(|_| Stop::Unreadable)?;
        for piece in pieces.iter() {
            out.extend(self.parse::<Vec<T>>(piece).await?);
        }
        Ok(())
    }
}

/// The report of a worker's answer (see [`answer`]), read while it is `wanted`.
async fn read_answer(data: &JsValue, wanted: impl Fn() -> bool) -> Result<Report, Stop> {
    let mut reader = Reader { wanted, since: now() };
    let mut report: Report = reader.parse(get(data, "head")).await?;
    reader.extend(get(data, "sections"), &mut report.sections).await?;
    reader.extend(get(data, "metrics"), &mut report.metrics).await?;
    Ok(report)
}

/// Why an analysis gave no report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Failure {
    /// The core failed (panicked) on this text; the analyser is ready for the next request.
    Crashed,
    /// It failed in the page and left the page's module unusable: only a reload helps.
    Broken,
}

/// A finished analysis.
pub struct Done<T> {
    /// What the caller attached to the request.
    pub tag: T,
    /// The analysed text.
    pub text: Rc<str>,
    /// The core's findings, or why there are none.
    pub report: Result<Report, Failure>,
}

/// Where analyses run.
enum Backend {
    /// A worker was started and has not said it is ready.
    Starting(Worker),
    /// A worker is listening.
    Ready(Worker),
    /// No worker: analyse in the page.
    InThread,
}

/// The one request whose answer is wanted (a newer request replaces it).
struct Job<T> {
    id: u32,
    text: Rc<str>,
    tag: T,
    /// Posted to the worker and not answered yet.
    sent: bool,
}

struct Inner<T> {
    backend: Backend,
    job: Option<Job<T>>,
    next_id: u32,
    on_done: Callback<Done<T>>,
    /// The current worker's event handlers (dropped after the worker is stopped).
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// Counts the workers started, so a late timer cannot fail over a newer one.
    generation: u32,
}

/// Runs analyses for the page: in a worker when one can start, else in the page's thread.
/// Only the latest request is answered; [`Analyzer::cancel`] drops it.
pub struct Analyzer<T: 'static>(Rc<RefCell<Inner<T>>>);

impl<T: 'static> Analyzer<T> {
    /// Starts a worker (or decides there can be none). Answers go to `on_done`.
    pub fn new(on_done: Callback<Done<T>>) -> Analyzer<T> {
        let inner =
            Inner { backend: Backend::InThread, job: None, next_id: 0, on_done, handlers: Vec::new(), generation: 0 };
        let analyzer = Analyzer(Rc::new(RefCell::new(inner)));
        analyzer.start_worker();
        analyzer
    }

    /// Replaces the callback answers go to (components pass a fresh one on every render).
    pub fn set_on_done(&self, on_done: Callback<Done<T>>) {
        if let Ok(mut inner) = self.0.try_borrow_mut() {
            inner.on_done = on_done;
        }
    }

    /// Whether analyses run in a worker (or will, once it has started).
    pub fn uses_worker(&self) -> bool {
        !matches!(self.0.borrow().backend, Backend::InThread)
    }

    /// Analyses `text`; the answer carries `tag`. An unanswered earlier request is dropped.
    pub fn run(&self, text: Rc<str>, tag: T) {
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.next_id = inner.next_id.wrapping_add(1);
            let id = inner.next_id;
            inner.job = Some(Job { id, text, tag, sent: false });
            id
        };
        self.dispatch(id);
    }

    /// Drops the current request. A worker busy with it is stopped and a fresh one started,
    /// so the next request does not wait for the abandoned one.
    pub fn cancel(&self) {
        let busy_worker = {
            let mut inner = self.0.borrow_mut();
            let sent = inner.job.take().is_some_and(|j| j.sent);
            sent && matches!(inner.backend, Backend::Ready(_))
        };
        if busy_worker {
            self.stop_worker();
            self.start_worker();
        }
    }

    /// Sends job `id` wherever analyses run now.
    fn dispatch(&self, id: u32) {
        let mut inner = self.0.borrow_mut();
        let Some(job) = inner.job.as_ref().filter(|j| j.id == id) else { return };
        match &inner.backend {
            Backend::Ready(worker) => {
                let request = Object::new();
                set(&request, "id", &id.into());
                set(&request, "text", &JsValue::from_str(&job.text));
                set(&request, "panic", &test_panic().is_truthy().into());
                let posted = worker.post_message(&request).is_ok();
                if let Some(job) = inner.job.as_mut() {
                    job.sent = posted;
                }
                if !posted {
                    drop(inner);
                    self.fail_over();
                }
            }
            // Sent once the worker says it is ready.
            Backend::Starting(_) => {}
            Backend::InThread => {
                drop(inner);
                self.run_in_thread(id);
            }
        }
    }

    /// Analyses job `id` in the page, after the browser has painted the busy state.
    fn run_in_thread(&self, id: u32) {
        let weak = Rc::downgrade(&self.0);
        wasm_bindgen_futures::spawn_local(async move {
            after_paint().await;
            let Some(inner) = weak.upgrade() else { return };
            let text = match inner.borrow().job.as_ref() {
                Some(job) if job.id == id => job.text.clone(),
                _ => return,
            };
            let flag = test_panic();
            let report = match guarded(&text, flag.is_truthy()) {
                Some((report, ms)) => {
                    record_core_time(ms, text.len(), "page");
                    Ok(report)
                }
                // A panic can leave shared state half changed (a lazily built table, say), and
                // then every later analysis fails too: try a small one to tell.
                None => match guarded(PROBE, flag.as_string().is_some_and(|v| v == "broken")) {
                    Some(_) => Err(Failure::Crashed),
                    None => Err(Failure::Broken),
                },
            };
            Analyzer(inner).finish(id, report);
        });
    }

    /// Hands the outcome of job `id` to the callback, if that job is still wanted.
    fn finish(&self, id: u32, report: Result<Report, Failure>) {
        let (job, on_done) = {
            let mut inner = self.0.borrow_mut();
            if inner.job.as_ref().is_none_or(|j| j.id != id) {
                return;
            }
            (inner.job.take(), inner.on_done.clone())
        };
        // Emitted with no borrow held: the callback may re-render and call back into us.
        if let Some(job) = job {
            on_done.emit(Done { tag: job.tag, text: job.text, report });
        }
    }

    /// Starts a worker, or settles for the page's thread when none can start.
    fn start_worker(&self) {
        let glue = GLUE_URL.with(JsValue::as_string);
        let module = wasm_bindgen::module();
        let started = glue.filter(|_| module.is_object()).and_then(|glue| {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
            let init = Object::new();
            set(&init, "glue", &glue.into());
            set(&init, "module", &module);
            if worker.post_message(&init).is_err() {
                worker.terminate();
                return None;
            }
            Some(worker)
        });
        let Some(worker) = started else {
            self.0.borrow_mut().backend = Backend::InThread;
            return;
        };
        let on_message = self.handler(|a, data| a.on_message(data));
        let on_error = self.handler(|a, event| a.on_error(event));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let generation = {
            let mut inner = self.0.borrow_mut();
            inner.backend = Backend::Starting(worker);
            inner.handlers = vec![on_message, on_error];
            inner.generation = inner.generation.wrapping_add(1);
            inner.generation
        };
        // A worker that never says it is ready (a module it cannot clone, say) is given up.
        let weak = Rc::downgrade(&self.0);
        let timeout = Closure::once_into_js(move || {
            let Some(inner) = weak.upgrade() else { return };
            let stuck = {
                let inner = inner.borrow();
                inner.generation == generation && matches!(inner.backend, Backend::Starting(_))
            };
            if stuck {
                Analyzer(inner).fail_over();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), READY_TIMEOUT_MS);
        }
    }

    /// A JS event handler calling `f` on this analyzer while it exists.
    fn handler(&self, f: impl Fn(&Analyzer<T>, JsValue) + 'static) -> Closure<dyn FnMut(JsValue)> {
        let weak: Weak<RefCell<Inner<T>>> = Rc::downgrade(&self.0);
        Closure::new(move |event: JsValue| {
            if let Some(inner) = weak.upgrade() {
                f(&Analyzer(inner), event);
            }
        })
    }

    /// A message from the worker.
    fn on_message(&self, event: JsValue) {
        let data = get(&event, "data");
        if get(&data, "ready").is_truthy() {
            let pending = {
                let mut inner = self.0.borrow_mut();
                inner.backend = match std::mem::replace(&mut inner.backend, Backend::InThread) {
                    Backend::Starting(worker) => Backend::Ready(worker),
                    other => other,
                };
                inner.job.as_ref().filter(|j| !j.sent).map(|j| j.id)
            };
            if let Some(id) = pending {
                self.dispatch(id);
            }
        } else if get(&data, "failed").is_truthy() {
            self.fail_over();
        } else if let Some(id) = get(&data, "id").as_f64() {
            let id = id as u32;
            if let Some(job) = self.0.borrow_mut().job.as_mut().filter(|j| j.id == id) {
                // Answered: cancelling from now on need not stop the worker.
                job.sent = false;
                if let Some(ms) = get(&data, "ms").as_f64() {
                    record_core_time(ms, job.text.len(), "worker");
                }
            }
            let weak = Rc::downgrade(&self.0);
            wasm_bindgen_futures::spawn_local(async move {
                let wanted =
                    || weak.upgrade().is_some_and(|inner| inner.borrow().job.as_ref().is_some_and(|j| j.id == id));
                let report = read_answer(&data, wanted).await;
                // The report goes on screen in a task of its own, not after the last slice.
                next_task().await;
                let Some(inner) = weak.upgrade() else { return };
                match report {
                    Ok(report) => Analyzer(inner).finish(id, Ok(report)),
                    // A report the page cannot read back: analyse here instead.
                    Err(Stop::Unreadable) => Analyzer(inner).fail_over(),
                    Err(Stop::Unwanted) => {}
                }
            });
        }
    }

    /// The worker reported an error. While it has a job, that is the analysis failing (a panic
    /// in the core): the job fails, and a fresh worker replaces this one, whose module may be
    /// left in any state. Otherwise the worker could not start: analyses run in the page.
    fn on_error(&self, event: JsValue) {
        // Handled here: not to be reported again as an error of the page.
        event.unchecked_ref::<web_sys::Event>().prevent_default();
        let failed = {
            let inner = self.0.borrow();
            let busy = matches!(inner.backend, Backend::Ready(_));
            inner.job.as_ref().filter(|j| j.sent && busy).map(|j| j.id)
        };
        match failed {
            Some(id) => {
                self.stop_worker();
                self.start_worker();
                self.finish(id, Err(Failure::Crashed));
            }
            None => self.fail_over(),
        }
    }

    /// The worker failed: stop it and run the current request (and all later ones) here.
    fn fail_over(&self) {
        self.stop_worker();
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.backend = Backend::InThread;
            inner.job.as_mut().map(|j| {
                j.sent = false;
                j.id
            })
        };
        if let Some(id) = id {
            self.run_in_thread(id);
        }
    }

    /// Terminates the worker, if any, and forgets its handlers.
    fn stop_worker(&self) {
        let (backend, handlers) = {
            let mut inner = self.0.borrow_mut();
            (std::mem::replace(&mut inner.backend, Backend::InThread), std::mem::take(&mut inner.handlers))
        };
        if let Backend::Starting(worker) | Backend::Ready(worker) = backend {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.set_onmessageerror(None);
            worker.terminate();
        }
        // Handlers may be running right now (fail_over from on_error): drop them later.
        if !handlers.is_empty() {
            wasm_bindgen_futures::spawn_local(async move { drop(handlers) });
        }
    }
}

/// Why a file of "open many" gave no report.
#[derive(Clone, Debug, PartialEq)]
pub enum FileFailure {
    /// The browser could not read the file (its reason).
    Read(String),
    /// The core could not decode it (its bilingual message, "中文 (English)").
    Decode(String),
    /// A PDF: its text comes from the PDF module, in the page (`platform::pdf`).
    Pdf,
    /// The analyser failed on it.
    Crashed,
}

/// A file's text and what the library lists of it (from the core's metadata).
pub struct FileReport {
    /// The decoded text.
    pub text: String,
    /// The report's name (`fazhi_lens::naming`), if it has one.
    pub name: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Its title line.
    pub title: Option<String>,
    /// What the library's table shows of it.
    pub summary: fazhi_lens::panel::Summary,
}

/// Reads `file` (unless its `text` is given: a PDF's, read by the page), decodes and analyses it
/// where this runs: a pool worker of `platform::many`, or the page when none can start.
pub async fn open_file(file: &JsValue, name: &str, text: Option<String>) -> Result<FileReport, FileFailure> {
    let text = match text {
        Some(text) => text,
        None => {
            let file: &web_sys::File = file.unchecked_ref();
            let bytes = super::browser::read_bytes(file).await.map_err(FileFailure::Read)?;
            match fazhi_lens::decode::decode_with(&bytes, name, &super::browser::BrowserDecoder) {
                Ok(text) => text,
                Err(fazhi_lens::DecodeError::Unsupported(fazhi_lens::decode::Format::Pdf)) => {
                    return Err(FileFailure::Pdf)
                }
                Err(e) => return Err(FileFailure::Decode(e.to_string())),
            }
        }
    };
    match guarded(&text, test_panic().is_truthy()) {
        Some((report, _)) => {
            let summary = fazhi_lens::panel::Summary::of(&report);
            let meta = report.meta;
            let name = fazhi_lens::naming::display_name(&meta);
            Ok(FileReport { text, name, region: meta.region, year: meta.report_year, title: meta.title, summary })
        }
        None => Err(FileFailure::Crashed),
    }
}

/// The worker's answer to a file of "open many" (`{many, file, name, text?, panic}`, posted by
/// `www/open-many.js`): see [`file_answer`].
async fn answer_file(data: &JsValue, reply: &DedicatedWorkerGlobalScope) {
    // The page's test flag (see `TEST_PANIC`), which this worker cannot see otherwise.
    set(js_sys::global().unchecked_ref(), TEST_PANIC, &get(data, "panic"));
    let name = get(data, "name").as_string().unwrap_or_default();
    let answer = file_answer(open_file(&get(data, "file"), &name, get(data, "text").as_string()).await);
    let _ = reply.post_message(&answer);
}

/// An outcome of [`open_file`] as a message: `{text, name, region, year, title, body, level,
/// published, figures, checks, failed}`, or
/// `{failure, why}`; [`read_file_answer`] reads it back.
pub fn file_answer(outcome: Result<FileReport, FileFailure>) -> Object {
    let answer = Object::new();
    match outcome {
        // Plain fields, not JSON: a reader of `Meta` would cost the page ~1 KB of .wasm.
        Ok(done) => {
            set(&answer, "text", &done.text.into());
            set(&answer, "name", &done.name.into());
            set(&answer, "region", &done.region.into());
            set(&answer, "year", &done.year.map(f64::from).into());
            set(&answer, "title", &done.title.into());
            let summary = done.summary;
            set(&answer, "body", &summary.body.into());
            set(&answer, "level", &summary.level.into());
            set(&answer, "published", &summary.published.into());
            set(&answer, "figures", &(summary.figures as f64).into());
            set(&answer, "checks", &(summary.checks as f64).into());
            // Check ids are plain ASCII words: one string, no array to build and read.
            set(&answer, "failed", &summary.failed.join(" ").into());
        }
        Err(failure) => {
            let (kind, why) = match failure {
                FileFailure::Read(why) => ("read", why),
                FileFailure::Decode(why) => ("decode", why),
                FileFailure::Pdf => ("pdf", String::new()),
                FileFailure::Crashed => ("crashed", String::new()),
            };
            set(&answer, "failure", &kind.into());
            set(&answer, "why", &why.into());
        }
    }
    answer
}

/// The answer of [`file_answer`] read back in the page.
pub fn read_file_answer(data: &JsValue) -> Result<FileReport, FileFailure> {
    let why = get(data, "why").as_string().unwrap_or_default();
    match get(data, "failure").as_string().as_deref() {
        Some("read") => return Err(FileFailure::Read(why)),
        Some("decode") => return Err(FileFailure::Decode(why)),
        Some("pdf") => return Err(FileFailure::Pdf),
        Some(_) => return Err(FileFailure::Crashed),
        None => {}
    }
    let Some(text) = get(data, "text").as_string() else { return Err(FileFailure::Crashed) };
    Ok(FileReport {
        text,
        name: get(data, "name").as_string(),
        region: get(data, "region").as_string(),
        year: get(data, "year").as_f64().map(|y| y as i32),
        title: get(data, "title").as_string(),
        summary: fazhi_lens::panel::Summary {
            body: get(data, "body").as_string(),
            level: get(data, "level").as_string(),
            published: get(data, "published").as_string(),
            figures: get(data, "figures").as_f64().unwrap_or(0.0) as usize,
            checks: get(data, "checks").as_f64().unwrap_or(0.0) as usize,
            failed: get(data, "failed")
                .as_string()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        },
    })
}

/// The URL of this module's wasm-bindgen glue and the compiled module, which a worker
/// (`www/worker.js`) needs to run this same module; `None` where there are none to give.
pub fn glue_and_module() -> Option<(String, JsValue)> {
    let module = wasm_bindgen::module();
    GLUE_URL.with(JsValue::as_string).filter(|_| module.is_object()).map(|glue| (glue, module))
}

/// Resolves in a later task (a zero-delay timer), so the browser can handle input in between.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve: Function, _reject: Function| match web_sys::window() {
        Some(window) => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
        None => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the browser has had the chance to paint: after the next animation frame and
/// then a task, or after 100 ms when frames do not come (a background tab).
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve: Function, _reject: Function| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        let w = window.clone();
        let frame = Closure::once_into_js(move || {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = window.request_animation_frame(frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
