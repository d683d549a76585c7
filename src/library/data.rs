//! The report library as data: entries, the JSON file format (stored in the browser and used
//! for export/import), and the state transitions of the library panel. No browser calls here;
//! `store` does the reading and writing.

use fazhi_lens::Report;
use serde::{Deserialize, Serialize};

/// The `format` tag of a library file; import refuses other JSON.
pub const FORMAT: &str = "fazhi-lens-library";

/// The library file version this build writes and reads.
pub const VERSION: u32 = 1;

/// One report of the library: its identity and what the list shows, with `text: T`. As the
/// list holds it ([`Entry`]) it has no text, which stays in storage until the report is opened
/// (listing thousands of reports reads no text); with its text ([`Record`]) it is an element of a
/// library file (export, import, the old `localStorage` library) and what is written to storage.
/// Opening an entry analyses its text again, so entries stay small and match the analyser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved<T> {
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
    /// What the library table shows beyond the metadata (body, level, figures, checks); `None`
    /// for entries saved by an earlier build until their report is analysed again (the table
    /// shows "—" meanwhile).
    #[serde(default)]
    pub summary: Option<Summary>,
    /// The decoded report text (`()` in the list).
    #[serde(default)]
    pub text: T,
}

/// The analysis of a report in brief, kept with each entry (the core's one definition).
pub use fazhi_lens::panel::Summary;

/// A library entry as the list shows it: no text.
pub type Entry = Saved<()>;

/// A library entry with its text.
pub type Record = Saved<String>;

impl<T> Saved<T> {
    /// The request to analyse this entry's text again (opening it, comparing it).
    pub fn request(&self) -> Request {
        Request { source: self.source.clone(), entry_id: Some(self.id.clone()) }
    }
}

impl Record {
    /// The entry without its text, and the text.
    pub fn split(self) -> (Entry, String) {
        let Saved { id, name, region, year, title, source, saved_at, summary, text } = self;
        (Saved { id, name, region, year, title, source, saved_at, summary, text: () }, text)
    }

    /// The record for `text` and its report, saved at `saved_at`. Its name is the core's
    /// (`Report::display_name`: never the text's first line, which on a web page is chrome),
    /// else its source (a file name).
    pub fn new(text: &str, report: &Report, saved_at: String) -> Record {
        let name = report.display_name().unwrap_or_else(|| report.source.clone());
        Record {
            id: text_id(text),
            name,
            region: report.meta.region.clone(),
            year: report.meta.report_year,
            title: report.meta.title.clone(),
            source: report.source.clone(),
            saved_at,
            summary: Some(Summary::of(report)),
            text: text.to_string(),
        }
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

/// The library as read, before each entry is checked.
#[derive(Deserialize)]
struct FileIn {
    format: String,
    version: u32,
    entries: Vec<serde_json::Value>,
}

/// A library file around `records`, a JSON array of records as storage gives it (the export:
/// the array is not parsed and written again, which for 50 MB of text would take a while).
pub fn file_around(records: &str) -> String {
    format!(r#"{{"format":"{FORMAT}","version":{VERSION},"entries":{records}}}"#)
}

/// A library file read back.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    /// The records that could be read, each with its id recomputed from its text (the file's
    /// own id may come from an older build, or be wrong): the same text is stored once.
    pub entries: Vec<Record>,
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
    let entries: Vec<Record> = file
        .entries
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Record>(v).ok())
        .filter(|e| !e.id.is_empty() && !e.text.is_empty())
        .map(|mut e| {
            e.id = text_id(&e.text);
            e
        })
        .collect();
    Ok(Parsed { dropped: total - entries.len(), entries })
}

/// Something the library panel tells the user. Rendered with the current language's strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// IndexedDB cannot be used (private mode, disabled storage): the library lasts while the
    /// page is open.
    StorageUnavailable,
    /// Writing failed because storage is full or the browser refused more space.
    StorageQuota,
    /// Writing or reading failed for another reason (the browser's message).
    StorageFailed(String),
    /// The old `localStorage` library could not be read in full; the raw data was kept under
    /// `backup` (`None`: keeping it failed too, so it was left where it was).
    Corrupt {
        /// Storage key holding the raw data, when it could be set aside.
        backup: Option<String>,
    },
    /// An entry's text is no longer stored (deleted meanwhile in another tab).
    TextMissing,
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

/// How much space the browser gives the app (`navigator.storage.estimate()`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Space {
    /// Bytes used by the app's origin.
    pub used: f64,
    /// Bytes it may use in all.
    pub quota: f64,
    /// Whether the browser granted persistent storage (not cleared under storage pressure).
    pub persisted: bool,
}

/// Everything the library panel shows. Storage is the truth: every change is written first and
/// the list read again after, so what is listed is what is stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryState {
    /// Entries, most recently saved first; shared (`Rc`), so that the table of a thousand
    /// entries takes them without a copy, and compares them by pointer on each scroll step.
    pub entries: std::rc::Rc<Vec<Entry>>,
    /// Whether the stored list has been read (until then the panel says it is loading).
    pub loaded: bool,
    /// A lasting storage problem (shown until a write succeeds).
    pub problem: Option<Notice>,
    /// The latest transient notice.
    pub notice: Option<Notice>,
    /// The last deleted record (a JSON array of one, as storage gave it), for undo.
    pub undo: Option<String>,
    /// The space used and available, when the browser says.
    pub space: Option<Space>,
}

/// A change to the library state (storage has already changed, see `store`).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The stored list, read again; `other_tab`: because another tab wrote it.
    Listed {
        /// The entries, newest first.
        entries: Vec<Entry>,
        /// Whether another tab's write is why it was read.
        other_tab: bool,
    },
    /// A write succeeded: a write problem shown before is over.
    Saved,
    /// Storage failed (a lasting problem, shown until the next successful write).
    Failed(Notice),
    /// Show a notice.
    Notify(Notice),
    /// An entry was deleted: its name, and its record for undo.
    Deleted {
        /// Its name.
        name: String,
        /// Its record, as storage gave it.
        record: String,
    },
    /// The deleted entry was restored.
    Undone,
    /// The space used and available.
    Space(Space),
}

impl LibraryState {
    /// Applies one action.
    pub fn apply(&self, action: Action) -> LibraryState {
        let mut s = self.clone();
        match action {
            Action::Listed { entries, other_tab } => {
                if other_tab && entries != *s.entries {
                    s.notice = Some(Notice::OtherTab { before: s.entries.len(), after: entries.len() });
                }
                s.entries = std::rc::Rc::new(entries);
                s.loaded = true;
            }
            Action::Saved => {
                if matches!(s.problem, Some(Notice::StorageQuota | Notice::StorageFailed(_))) {
                    s.problem = None;
                }
            }
            Action::Failed(n) => s.problem = Some(n),
            Action::Notify(n) => s.notice = Some(n),
            Action::Deleted { name, record } => {
                s.notice = Some(Notice::Deleted(name));
                s.undo = Some(record);
            }
            Action::Undone => {
                s.undo = None;
                s.notice = None;
            }
            Action::Space(space) => s.space = Some(space),
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, name: &str) -> Record {
        Record {
            id: text_id(text),
            name: name.into(),
            region: Some("某区".into()),
            year: Some(2024),
            title: None,
            source: String::new(),
            saved_at: String::new(),
            summary: None,
            text: text.into(),
        }
    }

    fn entry(name: &str) -> Entry {
        Entry {
            id: text_id(name),
            name: name.into(),
            region: None,
            year: None,
            title: None,
            source: String::new(),
            saved_at: String::new(),
            summary: None,
            text: (),
        }
    }

    #[test]
    fn round_trips_through_json() {
        let entries = vec![record("甲", "一"), record("乙", "二")];
        let parsed = parse(&file_around(&serde_json::to_string(&entries).unwrap())).unwrap();
        assert_eq!(parsed, Parsed { entries: entries.clone(), dropped: 0 });
        let array = serde_json::to_string(&entries).unwrap();
        assert_eq!(parse(&file_around(&array)).unwrap().entries, entries);
    }

    #[test]
    fn entries_without_a_summary_still_load_and_new_ones_keep_theirs() {
        // An entry as builds before the table wrote it: no summary (the table shows "—").
        let old = format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{{"id":"x","name":"旧","text":"旧文"}}]}}"#);
        assert_eq!(parse(&old).unwrap().entries[0].summary, None);
        let mut with = record("新文", "新");
        with.summary = Some(Summary {
            body: Some("某区人民政府".into()),
            level: Some("district".into()),
            published: None,
            figures: 12,
            checks: 11,
            failed: vec!["part_problems".into()],
        });
        let parsed = parse(&file_around(&serde_json::to_string(&[with.clone()]).unwrap())).unwrap();
        assert_eq!(parsed.entries, vec![with]);
    }

    #[test]
    fn keeps_good_entries_and_counts_bad_ones() {
        let raw = format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"id":"1","name":"a","text":"t"}},{{"name":"no id"}},7]}}"#
        );
        let parsed = parse(&raw).unwrap();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].id, text_id("t"), "ids come from the text");
        assert_eq!(parsed.dropped, 2);
        assert!(matches!(parse("not json"), Err(ParseError::NotLibrary(_))));
        assert!(matches!(parse(r#"{"format":"other","version":1,"entries":[]}"#), Err(ParseError::NotLibrary(_))));
        let newer = format!(r#"{{"format":"{FORMAT}","version":9,"entries":[]}}"#);
        assert_eq!(parse(&newer), Err(ParseError::NewerVersion(9)));
    }

    #[test]
    fn a_listing_from_another_tab_is_announced_only_when_it_changes_something() {
        let s = LibraryState::default().apply(Action::Listed { entries: vec![entry("甲")], other_tab: false });
        assert!(s.loaded && s.notice.is_none());
        let same = s.apply(Action::Listed { entries: vec![entry("甲")], other_tab: true });
        assert_eq!(same.notice, None);
        let more = s.apply(Action::Listed { entries: vec![entry("乙"), entry("甲")], other_tab: true });
        assert_eq!(more.notice, Some(Notice::OtherTab { before: 1, after: 2 }));
    }

    #[test]
    fn a_write_problem_lasts_until_a_write_succeeds() {
        let s = LibraryState::default().apply(Action::Failed(Notice::StorageQuota));
        assert_eq!(s.problem, Some(Notice::StorageQuota));
        assert_eq!(s.apply(Action::Saved).problem, None);
        let unavailable = LibraryState::default().apply(Action::Failed(Notice::StorageUnavailable));
        assert_eq!(unavailable.apply(Action::Saved).problem, Some(Notice::StorageUnavailable));
    }

    #[test]
    fn delete_offers_undo_once() {
        let s = LibraryState::default().apply(Action::Deleted { name: "一".into(), record: "[]".into() });
        assert_eq!(s.notice, Some(Notice::Deleted("一".into())));
        assert_eq!(s.undo.as_deref(), Some("[]"));
        let s = s.apply(Action::Undone);
        assert_eq!((s.undo, s.notice), (None, None));
    }
}
