//! `LibraryPanel`: the reports kept in this browser, with export and import of the whole
//! library as one JSON file.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::data::{self, Action, Notice, ParseError, Space};
use super::store::{self, Library};
use super::table::LibraryTable;
use crate::i18n::{fill, use_strings, Strings};
use crate::platform::browser::{download, now_iso, read_bytes};

/// Props of [`LibraryPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The library state and its dispatcher.
    pub library: Library,
    /// Id of the entry on screen, if any.
    pub current: Option<AttrValue>,
    /// Open an entry by id.
    pub on_open: Callback<String>,
    /// The picked entries' ids (the App's: the comparison and the review use them).
    pub picks: Vec<String>,
    /// The picks changed.
    pub on_picks: Callback<Vec<String>>,
    /// Compare the picked entries.
    pub on_compare: Callback<()>,
    /// Review the picked entries (shown when set).
    #[prop_or_default]
    pub on_review: Option<Callback<()>>,
}

/// The text of a notice in the current language.
pub fn notice_text(s: &Strings, notice: &Notice) -> String {
    match notice {
        Notice::StorageUnavailable => s.storage_unavailable.to_string(),
        Notice::StorageQuota => s.storage_quota.to_string(),
        Notice::StorageFailed(why) => fill(s.storage_failed, &[why]),
        Notice::Corrupt { backup: Some(key) } => fill(s.storage_corrupt, &[key]),
        Notice::Corrupt { backup: None } => s.storage_corrupt_no_backup.to_string(),
        Notice::TextMissing => s.storage_text_missing.to_string(),
        Notice::Deleted(name) => fill(s.notice_deleted, &[name]),
        Notice::Imported { added, skipped } => {
            fill(s.notice_imported, &[&s.count(s.n_reports, *added), &skipped.to_string()])
        }
        Notice::ImportInvalid(why) => fill(s.notice_import_invalid, &[why]),
        Notice::OtherTab { before, after } => fill(s.notice_other_tab, &[&before.to_string(), &after.to_string()]),
    }
}

/// Bytes as megabytes with one decimal ("12.3 MB"), or gigabytes from 10 GB on.
fn size(bytes: f64) -> String {
    if bytes >= 1e10 {
        format!("{:.0} GB", bytes / 1e9)
    } else {
        format!("{:.1} MB", bytes / 1e6)
    }
}

/// The line about the space used and left, and whether the browser keeps it for good.
fn space_text(s: &Strings, space: &Space) -> String {
    let left = (space.quota - space.used).max(0.0);
    let kept = if space.persisted { s.library_persisted } else { s.library_not_persisted };
    format!("{} {kept}", fill(s.library_space, &[&size(space.used), &size(left)]))
}

/// The library panel.
#[function_component]
pub fn LibraryPanel(props: &Props) -> Html {
    let s = use_strings();
    let library = &props.library;

    let on_export = {
        let library = library.clone();
        Callback::from(move |_: MouseEvent| {
            let library = library.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let date = now_iso().get(..10).unwrap_or_default().to_string();
                let name = format!("{}-{date}.json", s.library_file_stem);
                let done = store::export()
                    .await
                    .and_then(|file| download(&name, "application/json", &file).map_err(Notice::StorageFailed));
                if let Err(notice) = done {
                    library.dispatch(Action::Notify(notice));
                }
            });
        })
    };
    let on_import = {
        let library = library.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let library = library.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let invalid = match read_bytes(&file).await {
                    Err(e) => e,
                    Ok(bytes) => match data::parse(&String::from_utf8_lossy(&bytes)) {
                        Ok(p) => return store::import(&library, p.entries, p.dropped),
                        Err(ParseError::NotLibrary(why)) => why,
                        Err(ParseError::NewerVersion(v)) => fill(s.notice_import_newer, &[&v.to_string()]),
                    },
                };
                library.dispatch(Action::Notify(Notice::ImportInvalid(invalid)));
            });
        })
    };
    let on_rename = {
        let library = library.clone();
        Callback::from(move |(id, name): (String, String)| store::rename(&library, id, name))
    };
    let on_delete = {
        let library = library.clone();
        Callback::from(move |ids: Vec<String>| store::delete(&library, ids))
    };
    let on_undo = {
        let library = library.clone();
        Callback::from(move |_: MouseEvent| store::undo(&library))
    };

    let problem = library.problem.as_ref().map(|n| notice_text(s, n));
    let (alert, status) = match &library.notice {
        Some(n) if n.is_error() => (Some(notice_text(s, n)), None),
        Some(n) => (None, Some(notice_text(s, n))),
        None => (None, None),
    };
    html! {
        <section id="library" class="panel library-panel" aria-labelledby="library-heading">
            <h2 id="library-heading">{ s.library_heading }</h2>
            <p class="help">{ s.library_privacy }</p>
            <div class="library-alert" role="alert">
                if let Some(p) = problem { <p>{ p }</p> }
                if let Some(a) = alert { <p>{ a }</p> }
            </div>
            <div class="library-status" role="status">
                if let Some(st) = status {
                    <p>
                        { st }
                        if library.undo.is_some() && matches!(library.notice, Some(Notice::Deleted(_))) {
                            { " " }
                            <button type="button" id="undo-delete" class="button link" onclick={on_undo}>{ s.undo }</button>
                        }
                    </p>
                }
            </div>
            if let Some(space) = &library.space {
                <p class="library-space">{ space_text(s, space) }</p>
            }
            if !library.loaded {
                <p class="empty">{ s.library_loading }</p>
            } else if library.entries.is_empty() {
                <p class="empty">{ s.library_empty }</p>
            } else {
                <p class="count">{ fill(s.library_count, &[&s.count(s.n_reports, library.entries.len())]) }</p>
                <LibraryTable entries={library.entries.clone()} current={props.current.clone()} picks={props.picks.clone()}
                    on_picks={props.on_picks.clone()} on_open={props.on_open.clone()} on_rename={on_rename}
                    on_delete={on_delete} on_compare={props.on_compare.clone()} on_review={props.on_review.clone()} />
            }
            <div class="actions">
                <button type="button" id="export-library" class="button" onclick={on_export}
                        disabled={library.entries.is_empty()}>{ s.export_library }</button>
                <label class="button file-button">
                    { s.import_library }
                    <input type="file" id="import-library" class="visually-hidden" accept=".json,application/json" onchange={on_import} />
                </label>
            </div>
        </section>
    }
}
