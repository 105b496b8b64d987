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

/// A passkey that was not removed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct PasskeyRow {
    pub id: i64,
    /// webauthn-rs's own record (JSON): public key, counter.
    pub credential: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The account's passkeys that were not removed, oldest first.
pub(crate) async fn passkeys_of(tx: &mut Tx, account_id: i64) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT id, credential, label, created_at, last_used_at FROM passkeys
         WHERE account_id = $1 AND removed_at IS NULL ORDER BY id"
    )
    .bind(account_id)
    .fetch_all(c)
    .await)
}

/// The handle (WebAuthn user.id, a UUID as text) of the account, if it has one.
pub(crate) async fn webauthn_handle(tx: &mut Tx, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    match tx {
        Tx::Sqlite(t) => {
            sqlx::query_scalar("SELECT webauthn_handle FROM accounts WHERE id = $1")
                .bind(account_id)
                .fetch_one(&mut **t)
                .await
        }
        Tx::Postgres(t) => {
            sqlx::query_scalar("SELECT webauthn_handle::text FROM accounts WHERE id = $1")
                .bind(account_id)
                .fetch_one(&mut **t)
                .await
        }
    }
}

pub(crate) async fn set_webauthn_handle(tx: &mut Tx, account_id: i64, handle: &str) -> Result<(), sqlx::Error> {
    match tx {
        Tx::Sqlite(t) => sqlx::query("UPDATE accounts SET webauthn_handle = $1 WHERE id = $2")
            .bind(handle)
            .bind(account_id)
            .execute(&mut **t)
            .await
            .map(|_| ()),
        Tx::Postgres(t) => sqlx::query("UPDATE accounts SET webauthn_handle = $1::uuid WHERE id = $2")
            .bind(handle)
            .bind(account_id)
            .execute(&mut **t)
            .await
            .map(|_| ()),
    }
}

/// The account a passkey's handle names.
pub(crate) async fn account_by_handle(tx: &mut Tx, handle: &str) -> Result<Option<i64>, sqlx::Error> {
    match tx {
        Tx::Sqlite(t) => {
            sqlx::query_scalar("SELECT id FROM accounts WHERE webauthn_handle = $1")
                .bind(handle)
                .fetch_optional(&mut **t)
                .await
        }
        Tx::Postgres(t) => {
            sqlx::query_scalar("SELECT id FROM accounts WHERE webauthn_handle::text = $1")
                .bind(handle)
                .fetch_optional(&mut **t)
                .await
        }
    }
}

/// Whether a credential id is stored already (removed ones too: an id is never reused).
pub(crate) async fn credential_taken(tx: &mut Tx, credential_id: &str) -> Result<bool, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar::<_, i64>("SELECT count(*) FROM passkeys WHERE credential_id = $1")
        .bind(credential_id)
        .fetch_one(c)
        .await
        .map(|n| n > 0))
}

pub(crate) async fn insert_passkey(
    tx: &mut Tx,
    account_id: i64,
    credential_id: &str,
    credential: &str,
    label: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(account_id)
    .bind(credential_id)
    .bind(credential)
    .bind(label)
    .bind(now)
    .fetch_one(c)
    .await)
}

/// After a sign-in: the new counter (in `credential`) and when it was used.
pub(crate) async fn passkey_used(
    tx: &mut Tx,
    id: i64,
    credential: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE passkeys SET credential = $1, last_used_at = $2 WHERE id = $3")
        .bind(credential)
        .bind(now)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Marks one of the account's passkeys removed; false when there is no such passkey.
pub(crate) async fn remove_passkey(
    tx: &mut Tx,
    id: i64,
    account_id: i64,
    removed_by: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE passkeys SET removed_at = $1, removed_by = $2
         WHERE id = $3 AND account_id = $4 AND removed_at IS NULL"
    )
    .bind(now)
    .bind(removed_by)
    .bind(id)
    .bind(account_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// Whose passkeys the participant's access page shows: the participant's own
/// account and the accounts of the relatives linked to them now.
const PEOPLE_OF_PARTICIPANT: &str = "(a.participant_id = $1 OR a.relative_id IN
    (SELECT relative_id FROM participant_relatives WHERE participant_id = $1 AND ended_on IS NULL))";

/// A passkey of the participant or of one of their relatives (`relative_id`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct PersonPasskeyRow {
    pub id: i64,
    pub account_id: i64,
    pub relative_id: Option<i64>,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The passkeys of a participant and their linked relatives, not removed.
pub(crate) async fn passkeys_of_participant(
    tx: &mut Tx,
    participant: crate::server::access::Permitted,
) -> Result<Vec<PersonPasskeyRow>, sqlx::Error> {
    let sql = format!(
        "SELECT k.id, k.account_id, a.relative_id, k.label, k.created_at, k.last_used_at
         FROM passkeys k JOIN accounts a ON a.id = k.account_id
         WHERE k.removed_at IS NULL AND {PEOPLE_OF_PARTICIPANT} ORDER BY a.relative_id IS NOT NULL, k.id"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_all(c).await)
}
