//! How a report comes in: the paste area, "open file", drag-and-drop and the demo
//! ([`panel`]), and the progress line while it is analysed ([`progress`]).

pub mod panel;
pub mod progress;
