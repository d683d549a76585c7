//! The web app's PDF module: [`read_pdf`] for JavaScript, around `fazhi_pdf::extract_text`.
//!
//! A WebAssembly module of its own, so the app's main `.wasm` (450 KB gzip budget) never carries
//! the PDF reader: the release build (`xtask/src/pdf.rs`) compiles this crate, runs wasm-bindgen
//! (`--target web`) and wasm-opt on it and puts it into `dist/`; the app loads it the first time
//! a PDF is opened (see `src/platform/pdf.rs` and `www/worker.js`).

use std::cell::RefCell;
use std::collections::HashMap;

use fazhi_pdf::{Legacy, LegacyDecoder};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextDecoder` (declared here rather than through web-sys: two calls).
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// Each code decoded so far, with its text (`None`: malformed or unmapped).
type Seen = HashMap<(Legacy, Vec<u8>), Option<String>>;

/// GB18030 and Big5 codes through the browser's `TextDecoder` (`fatal`, so a malformed code is
/// `None` as with encoding_rs), so the module need not carry encoding_rs's tables. Codes repeat
/// a lot and each decode crosses into JavaScript, so every code's text is kept.
#[derive(Default)]
pub struct BrowserDecoder {
    decoders: RefCell<HashMap<Legacy, Option<TextDecoder>>>,
    seen: RefCell<Seen>,
}

impl LegacyDecoder for BrowserDecoder {
    fn decode(&self, encoding: Legacy, bytes: &[u8]) -> Option<String> {
        let key = (encoding, bytes.to_vec());
        if let Some(text) = self.seen.borrow().get(&key) {
            return text.clone();
        }
        let text = self
            .decoders
            .borrow_mut()
            .entry(encoding)
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                js_sys::Reflect::set(&options, &"fatal".into(), &JsValue::TRUE).ok()?;
                // The Encoding Standard's labels.
                let label = if encoding == Legacy::Big5 { "big5" } else { "gb18030" };
                TextDecoder::new(label, &options).ok()
            })
            .as_ref()
            .and_then(|d| d.decode(bytes).ok());
        self.seen.borrow_mut().insert(key, text.clone());
        text
    }
}

/// What [`read_pdf`] found, as plain data: `kind` is `"text"` when `text` holds the PDF's text,
/// otherwise the kind of refusal, and `text` is the reader's own explanation (English).
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `text`, `no-text-layer`, `needs-password`, `damaged` or `unsupported`.
    pub kind: &'static str,
    /// The text, or what is wrong.
    pub text: String,
}

/// [`read_pdf`] in plain Rust: the outcome for `bytes`, legacy CMap codes decoded by `legacy`.
pub fn outcome(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Outcome {
    use fazhi_pdf::PdfError;
    match fazhi_pdf::extract_text_with(bytes, legacy) {
        // A text layer of nothing but blanks is no text for the analyser either.
        Ok(t) if t.text.trim().is_empty() => Outcome { kind: "no-text-layer", text: String::new() },
        Ok(t) => Outcome { kind: "text", text: t.text },
        Err(e) => {
            let kind = match e {
                PdfError::NoTextLayer { .. } => "no-text-layer",
                PdfError::NeedsPassword => "needs-password",
                PdfError::Damaged { .. } => "damaged",
                PdfError::Unsupported { .. } => "unsupported",
            };
            Outcome { kind, text: e.to_string() }
        }
    }
}

/// Reads a PDF: returns `{kind, text}` (see [`Outcome`]). Never throws for a bad file; a panic
/// (a bug) traps, which the caller catches as an exception. `panic` panics first: the app's
/// browser tests (tests/browser/pdf.test.mjs) take the real panic path with it.
#[wasm_bindgen]
pub fn read_pdf(bytes: &[u8], panic: bool) -> JsValue {
    if panic {
        panic!("__FAZHI_TEST_PANIC__");
    }
    let found = outcome(bytes, &BrowserDecoder::default());
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"kind".into(), &found.kind.into());
    let _ = js_sys::Reflect::set(&out, &"text".into(), &found.text.into());
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Natively there is no `TextDecoder`; these files never reach a legacy CMap.
    struct NoLegacy;

    impl LegacyDecoder for NoLegacy {
        fn decode(&self, _: Legacy, _: &[u8]) -> Option<String> {
            None
        }
    }

    #[test]
    fn refusals_are_typed() {
        assert_eq!(outcome(b"%PDF-1.4\n%%EOF", &NoLegacy).kind, "damaged");
        assert_eq!(outcome(b"", &NoLegacy).kind, "damaged");
    }
}
