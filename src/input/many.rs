//! `ManyProgress`: the one line shown while many files are opened (done / total, failures, time
//! left, cancel), then what came of them: how many reports joined the library, how many were
//! there already, and each file that could not be read with its reason.

use std::rc::Rc;

use yew::prelude::*;

use super::panel::pdf_message;
use super::progress::use_interval;
use super::text::split_bilingual;
use crate::i18n::{fill, use_strings, Lang};
use crate::platform::many::{Failure, Run, MAX_BYTES};
use crate::platform::worker::FileFailure;

/// How often the line is updated (the run itself renders nothing).
const TICK_MS: i32 = 200;

/// Props of [`ManyProgress`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The run shown.
    pub run: Rc<Run>,
    /// Cancel the run, or close the summary once it is over.
    pub on_close: Callback<()>,
}

/// Why a file gave no report, in the interface language.
fn reason(lang: Lang, failure: &Failure) -> String {
    let s = lang.strings();
    match failure {
        Failure::File(FileFailure::Read(why)) => why.clone(),
        // The core's messages read "中文说明 (English explanation)".
        Failure::File(FileFailure::Decode(message)) => match (lang, split_bilingual(message)) {
            (Lang::En, (_, Some(en))) => en.to_string(),
            (_, (zh, _)) => zh.to_string(),
        },
        Failure::File(FileFailure::Crashed | FileFailure::Pdf) => s.many_crashed.to_string(),
        Failure::Pdf(failure) => pdf_message(s, *failure),
        Failure::TooLarge => fill(s.err_too_large, &[&(MAX_BYTES / 1048576.0).to_string()]),
    }
}

/// The progress line, then the summary.
#[function_component]
pub fn ManyProgress(props: &Props) -> Html {
    let s = use_strings();
    let lang = use_context::<Lang>().unwrap_or(Lang::Zh);
    // The run renders nothing itself: the line reads its counts on every tick.
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        let mut n = 0;
        use_interval(
            TICK_MS,
            Box::new(move || {
                n += 1;
                tick.set(n);
            }),
        );
    }
    let run = &props.run;
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let failures = run.failures.borrow();
    let (done, total) = (run.done.get(), run.total);
    let over = run.finished.get() && run.writing.get() == 0;
    // One element for both states (each element of `html!` costs the .wasm).
    let mut line = if over {
        let (ok, added) = (done - failures.len(), run.added.get());
        let mut line = fill(
            s.many_summary,
            &[&added.to_string(), &(ok.saturating_sub(added)).to_string(), &failures.len().to_string()],
        );
        if run.cancelled.get() {
            line.push(' ');
            line.push_str(&fill(s.many_cancelled, &[&(total - done).to_string()]));
        }
        line
    } else {
        fill(s.many_progress, &[&done.to_string(), &total.to_string(), &failures.len().to_string()])
    };
    if let Some(left) = run.seconds_left().filter(|_| !over) {
        line.push_str(&fill(s.many_left, &[&format!("{left:.0}")]));
    }
    html! {
        <div id={if over { "many-summary" } else { "many-progress" }} class="analysis-progress many">
            <progress aria-label={s.analysing_label} max={total.to_string()} value={done.to_string()}></progress>
            <span role="status">{ line }</span>
            <button type="button" id="close-many" class="button subtle" onclick={on_close}>{ if over { s.many_close } else { s.cancel } }</button>
            <ul id="many-failures">
                { for failures.iter().map(|(name, f)| html! { <li>{ fill("{} — {}", &[name, &reason(lang, f)]) }</li> }) }
            </ul>
        </div>
    }
}
