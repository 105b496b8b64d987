//! The one error type of every server function, with Swedish text for people.
//! Internals never reach the browser: a database error becomes "Något gick fel"
//! and a request id that staff can quote.

use crate::texts::sv;
use serde::{Deserialize, Serialize};
use server_fn_error::*;

mod server_fn_error {
    pub use leptos::server_fn::codec::JsonEncoding;
    pub use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
}

/// The words are in the text catalogue (`texts/sv.rs`): participants read them too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{}", sv::ERROR_NOT_SIGNED_IN)]
    NotSignedIn,
    #[error("{}", sv::ERROR_DENIED)]
    Denied,
    #[error("{}", sv::ERROR_NOT_FOUND)]
    NotFound,
    /// Bad input: which field, and what to do about it.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{}", sv::ERROR_RATE_LIMITED)]
    RateLimited,
    #[error("{}", sv::ERROR_TRY_AGAIN_SOON)]
    TryAgainSoon,
    #[error("{}", sv::ERROR_BUSY)]
    Busy,
    /// More calls from one address than the server takes (the general limit).
    #[error("{}", sv::ERROR_TOO_MANY_REQUESTS)]
    TooManyRequests,
    /// The database does not answer; the server itself is fine and recovers by itself.
    #[error("{}", sv::ERROR_UNAVAILABLE)]
    Unavailable,
    /// No room left to write (a full disk): nothing of the change was kept.
    #[error("{}", sv::ERROR_FULL)]
    StorageFull,
    #[error("{} {request_id}", sv::ERROR_INTERNAL)]
    Internal { request_id: String },
    #[error("{}", sv::ERROR_BAD_REQUEST)]
    BadRequest,
}

impl AppError {
    pub fn invalid(field: &str, message: &str) -> Self {
        AppError::Invalid { field: field.to_owned(), message: message.to_owned() }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Denied => 403,
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::RateLimited | AppError::TryAgainSoon | AppError::Busy | AppError::TooManyRequests => 429,
            AppError::Internal { .. } => 500,
            AppError::Unavailable | AppError::StorageFull => 503,
            AppError::BadRequest => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Malformed or missing arguments end here, before our code runs.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            _ => AppError::Internal { request_id: String::new() },
        };
        #[cfg(feature = "ssr")]
        crate::functions::set_status(error.status());
        error
    }
}
