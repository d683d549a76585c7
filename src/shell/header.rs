//! `AppHeader`: the app's name and the language toggle.

use yew::prelude::*;

use crate::i18n::{use_strings, Lang};

/// Props of [`AppHeader`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Switch to the other language.
    pub on_toggle_lang: Callback<()>,
}

/// The page banner.
#[function_component]
pub fn AppHeader(props: &Props) -> Html {
    let s = use_strings();
    let lang = use_context::<Lang>().unwrap_or(Lang::Zh);
    let other = lang.other();
    let onclick = props.on_toggle_lang.reform(|_: MouseEvent| ());
    html! {
        <header class="app-header">
            <div class="brand">
                <h1>{ s.app_name }</h1>
                <p class="tagline">{ s.app_tagline }</p>
            </div>
            <button type="button" id="lang-toggle" class="button" lang={other.code()}
                    title={s.lang_toggle} {onclick}>
                { other.strings().lang_name }
            </button>
        </header>
    }
}
