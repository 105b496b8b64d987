//! The general request limit in front of `/api`: each client address (see
//! `app::server::address`; an IPv6 client by its /64) gets a steady number of
//! server-function calls a second and a burst of ten seconds' worth. It is
//! kept in memory per instance, before the session is loaded, so a flood costs
//! no database work. Sign-in has its own, stricter limits on top.

use app::errors::AppError;
use app::server::address;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// Calls a second for one address, unless `--api-limit` says otherwise: a
/// whole office behind one address must fit (a person's page makes a call
/// now and then), a script sending thousands a second must not.
pub const DEFAULT_PER_SECOND: u32 = 30;
/// How often addresses that have been quiet long enough are forgotten.
const FORGET_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct ApiLimit {
    limiter: Arc<DefaultKeyedRateLimiter<String>>,
    trusted_proxies: Arc<[IpAddr]>,
}

impl ApiLimit {
    /// `per_second` calls a second per address, bursts of ten seconds' worth.
    /// Starts a task that forgets quiet addresses, so the table cannot grow
    /// without end.
    pub fn new(per_second: u32, trusted_proxies: Arc<[IpAddr]>) -> Self {
        let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
        let burst = rate.saturating_mul(NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN));
        let limiter = Arc::new(RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)));
        let weak = Arc::downgrade(&limiter);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(FORGET_EVERY);
            every.tick().await;
            loop {
                every.tick().await;
                // Ends with the router that owned the limiter.
                let Some(limiter) = weak.upgrade() else { break };
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
        ApiLimit { limiter, trusted_proxies }
    }
}

/// Refuses a server-function call over its address's limit with 429, a
/// `Retry-After` and a short Swedish text (as the error JSON the page's
/// scripts read, or as text for a plain form).
pub async fn limit_api(State(limit): State<ApiLimit>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let ip = address::client_ip(request.headers(), request.extensions(), &limit.trusted_proxies);
    let key = ip.map(address::limit_key).unwrap_or_else(|| "unknown".to_owned());
    let Err(not_until) = limit.limiter.check_key(&key) else {
        return next.run(request).await;
    };
    let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
    let retry_after = wait.as_secs().max(1).to_string();
    let form = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let error = AppError::TooManyRequests;
    let mut response = if form {
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], error.to_string())
            .into_response()
    } else {
        let body = serde_json::to_string(&error).unwrap_or_default();
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&retry_after) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
