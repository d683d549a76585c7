//! The report library as data: entries, the JSON file format (stored in the browser and used
//! for export/import), and the state transitions of the library panel. No browser calls here;
//! `store` does the reading and writing.

use fazhi_lens::Report;
use serde::{Deserialize, Serialize};

/// The `format` tag of a library file; import refuses other JSON.
pub const FORMAT: &str = "fazhi-lens-library";

/// The library file version this build writes and reads.
pub const VERSION: u32 = 1;

/// One analysed report kept in the library. Only the text is stored; opening an entry
/// analyses it again, so entries stay small and always match the current analyser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable identity: a hash of the text, so the same report is kept once.
    pub id: String,
    /// The name shown in the list; the user may rename it.
    pub name: String,
    /// Region of the report (metadata at the time it was saved).
    #[serde(default)]
    pub region: Option<String>,
    /// Year reported on.
    #[serde(default)]
    pub year: Option<i32>,
    /// Title line, if the report has one.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the text came from (a file name, or the paste area).
    #[serde(default)]
    pub source: String,
    /// When it was saved, as an ISO 8601 timestamp.
    #[serde(default)]
    pub saved_at: String,
    /// The decoded report text.
    pub text: String,
}

impl Entry {
    /// An entry for `text` and its report, saved at `saved_at`. Its name is the core's
    /// (`Report::display_name`: never the text's first line, which on a web page is chrome),
    /// else its source (a file name).
    pub fn new(text: &str, report: &Report, saved_at: String) -> Entry {
        let name = report.display_name().unwrap_or_else(|| report.source.clone());
        Entry {
            id: text_id(text),
            name,
            region: report.meta.region.clone(),
            year: report.meta.report_year,
            title: report.meta.title.clone(),
            source: report.source.clone(),
            saved_at,
            text: text.to_string(),
        }
    }

    /// The request to analyse this entry's text again (opening it, comparing it).
    pub fn request(&self) -> Request {
        Request { source: self.source.clone(), entry_id: Some(self.id.clone()) }
    }
}

/// What an analysis request is for: the text's source name, and its library entry when a saved
/// report is analysed (a new text gets an entry once analysed). The shell and the comparison
/// both tag their requests to the analysis worker with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Where the text came from (a file name, the paste area, the demo).
    pub source: String,
    /// The library entry holding the text, if it is in the library.
    pub entry_id: Option<String>,
}

/// A hash of the text (64-bit FNV-1a, hex): identical reports get identical ids.
pub fn text_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The library as one JSON document.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    entries: &'a [Entry],
}

/// The library as read, before each entry is checked.
#[derive(Deserialize)]
struct FileIn {
    format: String,
    version: u32,
    entries: Vec<serde_json::Value>,
}

/// Serialises entries as a library file.
pub fn to_json(entries: &[Entry]) -> String {
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&FileOut { format: FORMAT, version: VERSION, entries }).unwrap_or_default()
}

/// A library file read back.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    /// The entries that could be read.
    pub entries: Vec<Entry>,
    /// How many entries were malformed and left out.
    pub dropped: usize,
}

/// Why a library file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON, or not shaped like a library file.
    NotLibrary(String),
    /// A library file from a newer version of the app.
    NewerVersion(u32),
}

/// Reads a library file, keeping every well-formed entry.
pub fn parse(raw: &str) -> Result<Parsed, ParseError> {
    let file: FileIn = serde_json::from_str(raw).map_err(|e| ParseError::NotLibrary(e.to_string()))?;
    if file.format != FORMAT {
        return Err(ParseError::NotLibrary(format!("format \"{}\"", file.format)));
    }
    if file.version > VERSION {
        return Err(ParseError::NewerVersion(file.version));
    }
    let total = file.entries.len();
    let entries: Vec<Entry> = file
        .entries
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Entry>(v).ok())
        .filter(|e| !e.id.is_empty())
        .collect();
    Ok(Parsed { dropped: total - entries.len(), entries })
}

/// Something the library panel tells the user. Rendered with the current language's strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Browser storage cannot be used at all (private mode, disabled storage).
    StorageUnavailable,
    /// Writing failed because storage is full.
    StorageQuota,
    /// Writing failed for another reason (the browser's message).
    StorageFailed(String),
    /// Stored data could not be read in full; the raw data was kept under `backup`
    /// (`None`: keeping it failed too, so the library is not written this session).
    Corrupt {
        /// Storage key holding the raw data, when it could be set aside.
        backup: Option<String>,
    },
    /// An entry was deleted (its name); the user may undo.
    Deleted(String),
    /// Import finished.
    Imported {
        /// Entries added.
        added: usize,
        /// Entries already present (same text) or malformed.
        skipped: usize,
    },
    /// The chosen file is not a library file (the reason).
    ImportInvalid(String),
    /// Another tab changed the library; this tab now shows its changes too.
    OtherTab {
        /// Entries shown before.
        before: usize,
        /// Entries shown now.
        after: usize,
    },
}

impl Notice {
    /// True for notices about a failure (shown as an alert).
    pub fn is_error(&self) -> bool {
        !matches!(self, Notice::Deleted(_) | Notice::Imported { .. } | Notice::OtherTab { .. })
    }
}

/// Everything the library panel shows, and what must be written to storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// Entries, most recently saved first.
    pub entries: Vec<Entry>,
    /// Bumped on every change that must be written to storage.
    pub revision: u64,
    /// False when writing must not happen (storage unavailable, or unreadable data that could
    /// not be set aside: writing would destroy it).
    pub writable: bool,
    /// A lasting storage problem (shown until resolved).
    pub problem: Option<Notice>,
    /// The latest transient notice.
    pub notice: Option<Notice>,
    /// The last deleted entry and its position, for undo.
    pub undo: Option<(usize, Entry)>,
    /// Ids this tab deleted: when another tab's copy of the library still has them, they stay
    /// deleted rather than coming back (see [`merge_stored`]).
    pub removed: Vec<String>,
    /// Whether the last write to storage failed: this tab then holds changes that storage does
    /// not, and a copy written by another tab must be merged rather than adopted.
    pub unsaved: bool,
}

/// A change to the library.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Keep an analysed report (an entry with the same text moves to the top, keeping its name).
    Add(Entry),
    /// Rename an entry.
    Rename {
        /// Entry id.
        id: String,
        /// New name (trimmed; empty names are ignored).
        name: String,
    },
    /// Delete an entry.
    Delete(String),
    /// Restore the last deleted entry.
    Undo,
    /// Merge entries from an imported file (`dropped`: malformed entries in it).
    Import {
        /// Entries read from the file.
        entries: Vec<Entry>,
        /// Malformed entries left out.
        dropped: usize,
    },
    /// Show a notice.
    Notify(Notice),
    /// Writing to storage succeeded.
    Saved,
    /// Writing to storage failed.
    SaveFailed(Notice),
    /// Another tab wrote the library (the entries it wrote).
    External(Vec<Entry>),
    /// Saving found entries another tab had written meanwhile and kept them (already stored).
    Kept(Vec<Entry>),
}

/// Merges the library as stored (perhaps written by another tab since this tab last read it)
/// into this tab's entries before this tab writes: stored entries this tab does not have and
/// did not delete are kept, after this tab's own. Returns the list to write and the entries
/// that were kept from storage, so the tab can show them too. Nothing another tab saved is
/// lost by this tab writing.
pub fn merge_stored(ours: &[Entry], stored: Vec<Entry>, removed: &[String]) -> (Vec<Entry>, Vec<Entry>) {
    let kept: Vec<Entry> =
        stored.into_iter().filter(|e| !ours.iter().any(|o| o.id == e.id) && !removed.contains(&e.id)).collect();
    let mut all = ours.to_vec();
    all.extend(kept.iter().cloned());
    (all, kept)
}

impl LibraryState {
    /// Applies one action.
    pub fn apply(&self, action: Action) -> LibraryState {
        let mut s = self.clone();
        match action {
            Action::Add(mut entry) => {
                if let Some(pos) = s.entries.iter().position(|e| e.id == entry.id) {
                    let old = s.entries.remove(pos);
                    entry.name = old.name;
                }
                s.entries.insert(0, entry);
                s.revision += 1;
            }
            Action::Rename { id, name } => {
                let name = name.trim();
                if let Some(e) = s.entries.iter_mut().find(|e| e.id == id) {
                    if !name.is_empty() && e.name != name {
                        e.name = name.to_string();
                        s.revision += 1;
                    }
                }
            }
            Action::Delete(id) => {
                if let Some(pos) = s.entries.iter().position(|e| e.id == id) {
                    let e = s.entries.remove(pos);
                    s.removed.push(e.id.clone());
                    s.notice = Some(Notice::Deleted(e.name.clone()));
                    s.undo = Some((pos, e));
                    s.revision += 1;
                }
            }
            Action::Undo => {
                if let Some((pos, e)) = s.undo.take() {
                    s.removed.retain(|id| *id != e.id);
                    if !s.entries.iter().any(|x| x.id == e.id) {
                        s.entries.insert(pos.min(s.entries.len()), e);
                        s.revision += 1;
                    }
                    s.notice = None;
                }
            }
            Action::Import { entries, dropped } => {
                let mut added = 0;
                let mut skipped = dropped;
                for e in entries {
                    if s.entries.iter().any(|x| x.id == e.id) {
                        skipped += 1;
                    } else {
                        s.entries.push(e);
                        added += 1;
                    }
                }
                if added > 0 {
                    s.revision += 1;
                }
                s.notice = Some(Notice::Imported { added, skipped });
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::Saved => {
                s.unsaved = false;
                if matches!(s.problem, Some(Notice::StorageQuota | Notice::StorageFailed(_))) {
                    s.problem = None;
                }
            }
            Action::SaveFailed(n) => {
                s.unsaved = true;
                s.problem = Some(n);
            }
            Action::External(theirs) => {
                let before = s.entries.len();
                if s.unsaved || !s.writable {
                    // Storage lacks some of ours: keep them, add theirs, and try writing again.
                    let (all, kept) = merge_stored(&s.entries, theirs, &s.removed);
                    s.entries = all;
                    if !kept.is_empty() && s.writable {
                        s.revision += 1;
                    }
                } else {
                    // Storage held exactly ours until the other tab wrote: theirs is the newer
                    // whole, deletions and renames included.
                    s.entries = theirs;
                }
                if s.entries != self.entries {
                    s.notice = Some(Notice::OtherTab { before, after: s.entries.len() });
                }
            }
            Action::Kept(kept) => {
                for e in kept {
                    if !s.entries.iter().any(|x| x.id == e.id) {
                        s.entries.push(e);
                    }
                }
                if s.entries != self.entries {
                    s.notice = Some(Notice::OtherTab { before: self.entries.len(), after: s.entries.len() });
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, name: &str) -> Entry {
        Entry {
            id: text_id(text),
            name: name.into(),
            region: Some("某区".into()),
            year: Some(2024),
            title: None,
            source: String::new(),
            saved_at: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn round_trips_through_json() {
        let entries = vec![entry("甲", "一"), entry("乙", "二")];
        let parsed = parse(&to_json(&entries)).unwrap();
        assert_eq!(parsed, Parsed { entries, dropped: 0 });
    }

    #[test]
    fn keeps_good_entries_and_counts_bad_ones() {
        let raw = format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"id":"1","name":"a","text":"t"}},{{"name":"no id"}},7]}}"#
        );
        let parsed = parse(&raw).unwrap();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.dropped, 2);
        assert!(matches!(parse("not json"), Err(ParseError::NotLibrary(_))));
        assert!(matches!(parse(r#"{"format":"other","version":1,"entries":[]}"#), Err(ParseError::NotLibrary(_))));
        let newer = format!(r#"{{"format":"{FORMAT}","version":9,"entries":[]}}"#);
        assert_eq!(parse(&newer), Err(ParseError::NewerVersion(9)));
    }

    #[test]
    fn add_dedupes_and_keeps_the_users_name() {
        let s = LibraryState { writable: true, ..Default::default() };
        let s = s.apply(Action::Add(entry("甲", "一")));
        let s = s.apply(Action::Add(entry("乙", "二")));
        let s = s.apply(Action::Rename { id: text_id("甲"), name: " 改名 ".into() });
        let s = s.apply(Action::Add(entry("甲", "标题")));
        assert_eq!(s.entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["改名", "二"]);
        assert_eq!(s.revision, 4);
    }

    #[test]
    fn delete_can_be_undone_and_import_skips_duplicates() {
        let s = LibraryState::default().apply(Action::Add(entry("甲", "一"))).apply(Action::Add(entry("乙", "二")));
        let s = s.apply(Action::Delete(text_id("甲")));
        assert_eq!(s.entries.len(), 1);
        assert_eq!(s.notice, Some(Notice::Deleted("一".into())));
        let s = s.apply(Action::Undo);
        assert_eq!(s.entries.len(), 2);
        let s = s.apply(Action::Import { entries: vec![entry("甲", "x"), entry("丙", "三")], dropped: 1 });
        assert_eq!(s.entries.len(), 3);
        assert_eq!(s.notice, Some(Notice::Imported { added: 1, skipped: 2 }));
    }

    fn names(s: &LibraryState) -> Vec<&str> {
        s.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn saving_keeps_what_another_tab_stored_but_not_what_this_tab_deleted() {
        let ours = vec![entry("甲", "一"), entry("乙", "二")];
        let stored = vec![entry("丙", "三"), entry("甲", "一"), entry("丁", "四")];
        let (all, kept) = merge_stored(&ours, stored, &[text_id("丁")]);
        assert_eq!(all.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["一", "二", "三"]);
        assert_eq!(kept, vec![entry("丙", "三")]);
    }

    #[test]
    fn another_tabs_write_is_adopted_when_ours_was_saved_and_merged_when_not() {
        let saved = LibraryState { writable: true, ..Default::default() }
            .apply(Action::Add(entry("甲", "一")))
            .apply(Action::Saved);
        // The other tab deleted 甲 and added 乙: adopt, deletion included.
        let s = saved.apply(Action::External(vec![entry("乙", "二")]));
        assert_eq!(names(&s), ["二"]);
        assert_eq!(s.notice, Some(Notice::OtherTab { before: 1, after: 1 }));
        assert_eq!(s.revision, saved.revision, "adopting needs no write");
        // Our last write failed (quota): 甲 is only here, so it must survive their write.
        let failed = saved.apply(Action::Add(entry("丙", "三"))).apply(Action::SaveFailed(Notice::StorageQuota));
        let s = failed.apply(Action::External(vec![entry("乙", "二")]));
        assert_eq!(names(&s), ["三", "一", "二"]);
        assert!(s.revision > failed.revision, "the merged library is written again");
    }

    #[test]
    fn deleting_then_undoing_forgets_the_deletion() {
        let s = LibraryState::default().apply(Action::Add(entry("甲", "一"))).apply(Action::Delete(text_id("甲")));
        assert_eq!(s.removed, [text_id("甲")]);
        let s = s.apply(Action::Undo);
        assert!(s.removed.is_empty());
        let s = s.apply(Action::Kept(vec![entry("乙", "二"), entry("甲", "一")]));
        assert_eq!(names(&s), ["一", "二"]);
    }
}
