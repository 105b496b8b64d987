//! Facts about this database itself (for example: was it made by `demo-data`).

use super::{Tx, on_conn};

pub(crate) async fn get(tx: &mut Tx, key: &str) -> Result<Option<String>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT value FROM instance_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(c)
        .await)
}

pub(crate) async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO instance_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    .bind(key)
    .bind(value)
    .execute(c)
    .await
    .map(|_| ()))
}

pub(crate) async fn count_accounts(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM accounts").fetch_one(c).await)
}
