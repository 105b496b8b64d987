//! Earlier versions of corrected records: a correction never overwrites silently.

use super::{Tx, on_conn};
use chrono::{DateTime, Utc};

/// Keeps the value a record had before a change (`old_value` is JSON).
pub(crate) async fn insert(
    tx: &mut Tx,
    record_kind: &str,
    record_id: i64,
    old_value: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO revisions (record_kind, record_id, old_value, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(record_kind)
    .bind(record_id)
    .bind(old_value)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}
