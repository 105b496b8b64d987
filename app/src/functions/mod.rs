//! Server functions, grouped by resource. Each one is thin: parse input into
//! domain types, call one access-layer use-case, map errors to Swedish text.

pub mod admin;
pub mod auth;
pub mod extract;
pub mod factors;
pub mod follow_up;
pub mod forms;
pub mod intake;
pub mod log;
pub mod participant;
pub mod passkeys;
pub mod programme;
pub mod record;
pub mod reminders;
pub mod retention;
pub mod staff;
pub mod sus;

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
    const NOTICE_KEY: &str = "notice";
    pub(crate) use crate::server::context::SIGNED_IN_AT_KEY;

    /// The request's context, from the one extractor every entry point uses.
    pub(crate) async fn req() -> Result<Req, AppError> {
        let state = use_context::<AppState>().ok_or(AppError::Internal { request_id: String::new() })?;
        let asking: crate::server::context::Asking = leptos_axum::extract_with_state(&state).await.map_err(|_| {
            let request_id = use_context::<axum::http::request::Parts>()
                .map(|p| crate::server::context::request_id(&p))
                .unwrap_or_default();
            AppError::Internal { request_id }
        })?;
        let crate::server::context::Asking { ctx, auth, session, address } = asking;
        Ok(Req { state, ctx, auth, session, address })
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
                AccessError::TryAgainSoon => AppError::TryAgainSoon,
                AccessError::Busy => AppError::Busy,
                AccessError::Database(db) => {
                    tracing::error!(request_id = %self.ctx.request_id, kind = crate::server::error_kind(&db), "database error");
                    match crate::server::outage(&db) {
                        Some(crate::server::Outage::Unreachable) => AppError::Unavailable,
                        Some(crate::server::Outage::Full) => {
                            self.state.access.disk_is_full();
                            AppError::StorageFull
                        }
                        None => AppError::Internal { request_id: self.ctx.request_id.clone() },
                    }
                }
                AccessError::AuditNotWritten(kind) => {
                    tracing::error!(request_id = %self.ctx.request_id, kind, "a read's audit rows not written");
                    AppError::Internal { request_id: self.ctx.request_id.clone() }
                }
                AccessError::StorageFull => AppError::StorageFull,
                AccessError::Corrupt(what) => {
                    tracing::error!(request_id = %self.ctx.request_id, what, "stored data cannot be read");
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

        /// Whether a plain HTML form sent this request (a browser navigation
        /// accepts HTML; the tests' and scripts' calls ask for JSON).
        pub(crate) fn is_form_post(&self) -> bool {
            use_context::<axum::http::request::Parts>()
                .and_then(|p| {
                    p.headers.get(axum::http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_owned)
                })
                .is_some_and(|accept| accept.contains("text/html"))
        }

        /// After a change: a form goes back to `page`, which shows `notice` once.
        pub(crate) async fn done(&self, page: &str, notice: &str) -> Result<(), AppError> {
            if self.is_form_post() {
                self.flash(NOTICE_KEY, &(page.to_owned(), notice.to_owned())).await?;
                leptos_axum::redirect(page);
            }
            Ok(())
        }

        /// Bad input: a form goes back to `page` with what was typed and the
        /// messages; a script gets the first message with status 422.
        pub(crate) async fn reject(&self, feedback: FormFeedback, page: &str) -> Result<(), AppError> {
            if self.is_form_post() {
                return self.back_to_form(page, feedback).await;
            }
            set_status(422);
            let (field, message) = feedback.errors.first().cloned().unwrap_or_default();
            Err(AppError::Invalid { field, message })
        }

        /// The use-case refused what a form says (`Invalid`): back to the form
        /// like any bad input, with the message next to its field.
        pub(crate) async fn refused(
            &self,
            e: AccessError,
            mut feedback: FormFeedback,
            page: &str,
        ) -> Result<(), AppError> {
            match e {
                AccessError::Invalid { field, message } => {
                    feedback.errors.push((field.into(), message.into()));
                    self.reject(feedback, page).await
                }
                e => Err(self.fail(e)),
            }
        }

        pub(crate) async fn take_notice(&self, page: &str) -> Option<String> {
            let (for_page, notice): (String, String) = self.session.get(NOTICE_KEY).await.ok().flatten()?;
            if for_page != page {
                return None;
            }
            let _ = self.session.remove::<(String, String)>(NOTICE_KEY).await;
            Some(notice)
        }

        pub(crate) async fn take_feedback(&self, form: &str) -> Option<FormFeedback> {
            let feedback: FormFeedback = self.session.get(FEEDBACK_KEY).await.ok().flatten()?;
            if feedback.form != form {
                return None;
            }
            let _ = self.session.remove::<FormFeedback>(FEEDBACK_KEY).await;
            Some(feedback)
        }

        /// Keeps a value in the session for the next page view only.
        pub(crate) async fn flash<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), AppError> {
            self.session
                .insert(key, value)
                .await
                .map_err(|_| AppError::Internal { request_id: self.ctx.request_id.clone() })
        }

        pub(crate) async fn take_flash<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
            self.session.remove::<T>(key).await.ok().flatten()
        }

        /// This site's address, for links that leave the page (QR codes) and passkeys.
        pub(crate) fn origin(&self) -> String {
            let headers = use_context::<axum::http::request::Parts>().map(|p| p.headers).unwrap_or_default();
            self.state.origin(&headers)
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
    if form == auth::CODE_SIGN_IN_FORM {
        return Ok(auth::code_feedback::take(&req));
    }
    Ok(req.take_feedback(&form).await)
}

/// What the last change on this page did ("Närvaron är sparad."), once.
#[server(endpoint = "notice")]
pub async fn take_notice(page: String) -> Result<Option<String>, AppError> {
    let req = req().await?;
    Ok(req.take_notice(&page).await)
}
