//! What the follow-up counts (issue 13): for everyone in a unit (or in every
//! unit) during a period, the facts [`crate::domain::follow_up::tables`] needs.
//! Six statements whatever the number of participants: the people, their
//! changes within DV, the days of their gemensam kartläggning, their moves on
//! Stegen, their employments and their förlängt stöd.

use super::{Tx, on_conn};
use crate::domain::follow_up::{DvStep, Facts, Period, Programme, RoundFigures, waits};
use crate::domain::{BenefitKind, DischargeOutcome, DvForm, Gender, LadderStep, PersonalNumber, Road};
use crate::server::access::follow_up::FollowUpScope;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    gender: Option<Gender>,
    personal_number: Option<String>,
    road: Road,
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
struct MoveRow {
    participant_id: i64,
    moved_on: NaiveDate,
    from_step: Option<LadderStep>,
    to_step: LadderStep,
}

#[derive(sqlx::FromRow)]
struct SupportRow {
    participant_id: i64,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
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

/// Each participant in the period, by id, with what the follow-up counts of them.
pub(crate) async fn facts(
    tx: &mut Tx,
    scope: &FollowUpScope,
    period: Period,
) -> Result<Vec<(i64, Facts)>, sqlx::Error> {
    let people = people_in(scope);
    let sql = format!(
        "SELECT p.id, p.gender, p.personal_number, p.road, p.entered_on, p.dv_form, p.benefit_kind, p.discharged_on, p.discharge_outcome
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
    let sql = format!(
        "SELECT l.participant_id, l.moved_on, l.from_step, l.to_step
         FROM ladder_moves l JOIN participants p ON p.id = l.participant_id
         WHERE {people} AND l.moved_on BETWEEN $2 AND $1"
    );
    let moves: Vec<MoveRow> = fetch(tx, &sql, scope, period).await?;
    let sql = format!(
        "SELECT e.id, e.participant_id, e.starts_on, e.ends_on, e.hours_per_week, e.employer_kind
         FROM employments e JOIN participants p ON p.id = e.participant_id
         WHERE {people} AND e.starts_on <= $1"
    );
    let jobs: Vec<super::record::EmploymentRow> = fetch(tx, &sql, scope, period).await?;
    let sql = format!(
        "SELECT s.participant_id, s.starts_on, s.ends_on
         FROM extended_support s JOIN participants p ON p.id = s.participant_id
         WHERE {people} AND s.starts_on <= $1 AND s.ends_on >= $2"
    );
    let support: Vec<SupportRow> = fetch(tx, &sql, scope, period).await?;

    let mut by_id: HashMap<i64, Facts> = HashMap::with_capacity(rows.len());
    let mut order = Vec::with_capacity(rows.len());
    for r in rows {
        order.push(r.id);
        let discharged = r.discharged_on.zip(r.discharge_outcome);
        let facts = Facts {
            gender: r.gender,
            // Only the date of birth is kept: the number itself never leaves here.
            born: r.personal_number.as_deref().and_then(PersonalNumber::from_stored).and_then(|n| n.birth_date()),
            road: r.road,
            entered_on: r.entered_on,
            form_at_entry: r.dv_form,
            // The benefit is set at intake and never changed (no write path
            // changes it), so today's is the one at entry.
            benefit_at_entry: r.benefit_kind,
            dv_steps: Vec::new(),
            assessments: Vec::new(),
            discharged,
            ladder_moves: Vec::new(),
            employments: Vec::new(),
            extended_support: Vec::new(),
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
            f.assessments.push(day_in_sweden(a.starts_at));
        }
    }
    for m in moves {
        if let Some(f) = by_id.get_mut(&m.participant_id) {
            f.ladder_moves.push((m.moved_on, m.from_step, m.to_step));
        }
    }
    for j in jobs {
        if let Some((f, job)) = by_id.get_mut(&j.participant_id).zip(j.employment()) {
            f.employments.push(job);
        }
    }
    for s in support {
        if let Some(f) = by_id.get_mut(&s.participant_id) {
            f.extended_support.push((s.starts_on, s.ends_on));
        }
    }
    Ok(order.into_iter().filter_map(|id| by_id.remove(&id).map(|f| (id, f))).collect())
}

#[derive(sqlx::FromRow)]
pub(crate) struct NameRow {
    pub id: i64,
    pub name: String,
    pub protected_identity: bool,
}

/// The names of those in the period, for the per-person list.
pub(crate) async fn names(tx: &mut Tx, scope: &FollowUpScope, period: Period) -> Result<Vec<NameRow>, sqlx::Error> {
    let people = people_in(scope);
    let sql = format!("SELECT p.id, p.name, p.protected_identity FROM participants p WHERE {people} ORDER BY p.id");
    fetch(tx, &sql, scope, period).await
}

/// Every unit, for the administrator's choice of whose figures to see.
pub(crate) async fn units(tx: &mut Tx) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT id, name FROM units ORDER BY name, id").fetch_all(c).await)
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    name: String,
    starts_on: NaiveDate,
    capacity: i64,
    seated: i64,
    waiting: i64,
    marked: i64,
    present: i64,
}

#[derive(sqlx::FromRow)]
struct WhenRow {
    participant_id: i64,
    at: DateTime<Utc>,
}

/// Runs a statement bound to the period as instants (`$1` the first instant
/// after its last day in Sweden, `$2` the first of its first day) and, for one
/// unit, to the unit (`$3`): for rows whose time is a moment, not a day.
async fn fetch_between<T>(
    tx: &mut Tx,
    sql: &str,
    scope: &FollowUpScope,
    from_at: DateTime<Utc>,
    until_at: DateTime<Utc>,
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    T: Send + Unpin,
{
    on_conn!(tx, |c| {
        let query = sqlx::query_as(sql).bind(until_at).bind(from_at);
        match scope.unit_id() {
            Some(unit) => query.bind(unit).fetch_all(c).await,
            None => query.fetch_all(c).await,
        }
    })
}

/// The period as instants: midnight in Sweden at its start, and midnight
/// after its last day.
fn instants(period: Period) -> (DateTime<Utc>, DateTime<Utc>) {
    use chrono::TimeZone;
    let midnight = |day: NaiveDate| {
        let local = day.and_time(chrono::NaiveTime::MIN);
        chrono_tz::Europe::Stockholm
            .from_local_datetime(&local)
            .earliest()
            .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
    };
    (midnight(period.from), midnight(period.until.succ_opt().unwrap_or(period.until)))
}

fn day_in_sweden(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The programme's rounds that started in the period, with their seats,
/// queues and attendance counted in the database, and the waits for the seats
/// taken in the period (from the interests and seats of the unit's people).
pub(crate) async fn programme(tx: &mut Tx, scope: &FollowUpScope, period: Period) -> Result<Programme, sqlx::Error> {
    let one_unit = scope.unit_id().is_some();
    let unit = if one_unit { "r.unit_id = $3 AND " } else { "" };
    let sql = format!(
        "SELECT r.name, r.starts_on, r.capacity,
            (SELECT count(*) FROM enrolments e WHERE e.round_id = r.id AND e.seated_at IS NOT NULL) AS seated,
            (SELECT count(*) FROM enrolments e WHERE e.round_id = r.id AND e.status = 'waiting') AS waiting,
            (SELECT count(*) FROM attendance a JOIN programme_sessions s ON s.id = a.session_id
              WHERE s.round_id = r.id) AS marked,
            (SELECT count(*) FROM attendance a JOIN programme_sessions s ON s.id = a.session_id
              WHERE s.round_id = r.id AND a.mark = 'present') AS present
         FROM programme_rounds r WHERE {unit}r.starts_on <= $1 AND r.starts_on >= $2 ORDER BY r.starts_on, r.id"
    );
    let rows: Vec<RoundRow> = fetch(tx, &sql, scope, period).await?;
    // The seats taken in the period: from the first instant of its first day
    // in Sweden to the first instant after its last; and the interests of
    // those seated, registered before the period's end.
    let (from_at, until_at) = instants(period);
    let unit = if one_unit { "r.unit_id = $3 AND " } else { "" };
    let seated_in_period = format!(
        "FROM enrolments e JOIN programme_rounds r ON r.id = e.round_id
         WHERE {unit}e.seated_at >= $2 AND e.seated_at < $1"
    );
    let sql = format!("SELECT e.participant_id, e.seated_at AS at {seated_in_period}");
    let seats: Vec<WhenRow> = fetch_between(tx, &sql, scope, from_at, until_at).await?;
    let seats: Vec<(i64, NaiveDate)> = seats.into_iter().map(|s| (s.participant_id, day_in_sweden(s.at))).collect();
    let sql = format!(
        "SELECT i.participant_id, i.created_at AS at FROM expressions_of_interest i
         WHERE i.created_at < $1 AND i.participant_id IN (SELECT e.participant_id {seated_in_period})"
    );
    let interests: Vec<WhenRow> = fetch_between(tx, &sql, scope, from_at, until_at).await?;
    let interests: Vec<(i64, NaiveDate)> =
        interests.into_iter().map(|i| (i.participant_id, day_in_sweden(i.at))).collect();
    Ok(Programme {
        rounds: rows
            .into_iter()
            .map(|r| RoundFigures {
                name: r.name,
                starts_on: r.starts_on,
                seats: count(r.capacity),
                seated: count(r.seated),
                waiting: count(r.waiting),
                marked: count(r.marked),
                present: count(r.present),
            })
            .collect(),
        waits_in_days: waits(&interests, &seats),
    })
}
