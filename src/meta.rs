//! Metadata: title, reporting body, region, report year, publication date, script.

use crate::normalize::Normalized;
use crate::report::Meta;
use crate::sections::Outline;

/// Infers the report's metadata from its text and outline.
pub fn extract(view: &Normalized, _outline: &Outline) -> Meta {
    Meta { script: view.script, ..Meta::default() }
}
