//! `CompareView`: pick two or more reports of the library and see them side by side
//! (`section#compare`). The picked reports are analysed one after another by an analysis worker
//! of the view's own (the same `Analyzer` as the input's, started when first needed), kept by
//! library id, and aligned by the core's `compare`; every table and chart below renders that
//! `Comparison` as it is.

use std::rc::Rc;

use fazhi_lens::Report;
use yew::prelude::*;

use super::charts::charts_section;
use super::csv::comparison_csv;
use super::model::{year_text, Compared};
use super::side::{changes_section, checks_table};
use super::table::{figures_table, key_table};
use crate::i18n::{fill, use_strings};
use crate::library::data::{LibraryState, Request};
use crate::platform::browser::{download, now_iso};
use crate::platform::worker::{Analyzer, Done};

/// Props of [`CompareView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The library the reports are picked from.
    pub library: UseReducerHandle<LibraryState>,
    /// Show an error message (a failed download).
    pub on_error: Callback<Option<String>>,
}

/// The comparison section: picker, then the comparison of the picked reports.
#[function_component]
pub fn CompareView(props: &Props) -> Html {
    let s = use_strings();
    let cs = s.compare;
    let selected = use_state(Vec::<String>::new);
    // Reports analysed so far, each with its library id as `source`, and the ids whose analysis
    // failed. Lists, not maps: they hold the few picked reports, and a map type costs the wasm
    // more code than it saves.
    let cache = use_mut_ref(Vec::<Rc<Report>>::new);
    let failed = use_mut_ref(Vec::<String>::new);
    let update = use_force_update();
    let analyzer = use_mut_ref(|| None::<Analyzer<Request>>);
    let entries = &props.library.entries;

    // Picked ids still in the library, in library order. What is no longer picked is
    // forgotten, so the lists stay as small as the selection (and a failed report picked
    // again is tried again).
    let ids: Vec<String> = entries.iter().filter(|e| selected.contains(&e.id)).map(|e| e.id.clone()).collect();
    cache.borrow_mut().retain(|r| ids.contains(&r.source));
    failed.borrow_mut().retain(|id| ids.contains(id));
    let analysed = |id: &String| cache.borrow().iter().any(|r| r.source == *id);
    // The next picked report to analyse, once two are picked.
    let next = ids.iter().find(|id| ids.len() >= 2 && !analysed(id) && !failed.borrow().contains(id)).cloned();
    {
        let (library, cache, failed, update) = (props.library.clone(), cache.clone(), failed.clone(), update.clone());
        use_effect_with(next.clone(), move |next| {
            let Some(entry) = next.as_ref().and_then(|id| library.entries.iter().find(|e| e.id == *id)) else { return };
            let on_done = Callback::from(move |done: Done<Request>| {
                let Some(id) = done.tag.entry_id else { return };
                match done.report {
                    Ok(mut report) => {
                        report.source = id;
                        cache.borrow_mut().push(Rc::new(report));
                    }
                    Err(_) => failed.borrow_mut().push(id),
                }
                update.force_update();
            });
            analyzer.borrow_mut().get_or_insert_with(|| Analyzer::new(on_done)).run(Rc::from(entry.text.as_str()), entry.request());
        });
    }

    // Once nothing is left to analyse: the picked reports that were analysed, aligned.
    let ready: Vec<String> = if next.is_none() { ids.iter().filter(|id| analysed(id)).cloned().collect() } else { Vec::new() };
    let compared = {
        let (library, cache) = (props.library.clone(), cache.clone());
        use_memo(ready, move |ids| {
            if ids.len() < 2 {
                return None;
            }
            let cache = cache.borrow();
            let reports: Vec<Rc<Report>> = ids.iter().filter_map(|id| cache.iter().find(|r| r.source == *id).cloned()).collect();
            let name_of = |id: &str| library.entries.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_default();
            Some(Rc::new(Compared::new(ids.clone(), &reports, name_of)))
        })
    };
    let failures: Vec<&str> = entries.iter().filter(|e| failed.borrow().contains(&e.id)).map(|e| e.name.as_str()).collect();

    let toggle = |id: String| {
        let selected = selected.clone();
        Callback::from(move |_: Event| {
            let mut next = (*selected).clone();
            match next.iter().position(|x| *x == id) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(id.clone()),
            }
            selected.set(next);
        })
    };
    let on_all = {
        let (selected, all) = (selected.clone(), entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>());
        Callback::from(move |_: MouseEvent| selected.set(all.clone()))
    };
    let on_none = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(Vec::new()))
    };

    html! {
        <section id="compare" class="panel compare-panel" aria-labelledby="compare-heading">
            <details id="compare-details">
                <summary id="compare-toggle">
                    <h2 id="compare-heading">{ cs.heading }</h2>
                </summary>
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
                                            <span class="pick-name">{ &e.name }</span>
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
                    if !failures.is_empty() {
                        <p class="error" role="alert">{ fill(cs.analysis_failed, &[&failures.join(cs.list_sep)]) }</p>
                    }
                    if let Some(c) = (*compared).clone() {
                        <CompareResult compared={c} on_error={props.on_error.clone()} />
                    } else if next.is_some() {
                        <p class="empty" role="status">{ cs.analysing }</p>
                    } else {
                        <p class="empty" role="status">{ cs.need_two_selected }</p>
                    }
                }
            </details>
        </section>
    }
}

/// Props of [`CompareResult`].
#[derive(Properties, PartialEq)]
struct ResultProps {
    compared: Rc<Compared>,
    on_error: Callback<Option<String>>,
}

/// The comparison of the picked reports: summary, export, tables, charts, checks.
#[function_component]
fn CompareResult(props: &ResultProps) -> Html {
    let s = use_strings();
    let cs = s.compare;
    let c = &props.compared;
    let regions = c.comparison.series().iter().filter(|ser| ser.key.is_some()).count();
    let on_csv = {
        let (c, err) = (c.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            let date = now_iso().get(..10).unwrap_or_default().to_string();
            let csv = comparison_csv(&c.comparison, &c.columns, s);
            if let Err(e) = download(&format!("{}-{date}.csv", s.compare.csv_file_stem), "text/csv;charset=utf-8", &csv) {
                err.emit(Some(e));
            }
        })
    };
    html! {
        <div id="compare-result" class="compare-result">
            <p class="summary" role="status">
                { fill(cs.summary, &[&c.reports.len().to_string(), &regions.to_string()]) }
            </p>
            <div class="actions">
                <button type="button" id="compare-export-csv" class="button" onclick={on_csv}>{ cs.export_csv }</button>
            </div>
            { key_table(c, s) }
            { charts_section(c, s) }
            { figures_table(c, s) }
            { changes_section(c, s) }
            { checks_table(c, s) }
        </div>
    }
}
