//! `fazhi-lens`: the web app's entry point.
//!
//! On `wasm32` this starts the Yew single-page app (see `app`) and publishes the JavaScript
//! API (`window.fazhi.analyze`); loaded in a Web Worker (no `window`) it serves analysis
//! requests instead (see `app::worker`). On every other target it only points to the CLI, so
//! that a native `cargo build` never needs the browser crates.

#[cfg(any(test, target_arch = "wasm32"))]
mod app;

#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_some() {
        app::start();
    } else {
        app::serve_worker();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("fazhi-lens is a web app: use the `fazhi` CLI, or `cargo xtask serve` to open it in a browser");
}
