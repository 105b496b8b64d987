//! SUS (Finsam's national follow-up): one participant's registrations, and
//! the unit's registration sheet to type into SUS's web forms.

use crate::domain::Gender;
use crate::domain::sus::{SusEnd, SusStart};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `/personal/deltagare/{id}/sus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSus {
    pub participant_id: i64,
    pub name: String,
    pub today: NaiveDate,
    /// A written consent to registration in SUS in force today.
    pub consented: bool,
    /// The latest first; at most one without an end.
    pub registrations: Vec<SusRegistration>,
}

impl RecordSus {
    pub fn open(&self) -> Option<&SusRegistration> {
        self.registrations.iter().find(|r| r.end.is_none())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SusRegistration {
    pub start: SusStart,
    pub end: Option<SusEnd>,
}

/// The sheet's `?fran=&till=` as typed (the access layer parses them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SusQuery {
    pub from: String,
    pub until: String,
}

/// `/personal/sus`: the unit's registrations that ran in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SusSheet {
    pub unit_name: String,
    pub query: SusQuery,
    /// (field, message) for what could not be read.
    pub errors: Vec<(String, String)>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub lines: Vec<SusLine>,
}

impl SusSheet {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

/// One registration as SUS takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SusLine {
    /// Name and personnummer, only with a written consent to registration in
    /// SUS in force; `None` is an anonymous registration.
    pub identified: Option<SusPerson>,
    pub gender: Option<Gender>,
    pub start: SusStart,
    pub end: Option<SusEnd>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SusPerson {
    pub participant_id: i64,
    pub name: String,
    pub personal_number: Option<String>,
}
