//! Retention (gallring): the rule, the discharged participants it may reach,
//! when each one's record was last written to, and deleting every row that
//! names one of them.
//!
//! [`PARTS`] lists every table that names a participant and how to find their
//! rows, children before parents, so the dry run counts exactly what the
//! deletion removes. A table a later migration adds that references a
//! participant without a line here makes the deletion fail on its foreign
//! key (and the retention test, which reads every table, fail first).
//! `revisions` and `audit_log` are append-only: revisions go through the
//! narrow door of migration 0006; the audit log is never deleted from.

use super::{Tx, on_conn};
use crate::models::RecordKind;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// The one kind of rule today: a discharged participant's record as a whole.
pub(crate) const PARTICIPANT_RECORD: &str = "participant_record";

/// The participant's own rows (`$1` is their id).
const OWN: &str = "participant_id = $1";
const OWN_MEETINGS: &str = "meeting_id IN (SELECT id FROM meetings WHERE participant_id = $1)";
const OWN_PLANS: &str = "plan_id IN (SELECT id FROM joint_plans WHERE participant_id = $1)";
const OWN_ACCOUNT: &str = "account_id IN (SELECT id FROM accounts WHERE participant_id = $1)";

/// A table that names a participant: which rows are theirs, the kind the dry
/// run counts them as (`None`: counted with their parent), and the columns
/// that say when an entry was written (timestamps, then dates).
struct Part {
    table: &'static str,
    rows: &'static str,
    kind: Option<RecordKind>,
    written: &'static [&'static str],
    dated: &'static [&'static str],
}

/// Children first: the order the deletion runs in.
const PARTS: &[Part] = &[
    // Messages about the meetings (and relatives' choices of them): not entries in the record.
    Part { table: "reminders", rows: OWN, kind: None, written: &[], dated: &[] },
    Part { table: "reminder_choices", rows: OWN, kind: None, written: &[], dated: &[] },
    Part { table: "meeting_attendees", rows: OWN_MEETINGS, kind: None, written: &[], dated: &[] },
    Part {
        table: "meetings",
        rows: OWN,
        kind: Some(RecordKind::Meetings),
        written: &["created_at", "updated_at", "answered_at"],
        dated: &[],
    },
    Part { table: "plan_activities", rows: OWN_PLANS, kind: None, written: &[], dated: &[] },
    Part { table: "plan_follow_ups", rows: OWN_PLANS, kind: None, written: &[], dated: &[] },
    Part {
        table: "joint_plans",
        rows: OWN,
        kind: Some(RecordKind::PlanVersions),
        written: &["created_at"],
        dated: &[],
    },
    Part { table: "ladder_moves", rows: OWN, kind: Some(RecordKind::Steps), written: &["recorded_at"], dated: &[] },
    // Before consents: it names the written consent it rests on.
    Part { table: "extended_support", rows: OWN, kind: Some(RecordKind::Steps), written: &["created_at"], dated: &[] },
    Part { table: "transition_dates", rows: OWN, kind: Some(RecordKind::Steps), written: &["recorded_at"], dated: &[] },
    Part { table: "dv_changes", rows: OWN, kind: Some(RecordKind::Steps), written: &["recorded_at"], dated: &[] },
    Part { table: "employments", rows: OWN, kind: Some(RecordKind::Steps), written: &["recorded_at"], dated: &[] },
    Part {
        table: "sus_registrations",
        rows: OWN,
        kind: Some(RecordKind::Steps),
        written: &["recorded_at", "ended_at"],
        dated: &[],
    },
    Part {
        table: "consents",
        rows: OWN,
        kind: Some(RecordKind::Consents),
        written: &["recorded_at"],
        dated: &["withdrawn_on"],
    },
    Part {
        table: "contact_persons",
        rows: OWN,
        kind: Some(RecordKind::ContactPersons),
        written: &["created_at"],
        dated: &["until"],
    },
    Part { table: "attendance", rows: OWN, kind: Some(RecordKind::Programme), written: &["recorded_at"], dated: &[] },
    Part { table: "enrolments", rows: OWN, kind: Some(RecordKind::Programme), written: &["created_at"], dated: &[] },
    Part {
        table: "expressions_of_interest",
        rows: OWN,
        kind: Some(RecordKind::Programme),
        written: &["created_at", "handled_at"],
        dated: &[],
    },
    Part { table: "unit_moves", rows: OWN, kind: Some(RecordKind::UnitMoves), written: &["moved_at"], dated: &[] },
    Part {
        table: "participant_relatives",
        rows: OWN,
        kind: Some(RecordKind::RelativeLinks),
        written: &[],
        dated: &["since", "ended_on"],
    },
    // Ways in, not entries in the record: they do not move the last entry.
    Part { table: "sign_in_codes", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "passkeys", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "totp_factors", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "push_subscriptions", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "invitations", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "demo_accounts", rows: OWN_ACCOUNT, kind: None, written: &[], dated: &[] },
    Part { table: "accounts", rows: OWN, kind: Some(RecordKind::Account), written: &[], dated: &[] },
    Part {
        table: "participants",
        rows: "id = $1",
        kind: Some(RecordKind::Profile),
        written: &["created_at"],
        dated: &["entered_on", "discharged_on"],
    },
];

/// Relatives in the participant's network (linked, named in a consent, asked
/// to a meeting) whom no other participant's rows name: they go too.
const RELATIVES_OF_NOBODY_ELSE: &str = "
    SELECT r.id FROM relatives r
    WHERE (r.id IN (SELECT relative_id FROM participant_relatives WHERE participant_id = $1)
        OR r.id IN (SELECT recipient_relative_id FROM consents WHERE participant_id = $1)
        OR r.id IN (SELECT relative_id FROM meeting_attendees
                    WHERE meeting_id IN (SELECT id FROM meetings WHERE participant_id = $1)))
      AND NOT EXISTS (SELECT 1 FROM participant_relatives o WHERE o.relative_id = r.id AND o.participant_id <> $1)
      AND NOT EXISTS (SELECT 1 FROM consents o WHERE o.recipient_relative_id = r.id AND o.participant_id <> $1)
      AND NOT EXISTS (SELECT 1 FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
                      WHERE a.relative_id = r.id AND m.participant_id <> $1)
    ORDER BY r.id";

/// A relative's own rows (`$1` is the relative's id), children first.
const RELATIVE_PARTS: &[(&str, &str)] = &[
    ("sign_in_codes", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    ("passkeys", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    ("push_subscriptions", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    // Their choices and messages for other participants' meetings (none, when
    // no other participant names them; kept here so the account can go).
    ("reminders", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    ("reminder_choices", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    ("demo_accounts", "account_id IN (SELECT id FROM accounts WHERE relative_id = $1)"),
    ("accounts", "relative_id = $1"),
    ("relatives", "id = $1"),
];

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RuleRow {
    pub years: Option<i64>,
    pub changed_at: DateTime<Utc>,
}

pub(crate) async fn rule(tx: &mut Tx) -> Result<Option<RuleRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as("SELECT years, changed_at FROM retention_rules WHERE kind = $1")
        .bind(PARTICIPANT_RECORD)
        .fetch_optional(c)
        .await)
}

pub(crate) async fn set_rule(
    tx: &mut Tx,
    years: Option<i64>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE retention_rules SET years = $2, changed_by = $3, changed_at = $4 WHERE kind = $1"
    )
    .bind(PARTICIPANT_RECORD)
    .bind(years)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// A participant discharged on or before the cut-off day.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct DischargedRow {
    pub participant_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub discharged_on: NaiveDate,
}

/// Everyone discharged on or before `cutoff`: nobody else can be due, since
/// the discharge is itself an entry. With `lock` (PostgreSQL) their rows are
/// locked until the deletion commits, so nobody writes a new entry meanwhile
/// (SQLite's write transaction keeps every writer out already).
pub(crate) async fn discharged_by(
    tx: &mut Tx,
    cutoff: NaiveDate,
    lock: bool,
) -> Result<Vec<DischargedRow>, sqlx::Error> {
    let lock = if lock && matches!(tx, Tx::Postgres(_)) { " FOR UPDATE OF p" } else { "" };
    let sql = format!(
        "SELECT p.id AS participant_id, p.unit_id, u.name AS unit_name, p.discharged_on
         FROM participants p JOIN units u ON u.id = p.unit_id
         WHERE p.discharged_on IS NOT NULL AND p.discharged_on <= $1
         ORDER BY p.discharged_on, p.id{lock}"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(cutoff).fetch_all(c).await)
}

/// What the dry run shows about one participant: the newest entry and the
/// rows per kind.
#[derive(Debug, Clone)]
pub(crate) struct RecordFacts {
    pub last_written: Option<DateTime<Utc>>,
    pub last_dated: Option<NaiveDate>,
    pub counts: Vec<(RecordKind, i64)>,
}

/// Reads, table by table, how many rows name the participant and when the
/// newest was written; then their revisions, and the relatives who go with them.
pub(crate) async fn facts(tx: &mut Tx, participant_id: i64) -> Result<RecordFacts, sqlx::Error> {
    fn add(kind: Option<RecordKind>, n: i64, facts: &mut RecordFacts) {
        let Some(kind) = kind else { return };
        match facts.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, count)) => *count += n,
            None => facts.counts.push((kind, n)),
        }
    }
    let mut facts = RecordFacts { last_written: None, last_dated: None, counts: Vec::new() };
    for part in PARTS {
        let columns: Vec<String> = std::iter::once("count(*)".to_owned())
            .chain(part.written.iter().chain(part.dated).map(|c| format!("max({c})")))
            .collect();
        let sql = format!("SELECT {} FROM {} WHERE {}", columns.join(", "), part.table, part.rows);
        let (n, written, dated) = on_conn!(tx, |c| {
            let row = sqlx::query(&sql).bind(participant_id).fetch_one(c).await?;
            let n: i64 = row.try_get(0)?;
            let mut written: Vec<Option<DateTime<Utc>>> = Vec::new();
            for i in 0..part.written.len() {
                written.push(row.try_get(1 + i)?);
            }
            let mut dated: Vec<Option<NaiveDate>> = Vec::new();
            for i in 0..part.dated.len() {
                dated.push(row.try_get(1 + part.written.len() + i)?);
            }
            Ok::<_, sqlx::Error>((n, written, dated))
        })?;
        add(part.kind, n, &mut facts);
        facts.last_written = facts.last_written.max(written.into_iter().flatten().max());
        facts.last_dated = facts.last_dated.max(dated.into_iter().flatten().max());
    }
    // A correction is an entry too.
    let (n, written): (i64, Option<DateTime<Utc>>) = on_conn!(tx, |c| sqlx::query_as(
        "SELECT count(*), max(r.changed_at) FROM revisions r
         WHERE r.id IN (SELECT revision_id FROM participant_revisions WHERE participant_id = $1)"
    )
    .bind(participant_id)
    .fetch_one(c)
    .await)?;
    add(Some(RecordKind::Revisions), n, &mut facts);
    facts.last_written = facts.last_written.max(written);
    let relatives = relatives_of_nobody_else(tx, participant_id).await?;
    add(Some(RecordKind::Relatives), relatives.len() as i64, &mut facts);
    facts.counts.retain(|(_, n)| *n > 0);
    Ok(facts)
}

async fn relatives_of_nobody_else(tx: &mut Tx, participant_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(RELATIVES_OF_NOBODY_ELSE).bind(participant_id).fetch_all(c).await)
}

/// Deletes every row that names the participant, and the relatives no one
/// else's rows name, inside the caller's transaction (one transaction for a
/// whole purge: a failure anywhere leaves everything as it was).
pub(crate) async fn purge(tx: &mut Tx, participant_id: i64) -> Result<(), sqlx::Error> {
    let relatives = relatives_of_nobody_else(tx, participant_id).await?;
    // Revisions first, while the records they are about still say whose they are.
    match tx {
        Tx::Postgres(t) => {
            sqlx::query("SELECT purge_participant_revisions($1)").bind(participant_id).execute(&mut **t).await?;
        }
        Tx::Sqlite(t) => {
            sqlx::query("INSERT INTO retention_purges (participant_id) VALUES ($1)")
                .bind(participant_id)
                .execute(&mut **t)
                .await?;
            sqlx::query(
                "DELETE FROM revisions
                 WHERE id IN (SELECT revision_id FROM participant_revisions WHERE participant_id = $1)",
            )
            .bind(participant_id)
            .execute(&mut **t)
            .await?;
        }
    }
    leave_programme(tx, participant_id).await?;
    for part in PARTS {
        let sql = format!("DELETE FROM {} WHERE {}", part.table, part.rows);
        on_conn!(tx, |c| sqlx::query(&sql).bind(participant_id).execute(c).await.map(|_| ()))?;
    }
    if let Tx::Sqlite(t) = tx {
        // Allowed now that the participant row is gone; it must go before commit.
        sqlx::query("DELETE FROM retention_purges WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **t)
            .await?;
    }
    for relative in relatives {
        for (table, rows) in RELATIVE_PARTS {
            let sql = format!("DELETE FROM {table} WHERE {rows}");
            on_conn!(tx, |c| sqlx::query(&sql).bind(relative).execute(c).await.map(|_| ()))?;
        }
    }
    Ok(())
}

/// A place in a round the participant still holds is given back: the round's
/// count of enrolled goes down, and those behind them on a waiting list move up.
async fn leave_programme(tx: &mut Tx, participant_id: i64) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE programme_rounds SET enrolled = enrolled - 1
         WHERE id IN (SELECT round_id FROM enrolments WHERE participant_id = $1 AND status = 'enrolled')"
    )
    .bind(participant_id)
    .execute(c)
    .await
    .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query(
        "UPDATE enrolments SET waiting_position = waiting_position - 1
         WHERE status = 'waiting' AND participant_id <> $1
           AND EXISTS (SELECT 1 FROM enrolments mine
                       WHERE mine.participant_id = $1 AND mine.status = 'waiting'
                         AND mine.round_id = enrolments.round_id
                         AND mine.waiting_position < enrolments.waiting_position)"
    )
    .bind(participant_id)
    .execute(c)
    .await
    .map(|_| ()))
}

#[cfg(test)]
mod tests {
    /// Every kind of revision the code writes has a branch in the
    /// `participant_revisions` view of both migrations, so a purge finds it.
    #[test]
    fn every_revision_kind_is_traced_to_its_participant() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server/storage");
        let mut kinds = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&root).expect("storage folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for part in text.split("revisions::insert(tx, \"").skip(1) {
                    kinds.insert(part.split('"').next().unwrap_or_default().to_owned());
                }
            }
        }
        assert!(kinds.len() >= 5, "found the writers: {kinds:?}");
        // The view as the newest migration that defines it has it.
        for migration in [
            include_str!("../../../../server/migrations/sqlite/0009_roads_and_clocks.sql"),
            include_str!("../../../../server/migrations/postgres/0009_roads_and_clocks.sql"),
        ] {
            let view = migration.split("VIEW participant_revisions (").nth(1).expect("the view");
            let view = view.split(';').next().unwrap_or_default();
            for kind in &kinds {
                assert!(view.contains(&format!("'{kind}'")), "revisions of kind {kind} are not traced");
            }
        }
    }
}
