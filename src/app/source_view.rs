//! `SourceView`: the decoded report text (`#source`), rendered as text nodes only, with an
//! anchor at every heading and the marked sentence as `mark.highlight`.

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
    let mut out: Vec<Html> = Vec::with_capacity(cuts.len() * 2 + 1);
    let mut marked: Option<Vec<Html>> = None;
    let mut at = 0;
    for (pos, cut) in cuts {
        if pos > at {
            let piece = Html::from(text[at..pos].to_string());
            match marked.as_mut() {
                Some(m) => m.push(piece),
                None => out.push(piece),
            }
            at = pos;
        }
        match cut {
            Cut::Anchor(i) => {
                let anchor = html! { <span class="anchor" id={format!("src-sec-{i}")}></span> };
                match marked.as_mut() {
                    Some(m) => m.push(anchor),
                    None => out.push(anchor),
                }
            }
            Cut::MarkStart => marked = Some(Vec::new()),
            Cut::MarkEnd => {
                if let Some(m) = marked.take() {
                    out.push(html! { <mark class="highlight">{ for m }</mark> });
                }
            }
        }
    }
    out.push(Html::from(text[at..].to_string()));
    if let Some(m) = marked {
        // Unreachable (every start has a later end), but never drop text.
        out.push(html! { <mark class="highlight">{ for m }</mark> });
    }

    html! {
        <div id="source" class="source" tabindex="0" role="region" aria-label={s.source_hint} lang="zh-CN">
            { for out }
        </div>
    }
}
