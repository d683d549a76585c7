//! PDF: the text `fazhi_pdf` reads (paragraphs a line, page chrome left out), its errors
//! mapped to [`DecodeError`]s. Only with the `pdf` feature (the CLI's; not the web app's).

use super::{DecodeError, Format};

/// The text of a PDF, or why there is none.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, DecodeError> {
    match fazhi_pdf::extract_text(bytes) {
        Ok(t) => Ok(t.text),
        Err(fazhi_pdf::PdfError::NoTextLayer { .. }) => Err(DecodeError::NoTextLayer(Format::Pdf)),
        Err(fazhi_pdf::PdfError::NeedsPassword) => Err(DecodeError::Encrypted(Format::Pdf)),
        Err(fazhi_pdf::PdfError::Damaged { why }) => Err(DecodeError::Damaged { format: Format::Pdf, why }),
        Err(fazhi_pdf::PdfError::Unsupported { what }) => {
            Err(DecodeError::UnsupportedFeature { format: Format::Pdf, what })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_chinese_then_english() {
        assert_eq!(
            to_text(b"%PDF-1.4\n%%EOF"),
            Err(DecodeError::Damaged { format: Format::Pdf, why: "no document catalog (/Root)".into() })
        );
        let msg = DecodeError::NoTextLayer(Format::Pdf).to_string();
        assert!(msg.contains("扫描件") && msg.contains("OCR"), "{msg}");
        let msg = DecodeError::Damaged { format: Format::Pdf, why: "x".into() }.to_string();
        assert!(msg.starts_with("文件已损坏") && msg.contains("damaged"), "{msg}");
    }
}

/// The seed reports printed to PDF by Chromium (tests/browser/make-pdfs.mjs, into target/pdfs/)
/// analyse with the headings and figures of their text. Made on the fly when node, Chromium and
/// playwright-core are there; skipped (with a note) when not.
#[cfg(test)]
mod printed {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use crate::{analyze, invariants};

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
    }

    fn pdfs() -> Option<PathBuf> {
        let dir = repo().join("target").join("pdfs");
        if !dir.join("synthetic.pdf").exists() {
            let script = repo().join("tests").join("browser").join("make-pdfs.mjs");
            let made = Command::new("node").arg(script).arg(&dir).output();
            if !made.is_ok_and(|o| o.status.success()) {
                return None;
            }
        }
        Some(dir)
    }

    /// F1 of two multisets.
    fn f1(a: &[String], b: &[String]) -> f64 {
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        let mut count: HashMap<&String, i64> = HashMap::new();
        for x in a {
            *count.entry(x).or_default() += 1;
        }
        let mut common = 0;
        for x in b {
            if let Some(c) = count.get_mut(x).filter(|c| **c > 0) {
                *c -= 1;
                common += 1;
            }
        }
        2.0 * f64::from(common) / (a.len() + b.len()) as f64
    }

    #[test]
    fn seeds_printed_to_pdf_analyse_like_their_text() {
        let Some(dir) = pdfs() else {
            eprintln!("skipped: no target/pdfs and no node/chromium/playwright-core to make them");
            return;
        };
        let mut names: Vec<PathBuf> =
            std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
        names.sort();
        assert!(!names.is_empty());
        let (mut worst_h, mut worst_f) = (1.0f64, 1.0f64);
        for pdf in names {
            let bytes = std::fs::read(&pdf).expect("readable pdf");
            let want = std::fs::read_to_string(pdf.with_extension("txt")).expect("its text");
            let got = super::to_text(&bytes).expect("the printed report reads");
            let (a, b) = (analyze(&want), analyze(&got));
            if let Err(v) = invariants::check(&got, &b) {
                panic!("{}: {v}", pdf.display());
            }
            let heads = |r: &crate::Report| -> Vec<String> {
                r.sections.iter().map(|s| format!("{}{}", s.marker, s.title)).collect()
            };
            let figs = |r: &crate::Report| -> Vec<String> {
                r.metrics.iter().map(|m| format!("{}{}|{}", m.value, m.unit, m.indicator)).collect()
            };
            let (h, f) = (f1(&heads(&a), &heads(&b)), f1(&figs(&a), &figs(&b)));
            eprintln!(
                "{}: headings F1 {h:.3} ({} vs {}), figures F1 {f:.3} ({} vs {})",
                pdf.display(),
                a.sections.len(),
                b.sections.len(),
                a.metrics.len(),
                b.metrics.len()
            );
            worst_h = worst_h.min(h);
            worst_f = worst_f.min(f);
        }
        assert!(worst_h >= 0.9, "headings F1 {worst_h}");
        assert!(worst_f >= 0.9, "figures F1 {worst_f}");
    }
}
