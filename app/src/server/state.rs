//! What every request handler and server function can reach.

use super::Access;

#[derive(Clone, Debug)]
pub struct AppState {
    pub access: Access,
    /// Serving in demo mode: `/demo` exists.
    pub demo: bool,
    /// Served over https (links in QR codes use it).
    pub https: bool,
    /// Our own reverse proxies, whose X-Forwarded-For is believed (see `address`).
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// The site's own address (`https://minasteg.kommun.se`, no trailing `/`),
    /// for links that leave the page; `None`: the request's Host header.
    pub public_url: Option<String>,
    pub leptos_options: leptos::config::LeptosOptions,
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
