//! Several reports of the library side by side ([`view::CompareView`]): key indicators and
//! other aligned figures ([`table`]), small charts ([`charts`]), each report's own change
//! statements and checks ([`side`]), the CSV export ([`csv`]); what they draw is computed as
//! plain data in [`model`].

pub mod csv;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod review;
#[cfg(target_arch = "wasm32")]
pub mod side;
#[cfg(target_arch = "wasm32")]
pub mod table;
#[cfg(target_arch = "wasm32")]
pub mod view;
