//! The report's title and metadata (`h2#report-title`, `dl#meta`).
//!
//! A plain function rather than a component: it always renders with the report view, and a
//! component of its own costs the .wasm about 1 KB of its gzip budget.

use fazhi_lens::{Report, Script};
use yew::prelude::*;

use crate::i18n::Strings;

/// Title (the report's `name`) and metadata of `report`, in the language of `s`.
pub fn report_header(report: &Report, name: &str, s: &Strings) -> Html {
    let meta = &report.meta;
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| s.unknown.to_string());
    let script = match meta.script {
        Script::Simplified => s.script_simplified,
        Script::Traditional => s.script_traditional,
    };
    let rows = [
        (s.meta_body, or_unknown(meta.body.clone())),
        (s.meta_region, or_unknown(meta.region.clone())),
        (s.meta_year, or_unknown(meta.report_year.map(|y| y.to_string()))),
        (s.meta_published, or_unknown(meta.published.clone())),
        (s.meta_script, script.to_string()),
        (s.meta_source, s.source_name(&report.source).to_string()),
    ];
    html! {
        <header class="report-header">
            <h2 id="report-title" tabindex="-1" lang="zh-CN">{ name }</h2>
            <dl id="meta">
                { for rows.into_iter().map(|(k, v)| html! {
                    <div class="meta-row"><dt>{ k }</dt><dd>{ v }</dd></div>
                }) }
            </dl>
        </header>
    }
}
