//! `OutlineItems`: a run of top-level items of the outline (`li[role=treeitem]`), each with
//! its open descendants. [`super::outline::Outline`] renders a huge outline as several runs, so
//! adding a run does not re-render the items already on screen.

use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

use super::model::Analysis;
use crate::i18n::{fill, truncate_chars, use_strings, Strings};

/// Props of [`OutlineItems`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Which of the tree's top-level items (positions in `Tree::roots`).
    pub roots: Range<usize>,
    /// Sections whose children are hidden (shared by every run; compared by pointer first).
    pub collapsed: Rc<HashSet<usize>>,
    /// The section whose item is selected and tabbable.
    pub active: usize,
}

/// The DOM id of section `i`'s tree item.
pub fn item_id(i: usize) -> String {
    format!("outline-item-{i}")
}

/// The items of `roots`.
#[function_component]
pub fn OutlineItems(props: &Props) -> Html {
    let s = use_strings();
    let roots = props.analysis.tree.roots.get(props.roots.clone()).unwrap_or_default();
    html! { <>{ for roots.iter().map(|&i| item(props, i, s)) }</> }
}

/// One tree item and, when open, its children.
fn item(ctx: &Props, i: usize, s: &'static Strings) -> Html {
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
                <span class="tree-label" lang="zh-CN" title={format!("{}{}", sec.marker, sec.title)}>
                    <span class="marker">{ &sec.marker }</span>{ truncate_chars(&sec.title, 40) }
                </span>
                if let Some(kind) = sec.kind {
                    <span class={classes!("kind", format!("kind-{}", kind.id()))}>{ s.kind(kind) }</span>
                }
                <span class={classes!("count", (count == 0).then_some("zero"))}>
                    { fill(s.outline_figures, &[&s.count(s.n_figures, count)]) }
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
