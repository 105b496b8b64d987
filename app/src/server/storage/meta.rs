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

/// The accounts `/demo` offers: (account id, role, name, description), participants first.
pub(crate) async fn demo_accounts(tx: &mut Tx) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT a.id, a.role, COALESCE(s.name, p.name, r.name, '') AS name, d.description
         FROM demo_accounts d
         JOIN accounts a ON a.id = d.account_id
         LEFT JOIN staff s ON s.id = a.staff_id
         LEFT JOIN participants p ON p.id = a.participant_id
         LEFT JOIN relatives r ON r.id = a.relative_id
         ORDER BY CASE a.role WHEN 'participant' THEN 0 WHEN 'relative' THEN 1 WHEN 'staff' THEN 2 ELSE 3 END, a.id"
    )
    .fetch_all(c)
    .await)
}

/// The account, if `/demo` offers it.
pub(crate) async fn demo_account(tx: &mut Tx, account_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT account_id FROM demo_accounts WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(c)
        .await)
}
