#![recursion_limit = "256"]
//! Mina steg: pages, server functions, the shared domain types, and (with the
//! `ssr` feature) the access layer and storage behind them.

pub mod app;
pub mod components;
pub mod domain;
pub mod errors;
pub mod functions;
pub mod layouts;
pub mod models;
pub mod paths;
pub mod policy;
pub mod routes;
pub mod texts;

#[cfg(feature = "ssr")]
pub mod server;

/// Starts the interactive islands in the browser; everything else is plain HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
