//! Security layers: response headers, the cross-site request check, and the
//! audit row for each refused cross-site request.

use app::server::{AppState, RequestCtx, context};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::csrf::ProtectionError;

/// The CSP for pages without inline scripts (everything but Leptos pages,
/// which set their own with the request's nonce).
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The CSP for a rendered page: its one inline hydration script carries `nonce`;
/// 'wasm-unsafe-eval' lets the islands' WebAssembly start.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

#[derive(Clone, Copy)]
pub struct Https(pub bool);

pub async fn headers(State(https): State<Https>, request: Request, next: Next) -> Response {
    // Built assets may be cached; nothing else (pages and answers carry personal data).
    let path = request.uri().path().to_owned();
    let asset = path.starts_with("/pkg/") || path.starts_with("/icons/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if !asset {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if response_is_hashed(&path) {
        // Named by content hash: the same name never holds anything else.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_CSP));
    }
    if https.0 {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

fn response_is_hashed(path: &str) -> bool {
    path.starts_with("/pkg/mina-steg-") && !path.ends_with(".txt")
}

/// The session cookie's name: with `--https` it carries the `__Host-` prefix.
pub fn session_cookie_name(https: bool) -> &'static str {
    if https { "__Host-mina-steg" } else { "mina-steg" }
}

/// Offline copies must not outlive access (a lost phone signed out by staff, a
/// withdrawn consent, an ended session). The service worker removes its copies
/// when an answer refuses; this tells the browser itself to remove what the site
/// kept, on the sign-in pages (whoever signs in next starts clean) and whenever
/// a request carries a session cookie that no longer resolves to a signed-in
/// account (the session was ended or has expired on the server).
///
/// `"storage"` is what removes the copies: they live in Cache Storage, which
/// browsers clear with `"storage"` and not with `"cache"` (the HTTP cache, also
/// cleared: back/forward and prerendered pages live there). `"storage"` also
/// unregisters the service worker. That is wanted: every page registers it again
/// (register-sw.js) and a new worker starts with nothing kept; passkeys are not
/// site storage and stay. Not `"cookies"`: the session cookie of someone signing
/// in must survive the sign-in pages, and a stale one is replaced at sign-in
/// anyway. Not `"executionContexts"`: it would reload the person's other tabs.
pub async fn clear_site_data_without_access(State(https): State<Https>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let sign_in_page = path == "/logga-in" || path.starts_with("/logga-in/");
    let ended_session = carries_cookie(&request, session_cookie_name(https.0))
        && request.extensions().get::<app::server::auth::AuthSession>().is_some_and(|auth| auth.user.is_none());
    let mut response = next.run(request).await;
    if sign_in_page || ended_session {
        response.headers_mut().insert(
            header::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
    response
}

fn carries_cookie(request: &Request, name: &str) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| pair.trim().split_once('=').is_some_and(|(n, _)| n == name))
}

/// Removes a request id sent by the client, so the server's own is set.
pub async fn drop_request_id(mut request: Request) -> Request {
    request.headers_mut().remove("x-request-id");
    request
}

/// Runs inside the CSRF layer's caller: when the layer refused a request,
/// the refusal goes to the audit log with whoever's session was used.
pub async fn audit_cross_site_refusals(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let request_id = context::request_id(&parts);
    let sessions = parts
        .extensions
        .get::<app::server::auth::AuthSession>()
        .cloned()
        .zip(parts.extensions.get::<tower_sessions::Session>().cloned());
    let origin = context::origin(&parts, &state, sessions.as_ref().map(|(_, session)| session));
    let response = next.run(Request::from_parts(parts, body)).await;
    if response.status() == StatusCode::FORBIDDEN && response.extensions().get::<ProtectionError>().is_some() {
        tracing::warn!("cross-site request refused");
        // Who asked, by the same rules as every other entry point.
        let actor = match sessions {
            Some((mut auth, session)) => {
                context::current_actor(&mut auth, &session).await.unwrap_or(app::policy::Actor::Anonymous)
            }
            None => app::policy::Actor::Anonymous,
        };
        let ctx = RequestCtx { actor, request_id, origin };
        if let Err(e) = state.access.record_refused_request(&ctx, "cross_site_request").await {
            tracing::error!(error = %e, "could not audit a refused cross-site request");
        }
    }
    response
}
