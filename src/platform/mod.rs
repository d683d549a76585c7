//! What the app asks of the browser, wrapped once: the analysis worker ([`worker`], the one
//! place the analyser runs), storage, the browser calls the components need, the JavaScript
//! API, rendering a long list in steps ([`progressive`]) and virtual lists ([`virtual_list`]).

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod progressive;
#[cfg(target_arch = "wasm32")]
pub mod storage;
pub mod virtual_list;
#[cfg(target_arch = "wasm32")]
pub mod worker;
