//! `App`: owns the shared state (language, library, current analysis, error, highlight) and
//! wires the panels together.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use fazhi_lens::Report;
use yew::prelude::*;

use super::footer::app_footer;
use super::header::app_header;
use super::language;
use super::last_year::use_last_year;
use crate::compare::model::Lead;
use crate::compare::view::{load_picks, save_picks, CompareView};
use crate::i18n::{is_demo_source, Lang};
use crate::input::many::ManyProgress;
use crate::input::panel::InputPanel;
use crate::input::progress::AnalysisProgress;
use crate::library::data::{text_id, Record, Request};
use crate::library::panel::{notice_text, LibraryPanel};
use crate::library::store::{self, use_library, Library};
use crate::platform::browser;
use crate::platform::many::{self, Item, Run};
use crate::platform::storage;
use crate::platform::worker::{now, Analyzer, Done, Failure};
use crate::report::model::{Analysis, Highlight, Show};
use crate::report::view::ReportView;

/// Where the latest analysis request stands, until its report is shown.
#[derive(Clone)]
enum Pending {
    /// On its way (the progress line): its size, and whether it runs in a worker.
    Busy { bytes: usize, in_worker: bool },
    /// It gave no report (issue 21): the notice, with what "try again" runs again. `broken`:
    /// the page's analyser is unusable (`worker::Failure::Broken`), only a reload helps.
    Failed { text: Rc<str>, request: Request, broken: bool },
}

/// Reports of "open many" wait for this many, or this long (ms), before they are stored in one
/// write: the library is listed (and drawn) again after each write, not after each file.
const BATCH: usize = 25;
const BATCH_MS: f64 = 1000.0;

/// Stores a batch of reports of `run`, counting those new to the library.
fn store_batch(library: &Library, records: Vec<Record>, run: &Rc<Run>) {
    if records.is_empty() {
        return;
    }
    run.writing.set(run.writing.get() + 1);
    let run = run.clone();
    store::add_many(library, records, move |added| {
        run.added.set(run.added.get() + added.unwrap_or(0));
        run.writing.set(run.writing.get() - 1);
    });
}

/// The whole page.
#[function_component]
pub fn App() -> Html {
    let lang = use_state(|| language::load().unwrap_or(Lang::Zh));
    let s = lang.strings();
    let library = use_library();
    let analysis = use_state(|| None::<Rc<Analysis>>);
    let error = use_state(|| None::<String>);
    let highlight = use_state(|| None::<Highlight>);
    let seq = use_mut_ref(|| 0u32);
    // Where a review's value leads, until its report is on screen: the place to mark there.
    let lead = use_mut_ref(|| None::<Lead>);

    // The comparison is a view of its own beside the report, so that neither pushes the other
    // out of sight; both stay mounted (a big report is not rendered again when it comes back).
    let comparing = use_state(|| false);
    // The picked reports of the library: one set for every view of several reports (the
    // comparison; a review view takes the same `picks` and a callback like `on_compare`). Kept
    // in `localStorage` so that a reload keeps them.
    let picks = use_state(load_picks);
    let on_picks = {
        let picks = picks.clone();
        Callback::from(move |next: Vec<String>| {
            save_picks(&next);
            picks.set(next);
        })
    };
    let on_compare = {
        let comparing = comparing.clone();
        Callback::from(move |()| comparing.set(true))
    };

    use_effect_with(*lang, |lang| browser::set_document_lang(lang.code()));
    // Switching views brings the switch and the view under it to the top (not on load).
    {
        let switched = use_mut_ref(|| false);
        use_effect_with(*comparing, move |_| {
            if std::mem::replace(&mut *switched.borrow_mut(), true) {
                browser::reveal("views");
            }
        });
    }
    // Move focus to the new report's title, so keyboard and screen-reader users land on it, and
    // bring the title and the first panels into view.
    use_effect_with(analysis.as_ref().map(|a| a.seq), |seq| {
        if seq.is_some() {
            browser::focus_id("report-title");
            browser::reveal("report");
        }
    });
    // A message (a refused file, an empty paste) is where the eye is.
    use_effect_with((*error).is_some(), |&shown| {
        if shown {
            browser::reveal("error");
        }
    });

    // Shows a report on screen; saving to the library is separate and may fail on its own.
    let show_report = {
        let (analysis, error, highlight, seq, comparing, lead) =
            (analysis.clone(), error.clone(), highlight.clone(), seq.clone(), comparing.clone(), lead.clone());
        move |text: Rc<str>, report: Report, entry_id: String| {
            comparing.set(false);
            let next = {
                let mut n = seq.borrow_mut();
                *n += 1;
                *n
            };
            let shown = Analysis::new(next, text, report, entry_id);
            // A review's value: its figure, else its clause found in the text.
            let mark = lead
                .borrow_mut()
                .take()
                .filter(|l| l.id == shown.entry_id)
                .and_then(|l| shown.place(&shown.value_at(l.metric, &l.evidence)?));
            highlight.set(mark.map(|(start, end, figure)| Highlight { start, end, figure, seq: next }));
            analysis.set(Some(Rc::new(shown)));
            error.set(None);
        }
    };

    // Analyses run in a Web Worker when one can start (see `worker`); answers arrive here.
    // One state for both: the busy line and the failure notice take the same place.
    let pending = use_state(|| None::<Pending>);
    let on_done = {
        let (library, pending, show_report) = (library.clone(), pending.clone(), show_report.clone());
        Callback::from(move |done: Done<Request>| {
            let Done { tag, text, report } = done;
            let mut report = match report {
                Ok(report) => report,
                // The text stays where it was (the paste area, the library): nothing to undo.
                Err(failure) => {
                    pending.set(Some(Pending::Failed { text, request: tag, broken: failure == Failure::Broken }));
                    return;
                }
            };
            pending.set(None);
            report.source = tag.source;
            let id = match tag.entry_id {
                // An entry saved by an earlier build gets its table summary now (its name and
                // place in the list kept).
                Some(id) => {
                    if let Some(e) = library.entries.iter().find(|e| e.id == id && e.summary.is_none()) {
                        store::add(&library, Record::new(&text, &report, e.saved_at.clone()));
                    }
                    id
                }
                // The made-up demo joins the library (and so comparisons) only when kept.
                None if is_demo_source(&report.source) => text_id(&text),
                None => {
                    let record = Record::new(&text, &report, browser::now_iso());
                    let id = record.id.clone();
                    store::add(&library, record);
                    id
                }
            };
            show_report(text, report, id);
        })
    };
    use_effect_with(matches!(*pending, Some(Pending::Failed { .. })), |&failed| {
        if failed {
            browser::reveal("analysis-failure");
        }
    });
    let analyzer = use_mut_ref(|| Analyzer::new(on_done.clone()));
    analyzer.borrow().set_on_done(on_done);
    let start = {
        let (analyzer, pending) = (analyzer.clone(), pending.clone());
        move |text: Rc<str>, request: Request| {
            let analyzer = analyzer.borrow();
            pending.set(Some(Pending::Busy { bytes: text.len(), in_worker: analyzer.uses_worker() }));
            analyzer.run(text, request);
        }
    };

    // Stable, so the input panel does not re-render with the page: each of its renders reads
    // the paste area's whole text back from the DOM (2 MB: ~10 ms).
    let on_analyze = {
        let (error, start) = (error.clone(), start.clone());
        use_callback(*lang, move |(text, source): (String, String), lang| {
            if text.trim().is_empty() {
                error.set(Some(lang.strings().err_empty.to_string()));
                return;
            }
            error.set(None);
            start(Rc::from(text), Request { source, entry_id: None });
        })
    };

    // "Open many": the reports join the library in batches; the report on screen stays as it
    // is (which of hundreds would the user expect?), and the summary says what came of them.
    let many_run = use_state(|| None::<Rc<Run>>);
    let on_many = {
        let (many_run, library, error) = (many_run.clone(), library.clone(), error.clone());
        Callback::from(move |items: Vec<Item>| {
            if let Some(old) = (*many_run).as_ref() {
                old.cancel();
            }
            error.set(None);
            let slot: Rc<RefCell<Weak<Run>>> = Rc::default();
            let batch = Rc::new(RefCell::new((Vec::<Record>::new(), now())));
            let on_file = {
                let (slot, batch, library) = (slot.clone(), batch.clone(), library.clone());
                move |name: String, outcome: Result<_, _>| {
                    let Ok(file): Result<crate::platform::worker::FileReport, many::Failure> = outcome else { return };
                    let mut b = batch.borrow_mut();
                    b.0.push(Record {
                        id: text_id(&file.text),
                        name: file.name.unwrap_or_else(|| name.clone()),
                        region: file.region,
                        year: file.year,
                        title: file.title,
                        source: name,
                        saved_at: browser::now_iso(),
                        summary: Some(file.summary),
                        text: file.text,
                    });
                    if b.0.len() >= BATCH || now() - b.1 >= BATCH_MS {
                        let records = std::mem::take(&mut b.0);
                        b.1 = now();
                        if let Some(run) = slot.borrow().upgrade() {
                            store_batch(&library, records, &run);
                        }
                    }
                }
            };
            let on_end = {
                let (slot, library) = (slot.clone(), library.clone());
                move || {
                    if let Some(run) = slot.borrow().upgrade() {
                        store_batch(&library, std::mem::take(&mut batch.borrow_mut().0), &run);
                    }
                }
            };
            let run = many::start(items, Box::new(on_file), Box::new(on_end));
            *slot.borrow_mut() = Rc::downgrade(&run);
            many_run.set(Some(run));
        })
    };
    let on_close_many = {
        let many_run = many_run.clone();
        Callback::from(move |()| match (*many_run).as_ref() {
            Some(run) if !run.finished.get() => run.cancel(),
            _ => many_run.set(None),
        })
    };

    // Try again; or, when the page's analyser is unusable, reload with the text kept.
    let on_failure_action = {
        let (pending, error, start) = (pending.clone(), error.clone(), start.clone());
        Callback::from(move |_: MouseEvent| match (*pending).clone() {
            // Never a reload that would lose the text: it stays in the input box meanwhile.
            Some(Pending::Failed { text, broken: true, .. }) => {
                if storage::save_draft(&text) {
                    browser::reload();
                } else {
                    error.set(Some(s.reload_unsaved.to_string()));
                }
            }
            Some(Pending::Failed { text, request, .. }) => start(text, request),
            _ => {}
        })
    };

    // The text is read from storage only now: the list holds none.
    let on_open = {
        let (library, error) = (library.clone(), error.clone());
        Callback::from(move |id: String| {
            let Some(request) = library.entries.iter().find(|e| e.id == id).map(|e| e.request()) else { return };
            let (start, error) = (start.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match store::text(&id).await {
                    Ok(text) => start(Rc::from(text), request),
                    Err(notice) => error.set(Some(notice_text(s, &notice))),
                }
            });
        })
    };

    let on_lead = {
        let (lead, on_open) = (lead.clone(), on_open.clone());
        Callback::from(move |l: Lead| {
            let id = l.id.clone();
            *lead.borrow_mut() = Some(l);
            on_open.emit(id);
        })
    };
    let last_year = use_last_year((*analysis).clone(), &library);

    let on_cancel = {
        let (analyzer, pending) = (analyzer.clone(), pending.clone());
        Callback::from(move |()| {
            analyzer.borrow().cancel();
            pending.set(None);
        })
    };

    // The same callbacks until the analysis changes: the report view (thousands of outline
    // items for a big paste) then does not re-render when only the library or the input does.
    let on_show = {
        let (highlight, seq) = (highlight.clone(), seq.clone());
        use_callback((*analysis).clone(), move |show: Show, analysis| {
            let Some((start, end, figure)) = analysis.as_ref().and_then(|a| a.place(&show)) else { return };
            let next = {
                let mut n = seq.borrow_mut();
                *n += 1;
                *n
            };
            highlight.set(Some(Highlight { start, end, figure, seq: next }));
        })
    };

    let on_error = {
        let error = error.clone();
        use_callback((), move |message: Option<String>, _| error.set(message))
    };

    let on_toggle_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = lang.other();
            language::save(next);
            lang.set(next);
        })
    };

    let show_view = |compare: bool| {
        let comparing = comparing.clone();
        Callback::from(move |_: MouseEvent| comparing.set(compare))
    };
    let current = analysis.as_ref().map(|a| AttrValue::from(a.entry_id.clone()));
    // The report on screen in the library: the user's name wins; else it can be kept.
    let entry = analysis.as_ref().and_then(|a| library.entries.iter().find(|e| e.id == a.entry_id));
    let name = match (entry, analysis.as_ref()) {
        (Some(e), _) => AttrValue::from(e.name.clone()),
        (None, Some(a)) => AttrValue::from(a.report.display_name().unwrap_or_else(|| s.no_title.to_string())),
        (None, None) => AttrValue::default(),
    };
    let on_keep = match (entry, (*analysis).clone()) {
        (None, Some(a)) => {
            let library = library.clone();
            Some(Callback::from(move |_: MouseEvent| {
                store::add(&library, Record::new(&a.text, &a.report, browser::now_iso()));
            }))
        }
        _ => None,
    };
    html! {
        <ContextProvider<Lang> context={*lang}>
            if analysis.is_some() {
                <a class="skip-link" href="#report">{ s.skip_to_report }</a>
            }
            { app_header(*lang, on_toggle_lang) }
            <main id="main">
                <div class="intake">
                    <InputPanel on_analyze={on_analyze} on_error={on_error.clone()} {on_many} />
                    <LibraryPanel library={library.clone()} current={current} on_open={on_open}
                        picks={(*picks).clone()} on_picks={on_picks.clone()} on_compare={on_compare} />
                </div>
                <nav id="views" class="view-switch" aria-label={s.views_label}>
                    <button type="button" id="view-report" class="view-tab" aria-pressed={(!*comparing).to_string()}
                        onclick={show_view(false)}>{ s.view_report }</button>
                    <button type="button" id="compare-toggle" class="view-tab" aria-pressed={comparing.to_string()}
                        onclick={show_view(true)}>{ s.compare.heading }</button>
                </nav>
                <div id="error" class="error" role="alert">{ (*error).clone().unwrap_or_default() }</div>
                if let Some(run) = (*many_run).clone() {
                    <ManyProgress {run} on_close={on_close_many} />
                }
                if let Some(Pending::Busy { bytes, in_worker }) = *pending {
                    <AnalysisProgress {bytes} {in_worker} {on_cancel} />
                } else if let Some(Pending::Failed { broken, .. }) = *pending {
                    // Inline, not a component of its own: that costs ~1 KB of the .wasm's gzip
                    // budget.
                    <div id="analysis-failure" class="error analysis-failure" role="alert">
                        <p>{ if broken { s.analysis_broken } else { s.analysis_failed } }</p>
                        <button type="button" id="failure-action" class="button" onclick={on_failure_action}>
                            { if broken { s.reload_page } else { s.try_again } }
                        </button>
                    </div>
                }
                <CompareView library={library.clone()} picks={(*picks).clone()} {on_picks} on_error={on_error.clone()} hidden={!*comparing} {on_lead} />
                <div id="report-view" hidden={*comparing}>
                    if let Some(a) = (*analysis).clone() {
                        <ReportView key={a.seq.to_string()} analysis={a.clone()} {name} {on_keep} highlight={*highlight} on_show={on_show} on_error={on_error} {last_year} />
                    } else {
                        <p class="start-hint">{ s.start_hint }</p>
                    }
                </div>
            </main>
            { app_footer(s) }
        </ContextProvider<Lang>>
    }
}
