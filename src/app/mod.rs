//! The web app: a Yew single-page app over the `fazhi_lens` analyser (wasm32 only).
//!
//! State lives in [`root::App`] and flows down as props; components report user intent back
//! up through callbacks. One component per file:
//!
//! ```text
//! App (root)
//! ├── AppHeader                     title, language toggle
//! ├── InputPanel                    paste area, open file, drag-and-drop, demo
//! ├── LibraryPanel ── LibraryItem   saved reports: open, rename, delete, export/import
//! ├── CompareView                   pick reports; CompareTable, CompareCharts, CompareFigures,
//! │                                 CompareChanges, CompareChecks (compare_*.rs)
//! ├── ReportView
//! │   ├── ReportHeader              title and metadata
//! │   ├── ExportBar                 CSV, JSON, print
//! │   ├── Outline ── OutlineItems   heading tree (ARIA tree), in runs of top-level items
//! │   ├── KeyIndicators, ChecksPanel
//! │   ├── FiguresTable ── FigureFilters   (virtual: only the rows in view)
//! │   └── SourceView ── SourceChunk the text in blocks, with the highlighted sentence
//! ├── AnalysisProgress              while an analysis runs (in a worker: `worker`)
//! ├── (failure notice, in `root`)   when it gave no report: try again, or reload
//! └── AppFooter                     version
//! ```
//!
//! The modules without Yew (`text`, `tree`, `csv`, `library_data`, `i18n`) are plain Rust and
//! are unit-tested natively.

// Natively only the unit tests use the plain modules.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

pub mod compare_csv;
pub mod compare_model;
pub mod csv;
pub mod i18n;
pub mod library_data;
pub mod text;
pub mod tree;

// Browser-only: components, hooks and web APIs.
#[cfg(target_arch = "wasm32")]
pub mod app_footer;
#[cfg(target_arch = "wasm32")]
pub mod app_header;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod checks_panel;
#[cfg(target_arch = "wasm32")]
pub mod compare_charts;
#[cfg(target_arch = "wasm32")]
pub mod compare_side;
#[cfg(target_arch = "wasm32")]
pub mod compare_table;
#[cfg(target_arch = "wasm32")]
pub mod compare_view;
#[cfg(target_arch = "wasm32")]
pub mod export_bar;
#[cfg(target_arch = "wasm32")]
pub mod figure_filters;
#[cfg(target_arch = "wasm32")]
pub mod figures_table;
#[cfg(target_arch = "wasm32")]
pub mod input_panel;
#[cfg(target_arch = "wasm32")]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod key_indicators;
#[cfg(target_arch = "wasm32")]
pub mod library_item;
#[cfg(target_arch = "wasm32")]
pub mod library_panel;
#[cfg(target_arch = "wasm32")]
pub mod library_store;
#[cfg(target_arch = "wasm32")]
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod outline;
#[cfg(target_arch = "wasm32")]
pub mod outline_items;
#[cfg(target_arch = "wasm32")]
pub mod progressive;
#[cfg(target_arch = "wasm32")]
pub mod report_header;
#[cfg(target_arch = "wasm32")]
pub mod report_view;
#[cfg(target_arch = "wasm32")]
pub mod root;
#[cfg(target_arch = "wasm32")]
pub mod source_chunk;
#[cfg(target_arch = "wasm32")]
pub mod source_view;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod worker;
#[cfg(target_arch = "wasm32")]
pub mod worker_progress;

/// Starts the app: publishes the JavaScript API, then renders into `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    js_api::install();
    yew::Renderer::<root::App>::new().render();
}

/// Starts the analysis worker's side (the same module, loaded by `worker.js`).
#[cfg(target_arch = "wasm32")]
pub fn serve_worker() {
    worker::serve();
}
