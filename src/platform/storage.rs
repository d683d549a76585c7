//! The library and the language choice in `localStorage`.
//!
//! Failure is expected here (private mode, full storage, data written by a broken or future
//! build), so every call returns what happened and nothing is ever dropped silently: unreadable
//! library data is copied aside under another key before anything new is written.

use web_sys::Storage;

use super::browser::{describe, error_name};
use crate::i18n::Lang;
use crate::library::data::{self, Entry, Notice, ParseError};

/// Key of the library (a `library_data` JSON file).
pub const LIBRARY_KEY: &str = "fazhi-lens.library";

/// Prefix of the keys unreadable library data is copied to.
pub const BACKUP_PREFIX: &str = "fazhi-lens.library.unreadable.";

/// Key of the interface language.
const LANG_KEY: &str = "fazhi-lens.lang";

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The library as found at start-up.
pub struct Loaded {
    /// Entries that could be read.
    pub entries: Vec<Entry>,
    /// Whether later changes may be written (see `LibraryState::writable`).
    pub writable: bool,
    /// A problem to show the user.
    pub problem: Option<Notice>,
}

/// Reads the library, setting unreadable data aside.
pub fn load() -> Loaded {
    let unavailable = Loaded { entries: Vec::new(), writable: false, problem: Some(Notice::StorageUnavailable) };
    let Some(store) = local_storage() else { return unavailable };
    let raw = match store.get_item(LIBRARY_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded { entries: Vec::new(), writable: true, problem: None },
        Err(_) => return unavailable,
    };
    let entries = match data::parse(&raw) {
        Ok(p) if p.dropped == 0 => return Loaded { entries: p.entries, writable: true, problem: None },
        Ok(p) => p.entries,
        // Not a library, or one from a newer build: set it aside like damaged data.
        Err(ParseError::NotLibrary(_) | ParseError::NewerVersion(_)) => Vec::new(),
    };
    let backup = format!("{BACKUP_PREFIX}{}", super::browser::now_iso());
    match store.set_item(&backup, &raw) {
        Ok(()) => Loaded { entries, writable: true, problem: Some(Notice::Corrupt { backup: Some(backup) }) },
        Err(_) => Loaded { entries, writable: false, problem: Some(Notice::Corrupt { backup: None }) },
    }
}

/// Writes the whole library, keeping what another tab stored meanwhile (see
/// [`data::merge_stored`]; `removed`: ids this tab deleted). Returns the entries kept
/// from storage, which the tab should show as well.
pub fn save(entries: &[Entry], removed: &[String]) -> Result<Vec<Entry>, Notice> {
    let store = local_storage().ok_or(Notice::StorageUnavailable)?;
    let (all, kept) = match store.get_item(LIBRARY_KEY) {
        Ok(Some(raw)) => match data::parse(&raw) {
            Ok(stored) => data::merge_stored(entries, stored.entries, removed),
            // Damaged (since start-up, by another tab or program): set it aside first, once.
            Err(_) => {
                if !is_backed_up(&store, &raw) {
                    let backup = format!("{BACKUP_PREFIX}{}", super::browser::now_iso());
                    store.set_item(&backup, &raw).map_err(|_| Notice::Corrupt { backup: None })?;
                }
                (entries.to_vec(), Vec::new())
            }
        },
        _ => (entries.to_vec(), Vec::new()),
    };
    store.set_item(LIBRARY_KEY, &data::to_json(&all)).map(|()| kept).map_err(|e| {
        match error_name(&e).as_deref() {
            Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => Notice::StorageQuota,
            _ => Notice::StorageFailed(describe(&e)),
        }
    })
}

/// Whether some backup key already holds exactly `raw`.
fn is_backed_up(store: &Storage, raw: &str) -> bool {
    let len = store.length().unwrap_or(0);
    (0..len).filter_map(|i| store.key(i).ok().flatten()).any(|k| {
        k.starts_with(BACKUP_PREFIX) && store.get_item(&k).ok().flatten().as_deref() == Some(raw)
    })
}

/// Calls `on_change` with the library whenever another tab writes it (the browser's `storage`
/// event fires only in the other tabs of the same origin). Listening stops when the returned
/// listener is dropped. Unreadable data is ignored here: this tab's next write sets it aside.
pub fn on_library_changed(on_change: impl Fn(Vec<Entry>) + 'static) -> Option<gloo::events::EventListener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        if event.key().as_deref() != Some(LIBRARY_KEY) {
            return;
        }
        match event.new_value().map(|raw| data::parse(&raw)) {
            Some(Ok(parsed)) => on_change(parsed.entries),
            // Cleared by the other tab (or by the user in its developer tools).
            None => on_change(Vec::new()),
            Some(Err(_)) => {}
        }
    }))
}

/// The language chosen last time, if any.
pub fn load_lang() -> Option<Lang> {
    Lang::from_code(&local_storage()?.get_item(LANG_KEY).ok()??)
}

/// Remembers the language choice (best effort: losing it costs one click).
pub fn save_lang(lang: Lang) {
    if let Some(store) = local_storage() {
        let _ = store.set_item(LANG_KEY, lang.code());
    }
}

/// Key, in `sessionStorage`, of the text kept across a reload (see [`save_draft`]).
const DRAFT_KEY: &str = "fazhi-lens.draft";

/// Keeps `text` for the page that replaces this one in the tab (a reload after a failed
/// analysis, see `root`); [`take_draft`] gives it back once. Session storage: it goes with the
/// tab, not into the library. False when it could not be kept (no storage, or too long).
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
