//! `AppFooter`: version, build date and the privacy promise.

use yew::prelude::*;

use crate::i18n::{fill, use_strings};

/// The build date, set by the build (`FAZHI_BUILD_DATE=YYYY-MM-DD`); absent in plain cargo builds.
const BUILD_DATE: Option<&str> = option_env!("FAZHI_BUILD_DATE");

/// The page footer.
#[function_component]
pub fn AppFooter() -> Html {
    let s = use_strings();
    let version = fill(s.version, &[env!("CARGO_PKG_VERSION"), BUILD_DATE.unwrap_or(s.dev_build)]);
    html! {
        <footer class="app-footer">
            <p id="version">{ version }</p>
            <p>{ s.footer_private }</p>
        </footer>
    }
}
