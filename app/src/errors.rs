//! The one error type of every server function, with Swedish text for people.
//! Internals never reach the browser: a database error becomes "Något gick fel"
//! and a request id that staff can quote.

use serde::{Deserialize, Serialize};
use server_fn_error::*;

mod server_fn_error {
    pub use leptos::server_fn::codec::JsonEncoding;
    pub use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Du behöver logga in.")]
    NotSignedIn,
    #[error("Du har inte behörighet till det här.")]
    Denied,
    #[error("Det du letar efter finns inte.")]
    NotFound,
    /// Bad input: which field, and what to do about it.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("Du har försökt för många gånger. Vänta en kvart och försök igen.")]
    RateLimited,
    #[error("Något gick fel hos oss. Försök igen om en stund. Felkod: {request_id}")]
    Internal { request_id: String },
    #[error("Det som skickades gick inte att läsa. Fyll i formuläret igen.")]
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
            AppError::RateLimited => 429,
            AppError::Internal { .. } => 500,
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
