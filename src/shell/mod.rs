//! The page around the panels: [`app::App`] owns the shared state (language, library, report on
//! screen, pending analysis) and lays out the areas below it; the header (name, language
//! toggle) and the footer (version, privacy promise).

pub mod app;
pub mod footer;
pub mod header;
