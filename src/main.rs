//! `fazhi-lens`: the web app, a Yew single-page app over the `fazhi_lens` analyser.
//!
//! On `wasm32` this starts the app and publishes the JavaScript API (`window.fazhi.analyze`);
//! loaded in a Web Worker (no `window`) it serves analysis requests instead (see
//! `platform::worker`). On every other target it only points to the CLI, so that a native
//! `cargo build` never needs the browser crates.
//!
//! The app's folders are what the user sees, and the arrows between them point one way: from
//! the shell down to the areas, from views to their plain-data models, down to the platform.
//!
//! ```text
//! shell      App (state, wiring), its header and footer, the language choice
//! ├── input      InputPanel (paste, open file, drop, demo), AnalysisProgress
//! ├── library    LibraryPanel ── LibraryItem; the stored reports (data, store)
//! ├── compare    CompareView: tables, charts, changes and checks of the picked reports
//! └── report     ReportView: header, exports, outline, key indicators, figures, checks, text
//! i18n       every visible string, in both languages (plain Rust)
//! platform   worker (every analysis), storage, browser glue, JS API, progressive rendering
//! ```
//!
//! State lives in `shell::app::App` and flows down as props; components report user intent back
//! up through callbacks. What always renders with its parent is a plain function returning
//! `Html` rather than a component (a component costs the .wasm about 1 KB of gzip). The
//! plain-Rust modules (no Yew) are unit-tested natively.

// Natively only the unit tests use the plain modules.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(test)]
mod architecture;
#[cfg(any(test, target_arch = "wasm32"))]
mod compare;
#[cfg(any(test, target_arch = "wasm32"))]
mod i18n;
#[cfg(any(test, target_arch = "wasm32"))]
mod input;
#[cfg(any(test, target_arch = "wasm32"))]
mod library;
#[cfg(any(test, target_arch = "wasm32"))]
mod platform;
#[cfg(any(test, target_arch = "wasm32"))]
mod report;
#[cfg(target_arch = "wasm32")]
mod shell;

#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_some() {
        platform::js_api::install();
        platform::static_shell::dismiss();
        yew::Renderer::<shell::app::App>::new().render();
    } else {
        platform::worker::serve(input::panel::DEMO);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("fazhi-lens is a web app: use the `fazhi` CLI, or `cargo xtask serve` to open it in a browser");
}
