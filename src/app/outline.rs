//! `Outline`: the heading tree as an ARIA tree (`ul#outline[role=tree]`).
//!
//! Keyboard: ↑/↓ move, → opens or goes to the first child, ← closes or goes to the parent,
//! Home/End, Enter or Space jumps to the section in the text. One item is tabbable at a time
//! (roving `tabindex`).

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::browser::{closest, focus_id};
use super::i18n::fill;
use super::model::{use_strings, Analysis, Show};
use super::text::truncate_chars;

/// Props of [`Outline`].
/// Outlines with more headings than this start folded.
const FOLD_ABOVE: usize = 400;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Mark a section's heading in the text.
    pub on_show: Callback<Show>,
}

fn item_id(i: usize) -> String {
    format!("outline-item-{i}")
}

/// The section index stored on a tree item.
fn item_index(el: &web_sys::Element) -> Option<usize> {
    el.get_attribute("data-section")?.parse().ok()
}

/// The outline tree.
#[function_component]
pub fn Outline(props: &Props) -> Html {
    let s = use_strings();
    // A huge outline (a 2 MB paste has thousands of headings) starts folded to its top level,
    // so the first render stays quick; small ones start open.
    let collapsed = use_state(|| {
        let tree = &props.analysis.tree;
        if tree.children.len() > FOLD_ABOVE {
            (0..tree.children.len()).filter(|&i| !tree.children[i].is_empty()).collect()
        } else {
            HashSet::<usize>::new()
        }
    });
    let active = use_state(|| 0usize);
    let a = &props.analysis;
    let tree = &a.tree;

    if a.report.sections.is_empty() {
        return html! { <p class="empty">{ s.outline_empty }</p> };
    }

    let on_click = {
        let (collapsed, active, on_show) = (collapsed.clone(), active.clone(), props.on_show.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(item) = closest(e.target(), "[role=treeitem]") else { return };
            let Some(i) = item_index(&item) else { return };
            active.set(i);
            if closest(e.target(), ".twisty").is_some() {
                let mut set = (*collapsed).clone();
                if !set.remove(&i) {
                    set.insert(i);
                }
                collapsed.set(set);
            } else {
                on_show.emit(Show::Section(i));
            }
        })
    };

    let on_keydown = {
        let (collapsed, active, on_show, a) = (collapsed.clone(), active.clone(), props.on_show.clone(), a.clone());
        Callback::from(move |e: KeyboardEvent| {
            let tree = &a.tree;
            let visible = tree.visible(&collapsed);
            let cur = closest(e.target(), "[role=treeitem]").and_then(|el| item_index(&el)).unwrap_or(*active);
            let pos = visible.iter().position(|&i| i == cur).unwrap_or(0);
            let has_children = tree.children.get(cur).is_some_and(|c| !c.is_empty());
            let is_open = has_children && !collapsed.contains(&cur);
            let target = match e.key().as_str() {
                "ArrowDown" => visible.get(pos + 1).copied(),
                "ArrowUp" => pos.checked_sub(1).and_then(|p| visible.get(p).copied()),
                "Home" => visible.first().copied(),
                "End" => visible.last().copied(),
                "ArrowRight" if is_open => tree.children[cur].first().copied(),
                "ArrowRight" if has_children => {
                    let mut set = (*collapsed).clone();
                    set.remove(&cur);
                    collapsed.set(set);
                    Some(cur)
                }
                "ArrowLeft" if is_open => {
                    let mut set = (*collapsed).clone();
                    set.insert(cur);
                    collapsed.set(set);
                    Some(cur)
                }
                "ArrowLeft" => tree.parent.get(cur).copied().flatten(),
                "Enter" | " " => {
                    on_show.emit(Show::Section(cur));
                    Some(cur)
                }
                "ArrowRight" => Some(cur),
                _ => return,
            };
            e.prevent_default();
            if let Some(t) = target {
                active.set(t);
                focus_id(&item_id(t));
            }
        })
    };

    let ctx = ItemCtx { analysis: a.clone(), collapsed: (*collapsed).clone(), active: *active };
    html! {
        <ul id="outline" role="tree" aria-labelledby="outline-heading" onclick={on_click} onkeydown={on_keydown}>
            { for tree.roots.iter().map(|&i| item(&ctx, i, s)) }
        </ul>
    }
}

/// What rendering one item needs.
struct ItemCtx {
    analysis: Rc<Analysis>,
    collapsed: HashSet<usize>,
    active: usize,
}

/// One tree item and, when open, its children.
fn item(ctx: &ItemCtx, i: usize, s: &'static super::i18n::Strings) -> Html {
    let a = &ctx.analysis;
    let sec = &a.report.sections[i];
    let children = &a.tree.children[i];
    let open = !children.is_empty() && !ctx.collapsed.contains(&i);
    let count = a.tree.figures[i];
    html! {
        <li role="treeitem" id={item_id(i)} data-section={i.to_string()}
            aria-level={sec.level.to_string()}
            aria-expanded={(!children.is_empty()).then(|| open.to_string())}
            aria-selected={(ctx.active == i).to_string()}
            tabindex={if ctx.active == i { "0" } else { "-1" }}>
            <div class="tree-row">
                <span class="twisty" aria-hidden="true">
                    { if children.is_empty() { "" } else if open { "▾" } else { "▸" } }
                </span>
                <span class="tree-label" title={format!("{}{}", sec.marker, sec.title)}>
                    <span class="marker">{ &sec.marker }</span>{ truncate_chars(&sec.title, 40) }
                </span>
                if let Some(kind) = sec.kind {
                    <span class={classes!("kind", format!("kind-{}", kind.id()))}>{ s.kind(kind) }</span>
                }
                <span class={classes!("count", (count == 0).then_some("zero"))}>
                    { fill(s.outline_figures, &[&count.to_string()]) }
                </span>
            </div>
            if open {
                <ul role="group">
                    { for children.iter().map(|&c| item(ctx, c, s)) }
                </ul>
            }
        </li>
    }
}
