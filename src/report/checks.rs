//! The completeness and quality checks (`section#checks`, one `li.check` each), in their three
//! states: passed (✓), failed (✗), and cannot tell (?) when the report does not say enough.
//!
//! A plain function rather than a component, like the report's header (see `header`).

use fazhi_lens::Check;
use yew::prelude::*;

use crate::i18n::{fill, Strings};

/// The checks list, in the language of `s`.
pub fn checks_panel(checks: &[Check], s: &Strings) -> Html {
    let passed = checks.iter().filter(|c| c.ok).count();
    html! {
        <section id="checks" class="card" aria-labelledby="checks-heading">
            <h3 id="checks-heading">{ s.checks_heading }</h3>
            if checks.is_empty() {
                <p class="empty">{ s.checks_empty }</p>
            } else {
                <p class="summary">{ fill(s.checks_summary, &[&passed.to_string(), &checks.len().to_string()]) }</p>
                <ul class="check-list" tabindex="0" aria-labelledby="checks-heading">
                    { for checks.iter().map(|c| {
                        let state = c.outcome();
                        let (class, mark, word) = s.outcome(state);
                        html! {
                            <li class={classes!("check", class)} data-id={c.id.clone()} data-ok={c.ok.to_string()} data-state={state.id()}>
                                <span class="mark" aria-hidden="true">{ mark }</span>
                                <span class="visually-hidden">{ [word, s.colon].concat() }</span>
                                <span class="detail">{ s.check_detail(&c.id, &c.detail) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
