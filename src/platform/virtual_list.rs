//! A virtual list: a scroll box that renders only the rows in view, between two spacer rows,
//! and that the keyboard moves through as one tab stop (the ARIA grid/listbox pattern with
//! `aria-activedescendant`). The figures table uses it; so can any long list (the library).
//!
//! The focus stays on the list element itself, so it can never fall to the page body when rows
//! are re-rendered; arrow keys, Home/End and PageUp/PageDown move the *active* row, which is
//! scrolled into view (and so rendered) and named by `aria-activedescendant`. Tab leaves the
//! list like any other single control. For print (`beforeprint` to `afterprint`) every row is
//! rendered.
//!
//! The arithmetic is plain Rust (tested natively); [`use_virtual_list`] is the hook.

/// Rows rendered above and below the visible ones, so a quick scroll does not show blanks.
pub const OVERSCAN: usize = 20;
/// The first rendered row moves in steps of this many rows (fewer re-renders while scrolling).
pub const STEP: usize = 10;
/// Row height (px) and visible height before the first measurement.
pub const GUESS_ROW_PX: f64 = 33.0;
/// Visible height (px) of the box before the first measurement.
pub const GUESS_VIEW_PX: f64 = 600.0;

/// Which rows to render: `[start, end)` of `n` for a scroll position.
pub fn window(n: usize, scroll_top: f64, view_px: f64, row_px: f64) -> (usize, usize) {
    let row_px = row_px.max(1.0);
    let first = (scroll_top.max(0.0) / row_px) as usize;
    let start = first.saturating_sub(OVERSCAN) / STEP * STEP;
    let visible = (view_px.max(0.0) / row_px).ceil() as usize + 1;
    let end = (first + visible + OVERSCAN).div_ceil(STEP) * STEP;
    (start.min(n), end.min(n))
}

/// The row a navigation key moves to from `at` (`None`: no row active yet) among `n` rows with
/// `page` rows to a screen; `None` when the key is not a navigation key or there are no rows.
pub fn key_target(key: &str, at: Option<usize>, n: usize, page: usize) -> Option<usize> {
    let last = n.checked_sub(1)?;
    let page = page.max(1);
    let next = match (key, at) {
        ("ArrowDown" | "ArrowUp" | "Home", None) | ("Home", _) => 0,
        ("End", _) => last,
        ("ArrowDown", Some(i)) => i + 1,
        ("ArrowUp", Some(i)) => i.saturating_sub(1),
        ("PageDown", at) => at.map_or(0, |i| i + page),
        ("PageUp", at) => at.unwrap_or(0).saturating_sub(page),
        _ => return None,
    };
    Some(next.min(last))
}

/// The scroll position that shows row `row` whole, or `None` when it already shows. Rows start
/// `head_px` below the content's top (a sticky header covers that much of the box).
pub fn scroll_to_show(row: usize, row_px: f64, head_px: f64, scroll_top: f64, view_px: f64) -> Option<f64> {
    let top = row as f64 * row_px;
    let bottom = top + row_px + head_px;
    if top < scroll_top {
        Some(top)
    } else if bottom > scroll_top + view_px {
        Some((bottom - view_px).max(0.0))
    } else {
        None
    }
}

#[cfg(target_arch = "wasm32")]
pub use hook::{sort_header, use_virtual_list};

#[cfg(target_arch = "wasm32")]
mod hook {
    use gloo::events::EventListener;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement};
    use yew::prelude::*;

    use super::{key_target, scroll_to_show, window, GUESS_ROW_PX, GUESS_VIEW_PX};

    /// A sortable column's header cell (`th` with `aria-sort` and `class`, a button that sorts
    /// by `col`, ascending first, then the other way); `title` says what a click does. Shared by
    /// the grids that use this list (figures, library). The class is given, not derived from
    /// `Debug`: the size-optimised build compiles `Debug` to nothing (`-Zfmt-debug=none`).
    pub fn sort_header<C: Copy + PartialEq + 'static>(
        col: C,
        class: &'static str,
        label: &'static str,
        title: String,
        sort: &UseStateHandle<Option<(C, bool)>>,
    ) -> Html {
        let state = sort.and_then(|(c, asc)| (c == col).then_some(asc));
        let (aria, arrow) = match state {
            Some(true) => ("ascending", "▲"),
            Some(false) => ("descending", "▼"),
            None => ("none", "↕"),
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| sort.set(Some((col, state != Some(true)))))
        };
        html! {
            <th scope="col" aria-sort={aria} {class}>
                <button type="button" class="sort" {title} {onclick}>
                    { label }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    }

    /// The scroll box's measurements.
    #[derive(Clone, Copy, PartialEq)]
    struct Viewport {
        scroll_top: f64,
        height: f64,
    }

    /// What [`use_virtual_list`] gives the list's component.
    pub struct VirtualList {
        /// First row to render.
        pub start: usize,
        /// One past the last row to render.
        pub end: usize,
        /// The active row (the keyboard's), if any.
        pub active: Option<usize>,
        /// The scroll box (its `onscroll` is [`VirtualList::on_scroll`]).
        pub wrap_ref: NodeRef,
        /// The cell of the spacer row above the rendered rows.
        pub top_ref: NodeRef,
        /// The cell of the spacer row below the rendered rows.
        pub bottom_ref: NodeRef,
        /// For the scroll box.
        pub on_scroll: Callback<Event>,
        /// Moves the active row on a navigation key (and then prevents the page's scroll).
        pub on_key: Callback<KeyboardEvent>,
        /// Makes a row active (a click on it).
        pub set_active: Callback<usize>,
    }

    /// A virtual list of `n` rows. Whenever `reset` changes (other rows: a filter, a sort) it
    /// goes back to the top with no active row.
    #[hook]
    pub fn use_virtual_list<D: PartialEq + 'static>(n: usize, reset: D) -> VirtualList {
        // Only this part is generic: it turns `reset` into a count of its changes, so that the
        // list's own code (its closures and effects) is in the .wasm once, not once per table.
        let seen = use_mut_ref(|| (None::<D>, 0u32));
        let changes = {
            let mut seen = seen.borrow_mut();
            if seen.0.as_ref() != Some(&reset) {
                seen.0 = Some(reset);
                seen.1 = seen.1.wrapping_add(1);
            }
            seen.1
        };
        use_list(n, changes)
    }

    /// [`use_virtual_list`], going back to the top whenever `reset` changes.
    #[hook]
    fn use_list(n: usize, reset: u32) -> VirtualList {
        let viewport = use_state(|| Viewport { scroll_top: 0.0, height: GUESS_VIEW_PX });
        let row_px = use_state(|| GUESS_ROW_PX);
        let active = use_state(|| None::<usize>);
        // Printing: every row is rendered, so that the paper has them all (`browser::print`
        // announces the print button's printing the same way the browser announces Ctrl+P's).
        let printing = use_state(|| false);
        {
            let printing = printing.setter();
            use_effect_with((), move |_| {
                let listeners = web_sys::window().map(|w| {
                    let (on, off) = (printing.clone(), printing);
                    (
                        EventListener::new(&w, "beforeprint", move |_| on.set(true)),
                        EventListener::new(&w, "afterprint", move |_| off.set(false)),
                    )
                });
                move || drop(listeners)
            });
        }
        let wrap_ref = use_node_ref();
        let top_ref = use_node_ref();
        let bottom_ref = use_node_ref();

        // Re-render only when the window of rows to render moves.
        let on_scroll = {
            let (viewport, row_px) = (viewport.clone(), *row_px);
            Callback::from(move |e: Event| {
                let el: Element = e.target_unchecked_into();
                let next = Viewport { scroll_top: f64::from(el.scroll_top()), height: f64::from(el.client_height()) };
                let now = *viewport;
                if window(n, next.scroll_top, next.height, row_px) != window(n, now.scroll_top, now.height, row_px) {
                    viewport.set(next);
                }
            })
        };
        {
            let (wrap_ref, viewport, active) = (wrap_ref.clone(), viewport.clone(), active.clone());
            use_effect_with(reset, move |_| {
                active.set(None);
                if let Some(wrap) = wrap_ref.cast::<Element>() {
                    wrap.set_scroll_top(0);
                    viewport.set(Viewport { scroll_top: 0.0, height: f64::from(wrap.client_height()) });
                }
            });
        }
        let on_key = {
            let (active, viewport, wrap_ref, top_ref, row_px) =
                (active.clone(), viewport.clone(), wrap_ref.clone(), top_ref.clone(), *row_px);
            Callback::from(move |e: KeyboardEvent| {
                if e.alt_key() || e.ctrl_key() || e.meta_key() {
                    return;
                }
                let view = viewport.height;
                let page = ((view / row_px) as usize).saturating_sub(2);
                let Some(next) = key_target(&e.key(), *active, n, page) else { return };
                e.prevent_default();
                active.set(Some(next));
                let Some(wrap) = wrap_ref.cast::<Element>() else { return };
                // The header above the rows: where the top spacer starts in the box's content.
                let head = top_ref.cast::<HtmlElement>().map_or(0.0, |td| f64::from(td.offset_top()));
                let (scroll_top, height) = (f64::from(wrap.scroll_top()), f64::from(wrap.client_height()));
                if let Some(to) = scroll_to_show(next, row_px, head, scroll_top, height) {
                    wrap.set_scroll_top(to.round() as i32);
                    viewport.set(Viewport { scroll_top: f64::from(wrap.scroll_top()), height });
                }
            })
        };
        let set_active = {
            let active = active.clone();
            Callback::from(move |i: usize| active.set(Some(i)))
        };

        let (start, end) = if *printing { (0, n) } else { window(n, viewport.scroll_top, viewport.height, *row_px) };
        // After every render: size the spacers (CSSOM, since the CSP allows no style attributes)
        // and measure the real row height once rows exist.
        {
            let (top_ref, bottom_ref, row_px) = (top_ref.clone(), bottom_ref.clone(), row_px.clone());
            let above = start as f64 * *row_px;
            let below = (n - end) as f64 * *row_px;
            use_effect(move || {
                for (cell, px) in [(&top_ref, above), (&bottom_ref, below)] {
                    if let Some(cell) = cell.cast::<HtmlElement>() {
                        let _ = cell.style().set_property("height", &format!("{px}px"));
                    }
                }
                let first_row = top_ref
                    .cast::<Element>()
                    .and_then(|td| td.parent_element())
                    .and_then(|tr| tr.next_element_sibling());
                if let Some(tr) = first_row.and_then(|tr| tr.dyn_into::<HtmlElement>().ok()) {
                    let measured = tr.get_bounding_client_rect().height();
                    if measured > 0.0 && (measured - *row_px).abs() > 0.25 {
                        row_px.set(measured);
                    }
                }
            });
        }
        // Once the active row is rendered, make sure it shows whole: rows measured once may
        // drift from the estimate by a fraction of a pixel each, thousands of rows down.
        {
            let (wrap_ref, top_ref) = (wrap_ref.clone(), top_ref.clone());
            let at = active.filter(|&i| (start..end).contains(&i)).map(|i| i - start);
            use_effect_with(at, move |&at| {
                let Some(at) = at else { return };
                let (Some(wrap), Some(td)) = (wrap_ref.cast::<Element>(), top_ref.cast::<HtmlElement>()) else {
                    return;
                };
                let mut row = td.parent_element();
                for _ in 0..=at {
                    row = row.and_then(|r| r.next_element_sibling());
                }
                let Some(row) = row else { return };
                let (r, w) = (row.get_bounding_client_rect(), wrap.get_bounding_client_rect());
                let top = w.top() + f64::from(wrap.client_top()) + f64::from(td.offset_top());
                let bottom = w.top() + f64::from(wrap.client_top()) + f64::from(wrap.client_height());
                let by = if r.top() < top {
                    r.top() - top
                } else if r.bottom() > bottom {
                    r.bottom() - bottom
                } else {
                    return;
                };
                wrap.set_scroll_top(wrap.scroll_top() + by.signum() as i32 * by.abs().ceil() as i32);
            });
        }
        VirtualList {
            start,
            end,
            active: active.filter(|&i| i < n),
            wrap_ref,
            top_ref,
            bottom_ref,
            on_scroll,
            on_key,
            set_active,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_reach_every_row_and_stop_at_the_ends() {
        assert_eq!(key_target("ArrowDown", None, 5, 3), Some(0));
        assert_eq!(key_target("ArrowDown", Some(4), 5, 3), Some(4));
        assert_eq!(key_target("ArrowUp", Some(0), 5, 3), Some(0));
        assert_eq!(key_target("End", None, 10_000, 20), Some(9_999));
        assert_eq!(key_target("Home", Some(77), 10_000, 20), Some(0));
        assert_eq!(key_target("PageDown", Some(9_990), 10_000, 20), Some(9_999));
        assert_eq!(key_target("PageUp", Some(5), 10_000, 20), Some(0));
        assert_eq!(key_target("PageUp", Some(50), 10_000, 0), Some(49));
        assert_eq!(key_target("Tab", Some(1), 5, 3), None, "Tab leaves the list");
        assert_eq!(key_target("ArrowDown", None, 0, 3), None, "no rows, nothing to move to");
    }

    #[test]
    fn the_active_row_is_scrolled_whole_into_view() {
        // 30 px rows under a 40 px header, in a 400 px box scrolled to the top.
        assert_eq!(scroll_to_show(3, 30.0, 40.0, 0.0, 400.0), None);
        assert_eq!(scroll_to_show(20, 30.0, 40.0, 0.0, 400.0), Some(20.0 * 30.0 + 30.0 + 40.0 - 400.0));
        assert_eq!(scroll_to_show(2, 30.0, 40.0, 300.0, 400.0), Some(60.0));
        let (start, end) = window(10_000, 9_999.0 * 30.0, 400.0, 30.0);
        assert!(start <= 9_999 && 9_999 < end, "the last row is rendered once scrolled to");
    }

    #[test]
    fn window_covers_the_view_with_a_margin() {
        assert_eq!(window(0, 0.0, 600.0, 33.0), (0, 0));
        let (start, end) = window(1000, 3300.0, 660.0, 33.0);
        assert!(start <= 80 && (121..=1000).contains(&end));
    }
}
