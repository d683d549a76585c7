//! `FiguresTable`: every figure as a sortable, filterable `table#figures`. Choosing a row
//! marks its sentence in the source text.
//!
//! A report may hold tens of thousands of figures, so the table is virtual: it scrolls inside
//! its own box and only the rows in view (plus a margin) are in the DOM, between two spacer
//! rows that keep the scroll height right. Rows have one fixed height (CSS keeps each cell on
//! one line), measured once from a real row. It stays a real `<table>`: `aria-rowcount` and
//! `aria-rowindex` tell assistive technology where the rendered rows sit.

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_lens::format::number;
use fazhi_lens::Figure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::figure_filters::{FigureFilters, Filters, KeyFilter};
use super::model::{Analysis, Show};
use crate::i18n::{fill, truncate_chars, use_strings};
use crate::platform::browser::closest;

/// Rows rendered above and below the visible ones, so a quick scroll does not show blanks.
const OVERSCAN: usize = 20;
/// The first rendered row moves in steps of this many rows (fewer re-renders while scrolling).
const STEP: usize = 10;
/// With more rows than this the box gets a fixed height (`.tall`), so that the browser can lay
/// out the table alone while it scrolls (a relayout boundary), not the whole page.
const TALL_ABOVE: usize = 20;
/// Row height (px) and visible height before the first measurement.
const GUESS_ROW_PX: f64 = 33.0;
const GUESS_VIEW_PX: f64 = 600.0;

/// Which rows to render: `[start, end)` of `n` for a scroll position.
fn window(n: usize, scroll_top: f64, view_px: f64, row_px: f64) -> (usize, usize) {
    let row_px = row_px.max(1.0);
    let first = (scroll_top.max(0.0) / row_px) as usize;
    let start = first.saturating_sub(OVERSCAN) / STEP * STEP;
    let visible = (view_px.max(0.0) / row_px).ceil() as usize + 1;
    let end = (first + visible + OVERSCAN).div_ceil(STEP) * STEP;
    (start.min(n), end.min(n))
}

/// The scroll box's measurements.
#[derive(Clone, Copy, PartialEq)]
struct Viewport {
    scroll_top: f64,
    height: f64,
}

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Indicator,
    Value,
    Unit,
    Approx,
    Section,
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
    let viewport = use_state(|| Viewport { scroll_top: 0.0, height: GUESS_VIEW_PX });
    let row_px = use_state(|| GUESS_ROW_PX);
    let wrap_ref = use_node_ref();
    let top_ref = use_node_ref();
    let bottom_ref = use_node_ref();

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
    // Re-render only when the window of rows to render moves.
    let on_scroll = {
        let (viewport, row_px, n) = (viewport.clone(), *row_px, rows.len());
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            let next = Viewport { scroll_top: f64::from(el.scroll_top()), height: f64::from(el.client_height()) };
            let now = *viewport;
            if window(n, next.scroll_top, next.height, row_px) != window(n, now.scroll_top, now.height, row_px) {
                viewport.set(next);
            }
        })
    };
    // New filters or sort order: back to the first row.
    {
        let (wrap_ref, viewport) = (wrap_ref.clone(), viewport.clone());
        use_effect_with(rows.clone(), move |_| {
            if let Some(wrap) = wrap_ref.cast::<Element>() {
                wrap.set_scroll_top(0);
                viewport.set(Viewport { scroll_top: 0.0, height: f64::from(wrap.client_height()) });
            }
        });
    }
    let pick = |e: &Event| closest(e.target(), "tr.figure").and_then(|tr| tr.get_attribute("data-index")?.parse().ok());
    let on_click = {
        let on_show = props.on_show.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = pick(&e) {
                on_show.emit(Show::Figure(i));
            }
        })
    };
    let on_keydown = {
        let on_show = props.on_show.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(i) = pick(&e) {
                    e.prevent_default();
                    on_show.emit(Show::Figure(i));
                }
            }
        })
    };

    let header = |col: Col, label: &'static str| {
        let state = sort.and_then(|(c, asc)| (c == col).then_some(asc));
        let aria = match state {
            Some(true) => "ascending",
            Some(false) => "descending",
            None => "none",
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| sort.set(Some((col, state != Some(true)))))
        };
        let arrow = match state {
            Some(true) => "▲",
            Some(false) => "▼",
            None => "↕",
        };
        html! {
            <th scope="col" aria-sort={aria} class={format!("col-{}", format!("{col:?}").to_ascii_lowercase())}>
                <button type="button" class="sort" title={fill(s.sort_by, &[label])} {onclick}>
                    { label }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };

    let total = a.report.metrics.len();
    let (start, end) = window(rows.len(), viewport.scroll_top, viewport.height, *row_px);
    // After every render: size the spacers (CSSOM, since the CSP allows no style attributes)
    // and measure the real row height once rows exist.
    {
        let (top_ref, bottom_ref, row_px) = (top_ref.clone(), bottom_ref.clone(), row_px.clone());
        let above = start as f64 * *row_px;
        let below = (rows.len() - end) as f64 * *row_px;
        use_effect(move || {
            for (cell, px) in [(&top_ref, above), (&bottom_ref, below)] {
                if let Some(cell) = cell.cast::<HtmlElement>() {
                    let _ = cell.style().set_property("height", &format!("{px}px"));
                }
            }
            let first_row =
                top_ref.cast::<Element>().and_then(|td| td.parent_element()).and_then(|tr| tr.next_element_sibling());
            if let Some(tr) = first_row.and_then(|tr| tr.dyn_into::<HtmlElement>().ok()) {
                let measured = tr.get_bounding_client_rect().height();
                if measured > 0.0 && (measured - *row_px).abs() > 0.25 {
                    row_px.set(measured);
                }
            }
        });
    }
    html! {
        <section id="figures-panel" class="card" aria-labelledby="figures-heading">
            <h3 id="figures-heading">{ s.figures_heading }</h3>
            <FigureFilters analysis={a.clone()} filters={(*filters).clone()} on_change={on_filters} />
            <p class="summary" role="status">{ fill(s.figures_summary, &[&total.to_string(), &rows.len().to_string()]) }</p>
            <p class="help">{ s.figures_hint }</p>
            <div class={classes!("table-wrap", (rows.len() > TALL_ABOVE).then_some("tall"))} ref={wrap_ref} onscroll={on_scroll}>
                <table id="figures" aria-rowcount={(rows.len() + 1).to_string()}>
                    <thead>
                        <tr aria-rowindex="1">
                            { header(Col::Indicator, s.col_indicator) }
                            { header(Col::Value, s.col_value) }
                            { header(Col::Unit, s.col_unit) }
                            { header(Col::Approx, s.col_approx) }
                            { header(Col::Section, s.col_section) }
                        </tr>
                    </thead>
                    <tbody onclick={on_click} onkeydown={on_keydown}>
                        <tr class="spacer" aria-hidden="true"><td colspan="5" ref={top_ref}></td></tr>
                        { for rows[start..end].iter().enumerate().map(|(k, &i)| row(a, i, start + k, props.selected == Some(i), s.approx_mark)) }
                        <tr class="spacer" aria-hidden="true"><td colspan="5" ref={bottom_ref}></td></tr>
                    </tbody>
                </table>
            </div>
            if rows.is_empty() {
                <p class="empty">{ s.figures_empty }</p>
            }
        </section>
    }
}

/// One figure's row: figure `i`, at `position` among the filtered rows.
fn row(a: &Analysis, i: usize, position: usize, selected: bool, approx_mark: &'static str) -> Html {
    let f = &a.report.metrics[i];
    let section = f.section.and_then(|j| a.report.sections.get(j));
    let section_full = section.map(|s| format!("{}{}", s.marker, s.title)).unwrap_or_default();
    html! {
        <tr key={i} class={classes!("figure", selected.then_some("selected"))} tabindex="0" data-index={i.to_string()}
            aria-rowindex={(position + 2).to_string()} title={f.surface.clone()}>
            <td class="indicator" title={f.indicator.clone()}>{ &f.indicator }</td>
            <td class="value">{ number(f.value) }</td>
            <td class="unit">{ &f.unit }</td>
            <td class="approx">{ if f.approx { approx_mark } else { "" } }</td>
            <td class="section" title={section_full.clone()}>{ truncate_chars(&section_full, 16) }</td>
        </tr>
    }
}
