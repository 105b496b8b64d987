//! What the follow-up counts (issue 13): for everyone in a unit (or in every
//! unit) during a period, the facts [`crate::domain::follow_up::tables`] needs.
//! Three statements whatever the number of participants: the people, their
//! changes within DV, and the days of their gemensam kartläggning.

use super::{Tx, on_conn};
use crate::domain::follow_up::{DvStep, Facts, Period};
use crate::domain::{BenefitKind, DischargeOutcome, DvForm, Gender};
use crate::server::access::follow_up::FollowUpScope;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    gender: Option<Gender>,
    entered_on: NaiveDate,
    dv_form: DvForm,
    benefit_kind: BenefitKind,
    discharged_on: Option<NaiveDate>,
    discharge_outcome: Option<DischargeOutcome>,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    participant_id: i64,
    changed_on: NaiveDate,
    from_form: DvForm,
    to_form: DvForm,
    from_hours: i64,
    to_hours: i64,
    new_place: bool,
}

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    participant_id: i64,
    starts_at: DateTime<Utc>,
}

/// Everyone in the period: entered by its last day, not discharged before its first.
fn people_in(scope: &FollowUpScope) -> String {
    let unit = if scope.unit_id().is_some() { "p.unit_id = $3 AND " } else { "" };
    format!("{unit}p.entered_on <= $1 AND (p.discharged_on IS NULL OR p.discharged_on >= $2)")
}

/// Runs one of the statements below, bound to the period (`$1` its last day,
/// `$2` its first) and, for one unit, to the unit (`$3`).
async fn fetch<T>(tx: &mut Tx, sql: &str, scope: &FollowUpScope, period: Period) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    T: Send + Unpin,
{
    on_conn!(tx, |c| {
        let query = sqlx::query_as(sql).bind(period.until).bind(period.from);
        match scope.unit_id() {
            Some(unit) => query.bind(unit).fetch_all(c).await,
            None => query.fetch_all(c).await,
        }
    })
}

pub(crate) async fn facts(tx: &mut Tx, scope: &FollowUpScope, period: Period) -> Result<Vec<Facts>, sqlx::Error> {
    let people = people_in(scope);
    let sql = format!(
        "SELECT p.id, p.gender, p.entered_on, p.dv_form, p.benefit_kind, p.discharged_on, p.discharge_outcome
         FROM participants p WHERE {people} ORDER BY p.id"
    );
    let rows: Vec<PersonRow> = fetch(tx, &sql, scope, period).await?;
    let sql = format!(
        "SELECT d.participant_id, d.changed_on, d.from_form, d.to_form, d.from_hours, d.to_hours, d.new_place
         FROM dv_changes d JOIN participants p ON p.id = d.participant_id
         WHERE {people} ORDER BY d.participant_id, d.changed_on, d.id"
    );
    let changes: Vec<ChangeRow> = fetch(tx, &sql, scope, period).await?;
    let sql = format!(
        "SELECT m.participant_id, m.starts_at FROM meetings m JOIN participants p ON p.id = m.participant_id
         WHERE {people} AND m.status <> 'cancelled'
           AND m.kind IN ('joint_assessment_1', 'joint_assessment_2', 'joint_assessment_3')"
    );
    let assessments: Vec<AssessmentRow> = fetch(tx, &sql, scope, period).await?;

    let mut by_id: HashMap<i64, Facts> = HashMap::with_capacity(rows.len());
    let mut order = Vec::with_capacity(rows.len());
    for r in rows {
        order.push(r.id);
        let discharged = r.discharged_on.zip(r.discharge_outcome);
        let facts = Facts {
            gender: r.gender,
            entered_on: r.entered_on,
            form_at_entry: r.dv_form,
            // The benefit is set at intake and never changed (no write path
            // changes it), so today's is the one at entry.
            benefit_at_entry: r.benefit_kind,
            dv_steps: Vec::new(),
            assessments: Vec::new(),
            discharged,
        };
        by_id.insert(r.id, facts);
    }
    let mut first_change_seen = std::collections::HashSet::new();
    for c in changes {
        let Some(f) = by_id.get_mut(&c.participant_id) else { continue };
        // The form before the first recorded change is the form at entry.
        if first_change_seen.insert(c.participant_id) {
            f.form_at_entry = c.from_form;
        }
        for step in DvStep::of_change(c.from_form, c.to_form, c.from_hours, c.to_hours, c.new_place) {
            f.dv_steps.push((c.changed_on, step));
        }
    }
    for a in assessments {
        if let Some(f) = by_id.get_mut(&a.participant_id) {
            f.assessments.push(a.starts_at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive());
        }
    }
    Ok(order.into_iter().filter_map(|id| by_id.remove(&id)).collect())
}

/// Every unit, for the administrator's choice of whose figures to see.
pub(crate) async fn units(tx: &mut Tx) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT id, name FROM units ORDER BY name, id").fetch_all(c).await)
}
