//! Completeness checks side by side.

use super::CheckRow;
use crate::report::Report;

/// Every check id, in order of first appearance, with each report's result.
pub(super) fn check_rows(reports: &[&Report]) -> Vec<CheckRow> {
    let mut rows: Vec<CheckRow> = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        for check in &report.checks {
            let row = match rows.iter().position(|row| row.id == check.id) {
                Some(i) => i,
                None => {
                    rows.push(CheckRow { id: check.id.clone(), ok: vec![None; reports.len()] });
                    rows.len() - 1
                }
            };
            if let Some(slot) = rows.get_mut(row).and_then(|row| row.ok.get_mut(r)) {
                *slot = Some(check.ok);
            }
        }
    }
    rows
}
