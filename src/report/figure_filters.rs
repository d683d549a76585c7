//! `FigureFilters`: text, unit, section and key-indicator filters above the figures table.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::model::Analysis;
use crate::i18n::{truncate_chars, use_strings};
use crate::platform::progressive::use_progressive;

/// Above this many headings, the section filter lists only the top level.
const SECTIONS_MAX: usize = 400;
/// Section options rendered per task.
const OPTIONS_STEP: usize = 200;

/// Which figures the table shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Substring of the indicator or the printed figure.
    pub text: String,
    /// Exact unit, or empty for all.
    pub unit: String,
    /// Only figures inside this section (any depth).
    pub section: Option<usize>,
    /// Key-indicator filter.
    pub key: KeyFilter,
}

/// The key-indicator filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum KeyFilter {
    /// Every figure.
    #[default]
    All,
    /// Figures that are the source of any key indicator.
    Any,
    /// Figures that are the source of this key indicator.
    Id(String),
}

/// Props of [`FigureFilters`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// The current filters.
    pub filters: Filters,
    /// New filters.
    pub on_change: Callback<Filters>,
}

/// The filter controls.
#[function_component]
pub fn FigureFilters(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    // Units by how often they occur, most common first.
    let units = use_memo(a.seq, |_| {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for f in &a.report.metrics {
            match counts.iter_mut().find(|(u, _)| *u == f.unit) {
                Some((_, n)) => *n += 1,
                None => counts.push((f.unit.clone(), 1)),
            }
        }
        fazhi_lens::order::small_by(&mut counts, |x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        counts.into_iter().map(|(u, _)| u).filter(|u| !u.is_empty()).collect::<Vec<_>>()
    });

    // The section choices (value, label), computed once. Second-level headings too, unless
    // there are so many (a huge paste) that the list is useless.
    let sections = use_memo(a.seq, |_| {
        let max_level = if a.report.sections.len() > SECTIONS_MAX { 1 } else { 2 };
        let choices = a.report.sections.iter().enumerate().filter(|(_, sec)| sec.level <= max_level);
        choices
            .map(|(i, sec)| {
                let indent = "\u{3000}".repeat(usize::from(sec.level.saturating_sub(1)));
                (
                    AttrValue::from(i.to_string()),
                    AttrValue::from(format!("{indent}{}{}", sec.marker, truncate_chars(&sec.title, 24))),
                )
            })
            .collect::<Vec<_>>()
    });
    // A huge paste has ~1000 top-level headings: their options arrive in steps.
    let shown = use_progressive(sections.len(), OPTIONS_STEP, OPTIONS_STEP);

    let change = |f: fn(&mut Filters, String)| {
        let (filters, on_change) = (props.filters.clone(), props.on_change.clone());
        move |value: String| {
            let mut next = filters.clone();
            f(&mut next, value);
            on_change.emit(next);
        }
    };
    let on_text = {
        let set = change(|f, v| f.text = v);
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let select = |f: fn(&mut Filters, String)| {
        let set = change(f);
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_unit = select(|f, v| f.unit = v);
    let on_section = select(|f, v| f.section = v.parse().ok());
    let on_key = select(|f, v| {
        f.key = match v.as_str() {
            "" => KeyFilter::All,
            "*" => KeyFilter::Any,
            _ => KeyFilter::Id(v),
        }
    });

    let f = &props.filters;
    let key_value = match &f.key {
        KeyFilter::All => String::new(),
        KeyFilter::Any => "*".to_string(),
        KeyFilter::Id(id) => id.clone(),
    };
    let section_value = f.section.map(|i| i.to_string()).unwrap_or_default();
    html! {
        <div class="filters" role="group" aria-label={s.filters_label}>
            <div class="field">
                <label for="filter-text">{ s.filter_text }</label>
                <input id="filter-text" type="search" placeholder={s.filter_text_placeholder} value={f.text.clone()} oninput={on_text} />
            </div>
            <div class="field">
                <label for="filter-unit">{ s.filter_unit }</label>
                <select id="filter-unit" onchange={on_unit}>
                    <option value="" selected={f.unit.is_empty()}>{ s.filter_all }</option>
                    { for units.iter().map(|u| html! { <option value={u.clone()} selected={*u == f.unit}>{ u }</option> }) }
                </select>
            </div>
            <div class="field">
                <label for="filter-section">{ s.filter_section }</label>
                <select id="filter-section" onchange={on_section}>
                    <option value="" selected={section_value.is_empty()}>{ s.filter_all }</option>
                    { for sections[..shown].iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={section_value == value.as_str()}>{ label.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="filter-key">{ s.filter_key }</label>
                <select id="filter-key" onchange={on_key}>
                    <option value="" selected={key_value.is_empty()}>{ s.filter_all }</option>
                    <option value="*" selected={key_value == "*"}>{ s.filter_key_any }</option>
                    { for a.report.key_indicators.keys().map(|id| html! {
                        <option value={id.clone()} selected={key_value == *id}>{ s.key_label(id) }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}
