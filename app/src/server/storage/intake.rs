//! Intake of a new participant, relatives and gode män linked to a
//! participant, and moves between units. Writes take a unit or participant
//! vouched for by a permit; the intake's own rows are written for the
//! participant it has just made in the same transaction.

use super::contacts::{Who, insert_contact_person};
use super::record::{NewConsent, insert_consent, insert_ladder_move};
use super::{Tx, on_conn};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::{DateTime, NaiveDate, Utc};

/// The unit's name, and whether it is open (a closed unit takes no one new).
pub(crate) async fn unit_state(tx: &mut Tx, unit: PermittedUnit) -> Result<Option<(String, bool)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT name, (closed_at IS NULL) AS open FROM units WHERE id = $1")
        .bind(unit.id())
        .fetch_optional(c)
        .await)
}

/// The unit of the participant who has this personnummer, if anyone has.
pub(crate) async fn holder_of(tx: &mut Tx, personal_number: &str) -> Result<Option<(i64, i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT p.id, p.unit_id, u.name FROM participants p JOIN units u ON u.id = p.unit_id
         WHERE p.personal_number = $1"
    )
    .bind(personal_number)
    .fetch_optional(c)
    .await)
}

pub(crate) struct NewParticipant<'a> {
    pub name: &'a str,
    pub preferred_name: &'a str,
    pub personal_number: &'a str,
    pub protected_identity: bool,
    pub gender: &'a str,
    pub phone: Option<&'a str>,
    pub benefit_kind: &'a str,
    pub benefit_until: Option<NaiveDate>,
    pub road: &'a str,
    pub dv_form: &'a str,
    pub hours_per_week: i64,
    pub ladder_step: &'a str,
    pub entered_on: NaiveDate,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

/// The participant row; `None` when the personnummer is taken (checked by
/// the database, so two intakes of one person at once make one record).
pub(crate) async fn insert_participant(
    tx: &mut Tx,
    unit: PermittedUnit,
    p: &NewParticipant<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO participants (unit_id, name, preferred_name, personal_number, protected_identity, gender, phone,
             benefit_kind, benefit_until, road, dv_form, hours_per_week, ladder_step, entered_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (personal_number) DO NOTHING RETURNING id"
    )
    .bind(unit.id())
    .bind(p.name)
    .bind(p.preferred_name)
    .bind(p.personal_number)
    .bind(p.protected_identity)
    .bind(p.gender)
    .bind(p.phone)
    .bind(p.benefit_kind)
    .bind(p.benefit_until)
    .bind(p.road)
    .bind(p.dv_form)
    .bind(p.hours_per_week)
    .bind(p.ladder_step)
    .bind(p.entered_on)
    .bind(p.by)
    .bind(p.now)
    .fetch_optional(c)
    .await
    })
}

/// The rest of an intake for the participant just made: the first step on
/// the ladder, the staff member as contact person, and the consent if given.
pub(crate) struct IntakeRows<'a> {
    pub participant_id: i64,
    pub ladder_step: &'a str,
    pub entered_on: NaiveDate,
    pub step_note: &'a str,
    pub contact_staff_id: Option<i64>,
    pub contact_role: &'a str,
    pub today: NaiveDate,
    pub consent: Option<NewConsent<'a>>,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn insert_intake_rows(tx: &mut Tx, r: &IntakeRows<'_>) -> Result<(), sqlx::Error> {
    let p = r.participant_id;
    insert_ladder_move(tx, p, (None, r.ladder_step), r.entered_on, r.step_note, r.by, r.now).await?;
    if let Some(staff_id) = r.contact_staff_id {
        insert_contact_person(tx, p, Who::Staff(staff_id), r.contact_role, r.today, r.by, r.now).await?;
    }
    if let Some(consent) = &r.consent {
        insert_consent(tx, p, consent).await?;
    }
    Ok(())
}

/// The stored personnummer of a participant (12 digits), if there is one.
pub(crate) async fn personal_number(tx: &mut Tx, participant: Permitted) -> Result<Option<String>, sqlx::Error> {
    let row: Option<Option<String>> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT personal_number FROM participants WHERE id = $1")
            .bind(participant.id())
            .fetch_optional(c)
            .await)?;
    Ok(row.flatten())
}

/// Whether the participant has skyddade personuppgifter.
pub(crate) async fn protected_identity(tx: &mut Tx, participant: Permitted) -> Result<bool, sqlx::Error> {
    let row: Option<bool> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT protected_identity FROM participants WHERE id = $1")
            .bind(participant.id())
            .fetch_optional(c)
            .await)?;
    Ok(row.unwrap_or(false))
}

// --- Relatives, gode män and förvaltare. ---

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RelativeLinkRow {
    pub link_id: i64,
    pub relative_id: i64,
    pub name: String,
    pub relation_kind: crate::domain::RelationKind,
    pub mandate: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub has_account: bool,
}

/// Every link to a relative, open or ended, open ones first.
pub(crate) async fn relative_links(tx: &mut Tx, participant: Permitted) -> Result<Vec<RelativeLinkRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT pr.id AS link_id, r.id AS relative_id, r.name, pr.relation_kind, pr.mandate, r.phone, r.email,
                pr.since, pr.ended_on,
                EXISTS (SELECT 1 FROM accounts a WHERE a.relative_id = r.id) AS has_account
         FROM participant_relatives pr JOIN relatives r ON r.id = pr.relative_id
         WHERE pr.participant_id = $1
         ORDER BY (pr.ended_on IS NULL) DESC, r.name, pr.id"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

/// A relative already on record with this e-mail address (compared without case).
pub(crate) async fn relative_by_email(tx: &mut Tx, email: &str) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT min(id) FROM relatives WHERE lower(email) = lower($1)")
        .bind(email)
        .fetch_one(c)
        .await)
}

pub(crate) async fn insert_relative(
    tx: &mut Tx,
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO relatives (name, phone, email, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(name)
    .bind(phone)
    .bind(email)
    .bind(now)
    .fetch_one(c)
    .await)
}

/// Links a relative to the participant; `None` when an open link exists already.
pub(crate) async fn link_relative(
    tx: &mut Tx,
    participant: Permitted,
    relative_id: i64,
    relation_kind: &str,
    mandate: Option<&str>,
    since: NaiveDate,
) -> Result<Option<i64>, sqlx::Error> {
    let open: i64 = on_conn!(tx, |c| {
        sqlx::query_scalar(
        "SELECT count(*) FROM participant_relatives WHERE participant_id = $1 AND relative_id = $2 AND ended_on IS NULL"
    )
    .bind(participant.id())
    .bind(relative_id)
    .fetch_one(c)
    .await
    })?;
    if open > 0 {
        return Ok(None);
    }
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO participant_relatives (participant_id, relative_id, relation_kind, mandate, since)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(participant.id())
    .bind(relative_id)
    .bind(relation_kind)
    .bind(mandate)
    .bind(since)
    .fetch_one(c)
    .await
    .map(Some))
}

/// Ends an open link today; the relative's id, or `None` when there is no such open link.
pub(crate) async fn end_link(
    tx: &mut Tx,
    participant: Permitted,
    link_id: i64,
    on: NaiveDate,
    by: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    // A link that starts later than today ends the day it starts.
    on_conn!(tx, |c| sqlx::query_scalar(
        "UPDATE participant_relatives SET ended_on = CASE WHEN since > $3 THEN since ELSE $3 END, ended_by = $4
         WHERE id = $1 AND participant_id = $2 AND ended_on IS NULL RETURNING relative_id"
    )
    .bind(link_id)
    .bind(participant.id())
    .bind(on)
    .bind(by)
    .fetch_optional(c)
    .await)
}

/// Withdraws today what the participant's consents share with this relative:
/// a link made again later starts with nothing shared.
pub(crate) async fn withdraw_shares_with(
    tx: &mut Tx,
    participant: Permitted,
    relative_id: i64,
    on: NaiveDate,
    by: Option<i64>,
) -> Result<u64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE consents SET withdrawn_on = CASE WHEN given_on > $3 THEN given_on ELSE $3 END,
             withdrawn_recorded_by = $4
         WHERE participant_id = $1 AND recipient_relative_id = $2 AND scope = 'share_with_relative'
           AND (withdrawn_on IS NULL OR withdrawn_on > $3)"
    )
    .bind(participant.id())
    .bind(relative_id)
    .bind(on)
    .bind(by)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
}

/// How many participants a relative is still linked to.
pub(crate) async fn open_links_of(tx: &mut Tx, relative_id: i64) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM participant_relatives WHERE relative_id = $1 AND ended_on IS NULL"
    )
    .bind(relative_id)
    .fetch_one(c)
    .await)
}

// --- Moves between units. ---

/// The open units other than `except`, by name.
pub(crate) async fn open_units_except(tx: &mut Tx, except: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT id, name FROM units WHERE closed_at IS NULL AND id <> $1 ORDER BY name")
        .bind(except)
        .fetch_all(c)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct UnitMoveRow {
    pub from_unit: String,
    pub to_unit: String,
    pub moved_at: DateTime<Utc>,
    pub moved_by: Option<String>,
}

/// The participant's moves between units, oldest first.
pub(crate) async fn unit_moves(tx: &mut Tx, participant: Permitted) -> Result<Vec<UnitMoveRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT f.name AS from_unit, t.name AS to_unit, m.moved_at, s.name AS moved_by
         FROM unit_moves m JOIN units f ON f.id = m.from_unit_id JOIN units t ON t.id = m.to_unit_id
         LEFT JOIN accounts a ON a.id = m.moved_by LEFT JOIN staff s ON s.id = a.staff_id
         WHERE m.participant_id = $1 ORDER BY m.moved_at, m.id"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

/// Moves the participant from the permit's unit to another open one: the move
/// is kept, the participant's unit changes, and the old unit's staff stop being
/// contact persons today. `false` when the other unit is not open (or the same).
pub(crate) async fn move_to_unit(
    tx: &mut Tx,
    participant: Permitted,
    from: PermittedUnit,
    to_unit: i64,
    today: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let open: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM units WHERE id = $1 AND id <> $2 AND closed_at IS NULL"
    )
    .bind(to_unit)
    .bind(from.id())
    .fetch_one(c)
    .await)?;
    if open == 0 {
        return Ok(false);
    }
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO unit_moves (participant_id, from_unit_id, to_unit_id, moved_by, moved_at)
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(participant.id())
    .bind(from.id())
    .bind(to_unit)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    let moved = on_conn!(tx, |c| sqlx::query("UPDATE participants SET unit_id = $2 WHERE id = $1 AND unit_id = $3")
        .bind(participant.id())
        .bind(to_unit)
        .bind(from.id())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if moved != 1 {
        return Ok(false);
    }
    on_conn!(tx, |c| sqlx::query(
        "UPDATE contact_persons SET until = CASE WHEN since > $2 THEN since ELSE $2 END
         WHERE participant_id = $1 AND until IS NULL
           AND staff_id IN (SELECT id FROM staff WHERE unit_id = $3)"
    )
    .bind(participant.id())
    .bind(today)
    .bind(from.id())
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(true)
}
