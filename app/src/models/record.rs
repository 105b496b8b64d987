//! The participant record as staff see it.

use super::{Choice, ContactCard, LadderMove, MeetingCard, ProgrammeStatus};
use crate::domain::{
    BenefitKind, ConsentMethod, ConsentScope, DischargeOutcome, DvForm, LadderStep, Organisation, RelationKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentEntry {
    pub id: i64,
    pub scope: ConsentScope,
    /// The organisation or the relative the consent is for.
    pub recipient: String,
    /// For sharing with a relative: what the relative sees, in Swedish.
    pub sections: Vec<String>,
    pub method: ConsentMethod,
    pub given_on: NaiveDate,
    pub recorded_by: Option<String>,
    pub withdrawn_on: Option<NaiveDate>,
}

impl ConsentEntry {
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.given_on <= today && self.withdrawn_on.is_none_or(|w| w > today)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelativeEntry {
    pub id: i64,
    pub name: String,
    pub relation: RelationKind,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalEntry {
    pub id: i64,
    pub name: String,
    pub organisation: Organisation,
    pub title: String,
}

/// One saved version of the joint plan, with who saved it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub version: i64,
    pub goal: String,
    pub reason: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub days_per_week: i64,
    pub hours_per_week: i64,
    pub activities: Vec<String>,
    pub follow_ups: Vec<(NaiveDate, String)>,
    pub other_notes: String,
    pub author: Option<String>,
    pub saved_at: DateTime<Utc>,
}

/// `/personal/deltagare/:id`: the overview of one participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    pub participant_id: i64,
    pub name: String,
    pub preferred_name: String,
    pub unit_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub benefit: BenefitKind,
    pub benefit_until: Option<NaiveDate>,
    pub dv_form: DvForm,
    pub hours_per_week: i64,
    pub step: LadderStep,
    pub entered_on: NaiveDate,
    /// Left DV on this date, with this outcome.
    pub discharged: Option<(NaiveDate, DischargeOutcome)>,
    pub today: NaiveDate,
    pub contacts: Vec<ContactCard>,
    pub consents: Vec<ConsentEntry>,
    pub relatives: Vec<RelativeEntry>,
    pub coming: Vec<MeetingCard>,
    pub plan: Option<PlanVersion>,
    pub programme: ProgrammeStatus,
    /// Sessions present, absent with notice, absent without.
    pub attendance: (i64, i64, i64),
    pub moves: Vec<LadderMove>,
}

/// `/personal/deltagare/:id/moten`: the meetings, and who can be asked to come.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordMeetings {
    pub participant_id: i64,
    pub name: String,
    pub coming: Vec<MeetingCard>,
    pub past: Vec<MeetingCard>,
    /// The unit's staff.
    pub staff: Vec<Choice>,
    /// The participant's officers at the agencies.
    pub externals: Vec<ExternalEntry>,
    pub relatives: Vec<RelativeEntry>,
}

/// `/personal/deltagare/:id/kontakter`: contact persons, and whom to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordContacts {
    pub participant_id: i64,
    pub name: String,
    pub today: NaiveDate,
    /// Every contact person, in force or ended.
    pub contact_persons: Vec<ContactPersonEntry>,
    /// The unit's staff.
    pub staff: Vec<Choice>,
    /// Officers on record in the unit, to pick a new contact person from.
    pub officers: Vec<ExternalEntry>,
}

/// `/personal/deltagare/:id/samtycken`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordConsents {
    pub participant_id: i64,
    pub name: String,
    pub today: NaiveDate,
    pub consents: Vec<ConsentEntry>,
    /// Relatives and gode män a consent can share with.
    pub relatives: Vec<RelativeEntry>,
}

/// `/personal/deltagare/:id/steg`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSteps {
    pub participant_id: i64,
    pub name: String,
    pub today: NaiveDate,
    pub step: LadderStep,
    /// The road (chosen by staff, or following the benefit) and whether FK pays.
    pub way: crate::domain::Way,
    pub dv_form: DvForm,
    pub hours_per_week: i64,
    pub discharged: Option<(NaiveDate, DischargeOutcome)>,
    pub moves: Vec<LadderMove>,
    pub extended_support: Vec<ExtendedSupportEntry>,
    /// Paid work, the latest first.
    pub employments: Vec<EmploymentEntry>,
}

/// One employment on the steps page; `id` names it in the form that ends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmploymentEntry {
    pub id: i64,
    pub job: crate::domain::Employment,
}

/// `/personal/deltagare/:id/overgang`: the dates of the transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordTransition {
    pub participant_id: i64,
    pub name: String,
    pub today: NaiveDate,
    pub dates: Vec<TransitionEntry>,
    /// While the decision rests: the last day of a return without a new application.
    pub may_return_until: Option<NaiveDate>,
    /// A resting decision whose three months have passed with no return: the day they ended.
    pub resting_ended: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitionEntry {
    pub date: crate::domain::TransitionDate,
    pub note: String,
}

/// `/personal/deltagare/:id/kod`: whom a sign-in code can be for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordAccess {
    pub participant_id: i64,
    pub name: String,
    pub relatives: Vec<RelativeEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactPersonEntry {
    pub id: i64,
    pub name: String,
    pub role_in_case: String,
    /// "Försäkringskassan", "Arbetskonsulent"…
    pub who: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// Support from DV at the workplace for 12 months after employment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtendedSupportEntry {
    pub employer: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl ParticipantRecord {
    /// Activity compensation ends within 90 days (domain.md: plan the next step in time).
    pub fn benefit_ends_soon(&self) -> bool {
        self.benefit_until.is_some_and(|d| d >= self.today && (d - self.today).num_days() <= 90)
    }

    /// A joint assessment (GK) is planned but no consent lets DV talk to FK.
    pub fn assessment_without_consent(&self) -> bool {
        let planned = self.coming.iter().any(|m| m.kind.is_joint_assessment());
        let consent = self.consents.iter().any(|c| c.scope == ConsentScope::DvFkContact && c.in_force(self.today));
        planned && !consent
    }
}

/// `/personal/deltagare/:id/plan`: every version, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanHistory {
    pub participant_id: i64,
    pub name: String,
    pub versions: Vec<PlanVersion>,
}
