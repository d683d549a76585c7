//! `SourceView`: the decoded report text (`#source`), rendered as text nodes only, with an
//! anchor at every heading and the marked sentence as `mark.highlight`.
//!
//! The text is cut at line ends into blocks of about [`CHUNK`] bytes, each a [`SourceChunk`]
//! (`div.src-chunk`, CSS `content-visibility: auto`), so the browser lays out only the blocks in
//! view: a 2 MB text in one block takes seconds of layout. Blocks are components of their own,
//! so a new highlight re-renders only the blocks it leaves and enters, and a huge text arrives
//! a few blocks per task ([`use_progressive`]), the block with the highlight always among them.

use std::rc::Rc;

use yew::prelude::*;

use super::model::{Analysis, Highlight};
use super::source_chunk::SourceChunk;
use super::text::{floor_boundary, line_blocks};
use crate::i18n::use_strings;
use crate::platform::progressive::use_progressive;

/// Props of [`SourceView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// The marked stretch, if any.
    pub highlight: Option<Highlight>,
}

/// About how many bytes of text go into one block.
const CHUNK: usize = 16 * 1024;
/// Blocks rendered per task (~3 ms of DOM work in Chromium; all of a text up to 128 KB).
const BLOCKS_STEP: usize = 8;

/// The report text.
#[function_component]
pub fn SourceView(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    let text: &str = &a.text;
    let blocks = use_memo(a.seq, |_| line_blocks(text, CHUNK));
    let mut shown = use_progressive(blocks.len(), BLOCKS_STEP, BLOCKS_STEP);

    let mark = props
        .highlight
        .map(|h| (floor_boundary(text, h.start), floor_boundary(text, h.end), h.seq))
        .filter(|m| m.1 > m.0);
    // The block where the mark starts scrolls it into view, so it is rendered now.
    let home = mark.and_then(|(start, _, _)| blocks.iter().position(|&(s, e)| s <= start && start < e));
    if let Some(home) = home {
        shown = shown.max(home + 1);
    }
    let last = blocks.len() - 1;
    html! {
        <div id="source" class="source" tabindex="0" role="region" aria-label={s.source_hint} lang="zh-CN">
            { for blocks[..shown].iter().enumerate().map(|(k, &(start, end))| {
                let part = mark.map(|(m0, m1, _)| (m0.max(start), m1.min(end))).filter(|(m0, m1)| m0 < m1);
                let scroll = mark.filter(|_| home == Some(k)).map(|(_, _, seq)| seq);
                html! { <SourceChunk key={k} analysis={a.clone()} {start} {end} last={k == last} mark={part} {scroll} /> }
            }) }
        </div>
    }
}
