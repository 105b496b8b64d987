//! The append-only audit log. Only the access layer writes here.

use super::{Tx, on_conn};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone)]
pub(crate) struct NewAuditEntry {
    pub at: DateTime<Utc>,
    pub actor_account_id: Option<i64>,
    pub actor_role: &'static str,
    pub action: &'static str,
    pub outcome: &'static str,
    pub subject_participant_id: Option<i64>,
    pub record_kind: &'static str,
    pub record_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub request_id: String,
}

pub(crate) async fn insert(tx: &mut Tx, e: &NewAuditEntry) -> Result<(), sqlx::Error> {
    insert_all(tx, std::slice::from_ref(e)).await
}

/// Writes many rows with one statement per chunk (a roster audits one row a person).
pub(crate) async fn insert_all(tx: &mut Tx, entries: &[NewAuditEntry]) -> Result<(), sqlx::Error> {
    // 10 values a row; SQLite allows 32 766 variables in one statement.
    for chunk in entries.chunks(500) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 10;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6,
                    n + 7,
                    n + 8,
                    n + 9,
                    n + 10
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_log (at, actor_account_id, actor_role, action, outcome,
                 subject_participant_id, record_kind, record_id, unit_id, request_id)
             VALUES {}",
            rows.join(", ")
        );
        on_conn!(tx, |c| {
            let mut query = sqlx::query(&sql);
            for e in chunk {
                query = query
                    .bind(e.at)
                    .bind(e.actor_account_id)
                    .bind(e.actor_role)
                    .bind(e.action)
                    .bind(e.outcome)
                    .bind(e.subject_participant_id)
                    .bind(e.record_kind)
                    .bind(e.record_id)
                    .bind(e.unit_id)
                    .bind(&e.request_id);
            }
            query.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}
