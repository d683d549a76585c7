//! `use_library`: the library kept in IndexedDB (`platform::idb`), as a Yew reducer that
//! shows what is stored, and the operations that change it ([`add`], [`rename`], [`delete`],
//! [`undo`], [`import`], [`export`], [`text`]). Each writes first and then reads the list
//! again, so the list on screen is what storage holds; another tab's write makes this tab read
//! it too.
//!
//! Failure is expected here (private mode, a full disk, a refused quota), so nothing is dropped
//! silently: a write that fails changes nothing stored and says why, and the report on screen
//! stays there. At first start the old `localStorage` library moves over: it is removed only
//! after every one of its reports has been written and read back.

use yew::prelude::*;

use super::data::{self, Action, Entry, LibraryState, Notice, ParseError, Record, Space};
use crate::platform::browser::{now_iso, soon};
use crate::platform::idb::{self, DbError};
use crate::platform::storage;

/// Key of the old `localStorage` library (a `data` JSON file), moved to IndexedDB at start.
const LIBRARY_KEY: &str = "fazhi-lens.library";

/// Prefix of the `localStorage` keys unreadable old library data is copied to.
const BACKUP_PREFIX: &str = "fazhi-lens.library.unreadable.";

/// The handle the panels hold: the state, and dispatch for the operations below.
pub type Library = UseReducerHandle<LibraryState>;

impl Reducible for LibraryState {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        std::rc::Rc::new(self.apply(action))
    }
}

impl From<DbError> for Notice {
    fn from(e: DbError) -> Notice {
        match e {
            DbError::Quota => Notice::StorageQuota,
            DbError::Failed(why) => Notice::StorageFailed(why),
        }
    }
}

/// The library: opened, moved from `localStorage` if need be, and listed once the page has
/// started; listed again whenever another tab writes it.
#[hook]
pub fn use_library() -> Library {
    let library = use_reducer(LibraryState::default);
    {
        let library = library.clone();
        use_effect_with((), move |()| {
            let watched = library.clone();
            idb::watch(move || relist(&watched, true));
            wasm_bindgen_futures::spawn_local(start(library));
        });
    }
    library
}

/// Opens the database, moves the old library over, lists, then asks for persistence.
async fn start(library: Library) {
    let in_memory = idb::open().await.is_some();
    if in_memory {
        library.dispatch(Action::Failed(Notice::StorageUnavailable));
    }
    if let Some(problem) = move_old_library(!in_memory).await {
        library.dispatch(Action::Failed(problem));
    }
    list(&library, false).await;
    if !in_memory {
        update_space(&library, true).await;
    }
}

/// Reads the stored list into the state.
async fn list(library: &Library, other_tab: bool) {
    match idb::list().await {
        Ok(json) => {
            // Read as records without text, through the same code as a library file (a reader of
            // its own for entries would cost the .wasm ~2 KB). An entry this build cannot read
            // (none it wrote) is left out of the list, not lost.
            let entries: Vec<Entry> = serde_json::from_str::<Vec<serde_json::Value>>(&json)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| serde_json::from_value::<Record>(v).ok())
                .map(|r| r.split().0)
                .collect();
            library.dispatch(Action::Listed { entries, other_tab });
        }
        Err(e) => library.dispatch(Action::Failed(e.into())),
    }
}

/// [`list`] in a task of its own.
fn relist(library: &Library, other_tab: bool) {
    let library = library.clone();
    wasm_bindgen_futures::spawn_local(async move { list(&library, other_tab).await });
}

/// Reads how much space is used and left (asking for persistent storage first when `persist`).
async fn update_space(library: &Library, persist: bool) {
    if let Some((used, quota, persisted)) = idb::space(persist).await {
        library.dispatch(Action::Space(Space { used, quota, persisted }));
    }
}

/// Moves the `localStorage` library into the database; returns a problem to show. The old copy
/// is removed only when every report in it is stored and read back (and, when `remove` is
/// false because the database is only in memory, never). Unreadable data is copied aside first,
/// as before.
async fn move_old_library(remove: bool) -> Option<Notice> {
    let store = storage::local()?;
    let raw = store.get_item(LIBRARY_KEY).ok()??;
    let (records, damaged) = match data::parse(&raw) {
        Ok(p) => (p.entries, p.dropped > 0),
        // Not a library, or one from a newer build: set it aside like damaged data.
        Err(ParseError::NotLibrary(_) | ParseError::NewerVersion(_)) => (Vec::new(), true),
    };
    let mut problem = None;
    if damaged {
        let backup = match storage::key_holding(&store, BACKUP_PREFIX, &raw) {
            Some(key) => key,
            None => {
                let key = format!("{BACKUP_PREFIX}{}", now_iso());
                if store.set_item(&key, &raw).is_err() {
                    // Without a copy elsewhere, the old data stays where it is.
                    return Some(Notice::Corrupt { backup: None });
                }
                key
            }
        };
        problem = Some(Notice::Corrupt { backup: Some(backup) });
    }
    if !records.is_empty() {
        if let Err(e) = idb::save(&serde_json::to_string(&records).unwrap_or_default(), false).await {
            return Some(e.into());
        }
    }
    let stored = idb::list().await.ok()?;
    let all_there = records.iter().all(|r| stored.contains(&format!("\"id\":\"{}\"", r.id)));
    if remove && all_there {
        let _ = store.remove_item(LIBRARY_KEY);
    }
    problem
}

/// A write to storage, with what to do once it succeeded.
type Op = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), DbError>>>>;

/// Runs a write, then lists again and updates the space shown; a failure becomes the problem
/// shown (nothing stored has changed then: each write is one transaction). One non-generic
/// function for every operation: each monomorphised copy would cost the .wasm.
fn write(library: &Library, op: Op) {
    let library = library.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match op.await {
            Ok(()) => {
                library.dispatch(Action::Saved);
                list(&library, false).await;
                update_space(&library, false).await;
            }
            Err(e) => library.dispatch(Action::Failed(e.into())),
        }
    });
}

/// Keeps an analysed report (an entry with the same text moves to the top, keeping its name).
/// In a task of its own, after the report's render: handing a 2 MB text to storage takes a few
/// milliseconds of the page's thread.
pub fn add(library: &Library, record: Record) {
    let library = library.clone();
    soon(move || {
        // The record without its text, through the same code as a library file.
        let mut record = record;
        let text = std::mem::take(&mut record.text);
        let json = serde_json::to_string(&record).unwrap_or_default();
        write(&library, Box::pin(async move { idb::add(&json, &text).await.map(drop) }));
    });
}

/// Renames an entry (an empty name is ignored).
pub fn rename(library: &Library, id: String, name: String) {
    let name = name.trim().to_string();
    if name.is_empty() || library.entries.iter().any(|e| e.id == id && e.name == name) {
        return;
    }
    write(library, Box::pin(async move { idb::rename(&id, &name).await }));
}

/// Deletes entries (the picked rows, or one), keeping their records for [`undo`]: one undo
/// brings them all back. The notice names them (the first three).
pub fn delete(library: &Library, ids: Vec<String>) {
    let names: Vec<String> =
        ids.iter().filter_map(|id| library.entries.iter().find(|e| &e.id == id).map(|e| e.name.clone())).collect();
    let mut name = names.iter().take(3).cloned().collect::<Vec<_>>().join("、");
    if names.len() > 3 {
        name.push_str(&format!("… (+{})", names.len() - 3));
    }
    let handle = library.clone();
    write(
        library,
        Box::pin(async move {
            // Each record comes as a JSON array of one; undo stores them as one array.
            // A failure midway still offers undo of what was deleted before it.
            let mut records = Vec::new();
            let mut result = Ok(());
            for id in &ids {
                match idb::delete(id).await {
                    Ok(Some(record)) => {
                        records.push(record.trim().trim_start_matches('[').trim_end_matches(']').to_string())
                    }
                    Ok(None) => {}
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            if !records.is_empty() {
                handle.dispatch(Action::Deleted { name, record: format!("[{}]", records.join(",")) });
            }
            result
        }),
    );
}

/// Restores the last deleted entry.
pub fn undo(library: &Library) {
    let Some(record) = library.undo.clone() else { return };
    let handle = library.clone();
    write(
        library,
        Box::pin(async move {
            idb::save(&record, false).await?;
            handle.dispatch(Action::Undone);
            Ok(())
        }),
    );
}

/// Stores the records of an imported file (`dropped`: malformed ones in it); a text already in
/// the library is skipped.
pub fn import(library: &Library, records: Vec<Record>, dropped: usize) {
    let total = records.len();
    let json = serde_json::to_string(&records).unwrap_or_default();
    let handle = library.clone();
    write(
        library,
        Box::pin(async move {
            let added = idb::save(&json, false).await?;
            handle.dispatch(Action::Notify(Notice::Imported { added, skipped: total - added + dropped }));
            Ok(())
        }),
    );
}

/// Stores analysed reports in one transaction (a text already stored keeps its entry) and lists
/// the library once; `on_stored` hears how many were new (`None`: the write failed, and its
/// reason is shown). Opening many files stores them in batches through this.
pub fn add_many(library: &Library, records: Vec<Record>, on_stored: impl FnOnce(Option<usize>) + 'static) {
    let json = serde_json::to_string(&records).unwrap_or_default();
    write(
        library,
        Box::pin(async move {
            let added = idb::save(&json, false).await;
            on_stored(added.as_ref().ok().copied());
            added.map(drop)
        }),
    );
}

/// The whole library as one library file.
pub async fn export() -> Result<String, Notice> {
    Ok(data::file_around(&idb::export().await?))
}

/// The text of an entry, for opening or comparing it.
pub async fn text(id: &str) -> Result<String, Notice> {
    idb::text(id).await?.ok_or(Notice::TextMissing)
}
