//! The log follow-up (staff) and "Vem har tittat på mina uppgifter?" (the participant).

use crate::domain::{RelationKind, StaffRole};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A search of the log as typed into the form (`/personal/logg?…`), kept as
/// text so the form shows it again; the access layer parses it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogQuery {
    /// A participant's name, or part of it.
    pub participant: String,
    /// One participant, from a link in the results.
    pub participant_id: Option<i64>,
    /// A staff member's (or anyone's) name, or part of it.
    pub staff: String,
    /// First and last day, `yyyy-mm-dd`, Swedish time; empty for open.
    pub from: String,
    pub until: String,
    /// A [`LogActionFilter`] code, empty for every action.
    pub action: String,
    /// Only rows with a flag for unusual access.
    pub unusual: bool,
    /// Where the next page starts: the last row shown (`at` as RFC 3339 and id).
    pub after: String,
}

/// What the search may be narrowed to (IMY: read, change, disclose and copy,
/// besides sign-ins and refusals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogActionFilter {
    Read,
    /// Created, changed or removed.
    Change,
    /// Copied out: a calendar file, a CSV of the log.
    Export,
    SignIn,
    Denied,
}

impl LogActionFilter {
    pub const ALL: [LogActionFilter; 5] = [Self::Read, Self::Change, Self::Export, Self::SignIn, Self::Denied];

    pub fn code(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Change => "change",
            Self::Export => "export",
            Self::SignIn => "sign_in",
            Self::Denied => "denied",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Why a row deserves a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LogFlag {
    /// Staff who were not the participant's contact persons that day.
    NotContactPerson,
    /// The same person opened many participants' records within a few minutes.
    ManyRecords,
    /// Between 22 and 06, Swedish time.
    Night,
    /// The participant has skyddade personuppgifter.
    ProtectedIdentity,
}

impl LogFlag {
    pub const ALL: [LogFlag; 4] = [Self::NotContactPerson, Self::ManyRecords, Self::Night, Self::ProtectedIdentity];
    /// "Many records in a short time": this many participants' records…
    pub const MANY_RECORDS: usize = 5;
    /// …opened by one person within this many minutes before or after.
    pub const MANY_RECORDS_MINUTES: i64 = 10;
    /// Night, Swedish time: from 22 to 06.
    pub const NIGHT_FROM_HOUR: u32 = 22;
    pub const NIGHT_UNTIL_HOUR: u32 = 6;
}

/// Who did it, as the log follow-up shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogActorKind {
    Staff(StaffRole),
    Participant,
    Relative,
    /// Nobody signed in (a refused sign-in, a cross-site request).
    Anonymous,
    /// The command line: migrations, demo data, the first administrator.
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The name, when the row has an account.
    pub actor_name: Option<String>,
    pub actor: LogActorKind,
    /// The unit the actor worked in (when the row says, or where they work now).
    pub actor_unit: Option<String>,
    /// `read`, `change`, `sign_in`… as written.
    pub action: String,
    pub denied: bool,
    /// The part of the record (`plan`, `consents`…) or the event (`password`, `roster_entry`…).
    pub record_kind: String,
    pub record_id: Option<i64>,
    /// Whose data: the participant's id and name. The name is `None` when the
    /// one following up may not see it (skyddade personuppgifter).
    pub subject: Option<(i64, Option<String>)>,
    /// The unit whose data it was.
    pub unit: Option<String>,
    /// Where from: the client's network, when the row has it.
    pub source: Option<String>,
    /// What exactly, where kind and unit do not say it: the period of a
    /// follow-up looked at or handed on. Never personal data.
    pub detail: Option<String>,
    pub request_id: String,
    pub flags: Vec<LogFlag>,
}

impl LogPage {
    /// Rows on one page of the follow-up.
    pub const ROWS: usize = 50;
    /// A CSV export holds at most this many rows, newest first.
    pub const EXPORT_ROWS: usize = 10_000;
}

/// `/personal/logg`: one page of the log follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    /// The unit followed up, or `None` for the whole municipality.
    pub unit_name: Option<String>,
    pub search: LogQuery,
    /// Bad input: (field, message), shown next to the field; no rows then.
    pub errors: Vec<(String, String)>,
    /// The participants the name matched (id, name), when the search named one.
    pub participants: Vec<(i64, String)>,
    pub rows: Vec<LogRow>,
    /// The next page's `after`, when there are more rows.
    pub next: Option<String>,
    /// With "only unusual": how many rows were looked through for this page.
    pub scanned: usize,
}

/// One person's looks and changes on one day, for "Vem har tittat?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookEntry {
    /// The first time that day.
    pub at: DateTime<Utc>,
    pub name: String,
    pub who: LookerRole,
    /// What they read, as record kinds in the log (`plan`, `meetings`…), first
    /// read first; `texts::sv::looked_at` puts them in words.
    pub read: Vec<String>,
    /// What they changed, the same way.
    pub changed: Vec<String>,
}

/// What the one who looked is to the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LookerRole {
    /// One of the participant's contact persons, with their job.
    ContactPerson(StaffRole),
    /// The enhetschef of the participant's unit.
    Manager,
    /// The dataskyddsombud, following up the log.
    Officer,
    /// Other staff of daglig verksamhet.
    Staff,
    Relative(RelationKind),
}

/// "Vem har tittat på mina uppgifter?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhoLooked {
    pub participant_id: i64,
    /// Newest first.
    pub entries: Vec<LookEntry>,
    /// How many times staff saw the name in a list (the unit's list of participants, a group).
    pub in_lists: i64,
    /// How many months back the page goes.
    pub months: u32,
}
