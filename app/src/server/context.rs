//! Who is asking: built once per request, the same way for every entry point
//! (server functions and the pages that call them, the calendar file, the
//! security layers), so a rule such as the staff session's 10-hour cap cannot
//! be applied in one place and forgotten in another.

use super::{AppState, RequestCtx, access::Origin, auth::AuthSession};
use crate::policy::Actor;
use axum::extract::FromRequestParts;
use axum::http::{StatusCode, request::Parts};

/// When the account signed in (Unix seconds), kept in the session.
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// However active, a staff session ends this long after sign-in.
const STAFF_SESSION_MAX_SECONDS: i64 = 10 * 3600;
/// When a staff session last moved its idle expiry (Unix seconds).
const TOUCHED_AT_KEY: &str = "touched_at";
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The request's context: who asks (after the session rules are applied),
/// which request it is, and the session handles a server function may need.
pub struct Asking {
    pub ctx: RequestCtx,
    pub auth: AuthSession,
    pub session: tower_sessions::Session,
    /// The client's address, for rate limits only (never logged).
    pub address: String,
}

impl FromRequestParts<AppState> for Asking {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, StatusCode> {
        let request_id = request_id(parts);
        let address = super::address::client_address(parts, &state.trusted_proxies);
        // Both come from the session layers; without them the router is built wrong.
        let mut auth =
            AuthSession::from_request_parts(parts, state).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let session = tower_sessions::Session::from_request_parts(parts, state)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let actor = current_actor(&mut auth, &session).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        // After the session rules: a session they ended has no id any more.
        let origin = origin(parts, state, Some(&session));
        Ok(Asking { ctx: RequestCtx { actor, request_id, origin }, auth, session, address })
    }
}

/// Where the request comes from, as the audit log keeps it: the client's
/// network (see [`Origin::network`]) and a keyed hash of the session id (the
/// id itself would let whoever reads the log use the session).
pub fn origin(parts: &Parts, state: &AppState, session: Option<&tower_sessions::Session>) -> Origin {
    let ip = super::address::client_ip(&parts.headers, &parts.extensions, &state.trusted_proxies);
    Origin {
        source: ip.map(Origin::network),
        session_ref: session.and_then(|s| s.id()).map(|id| state.access.keys().keyed_hash("session", &id.to_string())),
    }
}

/// The signed-in actor, after the session rules: a staff or admin session older
/// than [`STAFF_SESSION_MAX_SECONDS`] is ended here, whatever the request is.
pub async fn current_actor(auth: &mut AuthSession, session: &tower_sessions::Session) -> Result<Actor, ()> {
    if auth.user.as_ref().is_some_and(|u| u.is_staff_like()) {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let signed_in_at: i64 = session.get(SIGNED_IN_AT_KEY).await.ok().flatten().unwrap_or(0);
        if now - signed_in_at > STAFF_SESSION_MAX_SECONDS {
            auth.logout().await.map_err(|_| ())?;
        } else {
            // A staff session ends after 30 idle minutes: a change to the session
            // saves it with a new expiry. Once a minute is enough, so an active
            // session costs a write a minute, not one a request.
            let touched_at: i64 = session.get(TOUCHED_AT_KEY).await.ok().flatten().unwrap_or(0);
            if now - touched_at >= TOUCH_EVERY_SECONDS {
                session.insert(TOUCHED_AT_KEY, now).await.map_err(|_| ())?;
            }
        }
    }
    Ok(auth.user.as_ref().map(|u| u.actor).unwrap_or(Actor::Anonymous))
}

/// The id the request-id layer gave this request ("-" outside the router).
pub fn request_id(parts: &Parts) -> String {
    parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned()
}
