//! The static shell: the part of `index.html` the page shows before the WebAssembly has loaded
//! (issue 16), so that a slow link shows the app's name and a paste area at once rather than a
//! blank page. [`dismiss`] removes it just before the app renders, in the same task (no frame
//! shows both), and keeps what the user typed or pasted into it meanwhile for the input panel
//! ([`take_text`]), with whether the paste area had the focus ([`had_focus`]).

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

/// The shell's element and its paste area (their ids in `index.html`).
const SHELL: &str = "static-shell";
const SHELL_INPUT: &str = "shell-input";

thread_local! {
    /// (text typed into the shell, whether its paste area had the focus), until taken.
    static LEFT: RefCell<(Option<String>, bool)> = const { RefCell::new((None, false)) };
}

/// Removes the shell from the page, keeping its paste area's text and focus for the app.
pub fn dismiss() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(shell) = document.get_element_by_id(SHELL) else { return };
    if let Some(area) = document.get_element_by_id(SHELL_INPUT).and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) {
        let text = area.value();
        let focused = document.active_element().is_some_and(|e| e.id() == SHELL_INPUT);
        LEFT.with(|left| *left.borrow_mut() = ((!text.is_empty()).then_some(text), focused));
    }
    shell.remove();
}

/// What the user typed or pasted into the shell before the app started (once; then `None`).
pub fn take_text() -> Option<String> {
    LEFT.with(|left| left.borrow_mut().0.take())
}

/// Whether the shell's paste area had the focus when the app started: the app's takes it.
pub fn had_focus() -> bool {
    LEFT.with(|left| left.borrow().1)
}
