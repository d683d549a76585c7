//! The comparison tables: key indicators (`table#compare-table`) and the other aligned figures
//! with their confidence (`table#compare-figures`). One column per report, grouped by region
//! in year order; each value carries its change from the region's previous report in its row
//! (rows hold only values that count the same thing: `docs/comparison.md`).

use fazhi_lens::compare::{Cell, Step};
use fazhi_lens::format::number;
use yew::prelude::*;

use super::model::{step_text, year_text, Compared, Trend};
use crate::i18n::{counts_html, fill, shown, Strings};

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
                                <span class="col-name" lang="zh-CN">{ name }</span>
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
    col == 0
        || c.comparison.reports.get(col - 1).map(|r| r.series()) != c.comparison.reports.get(col).map(|r| r.series())
}

/// One value cell: the value (or "—", read as "not stated"): as printed when approximate
/// ("1000余件", else "≈" and the number), with the printed unit where the row mixes 件 and 宗;
/// a line under it (`below`: the other values of the description, or the figure's phrase);
/// the change from the region's previous report in the row with an arrow and words. Its
/// tooltip is the sentence the value was read from.
fn value_cell(
    c: &Compared,
    s: &Strings,
    col: usize,
    cell: Option<&Cell>,
    mixed: bool,
    step: Option<&Step>,
    below: Option<Html>,
) -> Html {
    let start = starts_series(c, col);
    let Some(v) = cell else {
        return html! {
            <td class={classes!("cmp-cell", "none", start.then_some("series-start"))}>
                <span aria-hidden="true">{ "—" }</span>
                <span class="visually-hidden">{ s.compare.not_stated }</span>
            </td>
        };
    };
    let title = if v.sentence.is_empty() { fill(s.compare.qualifier, &[&v.qualifier]) } else { v.sentence.clone() };
    html! {
        <td class={classes!("cmp-cell", start.then_some("series-start"), v.approx.then_some("approx"))} {title}>
            if v.approx {
                <span class="cmp-value">{ shown(&v.printed, true, v.value, &v.unit) }</span>
            } else {
                <span class="cmp-value">{ number(v.value) }</span>
                if mixed { <span class="cmp-unit">{ &v.unit }</span> }
            }
            if let Some(b) = below { <span class="cmp-note">{ b }</span> }
            if let Some(step) = step { { step_html(s, step) } }
        </td>
    }
}

/// "▲ +64 (+336.8%)" ("≈+64…" when approximate), with the direction also in words for screen
/// readers.
fn step_html(s: &Strings, step: &Step) -> Html {
    let trend = Trend::of(step);
    let since = fill(s.compare.since, &[&year_text(s, step.from_year)]);
    let words = if step.approx {
        [&since, s.comma, trend.word(s), s.comma, s.approx_word].concat()
    } else {
        [&since, s.comma, trend.word(s)].concat()
    };
    html! {
        <span class={classes!("cmp-step", trend.class())} title={since}>
            <span class="arrow" aria-hidden="true">{ trend.arrow() }</span>
            <span class="visually-hidden">{ words }</span>
            <span class="delta">{ step_text(step) }</span>
        </span>
    }
}

/// The cell of report `col` in `cells`, and its step in `steps`.
fn at<'a>(cells: &'a [Option<Cell>], steps: &'a [Option<Step>], col: usize) -> (Option<&'a Cell>, Option<&'a Step>) {
    (cells.get(col).and_then(Option::as_ref), steps.get(col).and_then(Option::as_ref))
}

/// Key indicators, one row per indicator and description (what the values count: scope,
/// measure, subgroup, part, unit class): each indicator's headline rows first, its breakdowns
/// (`tr.breakdown`) indented under them. Changes are the core's steps inside the row.
///
/// The sections of the comparison are plain functions rather than components: they always
/// render together, from one `Compared`, so separate components would only add code.
pub fn key_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let rows = &c.comparison.rows;
    let n = c.comparison.reports.len();
    let body = (!rows.is_empty()).then(|| html! { <>{ for rows.iter().map(|row| {
            let mixed = row.unit.contains('/');
            html! {
                <tr class={classes!("compare-row", (!row.headline).then_some("breakdown"))} data-id={row.indicator.clone()} data-unit={row.unit.clone()} data-key={row.key.clone()}>
                    <th scope="row">
                        if !row.headline { <span class="visually-hidden">{ s.breakdown }{ s.colon }</span> }
                        { s.key_label(&row.indicator) }
                        { counts_html(s, &row.scope, &row.measure, &row.subgroup, &row.part_of, "") }
                    </th>
                    <td class="unit">{ &row.unit }</td>
                    { for (0..n).map(|col| {
                        let (cell, step) = at(&row.cells, &row.steps, col);
                        let also = cell.filter(|v| !v.also.is_empty()).map(|v| {
                            // The values are the reports' own words ("1000余件").
                            let (before, after) = cs.also.split_once("{}").unwrap_or((cs.also, ""));
                            html! { <>{ before }<span lang="zh-CN">{ v.also.join(cs.list_sep) }</span>{ after }</> }
                        });
                        value_cell(c, s, col, cell, mixed, step, also)
                    }) }
                </tr>
            }
        })
    }</> });
    let block = Block {
        id: "compare-table",
        heading: cs.key_heading,
        help: None,
        caption: cs.key_caption,
        empty: cs.key_empty,
    };
    table_block(&block, head(c, s, &[cs.col_indicator, cs.col_unit], &[]), body)
}

/// Other figures aligned by phrase similarity, apart from the key indicators: each report's
/// phrase under its value; a change only in rows whose phrases say the same thing
/// (`comparable`), the others marked `tr.unlike`.
pub fn figures_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let rows = &c.comparison.figures;
    let n = c.comparison.reports.len();
    let body = (!rows.is_empty()).then(|| {
        html! { <>{ for rows.iter().map(|row| html! {
                <tr class={classes!("compare-figure", (!row.comparable).then_some("unlike"))}>
                    <th scope="row">
                        <span lang="zh-CN">{ &row.indicator }</span>
                        if !row.comparable { <span class="cmp-note">{ cs.unlike }</span> }
                    </th>
                    <td class="unit">{ &row.unit }</td>
                    { for (0..n).map(|col| {
                        let (cell, step) = at(&row.cells, &row.steps, col);
                        let phrase = row.phrases.get(col).cloned().flatten().map(|p| html! { <span lang="zh-CN">{ p }</span> });
                        value_cell(c, s, col, cell, row.unit.contains('/'), step.filter(|_| row.comparable), phrase)
                    }) }
                    <td class="confidence">{ number(row.confidence) }</td>
                </tr>
            })
        }</> }
    });
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

/// A section of the comparison or the review: its heading, its help if any, then `body`. One
/// renderer for all of them (each element written out in `html!` is code of its own).
pub fn block(id: Option<&'static str>, heading_id: AttrValue, heading: &str, help: Option<&str>, body: Html) -> Html {
    html! {
        <section {id} class="compare-block" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ heading }</h3>
            if let Some(help) = help { <p class="help">{ help }</p> }
            { body }
        </section>
    }
}

/// A block of the comparison: heading, help, then the table (`head` and the `body` rows) in a
/// scrollable, focusable region, or the empty line when `body` is `None`.
pub fn table_block(b: &Block, head: Html, body: Option<Html>) -> Html {
    let heading_id = AttrValue::from(format!("{}-heading", b.id));
    let inner = match body {
        Some(rows) => html! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby={heading_id.clone()}>
                <table id={b.id} class="compare-table">
                    <caption class={if b.help.is_some() { "visually-hidden" } else { "help" }}>{ b.caption }</caption>
                    { head }
                    <tbody>{ rows }</tbody>
                </table>
            </div>
        },
        None => html! { <p class="empty">{ b.empty }</p> },
    };
    block(None, heading_id, b.heading, b.help, inner)
}
