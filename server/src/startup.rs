//! Builds the application once, for `main` and for the tests alike.

use crate::config::Settings;
use crate::limits::{ApiLimit, limit_api};
use crate::security::{self, Https};
use crate::sessions::AnySessionStore;
use anyhow::Context;
use app::app::{App, shell};
use app::server::{Access, AppState, DiskReserve, Store, auth::Backend};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::routing::get;
use axum::{Router, middleware};
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Forms are small; anything bigger is refused before it is read.
const BODY_LIMIT_BYTES: usize = 64 * 1024;
/// Except the CSV import, which takes a whole file of participants: 500 lines
/// written with the template's Swedish labels are about 75 KB.
const IMPORT_BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;
const IMPORT_PATH: &str = "/api/import_participants";
/// The longest any request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// In-flight requests get this long to finish after a stop signal.
pub const DRAIN_SECONDS: u64 = 20;

pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    store: Store,
}

impl Application {
    /// Connects, migrates (SQLite) or checks the migrations and the login
    /// (PostgreSQL, see `db::prepare_to_serve`), checks demo mode and binds the port.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        settings.check_serving()?;
        // Refused before the database is touched.
        let keys = settings.keys()?;
        let store = crate::db::connect(&settings.database_url).await?;
        crate::db::prepare_to_serve(&store).await?;
        let access = Access::new(store.clone(), keys);
        if settings.demo && !access.is_demo_database().await.map_err(|e| anyhow::anyhow!("{e}"))? {
            anyhow::bail!(
                "--demo refused: this database was not made by `mina-steg demo-data`, \
                 and demo mode would let anyone sign in as its people"
            );
        }
        let router = router(settings, store.clone()).await?;
        let listener = tokio::net::TcpListener::bind((settings.host, settings.port))
            .await
            .with_context(|| format!("could not listen on {}:{}", settings.host, settings.port))?;
        Ok(Application { listener, router, store })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until `shutdown` resolves, lets in-flight requests finish (up to
    /// [`DRAIN_SECONDS`]), then closes the pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            let _ = stopping_tx.send(());
        };
        let server = axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(signal);
        let drained = async {
            let _ = stopping_rx.await;
            tokio::time::sleep(Duration::from_secs(DRAIN_SECONDS)).await;
        };
        tokio::select! {
            result = server => result.context("server error")?,
            _ = drained => tracing::warn!("drain deadline passed; stopping with requests in flight"),
        }
        self.store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The ways reminders leave: Web Push with the configured VAPID key (in demo
/// mode without one, the key stored in the database, made by the first
/// instance), and the SMS gateway if one is configured.
async fn reminder_senders(settings: &Settings, access: &Access) -> anyhow::Result<crate::reminders::Senders> {
    use crate::reminders::{PushSender, Senders, SmsGateway};
    let config = &settings.reminders;
    // A push service or gateway that answers with a redirect is refused, not followed.
    let http = reqwest::Client::builder()
        .timeout(crate::reminders::SEND_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("an HTTP client for reminders")?;
    if let Some(sms) = &config.sms {
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|p| sms.url.starts_with(p));
        anyhow::ensure!(
            sms.url.starts_with("https://") || loopback,
            "--sms-url must be https: the gateway's password and the messages travel in it"
        );
    }
    let key = match (&config.vapid_private_key, settings.demo) {
        (Some(key), _) => Some(key.clone()),
        (None, true) => {
            let candidate = PushSender::generate_private_key()?;
            Some(access.stored_vapid_key(&candidate).await.map_err(|e| anyhow::anyhow!("{e}"))?)
        }
        (None, false) => None,
    };
    let push = match key {
        Some(key) => Some(PushSender::new(&key, &config.vapid_subject, http.clone())?),
        None => None,
    };
    let sms = config.sms.as_ref().map(|s| SmsGateway::new(&s.url, &s.user, &s.password, &s.sender, http.clone()));
    Ok(Senders { push, sms })
}

/// The whole HTTP surface: pages, server functions, static files and health checks.
pub async fn router(settings: &Settings, store: Store) -> anyhow::Result<Router> {
    let site_root = settings.site_root.to_string_lossy().into_owned();
    // `make site` names the built files by content hash and writes the name here.
    let output_name = std::fs::read_to_string(settings.site_root.join("pkg/output-name.txt"))
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| "mina-steg".to_owned());
    let leptos_options =
        LeptosOptions::builder().output_name(output_name).site_root(site_root.clone()).site_pkg_dir("pkg").build();
    let access = Access::new(store.clone(), settings.keys()?);
    let access = match crate::db::sqlite_file(&settings.database_url) {
        Some(file) => {
            tokio::spawn(crate::db::checkpoint_continuously(settings.database_url.clone()));
            let reserve = std::sync::Arc::new(DiskReserve::beside(&file, settings.disk_reserve_bytes));
            tokio::spawn(restore_disk_reserve(reserve.clone()));
            access.with_disk_reserve(reserve)
        }
        None => access,
    };
    let senders = reminder_senders(settings, &access).await?;
    let push_key = senders.push.as_ref().map(|p| std::sync::Arc::from(p.public_key()));
    if settings.reminders.worker {
        let worker = crate::reminders::WorkerSettings::new(
            settings.reminders.poll,
            settings.reminders.lease,
            settings.reminders.quiet_hours,
        );
        tokio::spawn(crate::reminders::run(access.clone(), senders, worker));
    }
    let state = AppState {
        push_key,
        push_loopback: settings.reminders.loopback_push_service,
        access: access.clone(),
        demo: settings.demo,
        https: settings.https,
        trusted_proxies: settings.trusted_proxies.clone().into(),
        public_url: settings.public_url.as_deref().map(|u| u.trim().trim_end_matches('/').to_owned()),
        leptos_options: leptos_options.clone(),
    };

    let session_store = AnySessionStore::new(&store);
    // Expired sessions are removed hourly by whichever instance runs this.
    tokio::spawn(tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
        session_store.clone(),
        tokio::time::Duration::from_secs(3600),
    ));
    tokio::spawn(prune_sign_in_attempts(state.access.clone()));
    let api_limit = ApiLimit::new(settings.api_limit, state.trusted_proxies.clone());
    let cookie_name = security::session_cookie_name(settings.https);
    let sessions = SessionManagerLayer::new(session_store)
        .with_name(cookie_name)
        .with_secure(settings.https)
        .with_http_only(true)
        // Strict: no other site can make a signed-in browser open a record (an
        // audited read in the staff member's name). What arrives from another site
        // (an invitation link in an e-mail) comes without the cookie and must not
        // need it; the QR link's sign-in posts from our own page.
        .with_same_site(SameSite::Strict)
        .with_path("/")
        // Saved when it changes, not on every request: the request context
        // touches a staff session once a minute, so 30 idle minutes means idle
        // (to the minute); phones have a fixed 90 days; visitors who are not
        // signed in get no stored session until something is kept for them.
        // Until someone signs in; sign-in sets 30 idle minutes or 90 days.
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(30)));
    let auth = AuthManagerLayerBuilder::new(Backend::new(access), sessions).build();

    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            // Leptos made a nonce for this response's inline script: allow exactly it.
            if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
                && let Ok(value) = header::HeaderValue::from_str(&security::page_csp(&nonce))
            {
                response.insert_header(header::CONTENT_SECURITY_POLICY, value);
            }
        }
    };

    let https = Https(settings.https);
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/moten/{id}/kalender.ics", get(app::server::calendar::ics_handler))
        .route("/personal/deltagare/{id}/registerutdrag.json", get(app::functions::extract::json_handler))
        .route("/personal/uppfoljning.csv", get(app::functions::follow_up::csv_handler))
        .route("/personal/uppfoljning-personer.csv", get(app::functions::follow_up::people_csv_handler))
        .route("/personal/sus.csv", get(app::functions::sus::csv_handler))
        .leptos_routes_with_context(&state, routes, context, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            shell,
        ))
        .with_state(state.clone());

    // Innermost first: each `layer` wraps everything above it.
    let app = app
        .layer(CsrfLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), security::audit_cross_site_refusals))
        .layer(middleware::from_fn_with_state(https, security::clear_site_data_without_access))
        .layer(auth)
        .layer(middleware::from_fn_with_state(state.clone(), explain_bare_errors))
        // Before the session is loaded: a flood costs no database work.
        .layer(middleware::from_fn_with_state(api_limit, limit_api))
        .layer(middleware::from_fn(small_bodies_except_the_import))
        .layer(RequestBodyLimitLayer::new(IMPORT_BODY_LIMIT_BYTES))
        // No request may hang: after this long the client gets 503 and the work is dropped.
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT));
    // Built assets need no session: served beside the app, not through it.
    let app = Router::new()
        .nest_service("/pkg", ServeDir::new(format!("{site_root}/pkg")))
        .nest_service("/icons", ServeDir::new(format!("{site_root}/icons")))
        .merge(app)
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(https, security::headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            // The path only: query strings can carry sign-in codes.
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Our own ids only: a client's would end up in the audit log.
        .layer(middleware::map_request(security::drop_request_id));
    Ok(app)
}

/// Inside the outer limit (the import's), every other request is held to the
/// forms' limit: refused before it is read when it says it is bigger, and cut
/// off when a body without a length grows past it.
async fn small_bodies_except_the_import(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if request.uri().path() == IMPORT_PATH {
        return next.run(request).await;
    }
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT_BYTES) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(request.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, BODY_LIMIT_BYTES)))).await
}

/// Deletes sign-in attempts that count for nothing any more, every few
/// minutes, for as long as the server runs (the count queries only read the
/// window, so this keeps the table small; it is not needed for correctness).
async fn prune_sign_in_attempts(access: Access) {
    let mut every = tokio::time::interval(Duration::from_secs(300));
    loop {
        every.tick().await;
        if let Err(e) = access.prune_sign_in_attempts().await {
            tracing::warn!(error = %e, "could not prune old sign-in attempts");
        }
    }
}

/// The session and sign-in layers answer a failure to load or save a session
/// with a bare 500 (no body): people would see a blank page. Such an answer is
/// given words here: when the database does not answer, 503 and "Mina steg kan
/// inte nå sina uppgifter just nu"; otherwise "Något gick fel" with the request
/// id. Server-function calls get the same as the app's JSON error.
async fn explain_bare_errors(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use app::errors::AppError;
    use app::texts::sv;
    use axum::response::IntoResponse;
    let wants_json = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"));
    let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned();
    let response = next.run(request).await;
    if !response.status().is_server_error() || response.headers().contains_key(header::CONTENT_TYPE) {
        return response;
    }
    let database_answers =
        matches!(tokio::time::timeout(Duration::from_secs(1), state.access.store().ping()).await, Ok(Ok(())));
    let error = if database_answers { AppError::Internal { request_id } } else { AppError::Unavailable };
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if wants_json {
        return (status, axum::Json(error)).into_response();
    }
    // The app's stylesheet and pictograms, as on its own error panel.
    let page = format!(
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"/pkg/{css}.css\"><title>{title}</title></head>\
         <body><main id=\"main\"><div role=\"alert\" class=\"panel panel-error\"><h1>\
         <img src=\"/icons/triangle-alert.svg\" alt=\"\" width=\"32\" height=\"32\" class=\"icon\">{title}</h1>\
         <p>{message}</p></div><p><a href=\"/\"><img src=\"/icons/house.svg\" alt=\"\" width=\"24\" height=\"24\" \
         class=\"icon\"><span>{home}</span></a></p></main></body></html>",
        css = state.leptos_options.output_name,
        title = sv::ERROR_TITLE,
        // Our own words and request id; escaped all the same.
        message = error.to_string().replace('&', "&amp;").replace('<', "&lt;"),
        home = sv::GO_HOME,
    );
    (status, axum::response::Html(page)).into_response()
}

/// After a full disk, tries every half minute to write the reserve again;
/// once it can, changes are taken again.
async fn restore_disk_reserve(reserve: std::sync::Arc<DiskReserve>) {
    let mut every = tokio::time::interval(Duration::from_secs(30));
    loop {
        every.tick().await;
        if reserve.is_released() {
            let reserve = reserve.clone();
            let _ = tokio::task::spawn_blocking(move || reserve.try_restore()).await;
        }
    }
}

/// Ready when the database answers within a second: a load balancer asks
/// often and must not wait out the pool's longer patience.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_secs(1), state.access.store().ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(_)) | Err(_) => {
            tracing::error!("database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
