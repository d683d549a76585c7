//! What the app asks of the browser, wrapped once: the analysis worker ([`worker`], the one
//! place the analyser runs), the PDF module ([`pdf`], loaded when the first PDF is opened),
//! storage, the browser calls the components need, the JavaScript API, rendering a long list
//! in steps ([`progressive`]) and virtual lists ([`virtual_list`]), and the page's static shell
//! ([`static_shell`]).

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod many;
#[cfg(target_arch = "wasm32")]
pub mod pdf;
#[cfg(target_arch = "wasm32")]
pub mod progressive;
#[cfg(target_arch = "wasm32")]
pub mod static_shell;
#[cfg(target_arch = "wasm32")]
pub mod storage;
pub mod virtual_list;
#[cfg(target_arch = "wasm32")]
pub mod worker;
