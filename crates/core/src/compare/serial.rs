//! How the comparison's numbers serialise: whole numbers as JSON integers, non-finite as null.

use serde::{Serialize, Serializer};

/// A number as JSON: whole numbers as integers (`19`, not `19.0`), others as floats.
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else if v.is_finite() {
            s.serialize_f64(v)
        } else {
            s.serialize_none()
        }
    }
}

pub(super) fn one_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    Num(*v).serialize(s)
}

pub(super) fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    v.map(Num).serialize(s)
}

pub(super) fn numbers<S: Serializer>(v: &[Option<f64>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|v| v.map(Num)))
}
