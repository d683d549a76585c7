//! What the integration tests share: where `../shared` is, and a zip writer.
#![allow(dead_code)] // each test file uses a part

pub mod zip;

use std::path::PathBuf;

/// `../shared` beside the repository: the seed corpus, the development set, their answer keys.
pub fn shared() -> PathBuf {
    repo().join("..").join("shared")
}

/// The repository's top level.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}
