//! The web app's PDF module: [`read_pdf`] for JavaScript, around `fazhi_pdf::extract_text`.
//!
//! A WebAssembly module of its own, so the app's main `.wasm` (450 KB gzip budget) never carries
//! the PDF reader: the release build (`xtask/src/pdf.rs`) compiles this crate, runs wasm-bindgen
//! (`--target web`) and wasm-opt on it and puts it into `dist/`; the app loads it the first time
//! a PDF is opened (see `src/platform/pdf.rs` and `www/worker.js`).

use wasm_bindgen::prelude::*;

/// What [`read_pdf`] found, as plain data: `kind` is `"text"` when `text` holds the PDF's text,
/// otherwise the kind of refusal, and `text` is the reader's own explanation (English).
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `text`, `no-text-layer`, `needs-password`, `damaged` or `unsupported`.
    pub kind: &'static str,
    /// The text, or what is wrong.
    pub text: String,
}

/// [`read_pdf`] in plain Rust: the outcome for `bytes`.
pub fn outcome(bytes: &[u8]) -> Outcome {
    use fazhi_pdf::PdfError;
    match fazhi_pdf::extract_text(bytes) {
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
    let found = outcome(bytes);
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"kind".into(), &found.kind.into());
    let _ = js_sys::Reflect::set(&out, &"text".into(), &found.text.into());
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_typed() {
        assert_eq!(outcome(b"%PDF-1.4\n%%EOF").kind, "damaged");
        assert_eq!(outcome(b"").kind, "damaged");
    }
}
