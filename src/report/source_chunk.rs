//! `SourceChunk`: one block of the source text (`div.src-chunk`): text nodes, an anchor
//! (`span.anchor#src-sec-{i}`) where each heading starts, and the part of the marked sentence
//! that falls inside the block as `mark.highlight`.

use std::rc::Rc;

use yew::prelude::*;

use super::model::Analysis;
use super::text::floor_boundary;
use crate::platform::browser::scroll_to;

/// Props of [`SourceChunk`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// Byte range of the block in the text (on char boundaries).
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The last block also holds the anchors of headings that start at the very end.
    pub last: bool,
    /// The marked byte range, clipped to the block, if it reaches into it.
    pub mark: Option<(usize, usize)>,
    /// Set (to the highlight's sequence number) on the block where the mark starts: the block
    /// scrolls the mark into view whenever it changes.
    pub scroll: Option<u32>,
}

/// A cut point in the block: a heading anchor, or where the mark opens or closes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    /// The mark closes (sorts first, so an anchor at the same place falls outside it).
    MarkEnd,
    /// Heading `i` starts.
    Anchor(usize),
    /// The mark opens.
    MarkStart,
}

/// One block of the text.
#[function_component]
pub fn SourceChunk(props: &Props) -> Html {
    let a = &props.analysis;
    let text: &str = &a.text;
    let (start, end) = (floor_boundary(text, props.start), floor_boundary(text, props.end));

    use_effect_with(props.scroll, |seq| {
        if seq.is_some() {
            scroll_to("#source mark.highlight");
        }
    });

    // Headings are in document order, so those starting in the block are a run of them.
    let sections = &a.report.sections;
    let at = |i: usize| floor_boundary(text, sections[i].start);
    let first = sections.partition_point(|sec| floor_boundary(text, sec.start) < start);
    let mut cuts: Vec<(usize, Cut)> = (first..sections.len())
        .take_while(|&i| at(i) < end || (props.last && at(i) == end))
        .map(|i| (at(i), Cut::Anchor(i)))
        .collect();
    if let Some((m0, m1)) = props.mark {
        let (m0, m1) = (floor_boundary(text, m0).max(start), floor_boundary(text, m1).min(end));
        if m1 > m0 {
            cuts.push((m0, Cut::MarkStart));
            cuts.push((m1, Cut::MarkEnd));
        }
    }
    cuts.sort_unstable();

    // Walk the cuts, emitting plain text outside the mark and gathering text inside it.
    let mut out: Vec<Html> = Vec::new();
    let mut marked: Option<Vec<Html>> = None;
    let mut pos = start;
    for (cut_at, cut) in cuts {
        if cut_at > pos {
            let piece = Html::from(text[pos..cut_at].to_string());
            marked.as_mut().unwrap_or(&mut out).push(piece);
            pos = cut_at;
        }
        match cut {
            Cut::Anchor(i) => {
                let anchor = html! { <span class="anchor" id={format!("src-sec-{i}")}></span> };
                marked.as_mut().unwrap_or(&mut out).push(anchor);
            }
            Cut::MarkStart => marked = Some(Vec::new()),
            Cut::MarkEnd => {
                if let Some(m) = marked.take() {
                    out.push(html! { <mark class="highlight">{ for m }</mark> });
                }
            }
        }
    }
    if end > pos {
        out.push(Html::from(text[pos..end].to_string()));
    }
    html! { <div class="src-chunk">{ for out }</div> }
}
