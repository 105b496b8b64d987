//! The work-preparation programme as one participant sees it.

use super::record::{MeetingChange, change_meeting};
use super::{Tx, on_conn};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::{DateTime, NaiveDate, Utc};

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
    insert_interest(tx, participant.id(), None, "", account_id, now).await.map(|_| ())
}

/// The interest write path of the participant, staff and the demo data, for
/// whichever round comes next (`None`) or one round. `false` when one is already open.
pub(super) async fn insert_interest(
    tx: &mut Tx,
    participant_id: i64,
    round_id: Option<i64>,
    note: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(on_conn!(tx, |c| sqlx::query(
        "INSERT INTO expressions_of_interest (participant_id, round_id, created_by, note, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (participant_id) WHERE handled_at IS NULL DO NOTHING"
    )
    .bind(participant_id)
    .bind(round_id)
    .bind(by)
    .bind(note)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
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
    enrol_participant(tx, participant.id(), round_id, by, now).await
}

/// The enrolment write path of the app and the demo data (see [`enrol`]).
pub(super) async fn enrol_participant(
    tx: &mut Tx,
    participant_id: i64,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Seat, sqlx::Error> {
    lock_round(tx, round_id).await?;
    let existing: Option<String> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT status FROM enrolments WHERE round_id = $1 AND participant_id = $2"
    )
    .bind(round_id)
    .bind(participant_id)
    .fetch_optional(c)
    .await)?;
    let returning = match existing.as_deref() {
        None => false,
        // Someone who left may come back: the same row, at the end of the line.
        Some("withdrawn") => true,
        Some(_) => return Ok(Seat::AlreadyThere),
    };
    let (status, position) = if take_seat(tx, round_id).await? {
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
    if returning {
        on_conn!(tx, |c| sqlx::query(
            "UPDATE enrolments SET status = $3, waiting_position = $4, created_by = $5, created_at = $6,
                 seated_at = CASE WHEN $3 = 'waiting' THEN NULL ELSE $6 END
             WHERE round_id = $1 AND participant_id = $2"
        )
        .bind(round_id)
        .bind(participant_id)
        .bind(status)
        .bind(position)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    } else {
        insert_enrolment(tx, round_id, participant_id, status, position, by, now).await?;
    }
    close_interest(tx, participant_id, by, now).await?;
    Ok(match position {
        None => {
            add_session_meetings(tx, participant_id, round_id, by, now).await?;
            Seat::Enrolled
        }
        Some(p) => Seat::Waiting(p),
    })
}

/// Takes one of the round's seats; `false` when none is free. One conditional
/// update, so two enrolments at once cannot both take the last seat.
pub(super) async fn take_seat(tx: &mut Tx, round_id: i64) -> Result<bool, sqlx::Error> {
    Ok(on_conn!(tx, |c| sqlx::query(
        "UPDATE programme_rounds SET enrolled = enrolled + 1 WHERE id = $1 AND enrolled < capacity"
    )
    .bind(round_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// The enrolment row. An enrolled or completed row needs a seat taken first
/// ([`take_seat`]): the schema checks `enrolled` against the rows.
pub(super) async fn insert_enrolment(
    tx: &mut Tx,
    round_id: i64,
    participant_id: i64,
    status: &str,
    waiting_position: Option<i64>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO enrolments (round_id, participant_id, status, waiting_position, created_by, created_at, seated_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'waiting' THEN NULL ELSE $6 END)"
    )
    .bind(round_id)
    .bind(participant_id)
    .bind(status)
    .bind(waiting_position)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// A seat taken: the round's coming sessions become the participant's meetings.
/// Someone who comes back after leaving gets back the sessions cancelled then.
async fn add_session_meetings(
    tx: &mut Tx,
    participant_id: i64,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    set_session_meetings(tx, participant_id, round_id, ("cancelled", "planned"), by, now).await?;
    insert_session_meetings(tx, participant_id, round_id, by, now).await
}

/// The round's coming sessions the participant has no meeting for yet become
/// meetings in their app (with the round's responsible staff member as the one
/// who comes), so they show in "Mina möten", can be answered and put in a
/// calendar. Meetings already there are left as they are: a session staff
/// cancelled for the participant stays cancelled when a make-up session is added.
async fn insert_session_meetings(
    tx: &mut Tx,
    participant_id: i64,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO meetings (participant_id, programme_session_id, kind, title, starts_at, ends_at, place,
             bring, status, participant_answer, created_by, created_at)
         SELECT $1, s.id, 'programme_session', s.theme, s.starts_at, s.ends_at, s.place, '', 'planned', 'none', $3, $4
         FROM programme_sessions s
         WHERE s.round_id = $2 AND s.starts_at > $4
           AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.participant_id = $1 AND m.programme_session_id = s.id)"
    )
    .bind(participant_id)
    .bind(round_id)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO meeting_attendees (meeting_id, staff_id)
         SELECT m.id, r.responsible_staff_id FROM meetings m
         JOIN programme_sessions s ON s.id = m.programme_session_id
         JOIN programme_rounds r ON r.id = s.round_id
         WHERE m.participant_id = $1 AND s.round_id = $2 AND r.responsible_staff_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id)"
    )
    .bind(participant_id)
    .bind(round_id)
    .execute(c)
    .await
    .map(|_| ()))?;
    super::reminders::sync(tx, participant_id, now).await
}

/// Moves the participant's coming session meetings of a round from one status
/// to another: cancelled when they leave, planned again when they come back.
/// Each goes through the meeting write path, so its earlier state is kept.
async fn set_session_meetings(
    tx: &mut Tx,
    participant_id: i64,
    round_id: i64,
    (from, to): (&str, &str),
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let meetings: Vec<i64> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT id FROM meetings
         WHERE participant_id = $1 AND status = $3 AND starts_at > $4
           AND programme_session_id IN (SELECT id FROM programme_sessions WHERE round_id = $2)
         ORDER BY id"
    )
    .bind(participant_id)
    .bind(round_id)
    .bind(from)
    .bind(now)
    .fetch_all(c)
    .await)?;
    let change = MeetingChange::Status { from, to };
    for meeting_id in meetings {
        change_meeting(tx, participant_id, meeting_id, change, by, now).await?;
    }
    Ok(())
}

/// An open expression of interest is handled once the person is enrolled or queued.
async fn close_interest(
    tx: &mut Tx,
    participant_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE expressions_of_interest SET handled_at = $3, handled_by = $2
         WHERE participant_id = $1 AND handled_at IS NULL"
    )
    .bind(participant_id)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Staff take someone out of the interest queue without enrolling them.
pub(crate) async fn dismiss_interest(
    tx: &mut Tx,
    participant: Permitted,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    close_interest(tx, participant.id(), by, now).await
}

/// What happened when someone left a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Left {
    /// They had a seat: it is free now.
    Seat,
    /// They were waiting: those behind them move up.
    Queue,
    NotThere,
}

/// The permitted participant leaves the round (or its waiting list).
pub(crate) async fn withdraw(
    tx: &mut Tx,
    participant: Permitted,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Left, sqlx::Error> {
    lock_round(tx, round_id).await?;
    let row: Option<(String, Option<i64>)> = on_conn!(tx, |c| sqlx::query_as(
        "SELECT status, waiting_position FROM enrolments WHERE round_id = $1 AND participant_id = $2"
    )
    .bind(round_id)
    .bind(participant.id())
    .fetch_optional(c)
    .await)?;
    let (left, position) = match row {
        Some((status, _)) if status == "enrolled" => (Left::Seat, None),
        Some((status, Some(position))) if status == "waiting" => (Left::Queue, Some(position)),
        _ => return Ok(Left::NotThere),
    };
    on_conn!(tx, |c| sqlx::query(
        "UPDATE enrolments SET status = 'withdrawn', waiting_position = NULL
         WHERE round_id = $1 AND participant_id = $2"
    )
    .bind(round_id)
    .bind(participant.id())
    .execute(c)
    .await
    .map(|_| ()))?;
    match (left, position) {
        (Left::Seat, _) => {
            on_conn!(tx, |c| sqlx::query("UPDATE programme_rounds SET enrolled = enrolled - 1 WHERE id = $1")
                .bind(round_id)
                .execute(c)
                .await
                .map(|_| ()))?;
            set_session_meetings(tx, participant.id(), round_id, ("planned", "cancelled"), by, now).await?;
        }
        (_, Some(position)) => move_queue_up(tx, round_id, position).await?,
        _ => {}
    }
    Ok(left)
}

async fn move_queue_up(tx: &mut Tx, round_id: i64, behind: i64) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE enrolments SET waiting_position = waiting_position - 1
         WHERE round_id = $1 AND status = 'waiting' AND waiting_position > $2"
    )
    .bind(round_id)
    .bind(behind)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Staff confirm the free seat for the first on the waiting list. `false` when
/// the person is not first in line or no seat is free (someone else was quicker).
pub(crate) async fn seat_first_waiting(
    tx: &mut Tx,
    participant: Permitted,
    round_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    lock_round(tx, round_id).await?;
    let first: Option<i64> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT participant_id FROM enrolments WHERE round_id = $1 AND status = 'waiting'
         ORDER BY waiting_position LIMIT 1"
    )
    .bind(round_id)
    .fetch_optional(c)
    .await)?;
    if first != Some(participant.id()) || !take_seat(tx, round_id).await? {
        return Ok(false);
    }
    on_conn!(tx, |c| sqlx::query(
        "UPDATE enrolments SET status = 'enrolled', waiting_position = NULL, seated_at = $3
         WHERE round_id = $1 AND participant_id = $2"
    )
    .bind(round_id)
    .bind(participant.id())
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    move_queue_up(tx, round_id, 1).await?;
    add_session_meetings(tx, participant.id(), round_id, by, now).await?;
    Ok(true)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RoundRow {
    pub id: i64,
    pub name: String,
    pub form: crate::domain::RoundForm,
    pub capacity: i64,
    pub enrolled: i64,
    pub waiting: i64,
    pub place: String,
    pub starts_on: NaiveDate,
    pub responsible: Option<String>,
    pub sessions: i64,
    pub first_session: Option<DateTime<Utc>>,
    pub last_session: Option<DateTime<Utc>>,
}

const ROUND_SELECT: &str = "SELECT r.id, r.name, r.form, r.capacity, r.enrolled,
    (SELECT count(*) FROM enrolments e WHERE e.round_id = r.id AND e.status = 'waiting') AS waiting,
    r.place, r.starts_on, st.name AS responsible,
    (SELECT count(*) FROM programme_sessions s WHERE s.round_id = r.id) AS sessions,
    (SELECT min(s.starts_at) FROM programme_sessions s WHERE s.round_id = r.id) AS first_session,
    (SELECT max(s.ends_at) FROM programme_sessions s WHERE s.round_id = r.id) AS last_session
    FROM programme_rounds r LEFT JOIN staff st ON st.id = r.responsible_staff_id";

pub(crate) async fn rounds_in_unit(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<RoundRow>, sqlx::Error> {
    let sql = format!("{ROUND_SELECT} WHERE r.unit_id = $1 ORDER BY r.starts_on DESC, r.id DESC");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).fetch_all(c).await)
}

/// One round, only if it is the permitted unit's.
pub(crate) async fn round_in_unit(
    tx: &mut Tx,
    unit: PermittedUnit,
    round_id: i64,
) -> Result<Option<RoundRow>, sqlx::Error> {
    let sql = format!("{ROUND_SELECT} WHERE r.unit_id = $1 AND r.id = $2");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).bind(round_id).fetch_optional(c).await)
}

pub(crate) struct NewRound<'a> {
    pub name: &'a str,
    pub form: &'a str,
    pub capacity: i64,
    pub place: &'a str,
    pub responsible_staff_id: Option<i64>,
    pub starts_on: NaiveDate,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn create_round(tx: &mut Tx, unit: PermittedUnit, r: &NewRound<'_>) -> Result<i64, sqlx::Error> {
    insert_round(tx, unit.id(), r).await
}

/// The round write path of the app and the demo data: no seats taken yet.
pub(super) async fn insert_round(tx: &mut Tx, unit_id: i64, r: &NewRound<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, responsible_staff_id,
             starts_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(unit_id)
    .bind(r.name)
    .bind(r.form)
    .bind(r.capacity)
    .bind(r.place)
    .bind(r.responsible_staff_id)
    .bind(r.starts_on)
    .bind(r.by)
    .bind(r.now)
    .fetch_one(c)
    .await)
}

pub(crate) async fn add_session(
    tx: &mut Tx,
    round_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    theme: &str,
    place: &str,
    visit_from: Option<&str>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO programme_sessions (round_id, starts_at, ends_at, theme, place, visit_from)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(round_id)
    .bind(starts_at)
    .bind(ends_at)
    .bind(theme)
    .bind(place)
    .bind(visit_from)
    .fetch_one(c)
    .await)
}

/// A staff member of the unit, if they are one (for "responsible").
pub(crate) async fn staff_in_unit(tx: &mut Tx, unit: PermittedUnit, staff_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM staff WHERE id = $1 AND unit_id = $2")
        .bind(staff_id)
        .bind(unit.id())
        .fetch_one(c)
        .await)?;
    Ok(n == 1)
}

pub(crate) async fn staff_of_unit(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT id, name FROM staff WHERE unit_id = $1 ORDER BY name")
        .bind(unit.id())
        .fetch_all(c)
        .await)
}

/// New capacity, unless it is below the seats already taken (then `false`).
pub(crate) async fn set_capacity(tx: &mut Tx, round_id: i64, capacity: i64) -> Result<bool, sqlx::Error> {
    lock_round(tx, round_id).await?;
    Ok(on_conn!(tx, |c| sqlx::query("UPDATE programme_rounds SET capacity = $2 WHERE id = $1 AND enrolled <= $2")
        .bind(round_id)
        .bind(capacity)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct StaffSessionRow {
    pub id: i64,
    pub round_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub theme: String,
    pub place: String,
    pub visit_from: Option<String>,
    pub marked: i64,
}

const SESSION_SELECT: &str = "SELECT s.id, s.round_id, s.starts_at, s.ends_at, s.theme, s.place, s.visit_from,
    (SELECT count(*) FROM attendance a WHERE a.session_id = s.id) AS marked
    FROM programme_sessions s JOIN programme_rounds r ON r.id = s.round_id";

pub(crate) async fn round_sessions(
    tx: &mut Tx,
    unit: PermittedUnit,
    round_id: i64,
) -> Result<Vec<StaffSessionRow>, sqlx::Error> {
    let sql = format!("{SESSION_SELECT} WHERE r.unit_id = $1 AND s.round_id = $2 ORDER BY s.starts_at");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).bind(round_id).fetch_all(c).await)
}

/// The unit a session's round belongs to: the fact the policy needs.
pub(crate) async fn session_unit(tx: &mut Tx, session_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT r.unit_id FROM programme_sessions s JOIN programme_rounds r ON r.id = s.round_id WHERE s.id = $1"
    )
    .bind(session_id)
    .fetch_optional(c)
    .await)
}

pub(crate) async fn session_in_unit(
    tx: &mut Tx,
    unit: PermittedUnit,
    session_id: i64,
) -> Result<Option<StaffSessionRow>, sqlx::Error> {
    let sql = format!("{SESSION_SELECT} WHERE r.unit_id = $1 AND s.id = $2");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).bind(session_id).fetch_optional(c).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RoundPersonRow {
    pub participant_id: i64,
    pub name: String,
    pub status: String,
    pub waiting_position: Option<i64>,
    pub present: i64,
    pub absent: i64,
}

/// Everyone enrolled in or waiting for a round, with their attendance so far.
pub(crate) async fn round_people(
    tx: &mut Tx,
    unit: PermittedUnit,
    round_id: i64,
) -> Result<Vec<RoundPersonRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT e.participant_id, p.name, e.status, e.waiting_position,
            (SELECT count(*) FROM attendance a JOIN programme_sessions s ON s.id = a.session_id
             WHERE s.round_id = e.round_id AND a.participant_id = e.participant_id AND a.mark = 'present') AS present,
            (SELECT count(*) FROM attendance a JOIN programme_sessions s ON s.id = a.session_id
             WHERE s.round_id = e.round_id AND a.participant_id = e.participant_id AND a.mark <> 'present') AS absent
         FROM enrolments e JOIN participants p ON p.id = e.participant_id
         JOIN programme_rounds r ON r.id = e.round_id
         WHERE r.unit_id = $1 AND e.round_id = $2 AND e.status IN ('enrolled', 'completed', 'waiting')
         ORDER BY e.status, e.waiting_position, p.name"
    )
    .bind(unit.id())
    .bind(round_id)
    .fetch_all(c)
    .await)
}

/// Enrolled people of the round who have had no joint-planning or follow-up
/// meeting booked after the round's first session (the plan is revised after it).
pub(crate) async fn without_follow_up(tx: &mut Tx, round_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT e.participant_id FROM enrolments e
         WHERE e.round_id = $1 AND e.status IN ('enrolled', 'completed')
           AND NOT EXISTS (
             SELECT 1 FROM meetings m WHERE m.participant_id = e.participant_id
               AND m.kind IN ('joint_planning', 'follow_up') AND m.status <> 'cancelled'
               AND m.starts_at >= (SELECT min(s.starts_at) FROM programme_sessions s WHERE s.round_id = e.round_id))"
    )
    .bind(round_id)
    .fetch_all(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct MarkRow {
    pub participant_id: i64,
    pub name: String,
    pub mark: Option<crate::domain::AttendanceMark>,
}

/// The people a session's attendance is taken for: those enrolled, with their mark if set.
pub(crate) async fn session_marks(tx: &mut Tx, session_id: i64) -> Result<Vec<MarkRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT e.participant_id, p.name, a.mark FROM programme_sessions s
         JOIN enrolments e ON e.round_id = s.round_id AND e.status IN ('enrolled', 'completed')
         JOIN participants p ON p.id = e.participant_id
         LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = e.participant_id
         WHERE s.id = $1 ORDER BY p.name"
    )
    .bind(session_id)
    .fetch_all(c)
    .await)
}

/// Sets one mark. A changed mark keeps the earlier one in `revisions`.
pub(crate) async fn record_mark(
    tx: &mut Tx,
    participant: Permitted,
    session_id: i64,
    mark: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    set_mark(tx, participant.id(), session_id, mark, by, now).await
}

/// The attendance write path of the app and the demo data.
pub(super) async fn set_mark(
    tx: &mut Tx,
    participant_id: i64,
    session_id: i64,
    mark: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let old: Option<String> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT mark FROM attendance WHERE session_id = $1 AND participant_id = $2"
    )
    .bind(session_id)
    .bind(participant_id)
    .fetch_optional(c)
    .await)?;
    if old.as_deref() == Some(mark) {
        return Ok(());
    }
    if let Some(old) = old {
        let old_value = serde_json::json!({ "participant_id": participant_id, "mark": old }).to_string();
        super::revisions::insert(tx, "attendance", session_id, &old_value, by, now).await?;
    }
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO attendance (session_id, participant_id, mark, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, participant_id)
         DO UPDATE SET mark = excluded.mark, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at"
    )
    .bind(session_id)
    .bind(participant_id)
    .bind(mark)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct InterestRow {
    pub participant_id: i64,
    pub name: String,
    pub round_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub by_role: Option<String>,
    pub by_staff: Option<String>,
    pub note: String,
}

/// The unit's open expressions of interest, oldest first: the queue.
pub(crate) async fn open_interests(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<InterestRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT i.participant_id, p.name, r.name AS round_name, i.created_at, a.role AS by_role,
            st.name AS by_staff, i.note
         FROM expressions_of_interest i JOIN participants p ON p.id = i.participant_id
         LEFT JOIN programme_rounds r ON r.id = i.round_id
         LEFT JOIN accounts a ON a.id = i.created_by
         LEFT JOIN staff st ON st.id = a.staff_id
         WHERE p.unit_id = $1 AND i.handled_at IS NULL
         ORDER BY i.created_at, i.id"
    )
    .bind(unit.id())
    .fetch_all(c)
    .await)
}

/// Staff register interest for someone. `false` when one is already open.
pub(crate) async fn register_interest(
    tx: &mut Tx,
    participant: Permitted,
    note: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    insert_interest(tx, participant.id(), None, note, by, now).await
}

/// A participant's attendance over all rounds: (present, absent with notice, absent).
pub(crate) async fn attendance_summary(tx: &mut Tx, participant: Permitted) -> Result<(i64, i64, i64), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT (SELECT count(*) FROM attendance WHERE participant_id = $1 AND mark = 'present'),
                (SELECT count(*) FROM attendance WHERE participant_id = $1 AND mark = 'absent_notified'),
                (SELECT count(*) FROM attendance WHERE participant_id = $1 AND mark = 'absent')"
    )
    .bind(participant.id())
    .fetch_one(c)
    .await)
}

pub(crate) struct SessionChange<'a> {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub theme: &'a str,
    pub place: &'a str,
    pub visit_from: Option<&'a str>,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Changes a session of the permitted unit, and the meetings it put in the
/// participants' apps. A new time clears their answers (they were for the old
/// time). Returns the participants whose meetings changed.
pub(crate) async fn update_session(
    tx: &mut Tx,
    unit: PermittedUnit,
    session_id: i64,
    s: &SessionChange<'_>,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let found: Option<i64> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT s.id FROM programme_sessions s JOIN programme_rounds r ON r.id = s.round_id
         WHERE s.id = $1 AND r.unit_id = $2"
    )
    .bind(session_id)
    .bind(unit.id())
    .fetch_optional(c)
    .await)?;
    if found.is_none() {
        return Ok(None);
    }
    on_conn!(tx, |c| sqlx::query(
        "UPDATE programme_sessions SET starts_at = $2, ends_at = $3, theme = $4, place = $5, visit_from = $6
         WHERE id = $1"
    )
    .bind(session_id)
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.theme)
    .bind(s.place)
    .bind(s.visit_from)
    .execute(c)
    .await
    .map(|_| ()))?;
    let planned: Vec<(i64, i64)> = on_conn!(tx, |c| sqlx::query_as(
        "SELECT participant_id, id FROM meetings WHERE programme_session_id = $1 AND status = 'planned'
         ORDER BY participant_id, id"
    )
    .bind(session_id)
    .fetch_all(c)
    .await)?;
    let change = MeetingChange::Session { starts_at: s.starts_at, ends_at: s.ends_at, title: s.theme, place: s.place };
    for &(participant_id, meeting_id) in &planned {
        change_meeting(tx, participant_id, meeting_id, change, s.by, s.now).await?;
    }
    Ok(Some(planned.into_iter().map(|(participant_id, _)| participant_id).collect()))
}

/// A session added to a running round; those enrolled get it as a meeting.
/// Returns the new session's id and the participants who got it.
pub(crate) async fn add_session_to_round(
    tx: &mut Tx,
    unit: PermittedUnit,
    round_id: i64,
    s: &SessionChange<'_>,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    if round_in_unit(tx, unit, round_id).await?.is_none() {
        return Ok(None);
    }
    add_session(tx, round_id, s.starts_at, s.ends_at, s.theme, s.place, s.visit_from).await?;
    let enrolled: Vec<i64> = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT participant_id FROM enrolments WHERE round_id = $1 AND status = 'enrolled' ORDER BY participant_id"
    )
    .bind(round_id)
    .fetch_all(c)
    .await)?;
    for &participant_id in &enrolled {
        insert_session_meetings(tx, participant_id, round_id, s.by, s.now).await?;
    }
    Ok(Some(enrolled))
}
