//! Retention (gallring) as the administrator sees it at `/admin/gallring`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A kind of row that names a participant, as the dry run counts it. Every
/// table that names a participant is deleted with them; these are the kinds
/// the page names (a plan's activities count with its version, a meeting's
/// attendees with the meeting, codes and passkeys with the account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    /// The participant row: name, personnummer, DV facts, discharge.
    Profile,
    PlanVersions,
    Meetings,
    Consents,
    ContactPersons,
    /// Steps on the ladder and extended support.
    Steps,
    /// Places in the programme's rounds, attendance and interest.
    Programme,
    /// Links to relatives, gode män and förvaltare.
    RelativeLinks,
    /// Relatives linked to nobody else: deleted too.
    Relatives,
    /// Moves between units.
    UnitMoves,
    /// The account, its sign-in codes and passkeys.
    Account,
    /// Earlier versions of corrected records.
    Revisions,
}

impl RecordKind {
    pub const ALL: &'static [RecordKind] = &[
        RecordKind::Profile,
        RecordKind::PlanVersions,
        RecordKind::Meetings,
        RecordKind::Consents,
        RecordKind::ContactPersons,
        RecordKind::Steps,
        RecordKind::Programme,
        RecordKind::RelativeLinks,
        RecordKind::Relatives,
        RecordKind::UnitMoves,
        RecordKind::Account,
        RecordKind::Revisions,
    ];
}

/// How many rows of one kind a participant has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: RecordKind,
    pub count: i64,
}

/// One participant whose records the rule says are due for deletion. No name:
/// the administrator reads no participant data; the number is the record's
/// number in the system, which staff of the unit can look up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionCandidate {
    pub participant_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub discharged_on: NaiveDate,
    /// The newest entry anywhere in the participant's records.
    pub last_entry: NaiveDate,
    /// `last_entry` plus the rule's years: the day deletion became due.
    pub due_on: NaiveDate,
    /// Rows per kind, kinds with none left out.
    pub counts: Vec<KindCount>,
}

/// `/admin/gallring`: the rule and what it would delete today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionOverview {
    /// Years after the last entry; `None`: records are kept (no deletion).
    pub years: Option<i64>,
    pub rule_changed_at: DateTime<Utc>,
    pub today: NaiveDate,
    pub candidates: Vec<RetentionCandidate>,
    /// Rows per kind over all candidates, kinds with none left out.
    pub totals: Vec<KindCount>,
}

impl RetentionOverview {
    /// The candidates' ids as the confirmation form carries them: "3,17,22".
    pub fn ids(&self) -> String {
        self.candidates.iter().map(|c| c.participant_id.to_string()).collect::<Vec<_>>().join(",")
    }
}
