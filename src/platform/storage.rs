//! Browser storage, for what outlives the page: `localStorage` (the language, and the library of
//! builds before IndexedDB, see `library::store`) and `sessionStorage` (a text kept across one
//! reload). The library's database is [`super::idb`]. What is stored, and under which key, is
//! the business of the areas that store it (`library::store`, `shell::language`).
//!
//! Failure is expected here (private mode, full storage), so every call says what happened.

use web_sys::Storage;

/// `localStorage`, if the browser lets the page use it.
pub fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The first key that starts with `prefix` and holds exactly `value`.
pub fn key_holding(store: &Storage, prefix: &str, value: &str) -> Option<String> {
    let len = store.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .find(|k| k.starts_with(prefix) && store.get_item(k).ok().flatten().as_deref() == Some(value))
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
