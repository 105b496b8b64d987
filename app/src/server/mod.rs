//! Everything that runs only on the server: the access layer, storage, sign-in.

pub mod access;
pub mod address;
pub mod auth;
pub mod calendar;
pub mod context;
pub mod keys;
pub mod state;
mod storage;

pub use access::{Access, AccessError, RequestCtx};
pub use keys::Keys;
pub use state::AppState;
pub use storage::error_kind;
pub use storage::reserve::DiskReserve;
pub use storage::{Outage, outage};
pub use storage::{SqliteDb, Store};

/// Today's date in Sweden (dates in plans and consents are Swedish dates).
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}
