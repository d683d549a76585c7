//! `AnalysisProgress`: shown while an analysis runs — what is being analysed, for how long
//! already, and a button to cancel it. CSS keeps it invisible for the first moment, so quick
//! analyses do not flash it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::text::format_size;
use crate::i18n::{fill, use_strings};
use crate::platform::worker::now;

/// How often the elapsed time is updated.
const TICK_MS: i32 = 250;

/// Props of [`AnalysisProgress`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Size of the text being analysed, in bytes.
    pub bytes: usize,
    /// Whether it runs in a worker (else the page may not respond until it is done).
    pub in_worker: bool,
    /// Stop the analysis.
    pub on_cancel: Callback<()>,
}

/// Calls `tick` every `ms` milliseconds while the component is mounted (the `tick` of the first
/// render; later ones are ignored).
#[hook]
pub fn use_interval(ms: i32, tick: Box<dyn FnMut()>) {
    use_effect_with((), move |_| {
        let tick = Closure::wrap(tick);
        let window = web_sys::window();
        let id = window.as_ref().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), ms).ok()
        });
        move || {
            if let (Some(w), Some(id)) = (window, id) {
                w.clear_interval_with_handle(id);
            }
            drop(tick);
        }
    });
}

/// The progress line.
#[function_component]
pub fn AnalysisProgress(props: &Props) -> Html {
    let s = use_strings();
    let started = use_memo((), |_| now());
    let elapsed = use_state(|| 0.0f64);
    {
        let (elapsed, started) = (elapsed.clone(), *started);
        use_interval(TICK_MS, Box::new(move || elapsed.set((now() - started) / 1000.0)));
    }
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div id="analysis-progress" class="analysis-progress">
            <progress aria-label={s.analysing_label}></progress>
            <span role="status">
                { fill(s.analysing, &[&format_size(props.bytes, s.size_bytes)]) }
                if !props.in_worker {
                    { " " }{ s.analysing_in_page }
                }
            </span>
            <span class="elapsed" aria-hidden="true">{ fill(s.elapsed_seconds, &[&format!("{:.1}", *elapsed)]) }</span>
            <button type="button" id="cancel-analysis" class="button subtle" onclick={on_cancel}>{ s.cancel }</button>
        </div>
    }
}
