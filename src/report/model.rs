//! The state shared between components, and the hook that gives them their strings.

use std::rc::Rc;

use fazhi_lens::Report;
use yew::prelude::*;

use crate::i18n::{Lang, Strings};
use super::tree::Tree;

/// One analysed report on screen: the decoded text and what the analyser found in it.
pub struct Analysis {
    /// Increases with every analysis; identifies it cheaply (props compare by it).
    pub seq: u32,
    /// The decoded text the report's offsets point into.
    pub text: Rc<str>,
    /// The analyser's findings.
    pub report: Report,
    /// Id of the library entry holding this text.
    pub entry_id: String,
    /// The heading tree with figure counts.
    pub tree: Tree,
}

impl Analysis {
    /// Wraps a report; computes the tree once.
    pub fn new(seq: u32, text: Rc<str>, report: Report, entry_id: String) -> Analysis {
        let tree = Tree::new(&report.sections, &report.metrics);
        Analysis { seq, text, report, entry_id, tree }
    }
}

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq
    }
}

/// The stretch of source text currently marked, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The figure whose sentence it is, if any (its table row shows as selected).
    pub figure: Option<usize>,
    /// Increases on every request, so asking twice for the same place scrolls again.
    pub seq: u32,
}

/// A request to mark a place in the source text.
#[derive(Clone, Debug, PartialEq)]
pub enum Show {
    /// The sentence of `Report::metrics[i]`.
    Figure(usize),
    /// The heading line of `Report::sections[i]`.
    Section(usize),
    /// The sentence holding a byte range (a key indicator's evidence).
    Range(usize, usize),
}

/// The string table of the language in context.
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or(Lang::Zh).strings()
}
