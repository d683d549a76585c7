//! One report on screen ([`view::ReportView`]): header and exports, the outline, key
//! indicators, the figures table with its filters, the checks, and the source text with the
//! highlighted sentence.

pub mod csv;
pub mod model;
pub mod text;
pub mod tree;

#[cfg(target_arch = "wasm32")]
pub mod checks;
#[cfg(target_arch = "wasm32")]
pub mod export_bar;
#[cfg(target_arch = "wasm32")]
pub mod figure_filters;
#[cfg(target_arch = "wasm32")]
pub mod figures_table;
#[cfg(target_arch = "wasm32")]
pub mod header;
#[cfg(target_arch = "wasm32")]
pub mod key_indicators;
#[cfg(target_arch = "wasm32")]
pub mod last_year;
#[cfg(target_arch = "wasm32")]
pub mod outline;
#[cfg(target_arch = "wasm32")]
pub mod outline_items;
#[cfg(target_arch = "wasm32")]
pub mod source_chunk;
#[cfg(target_arch = "wasm32")]
pub mod source_view;
#[cfg(target_arch = "wasm32")]
pub mod view;
