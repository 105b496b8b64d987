//! Server functions, grouped by resource. Each one is thin: parse input into
//! domain types, call one access-layer use-case, map errors to Swedish text.

pub mod auth;
pub mod participant;
pub mod staff;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::errors::AppError;
    use crate::models::FormFeedback;
    use crate::policy::Actor;
    use crate::server::{AccessError, AppState, RequestCtx, auth::AuthSession};
    use leptos::prelude::*;

    /// Everything a server function needs about the request it runs in.
    pub(crate) struct Req {
        pub state: AppState,
        pub ctx: RequestCtx,
        pub auth: AuthSession,
        pub session: tower_sessions::Session,
        /// The client's address, for rate limits only (never logged).
        pub address: String,
    }

    const FEEDBACK_KEY: &str = "form_feedback";

    pub(crate) async fn req() -> Result<Req, AppError> {
        let state = use_context::<AppState>().ok_or(AppError::Internal { request_id: String::new() })?;
        let parts = use_context::<axum::http::request::Parts>();
        let request_id = parts
            .as_ref()
            .and_then(|p| p.headers.get("x-request-id"))
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned();
        let address = parts
            .as_ref()
            .and_then(|p| p.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>())
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        let internal = || AppError::Internal { request_id: request_id.clone() };
        let auth: AuthSession = leptos_axum::extract().await.map_err(|_| internal())?;
        let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| internal())?;
        let actor = auth.user.as_ref().map(|u| u.actor).unwrap_or(Actor::Anonymous);
        Ok(Req { state, ctx: RequestCtx { actor, request_id: request_id.clone() }, auth, session, address })
    }

    impl Req {
        /// Maps an access-layer error to what the person sees, logging internals
        /// by kind only (database messages can quote personal data).
        pub(crate) fn fail(&self, e: AccessError) -> AppError {
            let error = match e {
                AccessError::Denied if self.ctx.actor == Actor::Anonymous => AppError::NotSignedIn,
                AccessError::Denied => AppError::Denied,
                AccessError::NotFound => AppError::NotFound,
                AccessError::Invalid { field, message } => AppError::invalid(field, message),
                AccessError::RateLimited => AppError::RateLimited,
                AccessError::Database(db) => {
                    tracing::error!(request_id = %self.ctx.request_id, kind = db_error_kind(&db), "database error");
                    AppError::Internal { request_id: self.ctx.request_id.clone() }
                }
            };
            set_status(error.status());
            error
        }

        pub(crate) fn require_signed_in(&self) -> Result<(), AppError> {
            if self.ctx.actor == Actor::Anonymous {
                set_status(401);
                return Err(AppError::NotSignedIn);
            }
            Ok(())
        }

        /// After a plain form POST: keep what was entered and why it failed,
        /// and send the browser back to the form.
        pub(crate) async fn back_to_form(&self, path: &str, feedback: FormFeedback) -> Result<(), AppError> {
            self.session
                .insert(FEEDBACK_KEY, feedback)
                .await
                .map_err(|_| AppError::Internal { request_id: self.ctx.request_id.clone() })?;
            leptos_axum::redirect(path);
            Ok(())
        }

        pub(crate) async fn take_feedback(&self, form: &str) -> Option<FormFeedback> {
            let feedback: FormFeedback = self.session.get(FEEDBACK_KEY).await.ok().flatten()?;
            if feedback.form != form {
                return None;
            }
            let _ = self.session.remove::<FormFeedback>(FEEDBACK_KEY).await;
            Some(feedback)
        }
    }

    fn db_error_kind(e: &sqlx::Error) -> String {
        match e {
            sqlx::Error::Database(d) => format!("database code {}", d.code().unwrap_or_default()),
            sqlx::Error::PoolTimedOut => "pool timed out".to_owned(),
            sqlx::Error::RowNotFound => "row not found".to_owned(),
            sqlx::Error::ColumnDecode { index, .. } => format!("decode column {index}"),
            _ => "other".to_owned(),
        }
    }

    pub(crate) fn set_status(status: u16) {
        if let (Some(options), Ok(code)) =
            (use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(status))
        {
            options.set_status(code);
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) use ssr::*;

use crate::errors::AppError;
use crate::models::FormFeedback;
use leptos::prelude::*;

/// The feedback a failed plain-POST form left for this form, once.
#[server(endpoint = "form_feedback")]
pub async fn take_form_feedback(form: String) -> Result<Option<FormFeedback>, AppError> {
    let req = req().await?;
    Ok(req.take_feedback(&form).await)
}
