//! What the app asks of the browser, wrapped once: the analysis worker ([`worker`], the one
//! place the analyser runs), the PDF module ([`pdf`], loaded when the first PDF is opened),
//! storage, the browser calls the components need, the JavaScript API, rendering a long list
//! in steps ([`progressive`]), and the page's static shell ([`static_shell`]).

pub mod browser;
pub mod idb;
pub mod js_api;
pub mod pdf;
pub mod progressive;
pub mod static_shell;
pub mod storage;
pub mod worker;
