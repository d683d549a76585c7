//! The library's database: IndexedDB through `www/library-db.js`, a small JavaScript module that
//! wasm-bindgen ships beside its glue (the single file inlines it, see `xtask/src/dist.rs`). The
//! module does the IndexedDB requests; this side only awaits its promises, so the `.wasm`
//! carries no IndexedDB bindings. Records travel as JSON text: what they are is the business of
//! `library::store`.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::browser::{describe, error_name};

#[wasm_bindgen(module = "/www/library-db.js")]
extern "C" {
    #[wasm_bindgen(js_name = libOpen)]
    fn lib_open() -> Promise;
    #[wasm_bindgen(js_name = libList)]
    fn lib_list() -> Promise;
    #[wasm_bindgen(js_name = libSave)]
    fn lib_save(json: &str, refresh: bool) -> Promise;
    #[wasm_bindgen(js_name = libAdd)]
    fn lib_add(entry: &str, text: &str) -> Promise;
    #[wasm_bindgen(js_name = libText)]
    fn lib_text(id: &str) -> Promise;
    #[wasm_bindgen(js_name = libRename)]
    fn lib_rename(id: &str, name: &str) -> Promise;
    #[wasm_bindgen(js_name = libDelete)]
    fn lib_delete(id: &str) -> Promise;
    #[wasm_bindgen(js_name = libExport)]
    fn lib_export() -> Promise;
    #[wasm_bindgen(js_name = libSpace)]
    fn lib_space(persist: bool) -> Promise;
    #[wasm_bindgen(js_name = libWatch)]
    fn lib_watch(f: &JsValue);
}

/// Why a database call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DbError {
    /// The disk is full or the browser refused more space (`QuotaExceededError`).
    Quota,
    /// Anything else, as the browser describes it.
    Failed(String),
}

/// Awaits one of the module's promises.
async fn wait(promise: Promise) -> Result<JsValue, DbError> {
    JsFuture::from(promise).await.map_err(|e| match error_name(&e).as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => DbError::Quota,
        _ => DbError::Failed(describe(&e)),
    })
}

/// Opens the database. `None` when it works; else the browser's reason (the library then lives
/// in the page's memory until it closes).
pub async fn open() -> Option<String> {
    wait(lib_open()).await.ok()?.as_string().filter(|reason| !reason.is_empty())
}

/// Every entry (no texts), newest first: a JSON array.
pub async fn list() -> Result<String, DbError> {
    Ok(wait(lib_list()).await?.as_string().unwrap_or_default())
}

/// Stores records (a JSON array of entries with their `text`) in one transaction; an id already
/// stored is left as it is, unless `refresh` (then it keeps only its name). Returns how many ids
/// were new.
pub async fn save(records: &str, refresh: bool) -> Result<usize, DbError> {
    Ok(wait(lib_save(records, refresh)).await?.as_f64().unwrap_or(0.0) as usize)
}

/// Stores one report, its entry (JSON, no text) and its text, as [`save`] with `refresh`.
pub async fn add(entry: &str, text: &str) -> Result<usize, DbError> {
    Ok(wait(lib_add(entry, text)).await?.as_f64().unwrap_or(0.0) as usize)
}

/// The text stored under `id`.
pub async fn text(id: &str) -> Result<Option<String>, DbError> {
    Ok(wait(lib_text(id)).await?.as_string())
}

/// Renames the entry `id`.
pub async fn rename(id: &str, name: &str) -> Result<(), DbError> {
    wait(lib_rename(id, name)).await.map(drop)
}

/// Deletes `id`; returns its record (a JSON array of one, for undo), if it was stored.
pub async fn delete(id: &str) -> Result<Option<String>, DbError> {
    Ok(wait(lib_delete(id)).await?.as_string())
}

/// Every record with its text: a JSON array.
pub async fn export() -> Result<String, DbError> {
    Ok(wait(lib_export()).await?.as_string().unwrap_or_else(|| "[]".into()))
}

/// Asks for persistent storage (when `persist`) and returns the bytes used, the bytes allowed
/// and whether storage is persistent, where the browser says.
pub async fn space(persist: bool) -> Option<(f64, f64, bool)> {
    let answer: Array = wait(lib_space(persist)).await.ok()?.dyn_into().ok()?;
    Some((answer.get(0).as_f64()?, answer.get(1).as_f64()?, answer.get(2).is_truthy()))
}

/// Calls `on_change` whenever another tab of the app writes the library, for as long as the
/// page lives.
pub fn watch(on_change: impl Fn() + 'static) {
    lib_watch(&Closure::<dyn Fn()>::new(on_change).into_js_value());
}
