//! A month of the audit log, so the log follow-up and "Vem har tittat?" have
//! something to show: contact persons opening their participants' records in
//! office hours, participants reading their own plan, and one planted unusual
//! access for the follow-up to find. The rows are returned in time order and
//! written by `demo-data` through the audit log's own chained insert.
//!
//! The planted access: Johanna Ekström, a supervisor at DV Norr who is no
//! contact person of any of its participants (her group is another), opens
//! Sofia Rahimi's record one night nine days ago, four times between 23.14 and
//! 23.30, and five other participants' records in between, from a network the
//! office does not use. The follow-up flags every row of it: not a contact
//! person, many records in a short time (each look is within ten minutes of
//! five participants' records), night. Sofia's förvaltare sees it on
//! "Vem har tittat?".

use super::dates::{at, days, weekday_back};
use super::participants::Person;
use super::units::{NORR, UnitIds};
use crate::policy::Section;
use crate::server::storage::audit::NewAuditEntry;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The office's network, and the one the planted access came from
/// (documentation ranges: RFC 5737).
const OFFICE: &str = "192.0.2.0/24";
const ELSEWHERE: &str = "198.51.100.0/24";

/// What the record's overview reads, part by part (as `participant_record` audits it).
const OVERVIEW: [Section; 8] = [
    Section::Record,
    Section::Network,
    Section::Contacts,
    Section::Consents,
    Section::Meetings,
    Section::Plan,
    Section::Programme,
    Section::Ladder,
];

/// The participant whose record is opened at night, and the others opened
/// in between: rows of `PARTICIPANTS` in DV Norr.
pub(super) const PLANTED_TARGET_ROW: usize = 6;
const PLANTED_OTHERS: [usize; 5] = [8, 14, 16, 18, 20];
const PLANTED_DAYS_AGO: i64 = 9;

/// One look at a record: every part the page reads, at one instant.
struct Look<'a> {
    at: DateTime<Utc>,
    actor_account_id: i64,
    actor_role: &'static str,
    actor_unit_id: Option<i64>,
    person: &'a Person,
    unit_id: i64,
    sections: &'a [Section],
    source: &'static str,
}

fn rows_of(look: &Look<'_>, request: usize) -> Vec<NewAuditEntry> {
    look.sections
        .iter()
        .map(|section| NewAuditEntry {
            at: look.at,
            actor_account_id: Some(look.actor_account_id),
            actor_role: look.actor_role,
            action: "read",
            outcome: "allowed",
            subject_participant_id: Some(look.person.id),
            record_kind: section.as_str(),
            record_id: None,
            unit_id: Some(look.unit_id),
            request_id: format!("demo-{request:05}"),
            actor_unit_id: look.actor_unit_id,
            source: Some(look.source.to_owned()),
            session_ref: None,
            detail: None,
        })
        .collect()
}

/// The staff member's account, by staff id, among a unit's staff.
fn account_of(unit: &UnitIds, staff_id: i64) -> i64 {
    [&unit.consultant, &unit.supervisors[0], &unit.supervisors[1], &unit.placement_supervisor]
        .into_iter()
        .find(|s| s.staff_id == staff_id)
        .map_or(unit.consultant.account_id, |s| s.account_id)
}

/// The month's rows, oldest first.
pub(super) fn history(today: NaiveDate, people: &[Person], units: &[UnitIds]) -> Vec<NewAuditEntry> {
    let mut looks: Vec<Look<'_>> = Vec::new();
    for person in people.iter().filter(|p| p.is_active()) {
        let unit = &units[person.seed.unit];
        let r = person.row as i64;
        // The contact persons open the record three times in four weeks, in office hours.
        for k in 0..3_i64 {
            let day = weekday_back(days(today, -(1 + (r * 5 + k * 9) % 27)));
            let (hour, minute) = (8 + ((r + 3 * k) % 8) as u32, ((r * 7 + k * 13) % 60) as u32);
            let actor = if k == 1 { account_of(unit, person.supervisor_staff) } else { unit.consultant.account_id };
            looks.push(Look {
                at: at(day, hour, minute),
                actor_account_id: actor,
                actor_role: "staff",
                actor_unit_id: Some(unit.id),
                person,
                unit_id: unit.id,
                sections: &OVERVIEW,
                source: OFFICE,
            });
        }
        // The participant reads their own plan one evening (left out of "Vem har tittat?").
        let evening = days(today, -(2 + r % 12));
        looks.push(Look {
            at: at(evening, 19, (r % 60) as u32),
            actor_account_id: person.account_id,
            actor_role: "participant",
            actor_unit_id: None,
            person,
            unit_id: unit.id,
            sections: &[Section::Profile, Section::Plan],
            source: ELSEWHERE,
        });
    }

    // The planted access, at night, from elsewhere.
    let norr = &units[NORR];
    let night = days(today, -PLANTED_DAYS_AGO);
    let planted = |row: usize, hour: u32, minute: u32, sections: &'static [Section]| {
        people.iter().find(|p| p.row == row).map(|person| Look {
            at: at(night, hour, minute),
            actor_account_id: norr.supervisors[1].account_id,
            actor_role: "staff",
            actor_unit_id: Some(norr.id),
            person,
            unit_id: norr.id,
            sections,
            source: ELSEWHERE,
        })
    };
    looks.extend(planted(PLANTED_TARGET_ROW, 23, 14, &OVERVIEW));
    looks.extend(planted(PLANTED_TARGET_ROW, 23, 17, &[Section::Profile, Section::PlanHistory]));
    for (k, row) in PLANTED_OTHERS.into_iter().enumerate() {
        looks.extend(planted(row, 23, 20 + k as u32, &OVERVIEW));
    }
    looks.extend(planted(PLANTED_TARGET_ROW, 23, 27, &OVERVIEW));
    looks.extend(planted(PLANTED_TARGET_ROW, 23, 30, &[Section::Profile, Section::Consents]));

    // Oldest first, as the log was written; the same instant keeps the order above.
    looks.sort_by_key(|l| l.at);
    let latest = at(today, 0, 0) - Duration::seconds(1);
    looks.iter().filter(|l| l.at <= latest).enumerate().flat_map(|(request, look)| rows_of(look, request)).collect()
}
