//! The key indicators: the canonical indicators the report states, as a card
//! (`section#key-indicators`). Each indicator shows its headline value big, as printed, with
//! what it counts beside it ("市 · 办理"), or "—" when the report states no total for its own
//! level; its other values are listed under it as breakdowns. A value's sentence is its
//! tooltip, and choosing a value marks its evidence in the text.

use std::rc::Rc;

use fazhi_lens::catalog::indicator_rank;
use fazhi_lens::KeyValue;
use yew::prelude::*;

use super::model::{Analysis, Show};
use crate::i18n::{counts_html, shown, Strings};

/// The key indicators card of `a`; `on_show` marks a place in the text. A plain function of the
/// report view's state (a component costs the .wasm ~1 KB gzip).
pub fn key_indicators(a: &Rc<Analysis>, on_show: &Callback<Show>, s: &'static Strings) -> Html {
    let mut ids: Vec<&String> = a.report.key_indicators.keys().collect();
    fazhi_lens::order::small_by(&mut ids, |a, b| (indicator_rank(a), a.as_str()).cmp(&(indicator_rank(b), b.as_str())));

    // One value: a button marking its evidence (or plain text when it cannot be found), its
    // sentence as the tooltip.
    let value = |v: &KeyValue| -> Html {
        let text = shown(&v.printed, v.approx, v.value, &v.unit);
        let title = if v.sentence.is_empty() { v.evidence.clone() } else { v.sentence.clone() };
        let class = classes!("key-value", v.approx.then_some("approx"));
        let target = a.value_at(v.metric, &v.evidence);
        match target {
            Some(t) => {
                let on_show = on_show.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_show.emit(t.clone()));
                html! { <button type="button" class={classes!(class, "link", "value-button")} {title} {onclick}>{ text }</button> }
            }
            None => html! { <span {class} {title} tabindex="0">{ text }</span> },
        }
    };
    html! {
        <section id="key-indicators" class="card" aria-labelledby="key-heading">
            <h3 id="key-heading">{ s.key_heading }</h3>
            if ids.is_empty() {
                <p class="empty">{ s.key_empty }</p>
            } else {
                <dl class="key-list">
                    { for ids.into_iter().map(|id| {
                        let values = &a.report.key_indicators[id];
                        let head = values.iter().find(|v| v.headline);
                        html! {
                            <div class="key-row" data-id={id.clone()}>
                                <dt>{ s.key_label(id) }</dt>
                                <dd>
                                    <p class="key-headline">
                                        if let Some(h) = head {
                                            { value(h) }
                                            { counts_html(s, &h.scope, &h.measure, &h.subgroup, &h.part_of, "") }
                                        } else {
                                            <span aria-hidden="true">{ "—" }</span>
                                            <span class="visually-hidden">{ s.no_headline }</span>
                                        }
                                    </p>
                                    if values.len() > usize::from(head.is_some()) {
                                        <ul class="key-breakdowns" aria-label={s.breakdown}>
                                            { for values.iter().filter(|v| !v.headline).map(|v| html! {
                                                <li class="key-breakdown">
                                                    { counts_html(s, &v.scope, &v.measure, &v.subgroup, &v.part_of, &v.qualifier) }
                                                    { value(v) }
                                                </li>
                                            }) }
                                        </ul>
                                    }
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
            }
        </section>
    }
}
