//! Last year beside this year: finds, for the report on screen, the same body's earlier report
//! in the library (`fazhi_lens::history::earlier`) and sets the two side by side
//! (`history::year_over_year`), for the report view's last-year table.
//!
//! The library lists no texts and no analyses, so the search is lazy: only entries whose region
//! or name suggest the same body, of an earlier year, are read and analysed (in a worker of the
//! search's own, latest year first), and the search stops at the first that is the same body.

use std::cell::RefCell;
use std::rc::Rc;

use fazhi_lens::history::{earlier, year_over_year, YearOverYear};
use yew::prelude::*;

use crate::library::data::{Entry, LibraryState, Request};
use crate::library::store;
use crate::platform::worker::{Analyzer, Done};
use crate::report::model::Analysis;

/// The search in progress: the report it is for, the candidates still to try (library ids),
/// and the worker that analyses them (started when first needed).
#[derive(Default)]
struct Search {
    this: Option<Rc<Analysis>>,
    queue: Vec<Request>,
    analyzer: Option<Analyzer<Request>>,
}

/// The library entries that may be `a`'s body's earlier reports, latest year first: of an
/// earlier year, and of the same region, or naming its body.
fn candidates(a: &Analysis, entries: &[Entry]) -> Vec<Request> {
    let meta = &a.report.meta;
    let Some(year) = meta.report_year else { return Vec::new() };
    let same = |e: &Entry| {
        (e.region.is_some() && e.region == meta.region)
            || meta
                .body
                .as_deref()
                .is_some_and(|b| e.name.contains(b) || e.title.as_deref().is_some_and(|t| t.contains(b)))
    };
    let mut found: Vec<&Entry> =
        entries.iter().filter(|e| e.id != a.entry_id && e.year.is_some_and(|y| y < year) && same(e)).collect();
    found.sort_by_key(|e| std::cmp::Reverse(e.year));
    found.into_iter().map(Entry::request).collect()
}

/// Reads and analyses the next candidate, if any.
fn try_next(search: &Rc<RefCell<Search>>) {
    let Some(request) = search.borrow_mut().queue.pop() else { return };
    let search = search.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let id = request.entry_id.clone().unwrap_or_default();
        match store::text(&id).await {
            Ok(text) => {
                if let Some(analyzer) = &search.borrow().analyzer {
                    analyzer.run(Rc::from(text), request);
                }
            }
            // A text that cannot be read is no candidate.
            Err(_) => try_next(&search),
        }
    });
}

/// The report on screen beside its body's earlier report in the library, once found.
#[hook]
pub fn use_last_year(
    analysis: Option<Rc<Analysis>>,
    library: &UseReducerHandle<LibraryState>,
) -> Option<Rc<YearOverYear>> {
    let found = use_state(|| None::<(u32, Rc<YearOverYear>)>);
    let search = use_mut_ref(Search::default);
    let seq = analysis.as_ref().map(|a| a.seq);
    {
        let (found, search) = (found.clone(), search.clone());
        let library = library.clone();
        // Searched again when the library grows (a file opened with others may be kept after
        // this report is shown), unless already found for this report.
        use_effect_with((seq, library.entries.len()), move |_| {
            if found.as_ref().is_some_and(|(s, _)| Some(*s) == seq) {
                return;
            }
            let mut s = search.borrow_mut();
            if let Some(analyzer) = &s.analyzer {
                analyzer.cancel();
            }
            let mut queue = analysis.as_ref().map(|a| candidates(a, &library.entries)).unwrap_or_default();
            // Popped from the end: latest year first.
            queue.reverse();
            s.queue = queue;
            s.this = analysis;
            if !s.queue.is_empty() && s.analyzer.is_none() {
                let (into, found) = (search.clone(), found.clone());
                let on_done = Callback::from(move |done: Done<Request>| {
                    let this = into.borrow().this.clone();
                    let (Some(this), Ok(mut before)) = (this, done.report) else { return try_next(&into) };
                    before.source = done.tag.source;
                    if earlier(&this.report, &[&before]).is_some() {
                        into.borrow_mut().queue.clear();
                        found.set(Some((this.seq, Rc::new(year_over_year(&before, &this.report)))));
                    } else {
                        try_next(&into);
                    }
                });
                s.analyzer = Some(Analyzer::new(on_done));
            }
            drop(s);
            try_next(&search);
        });
    }
    found.as_ref().filter(|(s, _)| Some(*s) == seq).map(|(_, y)| y.clone())
}
