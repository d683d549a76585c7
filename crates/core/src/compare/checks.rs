//! Completeness checks side by side, in their three states.

use super::CheckRow;
use crate::report::Report;

/// Every check id, in order of first appearance, with each report's outcome (passed, failed,
/// cannot tell) and explanation, as its own report gives them.
pub(super) fn check_rows(reports: &[&Report]) -> Vec<CheckRow> {
    let n = reports.len();
    let mut rows: Vec<CheckRow> = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        for check in &report.checks {
            let row = match rows.iter().position(|row| row.id == check.id) {
                Some(i) => i,
                None => {
                    rows.push(CheckRow {
                        id: check.id.clone(),
                        label: crate::catalog::check_label(&check.id).map_or_else(|| check.id.clone(), str::to_string),
                        ok: vec![None; n],
                        states: vec![None; n],
                        details: vec![None; n],
                    });
                    rows.len() - 1
                }
            };
            let Some(row) = rows.get_mut(row) else { continue };
            if let Some(slot) = row.ok.get_mut(r) {
                *slot = Some(check.ok);
            }
            if let Some(slot) = row.states.get_mut(r) {
                *slot = Some(check.outcome());
            }
            if let Some(slot) = row.details.get_mut(r) {
                *slot = Some(check.detail.clone());
            }
        }
    }
    rows
}
