//! The work-preparation programme as staff run it.

use crate::domain::{AttendanceMark, RoundForm, SessionVisit};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A participant or staff member to pick in a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: i64,
    pub name: String,
    pub form: RoundForm,
    pub capacity: i64,
    pub enrolled: i64,
    pub waiting: i64,
    pub place: String,
    pub starts_on: NaiveDate,
    pub responsible: Option<String>,
    pub sessions: i64,
    pub first_session: Option<DateTime<Utc>>,
    pub last_session: Option<DateTime<Utc>>,
}

/// Someone in the interest queue: who, since when, by whom, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterestEntry {
    pub participant_id: i64,
    pub name: String,
    pub round: Option<String>,
    pub since: DateTime<Utc>,
    /// "Deltagaren själv" or the staff member's name.
    pub by: String,
    pub note: String,
}

/// `/personal/programmet`: the unit's rounds, the year plan and the interest queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeOverview {
    pub unit_name: String,
    /// This year in Sweden, for the year plan.
    pub this_year: i32,
    pub rounds: Vec<RoundSummary>,
    pub queue: Vec<InterestEntry>,
    /// The unit's participants, for "register interest".
    pub participants: Vec<Choice>,
    /// The unit's staff, for "responsible".
    pub staff: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub theme: String,
    pub place: String,
    pub visit: SessionVisit,
    /// How many marks of attendance are recorded.
    pub marked: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPerson {
    pub participant_id: i64,
    pub name: String,
    pub position: Option<i64>,
    pub present: i64,
    pub absent: i64,
}

/// `/personal/programmet/:id`: one round with its sessions, group and waiting list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundDetail {
    pub round: RoundSummary,
    pub sessions: Vec<SessionInfo>,
    pub enrolled: Vec<RoundPerson>,
    pub waiting: Vec<RoundPerson>,
    /// The unit's participants not in this round; those in the interest queue first.
    pub candidates: Vec<Choice>,
    pub interested: Vec<i64>,
    /// After the last session: who still needs the follow-up meeting that revises the plan.
    pub follow_up_due: Vec<Choice>,
}

impl RoundDetail {
    /// A seat is free and someone waits: staff are offered to give it to the first in line.
    pub fn offer(&self) -> Option<&RoundPerson> {
        (self.round.enrolled < self.round.capacity).then(|| self.waiting.first()).flatten()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub participant_id: i64,
    pub name: String,
    pub mark: Option<AttendanceMark>,
}

/// `/personal/programmet/tillfalle/:id`: attendance for the whole group on one screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub round_id: i64,
    pub round_name: String,
    /// 1 for the round's first session.
    pub number: usize,
    pub session: SessionInfo,
    pub rows: Vec<AttendanceRow>,
}
