//! The review (总览) of the picked reports, a mode of the comparison: how many pass each check
//! and which miss it (`table#review-checks`), the key indicators as a panel of reports ×
//! indicators with its gaps (`table#review-panel`), and a small chart of each indicator's spread
//! (`section#review-spread`). Every report name and value leads to its report (a [`Lead`]), a
//! value to its sentence there.
//!
//! Plain functions, like the comparison's sections: they render together from one [`Reviewed`].

use fazhi_lens::format::number;
use fazhi_lens::review::{CheckTally, Coverage};
use std::rc::Rc;

use yew::prelude::*;

use super::model::{coord, Lead, Reviewed};
use super::table::block;
use crate::i18n::{fill, shown, Strings};
use crate::platform::browser::closest;

/// Width of a spread chart, in SVG user units (its height is 44).
const W: f64 = 240.0;
/// The charts' `viewBox`: `W` by 44, spelled out (no `format!` for a constant).
const VIEW_BOX: &str = "0 0 240 44";
/// Margin left and right of a spread chart's scale.
const PAD: f64 = 10.0;

/// A report's name, leading to the report (`data-lead`: its column; see [`lead_of`]).
fn name_button(r: &Reviewed, col: usize) -> Html {
    let name = r.names.get(col).cloned().unwrap_or_default();
    html! { <button type="button" class="link review-name" lang="zh-CN" data-lead={col.to_string()}>{ name }</button> }
}

/// Where a button's `data-lead` leads: "col" to the report of that column, "col:row" to the
/// value of that row of the comparison as well. One listener for the whole review (each
/// listener costs the .wasm its own code).
fn lead_of(r: &Reviewed, data: &str) -> Option<Lead> {
    let c = &r.review.comparison;
    let (col, row) = match data.split_once(':') {
        Some((col, row)) => (col.parse().ok()?, Some(row.parse::<usize>().ok()?)),
        None => (data.parse().ok()?, None),
    };
    match row {
        Some(row) => Some(Lead::to_cell(c, col, c.rows.get(row)?.cells.get(col)?.as_ref()?)),
        None => Some(Lead { id: c.reports.get(col)?.source.clone(), ..Lead::default() }),
    }
}

/// A count and the names of the reports counted.
fn names_cell(r: &Reviewed, cols: &[usize], class: &'static str) -> Html {
    html! {
        <td class={class}>
            <span class="review-count">{ cols.len() }</span>
            if !cols.is_empty() {
                <ul class="review-names">
                    { for cols.iter().map(|&col| html! { <li>{ name_button(r, col) }</li> }) }
                </ul>
            }
        </td>
    }
}

fn check_row(r: &Reviewed, t: &CheckTally, s: &Strings) -> Html {
    html! {
        <tr data-id={t.id.clone()}>
            <th scope="row">{ s.check_label(&t.id) }</th>
            <td class="passed"><span class="review-count">{ t.passed.len() }</span></td>
            { names_cell(r, &t.failed, "failed") }
            { names_cell(r, &t.unknown, "unknown") }
        </tr>
    }
}

/// The label of an indicator's column: its name and what the row counts.
fn coverage_label(r: &Reviewed, c: &Coverage, s: &Strings) -> String {
    let counts = r
        .review
        .comparison
        .rows
        .get(c.row)
        .map(|row| s.counts(&row.scope, &row.measure, &row.subgroup, &row.part_of))
        .unwrap_or_default();
    if counts.is_empty() {
        s.key_label(&c.indicator).to_string()
    } else {
        [s.key_label(&c.indicator), " · ", &counts].concat()
    }
}

/// One panel cell: the value leading to its sentence, or the gap.
fn panel_cell(r: &Reviewed, c: &Coverage, col: usize, s: &'static Strings) -> Html {
    let rs = s.review;
    let cell = r.review.comparison.rows.get(c.row).and_then(|row| row.cells.get(col)).and_then(Option::as_ref);
    match cell {
        Some(v) => {
            let title = fill(rs.open_at, &[if v.sentence.is_empty() { &v.evidence } else { &v.sentence }]);
            html! {
                <td class={classes!("stated", v.approx.then_some("approx"))}>
                    <button type="button" class="link value-button" {title} data-lead={format!("{col}:{}", c.row)}>
                        { shown(&v.printed, v.approx, v.value, &v.unit) }
                    </button>
                </td>
            }
        }
        None if c.elsewhere.contains(&col) => html! { <td class="gap elsewhere">{ rs.elsewhere }</td> },
        None => html! { <td class="gap absent">{ rs.absent }</td> },
    }
}

/// The spread of one indicator: each report's value a dot on one scale, the median a tick.
fn spread_chart(r: &Reviewed, c: &Coverage, i: usize, s: &'static Strings) -> Html {
    let Some(sp) = &c.spread else { return Html::default() };
    let row = r.review.comparison.rows.get(c.row);
    let values: Vec<f64> = row.map(|row| row.values.iter().flatten().copied().collect()).unwrap_or_default();
    let span = sp.max - sp.min;
    let x = |v: f64| if span > 0.0 { PAD + (v - sp.min) / span * (W - 2.0 * PAD) } else { W / 2.0 };
    let approx = if sp.approx { "≈" } else { "" };
    let label = coverage_label(r, c, s);
    let (min, max) = ([approx, &number(sp.min)].concat(), [approx, &number(sp.max)].concat());
    let desc = fill(s.review.spread_desc, &[&min, &[approx, &number(sp.median)].concat(), &max]);
    let cap = format!("review-spread-{i}");
    html! {
        <figure class="compare-chart review-spread" data-id={c.indicator.clone()}>
            <svg class="chart" viewBox={VIEW_BOX} role="img" aria-labelledby={cap.clone()} aria-description={desc} focusable="false">
                <line class="axis" x1={coord(PAD)} x2={coord(W - PAD)} y1="20" y2="20" />
                <line class="median" x1={coord(x(sp.median))} x2={coord(x(sp.median))} y1="10" y2="30" />
                { for values.iter().map(|&v| html! { <circle class="point" cx={coord(x(v))} cy="20" r="3.5" /> }) }
                <text class="value" x={coord(PAD)} y="42">{ min }</text>
                <text class="value end" x={coord(W - PAD)} y="42">{ max }</text>
            </svg>
            <figcaption id={cap}>{ label }{ " (" }{ &c.unit }{ ")" }</figcaption>
        </figure>
    }
}

/// The review: check tallies, the indicator panel and the spread charts.
pub fn review_section(r: &Rc<Reviewed>, s: &'static Strings, on_lead: &Callback<Lead>) -> Html {
    let rs = s.review;
    let onclick = {
        let (r, on_lead) = (r.clone(), on_lead.clone());
        Callback::from(move |e: MouseEvent| {
            let data = closest(e.target(), "[data-lead]").and_then(|el| el.get_attribute("data-lead"));
            if let Some(lead) = data.and_then(|d| lead_of(&r, &d)) {
                on_lead.emit(lead);
            }
        })
    };
    let n = r.review.comparison.reports.len();
    let inds = &r.review.indicators;
    let checks = html! {
        <div class="table-wrap">
            <table id="review-checks" class="review-checks">
                <thead><tr>
                    <th scope="col">{ rs.col_check }</th>
                    <th scope="col">{ rs.col_passed }</th>
                    <th scope="col">{ rs.col_failed }</th>
                    <th scope="col">{ rs.col_unknown }</th>
                </tr></thead>
                <tbody>{ for r.review.checks.iter().map(|t| check_row(r, t, s)) }</tbody>
            </table>
        </div>
    };
    let panel = html! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="review-panel-heading">
            <table id="review-panel" class="review-panel">
                <thead><tr>
                    <th scope="col">{ rs.col_report }</th>
                    { for inds.iter().map(|c| html! {
                        <th scope="col" data-id={c.indicator.clone()}>
                            { coverage_label(r, c, s) }
                            <span class="review-stated">{ fill(rs.stated_of, &[&c.stated.len().to_string(), &n.to_string()]) }</span>
                        </th>
                    }) }
                </tr></thead>
                <tbody>
                    { for (0..n).map(|col| html! {
                        <tr data-col={col.to_string()}>
                            <th scope="row">{ name_button(r, col) }</th>
                            { for inds.iter().map(|c| panel_cell(r, c, col, s)) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    };
    let spread = html! {
        <div class="chart-grid">
            { for inds.iter().enumerate().filter(|(_, c)| c.stated.len() >= 2).map(|(i, c)| spread_chart(r, c, i, s)) }
        </div>
    };
    html! {
        <div id="review" class="review" {onclick}>
            { block(None, AttrValue::Static("review-checks-heading"), rs.checks_heading, None, checks) }
            { block(None, AttrValue::Static("review-panel-heading"), rs.panel_heading, Some(rs.panel_help), panel) }
            { block(Some("review-spread"), AttrValue::Static("review-spread-heading"), rs.spread_heading, None, spread) }
        </div>
    }
}
