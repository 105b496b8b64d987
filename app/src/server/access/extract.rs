//! The register extract (registerutdrag, GDPR art. 15): everything Mina steg
//! holds about one participant, for staff of their unit to hand over within
//! the month the law gives. One permit (`export` of `register_extract`, the
//! audit row), one read of every row in one statement, in one transaction.
//! The same read serves the JSON file and the printable page.

mod document;

use super::{Access, AccessError, RequestCtx, Want};
use crate::models::ExtractDocument;
use crate::policy::{Action, Actor, Section};
use crate::server::storage::{
    self,
    extract::{Row, WITHHELD},
};
use crate::texts::extract as text;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The extract as the JSON file carries it: every row as stored, table by table.
#[derive(Debug, Serialize)]
pub struct RegisterExtract {
    pub register_extract: ExtractFacts,
    /// Every table the extract reads, in the document's order, even when empty.
    pub sections: Vec<ExtractTable>,
    /// What the rows refer to (staff, officers, units, the programme's rounds
    /// and sessions), so the file reads without the database.
    pub context: BTreeMap<String, Vec<Row>>,
}

#[derive(Debug, Serialize)]
pub struct ExtractFacts {
    pub participant_id: i64,
    pub made_at: DateTime<Utc>,
    pub made_by_account_id: Option<i64>,
    pub made_by_staff_id: Option<i64>,
    pub system: &'static str,
    /// Purposes, recipients, retention, sources and rights (art. 15.1).
    pub about_the_processing: BTreeMap<&'static str, &'static str>,
}

#[derive(Debug, Serialize)]
pub struct ExtractTable {
    pub table: &'static str,
    pub title: &'static str,
    /// The columns in the order the schema has them (withheld ones left out).
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub withheld: Vec<Withheld>,
}

#[derive(Debug, Serialize)]
pub struct Withheld {
    pub column: &'static str,
    pub reason: &'static str,
}

impl Access {
    /// Every row that names the participant, as stored (the JSON file).
    pub async fn register_extract(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<RegisterExtract, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::RegisterExtract, record_id: None };
        let permit = work.authorize(Action::Export, want).await?;
        let staff_id = match ctx.actor {
            Actor::Staff { staff_id, .. } | Actor::Admin { staff_id, .. } => Some(staff_id),
            _ => None,
        };
        let rows = storage::extract::read(work.tx()?, permit.participant()?, staff_id).await.map_err(|e| match e {
            // A row that is not the JSON the statement makes: named by kind only.
            sqlx::Error::Decode(_) => AccessError::Corrupt("register extract"),
            other => AccessError::Database(other),
        })?;
        work.commit().await?;
        Ok(RegisterExtract {
            register_extract: ExtractFacts {
                participant_id,
                made_at: storage::now(),
                made_by_account_id: ctx.actor.account_id(),
                made_by_staff_id: staff_id,
                system: text::SYSTEM_NAME,
                about_the_processing: text::ARTICLE.into_iter().collect(),
            },
            sections: rows
                .tables
                .into_iter()
                .map(|(table, list)| {
                    let withheld: Vec<Withheld> = WITHHELD
                        .iter()
                        .filter(|(t, ..)| *t == table)
                        .map(|&(_, column, reason)| Withheld { column, reason })
                        .collect();
                    let columns = rows.columns.get(table).cloned().unwrap_or_default();
                    ExtractTable {
                        table,
                        title: text::table(table).map_or(table, |t| t.0),
                        columns: columns.into_iter().filter(|c| withheld.iter().all(|w| w.column != c)).collect(),
                        rows: list,
                        withheld,
                    }
                })
                .collect(),
            context: rows.context,
        })
    }

    /// The same extract as a readable document (the printable page).
    pub async fn register_extract_document(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<ExtractDocument, AccessError> {
        let extract = self.register_extract(ctx, participant_id).await?;
        Ok(document::document(&extract, crate::server::today()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ExtractLayout;
    use crate::server::storage::extract::SOURCES;

    /// Every table the extract reads has a heading and an explanation in the texts.
    #[test]
    fn every_table_has_a_title() {
        for source in SOURCES {
            assert!(text::table(source.table).is_some(), "no title for {}", source.table);
        }
        for (table, column, _) in WITHHELD {
            assert!(SOURCES.iter().any(|s| s.table == *table), "{table}");
            assert!(text::column(table, column).is_some(), "no label for withheld {table}.{column}");
        }
    }

    fn row(json: serde_json::Value) -> Row {
        match json {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("rows are objects"),
        }
    }

    fn table(table: &'static str, columns: &[&str], rows: Vec<Row>) -> ExtractTable {
        let withheld = WITHHELD
            .iter()
            .filter(|(t, ..)| *t == table)
            .map(|&(_, column, reason)| Withheld { column, reason })
            .collect();
        ExtractTable { table, title: "", columns: columns.iter().map(|c| c.to_string()).collect(), rows, withheld }
    }

    /// The document names what ids stand for, codes by their Swedish names and
    /// times in Swedish time, in the schema's column order, and leaves out
    /// what holds nothing and what only says whose row it is.
    #[test]
    fn the_document_reads_in_words() {
        use serde_json::json;
        let extract = RegisterExtract {
            register_extract: ExtractFacts {
                participant_id: 7,
                made_at: "2026-12-02T09:00:00Z".parse().unwrap(),
                made_by_account_id: Some(3),
                made_by_staff_id: Some(30),
                system: text::SYSTEM_NAME,
                about_the_processing: BTreeMap::new(),
            },
            sections: vec![
                table(
                    "participants",
                    &["id", "name", "benefit_kind"],
                    vec![row(json!({
                        "benefit_kind": "activity_compensation", "name": "Påhittad Person", "id": 7
                    }))],
                ),
                table(
                    "consents",
                    &["id", "participant_id", "scope", "shared_sections", "recorded_by", "recorded_at"],
                    vec![row(json!({
                        "id": 4, "participant_id": 7, "scope": "dv_fk_contact", "shared_sections": "",
                        "recorded_by": 3, "recorded_at": "2026-06-01T08:30:00+00:00"
                    }))],
                ),
                table(
                    "audit_log",
                    &["id", "at", "actor_account_id", "action", "record_kind", "outcome"],
                    vec![row(json!({
                        "id": 1, "at": "2026-06-01T08:30:00+00:00", "actor_account_id": 9, "actor_role": "participant",
                        "action": "read", "record_kind": "plan", "outcome": "denied", "subject_participant_id": 7
                    }))],
                ),
            ],
            context: BTreeMap::from([
                (
                    "accounts".to_owned(),
                    vec![
                        row(json!({ "id": 3, "role": "staff", "staff_id": 30 })),
                        row(json!({ "id": 9, "role": "participant", "participant_id": null })),
                    ],
                ),
                (
                    "staff".to_owned(),
                    vec![row(json!({ "id": 30, "name": "Påhittad Konsulent", "role": "employment_consultant" }))],
                ),
            ]),
        };
        let doc = document::document(&extract, "2026-12-02".parse().unwrap());
        assert_eq!(doc.name, "Påhittad Person");
        assert_eq!(doc.made_by, "Påhittad Konsulent (Arbetskonsulent)");
        let fields = |i: usize| match &doc.sections[i].layout {
            ExtractLayout::Items(items) => items[0].fields.clone(),
            ExtractLayout::Table { .. } => panic!("items"),
        };
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        // The schema's order, not the JSON object's (alphabetical).
        assert_eq!(
            fields(0),
            [
                pair("Nummer i Mina steg", "7"),
                pair("Namn", "Påhittad Person"),
                pair("Ersättning", "Aktivitetsersättning")
            ]
        );
        // Whose row it is and an empty text are left out; who recorded it is named; 10:30 in Stockholm in June.
        assert_eq!(
            fields(1),
            [
                pair("Nummer", "4"),
                pair("Gäller", "DV får kontakta Försäkringskassan"),
                pair("Registrerat av", "Påhittad Konsulent (Arbetskonsulent)"),
                pair("Registrerat", "2026-06-01 10:30"),
            ]
        );
        // Another participant who was refused is named by role only.
        let ExtractLayout::Table { rows, .. } = &doc.sections[2].layout else { panic!("the log is a table") };
        assert_eq!(rows[0], ["2026-06-01 10:30", text::ANOTHER_PARTICIPANT, "Läste", "Planen", text::DENIED]);
        assert_eq!(doc.sections[2].withheld.len(), 2, "the log's withheld columns are named");
    }
}
