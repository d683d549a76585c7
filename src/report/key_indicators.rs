//! `KeyIndicators`: the canonical indicators the report states, as a card
//! (`section#key-indicators`). Each value marks its evidence in the text when chosen.

use std::rc::Rc;

use fazhi_lens::catalog::indicator_rank;
use fazhi_lens::format::number;
use yew::prelude::*;

use super::model::{Analysis, Show};
use crate::i18n::{fill, truncate_chars, use_strings};

/// Props of [`KeyIndicators`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Mark a place in the text.
    pub on_show: Callback<Show>,
}

/// The key indicators card.
#[function_component]
pub fn KeyIndicators(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    let mut ids: Vec<&String> = a.report.key_indicators.keys().collect();
    fazhi_lens::order::small_by(&mut ids, |a, b| (indicator_rank(a), a.as_str()).cmp(&(indicator_rank(b), b.as_str())));

    let show = |metric: Option<usize>, evidence: &str| -> Option<Show> {
        if let Some(m) = metric.filter(|&m| m < a.report.metrics.len()) {
            return Some(Show::Figure(m));
        }
        let at = a.text.find(evidence).filter(|_| !evidence.is_empty())?;
        Some(Show::Range(at, at + evidence.len()))
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
                        html! {
                            <div class="key-row" data-id={id.clone()}>
                                <dt>{ s.key_label(id) }</dt>
                                <dd>
                                    { for values.iter().map(|v| {
                                        let text = format!("{}{}", number(v.value), v.unit);
                                        let target = show(v.metric, &v.evidence);
                                        let label = fill(s.key_show, &[&v.evidence]);
                                        let qualifier = (!v.qualifier.is_empty()).then(|| html! {
                                            <span class="qualifier" title={v.qualifier.clone()}>{ format!("（{}）", truncate_chars(&v.qualifier, 12)) }</span>
                                        });
                                        match target {
                                            Some(t) => {
                                                let on_show = props.on_show.clone();
                                                let onclick = Callback::from(move |_: MouseEvent| on_show.emit(t.clone()));
                                                html! {
                                                    <span class="key-value">
                                                        <button type="button" class="link value-button" title={label} {onclick}>{ text }</button>
                                                        { qualifier }
                                                    </span>
                                                }
                                            }
                                            None => html! { <span class="key-value" title={v.evidence.clone()}>{ text }{ qualifier }</span> },
                                        }
                                    }) }
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
            }
        </section>
    }
}
