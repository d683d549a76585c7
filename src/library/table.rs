//! `LibraryTable`: every report of the library as one sortable, filterable `table#library-table`
//! that renders only the rows in view (`platform::virtual_list`), so that a thousand reports are
//! on screen as soon as the list is read. Its columns come from each entry's stored
//! [`Summary`](super::data::Summary); an entry saved by an earlier build has none until its
//! report is analysed again, and shows "—" meanwhile.
//!
//! Rows are picked with their checkboxes (or Space on the active row); the picks are the App's
//! (shared with the comparison, and with any other view of a set of reports), the table only
//! shows and changes them. One tab stop: arrow keys, Home/End, PageUp/PageDown move the active
//! row, Space picks it, Enter opens it. The row buttons (open, rename, delete) are for the mouse
//! and are not tab stops; the keyboard has Enter and the buttons above the table.

use std::cmp::Ordering;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::data::Entry;
use crate::i18n::{fill, use_strings, Strings, CHECK_EN};
use crate::platform::browser::{closest, focus_id};
use crate::platform::virtual_list::{sort_header, use_virtual_list};

/// With more rows than this the box gets a fixed height (`.tall`), as the figures table.
const TALL_ABOVE: usize = 12;

/// What a missing value shows.
const NONE: &str = "—";

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Name,
    Body,
    Region,
    Level,
    Year,
    Published,
    Title,
    Figures,
    Checks,
}

impl Col {
    /// The header cell's class (the stylesheet sets column widths by it): spelled out, as
    /// `Debug` prints nothing in the size-optimised build.
    fn class(self) -> &'static str {
        match self {
            Col::Name => "col-name",
            Col::Body => "col-body",
            Col::Region => "col-region",
            Col::Level => "col-level",
            Col::Year => "col-year",
            Col::Published => "col-published",
            Col::Title => "col-title",
            Col::Figures => "col-figures",
            Col::Checks => "col-checks",
        }
    }
}

/// The filters above the table; empty: all.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    text: String,
    region: String,
    year: String,
    /// A check id: only reports that fail it.
    fails: String,
}

/// Props of [`LibraryTable`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The library's entries, newest first.
    pub entries: Rc<Vec<Entry>>,
    /// Id of the entry on screen, if any.
    pub current: Option<AttrValue>,
    /// The picked entries' ids.
    pub picks: Vec<String>,
    /// The picks changed.
    pub on_picks: Callback<Vec<String>>,
    /// Open an entry by id.
    pub on_open: Callback<String>,
    /// Rename `(id, new name)`.
    pub on_rename: Callback<(String, String)>,
    /// Delete these entries.
    pub on_delete: Callback<Vec<String>>,
    /// Compare the picked entries.
    pub on_compare: Callback<()>,
    /// Review the picked entries, when a review view is wired.
    #[prop_or_default]
    pub on_review: Option<Callback<()>>,
}

/// The passed checks as "9/11", or "—" without a summary.
fn checks_text(e: &Entry) -> String {
    e.summary
        .as_ref()
        .map_or_else(|| NONE.to_string(), |m| format!("{}/{}", m.checks - m.failed.len().min(m.checks), m.checks))
}

/// Whether `e` passes `f`. ASCII case folding only, as the figures table.
fn keep(e: &Entry, f: &Filters, needle: &str) -> bool {
    let m = e.summary.as_ref();
    let has = |s: Option<&str>| s.is_some_and(|s| s.to_ascii_lowercase().contains(needle));
    (needle.is_empty()
        || has(Some(&e.name))
        || has(m.and_then(|m| m.body.as_deref()))
        || has(e.title.as_deref())
        || has(e.region.as_deref()))
        && (f.region.is_empty() || e.region.as_deref() == Some(f.region.as_str()))
        && (f.year.is_empty() || e.year.map(|y| y.to_string()).as_deref() == Some(f.year.as_str()))
        && (f.fails.is_empty() || m.is_some_and(|m| m.failed.contains(&f.fails)))
}

/// Orders two entries by `col`; entries without the value come last either way.
fn order(col: Col, x: &Entry, y: &Entry) -> Option<Ordering> {
    let (a, b) = (x.summary.as_ref(), y.summary.as_ref());
    let some = |p: Option<&str>, q: Option<&str>| match (p, q) {
        (Some(p), Some(q)) => Some(p.cmp(q)),
        _ => None,
    };
    match col {
        Col::Name => Some(x.name.cmp(&y.name)),
        Col::Body => some(a.and_then(|m| m.body.as_deref()), b.and_then(|m| m.body.as_deref())),
        Col::Region => some(x.region.as_deref(), y.region.as_deref()),
        Col::Level => some(a.and_then(|m| m.level.as_deref()), b.and_then(|m| m.level.as_deref())),
        Col::Year => x.year.zip(y.year).map(|(p, q)| p.cmp(&q)),
        Col::Published => some(a.and_then(|m| m.published.as_deref()), b.and_then(|m| m.published.as_deref())),
        Col::Title => some(x.title.as_deref(), y.title.as_deref()),
        Col::Figures => a.zip(b).map(|(p, q)| p.figures.cmp(&q.figures)),
        Col::Checks => a.zip(b).map(|(p, q)| {
            let passed = |m: &super::data::Summary| m.checks.saturating_sub(m.failed.len());
            passed(p).cmp(&passed(q)).then(p.checks.cmp(&q.checks))
        }),
    }
}

/// The indices of the entries shown, filtered and sorted.
fn rows(entries: &[Entry], f: &Filters, sort: Option<(Col, bool)>) -> Vec<usize> {
    let needle = f.text.trim().to_ascii_lowercase();
    let mut rows: Vec<usize> = (0..entries.len()).filter(|&i| keep(&entries[i], f, &needle)).collect();
    if let Some((col, asc)) = sort {
        let has = |i: usize| order(col, &entries[i], &entries[i]).is_some();
        rows.sort_by(|&i, &j| match order(col, &entries[i], &entries[j]) {
            Some(o) if asc => o,
            Some(o) => o.reverse(),
            // A missing value sorts after every value, in both directions.
            None => has(j).cmp(&has(i)),
        });
    }
    rows
}

/// The distinct values of `f` over the entries, sorted.
fn options(entries: &[Entry], f: impl Fn(&Entry) -> Option<String>) -> Vec<String> {
    let mut v: Vec<String> = entries.iter().filter_map(f).collect();
    v.sort();
    v.dedup();
    v
}

/// A `<select>` filter with "all" first.
fn select(id: &str, label: &str, all: &str, value: &str, opts: Vec<(String, String)>, on: Callback<String>) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <label class="filter">
            { label }
            <select id={id.to_string()} {onchange}>
                <option value="" selected={value.is_empty()}>{ all }</option>
                { for opts.into_iter().map(|(v, text)| html! { <option selected={v == value} value={v.clone()}>{ text }</option> }) }
            </select>
        </label>
    }
}

/// The library table with its filters and the actions on picked rows.
#[function_component]
pub fn LibraryTable(props: &Props) -> Html {
    let s = use_strings();
    let filters = use_state(Filters::default);
    let sort = use_state(|| None::<(Col, bool)>);
    let editing = use_state(|| None::<String>);
    let entries = &props.entries;
    let shown = use_memo(((*filters).clone(), *sort, entries.clone()), |(f, sort, entries)| rows(entries, f, *sort));
    let list = use_virtual_list(shown.len(), ((*filters).clone(), *sort));

    // Picks in library order, so that the comparison lists them as the library does.
    let toggle = {
        let (picks, on_picks, entries) = (props.picks.clone(), props.on_picks.clone(), entries.clone());
        Callback::from(move |id: String| {
            let picked = |e: &&Entry| (e.id == id) != picks.contains(&e.id);
            on_picks.emit(entries.iter().filter(picked).map(|e| e.id.clone()).collect());
        })
    };
    let id_at = {
        let (shown, entries) = (shown.clone(), entries.clone());
        move |k: usize| shown.get(k).and_then(|&i| entries.get(i)).map(|e| e.id.clone())
    };
    let on_keydown = {
        let (on_key, on_open, toggle, active, id_at) =
            (list.on_key.clone(), props.on_open.clone(), toggle.clone(), list.active, id_at.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let target = active.and_then(&id_at);
            match (key.as_str(), target) {
                (" ", Some(id)) => {
                    e.prevent_default();
                    toggle.emit(id);
                }
                ("Enter", Some(id)) => {
                    e.prevent_default();
                    on_open.emit(id);
                }
                _ => on_key.emit(e),
            }
        })
    };
    // The rename form takes the focus when it opens.
    use_effect_with((*editing).is_some(), |&open| {
        if open {
            focus_id("library-rename");
        }
    });
    let rename_form = (*editing).clone().map(|id| {
        let name = entries.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_default();
        let close = {
            let editing = editing.clone();
            move || {
                editing.set(None);
                focus_id("library-table");
            }
        };
        let onsubmit = {
            let (on_rename, close) = (props.on_rename.clone(), close.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                if let Some(input) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("library-rename"))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el).ok())
                {
                    on_rename.emit((id.clone(), input.value()));
                }
                close();
            })
        };
        let on_key = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close();
            }
        });
        html! {
            <form class="rename-form" {onsubmit}>
                <label for="library-rename">{ s.rename_label }</label>
                <input id="library-rename" class="rename-input" type="text" value={name} onkeydown={on_key} />
                <button type="submit" class="button rename-save">{ s.save }</button>
                <button type="button" class="button subtle rename-cancel">{ s.cancel }</button>
            </form>
        }
    });

    let set = |f: fn(&mut Filters, String)| {
        let filters = filters.clone();
        Callback::from(move |v: String| {
            let mut next = (*filters).clone();
            f(&mut next, v);
            filters.set(next);
        })
    };
    let on_text = {
        let on = set(|f, v| f.text = v);
        Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Not on every scroll step: only when the entries change.
    let choices = use_memo(entries.clone(), |entries| {
        let pairs = |v: Vec<String>| v.into_iter().map(|x| (x.clone(), x)).collect::<Vec<_>>();
        (pairs(options(entries, |e| e.region.clone())), pairs(options(entries, |e| e.year.map(|y| y.to_string()))))
    });
    let (regions, years) = (choices.0.clone(), choices.1.clone());
    let checks =
        CHECK_EN.iter().map(|(id, _)| (id.to_string(), fill(s.lib_filter_fails, &[s.check_label(id)]))).collect();

    let header = |col: Col, label: &'static str| sort_header(col, col.class(), label, fill(s.sort_by, &[label]), &sort);

    // The picks still in the library (a deleted report stays picked until undo can no longer
    // bring it back, but is not counted, deleted again or compared).
    let picks = &*use_memo((props.picks.clone(), entries.clone()), |(picks, entries)| {
        picks.iter().filter(|id| entries.iter().any(|e| &e.id == *id)).cloned().collect::<Vec<String>>()
    });
    // Clicks on the rows, on the buttons above the table and on the rename form's cancel: one
    // listener for all of them (each closure type costs the .wasm its own code; a disabled
    // button sends no click).
    let on_click = {
        let (set_active, on_open, on_delete, toggle, editing) =
            (list.set_active.clone(), props.on_open.clone(), props.on_delete.clone(), toggle.clone(), editing.clone());
        let (on_compare, on_review, on_picks, shown, entries, picks) = (
            props.on_compare.clone(),
            props.on_review.clone(),
            props.on_picks.clone(),
            shown.clone(),
            entries.clone(),
            picks.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let on = |selector: &str| closest(e.target(), selector).is_some();
            if let Some(tr) = closest(e.target(), "tr.library-item") {
                let (Some(id), Some(at)) = (
                    tr.get_attribute("data-id"),
                    tr.get_attribute("aria-rowindex").and_then(|v| v.parse::<usize>().ok()),
                ) else {
                    return;
                };
                set_active.emit(at.saturating_sub(2));
                if on("button.open") {
                    on_open.emit(id);
                } else if on("button.delete") {
                    on_delete.emit(vec![id]);
                } else if on("button.rename") {
                    editing.set(Some(id));
                } else if on("input.pick") {
                    toggle.emit(id);
                }
                return;
            }
            if on("button.rename-cancel") {
                editing.set(None);
                focus_id("library-table");
                return;
            }
            match closest(e.target(), ".library-picked button").map(|b| b.id()).as_deref() {
                Some("library-compare") => on_compare.emit(()),
                Some("library-review") => {
                    if let Some(cb) = &on_review {
                        cb.emit(());
                    }
                }
                Some("library-delete") => on_delete.emit(picks.clone()),
                Some("library-clear") => on_picks.emit(Vec::new()),
                Some("library-pick-shown") => {
                    let ids: Vec<&str> = shown.iter().filter_map(|&i| entries.get(i)).map(|e| e.id.as_str()).collect();
                    on_picks.emit(
                        entries
                            .iter()
                            .filter(|e| picks.contains(&e.id) || ids.contains(&e.id.as_str()))
                            .map(|e| e.id.clone())
                            .collect(),
                    );
                }
                _ => {}
            }
        })
    };

    let (start, end) = (list.start, list.end);
    let active = list.active.filter(|k| (start..end).contains(k));
    let current = props.current.as_deref();
    html! {
        <div class="library-table-box" onclick={on_click}>
            <div class="filters library-filters">
                <label class="filter">
                    { s.lib_filter_text }
                    <input type="search" id="library-filter-text" value={filters.text.clone()} oninput={on_text} />
                </label>
                { select("library-filter-region", s.lib_filter_region, s.lib_filter_all, &filters.region, regions, set(|f, v| f.region = v)) }
                { select("library-filter-year", s.lib_filter_year, s.lib_filter_all, &filters.year, years, set(|f, v| f.year = v)) }
                { select("library-filter-check", s.lib_filter_check, s.lib_filter_all, &filters.fails, checks, set(|f, v| f.fails = v)) }
            </div>
            <p class="summary" id="library-shown" role="status">
                { fill(s.lib_shown, &[&shown.len().to_string(), &entries.len().to_string(), &picks.len().to_string()]) }
            </p>
            <div class="actions library-picked">
                { button("library-compare", "button small", picks.len() < 2, s.lib_compare_picked) }
                if props.on_review.is_some() {
                    { button("library-review", "button small", picks.is_empty(), s.lib_review_picked) }
                }
                { button("library-delete", "button small danger", picks.is_empty(), s.lib_delete_picked) }
                { button("library-pick-shown", "button small subtle", shown.is_empty(), s.lib_pick_shown) }
                { button("library-clear", "button small subtle", picks.is_empty(), s.lib_clear_picks) }
            </div>
            { rename_form.unwrap_or_default() }
            <p class="help" id="library-table-hint">{ s.lib_table_hint }</p>
            <div class={classes!("table-wrap", (shown.len() > TALL_ABOVE).then_some("tall"))} ref={list.wrap_ref} onscroll={list.on_scroll}>
                <table id="library-table" role="grid" tabindex="0" aria-labelledby="library-heading" aria-describedby="library-table-hint"
                    aria-multiselectable="true" aria-readonly="true" aria-rowcount={(shown.len() + 1).to_string()}
                    aria-activedescendant={active.map(|k| format!("library-row-{k}"))} onkeydown={on_keydown}>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="col-pick"><span class="visually-hidden">{ s.lib_col_pick }</span></th>
                            { for [
                                (Col::Name, s.lib_col_name),
                                (Col::Body, s.lib_col_body),
                                (Col::Region, s.lib_col_region),
                                (Col::Level, s.lib_col_level),
                                (Col::Year, s.lib_col_year),
                                (Col::Published, s.lib_col_published),
                                (Col::Title, s.lib_col_title),
                                (Col::Figures, s.lib_col_figures),
                                (Col::Checks, s.lib_col_checks),
                            ].into_iter().map(|(col, label)| header(col, label)) }
                            <th scope="col" class="col-actions"><span class="visually-hidden">{ s.delete }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true"><td colspan="11" ref={list.top_ref}></td></tr>
                        { for shown[start..end].iter().enumerate().filter_map(|(k, &i)| entries.get(i).map(|e| {
                            let at = start + k;
                            row(s, e, at, picks.contains(&e.id), current == Some(e.id.as_str()), active == Some(at))
                        })) }
                        <tr class="spacer" aria-hidden="true"><td colspan="11" ref={list.bottom_ref}></td></tr>
                    </tbody>
                </table>
            </div>
            if shown.is_empty() {
                <p class="empty">{ s.lib_none_match }</p>
            }
        </div>
    }
}

/// A button above the table (its clicks go to the table's one listener, by `id`).
fn button(id: &'static str, class: &'static str, disabled: bool, label: &'static str) -> Html {
    html! { <button type="button" {id} {class} {disabled}>{ label }</button> }
}

/// A row's button: for the mouse, not a tab stop (the keyboard has Enter and the buttons above).
fn row_button(class: &'static str, label: &'static str, aria_label: String) -> Html {
    html! { <button type="button" tabindex="-1" {class} aria-label={aria_label}>{ label }</button> }
}

/// `lang` of the cells in Chinese whatever the interface language.
const ZH: Option<&str> = Some("zh-CN");

/// One text cell of a row: one renderer for all of them (each `<td>` written out in `html!` is
/// code of its own in the .wasm).
fn cell(class: &'static str, lang: Option<&'static str>, title: Option<String>, text: String) -> Html {
    html! { <td role="gridcell" {class} {lang} {title}>{ text }</td> }
}

/// One entry's row, at `at` among the rows shown.
fn row(s: &'static Strings, e: &Entry, at: usize, picked: bool, current: bool, active: bool) -> Html {
    let m = e.summary.as_ref();
    let text = |v: Option<&str>| v.map_or_else(|| NONE.to_string(), str::to_string);
    let level = m.and_then(|m| m.level.as_deref()).map(|l| s.level_label(l).to_string());
    let failed = m.map(|m| m.failed.iter().map(|id| s.check_label(id)).collect::<Vec<_>>().join("、"));
    // The buttons say whose they are in an attribute, not in hidden text: text is laid out
    // (shaped) on every scroll step, attributes are not.
    let named = |verb: &str| format!("{verb}{}{}", s.colon, e.name);
    html! {
        <tr key={e.id.clone()} id={format!("library-row-{at}")} data-id={e.id.clone()}
            class={classes!("library-item", current.then_some("current"), active.then_some("active"), picked.then_some("picked"))}
            aria-rowindex={(at + 2).to_string()} aria-selected={picked.to_string()} aria-current={current.then_some("true")}>
            <td role="gridcell" class="pick">
                <input type="checkbox" class="pick" tabindex="-1" checked={picked} aria-label={fill(s.lib_pick, &[&e.name])} />
            </td>
            { cell("item-name", ZH, Some(e.name.clone()), e.name.clone()) }
            { cell("body", ZH, None, text(m.and_then(|m| m.body.as_deref()))) }
            { cell("item-region", ZH, None, text(e.region.as_deref())) }
            { cell("level", None, None, text(level.as_deref())) }
            { cell("item-year", None, None, e.year.map_or_else(|| NONE.to_string(), |y| y.to_string())) }
            { cell("published", ZH, None, text(m.and_then(|m| m.published.as_deref()))) }
            { cell("title", ZH, e.title.clone(), text(e.title.as_deref())) }
            { cell("figures", None, None, m.map_or_else(|| NONE.to_string(), |m| m.figures.to_string())) }
            { cell("checks", None, failed, checks_text(e)) }
            <td role="gridcell" class="item-actions">
                { row_button("button small open", s.library_open, named(s.library_open)) }
                { row_button("button small rename", s.rename, named(s.rename)) }
                { row_button("button small danger delete", s.delete, named(s.delete)) }
            </td>
        </tr>
    }
}
