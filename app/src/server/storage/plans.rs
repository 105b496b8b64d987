//! Joint plans: versioned, a save is a new version, old versions stay.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct PlanRow {
    pub id: i64,
    pub version: i64,
    pub goal: String,
    pub goal_reason: String,
    pub period_start: NaiveDate,
    pub period_end: Option<NaiveDate>,
    pub days_per_week: i64,
    pub hours_per_week: i64,
    pub other_notes: String,
    /// The staff member who saved this version.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

const PLAN_SELECT: &str = "SELECT j.id, j.version, j.goal, j.goal_reason, j.period_start, j.period_end,
    j.days_per_week, j.hours_per_week, j.other_notes, st.name AS author, j.created_at
    FROM joint_plans j LEFT JOIN accounts a ON a.id = j.created_by LEFT JOIN staff st ON st.id = a.staff_id
    WHERE j.participant_id = $1 ORDER BY j.version DESC";

/// The newest version of the participant's plan.
pub(crate) async fn current(tx: &mut Tx, participant: Permitted) -> Result<Option<PlanRow>, sqlx::Error> {
    let sql = format!("{PLAN_SELECT} LIMIT 1");
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_optional(c).await)
}

/// Every version of the plan, newest first.
pub(crate) async fn versions(tx: &mut Tx, participant: Permitted) -> Result<Vec<PlanRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(PLAN_SELECT).bind(participant.id()).fetch_all(c).await)
}

/// The plan's activities in order. Called with a plan read under a permit.
pub(crate) async fn activities(tx: &mut Tx, plan_id: i64) -> Result<Vec<String>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT text FROM plan_activities WHERE plan_id = $1 ORDER BY position, id")
        .bind(plan_id)
        .fetch_all(c)
        .await)
}

/// The plan's dated follow-ups. Called with a plan read under a permit.
pub(crate) async fn follow_ups(tx: &mut Tx, plan_id: i64) -> Result<Vec<(NaiveDate, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT due_on, what FROM plan_follow_ups WHERE plan_id = $1 ORDER BY due_on, id")
        .bind(plan_id)
        .fetch_all(c)
        .await)
}

/// The participant's benefit, for the "Vad betyder det?" explanations.
pub(crate) async fn benefit_kind(
    tx: &mut Tx,
    participant: Permitted,
) -> Result<Option<crate::domain::BenefitKind>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT benefit_kind FROM participants WHERE id = $1")
        .bind(participant.id())
        .fetch_optional(c)
        .await)
}
