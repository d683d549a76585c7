//! The comparison tables: key indicators (`table#compare-table`) and the other aligned figures
//! with their confidence (`table#compare-figures`). One column per report, grouped by region
//! in year order; each value carries its change from the region's previous report.

use fazhi_lens::compare::SeriesChange;
use yew::prelude::*;

use super::compare_model::{step_text, year_text, Trend};
use super::compare_view::Compared;
use super::i18n::{fill, Strings};
use super::text::format_value;

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
            <span class="cmp-value">{ format_value(v) }</span>
            if let Some(u) = unit { <span class="cmp-unit">{ u }</span> }
            if let Some(step) = step {
                { step_html(s, step) }
            }
        </td>
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
    html! {
        <section class="compare-block" aria-labelledby="compare-key-heading">
            <h3 id="compare-key-heading">{ cs.key_heading }</h3>
            if rows.is_empty() {
                <p class="empty">{ cs.key_empty }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="compare-key-heading">
                    <table id="compare-table" class="compare-table">
                        <caption class="help">{ cs.key_caption }</caption>
                        { head(c, s, &[cs.col_indicator, cs.col_unit], &[]) }
                        <tbody>
                            { for rows.iter().map(|row| {
                                let steps = c.comparison.steps(&row.values);
                                let mixed = row.unit.contains('/');
                                html! {
                                    <tr class="compare-row" data-id={row.indicator.clone()} data-unit={row.unit.clone()}>
                                        <th scope="row">{ s.key_label(&row.indicator) }</th>
                                        <td class="unit">{ &row.unit }</td>
                                        { for row.values.iter().enumerate().map(|(col, v)| {
                                            let unit = if mixed { row.units.get(col).cloned().flatten() } else { None };
                                            let note = row.qualifiers.get(col).cloned().flatten().filter(|q| !q.is_empty())
                                                .map(|q| fill(cs.qualifier, &[&q]));
                                            value_cell(c, s, col, *v, unit.as_deref(), steps.get(col).and_then(Option::as_ref), note)
                                        }) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// Other figures aligned by phrase similarity, apart from the key indicators.
pub fn figures_table(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let rows = &c.comparison.figures;
    html! {
        <section class="compare-block" aria-labelledby="compare-figures-heading">
            <h3 id="compare-figures-heading">{ cs.figures_heading }</h3>
            <p class="help">{ cs.figures_help }</p>
            if rows.is_empty() {
                <p class="empty">{ cs.figures_empty }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="compare-figures-heading">
                    <table id="compare-figures" class="compare-table">
                        <caption class="visually-hidden">{ cs.figures_caption }</caption>
                        { head(c, s, &[cs.col_indicator, cs.col_unit], &[cs.col_confidence]) }
                        <tbody>
                            { for rows.iter().map(|row| {
                                let steps = c.comparison.steps(&row.values);
                                let mixed = row.unit.contains('/');
                                html! {
                                    <tr class="compare-figure">
                                        <th scope="row">{ &row.indicator }</th>
                                        <td class="unit">{ &row.unit }</td>
                                        { for row.values.iter().enumerate().map(|(col, v)| {
                                            let unit = if mixed { row.units.get(col).cloned().flatten() } else { None };
                                            let phrase = row.phrases.get(col).cloned().flatten();
                                            value_cell(c, s, col, *v, unit.as_deref(), steps.get(col).and_then(Option::as_ref), phrase)
                                        }) }
                                        <td class="confidence">{ format_value(row.confidence) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}
