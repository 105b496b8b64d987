//! What the staff start page needs about a unit's participants: who has
//! meetings this week, plan follow-ups due, a GK without consent, a place in
//! the programme queue, and whose contact person the staff member is.

use super::{Tx, on_conn};
use crate::server::access::PermittedUnit;
use chrono::{DateTime, NaiveDate, Utc};

/// Planned meetings per participant in `[from, to)`.
pub(crate) async fn meetings_between(
    tx: &mut Tx,
    unit: PermittedUnit,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT m.participant_id, count(*) FROM meetings m JOIN participants p ON p.id = m.participant_id
         WHERE p.unit_id = $1 AND m.status = 'planned' AND m.starts_at >= $2 AND m.starts_at < $3
         GROUP BY m.participant_id"
    )
    .bind(unit.id())
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)
}

/// The first follow-up of each current plan that is due by `by`.
pub(crate) async fn follow_ups_due(
    tx: &mut Tx,
    unit: PermittedUnit,
    by: NaiveDate,
) -> Result<Vec<(i64, NaiveDate)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        // From the unit's participants to each one's newest plan to its
        // follow-ups, every step by an index. (Started from the follow-ups,
        // PostgreSQL read all 400 000 of the national data set: 2.2 s.)
        "SELECT j.participant_id, min(f.due_on) FROM participants p
         JOIN joint_plans j ON j.participant_id = p.id
           AND j.version = (SELECT max(j2.version) FROM joint_plans j2 WHERE j2.participant_id = p.id)
         JOIN plan_follow_ups f ON f.plan_id = j.id
         WHERE p.unit_id = $1 AND f.due_on <= $2
         GROUP BY j.participant_id"
    )
    .bind(unit.id())
    .bind(by)
    .fetch_all(c)
    .await)
}

/// Participants with a GK planned and no consent in force that lets DV talk to FK.
pub(crate) async fn assessment_without_consent(
    tx: &mut Tx,
    unit: PermittedUnit,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT DISTINCT m.participant_id FROM meetings m JOIN participants p ON p.id = m.participant_id
         WHERE p.unit_id = $1 AND m.status = 'planned' AND m.ends_at > $2
           AND m.kind IN ('joint_assessment_1', 'joint_assessment_2', 'joint_assessment_3')
           AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.participant_id = m.participant_id
               AND c.scope = 'dv_fk_contact' AND c.given_on <= $3
               AND (c.withdrawn_on IS NULL OR c.withdrawn_on > $3))"
    )
    .bind(unit.id())
    .bind(now)
    .bind(today)
    .fetch_all(c)
    .await)
}

/// Participants waiting for the programme: on a waiting list or with an open expression of interest.
pub(crate) async fn waiting_for_programme(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT p.id FROM participants p WHERE p.unit_id = $1 AND (
             EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id AND e.status = 'waiting')
          OR EXISTS (SELECT 1 FROM expressions_of_interest i WHERE i.participant_id = p.id AND i.handled_at IS NULL))"
    )
    .bind(unit.id())
    .fetch_all(c)
    .await)
}

/// The participants this staff member is a contact person for today.
pub(crate) async fn contact_of(
    tx: &mut Tx,
    unit: PermittedUnit,
    staff_id: i64,
    today: NaiveDate,
) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT DISTINCT cp.participant_id FROM contact_persons cp JOIN participants p ON p.id = cp.participant_id
         WHERE p.unit_id = $1 AND cp.staff_id = $2 AND cp.since <= $3 AND (cp.until IS NULL OR cp.until > $3)"
    )
    .bind(unit.id())
    .bind(staff_id)
    .bind(today)
    .fetch_all(c)
    .await)
}

/// The unit's participants with skyddade personuppgifter whom `staff_id` (the
/// one asking; `None` for someone who is nobody's contact person) is not a
/// contact person of: they are left out of every list the asker sees. The
/// same condition as the policy's (`participants::unit_of`).
pub(crate) async fn shielded_ids(
    tx: &mut Tx,
    unit: PermittedUnit,
    staff_id: Option<i64>,
) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT p.id FROM participants p WHERE p.unit_id = $1 AND p.protected_identity
           AND NOT EXISTS (SELECT 1 FROM contact_persons cp
               WHERE cp.participant_id = p.id AND cp.staff_id = $2 AND cp.until IS NULL)"
    )
    .bind(unit.id())
    .bind(staff_id)
    .fetch_all(c)
    .await)
}
