//! How a report comes in: the paste area, "open file", drag-and-drop and the demo
//! ([`panel`]), and the progress line while it is analysed ([`progress`]).

pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod many;
#[cfg(target_arch = "wasm32")]
pub mod panel;
#[cfg(target_arch = "wasm32")]
pub mod progress;
