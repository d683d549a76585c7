//! The comparison tables: key indicators (`table#compare-table`) and the other aligned figures
//! with their confidence (`table#compare-figures`). One column per report, grouped by region
//! in year order; each value carries its change from the region's previous report.

use fazhi_lens::compare::SeriesChange;
use fazhi_lens::format::number;
use yew::prelude::*;

use super::model::{step_text, year_text, Compared, Trend};
use crate::i18n::{fill, Strings};

/// Column groups and the two header rows: `lead` and `trail` headings span both rows; each
/// region heads its reports, each report column is headed by its year (`th.report-col`).
pub fn head(c: &Compared, s: &Strings, lead: &[&str], trail: &[&str]) -> Html {
    let series = c.comparison.series();
    let span = |n: usize| n.to_string();
    html! {
        <>
            <colgroup span={span(lead.len())} />
            { for series.iter().map(|ser| html! { <colgroup class="series" span={span(ser.columns.len())} /> }) }
            if !trail.is_empty() { <colgroup span={span(trail.len())} /> }
            <thead>
                <tr>
                    { for lead.iter().map(|h| html! { <th scope="col" rowspan="2">{ *h }</th> }) }
                    { for series.iter().map(|ser| html! {
                        <th scope="colgroup" colspan={span(ser.columns.len())} class="region-col series-start">
                            { ser.key.clone().unwrap_or_else(|| s.region_unknown.to_string()) }
                        </th>
                    }) }
                    { for trail.iter().map(|h| html! { <th scope="col" rowspan="2">{ *h }</th> }) }
                </tr>
                <tr>
                    { for series.iter().flat_map(|ser| ser.columns.iter().enumerate().map(|(k, &col)| {
                        let r = c.comparison.reports.get(col);
                        let name = c.names.get(col).cloned().unwrap_or_default();
                        html! {
                            <th scope="col" class={if k == 0 { "report-col series-start" } else { "report-col" }}
                                data-col={col.to_string()} title={name.clone()}>
                                <span class="col-year">{ year_text(s, r.and_then(|r| r.report_year)) }</span>
                                <span class="col-name">{ name }</span>
                            </th>
                        }
                    })) }
                </tr>
            </thead>
        </>
    }
}

/// Whether column `col` starts a region's group (it gets a rule on its left).
fn starts_series(c: &Compared, col: usize) -> bool {
    col == 0 || c.comparison.reports.get(col - 1).map(|r| r.series()) != c.comparison.reports.get(col).map(|r| r.series())
}

/// One value cell: the value (or "—", read as "not stated"), the printed unit where the row
/// mixes 件 and 宗, and the change from the region's previous report with an arrow and words.
fn value_cell(
    c: &Compared,
    s: &Strings,
    col: usize,
    value: Option<f64>,
    unit: Option<&str>,
    step: Option<&SeriesChange>,
    note: Option<String>,
) -> Html {
    let start = starts_series(c, col);
    let Some(v) = value else {
        return html! {
            <td class={if start { "cmp-cell none series-start" } else { "cmp-cell none" }}>
                <span aria-hidden="true">{ "—" }</span>
                <span class="visually-hidden">{ s.compare.not_stated }</span>
            </td>
        };
    };
    html! {
        <td class={if start { "cmp-cell series-start" } else { "cmp-cell" }} title={note}>
            <span class="cmp-value">{ number(v) }</span>
            if let Some(u) = unit { <span class="cmp-unit">{ u }</span> }
            if let Some(step) = step {
                { step_html(s, step) }
            }
        </td>
    }
}

/// The unit cell and one value cell per report of a row (`Row` or `FigureRow`): `notes` are
/// the cells' tooltips (qualifier or phrase); the printed unit shows where the row mixes units.
fn unit_and_values(
    c: &Compared,
    s: &Strings,
    unit: &str,
    values: &[Option<f64>],
    units: &[Option<String>],
    notes: &[Option<String>],
) -> Html {
    let steps = c.comparison.steps(values);
    let mixed = unit.contains('/');
    html! {
        <>
            <td class="unit">{ unit }</td>
            { for values.iter().enumerate().map(|(col, v)| {
                let printed = if mixed { units.get(col).cloned().flatten() } else { None };
                let note = notes.get(col).cloned().flatten();
                value_cell(c, s, col, *v, printed.as_deref(), steps.get(col).and_then(Option::as_ref), note)
            }) }
        </>
    }
}

/// "▲ +64 (+336.8%)", with the direction also in words for screen readers.
fn step_html(s: &Strings, step: &SeriesChange) -> Html {
    let trend = Trend::of(step);
    let since = fill(s.compare.since, &[&year_text(s, step.from_year)]);
    html! {
        <span class={format!("cmp-step {}", trend.class())} title={since.clone()}>
            <span class="arrow" aria-hidden="true">{ trend.arrow() }</span>
            <span class="visually-hidden">{ format!("{since}，{}", trend.word(s)) }</span>
            <span class="delta">{ step_text(step) }</span>
        </span>
    }
}

/// Key indicators, one row per (indicator, unit).
///
/// The sections of the comparison are plain functions rather than components: they always
/// render together, from one `Compared`, so separate components would only add code.
pub fn key_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let rows = &c.comparison.rows;
    let body = (!rows.is_empty()).then(|| html! { <>{ for rows.iter().map(|row| {
            let notes: Vec<Option<String>> = row.qualifiers.iter()
                .map(|q| q.as_ref().filter(|q| !q.is_empty()).map(|q| fill(cs.qualifier, &[q])))
                .collect();
            html! {
                <tr class="compare-row" data-id={row.indicator.clone()} data-unit={row.unit.clone()}>
                    <th scope="row">{ s.key_label(&row.indicator) }</th>
                    { unit_and_values(c, s, &row.unit, &row.values, &row.units, &notes) }
                </tr>
            }
        })
    }</> });
    let block = Block { id: "compare-table", heading: cs.key_heading, help: None, caption: cs.key_caption, empty: cs.key_empty };
    table_block(&block, head(c, s, &[cs.col_indicator, cs.col_unit], &[]), body)
}

/// Other figures aligned by phrase similarity, apart from the key indicators.
pub fn figures_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let rows = &c.comparison.figures;
    let body = (!rows.is_empty()).then(|| html! { <>{ for rows.iter().map(|row| html! {
            <tr class="compare-figure">
                <th scope="row">{ &row.indicator }</th>
                { unit_and_values(c, s, &row.unit, &row.values, &row.units, &row.phrases) }
                <td class="confidence">{ number(row.confidence) }</td>
            </tr>
        })
    }</> });
    let block = Block {
        id: "compare-figures",
        heading: cs.figures_heading,
        help: Some(cs.figures_help),
        caption: cs.figures_caption,
        empty: cs.figures_empty,
    };
    table_block(&block, head(c, s, &[cs.col_indicator, cs.col_unit], &[cs.col_confidence]), body)
}

/// What a table block of the comparison says around its table.
pub struct Block<'a> {
    /// The table's id; its heading's is `<id>-heading`.
    pub id: &'static str,
    /// The block's heading.
    pub heading: &'a str,
    /// A help line under the heading.
    pub help: Option<&'a str>,
    /// The table's caption.
    pub caption: &'a str,
    /// What shows instead of the table when it has no rows.
    pub empty: &'a str,
}

/// A block of the comparison: heading, help, then the table (`head` and the `body` rows) in a
/// scrollable, focusable region, or the empty line when `body` is `None`.
pub fn table_block(b: &Block, head: Html, body: Option<Html>) -> Html {
    let heading_id = format!("{}-heading", b.id);
    html! {
        <section class="compare-block" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id.clone()}>{ b.heading }</h3>
            if let Some(help) = b.help { <p class="help">{ help }</p> }
            if let Some(rows) = body {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby={heading_id}>
                    <table id={b.id} class="compare-table">
                        <caption class={if b.help.is_some() { "visually-hidden" } else { "help" }}>{ b.caption }</caption>
                        { head }
                        <tbody>{ rows }</tbody>
                    </table>
                </div>
            } else {
                <p class="empty">{ b.empty }</p>
            }
        </section>
    }
}
