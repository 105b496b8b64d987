//! Second factors: staff accounts' TOTP authenticators, and passkeys of any account.

use super::{Tx, on_conn};
use chrono::{DateTime, Utc};

/// An account's confirmed TOTP authenticator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct TotpRow {
    /// Base32, as the authenticator app was given it.
    pub secret: String,
}

/// The account's TOTP authenticator, if one was confirmed.
pub(crate) async fn confirmed_totp(tx: &mut Tx, account_id: i64) -> Result<Option<TotpRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT secret FROM totp_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL"
    )
    .bind(account_id)
    .fetch_optional(c)
    .await)
}

/// Saves a confirmed authenticator (replacing any earlier one), with the step
/// of the code that confirmed it already used.
pub(crate) async fn save_totp(
    tx: &mut Tx,
    account_id: i64,
    secret: &str,
    step: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO totp_factors (account_id, secret, confirmed_at, last_step, created_at)
         VALUES ($1, $2, $3, $4, $3)
         ON CONFLICT (account_id) DO UPDATE
         SET secret = excluded.secret, confirmed_at = excluded.confirmed_at,
             last_step = excluded.last_step, created_at = excluded.created_at"
    )
    .bind(account_id)
    .bind(secret)
    .bind(now)
    .bind(step)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Takes a time step as used, only if it is later than the last one: one
/// statement, so two requests with the same code cannot both win.
pub(crate) async fn use_step(tx: &mut Tx, account_id: i64, step: i64) -> Result<bool, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE totp_factors SET last_step = $1
         WHERE account_id = $2 AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < $1)"
    )
    .bind(step)
    .bind(account_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// How many passkeys the account has that were not removed.
pub(crate) async fn count_passkeys(tx: &mut Tx, account_id: i64) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM passkeys WHERE account_id = $1 AND removed_at IS NULL")
        .bind(account_id)
        .fetch_one(c)
        .await)
}
