//! The register extract as a readable document (`/personal/deltagare/:id/registerutdrag`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything Mina steg holds about one participant, in words: an easy-read
/// cover for the participant, then every row, table by table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractDocument {
    pub participant_id: i64,
    pub name: String,
    pub made_at: DateTime<Utc>,
    /// The staff member who made it.
    pub made_by: String,
    /// Whom the participant can ask: their contact persons today.
    pub contacts: Vec<ExtractContact>,
    pub sections: Vec<ExtractSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractContact {
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
}

/// One table's rows about the participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractSection {
    /// The table's name in the database (and in the JSON file).
    pub table: String,
    pub title: String,
    pub about: String,
    pub layout: ExtractLayout,
    /// Columns left out, with why ("Lösenord: säkerhetsuppgift").
    pub withheld: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExtractLayout {
    /// One block per row, a label and a value per stored field.
    Items(Vec<ExtractItem>),
    /// A row per row (the audit log: many short rows).
    Table { columns: Vec<String>, rows: Vec<Vec<String>> },
}

impl ExtractLayout {
    pub fn is_empty(&self) -> bool {
        match self {
            ExtractLayout::Items(items) => items.is_empty(),
            ExtractLayout::Table { rows, .. } => rows.is_empty(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractItem {
    pub heading: String,
    pub fields: Vec<(String, String)>,
}
