//! The participant record as staff keep it: profile, consents, relatives,
//! plan versions, meetings, steps. Every function takes a `Permitted` id.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ProfileRow {
    pub name: String,
    pub preferred_name: String,
    pub unit_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub benefit_kind: crate::domain::BenefitKind,
    pub benefit_until: Option<NaiveDate>,
    pub dv_form: crate::domain::DvForm,
    pub hours_per_week: i64,
    pub ladder_step: crate::domain::LadderStep,
    pub road: crate::domain::Road,
    pub entered_on: NaiveDate,
    pub discharged_on: Option<NaiveDate>,
    pub discharge_outcome: Option<crate::domain::DischargeOutcome>,
}

pub(crate) async fn profile(tx: &mut Tx, participant: Permitted) -> Result<Option<ProfileRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT p.name, p.preferred_name, u.name AS unit_name, p.phone, p.email, p.benefit_kind,
            p.benefit_until, p.dv_form, p.hours_per_week, p.ladder_step, p.road, p.entered_on, p.discharged_on,
            p.discharge_outcome
         FROM participants p JOIN units u ON u.id = p.unit_id WHERE p.id = $1"
    )
    .bind(participant.id())
    .fetch_optional(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ConsentRow {
    pub id: i64,
    pub scope: crate::domain::ConsentScope,
    pub recipient_organisation: Option<crate::domain::Organisation>,
    pub recipient_relative: Option<String>,
    pub shared_sections: String,
    pub method: crate::domain::ConsentMethod,
    pub given_on: NaiveDate,
    pub recorded_by: Option<String>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// Every consent, in force or withdrawn, newest first.
pub(crate) async fn consents(tx: &mut Tx, participant: Permitted) -> Result<Vec<ConsentRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT c.id, c.scope, c.recipient_organisation, r.name AS recipient_relative, c.shared_sections, c.method,
            c.given_on, st.name AS recorded_by, c.withdrawn_on
         FROM consents c
         LEFT JOIN relatives r ON r.id = c.recipient_relative_id
         LEFT JOIN accounts a ON a.id = c.recorded_by
         LEFT JOIN staff st ON st.id = a.staff_id
         WHERE c.participant_id = $1 ORDER BY c.given_on DESC, c.id DESC"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

pub(crate) struct NewConsent<'a> {
    pub scope: &'a str,
    pub organisation: Option<&'a str>,
    pub relative_id: Option<i64>,
    pub shared_sections: &'a str,
    pub method: &'a str,
    pub given_on: NaiveDate,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn add_consent(tx: &mut Tx, participant: Permitted, n: &NewConsent<'_>) -> Result<i64, sqlx::Error> {
    let id = insert_consent(tx, participant.id(), n).await?;
    // A relative who now sees the meetings, and chose reminders before, gets them again.
    super::reminders::sync(tx, participant.id(), n.now).await?;
    Ok(id)
}

/// The consent write path of the app and the demo data.
pub(super) async fn insert_consent(tx: &mut Tx, participant_id: i64, n: &NewConsent<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO consents (participant_id, scope, recipient_organisation, recipient_relative_id, shared_sections,
             method, given_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(participant_id)
    .bind(n.scope)
    .bind(n.organisation)
    .bind(n.relative_id)
    .bind(n.shared_sections)
    .bind(n.method)
    .bind(n.given_on)
    .bind(n.by)
    .bind(n.now)
    .fetch_one(c)
    .await)
}

/// Withdraws a consent in force; `false` when there is none with that id.
pub(crate) async fn withdraw_consent(
    tx: &mut Tx,
    participant: Permitted,
    consent_id: i64,
    on: NaiveDate,
    by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let withdrawn = mark_consent_withdrawn(tx, participant.id(), consent_id, on, by).await?;
    // Sharing stops at once, and so do the reminders it let a relative have.
    super::reminders::sync(tx, participant.id(), super::now()).await?;
    Ok(withdrawn)
}

/// The withdrawal write path of the app and the demo data.
pub(super) async fn mark_consent_withdrawn(
    tx: &mut Tx,
    participant_id: i64,
    consent_id: i64,
    on: NaiveDate,
    by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    Ok(on_conn!(tx, |c| sqlx::query(
        "UPDATE consents SET withdrawn_on = $3, withdrawn_recorded_by = $4
         WHERE id = $1 AND participant_id = $2 AND withdrawn_on IS NULL"
    )
    .bind(consent_id)
    .bind(participant_id)
    .bind(on)
    .bind(by)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RelativeRow {
    pub id: i64,
    pub name: String,
    pub relation_kind: crate::domain::RelationKind,
    pub phone: Option<String>,
}

pub(crate) async fn relatives(tx: &mut Tx, participant: Permitted) -> Result<Vec<RelativeRow>, sqlx::Error> {
    on_conn!(tx, |c| {
        sqlx::query_as(
        "SELECT r.id, r.name, pr.relation_kind, r.phone FROM participant_relatives pr
         JOIN relatives r ON r.id = pr.relative_id WHERE pr.participant_id = $1 AND pr.ended_on IS NULL ORDER BY r.name"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ExternalRow {
    pub id: i64,
    pub name: String,
    pub organisation: crate::domain::Organisation,
    pub title: String,
}

/// The external officers who are (or were) contact persons of the participant.
pub(crate) async fn externals(tx: &mut Tx, participant: Permitted) -> Result<Vec<ExternalRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT DISTINCT e.id, e.name, e.organisation, e.title FROM contact_persons cp
         JOIN external_contacts e ON e.id = cp.external_contact_id WHERE cp.participant_id = $1 ORDER BY e.name"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

pub(crate) struct NewPlan<'a> {
    pub goal: &'a str,
    pub goal_reason: &'a str,
    pub period_start: NaiveDate,
    pub period_end: Option<NaiveDate>,
    pub days_per_week: i64,
    pub hours_per_week: i64,
    pub activities: &'a [String],
    pub follow_up: Option<(NaiveDate, &'a str)>,
    pub other_notes: &'a str,
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Saves a new version; earlier versions are never changed. Returns its id and number.
pub(crate) async fn add_plan_version(
    tx: &mut Tx,
    participant: Permitted,
    p: &NewPlan<'_>,
) -> Result<(i64, i64), sqlx::Error> {
    insert_plan_version(tx, participant.id(), p, p.follow_up.as_slice()).await
}

/// The plan write path of the app and the demo data: the next version with its
/// activities and dated follow-ups (`follow_ups`, not `p.follow_up`: the demo's
/// plans have more than the form's one). The participant's row is locked first
/// so two saves at once get versions n and n+1.
pub(super) async fn insert_plan_version(
    tx: &mut Tx,
    participant_id: i64,
    p: &NewPlan<'_>,
    follow_ups: &[(NaiveDate, &str)],
) -> Result<(i64, i64), sqlx::Error> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT id FROM participants WHERE id = $1 FOR UPDATE")
            .bind(participant_id)
            .execute(&mut **t)
            .await?;
    }
    let version: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT COALESCE(max(version), 0) + 1 FROM joint_plans WHERE participant_id = $1"
    )
    .bind(participant_id)
    .fetch_one(c)
    .await)?;
    let plan_id: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO joint_plans (participant_id, version, goal, goal_reason, period_start, period_end,
             days_per_week, hours_per_week, other_notes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(participant_id)
    .bind(version)
    .bind(p.goal)
    .bind(p.goal_reason)
    .bind(p.period_start)
    .bind(p.period_end)
    .bind(p.days_per_week)
    .bind(p.hours_per_week)
    .bind(p.other_notes)
    .bind(p.by)
    .bind(p.now)
    .fetch_one(c)
    .await)?;
    for (i, text) in p.activities.iter().enumerate() {
        on_conn!(tx, |c| sqlx::query("INSERT INTO plan_activities (plan_id, position, text) VALUES ($1, $2, $3)")
            .bind(plan_id)
            .bind(i as i64)
            .bind(text)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    for &(due_on, what) in follow_ups {
        on_conn!(tx, |c| sqlx::query("INSERT INTO plan_follow_ups (plan_id, due_on, what) VALUES ($1, $2, $3)")
            .bind(plan_id)
            .bind(due_on)
            .bind(what)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok((plan_id, version))
}

pub(crate) struct NewMeeting<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<&'a str>,
    pub video_link: Option<&'a str>,
    pub bring: &'a str,
    pub staff: &'a [i64],
    pub externals: &'a [i64],
    pub relatives: &'a [i64],
    pub by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub(crate) async fn add_meeting(tx: &mut Tx, participant: Permitted, m: &NewMeeting<'_>) -> Result<i64, sqlx::Error> {
    let id = insert_meeting(tx, participant.id(), m, &MeetingState::BOOKED).await?;
    super::reminders::sync(tx, participant.id(), m.now).await?;
    Ok(id)
}

/// What a meeting row says about how it went. Staff book a meeting planned and
/// unanswered; the demo data also writes meetings answered and held long ago.
pub(super) struct MeetingState<'a> {
    pub status: &'a str,
    pub answer: &'a str,
    pub answered_at: Option<DateTime<Utc>>,
    /// Who marked it held or cancelled, and when.
    pub updated: Option<(Option<i64>, DateTime<Utc>)>,
}

impl MeetingState<'_> {
    pub(super) const BOOKED: MeetingState<'static> =
        MeetingState { status: "planned", answer: "none", answered_at: None, updated: None };
}

/// The meeting write path of the app and the demo data: the meeting, then who comes.
pub(super) async fn insert_meeting(
    tx: &mut Tx,
    participant_id: i64,
    m: &NewMeeting<'_>,
    state: &MeetingState<'_>,
) -> Result<i64, sqlx::Error> {
    let (updated_by, updated_at) = state.updated.map_or((None, None), |(by, at)| (by, Some(at)));
    let id: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO meetings (participant_id, kind, title, starts_at, ends_at, place, video_link, bring, status,
             participant_answer, answered_at, created_by, created_at, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"
    )
    .bind(participant_id)
    .bind(m.kind)
    .bind(m.title)
    .bind(m.starts_at)
    .bind(m.ends_at)
    .bind(m.place)
    .bind(m.video_link)
    .bind(m.bring)
    .bind(state.status)
    .bind(state.answer)
    .bind(state.answered_at)
    .bind(m.by)
    .bind(m.now)
    .bind(updated_by)
    .bind(updated_at)
    .fetch_one(c)
    .await)?;
    let rows = m
        .staff
        .iter()
        .map(|&s| ("staff_id", s))
        .chain(m.externals.iter().map(|&e| ("external_contact_id", e)))
        .chain(m.relatives.iter().map(|&r| ("relative_id", r)));
    for (column, who) in rows {
        let sql = format!("INSERT INTO meeting_attendees (meeting_id, {column}) VALUES ($1, $2)");
        on_conn!(tx, |c| sqlx::query(&sql).bind(id).bind(who).execute(c).await.map(|_| ()))?;
    }
    Ok(id)
}

/// One change to a booked meeting. Every change goes through [`change_meeting`],
/// so the earlier state is always kept in `revisions`.
#[derive(Debug, Clone, Copy)]
pub(super) enum MeetingChange<'a> {
    /// A new time; planned again. Not for a held meeting.
    Time { starts_at: DateTime<Utc>, ends_at: DateTime<Utc> },
    /// From one status to another: cancelled or held, or planned again when
    /// someone comes back to a programme round.
    Status { from: &'a str, to: &'a str },
    /// The programme session behind a planned meeting changed.
    Session { starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, title: &'a str, place: &'a str },
}

/// The fields of a meeting that a change can touch; the earlier ones go to `revisions`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
struct MeetingFields {
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    title: String,
    place: Option<String>,
    participant_answer: String,
    answered_at: Option<DateTime<Utc>>,
}

impl MeetingChange<'_> {
    /// The meeting after the change, or `None` when the change does not apply to
    /// it (a held meeting cannot be moved; a status change needs the `from` status).
    fn apply(self, old: &MeetingFields) -> Option<MeetingFields> {
        let mut new = old.clone();
        let new_time = match self {
            MeetingChange::Time { starts_at, ends_at } => {
                if old.status == "held" {
                    return None;
                }
                new.status = "planned".to_owned();
                Some((starts_at, ends_at))
            }
            MeetingChange::Status { from, to } => {
                if old.status != from {
                    return None;
                }
                new.status = to.to_owned();
                None
            }
            MeetingChange::Session { starts_at, ends_at, title, place } => {
                if old.status != "planned" {
                    return None;
                }
                new.title = title.to_owned();
                new.place = Some(place.to_owned());
                Some((starts_at, ends_at))
            }
        };
        // The participant's answer was for the old time: a new time asks for a new one.
        // Staff moving a meeting by hand ask again even when the time stayed the same.
        if let Some((starts_at, ends_at)) = new_time {
            if (starts_at, ends_at) != (old.starts_at, old.ends_at) || matches!(self, MeetingChange::Time { .. }) {
                new.participant_answer = "none".to_owned();
                new.answered_at = None;
            }
            new.starts_at = starts_at;
            new.ends_at = ends_at;
        }
        Some(new)
    }
}

/// Changes one of the participant's meetings and keeps its earlier state in
/// `revisions`. `false` when the participant has no such meeting or the change
/// does not apply to it.
pub(super) async fn change_meeting(
    tx: &mut Tx,
    participant_id: i64,
    meeting_id: i64,
    change: MeetingChange<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    // Locked on PostgreSQL so the revision holds the state the update replaced;
    // SQLite's `BEGIN IMMEDIATE` already admits one writer.
    let lock = if matches!(tx, Tx::Postgres(_)) { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT status, starts_at, ends_at, title, place, participant_answer, answered_at FROM meetings
         WHERE id = $1 AND participant_id = $2{lock}"
    );
    let old: Option<MeetingFields> =
        on_conn!(tx, |c| sqlx::query_as(&sql).bind(meeting_id).bind(participant_id).fetch_optional(c).await)?;
    let Some(old) = old else { return Ok(false) };
    let Some(new) = change.apply(&old) else { return Ok(false) };
    let kept = serde_json::json!({
        "status": old.status,
        "starts_at": old.starts_at,
        "ends_at": old.ends_at,
        "title": old.title,
        "place": old.place,
        "answer": old.participant_answer,
        "answered_at": old.answered_at,
    });
    super::revisions::insert(tx, "meeting", meeting_id, &kept.to_string(), by, now).await?;
    on_conn!(tx, |c| sqlx::query(
        "UPDATE meetings SET status = $2, starts_at = $3, ends_at = $4, title = $5, place = $6,
             participant_answer = $7, answered_at = $8, updated_by = $9, updated_at = $10
         WHERE id = $1"
    )
    .bind(meeting_id)
    .bind(&new.status)
    .bind(new.starts_at)
    .bind(new.ends_at)
    .bind(&new.title)
    .bind(new.place.as_deref())
    .bind(&new.participant_answer)
    .bind(new.answered_at)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    // The reminders follow the meeting, in the same transaction. A new status
    // or time tells those with reminders on; anything else (held, the
    // answer cleared) only puts the reminders in step.
    use crate::domain::ReminderKind;
    // Someone back in a programme round gets its sessions back without a notice.
    let (was, is) = (old.starts_at, new.starts_at);
    if old.status == "planned" && new.status == "cancelled" {
        super::reminders::notify(tx, participant_id, meeting_id, ReminderKind::Cancelled, was, was, now).await?;
    } else if old.status == "planned" && new.status == "planned" && is != was {
        super::reminders::notify(tx, participant_id, meeting_id, ReminderKind::Moved, is, was, now).await?;
    } else {
        super::reminders::sync(tx, participant_id, now).await?;
    }
    Ok(true)
}

/// New time for a meeting. The participant's answer was for the old time, so it is cleared.
pub(crate) async fn reschedule(
    tx: &mut Tx,
    participant: Permitted,
    meeting_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    change_meeting(tx, participant.id(), meeting_id, MeetingChange::Time { starts_at, ends_at }, by, now).await
}

/// Cancelled or held. A held meeting cannot be cancelled afterwards, and the reverse.
pub(crate) async fn set_meeting_status(
    tx: &mut Tx,
    participant: Permitted,
    meeting_id: i64,
    status: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let change = MeetingChange::Status { from: "planned", to: status };
    change_meeting(tx, participant.id(), meeting_id, change, by, now).await
}

/// A step on the ladder: the move is recorded and the participant's step follows.
pub(crate) async fn move_on_ladder(
    tx: &mut Tx,
    participant: Permitted,
    to_step: &str,
    moved_on: NaiveDate,
    note: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let from: Option<String> =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT ladder_step FROM participants WHERE id = $1")
            .bind(participant.id())
            .fetch_optional(c)
            .await)?;
    insert_ladder_move(tx, participant.id(), (from.as_deref(), to_step), moved_on, note, by, now).await
}

/// The ladder write path of the app and the demo data (whose first move, into
/// DV, comes from no step): the move, and the participant's step follows.
pub(super) async fn insert_ladder_move(
    tx: &mut Tx,
    participant_id: i64,
    (from, to_step): (Option<&str>, &str),
    moved_on: NaiveDate,
    note: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO ladder_moves (participant_id, from_step, to_step, moved_on, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(participant_id)
    .bind(from)
    .bind(to_step)
    .bind(moved_on)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query("UPDATE participants SET ladder_step = $2 WHERE id = $1")
        .bind(participant_id)
        .bind(to_step)
        .execute(c)
        .await
        .map(|_| ()))
}

/// A change within DV (group or placement, hours a week); the old values go to `revisions`.
/// A change within DV as staff record it.
pub(crate) struct NewDvChange<'a> {
    pub dv_form: &'a str,
    pub hours_per_week: i64,
    pub on: NaiveDate,
    /// Another group or placement, even when the form stays the same.
    pub new_place: bool,
}

/// A change of form, hours or place: a row in `dv_changes` (what the
/// follow-up counts), and the earlier form and hours in `revisions`. Saving
/// what already holds, with the same place, writes nothing.
pub(crate) async fn change_dv(
    tx: &mut Tx,
    participant: Permitted,
    change: &NewDvChange<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // Locked on PostgreSQL so the change row and the revision hold the values the update replaced.
    let lock = if matches!(tx, Tx::Postgres(_)) { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT dv_form, hours_per_week FROM participants WHERE id = $1{lock}");
    let old: (String, i64) = on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_one(c).await)?;
    let same = old.0 == change.dv_form && old.1 == change.hours_per_week;
    if same && !change.new_place {
        return Ok(());
    }
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO dv_changes (participant_id, changed_on, from_form, to_form, from_hours, to_hours, new_place,
                                 recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(participant.id())
    .bind(change.on)
    .bind(&old.0)
    .bind(change.dv_form)
    .bind(old.1)
    .bind(change.hours_per_week)
    .bind(change.new_place)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    if same {
        return Ok(());
    }
    let value = serde_json::json!({ "dv_form": old.0, "hours_per_week": old.1 }).to_string();
    super::revisions::insert(tx, "participant_dv", participant.id(), &value, by, now).await?;
    on_conn!(tx, |c| sqlx::query("UPDATE participants SET dv_form = $2, hours_per_week = $3 WHERE id = $1")
        .bind(participant.id())
        .bind(change.dv_form)
        .bind(change.hours_per_week)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Staff choose the participant's road; the earlier one goes to `revisions`.
/// `false` when it already was that road (nothing is written).
pub(crate) async fn change_road(
    tx: &mut Tx,
    participant: Permitted,
    road: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    // Locked on PostgreSQL so the revision holds the road the update replaced.
    let lock = if matches!(tx, Tx::Postgres(_)) { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT road FROM participants WHERE id = $1{lock}");
    let old: String = on_conn!(tx, |c| sqlx::query_scalar(&sql).bind(participant.id()).fetch_one(c).await)?;
    if old == road {
        return Ok(false);
    }
    let value = serde_json::json!({ "road": old }).to_string();
    super::revisions::insert(tx, "participant_road", participant.id(), &value, by, now).await?;
    on_conn!(tx, |c| sqlx::query("UPDATE participants SET road = $2 WHERE id = $1")
        .bind(participant.id())
        .bind(road)
        .execute(c)
        .await
        .map(|_| true))
}

/// The participant leaves DV on a day with an outcome (`Some`), or comes back
/// (`None`: a return while the decision rested); the earlier state goes to
/// `revisions`. Coming back writes nothing for someone who never left.
pub(crate) async fn set_discharge(
    tx: &mut Tx,
    participant: Permitted,
    discharge: Option<(NaiveDate, &str)>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let old: (Option<NaiveDate>, Option<String>) =
        on_conn!(tx, |c| sqlx::query_as("SELECT discharged_on, discharge_outcome FROM participants WHERE id = $1")
            .bind(participant.id())
            .fetch_one(c)
            .await)?;
    if discharge.is_none() && old.0.is_none() {
        return Ok(());
    }
    let value = serde_json::json!({ "discharged_on": old.0, "discharge_outcome": old.1 }).to_string();
    super::revisions::insert(tx, "participant_discharge", participant.id(), &value, by, now).await?;
    on_conn!(tx, |c| sqlx::query("UPDATE participants SET discharged_on = $2, discharge_outcome = $3 WHERE id = $1")
        .bind(participant.id())
        .bind(discharge.map(|(on, _)| on))
        .bind(discharge.map(|(_, outcome)| outcome))
        .execute(c)
        .await
        .map(|_| ()))
}

/// At discharge the participant's own way in closes: the account is disabled
/// with a new session secret (every session ends at once), unused sign-in
/// codes are retired and passkeys marked removed. The account id, or `None`
/// when the participant has no account or it was closed already.
pub(crate) async fn close_account(
    tx: &mut Tx,
    participant: Permitted,
    session_secret: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let account: Option<i64> = on_conn!(tx, |c| sqlx::query_scalar(
        "UPDATE accounts SET disabled_at = $1, session_secret = $2
         WHERE participant_id = $3 AND disabled_at IS NULL RETURNING id"
    )
    .bind(now)
    .bind(session_secret)
    .bind(participant.id())
    .fetch_optional(c)
    .await)?;
    let Some(account) = account else { return Ok(None) };
    super::accounts::retire_codes(tx, account, now).await?;
    on_conn!(tx, |c| sqlx::query(
        "UPDATE passkeys SET removed_at = $1, removed_by = $2 WHERE account_id = $3 AND removed_at IS NULL"
    )
    .bind(now)
    .bind(by)
    .bind(account)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(Some(account))
}

/// A return to DV opens the participant's account again if a discharge closed
/// it. Nothing closed with it comes back: the passkeys stay removed and the old
/// codes retired, so the participant signs in with a new code from staff.
/// The account id, or `None` when there was no closed account.
pub(crate) async fn reopen_account(tx: &mut Tx, participant: Permitted) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "UPDATE accounts SET disabled_at = NULL WHERE participant_id = $1 AND disabled_at IS NOT NULL RETURNING id"
    )
    .bind(participant.id())
    .fetch_optional(c)
    .await)
}

/// One employment as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct EmploymentRow {
    pub id: i64,
    pub participant_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub hours_per_week: i64,
    pub employer_kind: crate::domain::EmployerKind,
}

impl EmploymentRow {
    /// The domain's employment; `None` for hours the schema's CHECK keeps out.
    pub fn employment(&self) -> Option<crate::domain::Employment> {
        let hours = u8::try_from(self.hours_per_week).ok().and_then(|h| crate::domain::HoursPerWeek::new(h).ok())?;
        Some(crate::domain::Employment {
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            hours_per_week: hours,
            employer: self.employer_kind,
        })
    }
}

/// The participant's employments, the latest first.
pub(crate) async fn employments(tx: &mut Tx, participant: Permitted) -> Result<Vec<EmploymentRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT id, participant_id, starts_on, ends_on, hours_per_week, employer_kind FROM employments
         WHERE participant_id = $1 ORDER BY starts_on DESC, id DESC"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

pub(crate) async fn add_employment(
    tx: &mut Tx,
    participant: Permitted,
    job: &crate::domain::Employment,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    insert_employment(tx, participant.id(), job, by, now).await
}

/// For the seed, which writes its own participants.
pub(super) async fn insert_employment(
    tx: &mut Tx,
    participant_id: i64,
    job: &crate::domain::Employment,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO employments (participant_id, starts_on, ends_on, hours_per_week, employer_kind, recorded_by,
                                  recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(participant_id)
    .bind(job.starts_on)
    .bind(job.ends_on)
    .bind(i64::from(job.hours_per_week.get()))
    .bind(job.employer)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Sets the last day of one of the participant's employments that is still
/// running. An end is written once and never overwritten (so it needs no
/// revision); `false` when the employment is not theirs, has ended already,
/// or would end before it began.
pub(crate) async fn end_employment(
    tx: &mut Tx,
    participant: Permitted,
    employment_id: i64,
    ends_on: NaiveDate,
) -> Result<bool, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE employments SET ends_on = $3
         WHERE id = $1 AND participant_id = $2 AND ends_on IS NULL AND starts_on <= $3"
    )
    .bind(employment_id)
    .bind(participant.id())
    .bind(ends_on)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}
