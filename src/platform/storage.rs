//! Browser storage, for what outlives the page: `localStorage` (the library, the language) and
//! `sessionStorage` (a text kept across one reload). What is stored, and under which key, is
//! the business of the areas that store it (`library::store`, `shell::language`).
//!
//! Failure is expected here (private mode, full storage), so every call says what happened.

use web_sys::Storage;

use super::browser::{describe, error_name};

/// `localStorage`, if the browser lets the page use it.
pub fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Why writing to storage failed.
pub enum WriteError {
    /// The storage is full.
    Quota,
    /// Anything else, as the browser describes it.
    Failed(String),
}

/// Stores `value` under `key`.
pub fn set(store: &Storage, key: &str, value: &str) -> Result<(), WriteError> {
    store.set_item(key, value).map_err(|e| match error_name(&e).as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => WriteError::Quota,
        _ => WriteError::Failed(describe(&e)),
    })
}

/// Whether some key that starts with `prefix` holds exactly `value`.
pub fn holds(store: &Storage, prefix: &str, value: &str) -> bool {
    let len = store.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .any(|k| k.starts_with(prefix) && store.get_item(&k).ok().flatten().as_deref() == Some(value))
}

/// Calls `on_change` with the new value of `key` (`None`: removed) whenever another tab writes
/// it (the browser's `storage` event fires only in the other tabs of the same origin).
/// Listening stops when the returned listener is dropped.
pub fn on_other_tab_write(
    key: &'static str,
    on_change: impl Fn(Option<String>) + 'static,
) -> Option<gloo::events::EventListener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        if event.key().as_deref() == Some(key) {
            on_change(event.new_value());
        }
    }))
}

/// Key, in `sessionStorage`, of the text kept across a reload (see [`save_draft`]).
const DRAFT_KEY: &str = "fazhi-lens.draft";

/// Keeps `text` for the page that replaces this one in the tab (a reload after a failed
/// analysis, see `shell::app`); [`take_draft`] gives it back once. Session storage: it goes with
/// the tab, not into the library. False when it could not be kept (no storage, or too long).
pub fn save_draft(text: &str) -> bool {
    let store = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    store.is_some_and(|store| store.set_item(DRAFT_KEY, text).is_ok())
}

/// The text [`save_draft`] kept, if any, removing it.
pub fn take_draft() -> Option<String> {
    let store = web_sys::window()?.session_storage().ok()??;
    let text = store.get_item(DRAFT_KEY).ok()??;
    let _ = store.remove_item(DRAFT_KEY);
    Some(text)
}
