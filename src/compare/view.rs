//! `CompareView`: pick two or more reports of the library and see them side by side
//! (`section#compare`). The picked reports are analysed one after another by an analysis worker
//! of the view's own (the same `Analyzer` as the input's, started when first needed), kept by
//! library id, and aligned by the core's `compare`; every table and chart below renders that
//! `Comparison` as it is.

use std::rc::Rc;

use fazhi_lens::Report;
use yew::prelude::*;

use super::charts::charts_section;
use super::csv::{comparison_csv, panel_csv};
use super::model::{year_text, Compared, Lead, Picked, Reviewed};
use super::review::review_section;
use super::side::{changes_section, checks_table};
use super::table::{figures_table, key_table};
use crate::i18n::{fill, use_strings};
use crate::library::data::{LibraryState, Request};
use crate::library::store;
use crate::platform::browser::{download, now_iso};
use crate::platform::storage;
use crate::platform::worker::{Analyzer, Done, Failure};

/// Props of [`CompareView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The library the reports are picked from.
    pub library: UseReducerHandle<LibraryState>,
    /// Show an error message (a failed download).
    pub on_error: Callback<Option<String>>,
    /// The picked reports' library ids (the App's, shared with the library table).
    pub picks: Vec<String>,
    /// The picks changed (kept by the App, which saves them with [`save_picks`]).
    pub on_picks: Callback<Vec<String>>,
    /// Another view is on screen: the comparison keeps its analyses, out of sight.
    #[prop_or_default]
    pub hidden: bool,
    /// Open a report (at a value's sentence): where the review's names and values lead.
    #[prop_or_default]
    pub on_lead: Callback<Lead>,
}

/// Key, in `localStorage`, of the picked reports' library ids (one a line), so that a reload
/// keeps the comparison.
const PICKS_KEY: &str = "fazhi-lens.compare";

/// The picks kept by [`save_picks`] (the App reads them at start).
pub fn load_picks() -> Vec<String> {
    let stored = storage::local().and_then(|s| s.get_item(PICKS_KEY).ok().flatten()).unwrap_or_default();
    stored.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Keeps the picks (best effort: losing them costs a few clicks).
pub fn save_picks(ids: &[String]) {
    if let Some(store) = storage::local() {
        let _ = store.set_item(PICKS_KEY, &ids.join("\n"));
    }
}

/// The picked reports' analyses: each report so far with its library id (`None`: its analysis
/// failed), the analyzer that runs them (started when a comparison first needs one), and the id
/// it was last asked for. Lists, not maps: they hold the few picked reports, and a map type costs
/// the wasm more code than it saves.
#[derive(Default)]
struct Analyses {
    reports: Vec<(String, Option<Rc<Report>>)>,
    /// The analysed texts, by library id: the review's long panel quotes their sentences.
    texts: Vec<(String, Rc<str>)>,
    analyzer: Option<Analyzer<Request>>,
    asked: Option<String>,
}

/// The comparison section: picker, then the comparison of the picked reports.
#[function_component]
pub fn CompareView(props: &Props) -> Html {
    let s = use_strings();
    let cs = s.compare;
    let selected = &props.picks;
    let analyses = use_mut_ref(Analyses::default);
    let update = use_force_update();
    let entries = &props.library.entries;

    // Picked ids still in the library, in library order. What is no longer picked is forgotten,
    // so the list stays as small as the selection (and a failed report picked again is tried
    // again).
    let ids: Vec<String> = entries.iter().filter(|e| selected.contains(&e.id)).map(|e| e.id.clone()).collect();
    let mut a = analyses.borrow_mut();
    a.reports.retain(|(id, _)| ids.contains(id));
    a.texts.retain(|(id, _)| ids.contains(id));
    // The next picked report to analyse, once two are picked; asked for once, one at a time.
    let next = ids.iter().find(|id| ids.len() >= 2 && a.reports.iter().all(|(done, _)| done != *id)).cloned();
    if next != a.asked {
        if let Some(entry) = entries.iter().find(|e| next.as_ref() == Some(&e.id)) {
            let (done_into, update) = (analyses.clone(), update.clone());
            let on_done = Callback::from(move |done: Done<Request>| {
                let Some(id) = done.tag.entry_id else { return };
                let report = done.report.ok().map(|mut report| {
                    report.source = id.clone();
                    Rc::new(report)
                });
                let mut into = done_into.borrow_mut();
                into.texts.push((id.clone(), done.text));
                into.reports.push((id, report));
                update.force_update();
            });
            a.analyzer.get_or_insert_with(|| Analyzer::new(on_done.clone()));
            // The text comes from storage (the list holds none); a text that cannot be read
            // counts as a failed analysis.
            let (analyses, request) = (analyses.clone(), entry.request());
            wasm_bindgen_futures::spawn_local(async move {
                let id = request.entry_id.clone().unwrap_or_default();
                match store::text(&id).await {
                    Ok(text) => {
                        if let Some(analyzer) = &analyses.borrow().analyzer {
                            analyzer.run(Rc::from(text), request);
                        }
                    }
                    Err(_) => on_done.emit(Done { tag: request, text: Rc::from(""), report: Err(Failure::Crashed) }),
                }
            });
        }
        a.asked = next.clone();
    }
    // Said while there is no comparison to show.
    let status = match next {
        Some(_) => cs.analysing,
        None if a.reports.iter().any(|(_, report)| report.is_none()) => cs.analysis_failed,
        None => cs.need_two_selected,
    };
    // Once nothing is left to analyse: the picked reports that were analysed, in library order.
    let report_of = |id: &String| a.reports.iter().find(|(done, _)| done == id).and_then(|(_, report)| report.clone());
    let ready: Vec<Rc<Report>> = if next.is_none() { ids.iter().filter_map(report_of).collect() } else { Vec::new() };
    let picked: Vec<Picked> = ready
        .iter()
        .filter_map(|report| {
            let text = a.texts.iter().find(|(id, _)| *id == report.source)?.1.clone();
            let entry = entries.iter().find(|e| e.id == report.source)?;
            let file = if entry.source.is_empty() { entry.name.clone() } else { entry.source.clone() };
            Some(Picked { report: report.clone(), text, file, name: entry.name.clone() })
        })
        .collect();
    drop(a);
    let compared = {
        let library = props.library.clone();
        use_memo(ready.iter().map(|r| r.source.clone()).collect::<Vec<_>>(), move |ids| {
            let name_of =
                |id: &str| library.entries.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_default();
            (ids.len() >= 2).then(|| Rc::new(Compared::new(ids.clone(), &ready, name_of)))
        })
    };

    let toggle = |id: String| {
        let (selected, on_picks) = (selected.clone(), props.on_picks.clone());
        Callback::from(move |_: Event| {
            let mut next = selected.clone();
            match next.iter().position(|x| *x == id) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(id.clone()),
            }
            on_picks.emit(next);
        })
    };
    let on_all = {
        let (on_picks, all) = (props.on_picks.clone(), entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>());
        Callback::from(move |_: MouseEvent| on_picks.emit(all.clone()))
    };
    let on_none = {
        let on_picks = props.on_picks.clone();
        Callback::from(move |_: MouseEvent| on_picks.emit(Vec::new()))
    };

    html! {
        <section id="compare" class="panel compare-panel" aria-labelledby="compare-heading" hidden={props.hidden}>
                <h2 id="compare-heading">{ cs.heading }</h2>
                <p class="help">{ cs.help }</p>
                if entries.len() < 2 {
                    <p class="empty">{ cs.need_two_library }</p>
                } else {
                    <fieldset id="compare-picker" class="compare-picker">
                        <legend>{ cs.picker_legend }</legend>
                        <ul class="compare-picks">
                            { for entries.iter().map(|e| {
                                let id = format!("compare-pick-{}", e.id);
                                let region = e.region.clone().unwrap_or_else(|| s.region_unknown.to_string());
                                let year = year_text(s, e.year);
                                html! {
                                    <li key={e.id.clone()}>
                                        <input type="checkbox" id={id.clone()} class="compare-pick" value={e.id.clone()}
                                            checked={selected.contains(&e.id)} onchange={toggle(e.id.clone())} />
                                        <label for={id}>
                                            <span class="pick-region">{ region }</span>
                                            <span class="pick-year">{ year }</span>
                                            <span class="pick-name" lang="zh-CN">{ &e.name }</span>
                                        </label>
                                    </li>
                                }
                            }) }
                        </ul>
                        <div class="actions">
                            <button type="button" id="compare-all" class="button small" onclick={on_all}>{ cs.select_all }</button>
                            <button type="button" id="compare-none" class="button small subtle" onclick={on_none}>{ cs.select_none }</button>
                        </div>
                    </fieldset>
                    if let Some(c) = (*compared).clone() {
                        <CompareResult compared={c} picked={Rc::new(picked)} on_error={props.on_error.clone()} on_lead={props.on_lead.clone()} />
                    } else {
                        <p class="empty" role="status">{ status }</p>
                    }
                }
        </section>
    }
}

/// Props of [`CompareResult`].
#[derive(Properties, PartialEq)]
struct ResultProps {
    compared: Rc<Compared>,
    /// The compared reports with their texts (for the review and its long panel).
    picked: Rc<Vec<Picked>>,
    on_error: Callback<Option<String>>,
    on_lead: Callback<Lead>,
}

impl PartialEq for Picked {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report)
    }
}

/// The comparison of the picked reports: summary, export, tables, charts, checks.
#[function_component]
fn CompareResult(props: &ResultProps) -> Html {
    let s = use_strings();
    let cs = s.compare;
    let c = &props.compared;
    let regions = c.comparison.series().iter().filter(|ser| ser.key.is_some()).count();
    // One closure for both exports: each closure type costs the .wasm its own code.
    let export = |panel: bool| {
        let (c, picked, err) = (c.clone(), props.picked.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (stem, csv) = if panel {
                (s.review.panel_file_stem, panel_csv(&picked))
            } else {
                (s.compare.csv_file_stem, comparison_csv(&c.comparison, &c.columns, s))
            };
            let date = now_iso().get(..10).unwrap_or_default().to_string();
            if let Err(e) = download(&format!("{stem}-{date}.csv"), "text/csv;charset=utf-8", &csv) {
                err.emit(Some(e));
            }
        })
    };
    // The review is worked out only once asked for: a set of 80 reports is compared twice then.
    let reviewing = use_state(|| false);
    let reviewed =
        use_memo((*reviewing, props.picked.clone()), |(on, picked)| on.then(|| Rc::new(Reviewed::new(picked))));
    let mode = |review: bool, id: &'static str, label: &'static str| {
        let reviewing = reviewing.clone();
        html! {
            <button type="button" {id} class="view-tab" aria-pressed={(*reviewing == review).to_string()}
                onclick={Callback::from(move |_: MouseEvent| reviewing.set(review))}>{ label }</button>
        }
    };
    html! {
        <div id="compare-result" class="compare-result">
            <p class="summary" role="status">
                { fill(cs.summary, &[&s.count(s.n_reports, c.reports.len()), &s.count(s.n_regions, regions)]) }
            </p>
            <div class="actions">
                <button type="button" id="compare-export-csv" class="button" onclick={export(false)}>{ cs.export_csv }</button>
                <button type="button" id="review-export-panel" class="button" onclick={export(true)}>{ s.review.export_panel }</button>
            </div>
            <div class="view-switch compare-modes" role="group" aria-label={cs.heading}>
                { mode(false, "compare-mode-table", s.review.mode_compare) }
                { mode(true, "compare-mode-review", s.review.mode_review) }
            </div>
            if let Some(r) = reviewed.as_ref().as_ref() {
                { review_section(r, s, &props.on_lead) }
            } else {
                { key_table(c, s) }
                { charts_section(c, s) }
                { figures_table(c, s) }
                { changes_section(c, s) }
                { checks_table(c, s) }
            }
        </div>
    }
}
