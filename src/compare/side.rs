//! Side by side: each report's own year-on-year statements (`section#compare-changes`) and
//! the completeness checks of every report in their three states (`table#compare-checks`).

use fazhi_lens::Direction;
use yew::prelude::*;

use super::model::Compared;
use super::table::{block, head, table_block, Block};
use crate::i18n::Strings;

/// Arrow, CSS class and words of a stated direction.
fn direction(d: Direction) -> (&'static str, &'static str) {
    match d {
        Direction::Up => ("▲", "up"),
        Direction::Down => ("▼", "down"),
        Direction::Flat => ("＝", "flat"),
    }
}

/// The in-text change statements of each report, one column per report, as printed.
pub fn changes_section(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let grid = html! {
            <div class="changes-grid">
                { for c.reports.iter().enumerate().map(|(col, report)| {
                    let heading = c.columns.get(col).cloned().unwrap_or_default();
                    html! {
                        <div class="changes-col" data-col={col.to_string()}>
                            <h4>{ heading }</h4>
                            if report.changes.is_empty() {
                                <p class="empty">{ cs.changes_empty }</p>
                            } else {
                                <ul class="change-list">
                                    { for report.changes.iter().map(|ch| {
                                        let (arrow, class) = direction(ch.direction);
                                        let word = match ch.direction {
                                            Direction::Up => cs.up,
                                            Direction::Down => cs.down,
                                            Direction::Flat => cs.flat,
                                        };
                                        html! {
                                            <li class={format!("compare-change {class}")}>
                                                <span class="arrow" aria-hidden="true">{ arrow }</span>
                                                <span class="visually-hidden">{ [word, s.colon].concat() }</span>
                                                <span class="change-indicator">{ &ch.indicator }</span>
                                                { " " }
                                                <q class="change-surface">{ &ch.surface }</q>
                                            </li>
                                        }
                                    }) }
                                </ul>
                            }
                        </div>
                    }
                }) }
            </div>
    };
    block(
        Some("compare-changes"),
        AttrValue::Static("compare-changes-heading"),
        cs.changes_heading,
        Some(cs.changes_help),
        grid,
    )
}

/// Each report's outcome of each check (passed ✓, failed ✗, cannot tell ?), its explanation as
/// the tooltip; mandated contents first (the core keeps check order).
pub fn checks_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let checks = &c.comparison.checks;
    let body = (!checks.is_empty()).then(|| {
        html! { <>{ for checks.iter().map(|row| html! {
                <tr class="check-row" data-id={row.id.clone()}>
                    <th scope="row">{ s.check_label(&row.id) }</th>
                    { for (0..c.comparison.reports.len()).map(|col| {
                        let detail = row.details.get(col).cloned().flatten();
                        let (class, mark, word) = match row.states.get(col).copied().flatten() {
                            Some(state) => s.outcome(state),
                            None => ("absent", "—", cs.check_absent),
                        };
                        html! {
                            <td class={classes!("check-cell", class)} title={detail}>
                                <span class="mark" aria-hidden="true">{ mark }</span>
                                <span class="word">{ word }</span>
                            </td>
                        }
                    }) }
                </tr>
            })
        }</> }
    });
    let block = Block {
        id: "compare-checks",
        heading: cs.checks_heading,
        help: None,
        caption: cs.checks_caption,
        empty: s.checks_empty,
    };
    table_block(&block, head(c, s, &[cs.col_check], &[]), body)
}
