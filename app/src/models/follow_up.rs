//! The follow-up page (issue 13): what was asked for and what was counted.

use crate::domain::follow_up::{Period, Tables};
use serde::{Deserialize, Serialize};

/// The page address's `?fran=&till=&enhet=`, as typed (parsed by the access layer,
/// so a bad date comes back as a message next to its field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpQuery {
    pub from: String,
    pub until: String,
    /// The administrator's choice of unit (digits); empty is every unit.
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpPage {
    /// The unit followed up; `None` for every unit together.
    pub unit_name: Option<String>,
    /// The administrator chooses the unit; the enhetschef sees their own.
    pub choose_unit: bool,
    pub units: Vec<(i64, String)>,
    pub query: FollowUpQuery,
    /// (field, message) for what could not be read.
    pub errors: Vec<(String, String)>,
    pub period: Option<Period>,
    pub tables: Option<Tables>,
}

impl FollowUpPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}
