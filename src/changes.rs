//! Changes: year-on-year statements made in the text (同比增长82.4%, 较上年度下降1.95%).

use crate::normalize::Normalized;
use crate::report::Change;

/// Finds the year-on-year statements of a report.
pub fn find(_view: &Normalized) -> Vec<Change> {
    Vec::new()
}
