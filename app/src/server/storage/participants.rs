//! Participants, their relatives' consents and their contact persons.

use super::{Tx, on_conn};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::NaiveDate;

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ParticipantRow {
    pub id: i64,
    pub name: String,
    pub preferred_name: String,
    pub ladder_step: crate::domain::LadderStep,
    pub dv_form: crate::domain::DvForm,
    pub benefit_kind: crate::domain::BenefitKind,
    pub benefit_until: Option<NaiveDate>,
    pub road: crate::domain::Road,
}

impl ParticipantRow {
    /// The participant's way up the ladder: their road, and whether FK pays them.
    pub fn way(&self) -> crate::domain::Way {
        crate::domain::Way::new(self.road, self.benefit_kind)
    }
}

const PARTICIPANT_SELECT: &str =
    "SELECT id, name, preferred_name, ladder_step, dv_form, benefit_kind, benefit_until, road FROM participants";

/// The facts the policy needs about a participant for staff: their unit, and
/// whether they have skyddade personuppgifter while `staff_id` (the one asking,
/// if staff) is not one of their contact persons today.
pub(crate) async fn unit_of(
    tx: &mut Tx,
    participant_id: i64,
    staff_id: Option<i64>,
) -> Result<Option<(i64, bool)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT p.unit_id, (p.protected_identity AND NOT EXISTS (
                SELECT 1 FROM contact_persons cp
                WHERE cp.participant_id = p.id AND cp.staff_id = $2 AND cp.until IS NULL)) AS shielded
         FROM participants p WHERE p.id = $1"
    )
    .bind(participant_id)
    .bind(staff_id)
    .fetch_optional(c)
    .await)
}

pub(crate) async fn by_id(tx: &mut Tx, participant: Permitted) -> Result<Option<ParticipantRow>, sqlx::Error> {
    let sql = format!("{PARTICIPANT_SELECT} WHERE id = $1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_optional(c).await)
}

pub(crate) async fn in_unit(tx: &mut Tx, unit: PermittedUnit) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    let sql = format!("{PARTICIPANT_SELECT} WHERE unit_id = $1 AND discharged_on IS NULL ORDER BY name");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).fetch_all(c).await)
}

pub(crate) async fn unit_name(tx: &mut Tx, unit: PermittedUnit) -> Result<Option<String>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT name FROM units WHERE id = $1").bind(unit.id()).fetch_optional(c).await)
}

/// The participants a relative (or god man) is linked to.
pub(crate) async fn participants_of_relative(tx: &mut Tx, relative_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT participant_id FROM participant_relatives
         WHERE relative_id = $1 AND ended_on IS NULL ORDER BY participant_id"
    )
    .bind(relative_id)
    .fetch_all(c)
    .await)
}

/// Every sharing consent in force today for this relative: (participant, the
/// comma-separated sections it shares).
pub(crate) async fn shares_of_relative(
    tx: &mut Tx,
    relative_id: i64,
    today: NaiveDate,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT participant_id, shared_sections FROM consents
         WHERE recipient_relative_id = $1 AND scope = 'share_with_relative'
           AND given_on <= $2 AND (withdrawn_on IS NULL OR withdrawn_on > $2)"
    )
    .bind(relative_id)
    .bind(today)
    .fetch_all(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ContactRow {
    pub name: String,
    pub role_in_case: String,
    pub organisation: Option<crate::domain::Organisation>,
    pub staff_role: Option<crate::domain::StaffRole>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Contact persons in force today, staff first.
pub(crate) async fn contact_persons(
    tx: &mut Tx,
    participant: Permitted,
    today: NaiveDate,
) -> Result<Vec<ContactRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT COALESCE(s.name, e.name) AS name, cp.role_in_case,
                e.organisation, s.role AS staff_role, COALESCE(s.phone, e.phone) AS phone,
                COALESCE(s.email, e.email) AS email
         FROM contact_persons cp
         LEFT JOIN staff s ON s.id = cp.staff_id
         LEFT JOIN external_contacts e ON e.id = cp.external_contact_id
         WHERE cp.participant_id = $1 AND cp.since <= $2 AND (cp.until IS NULL OR cp.until > $2)
         ORDER BY (cp.staff_id IS NULL), cp.id"
    )
    .bind(participant.id())
    .bind(today)
    .fetch_all(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct LadderMoveRow {
    pub to_step: crate::domain::LadderStep,
    pub moved_on: NaiveDate,
}

/// The participant's steps on the ladder, oldest first.
pub(crate) async fn ladder_moves(tx: &mut Tx, participant: Permitted) -> Result<Vec<LadderMoveRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT to_step, moved_on FROM ladder_moves WHERE participant_id = $1 ORDER BY moved_on, id"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}
