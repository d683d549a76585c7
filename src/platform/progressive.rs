//! `use_progressive`: how much of something long to render yet. A huge report (a 2 MB paste:
//! ~1000 top-level headings, 2 MB of source text) goes on screen in steps, one task each, so the
//! page can paint and take input in between and no task blocks it for long (issue 5).

use yew::prelude::*;

use super::browser::later;

/// A count that starts at `first` and grows by `step` in each later task (a zero-delay timer,
/// after the render before it) until it reaches `total`; never above `total`.
#[hook]
pub fn use_progressive(total: usize, first: usize, step: usize) -> usize {
    let shown = use_state(|| first);
    {
        let shown = shown.clone();
        use_effect_with((*shown, total), move |&(now, total)| {
            let next = (now < total).then(|| later(move || shown.set(now.saturating_add(step.max(1)).min(total))));
            // Unmounted (or re-run) before the timer fired: no more steps.
            move || drop(next)
        });
    }
    (*shown).min(total)
}
