//! `LibraryItem`: one saved report, with open, rename (inline) and delete.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::fill;
use crate::i18n::use_strings;
use crate::platform::browser::focus_id;

/// Props of [`LibraryItem`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Entry id.
    pub id: String,
    /// Name shown.
    pub name: String,
    /// Region, if known.
    pub region: Option<String>,
    /// Year reported on, if known.
    pub year: Option<i32>,
    /// Title line, if any.
    pub title: Option<String>,
    /// True when this entry is on screen.
    pub current: bool,
    /// Open by id.
    pub on_open: Callback<String>,
    /// Rename `(id, new name)`.
    pub on_rename: Callback<(String, String)>,
    /// Delete by id.
    pub on_delete: Callback<String>,
}

/// One entry of the library list.
#[function_component]
pub fn LibraryItem(props: &Props) -> Html {
    let s = use_strings();
    let editing = use_state(|| false);
    let input = use_node_ref();
    let input_id = format!("rename-{}", props.id);

    // Focus the name field when the form opens, and the rename button when it closes.
    let mounted = use_mut_ref(|| false);
    {
        let (input_id, button_id) = (input_id.clone(), format!("rename-button-{}", props.id));
        use_effect_with(*editing, move |&open| {
            // Not on mount: a new entry appearing must not take the focus.
            if std::mem::replace(&mut *mounted.borrow_mut(), true) {
                focus_id(if open { &input_id } else { &button_id });
            }
        });
    }

    let on_open = {
        let (id, cb) = (props.id.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let on_delete = {
        let (id, cb) = (props.id.clone(), props.on_delete.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(true))
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(false))
    };
    let on_submit = {
        let (id, cb, editing, input) = (props.id.clone(), props.on_rename.clone(), editing.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                cb.emit((id.clone(), el.value()));
            }
            editing.set(false);
        })
    };
    let on_key = {
        let editing = editing.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                editing.set(false);
            }
        })
    };

    let region = props.region.clone().unwrap_or_else(|| s.region_unknown.to_string());
    let year = props.year.map_or_else(|| s.year_unknown.to_string(), |y| fill(s.year_suffix, &[&y.to_string()]));
    let name_html = html! { <span class="visually-hidden">{ s.colon }<span lang="zh-CN">{ &props.name }</span></span> };
    html! {
        <li class={classes!("library-item", props.current.then_some("current"))}
            aria-current={props.current.then_some("true")}>
            <div class="item-meta">
                <span class="item-region">{ region }</span>
                <span class="item-year">{ year }</span>
            </div>
            if *editing {
                <form class="rename-form" onsubmit={on_submit}>
                    <label for={input_id.clone()} class="visually-hidden">{ s.rename_label }</label>
                    <input id={input_id} ref={input} class="rename-input" type="text" value={props.name.clone()} onkeydown={on_key} />
                    <button type="submit" class="button rename-save">{ s.save }</button>
                    <button type="button" class="button subtle rename-cancel" onclick={on_cancel}>{ s.cancel }</button>
                </form>
            } else {
                <p class="item-name" lang="zh-CN" title={props.title.clone()}>{ &props.name }</p>
            }
            <div class="item-actions">
                <button type="button" class="button small open" onclick={on_open}>{ s.library_open }{ name_html.clone() }</button>
                <button type="button" id={format!("rename-button-{}", props.id)} class="button small rename"
                        onclick={on_edit} disabled={*editing}>{ s.rename }{ name_html.clone() }</button>
                <button type="button" class="button small danger delete" onclick={on_delete}>{ s.delete }{ name_html }</button>
            </div>
        </li>
    }
}
