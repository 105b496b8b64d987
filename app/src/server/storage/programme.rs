//! The work-preparation programme as one participant sees it.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct EnrolmentRow {
    pub round_id: i64,
    pub round_name: String,
    pub place: String,
    pub status: String,
    pub waiting_position: Option<i64>,
}

/// The participant's enrolment or place in the queue, newest round first.
pub(crate) async fn enrolment(tx: &mut Tx, participant: Permitted) -> Result<Option<EnrolmentRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT r.id AS round_id, r.name AS round_name, r.place, e.status, e.waiting_position
         FROM enrolments e JOIN programme_rounds r ON r.id = e.round_id
         WHERE e.participant_id = $1 AND e.status IN ('enrolled', 'waiting')
         ORDER BY r.starts_on DESC LIMIT 1"
    )
    .bind(participant.id())
    .fetch_optional(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SessionRow {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub theme: String,
    pub place: String,
}

/// The sessions of a round the permitted participant is enrolled in.
pub(crate) async fn sessions(
    tx: &mut Tx,
    participant: Permitted,
    round_id: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT s.starts_at, s.ends_at, s.theme, s.place FROM programme_sessions s
         JOIN enrolments e ON e.round_id = s.round_id AND e.participant_id = $1 AND e.status = 'enrolled'
         WHERE s.round_id = $2 ORDER BY s.starts_at"
    )
    .bind(participant.id())
    .bind(round_id)
    .fetch_all(c)
    .await)
}

/// Whether the participant has an expression of interest that staff have not handled yet.
pub(crate) async fn has_open_interest(tx: &mut Tx, participant: Permitted) -> Result<bool, sqlx::Error> {
    let n: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM expressions_of_interest WHERE participant_id = $1 AND handled_at IS NULL"
    )
    .bind(participant.id())
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// "Jag vill vara med". A second one while the first is open is the same one.
pub(crate) async fn express_interest(
    tx: &mut Tx,
    participant: Permitted,
    account_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO expressions_of_interest (participant_id, round_id, created_by, created_at)
         VALUES ($1, NULL, $2, $3)
         ON CONFLICT (participant_id) WHERE handled_at IS NULL DO NOTHING"
    )
    .bind(participant.id())
    .bind(account_id)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// The unit that runs a round: the fact the policy needs.
pub(crate) async fn round_unit(tx: &mut Tx, round_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT unit_id FROM programme_rounds WHERE id = $1")
        .bind(round_id)
        .fetch_optional(c)
        .await)
}

/// Holds the round until the transaction ends, so enrolments into it happen one
/// at a time. SQLite needs nothing: `BEGIN IMMEDIATE` already admits one writer.
async fn lock_round(tx: &mut Tx, round_id: i64) -> Result<(), sqlx::Error> {
    match tx {
        Tx::Sqlite(_) => Ok(()),
        Tx::Postgres(t) => sqlx::query("SELECT id FROM programme_rounds WHERE id = $1 FOR UPDATE")
            .bind(round_id)
            .execute(&mut **t)
            .await
            .map(|_| ()),
    }
}

/// Where an enrolment ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seat {
    Enrolled,
    Waiting(i64),
    AlreadyThere,
}

/// Enrols the permitted participant: a seat while there is one, else the end
/// of the waiting list. Never more enrolled than the capacity: the round is
/// locked, the seat is taken with a conditional update, and the schema checks
/// `enrolled <= capacity` and one enrolment per person and round.
pub(crate) async fn enrol(
    tx: &mut Tx,
    participant: Permitted,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Seat, sqlx::Error> {
    lock_round(tx, round_id).await?;
    let existing: Option<i64> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT id FROM enrolments WHERE round_id = $1 AND participant_id = $2")
            .bind(round_id)
            .bind(participant.id())
            .fetch_optional(c)
            .await)?;
    if existing.is_some() {
        return Ok(Seat::AlreadyThere);
    }
    let seated = on_conn!(tx, |c| sqlx::query(
        "UPDATE programme_rounds SET enrolled = enrolled + 1 WHERE id = $1 AND enrolled < capacity"
    )
    .bind(round_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1;
    let (status, position) = if seated {
        ("enrolled", None)
    } else {
        let last: i64 = on_conn!(tx, |c| sqlx::query_scalar(
            "SELECT COALESCE(max(waiting_position), 0) FROM enrolments WHERE round_id = $1 AND status = 'waiting'"
        )
        .bind(round_id)
        .fetch_one(c)
        .await)?;
        ("waiting", Some(last + 1))
    };
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO enrolments (round_id, participant_id, status, waiting_position, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(round_id)
    .bind(participant.id())
    .bind(status)
    .bind(position)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(match position {
        None => Seat::Enrolled,
        Some(p) => Seat::Waiting(p),
    })
}
