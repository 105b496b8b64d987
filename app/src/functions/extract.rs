//! The register extract: the printable page's server function, and the JSON
//! file as a plain download (`GET …/registerutdrag.json`, like the calendar
//! file). Both read through the same use-case, audited as `export`.

use crate::errors::AppError;
use crate::models::ExtractDocument;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::req;

/// `/personal/deltagare/:id/registerutdrag`.
#[server(endpoint = "register_extract")]
pub async fn load_register_extract(#[server(default)] participant_id: i64) -> Result<ExtractDocument, AppError> {
    let req = req().await?;
    req.state.access.register_extract_document(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

#[cfg(feature = "ssr")]
pub use download::json_handler;

#[cfg(feature = "ssr")]
mod download {
    use crate::policy::Actor;
    use crate::server::{AccessError, AppState, context::Asking};
    use crate::texts::{extract as text, sv};
    use axum::extract::{Path, State};
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// `GET /personal/deltagare/{id}/registerutdrag.json`: the extract as a
    /// file, for staff of the participant's unit.
    pub async fn json_handler(State(state): State<AppState>, asking: Asking, Path(id): Path<String>) -> Response {
        let ctx = asking.ctx;
        if ctx.actor == Actor::Anonymous {
            return (StatusCode::UNAUTHORIZED, text::DOWNLOAD_SIGN_IN).into_response();
        }
        let Ok(participant_id) = id.parse::<i64>() else {
            return (StatusCode::NOT_FOUND, sv::NOT_FOUND_TEXT).into_response();
        };
        let extract = match state.access.register_extract(&ctx, participant_id).await {
            Ok(extract) => extract,
            Err(AccessError::Denied) => return (StatusCode::FORBIDDEN, text::DOWNLOAD_DENIED).into_response(),
            Err(e) => {
                // The error's text names a kind, never a stored value.
                tracing::error!(request_id = %ctx.request_id, error = %e, "register extract failed");
                return (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response();
            }
        };
        match serde_json::to_string_pretty(&extract) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8".to_owned()),
                    // The id, not the name: file names end up in download lists and logs.
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"registerutdrag-{participant_id}.json\""),
                    ),
                ],
                body,
            )
                .into_response(),
            Err(_) => {
                tracing::error!(request_id = %ctx.request_id, "register extract could not be written as JSON");
                (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response()
            }
        }
    }
}
