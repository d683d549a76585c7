//! `FiguresTable`: every figure as a sortable, filterable `table#figures`. Choosing a row
//! marks its sentence in the source text.

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_lens::Figure;
use yew::prelude::*;

use super::browser::closest;
use super::figure_filters::{FigureFilters, Filters, KeyFilter};
use super::i18n::fill;
use super::model::{use_strings, Analysis, Show};
use super::text::{format_value, truncate_chars};

/// Rows rendered at first and per "show more" (a huge input may have tens of thousands).
const PAGE: usize = 500;

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
    let needle = filters.text.trim().to_lowercase();
    let range = filters.section.and_then(|i| a.report.sections.get(i)).map(|s| s.start..s.end);
    let keep = |(i, f): &(usize, &Figure)| {
        (needle.is_empty() || f.indicator.to_lowercase().contains(&needle) || f.surface.to_lowercase().contains(&needle))
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
    let limit = use_state(|| PAGE);

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
                if asc { o } else { o.reverse() }
            });
        }
        rows
    });

    let on_filters = {
        let (filters, limit) = (filters.clone(), limit.clone());
        Callback::from(move |f: Filters| {
            filters.set(f);
            limit.set(PAGE);
        })
    };
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
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE))
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
            <th scope="col" aria-sort={aria} class={format!("col-{}", format!("{col:?}").to_lowercase())}>
                <button type="button" class="sort" title={fill(s.sort_by, &[label])} {onclick}>
                    { label }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };

    let total = a.report.metrics.len();
    let shown = rows.len().min(*limit);
    html! {
        <section id="figures-panel" class="card" aria-labelledby="figures-heading">
            <h3 id="figures-heading">{ s.figures_heading }</h3>
            <FigureFilters analysis={a.clone()} filters={(*filters).clone()} on_change={on_filters} />
            <p class="summary" role="status">{ fill(s.figures_summary, &[&total.to_string(), &rows.len().to_string()]) }</p>
            <p class="help">{ s.figures_hint }</p>
            <div class="table-wrap">
                <table id="figures">
                    <thead>
                        <tr>
                            { header(Col::Indicator, s.col_indicator) }
                            { header(Col::Value, s.col_value) }
                            { header(Col::Unit, s.col_unit) }
                            { header(Col::Approx, s.col_approx) }
                            { header(Col::Section, s.col_section) }
                        </tr>
                    </thead>
                    <tbody onclick={on_click} onkeydown={on_keydown}>
                        { for rows.iter().take(shown).map(|&i| row(a, i, props.selected == Some(i), s.approx_mark)) }
                    </tbody>
                </table>
            </div>
            if rows.is_empty() {
                <p class="empty">{ s.figures_empty }</p>
            }
            if rows.len() > shown {
                <button type="button" id="figures-more" class="button" onclick={on_more}>
                    { fill(s.show_more, &[&PAGE.min(rows.len() - shown).to_string()]) }
                </button>
            }
        </section>
    }
}

/// One figure's row.
fn row(a: &Analysis, i: usize, selected: bool, approx_mark: &'static str) -> Html {
    let f = &a.report.metrics[i];
    let section = f.section.and_then(|j| a.report.sections.get(j));
    let section_full = section.map(|s| format!("{}{}", s.marker, s.title)).unwrap_or_default();
    html! {
        <tr class={classes!("figure", selected.then_some("selected"))} tabindex="0" data-index={i.to_string()}
            title={f.surface.clone()}>
            <td class="indicator">{ &f.indicator }</td>
            <td class="value">{ format_value(f.value) }</td>
            <td class="unit">{ &f.unit }</td>
            <td class="approx">{ if f.approx { approx_mark } else { "" } }</td>
            <td class="section" title={section_full.clone()}>{ truncate_chars(&section_full, 16) }</td>
        </tr>
    }
}
