//! The interface language the user chose, remembered in `localStorage` (best effort: losing it
//! costs one click).

use crate::i18n::Lang;
use crate::platform::storage;

/// Key of the interface language.
const LANG_KEY: &str = "fazhi-lens.lang";

/// The language chosen last time, if any.
pub fn load() -> Option<Lang> {
    Lang::from_code(&storage::local()?.get_item(LANG_KEY).ok()??)
}

/// Remembers the language choice.
pub fn save(lang: Lang) {
    if let Some(store) = storage::local() {
        let _ = store.set_item(LANG_KEY, lang.code());
    }
}
