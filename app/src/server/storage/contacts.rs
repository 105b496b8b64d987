//! Contact persons of a participant (staff and external officers), external
//! contacts, and extended support after employment.

use super::{Tx, on_conn};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ContactPersonRow {
    pub id: i64,
    pub name: String,
    pub role_in_case: String,
    pub organisation: Option<crate::domain::Organisation>,
    pub staff_role: Option<crate::domain::StaffRole>,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// Every contact person, in force or ended, newest first.
pub(crate) async fn all(tx: &mut Tx, participant: Permitted) -> Result<Vec<ContactPersonRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT cp.id, COALESCE(s.name, e.name) AS name, cp.role_in_case, e.organisation, s.role AS staff_role,
            cp.since, cp.until
         FROM contact_persons cp
         LEFT JOIN staff s ON s.id = cp.staff_id
         LEFT JOIN external_contacts e ON e.id = cp.external_contact_id
         WHERE cp.participant_id = $1 ORDER BY (cp.until IS NOT NULL), cp.since DESC, cp.id DESC"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

/// External officers on record in a unit (FK, AF, ASF…): those who are or were a
/// contact person of one of the unit's participants. Officers serve many
/// participants, so staff pick them again; officers known only to other units
/// are not shown (their names and numbers are those units' records).
pub(crate) async fn officers_of_unit(
    tx: &mut Tx,
    unit: PermittedUnit,
) -> Result<Vec<(i64, String, crate::domain::Organisation, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT e.id, e.name, e.organisation, e.title FROM external_contacts e
         WHERE EXISTS (SELECT 1 FROM contact_persons cp JOIN participants p ON p.id = cp.participant_id
                       WHERE cp.external_contact_id = e.id AND p.unit_id = $1)
         ORDER BY e.organisation, e.name"
    )
    .bind(unit.id())
    .fetch_all(c)
    .await)
}

pub(crate) struct NewExternal<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub title: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn add_external(tx: &mut Tx, e: &NewExternal<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO external_contacts (name, organisation, title, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(e.name)
    .bind(e.organisation)
    .bind(e.title)
    .bind(e.phone)
    .bind(e.email)
    .bind(e.now)
    .fetch_one(c)
    .await)
}

/// Whether an officer is on record in the unit (see [`officers_of_unit`]).
pub(crate) async fn officer_in_unit(tx: &mut Tx, unit: PermittedUnit, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM external_contacts e WHERE e.id = $1
           AND EXISTS (SELECT 1 FROM contact_persons cp JOIN participants p ON p.id = cp.participant_id
                       WHERE cp.external_contact_id = e.id AND p.unit_id = $2)"
    )
    .bind(id)
    .bind(unit.id())
    .fetch_one(c)
    .await)?;
    Ok(n == 1)
}

/// Who the new contact person is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Who {
    Staff(i64),
    External(i64),
}

pub(crate) async fn add(
    tx: &mut Tx,
    participant: Permitted,
    who: Who,
    role_in_case: &str,
    since: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    insert_contact_person(tx, participant.id(), who, role_in_case, since, by, now).await
}

/// The contact person write path of the app and the demo data.
pub(super) async fn insert_contact_person(
    tx: &mut Tx,
    participant_id: i64,
    who: Who,
    role_in_case: &str,
    since: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let (staff, external) = match who {
        Who::Staff(id) => (Some(id), None),
        Who::External(id) => (None, Some(id)),
    };
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO contact_persons (participant_id, staff_id, external_contact_id, role_in_case, since,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(participant_id)
    .bind(staff)
    .bind(external)
    .bind(role_in_case)
    .bind(since)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await)
}

/// Ends a contact person's role from a date; `false` when there is no such one in force.
pub(crate) async fn end(
    tx: &mut Tx,
    participant: Permitted,
    contact_id: i64,
    until: NaiveDate,
) -> Result<bool, sqlx::Error> {
    Ok(on_conn!(tx, |c| sqlx::query(
        "UPDATE contact_persons SET until = $3 WHERE id = $1 AND participant_id = $2 AND until IS NULL AND since <= $3"
    )
    .bind(contact_id)
    .bind(participant.id())
    .bind(until)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// A new description of the contact person's role; the old one goes to `revisions`.
pub(crate) async fn change_role(
    tx: &mut Tx,
    participant: Permitted,
    contact_id: i64,
    role_in_case: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let old: Option<String> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT role_in_case FROM contact_persons WHERE id = $1 AND participant_id = $2"
    )
    .bind(contact_id)
    .bind(participant.id())
    .fetch_optional(c)
    .await)?;
    let Some(old) = old else { return Ok(false) };
    let value = serde_json::json!({ "role_in_case": old }).to_string();
    super::revisions::insert(tx, "contact_person", contact_id, &value, by, now).await?;
    on_conn!(tx, |c| sqlx::query("UPDATE contact_persons SET role_in_case = $3 WHERE id = $1 AND participant_id = $2")
        .bind(contact_id)
        .bind(participant.id())
        .bind(role_in_case)
        .execute(c)
        .await
        .map(|_| true))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ExtendedSupportRow {
    pub employer: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

pub(crate) async fn extended_support(
    tx: &mut Tx,
    participant: Permitted,
) -> Result<Vec<ExtendedSupportRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT employer, starts_on, ends_on FROM extended_support WHERE participant_id = $1 ORDER BY starts_on DESC"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

/// The written consent in force for extended support, if there is one.
pub(crate) async fn extended_support_consent(
    tx: &mut Tx,
    participant: Permitted,
    today: NaiveDate,
) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT max(id) FROM consents WHERE participant_id = $1 AND scope = 'extended_support' AND method = 'written'
           AND given_on <= $2 AND (withdrawn_on IS NULL OR withdrawn_on > $2)"
    )
    .bind(participant.id())
    .bind(today)
    .fetch_one(c)
    .await)
}

pub(crate) struct NewExtendedSupport<'a> {
    pub employer: &'a str,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub consent_id: i64,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn add_extended_support(
    tx: &mut Tx,
    participant: Permitted,
    e: &NewExtendedSupport<'_>,
) -> Result<(), sqlx::Error> {
    insert_extended_support(tx, participant.id(), e).await
}

/// The förlängt stöd write path of the app and the demo data.
pub(super) async fn insert_extended_support(
    tx: &mut Tx,
    participant_id: i64,
    e: &NewExtendedSupport<'_>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO extended_support (participant_id, employer, starts_on, ends_on, consent_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(participant_id)
    .bind(e.employer)
    .bind(e.starts_on)
    .bind(e.ends_on)
    .bind(e.consent_id)
    .bind(e.by)
    .bind(e.now)
    .execute(c)
    .await
    .map(|_| ())
    })
}
