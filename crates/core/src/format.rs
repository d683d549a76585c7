//! How numbers are written, the same in the JSON, the CSV, the CLI's text and the web app:
//! a whole number as an integer ("852", never "852.0"), others as Rust prints them.

use serde::{Serialize, Serializer};

/// The largest magnitude written as an integer: beyond it an `f64` no longer holds every
/// integer exactly, so a "whole" value may be an artefact of rounding.
const EXACT: f64 = 9.0e15;

/// `v` as an integer when it is a whole number small enough to be exact.
pub fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < EXACT).then_some(v as i64)
}

/// A number as people write it: whole numbers without a decimal point.
pub fn number(v: f64) -> String {
    match whole(v) {
        Some(i) => i.to_string(),
        None => v.to_string(),
    }
}

/// A number for JSON: whole numbers as integers (`19`, not `19.0`), others as floats, and
/// non-finite values as `null` (JSON has no NaN).
#[derive(Clone, Copy, Debug)]
pub struct JsonNumber(pub f64);

impl Serialize for JsonNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match whole(self.0) {
            Some(i) => s.serialize_i64(i),
            None if self.0.is_finite() => s.serialize_f64(self.0),
            None => s.serialize_none(),
        }
    }
}

/// `#[serde(serialize_with = "…")]` for an `f64` field.
pub(crate) fn json_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    JsonNumber(*v).serialize(s)
}

/// `#[serde(serialize_with = "…")]` for an `Option<f64>` field.
pub(crate) fn json_option<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    v.map(JsonNumber).serialize(s)
}

/// `#[serde(serialize_with = "…")]` for a `[Option<f64>]` field.
pub(crate) fn json_options<S: Serializer>(v: &[Option<f64>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|v| v.map(JsonNumber)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_print_without_a_point() {
        assert_eq!(number(852.0), "852");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(99.4), "99.4");
        assert_eq!(number(1e16), "10000000000000000");
        assert_eq!(serde_json::to_string(&JsonNumber(19.0)).ok().as_deref(), Some("19"));
        assert_eq!(serde_json::to_string(&JsonNumber(0.5)).ok().as_deref(), Some("0.5"));
        assert_eq!(serde_json::to_string(&JsonNumber(f64::NAN)).ok().as_deref(), Some("null"));
    }
}
