//! The page footer: version, build date and the privacy promise.
//!
//! A plain function rather than a component, like the header (see `header`).

use yew::prelude::*;

use crate::i18n::{fill, Strings};

/// The build date, set by the build (`FAZHI_BUILD_DATE=YYYY-MM-DD`); absent in plain cargo builds.
const BUILD_DATE: Option<&str> = option_env!("FAZHI_BUILD_DATE");

/// The footer in the language of `s`.
pub fn app_footer(s: &Strings) -> Html {
    let version = fill(s.version, &[env!("CARGO_PKG_VERSION"), BUILD_DATE.unwrap_or(s.dev_build)]);
    html! {
        <footer class="app-footer">
            <p id="version">{ version }</p>
            <p>{ s.footer_private }</p>
        </footer>
    }
}
