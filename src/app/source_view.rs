//! `SourceView`: the decoded report text (`#source`), rendered as text nodes only, with an
//! anchor at every heading and the marked sentence as `mark.highlight`.
//!
//! The text is cut at line ends into blocks of about [`CHUNK`] bytes (`div.src-chunk`, CSS
//! `content-visibility: auto`), so the browser lays out only the blocks in view: a 2 MB text in
//! one block takes seconds of layout.

use std::rc::Rc;

use yew::prelude::*;

use super::browser::scroll_to;
use super::model::{use_strings, Analysis, Highlight};
use super::text::floor_boundary;

/// Props of [`SourceView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report on screen.
    pub analysis: Rc<Analysis>,
    /// The marked stretch, if any.
    pub highlight: Option<Highlight>,
}

/// About how many bytes of text go into one `div.src-chunk`.
const CHUNK: usize = 16 * 1024;

/// Collects the top-level pieces of the text into `div.src-chunk` blocks, closing a block at a
/// line end once it holds [`CHUNK`] bytes.
struct Chunks {
    done: Vec<Html>,
    open: Vec<Html>,
    len: usize,
}

impl Chunks {
    fn push(&mut self, piece: Html, len: usize) {
        self.open.push(piece);
        self.len += len;
    }

    /// Adds plain text, closing blocks at line ends as they fill up.
    fn text(&mut self, mut text: &str) {
        while self.len + text.len() > CHUNK {
            // The first line end at or after the point where the block is full.
            let want = CHUNK.saturating_sub(self.len).min(text.len());
            let Some(nl) = text.as_bytes()[want..].iter().position(|&b| b == b'\n').map(|p| want + p) else { break };
            self.push(Html::from(text[..=nl].to_string()), nl + 1);
            self.close();
            text = &text[nl + 1..];
        }
        if !text.is_empty() {
            self.push(Html::from(text.to_string()), text.len());
        }
    }

    fn close(&mut self) {
        if !self.open.is_empty() {
            let open = std::mem::take(&mut self.open);
            self.done.push(html! { <div class="src-chunk">{ for open }</div> });
            self.len = 0;
        }
    }

    fn finish(mut self) -> Vec<Html> {
        self.close();
        self.done
    }
}

/// A cut point in the text: a heading anchor, or where the mark opens or closes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    /// The mark closes (sorts first, so an anchor at the same place falls outside it).
    MarkEnd,
    /// Heading `i` starts.
    Anchor(usize),
    /// The mark opens.
    MarkStart,
}

/// The report text.
#[function_component]
pub fn SourceView(props: &Props) -> Html {
    let s = use_strings();
    let a = &props.analysis;
    let text: &str = &a.text;

    use_effect_with(props.highlight.map(|h| h.seq), |seq| {
        if seq.is_some() {
            scroll_to("#source mark.highlight");
        }
    });

    let mut cuts: Vec<(usize, Cut)> =
        a.report.sections.iter().enumerate().map(|(i, sec)| (floor_boundary(text, sec.start), Cut::Anchor(i))).collect();
    if let Some(h) = props.highlight {
        let start = floor_boundary(text, h.start);
        let end = floor_boundary(text, h.end);
        if end > start {
            cuts.push((start, Cut::MarkStart));
            cuts.push((end, Cut::MarkEnd));
        }
    }
    cuts.sort_unstable();

    // Walk the cuts, emitting plain text outside the mark and gathering text inside it.
    let mut out = Chunks { done: Vec::new(), open: Vec::new(), len: 0 };
    let mut marked: Option<Vec<Html>> = None;
    let mut at = 0;
    for (pos, cut) in cuts {
        if pos > at {
            match marked.as_mut() {
                Some(m) => m.push(Html::from(text[at..pos].to_string())),
                None => out.text(&text[at..pos]),
            }
            at = pos;
        }
        match cut {
            Cut::Anchor(i) => {
                let anchor = html! { <span class="anchor" id={format!("src-sec-{i}")}></span> };
                match marked.as_mut() {
                    Some(m) => m.push(anchor),
                    None => out.push(anchor, 0),
                }
            }
            Cut::MarkStart => marked = Some(Vec::new()),
            Cut::MarkEnd => {
                if let Some(m) = marked.take() {
                    out.push(html! { <mark class="highlight">{ for m }</mark> }, 0);
                }
            }
        }
    }
    out.text(&text[at..]);
    if let Some(m) = marked {
        // Unreachable (every start has a later end), but never drop text.
        out.push(html! { <mark class="highlight">{ for m }</mark> }, 0);
    }
    let out = out.finish();

    html! {
        <div id="source" class="source" tabindex="0" role="region" aria-label={s.source_hint} lang="zh-CN">
            { for out }
        </div>
    }
}
