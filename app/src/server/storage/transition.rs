//! The clocks of the transition out of DV: one dated row a kind a participant
//! (`transition_dates`). A new date for a kind replaces the row and keeps the
//! old one in `revisions`, as every correction does.

use super::{Tx, on_conn};
use crate::domain::{ClockKind, TransitionDate};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct TransitionDateRow {
    pub participant_id: i64,
    pub kind: ClockKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub note: String,
}

impl TransitionDateRow {
    pub fn date(&self) -> TransitionDate {
        TransitionDate { kind: self.kind, starts_on: self.starts_on, ends_on: self.ends_on, closed_on: self.closed_on }
    }
}

const SELECT: &str =
    "SELECT t.participant_id, t.kind, t.starts_on, t.ends_on, t.closed_on, t.note FROM transition_dates t";

/// The participant's recorded dates, in the order the process reaches them.
pub(crate) async fn of_participant(tx: &mut Tx, participant: Permitted) -> Result<Vec<TransitionDateRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE t.participant_id = $1 ORDER BY t.starts_on, t.id");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_all(c).await)
}

/// A running clock of one of the unit's participants, with their name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct UnitClockRow {
    pub name: String,
    #[sqlx(flatten)]
    pub date: TransitionDateRow,
}

/// Every running clock of the unit's participants (discharged ones too: a
/// resting decision or FSF's support runs on after DV ends).
pub(crate) async fn running_in_unit(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<UnitClockRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT p.name, t.participant_id, t.kind, t.starts_on, t.ends_on, t.closed_on, t.note
         FROM transition_dates t JOIN participants p ON p.id = t.participant_id
         WHERE p.unit_id = $1 AND t.closed_on IS NULL ORDER BY t.participant_id, t.starts_on"
    )
    .bind(unit.id())
    .fetch_all(c)
    .await)
}

/// Förlängt stöd of the unit's participants that ends in `[from, to]`, with their names.
pub(crate) async fn extended_support_ending(
    tx: &mut Tx,
    unit: PermittedUnit,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, String, NaiveDate)>, sqlx::Error> {
    on_conn!(tx, |c| {
        sqlx::query_as(
        "SELECT e.participant_id, p.name, e.ends_on FROM extended_support e JOIN participants p ON p.id = e.participant_id
         WHERE p.unit_id = $1 AND e.ends_on >= $2 AND e.ends_on <= $3 ORDER BY e.ends_on"
    )
    .bind(unit.id())
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await
    })
}

pub(crate) struct NewDate<'a> {
    pub kind: ClockKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub note: &'a str,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Records a date; one that replaces an earlier date of the kind keeps the
/// earlier row in `revisions`.
pub(crate) async fn record(tx: &mut Tx, participant: Permitted, new: &NewDate<'_>) -> Result<(), sqlx::Error> {
    let old = current(tx, participant.id(), new.kind).await?;
    if let Some((id, kept)) = old {
        super::revisions::insert(tx, "transition_date", id, &kept, new.by, new.now).await?;
        on_conn!(tx, |c| sqlx::query(
            "UPDATE transition_dates SET starts_on = $2, ends_on = $3, closed_on = NULL, note = $4, recorded_by = $5,
                 recorded_at = $6 WHERE id = $1"
        )
        .bind(id)
        .bind(new.starts_on)
        .bind(new.ends_on)
        .bind(new.note)
        .bind(new.by)
        .bind(new.now)
        .execute(c)
        .await
        .map(|_| ()))
    } else {
        insert(tx, participant.id(), new).await
    }
}

/// The write path of the app and the demo data: a participant's first date of a kind.
pub(super) async fn insert(tx: &mut Tx, participant_id: i64, new: &NewDate<'_>) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO transition_dates (participant_id, kind, starts_on, ends_on, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(participant_id)
    .bind(new.kind.as_str())
    .bind(new.starts_on)
    .bind(new.ends_on)
    .bind(new.note)
    .bind(new.by)
    .bind(new.now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Stops the resting decision's clock: the participant came back on `on`.
/// `false` when no resting decision is running.
pub(crate) async fn close_resting(
    tx: &mut Tx,
    participant: Permitted,
    on: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let Some((id, kept)) = current(tx, participant.id(), ClockKind::RestingDecision).await? else {
        return Ok(false);
    };
    super::revisions::insert(tx, "transition_date", id, &kept, by, now).await?;
    on_conn!(tx, |c| sqlx::query(
        "UPDATE transition_dates SET closed_on = $2, recorded_by = $3, recorded_at = $4
         WHERE id = $1 AND closed_on IS NULL"
    )
    .bind(id)
    .bind(on)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    id: i64,
    #[sqlx(flatten)]
    row: TransitionDateRow,
}

/// The row of a kind, locked on PostgreSQL so the revision holds what the
/// change replaced, with its values as JSON for `revisions`.
async fn current(tx: &mut Tx, participant_id: i64, kind: ClockKind) -> Result<Option<(i64, String)>, sqlx::Error> {
    let lock = if matches!(tx, Tx::Postgres(_)) { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT t.id, t.participant_id, t.kind, t.starts_on, t.ends_on, t.closed_on, t.note FROM transition_dates t
         WHERE t.participant_id = $1 AND t.kind = $2{lock}"
    );
    let stored: Option<StoredRow> =
        on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant_id).bind(kind.as_str()).fetch_optional(c).await)?;
    Ok(stored.map(|StoredRow { id, row }| {
        let kept = serde_json::json!({
            "participant_id": row.participant_id,
            "kind": row.kind.as_str(),
            "starts_on": row.starts_on,
            "ends_on": row.ends_on,
            "closed_on": row.closed_on,
            "note": row.note,
        });
        (id, kept.to_string())
    }))
}
