//! The page banner: the app's name and the language toggle.
//!
//! A plain function of the shell's state rather than a component: it always renders with the
//! App, and a component of its own costs the .wasm about 1 KB of its gzip budget.

use yew::prelude::*;

use crate::i18n::Lang;

/// The banner in language `lang`; `on_toggle_lang` switches to the other one.
pub fn app_header(lang: Lang, on_toggle_lang: Callback<MouseEvent>) -> Html {
    let s = lang.strings();
    let other = lang.other();
    html! {
        <header class="app-header">
            <div class="brand">
                <h1>{ s.app_name }</h1>
                <p class="tagline">{ s.app_tagline }</p>
            </div>
            <button type="button" id="lang-toggle" class="button" lang={other.code()}
                    title={s.lang_toggle} onclick={on_toggle_lang}>
                { other.strings().lang_name }
            </button>
        </header>
    }
}
