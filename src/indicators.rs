//! Key indicators: the canonical taxonomy of `docs/domain.md`, as data, and its matching.

use std::collections::BTreeMap;

use crate::normalize::Normalized;
use crate::report::{Figure, KeyValue};

/// Maps figures to canonical key-indicator ids.
pub fn attach(_view: &Normalized, _figures: &[Figure]) -> BTreeMap<String, Vec<KeyValue>> {
    BTreeMap::new()
}
