//! Accounts, sign-in codes and sign-in attempts.

use super::{Tx, on_conn};
use chrono::{DateTime, Utc};

/// An account with what the policy needs to know about it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct AccountRow {
    pub id: i64,
    pub role: String,
    pub staff_id: Option<i64>,
    pub participant_id: Option<i64>,
    pub relative_id: Option<i64>,
    pub password_hash: Option<String>,
    pub session_secret: String,
    pub disabled: bool,
    /// The staff member's unit, or the participant's.
    pub unit_id: Option<i64>,
    pub staff_role: Option<crate::domain::StaffRole>,
    pub display_name: String,
}

const ACCOUNT_SELECT: &str = "
    SELECT a.id, a.role, a.staff_id, a.participant_id, a.relative_id, a.password_hash,
           a.session_secret, (a.disabled_at IS NOT NULL) AS disabled,
           COALESCE(s.unit_id, p.unit_id) AS unit_id, s.role AS staff_role,
           COALESCE(s.name, p.preferred_name, r.name, '') AS display_name
    FROM accounts a
    LEFT JOIN staff s ON s.id = a.staff_id
    LEFT JOIN participants p ON p.id = a.participant_id
    LEFT JOIN relatives r ON r.id = a.relative_id";

pub(crate) async fn by_id(tx: &mut Tx, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

pub(crate) async fn by_email(tx: &mut Tx, email: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.email = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(email).fetch_optional(c).await)
}

/// The account's e-mail address (staff and admin have one).
pub(crate) async fn email_of(tx: &mut Tx, id: i64) -> Result<Option<String>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(c)
        .await
        .map(Option::flatten))
}

pub(crate) async fn by_participant(tx: &mut Tx, participant_id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.participant_id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant_id).fetch_optional(c).await)
}

pub(crate) async fn by_relative(tx: &mut Tx, relative_id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    let sql = format!("{ACCOUNT_SELECT} WHERE a.relative_id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(relative_id).fetch_optional(c).await)
}

pub(crate) struct NewAccount<'a> {
    pub role: &'a str,
    pub staff_id: Option<i64>,
    pub participant_id: Option<i64>,
    pub relative_id: Option<i64>,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub session_secret: &'a str,
}

pub(crate) async fn insert(tx: &mut Tx, a: &NewAccount<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO accounts (role, staff_id, participant_id, relative_id, email, password_hash,
             session_secret, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(a.role)
    .bind(a.staff_id)
    .bind(a.participant_id)
    .bind(a.relative_id)
    .bind(a.email)
    .bind(a.password_hash)
    .bind(a.session_secret)
    .bind(super::now())
    .fetch_one(c)
    .await)
}

/// The staff row behind an admin account (admins belong to no unit).
pub(crate) async fn insert_admin_staff(tx: &mut Tx, name: &str, email: &str) -> Result<i64, sqlx::Error> {
    let staff = NewStaff { unit_id: None, name, role: "admin", phone: None, email, now: super::now() };
    insert_staff(tx, &staff).await
}

pub(super) struct NewStaff<'a> {
    pub unit_id: Option<i64>,
    pub name: &'a str,
    pub role: &'a str,
    pub phone: Option<&'a str>,
    pub email: &'a str,
    pub now: DateTime<Utc>,
}

/// The staff write path of `create-admin` and the demo data.
pub(super) async fn insert_staff(tx: &mut Tx, s: &NewStaff<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO staff (unit_id, name, role, phone, email, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(s.unit_id)
    .bind(s.name)
    .bind(s.role)
    .bind(s.phone)
    .bind(s.email)
    .bind(s.now)
    .fetch_one(c)
    .await)
}

pub(crate) async fn set_session_secret(tx: &mut Tx, account_id: i64, secret: &str) -> Result<u64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE accounts SET session_secret = $1 WHERE id = $2")
        .bind(secret)
        .bind(account_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

pub(crate) async fn insert_code(
    tx: &mut Tx,
    account_id: i64,
    code_hash: &str,
    expires_at: DateTime<Utc>,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO sign_in_codes (account_id, code_hash, expires_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(account_id)
    .bind(code_hash)
    .bind(expires_at)
    .bind(created_by)
    .bind(super::now())
    .fetch_one(c)
    .await)
}

/// Ends every unused code of an account.
pub(crate) async fn retire_codes(tx: &mut Tx, account_id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE sign_in_codes SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(account_id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// A code that was used: its id, its account, and the staff account that made it.
pub(crate) struct RedeemedCode {
    pub id: i64,
    pub account_id: i64,
    pub created_by: i64,
}

/// Marks a valid code used and returns it. One statement, so two requests
/// racing with the same code cannot both win.
pub(crate) async fn redeem_code(
    tx: &mut Tx,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<RedeemedCode>, sqlx::Error> {
    let row: Option<(i64, i64, i64)> = on_conn!(tx, |c| sqlx::query_as(
        "UPDATE sign_in_codes SET used_at = $1
         WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING id, account_id, created_by"
    )
    .bind(now)
    .bind(code_hash)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|(id, account_id, created_by)| RedeemedCode { id, account_id, created_by }))
}

pub(crate) async fn record_attempt(
    tx: &mut Tx,
    key_kind: &str,
    key_hash: &str,
    at: DateTime<Utc>,
    succeeded: bool,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO sign_in_attempts (key_kind, key_hash, at, succeeded) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(key_kind)
    .bind(key_hash)
    .bind(at)
    .bind(succeeded)
    .fetch_one(c)
    .await)
}

/// A failure's time is when it was known: after the hash was checked, so a
/// slow-down runs from the answer the asker saw, not from the question.
pub(crate) async fn mark_attempt_failed_at(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE sign_in_attempts SET at = $1 WHERE id = $2 AND NOT succeeded")
        .bind(at)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

pub(crate) async fn mark_attempt_succeeded(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE sign_in_attempts SET succeeded = $1 WHERE id = $2")
        .bind(true)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Serialises attempts on one key until the transaction ends, so a burst of
/// parallel attempts cannot all read the count before any is written.
/// SQLite needs nothing: `BEGIN IMMEDIATE` already lets one writer in at a time.
pub(crate) async fn lock_attempt_key(tx: &mut Tx, key_hash: &str) -> Result<(), sqlx::Error> {
    match tx {
        Tx::Sqlite(_) => Ok(()),
        Tx::Postgres(t) => sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key_hash)
            .execute(&mut **t)
            .await
            .map(|_| ()),
    }
}

/// Attempts older than the window count for nothing: they are deleted (by a
/// background task, through the index on `at`). Returns how many went.
pub(crate) async fn prune_attempts(tx: &mut Tx, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// When the newest failed attempt on a key since `since` was made.
pub(crate) async fn last_failure_since(
    tx: &mut Tx,
    key_kind: &str,
    key_hash: &str,
    since: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts
         WHERE key_kind = $1 AND key_hash = $2 AND at > $3 AND NOT succeeded
         ORDER BY at DESC LIMIT 1"
    )
    .bind(key_kind)
    .bind(key_hash)
    .bind(since)
    .fetch_optional(c)
    .await)
}

/// Counts one refusal of `kind` in the window that starts at `window_start`:
/// the window's row is made once and then incremented.
pub(crate) async fn count_refusal(tx: &mut Tx, window_start: DateTime<Utc>, kind: &str) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO refusal_counts (window_start, kind, refusals) VALUES ($1, $2, 1)
         ON CONFLICT (window_start, kind) DO UPDATE SET refusals = refusal_counts.refusals + 1"
    )
    .bind(window_start)
    .bind(kind)
    .execute(c)
    .await
    .map(|_| ()))
}

pub(crate) async fn failures_since(
    tx: &mut Tx,
    key_kind: &str,
    key_hash: &str,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM sign_in_attempts
         WHERE key_kind = $1 AND key_hash = $2 AND at > $3 AND NOT succeeded"
    )
    .bind(key_kind)
    .bind(key_hash)
    .bind(since)
    .fetch_one(c)
    .await)
}
