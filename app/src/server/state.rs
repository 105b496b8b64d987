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
    /// for links that leave the page; `None` only when serving on loopback
    /// (see [`AppState::origin`]).
    pub public_url: Option<String>,
    /// The public VAPID key phones subscribe to the app's notifications with
    /// (base64url); `None` when this server sends none.
    pub push_key: Option<std::sync::Arc<str>>,
    /// Phones may name a push service on this machine over plain http: only
    /// in tests, which start their own.
    pub push_loopback: bool,
    pub leptos_options: leptos::config::LeptosOptions,
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The site's address for links that leave the page (QR codes, invitations,
    /// calendar files) and for passkeys: the configured public address. Without
    /// one (the server then listens on loopback only) the request's Host, when
    /// it names this machine; any other Host (a forged one, or a name that was
    /// pointed at 127.0.0.1) gets `localhost` with the same port.
    pub fn origin(&self, headers: &axum::http::HeaderMap) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        let scheme = if self.https { "https" } else { "http" };
        let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let (name, port) = split_host(host);
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        if is_loopback_name(name) {
            return format!("{scheme}://{name}{port}");
        }
        format!("{scheme}://localhost{port}")
    }
}

/// A Host header's name and port (`[::1]:3000` → (`[::1]`, 3000)); a port
/// that is not a number is left out.
fn split_host(host: &str) -> (&str, Option<u16>) {
    let (name, port) = match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => (&host[..i], host[i + 1..].parse().ok()),
        _ => (host, None),
    };
    (name, port)
}

fn is_loopback_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("localhost")
        || name == "[::1]"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{is_loopback_name, split_host};

    #[test]
    fn only_names_of_this_machine_are_taken_from_the_host_header() {
        assert_eq!(split_host("localhost:3000"), ("localhost", Some(3000)));
        assert_eq!(split_host("[::1]:8080"), ("[::1]", Some(8080)));
        assert_eq!(split_host("[::1]"), ("[::1]", None));
        assert_eq!(split_host("evil.example:x"), ("evil.example", None));
        assert!(is_loopback_name("localhost") && is_loopback_name("127.0.0.1") && is_loopback_name("[::1]"));
        assert!(!is_loopback_name("evil.example") && !is_loopback_name("10.0.0.1") && !is_loopback_name(""));
    }
}
