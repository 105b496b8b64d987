//! What server functions send to pages. Plain data, shared by server and browser.

use crate::domain::{
    DvForm, LadderStep, MeetingAnswer, MeetingKind, MeetingStatus, Organisation, RelationKind, StaffRole,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod admin;
mod extract;
mod follow_up;
mod log;
mod programme;
mod record;
mod reminders;
mod retention;
mod sus;
pub use admin::*;
pub use extract::*;
pub use follow_up::*;
pub use log::*;
pub use programme::*;
pub use record::*;
pub use reminders::*;
pub use retention::*;
pub use sus::*;

/// Who is signed in, for the page header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub role: ViewerRole,
    /// Whose pages the participant pages show: the participant's own, or for a
    /// relative the first participant they are linked to.
    pub subject: Option<i64>,
    /// For a relative: the parts of the participant's pages their consent shares
    /// (the menu shows only these). `None` for everyone else.
    pub shares: Option<Vec<crate::policy::Section>>,
    /// The enhetschef and the dataskyddsombud: the menu has the log follow-up.
    #[serde(default)]
    pub follows_up_log: bool,
    /// The enhetschef: the menu has the follow-up of outcomes.
    #[serde(default)]
    pub follows_up_outcomes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewerRole {
    Participant,
    Relative,
    Staff,
    Admin,
    /// Staff outside the units: their pages are the log follow-up and Säkerhet.
    DataProtectionOfficer,
    /// Staff outside the units: their pages are the follow-up of outcomes and Säkerhet.
    SteeringGroup,
}

/// A person in a participant's world, described by what they are to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PersonRole {
    Staff(StaffRole),
    External { organisation: Organisation, title: String },
    Relative(RelationKind),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonCard {
    pub name: String,
    pub role: PersonRole,
}

impl PersonCard {
    /// "Anna Berg" → "AB": shown where there is no photo.
    pub fn initials(&self) -> String {
        self.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect::<String>().to_uppercase()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingCard {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub bring: String,
    pub people: Vec<PersonCard>,
    pub status: MeetingStatus,
    pub answer: MeetingAnswer,
}

/// "Mina möten": coming meetings first (soonest first), then past ones (latest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingList {
    pub participant_id: i64,
    pub coming: Vec<MeetingCard>,
    pub past: Vec<MeetingCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactCard {
    pub person: PersonCard,
    /// This person's role in the participant's case, as staff wrote it.
    pub role_in_case: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The participant's start page. A part is `None` when the viewer may not see
/// it (a relative sees only what the participant's consent shares).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantStart {
    pub participant_id: i64,
    pub preferred_name: String,
    pub next_meeting: Option<Option<MeetingCard>>,
    /// The step, with the participant's way (which numbers the steps).
    pub step: Option<(crate::domain::Way, LadderStep)>,
    pub contacts: Option<Vec<ContactCard>>,
    /// The one signed in has not chosen reminders yet (and may): the page asks.
    #[serde(default)]
    pub ask_reminders: bool,
}

/// "Min plan": the newest version of the joint plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub version: i64,
    pub goal: String,
    pub reason: String,
    pub from: chrono::NaiveDate,
    pub until: Option<chrono::NaiveDate>,
    pub days_per_week: i64,
    pub hours_per_week: i64,
    pub activities: Vec<String>,
    pub follow_ups: Vec<(chrono::NaiveDate, String)>,
    pub other_notes: String,
}

/// "Min plan": the plan if there is one, and the participant's benefit (for the word list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub participant_id: i64,
    pub plan: Option<Plan>,
    pub benefit: Option<crate::domain::BenefitKind>,
}

/// "Arbetsnärmande programmet" for one participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammePage {
    pub participant_id: i64,
    pub status: ProgrammeStatus,
    pub interest_sent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProgrammeStatus {
    NotEnrolled,
    Waiting { round: String, position: Option<i64> },
    Enrolled { round: String, place: String, sessions: Vec<ProgrammeSession> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeSession {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub theme: String,
    pub place: String,
}

/// Where staff's enrolment of a participant into a round ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolOutcome {
    Enrolled,
    Waiting { position: i64 },
    AlreadyThere,
}

/// "Mina kontakter".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactList {
    pub participant_id: i64,
    pub contacts: Vec<ContactCard>,
}

/// "Stegen": where the participant stands, and the steps so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ladder {
    pub participant_id: i64,
    /// The participant's road and benefit: which rungs their ladder has.
    pub way: crate::domain::Way,
    pub current: LadderStep,
    /// While the DV decision rests: the last day of a return without a new application.
    pub resting_until: Option<chrono::NaiveDate>,
    pub moves: Vec<LadderMove>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderMove {
    pub step: LadderStep,
    pub on: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub participant_id: i64,
    pub name: String,
    pub step: LadderStep,
    pub dv_form: DvForm,
    /// The next planned meeting and the participant's answer to it.
    pub next_meeting: Option<(DateTime<Utc>, MeetingAnswer)>,
    /// The signed-in staff member is one of their contact persons.
    pub mine: bool,
    pub meetings_this_week: i64,
    /// The current plan's first follow-up, when it is due within two weeks (or overdue).
    pub follow_up_due: Option<chrono::NaiveDate>,
    /// Activity compensation ends within 90 days, on this date.
    pub benefit_ends: Option<chrono::NaiveDate>,
    pub assessment_without_consent: bool,
    pub waiting_for_programme: bool,
}

/// The staff start page: the unit's caseload and what needs doing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffHome {
    pub unit_name: String,
    /// Today in Sweden, for "om 5 dagar".
    pub today: chrono::NaiveDate,
    pub participants: Vec<RosterRow>,
    /// The clocks of the transition that run out within two weeks, soonest first.
    pub transition_due: Vec<TransitionTodo>,
}

/// One line of "Att göra" for a clock of the transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitionTodo {
    pub participant_id: i64,
    pub name: String,
    pub due: crate::domain::Due,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub account_id: i64,
    pub role: ViewerRole,
    pub name: String,
    /// What this account shows off ("Steg 3, enskild plats", "God man utan samtycke").
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSignInCode {
    pub code: String,
    pub grouped: String,
    pub expires_at: DateTime<Utc>,
    /// The sign-in link as an SVG QR code.
    pub qr_svg: String,
    /// For a relative of the participant; `None` for the participant.
    pub relative_id: Option<i64>,
}

/// What a form shows after a plain POST that failed: the entered values and a
/// message next to each field. Kept in the session for one page view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub form: String,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    /// A message for the whole form, shown above it.
    pub message: Option<String>,
}

impl FormFeedback {
    pub fn new(form: &str) -> Self {
        FormFeedback { form: form.to_owned(), ..Default::default() }
    }

    /// Keeps what was typed (cut to a sane length) to show it again.
    pub fn keep(&mut self, field: &str, value: &str) {
        self.values.push((field.to_owned(), value.chars().take(5000).collect()));
    }

    /// The parsed value, or `None` with the message noted next to the field.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, parsed: Result<T, E>) -> Option<T> {
        parsed.map_err(|e| self.errors.push((field.to_owned(), e.to_string()))).ok()
    }

    /// The parsed form when every field parsed and nothing else is wrong;
    /// otherwise this feedback, to show with the form.
    pub fn finish<T>(self, parsed: Option<T>) -> Result<T, FormFeedback> {
        match parsed {
            Some(parsed) if self.errors.is_empty() => Ok(parsed),
            _ => Err(self),
        }
    }

    pub fn value(&self, field: &str) -> String {
        self.values.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone())
    }
}
