//! `use_library`: the library state as a Yew reducer, kept in `localStorage` (written after each
//! change) and in step with other tabs of the app.
//!
//! Failure is expected here (private mode, full storage, data written by a broken or future
//! build), so nothing is ever dropped silently: unreadable library data is copied aside under
//! another key before anything new is written.

use std::rc::Rc;

use yew::prelude::*;

use super::data::{self, Action, Entry, LibraryState, Notice, ParseError};
use crate::platform::browser::{later, now_iso};
use crate::platform::storage::{self, WriteError};

/// Key of the library (a `data` JSON file).
const LIBRARY_KEY: &str = "fazhi-lens.library";

/// Prefix of the keys unreadable library data is copied to.
const BACKUP_PREFIX: &str = "fazhi-lens.library.unreadable.";

impl Reducible for LibraryState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The library, loaded from storage on first use; every change that bumps the revision is
/// written back (unless writing is unsafe, see `LibraryState::writable`).
#[hook]
pub fn use_library() -> UseReducerHandle<LibraryState> {
    let library = use_reducer(load);
    {
        let library = library.clone();
        use_effect_with(library.revision, move |&revision| {
            // In a task of its own: writing a 2 MB report takes ~20 ms, on top of the render
            // that added it. A newer revision before then cancels this write for its own.
            let write = (revision > 0 && library.writable).then(|| {
                later(move || match save(&library.entries, &library.removed) {
                    Ok(kept) => {
                        library.dispatch(Action::Saved);
                        if !kept.is_empty() {
                            library.dispatch(Action::Kept(kept));
                        }
                    }
                    Err(notice) => library.dispatch(Action::SaveFailed(notice)),
                })
            });
            move || drop(write)
        });
    }
    {
        let library = library.clone();
        use_effect_with((), move |()| {
            // Another tab wrote the library. Unreadable data is ignored here: this tab's next
            // write sets it aside.
            let listener =
                storage::on_other_tab_write(LIBRARY_KEY, move |raw| match raw.map(|raw| data::parse(&raw)) {
                    Some(Ok(parsed)) => library.dispatch(Action::External(parsed.entries)),
                    // Cleared by the other tab (or by the user in its developer tools).
                    None => library.dispatch(Action::External(Vec::new())),
                    Some(Err(_)) => {}
                });
            move || drop(listener)
        });
    }
    library
}

/// The library as found at start-up.
fn load() -> LibraryState {
    let (entries, writable, problem) = read();
    LibraryState { entries, writable, problem, ..Default::default() }
}

/// The stored entries that can be read, whether later changes may be written (see
/// `LibraryState::writable`), and a problem to show; unreadable data is set aside first.
fn read() -> (Vec<Entry>, bool, Option<Notice>) {
    let unavailable = (Vec::new(), false, Some(Notice::StorageUnavailable));
    let Some(store) = storage::local() else { return unavailable };
    let raw = match store.get_item(LIBRARY_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Vec::new(), true, None),
        Err(_) => return unavailable,
    };
    let entries = match data::parse(&raw) {
        Ok(p) if p.dropped == 0 => return (p.entries, true, None),
        Ok(p) => p.entries,
        // Not a library, or one from a newer build: set it aside like damaged data.
        Err(ParseError::NotLibrary(_) | ParseError::NewerVersion(_)) => Vec::new(),
    };
    let backup = format!("{BACKUP_PREFIX}{}", now_iso());
    match store.set_item(&backup, &raw) {
        Ok(()) => (entries, true, Some(Notice::Corrupt { backup: Some(backup) })),
        Err(_) => (entries, false, Some(Notice::Corrupt { backup: None })),
    }
}

/// Writes the whole library, keeping what another tab stored meanwhile (see
/// [`data::merge_stored`]; `removed`: ids this tab deleted). Returns the entries kept from
/// storage, which the tab should show as well.
fn save(entries: &[Entry], removed: &[String]) -> Result<Vec<Entry>, Notice> {
    let store = storage::local().ok_or(Notice::StorageUnavailable)?;
    let (all, kept) = match store.get_item(LIBRARY_KEY) {
        Ok(Some(raw)) => match data::parse(&raw) {
            Ok(stored) => data::merge_stored(entries, stored.entries, removed),
            // Damaged (since start-up, by another tab or program): set it aside first, once.
            Err(_) => {
                if !storage::holds(&store, BACKUP_PREFIX, &raw) {
                    let backup = format!("{BACKUP_PREFIX}{}", now_iso());
                    store.set_item(&backup, &raw).map_err(|_| Notice::Corrupt { backup: None })?;
                }
                (entries.to_vec(), Vec::new())
            }
        },
        _ => (entries.to_vec(), Vec::new()),
    };
    storage::set(&store, LIBRARY_KEY, &data::to_json(&all)).map(|()| kept).map_err(|e| match e {
        WriteError::Quota => Notice::StorageQuota,
        WriteError::Failed(why) => Notice::StorageFailed(why),
    })
}
