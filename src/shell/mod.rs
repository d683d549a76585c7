//! The page around the panels: [`app::App`] owns the shared state (language, library, report on
//! screen, pending analysis) and lays out the areas below it; the header (name, language
//! toggle), the footer (version, privacy promise), and the language choice ([`language`]).

pub mod app;
pub mod footer;
pub mod header;
pub mod language;
pub mod last_year;
