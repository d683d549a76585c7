//! The charts of the comparison: a small SVG chart per key indicator, drawn by the app (no chart library):
//! a line for a region across years, bars for regions in one year, each within one row (values
//! that count the same thing); approximate values are labelled "≈" and their slopes dashed. Each chart is an image
//! with a visible caption as its name and every value in its description.

use yew::prelude::*;

use super::model::{
    charts, coord, polyline_points, Chart, ChartKind, ChartRow, Compared, Label, BASE_Y, HEIGHT, WIDTH,
};
use super::table::block;
use crate::i18n::Strings;

/// Palette slots; series beyond them reuse the colours (names are always written out).
const PALETTE: usize = 6;

fn text(label: &Label, class: &'static str) -> Html {
    html! {
        <text class={class} x={coord(label.x)} y={coord(label.y)}>{ &label.text }</text>
    }
}

fn chart_svg(chart: &Chart, id: &str, indicator: &str) -> Html {
    let (title_id, desc_id, cap_id) = (format!("{id}-title"), format!("{id}-desc"), format!("{id}-cap"));
    let kind = match chart.kind {
        ChartKind::Line => "line",
        ChartKind::Bars => "bars",
    };
    let series = |k: usize| format!("series-{}", k % PALETTE);
    html! {
        <figure class="compare-chart" data-kind={kind} data-id={indicator.to_string()}>
            <svg class={format!("chart chart-{kind}")} viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                 role="img" aria-labelledby={format!("{cap_id} {desc_id}")} focusable="false">
                <title id={title_id}>{ &chart.title }</title>
                <desc id={desc_id}>{ &chart.desc }</desc>
                <line class="axis" x1="0" x2={coord(WIDTH)} y1={coord(BASE_Y)} y2={coord(BASE_Y)} />
                { for chart.bars.iter().map(|b| html! {
                    <rect class={format!("bar {}", series(b.series))} x={coord(b.x)} y={coord(b.y)}
                          width={coord(b.width)} height={coord(b.height)} />
                }) }
                { for chart.lines.iter().map(|l| html! {
                    <g class={classes!("series", series(l.series), l.approx.then_some("approx"))}>
                        <polyline class="line" points={polyline_points(&l.points)} />
                        { for l.points.iter().map(|&(x, y)| html! { <circle class="point" cx={coord(x)} cy={coord(y)} r="3" /> }) }
                        { text(&l.name, "series-name") }
                    </g>
                }) }
                { for chart.values.iter().map(|l| text(l, "value")) }
                { for chart.x_labels.iter().map(|l| text(l, "x-label")) }
            </svg>
            <figcaption id={cap_id}>{ &chart.title }</figcaption>
        </figure>
    }
}

/// The charts section.
pub fn charts_section(c: &Compared, s: &'static Strings) -> Html {
    let cs = s.compare;
    let mut all: Vec<(String, &str, Chart)> = Vec::new();
    for (i, row) in c.comparison.rows.iter().enumerate() {
        let counts = s.counts(&row.scope, &row.measure, &row.subgroup, &row.part_of);
        let label = if counts.is_empty() {
            s.key_label(&row.indicator).to_string()
        } else {
            [s.key_label(&row.indicator), " · ", &counts].concat()
        };
        let input =
            ChartRow { label: &label, unit: &row.unit, values: &row.values, units: &row.units, cells: &row.cells };
        for (k, chart) in charts(&c.comparison, &input, s).into_iter().enumerate() {
            all.push((format!("cmp-chart-{i}-{k}"), row.indicator.as_str(), chart));
        }
    }
    let body = html! {
        <>
            if all.is_empty() {
                <p class="empty">{ cs.charts_empty }</p>
            } else {
                <div class="chart-grid">
                    { for all.iter().map(|(id, indicator, chart)| chart_svg(chart, id, indicator)) }
                </div>
            }
        </>
    };
    block(
        Some("compare-charts"),
        AttrValue::Static("compare-charts-heading"),
        cs.charts_heading,
        Some(cs.charts_help),
        body,
    )
}
