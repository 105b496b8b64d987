//! The audit log read back: the log follow-up (`/personal/logg`) and the
//! participant's "Vem har tittat?". Only the access layer calls these, with a
//! [`LogScope`] or a [`Permitted`] participant it made after asking the policy.
//!
//! Searches are keyset-paged on (at, id), newest first, so a page costs the
//! same on a log of millions of rows; each filter has its index
//! (`audit_log_subject`, `audit_log_actor`, `audit_log_unit_at`, `audit_log_at`).

use super::{Tx, on_conn};
use crate::domain::{RelationKind, StaffRole};
use crate::server::access::Permitted;
use crate::server::access::log::LogScope;
use chrono::{DateTime, NaiveDate, Utc};

/// Rows that name many participants at once because a page listed them (the
/// unit's roster, a programme round's group, its queue, an attendance sheet):
/// seeing a name in a list is not opening a record.
pub(crate) const LIST_KINDS: [&str; 4] = ["roster_entry", "programme_queue", "programme_enrolment", "attendance"];

/// `record_kind NOT IN (…list kinds…)` as SQL (the codes are ours, not input).
fn not_a_list() -> String {
    let kinds: Vec<String> = LIST_KINDS.iter().map(|k| format!("'{k}'")).collect();
    format!("l.record_kind NOT IN ({})", kinds.join(", "))
}

/// A value bound to a placeholder of a query built from the search.
enum Arg {
    I64(i64),
    Time(DateTime<Utc>),
}

/// What a search is narrowed to, parsed. `None` means "any".
#[derive(Debug, Clone, Default)]
pub(crate) struct Criteria {
    pub subjects: Option<Vec<i64>>,
    pub actors: Option<Vec<i64>>,
    pub from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub until: Option<DateTime<Utc>>,
    /// A fixed SQL condition on `l` (from `LogActionFilter`, never from input).
    pub action_sql: Option<&'static str>,
    /// Rows strictly older than this (at, id): the next page.
    pub before: Option<(DateTime<Utc>, i64)>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct LogRowData {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_account_id: Option<i64>,
    pub actor_role: String,
    pub action: String,
    pub outcome: String,
    pub subject_participant_id: Option<i64>,
    pub record_kind: String,
    pub record_id: Option<i64>,
    pub request_id: String,
    pub source: Option<String>,
    /// What exactly, where kind and unit do not say it (a follow-up's period).
    pub detail: Option<String>,
    /// The actor's name, whichever kind of account it is.
    pub actor_name: Option<String>,
    /// When the actor is a participant: who (their name may be shielded too).
    pub actor_participant_id: Option<i64>,
    pub actor_staff_id: Option<i64>,
    pub actor_staff_role: Option<StaffRole>,
    /// The unit the actor worked in then (the row), or works in now (staff).
    pub actor_unit_name: Option<String>,
    pub subject_name: Option<String>,
    pub subject_protected: Option<bool>,
    pub unit_name: Option<String>,
}

const SEARCH_SELECT: &str = "SELECT l.id, l.at, l.actor_account_id, l.actor_role, l.action, l.outcome,
        l.subject_participant_id, l.record_kind, l.record_id, l.request_id, l.source, l.detail,
        COALESCE(s.name, ap.name, ar.name) AS actor_name, a.participant_id AS actor_participant_id,
        s.id AS actor_staff_id, s.role AS actor_staff_role,
        COALESCE(au.name, su.name) AS actor_unit_name,
        p.name AS subject_name, p.protected_identity AS subject_protected, u.name AS unit_name
    FROM audit_log l
    LEFT JOIN accounts a ON a.id = l.actor_account_id
    LEFT JOIN staff s ON s.id = a.staff_id
    LEFT JOIN units su ON su.id = s.unit_id
    LEFT JOIN units au ON au.id = l.actor_unit_id
    LEFT JOIN participants ap ON ap.id = a.participant_id
    LEFT JOIN relatives ar ON ar.id = a.relative_id
    LEFT JOIN participants p ON p.id = l.subject_participant_id
    LEFT JOIN units u ON u.id = l.unit_id";

/// One page of the rows the scope and the criteria allow, newest first.
pub(crate) async fn search(
    tx: &mut Tx,
    scope: &LogScope,
    criteria: &Criteria,
    limit: i64,
) -> Result<Vec<LogRowData>, sqlx::Error> {
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<Arg> = Vec::new();
    let placeholder = |arg: Arg, args: &mut Vec<Arg>| {
        args.push(arg);
        format!("${}", args.len())
    };
    if let Some(unit) = scope.unit_id() {
        conditions.push(format!("l.unit_id = {}", placeholder(Arg::I64(unit), &mut args)));
    }
    for (column, ids) in [("l.subject_participant_id", &criteria.subjects), ("l.actor_account_id", &criteria.actors)] {
        if let Some(ids) = ids {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list: Vec<String> = ids.iter().map(|&id| placeholder(Arg::I64(id), &mut args)).collect();
            conditions.push(format!("{column} IN ({})", list.join(", ")));
        }
    }
    if let Some(from) = criteria.from {
        conditions.push(format!("l.at >= {}", placeholder(Arg::Time(from), &mut args)));
    }
    if let Some(until) = criteria.until {
        conditions.push(format!("l.at < {}", placeholder(Arg::Time(until), &mut args)));
    }
    if let Some(sql) = criteria.action_sql {
        conditions.push(sql.to_owned());
    }
    if let Some((at, id)) = criteria.before {
        let (at1, at2, id) = (
            placeholder(Arg::Time(at), &mut args),
            placeholder(Arg::Time(at), &mut args),
            placeholder(Arg::I64(id), &mut args),
        );
        conditions.push(format!("(l.at < {at1} OR (l.at = {at2} AND l.id < {id}))"));
    }
    let limit = placeholder(Arg::I64(limit), &mut args);
    let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    let sql = format!("{SEARCH_SELECT} {filter} ORDER BY l.at DESC, l.id DESC LIMIT {limit}");
    on_conn!(tx, |c| {
        let mut query = sqlx::query_as::<_, LogRowData>(&sql);
        for arg in &args {
            query = match arg {
                Arg::I64(v) => query.bind(*v),
                Arg::Time(t) => query.bind(*t),
            };
        }
        query.fetch_all(c).await
    })
}

/// The name of the unit followed up (`None` for the whole municipality).
pub(crate) async fn unit_name(tx: &mut Tx, scope: &LogScope) -> Result<Option<String>, sqlx::Error> {
    let Some(unit) = scope.unit_id() else { return Ok(None) };
    on_conn!(tx, |c| sqlx::query_scalar("SELECT name FROM units WHERE id = $1").bind(unit).fetch_optional(c).await)
}

/// A person or account a search may name: its id and name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Named {
    pub id: i64,
    pub name: String,
}

/// The participants a search by name may match: for a unit, those in it now or
/// moved out of it (their rows stay with the unit), leaving out those with
/// skyddade personuppgifter whom `staff_id` is not a contact person of; for the
/// whole municipality, everyone. Names are compared in Rust (SQLite's `lower`
/// knows no å, ä, ö), so this returns the candidates.
pub(crate) async fn participants_in_scope(
    tx: &mut Tx,
    scope: &LogScope,
    staff_id: Option<i64>,
) -> Result<Vec<Named>, sqlx::Error> {
    match scope.unit_id() {
        None => {
            on_conn!(tx, |c| sqlx::query_as("SELECT id, name FROM participants ORDER BY name, id").fetch_all(c).await)
        }
        Some(unit) => on_conn!(tx, |c| sqlx::query_as(
            "SELECT p.id, p.name FROM participants p
             WHERE (p.unit_id = $1 OR EXISTS (SELECT 1 FROM unit_moves m
                                              WHERE m.participant_id = p.id AND m.from_unit_id = $1))
               AND NOT (p.protected_identity AND NOT EXISTS (SELECT 1 FROM contact_persons cp
                        WHERE cp.participant_id = p.id AND cp.staff_id = $2 AND cp.until IS NULL))
             ORDER BY p.name, p.id"
        )
        .bind(unit)
        .bind(staff_id)
        .fetch_all(c)
        .await),
    }
}

/// Every account with a name, to search the log by who did it: (account id, name).
pub(crate) async fn named_accounts(tx: &mut Tx, _scope: &LogScope) -> Result<Vec<Named>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT a.id, COALESCE(s.name, p.name, r.name) AS name FROM accounts a
         LEFT JOIN staff s ON s.id = a.staff_id
         LEFT JOIN participants p ON p.id = a.participant_id
         LEFT JOIN relatives r ON r.id = a.relative_id
         ORDER BY a.id"
    )
    .fetch_all(c)
    .await)
}

/// Of these participants, those with skyddade personuppgifter whom `staff_id`
/// is not a contact person of today (the same rule as the policy's).
pub(crate) async fn shielded_among(
    tx: &mut Tx,
    _scope: &LogScope,
    ids: &[i64],
    staff_id: Option<i64>,
) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (0..ids.len()).map(|k| format!("${}", k + 2)).collect();
    let sql = format!(
        "SELECT p.id FROM participants p WHERE p.protected_identity AND p.id IN ({})
           AND NOT EXISTS (SELECT 1 FROM contact_persons cp
                           WHERE cp.participant_id = p.id AND cp.staff_id = $1 AND cp.until IS NULL)",
        list.join(", ")
    );
    on_conn!(tx, |c| {
        let mut query = sqlx::query_scalar(&sql).bind(staff_id);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(c).await
    })
}

/// When staff were contact persons of these participants: (participant,
/// staff, since, until).
pub(crate) async fn contact_spans(
    tx: &mut Tx,
    _scope: &LogScope,
    participant_ids: &[i64],
) -> Result<Vec<(i64, i64, NaiveDate, Option<NaiveDate>)>, sqlx::Error> {
    if participant_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (0..participant_ids.len()).map(|k| format!("${}", k + 1)).collect();
    let sql = format!(
        "SELECT participant_id, staff_id, since, until FROM contact_persons
         WHERE staff_id IS NOT NULL AND participant_id IN ({})",
        list.join(", ")
    );
    on_conn!(tx, |c| {
        let mut query = sqlx::query_as(&sql);
        for id in participant_ids {
            query = query.bind(*id);
        }
        query.fetch_all(c).await
    })
}

/// The participants' records one account read between two instants (lists
/// left out): (at, participant), for "many records in a short time".
pub(crate) async fn reads_between(
    tx: &mut Tx,
    _scope: &LogScope,
    actor_account_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT l.at, l.subject_participant_id FROM audit_log l
         WHERE l.actor_account_id = $1 AND l.at >= $2 AND l.at <= $3
           AND l.subject_participant_id IS NOT NULL AND l.action = 'read' AND {}",
        not_a_list()
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(actor_account_id).bind(from).bind(to).fetch_all(c).await)
}

/// A row about the participant, for "Vem har tittat?".
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct LookRow {
    pub at: DateTime<Utc>,
    pub action: String,
    pub record_kind: String,
    pub actor_account_id: i64,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub staff_role: Option<StaffRole>,
    pub relative_id: Option<i64>,
    pub relative_name: Option<String>,
}

/// At most this many rows are read for the page (newest first): months of an
/// ordinary record's reads, and a bound for one that was read a lot.
const MAX_LOOKS: i64 = 2000;

/// What others did with the participant's data since `since`, newest first:
/// allowed rows of staff and relatives (the participant's own, the system's,
/// refusals and lists left out).
pub(crate) async fn looks_at(
    tx: &mut Tx,
    participant: Permitted,
    since: DateTime<Utc>,
) -> Result<Vec<LookRow>, sqlx::Error> {
    let sql = format!(
        "SELECT l.at, l.action, l.record_kind, l.actor_account_id, s.id AS staff_id, s.name AS staff_name,
                s.role AS staff_role, r.id AS relative_id, r.name AS relative_name
         FROM audit_log l JOIN accounts a ON a.id = l.actor_account_id
         LEFT JOIN staff s ON s.id = a.staff_id
         LEFT JOIN relatives r ON r.id = a.relative_id
         WHERE l.subject_participant_id = $1 AND l.at >= $2 AND l.outcome = 'allowed'
           AND (a.staff_id IS NOT NULL OR a.relative_id IS NOT NULL) AND {}
         ORDER BY l.at DESC, l.id DESC LIMIT $3",
        not_a_list()
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).bind(since).bind(MAX_LOOKS).fetch_all(c).await)
}

/// How often staff saw the participant's name in a list since `since`.
pub(crate) async fn seen_in_lists(
    tx: &mut Tx,
    participant: Permitted,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let kinds: Vec<String> = LIST_KINDS.iter().map(|k| format!("'{k}'")).collect();
    let sql = format!(
        "SELECT count(*) FROM audit_log l WHERE l.subject_participant_id = $1 AND l.at >= $2
           AND l.outcome = 'allowed' AND l.record_kind IN ({})",
        kinds.join(", ")
    );
    on_conn!(tx, |c| sqlx::query_scalar(&sql).bind(participant.id()).bind(since).fetch_one(c).await)
}

/// The participant's contact persons among staff, ever: (staff id, when they ended).
pub(crate) async fn staff_contacts(
    tx: &mut Tx,
    participant: Permitted,
) -> Result<Vec<(i64, Option<NaiveDate>)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT staff_id, until FROM contact_persons WHERE participant_id = $1 AND staff_id IS NOT NULL"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}

/// How each relative is (or was) related to the participant.
pub(crate) async fn relative_kinds(
    tx: &mut Tx,
    participant: Permitted,
) -> Result<Vec<(i64, RelationKind)>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT relative_id, relation_kind FROM participant_relatives WHERE participant_id = $1 ORDER BY id"
    )
    .bind(participant.id())
    .fetch_all(c)
    .await)
}
