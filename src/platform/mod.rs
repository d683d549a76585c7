//! What the app asks of the browser, wrapped once: the analysis worker ([`worker`], the one
//! place the analyser runs), storage, the browser calls the components need, the JavaScript
//! API, and rendering a long list in steps ([`progressive`]).

pub mod browser;
pub mod idb;
pub mod js_api;
pub mod progressive;
pub mod storage;
pub mod worker;
