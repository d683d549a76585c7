//! `FiguresTable`: every figure as a sortable, filterable `table#figures`. Choosing a row
//! marks its sentence in the source text.
//!
//! A report may hold tens of thousands of figures, so the table is virtual: it scrolls inside
//! its own box and only the rows in view (plus a margin) are in the DOM, between two spacer
//! rows that keep the scroll height right. Rows have one fixed height (CSS keeps each cell on
//! one line), measured once from a real row. It is an ARIA grid with one tab stop
//! (`platform::virtual_list`): the arrow keys, Home/End and PageUp/PageDown move the active row,
//! which is scrolled into view; Enter or Space marks its sentence; Tab leaves the table.
//! `aria-rowcount` and `aria-rowindex` tell assistive technology where the rendered rows sit.

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_lens::format::number;
use fazhi_lens::Figure;
use yew::prelude::*;

use super::figure_filters::{FigureFilters, Filters, KeyFilter};
use super::model::{Analysis, Show};
use crate::i18n::{fill, truncate_chars, use_strings};
use crate::platform::browser::closest;
use crate::platform::virtual_list::{sort_header, use_virtual_list};

/// With more rows than this the box gets a fixed height (`.tall`), so that the browser can lay
/// out the table alone while it scrolls (a relayout boundary), not the whole page.
const TALL_ABOVE: usize = 20;

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Indicator,
    Value,
    Unit,
    Approx,
    Section,
}

impl Col {
    /// The header cell's class (the stylesheet sets column widths by it). Spelled out rather
    /// than derived from `Debug`, which the size-optimised build may compile to nothing.
    fn class(self) -> &'static str {
        match self {
            Col::Indicator => "col-indicator",
            Col::Value => "col-value",
            Col::Unit => "col-unit",
            Col::Approx => "col-approx",
            Col::Section => "col-section",
        }
    }
}

/// Props of [`FiguresTable`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// The figure whose sentence is marked, if any.
    pub selected: Option<usize>,
    /// Mark a figure's sentence.
    pub on_show: Callback<Show>,
}

/// Indices of the figures passing `filters`, in document order.
fn filtered(a: &Analysis, filters: &Filters, keys: &[Vec<String>]) -> Vec<usize> {
    // ASCII case folding only: reports are Chinese, and full Unicode case tables cost the wasm
    // several KB for letters no report uses.
    let needle = filters.text.trim().to_ascii_lowercase();
    let range = filters.section.and_then(|i| a.report.sections.get(i)).map(|s| s.start..s.end);
    let keep = |(i, f): &(usize, &Figure)| {
        (needle.is_empty()
            || f.indicator.to_ascii_lowercase().contains(&needle)
            || f.surface.to_ascii_lowercase().contains(&needle))
            && (filters.unit.is_empty() || f.unit == filters.unit)
            && range.as_ref().is_none_or(|r| r.contains(&f.start))
            && match &filters.key {
                KeyFilter::All => true,
                KeyFilter::Any => !keys[*i].is_empty(),
                KeyFilter::Id(id) => keys[*i].contains(id),
            }
    };
    a.report.metrics.iter().enumerate().filter(keep).map(|(i, _)| i).collect()
}

fn compare(a: &Analysis, col: Col, x: usize, y: usize) -> Ordering {
    let (f, g) = (&a.report.metrics[x], &a.report.metrics[y]);
    match col {
        Col::Indicator => f.indicator.cmp(&g.indicator),
        Col::Value => f.value.total_cmp(&g.value),
        Col::Unit => f.unit.cmp(&g.unit),
        Col::Approx => f.approx.cmp(&g.approx),
        Col::Section => f.section.cmp(&g.section),
    }
}

/// The figures table with its filters.
#[function_component]
pub fn FiguresTable(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    let filters = use_state(Filters::default);
    let sort = use_state(|| None::<(Col, bool)>);

    // For each figure, the key indicators it is the source of.
    let keys = use_memo(a.seq, |_| {
        let mut keys: Vec<Vec<String>> = vec![Vec::new(); a.report.metrics.len()];
        for (id, values) in &a.report.key_indicators {
            for m in values.iter().filter_map(|v| v.metric) {
                if let Some(k) = keys.get_mut(m) {
                    k.push(id.clone());
                }
            }
        }
        keys
    });
    let rows = use_memo(((*filters).clone(), *sort, a.seq), |(filters, sort, _)| {
        let mut rows = filtered(a, filters, &keys);
        if let Some((col, asc)) = *sort {
            rows.sort_by(|&x, &y| {
                let o = compare(a, col, x, y);
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        rows
    });

    // The same callback on every render, so scrolling does not re-render the filters.
    let on_filters = {
        let filters = filters.setter();
        use_callback((), move |f: Filters, _| filters.set(f))
    };
    let list = use_virtual_list(rows.len(), rows.clone());
    let on_click = {
        let (on_show, set_active) = (props.on_show.clone(), list.set_active.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(tr) = closest(e.target(), "tr.figure") else { return };
            let at = |name| tr.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
            if let (Some(i), Some(row)) = (at("data-index"), at("aria-rowindex")) {
                set_active.emit(row.saturating_sub(2));
                on_show.emit(Show::Figure(i));
            }
        })
    };
    // One tab stop: the grid holds the focus; keys move its active row.
    let on_keydown = {
        let (on_show, on_key, rows, active) = (props.on_show.clone(), list.on_key.clone(), rows.clone(), list.active);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(&i) = active.and_then(|k| rows.get(k)) {
                    e.prevent_default();
                    on_show.emit(Show::Figure(i));
                }
            } else {
                on_key.emit(e);
            }
        })
    };

    let header = |col: Col, label: &'static str| sort_header(col, col.class(), label, fill(s.sort_by, &[label]), &sort);

    let total = a.report.metrics.len();
    let (start, end) = (list.start, list.end);
    // Named only while rendered: an id that points at nothing is an error to assistive technology.
    let active = list.active.filter(|k| (start..end).contains(k));
    html! {
        <section id="figures-panel" class="card" aria-labelledby="figures-heading">
            <h3 id="figures-heading">{ s.figures_heading }</h3>
            <FigureFilters analysis={a.clone()} filters={(*filters).clone()} on_change={on_filters} />
            <p class="summary" role="status">{ fill(s.figures_summary, &[&s.count(s.n_figures, total), &rows.len().to_string()]) }</p>
            <p class="help">{ s.figures_hint }</p>
            <div class={classes!("table-wrap", (rows.len() > TALL_ABOVE).then_some("tall"))} ref={list.wrap_ref} onscroll={list.on_scroll}>
                <table id="figures" role="grid" tabindex="0" aria-labelledby="figures-heading" aria-readonly="true"
                    aria-rowcount={(rows.len() + 1).to_string()} aria-activedescendant={active.map(|k| format!("figure-row-{k}"))}
                    onkeydown={on_keydown}>
                    <thead>
                        <tr aria-rowindex="1">
                            { header(Col::Indicator, s.col_indicator) }
                            { header(Col::Value, s.col_value) }
                            { header(Col::Unit, s.col_unit) }
                            { header(Col::Approx, s.col_approx) }
                            { header(Col::Section, s.col_section) }
                        </tr>
                    </thead>
                    <tbody onclick={on_click}>
                        <tr class="spacer" aria-hidden="true"><td colspan="5" ref={list.top_ref}></td></tr>
                        { for rows[start..end].iter().enumerate().map(|(k, &i)| {
                            row(a, i, start + k, props.selected == Some(i), active == Some(start + k), s.approx_mark)
                        }) }
                        <tr class="spacer" aria-hidden="true"><td colspan="5" ref={list.bottom_ref}></td></tr>
                    </tbody>
                </table>
            </div>
            if rows.is_empty() {
                <p class="empty">{ s.figures_empty }</p>
            }
        </section>
    }
}

/// One figure's row: figure `i`, at `position` among the filtered rows; `active`: the
/// keyboard's row.
fn row(a: &Analysis, i: usize, position: usize, selected: bool, active: bool, approx_mark: &'static str) -> Html {
    let f = &a.report.metrics[i];
    let section = f.section.and_then(|j| a.report.sections.get(j));
    let section_full = section.map(|s| format!("{}{}", s.marker, s.title)).unwrap_or_default();
    html! {
        <tr key={i} id={format!("figure-row-{position}")} class={classes!("figure", selected.then_some("selected"), active.then_some("active"))}
            data-index={i.to_string()} aria-rowindex={(position + 2).to_string()} aria-selected={selected.to_string()} title={f.surface.clone()}>
            <td role="gridcell" class="indicator" lang="zh-CN" title={f.indicator.clone()}>{ &f.indicator }</td>
            <td role="gridcell" class="value">{ number(f.value) }</td>
            <td role="gridcell" class="unit" lang="zh-CN">{ &f.unit }</td>
            <td role="gridcell" class="approx">{ if f.approx { approx_mark } else { "" } }</td>
            <td role="gridcell" class="section" lang="zh-CN" title={section_full.clone()}>{ truncate_chars(&section_full, 16) }</td>
        </tr>
    }
}
