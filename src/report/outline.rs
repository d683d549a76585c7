//! `Outline`: the heading tree as an ARIA tree (`ul#outline[role=tree]`).
//!
//! Keyboard: ↑/↓ move, → opens or goes to the first child, ← closes or goes to the parent,
//! Home/End, Enter or Space jumps to the section in the text. One item is tabbable at a time
//! (roving `tabindex`).
//!
//! A huge outline (a 2 MB paste has ~1000 top-level headings) starts folded, arrives
//! [`ROOTS_STEP`] top-level items per task, and is `ul.long`: CSS lets the browser skip the
//! layout of the items out of view, which otherwise grows with every step.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::model::{Analysis, Show};
use super::outline_items::{item_id, OutlineItems};
use crate::i18n::use_strings;
use crate::platform::browser::{closest, focus_id};
use crate::platform::progressive::use_progressive;

/// Outlines with more headings than this start folded.
const FOLD_ABOVE: usize = 400;
/// Top-level items rendered per task: a 2 MB paste has ~1000, ~40 ms of DOM work all at once.
const ROOTS_STEP: usize = 100;

/// Props of [`Outline`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Mark a section's heading in the text.
    pub on_show: Callback<Show>,
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
        Rc::new(if tree.children.len() > FOLD_ABOVE {
            (0..tree.children.len()).filter(|&i| !tree.children[i].is_empty()).collect()
        } else {
            HashSet::<usize>::new()
        })
    });
    let active = use_state(|| 0usize);
    let a = &props.analysis;
    let tree = &a.tree;
    let shown = use_progressive(tree.roots.len(), ROOTS_STEP, ROOTS_STEP);

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
                let mut set = (**collapsed).clone();
                if !set.remove(&i) {
                    set.insert(i);
                }
                collapsed.set(Rc::new(set));
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
                    let mut set = (**collapsed).clone();
                    set.remove(&cur);
                    collapsed.set(Rc::new(set));
                    Some(cur)
                }
                "ArrowLeft" if is_open => {
                    let mut set = (**collapsed).clone();
                    set.insert(cur);
                    collapsed.set(Rc::new(set));
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

    // One component per step of top-level items: a new step leaves the earlier ones alone.
    html! {
        <ul id="outline" class={classes!((tree.roots.len() > ROOTS_STEP).then_some("long"))} role="tree"
            aria-labelledby="outline-heading" onclick={on_click} onkeydown={on_keydown}>
            { for (0..shown).step_by(ROOTS_STEP).map(|from| html! {
                <OutlineItems key={from} analysis={a.clone()} roots={from..(from + ROOTS_STEP).min(shown)}
                    collapsed={(*collapsed).clone()} active={*active} />
            }) }
        </ul>
    }
}
