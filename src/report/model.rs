//! The report on screen as plain data: the text and its report ([`Analysis`]), and the place in
//! the text that is marked ([`Highlight`]) at a view's request ([`Show`]).

use std::rc::Rc;

use fazhi_lens::Report;

use super::text::{line_from, sentence_around};
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

    /// Where a key-indicator value is in the text: its figure (`metric`, an index into the
    /// figures), else its clause (`evidence`) found in the text; `None` when neither is there.
    pub fn value_at(&self, metric: Option<usize>, evidence: &str) -> Option<Show> {
        metric.filter(|&m| m < self.report.metrics.len()).map(Show::Figure).or_else(|| {
            let at = self.text.find(evidence).filter(|_| !evidence.is_empty())?;
            Some(Show::Range(at, at + evidence.len()))
        })
    }

    /// What `show` marks in the text: the byte range, and the figure whose sentence it is. `None`
    /// for a figure or section the report does not have.
    pub fn place(&self, show: &Show) -> Option<(usize, usize, Option<usize>)> {
        let ((start, end), figure) = match *show {
            Show::Figure(i) => {
                let f = self.report.metrics.get(i)?;
                (sentence_around(&self.text, f.start, f.end), Some(i))
            }
            Show::Section(i) => (line_from(&self.text, self.report.sections.get(i)?.start), None),
            Show::Range(start, end) => (sentence_around(&self.text, start, end), None),
        };
        Some((start, end, figure))
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

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_lens::Figure;

    #[test]
    fn a_figure_marks_its_sentence_and_an_unknown_one_nothing() {
        let text = "标题\n共办理案件12件。下一句。";
        let start = text.find("12件").unwrap_or_default();
        let figure = Figure {
            surface: "12件".into(),
            value: 12.0,
            unit: "件".into(),
            indicator: "办理案件".into(),
            approx: false,
            start,
            end: start + "12件".len(),
            section: None,
        };
        let report = Report { metrics: vec![figure], ..Report::default() };
        let a = Analysis::new(1, Rc::from(text), report, String::new());
        let (start, end, figure) = a.place(&Show::Figure(0)).unwrap_or_default();
        assert_eq!((&text[start..end], figure), ("共办理案件12件。", Some(0)));
        assert_eq!(a.place(&Show::Figure(1)), None);
        assert_eq!(a.place(&Show::Section(0)), None);
    }
}
