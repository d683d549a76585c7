//! Figures: number + unit + the indicator phrase it measures, in document order.

use crate::normalize::Normalized;
use crate::report::{Figure, Section};

/// Finds every figure the report states, with `section` pointing into `sections`.
pub fn find(_view: &Normalized, _sections: &[Section]) -> Vec<Figure> {
    Vec::new()
}
