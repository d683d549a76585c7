//! The reports kept in this browser: the entries and their file format as plain data
//! ([`data`]), the Yew reducer that stores them ([`store`]), and the panel that shows them as a table (`table`).

pub mod data;

#[cfg(target_arch = "wasm32")]
pub mod panel;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod table;
