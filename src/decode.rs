//! Decoding: file bytes → text (encodings, saved web pages, .docx), with typed errors.

use std::fmt;

/// Why a file could not be turned into report text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are a format the analyser does not read (PDF, image, archive…).
    Unsupported {
        /// Human name of the detected format ("PDF").
        format: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Unsupported { format } => {
                write!(f, "暂不支持 {format}，请复制文本后粘贴 (unsupported format: {format})")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes into text. `name` (a file name or path) hints the format.
pub fn decode(bytes: &[u8], _name: &str) -> Result<String, DecodeError> {
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
