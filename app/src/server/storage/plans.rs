//! Joint plans: versioned, a save is a new version, old versions stay.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use chrono::NaiveDate;

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
}

/// The newest version of the participant's plan.
pub(crate) async fn current(tx: &mut Tx, participant: Permitted) -> Result<Option<PlanRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT id, version, goal, goal_reason, period_start, period_end, days_per_week, hours_per_week, other_notes
         FROM joint_plans WHERE participant_id = $1 ORDER BY version DESC LIMIT 1"
    )
    .bind(participant.id())
    .fetch_optional(c)
    .await)
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
pub(crate) async fn benefit_kind(tx: &mut Tx, participant: Permitted) -> Result<Option<String>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT benefit_kind FROM participants WHERE id = $1")
        .bind(participant.id())
        .fetch_optional(c)
        .await)
}
