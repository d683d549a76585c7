//! `ReportView`: the analysis of one report — header, exports, outline, key indicators,
//! figures, checks and the source text side by side.
//!
//! A huge report (a 2 MB paste has thousands of headings) is put on screen in steps, one task
//! each, so the page can paint and take input in between: first the header, figures and
//! checks, then the outline, then the source text. The outline, the section filter's choices
//! and the source text then grow in steps of their own (`progressive`).

use std::rc::Rc;

use fazhi_lens::history::YearOverYear;
use yew::prelude::*;

use super::checks::checks_panel;
use super::export_bar::export_bar;
use super::figures_table::FiguresTable;
use super::header::report_header;
use super::key_indicators::key_indicators;
use super::last_year::last_year_section;
use super::model::{Analysis, Highlight, Show};
use super::outline::Outline;
use super::source_view::SourceView;
use crate::i18n::use_strings;
use crate::platform::progressive::use_progressive;

/// Texts longer than this (bytes) are rendered in steps.
const STEPPED_ABOVE: usize = 256 * 1024;
/// The last step: everything is rendered.
const ALL: usize = 2;

/// Props of [`ReportView`].
#[derive(Properties)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Its name: the library's (the user's, once renamed), else the core's.
    pub name: AttrValue,
    /// Keep it in the library, when it is not there (the demo, or a deleted entry).
    #[prop_or_default]
    pub on_keep: Option<Callback<MouseEvent>>,
    /// The marked stretch of text, if any.
    pub highlight: Option<Highlight>,
    /// Mark a place in the text.
    pub on_show: Callback<Show>,
    /// Show an error message.
    pub on_error: Callback<Option<String>>,
    /// The report beside its body's earlier report in the library, once found.
    #[prop_or_default]
    pub last_year: Option<Rc<YearOverYear>>,
}

/// Derived, except for the last-year card: one is found once per report and never changes, so
/// the pointer says whether it is the same (a derived `==` compares every value of it, code the
/// .wasm would carry for nothing).
impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        let same_year = match (&self.last_year, &o.last_year) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_year
            && self.analysis == o.analysis
            && self.name == o.name
            && self.on_keep == o.on_keep
            && self.highlight == o.highlight
            && self.on_show == o.on_show
            && self.on_error == o.on_error
    }
}

/// The report area.
#[function_component]
pub fn ReportView(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    let selected = props.highlight.and_then(|h| h.figure);
    let step = use_progressive(ALL, if a.text.len() > STEPPED_ABOVE { 0 } else { ALL }, 1);
    let pending = || html! { <p class="loading" aria-busy="true">{ "…" }</p> };
    html! {
        <article id="report" class="report" aria-labelledby="report-title">
            { report_header(&a.report, &props.name, s) }
            if !a.report.looks_like_report() {
                <p id="not-a-report" class="notice" role="status">{ s.not_a_report }</p>
            }
            if let Some(on_keep) = props.on_keep.clone() {
                <p id="not-kept" class="notice">
                    { s.not_kept }{ " " }
                    <button type="button" id="keep-report" class="button small" onclick={on_keep}>{ s.keep_report }</button>
                </p>
            }
            { export_bar(a, &props.on_error, s) }
            <div class="workspace">
                <nav class="pane outline-pane" aria-labelledby="outline-heading">
                    <h3 id="outline-heading">{ s.outline_heading }</h3>
                    if step >= 1 {
                        <Outline analysis={a.clone()} on_show={props.on_show.clone()} />
                    } else {
                        { pending() }
                    }
                </nav>
                <div class="pane analysis-pane">
                    { key_indicators(a, &props.on_show, s) }
                    if let Some(y) = &props.last_year { { last_year_section(y, s) } }
                    <FiguresTable analysis={a.clone()} selected={selected} on_show={props.on_show.clone()} />
                    { checks_panel(&a.report.checks, s) }
                </div>
                <section class="pane source-pane" aria-labelledby="source-heading">
                    <h3 id="source-heading">{ s.source_heading }</h3>
                    if step >= ALL {
                        <SourceView analysis={a.clone()} highlight={props.highlight} />
                    } else {
                        { pending() }
                    }
                </section>
            </div>
        </article>
    }
}
