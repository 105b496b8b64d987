//! Meetings and who comes to them.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct MeetingRow {
    pub id: i64,
    pub kind: crate::domain::MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub bring: String,
    pub status: crate::domain::MeetingStatus,
    pub participant_answer: crate::domain::MeetingAnswer,
}

const MEETING_SELECT: &str = "SELECT id, kind, title, starts_at, ends_at, place,
    video_link, bring, status, participant_answer FROM meetings";

/// The participant's next planned meeting that has not ended yet.
pub(crate) async fn next_for(
    tx: &mut Tx,
    participant: Permitted,
    now: DateTime<Utc>,
) -> Result<Option<MeetingRow>, sqlx::Error> {
    let sql = format!(
        "{MEETING_SELECT} WHERE participant_id = $1 AND status = 'planned' AND ends_at > $2
         ORDER BY starts_at LIMIT 1"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).bind(now).fetch_optional(c).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct AttendeeRow {
    pub name: String,
    /// "staff", "external" or "relative".
    pub kind: String,
    /// Staff role, external organisation or relation kind (a domain code).
    pub detail: String,
    pub title: Option<String>,
}

/// All of a participant's meetings, in time order.
pub(crate) async fn for_participant(tx: &mut Tx, participant: Permitted) -> Result<Vec<MeetingRow>, sqlx::Error> {
    let sql = format!("{MEETING_SELECT} WHERE participant_id = $1 ORDER BY starts_at");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_all(c).await)
}

/// Whose meeting this is: the fact the policy needs.
pub(crate) async fn participant_of(tx: &mut Tx, meeting_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT participant_id FROM meetings WHERE id = $1")
        .bind(meeting_id)
        .fetch_optional(c)
        .await)
}

/// One meeting, if it is the permitted participant's.
pub(crate) async fn by_id(
    tx: &mut Tx,
    participant: Permitted,
    meeting_id: i64,
) -> Result<Option<MeetingRow>, sqlx::Error> {
    let sql = format!("{MEETING_SELECT} WHERE id = $1 AND participant_id = $2");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(meeting_id).bind(participant.id()).fetch_optional(c).await)
}

/// The participant's answer ("coming", "not_coming"); only for a planned meeting.
pub(crate) async fn set_answer(
    tx: &mut Tx,
    participant: Permitted,
    meeting_id: i64,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let changed = on_conn!(tx, |c| sqlx::query(
        "UPDATE meetings SET participant_answer = $1, answered_at = $2
         WHERE id = $3 AND participant_id = $4 AND status = 'planned'"
    )
    .bind(answer)
    .bind(now)
    .bind(meeting_id)
    .bind(participant.id())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    // "Jag kan inte komma" stops the meeting's reminders; "Jag kommer" brings them back.
    super::reminders::sync(tx, participant.id(), now).await?;
    Ok(changed)
}

/// Who comes to a meeting. Called with the id of a meeting read under a permit.
pub(crate) async fn attendees(tx: &mut Tx, meeting_id: i64) -> Result<Vec<AttendeeRow>, sqlx::Error> {
    let rows = attendees_of(tx, &[meeting_id]).await?;
    Ok(rows.into_iter().map(|(_, attendee)| attendee).collect())
}

/// Who comes to each of these meetings (read under a permit), in one
/// statement per 500 meetings: a record with five years of meetings asked
/// once per meeting took a hundred statements.
pub(crate) async fn attendees_of(tx: &mut Tx, meeting_ids: &[i64]) -> Result<Vec<(i64, AttendeeRow)>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in meeting_ids.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT ma.meeting_id, COALESCE(s.name, e.name, r.name) AS name,
                    CASE WHEN s.id IS NOT NULL THEN 'staff'
                         WHEN e.id IS NOT NULL THEN 'external' ELSE 'relative' END AS kind,
                    COALESCE(s.role, e.organisation, pr.relation_kind, 'other_relative') AS detail,
                    e.title
             FROM meeting_attendees ma
             JOIN meetings m ON m.id = ma.meeting_id
             LEFT JOIN staff s ON s.id = ma.staff_id
             LEFT JOIN external_contacts e ON e.id = ma.external_contact_id
             LEFT JOIN relatives r ON r.id = ma.relative_id
             LEFT JOIN participant_relatives pr
                    ON pr.relative_id = ma.relative_id AND pr.participant_id = m.participant_id AND pr.ended_on IS NULL
             WHERE ma.meeting_id IN ({})
             ORDER BY ma.meeting_id, ma.id",
            placeholders.join(", ")
        );
        let rows: Vec<MeetingAttendeeRow> = on_conn!(tx, |c| {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(c).await
        })?;
        found.extend(rows.into_iter().map(|r| (r.meeting_id, r.attendee)));
    }
    Ok(found)
}

#[derive(sqlx::FromRow)]
struct MeetingAttendeeRow {
    meeting_id: i64,
    #[sqlx(flatten)]
    attendee: AttendeeRow,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct NextMeetingRow {
    pub participant_id: i64,
    pub starts_at: DateTime<Utc>,
    pub participant_answer: crate::domain::MeetingAnswer,
}

/// Each participant's next planned meeting in a unit, for the staff roster.
pub(crate) async fn next_in_unit(
    tx: &mut Tx,
    unit: crate::server::access::PermittedUnit,
    now: DateTime<Utc>,
) -> Result<Vec<NextMeetingRow>, sqlx::Error> {
    on_conn!(tx, |c| {
        sqlx::query_as(
        "SELECT m.participant_id, m.starts_at, m.participant_answer FROM meetings m
         JOIN participants p ON p.id = m.participant_id
         WHERE p.unit_id = $1 AND m.status = 'planned' AND m.ends_at > $2
           AND m.starts_at = (SELECT min(m2.starts_at) FROM meetings m2
                              WHERE m2.participant_id = m.participant_id AND m2.status = 'planned' AND m2.ends_at > $2)"
    )
    .bind(unit.id())
    .bind(now)
    .fetch_all(c)
    .await
    })
}
