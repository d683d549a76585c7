//! `use_library`: the library state as a Yew reducer, written to storage after each change and
//! kept in step with other tabs of the app.

use std::rc::Rc;

use yew::prelude::*;

use crate::platform::browser::later;
use super::data::{Action, LibraryState};
use crate::platform::storage;

impl Reducible for LibraryState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The library, loaded from storage on first use; every change that bumps the revision is
/// written back (unless writing is unsafe, see `LibraryState::writable`).
#[hook]
pub fn use_library() -> UseReducerHandle<LibraryState> {
    let library = use_reducer(|| {
        let loaded = storage::load();
        LibraryState { entries: loaded.entries, writable: loaded.writable, problem: loaded.problem, ..Default::default() }
    });
    {
        let library = library.clone();
        use_effect_with(library.revision, move |&revision| {
            // In a task of its own: writing a 2 MB report takes ~20 ms, on top of the render
            // that added it. A newer revision before then cancels this write for its own.
            let save = (revision > 0 && library.writable).then(|| {
                later(move || {
                    match storage::save(&library.entries, &library.removed) {
                        Ok(kept) => {
                            library.dispatch(Action::Saved);
                            if !kept.is_empty() {
                                library.dispatch(Action::Kept(kept));
                            }
                        }
                        Err(notice) => library.dispatch(Action::SaveFailed(notice)),
                    }
                })
            });
            move || drop(save)
        });
    }
    {
        let library = library.clone();
        use_effect_with((), move |()| {
            let listener = storage::on_library_changed(move |entries| library.dispatch(Action::External(entries)));
            move || drop(listener)
        });
    }
    library
}
