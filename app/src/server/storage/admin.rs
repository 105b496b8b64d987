//! What the administrator keeps: units, staff accounts and invitations.
//!
//! Only the access layer's administrator use-cases call these (after the
//! policy said yes to `Target::Units` or `Target::StaffAccounts`), except
//! [`unit_is_open`] and the invitation's redemption, which any use-case may
//! ask.

use super::{Tx, on_conn};
use crate::domain::StaffRole;
use chrono::{DateTime, Utc};

/// A unit with how many people it has today.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct UnitRow {
    pub id: i64,
    pub name: String,
    pub closed: bool,
    /// Staff accounts of the unit that are not deactivated.
    pub active_staff: i64,
    /// Participants of the unit who are not discharged.
    pub active_participants: i64,
}

const UNIT_SELECT: &str = "
    SELECT u.id, u.name, (u.closed_at IS NOT NULL) AS closed,
           (SELECT count(*) FROM staff s JOIN accounts a ON a.staff_id = s.id
             WHERE s.unit_id = u.id AND a.disabled_at IS NULL) AS active_staff,
           (SELECT count(*) FROM participants p
             WHERE p.unit_id = u.id AND p.discharged_on IS NULL) AS active_participants
    FROM units u";

pub(crate) async fn units(tx: &mut Tx) -> Result<Vec<UnitRow>, sqlx::Error> {
    let sql = format!("{UNIT_SELECT} ORDER BY (u.closed_at IS NOT NULL), u.name");
    on_conn!(tx, |c| sqlx::query_as(&sql).fetch_all(c).await)
}

pub(crate) async fn unit(tx: &mut Tx, unit_id: i64) -> Result<Option<UnitRow>, sqlx::Error> {
    let sql = format!("{UNIT_SELECT} WHERE u.id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit_id).fetch_optional(c).await)
}

/// Whether a unit exists and is not closed: a closed unit takes no new
/// participants and no new staff. Intake asks this before it registers anyone.
pub(crate) async fn unit_is_open(tx: &mut Tx, unit_id: i64) -> Result<bool, sqlx::Error> {
    let open: Option<i64> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT id FROM units WHERE id = $1 AND closed_at IS NULL")
            .bind(unit_id)
            .fetch_optional(c)
            .await)?;
    Ok(open.is_some())
}

/// Whether another unit already has this name (names are unique, case and all).
pub(crate) async fn unit_name_taken(tx: &mut Tx, name: &str, except: Option<i64>) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT id FROM units WHERE lower(name) = lower($1) AND id <> $2")
            .bind(name)
            .bind(except.unwrap_or(0))
            .fetch_optional(c)
            .await)?;
    Ok(found.is_some())
}

pub(crate) async fn insert_unit(tx: &mut Tx, name: &str) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("INSERT INTO units (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(c)
        .await)
}

pub(crate) async fn rename_unit(tx: &mut Tx, unit_id: i64, name: &str) -> Result<u64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE units SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(unit_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Closes an open unit; 0 rows when it was closed already or does not exist.
pub(crate) async fn close_unit(tx: &mut Tx, unit_id: i64, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE units SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
        .bind(at)
        .bind(unit_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// A staff member's account as the administrator sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct StaffAccountRow {
    pub staff_id: i64,
    pub account_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub role: StaffRole,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub disabled: bool,
    pub has_password: bool,
    /// Confirmed TOTP factors plus passkeys in use.
    pub factors: i64,
}

const STAFF_SELECT: &str = "
    SELECT s.id AS staff_id, a.id AS account_id, s.name, a.email, s.role, s.unit_id, u.name AS unit_name,
           (a.disabled_at IS NOT NULL) AS disabled, (a.password_hash IS NOT NULL) AS has_password,
           (SELECT count(*) FROM totp_factors t WHERE t.account_id = a.id AND t.confirmed_at IS NOT NULL)
         + (SELECT count(*) FROM passkeys k WHERE k.account_id = a.id AND k.removed_at IS NULL) AS factors
    FROM staff s
    JOIN accounts a ON a.staff_id = s.id
    LEFT JOIN units u ON u.id = s.unit_id";

pub(crate) async fn staff_accounts(tx: &mut Tx) -> Result<Vec<StaffAccountRow>, sqlx::Error> {
    let sql = format!("{STAFF_SELECT} ORDER BY (a.disabled_at IS NOT NULL), s.name, s.id");
    on_conn!(tx, |c| sqlx::query_as(&sql).fetch_all(c).await)
}

pub(crate) async fn staff_account(tx: &mut Tx, staff_id: i64) -> Result<Option<StaffAccountRow>, sqlx::Error> {
    let sql = format!("{STAFF_SELECT} WHERE s.id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(staff_id).fetch_optional(c).await)
}

pub(crate) async fn email_taken(tx: &mut Tx, email: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = on_conn!(tx, |c| sqlx::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(c)
        .await)?;
    Ok(found.is_some())
}

/// A new staff member with an account that has no password yet.
pub(crate) async fn insert_staff_account(
    tx: &mut Tx,
    unit_id: Option<i64>,
    name: &str,
    role: StaffRole,
    email: &str,
    session_secret: &str,
) -> Result<(i64, i64), sqlx::Error> {
    let staff = super::accounts::NewStaff { unit_id, name, role: role.as_str(), phone: None, email, now: super::now() };
    let staff_id = super::accounts::insert_staff(tx, &staff).await?;
    let account_id = super::accounts::insert(
        tx,
        &super::accounts::NewAccount {
            role: account_role(role),
            staff_id: Some(staff_id),
            participant_id: None,
            relative_id: None,
            email: Some(email),
            password_hash: None,
            session_secret,
        },
    )
    .await?;
    Ok((staff_id, account_id))
}

/// The account's role follows the staff role: a systemadministratör signs in as `admin`.
fn account_role(role: StaffRole) -> &'static str {
    if role == StaffRole::Admin { "admin" } else { "staff" }
}

/// A new unit and role for a staff member (and the account role that goes with it).
pub(crate) async fn set_unit_and_role(
    tx: &mut Tx,
    staff_id: i64,
    unit_id: Option<i64>,
    role: StaffRole,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE staff SET unit_id = $1, role = $2 WHERE id = $3")
        .bind(unit_id)
        .bind(role.as_str())
        .bind(staff_id)
        .execute(c)
        .await
        .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query("UPDATE accounts SET role = $1 WHERE staff_id = $2")
        .bind(account_role(role))
        .bind(staff_id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Administrator accounts that are not deactivated.
pub(crate) async fn active_admins(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL")
        .fetch_one(c)
        .await)
}

/// Deactivates (`Some(at)`) or reactivates (`None`) an account, with a new
/// session secret either way: every session of it ends at once.
pub(crate) async fn set_disabled(
    tx: &mut Tx,
    account_id: i64,
    at: Option<DateTime<Utc>>,
    session_secret: &str,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE accounts SET disabled_at = $1, session_secret = $2 WHERE id = $3")
        .bind(at)
        .bind(session_secret)
        .bind(account_id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Removes the account's second factors: the TOTP row goes, passkeys are
/// marked removed (by whom, when) so the history stays.
pub(crate) async fn remove_factors(
    tx: &mut Tx,
    account_id: i64,
    removed_by: i64,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("DELETE FROM totp_factors WHERE account_id = $1")
        .bind(account_id)
        .execute(c)
        .await
        .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query(
        "UPDATE passkeys SET removed_at = $1, removed_by = $2 WHERE account_id = $3 AND removed_at IS NULL"
    )
    .bind(at)
    .bind(removed_by)
    .bind(account_id)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Ends every invitation of the account that could still be used.
pub(crate) async fn end_invitations(tx: &mut Tx, account_id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE invitations SET expires_at = $1 WHERE account_id = $2 AND used_at IS NULL AND expires_at > $1"
    )
    .bind(at)
    .bind(account_id)
    .execute(c)
    .await
    .map(|_| ()))
}

pub(crate) async fn insert_invitation(
    tx: &mut Tx,
    account_id: i64,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO invitations (account_id, token_hash, expires_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(account_id)
    .bind(token_hash)
    .bind(expires_at)
    .bind(created_by)
    .bind(super::now())
    .fetch_one(c)
    .await)
}

/// The account and staff name of an invitation that can still be used (not
/// used, not expired, account not deactivated).
pub(crate) async fn open_invitation(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT a.id, s.name FROM invitations i
         JOIN accounts a ON a.id = i.account_id JOIN staff s ON s.id = a.staff_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND a.disabled_at IS NULL"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await)
}

/// Uses the invitation up and returns its account. One statement, so two
/// requests racing with the same link cannot both win.
pub(crate) async fn redeem_invitation(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "UPDATE invitations SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
           AND account_id IN (SELECT id FROM accounts WHERE disabled_at IS NULL)
         RETURNING account_id"
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(c)
    .await)
}

/// Sets the password chosen through an invitation, with a new session secret.
pub(crate) async fn set_password(
    tx: &mut Tx,
    account_id: i64,
    password_hash: &str,
    session_secret: &str,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("UPDATE accounts SET password_hash = $1, session_secret = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(session_secret)
        .bind(account_id)
        .execute(c)
        .await
        .map(|_| ()))
}
