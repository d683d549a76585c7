//! The report beside its body's report of an earlier year (`section#last-year`): each key
//! indicator's headline value then and now with the change ("≈" when either is approximate),
//! the years named, and the indicators the earlier report stated that this one no longer does.
//! The shell finds the earlier report (`shell::last_year`); this only shows the core's
//! `YearOverYear`.

use fazhi_lens::compare::Cell;
use fazhi_lens::history::YearOverYear;
use yew::prelude::*;

use crate::i18n::{fill, shown, step_text, year_text, Strings};

/// A value as printed (with its ≈), or "—".
fn value(cell: Option<&Cell>) -> Html {
    match cell {
        Some(v) => {
            html! { <span class={classes!("key-value", v.approx.then_some("approx"))} title={v.sentence.clone()}>{ shown(&v.printed, v.approx, v.value, &v.unit) }</span> }
        }
        None => html! { <span aria-hidden="true">{ "—" }</span> },
    }
}

/// The last-year card.
pub fn last_year_section(y: &YearOverYear, s: &'static Strings) -> Html {
    let rs = s.review;
    let (then, now) = (year_text(s, y.earlier.report_year), year_text(s, y.this.report_year));
    html! {
        <section id="last-year" class="card" aria-labelledby="last-year-heading">
            <h3 id="last-year-heading">{ fill(rs.last_year_heading, &[&then, &now]) }</h3>
            <p class="help">{ rs.last_year_help }<span lang="zh-CN">{ s.source_name(&y.earlier.source) }</span></p>
            <table id="last-year-table" class="last-year-table">
                <thead><tr>
                    <th scope="col">{ s.compare.col_indicator }</th>
                    <th scope="col">{ &then }</th>
                    <th scope="col">{ &now }</th>
                    <th scope="col">{ rs.col_change }</th>
                </tr></thead>
                <tbody>
                    { for y.lines.iter().filter(|l| l.headline).map(|l| html! {
                        <tr data-id={l.indicator.clone()}>
                            <th scope="row">{ s.key_label(&l.indicator) }</th>
                            <td class="before">{ value(l.before.as_ref()) }</td>
                            <td class="now">{ value(Some(&l.now)) }</td>
                            <td class="change">{ l.change.as_ref().map(step_text).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h4>{ rs.dropped_heading }</h4>
            if y.dropped.is_empty() {
                <p class="empty">{ rs.dropped_none }</p>
            } else {
                <ul id="last-year-dropped">
                    { for y.dropped.iter().map(|d| html! {
                        <li data-id={d.indicator.clone()}>{ s.key_label(&d.indicator) }{ s.colon }{ value(Some(&d.before)) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
