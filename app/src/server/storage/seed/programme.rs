//! The work-preparation programme: this term's rounds, about to start, with
//! places taken, a queue and expressions of interest; and last term's rounds,
//! done, with attendance.

use super::dates::{at, days, next_weekday};
use super::participants::{GA, IP, JA, Person, WPP};
use super::units::{Interest, UNITS, UnitIds, UnitSeed};
use crate::domain::LadderStep;
use crate::server::storage::Tx;
use crate::server::storage::programme::{self, NewRound, Seat};
use chrono::{Datelike, NaiveDate};

pub(super) const PROGRAMME_THEMES: [&str; 5] = [
    "Vad är ett arbete?",
    "Vägar till arbete",
    "Aktivitetsersättning och regler",
    "Besök från Arbetsförmedlingen och Försäkringskassan",
    "Min plan framåt",
];

/// "Arbetsnärmande programmet Norr, våren 2026" and where the group meets.
fn round_name_and_place(unit: &UnitSeed, starts_on: NaiveDate) -> (String, String) {
    let season = if starts_on.month() <= 6 { "våren" } else { "hösten" };
    let short = unit.name.rsplit(' ').next().unwrap_or(unit.name);
    let name = format!("Arbetsnärmande programmet {short}, {season} {}", starts_on.year());
    (name, format!("{}, {}", unit.address, unit.programme_room))
}

/// A round of six places and its five weekly sessions; returns the round and its sessions.
async fn add_round(
    tx: &mut Tx,
    ids: &UnitIds,
    unit: &UnitSeed,
    starts_on: NaiveDate,
    created_on: NaiveDate,
) -> Result<(i64, Vec<(i64, NaiveDate)>), sqlx::Error> {
    let (name, place) = round_name_and_place(unit, starts_on);
    let round = NewRound {
        name: &name,
        form: "group",
        capacity: 6,
        place: &place,
        responsible_staff_id: Some(ids.consultant.staff_id),
        starts_on,
        by: Some(ids.consultant.account_id),
        now: at(created_on, 9, 0),
    };
    let round_id = programme::insert_round(tx, ids.id, &round).await?;
    let mut sessions = Vec::with_capacity(PROGRAMME_THEMES.len());
    for (k, theme) in PROGRAMME_THEMES.iter().enumerate() {
        let day = days(starts_on, 7 * k as i64);
        sessions.push((
            programme::add_session(tx, round_id, at(day, 13, 0), at(day, 14, 30), theme, &place, None).await?,
            day,
        ));
    }
    Ok((round_id, sessions))
}

/// This term's rounds: those in the programme step first, then the groups, then
/// placements, enrolled as staff would enrol them; the rest of the line queue up.
pub(super) async fn add_current_rounds(
    tx: &mut Tx,
    today: NaiveDate,
    people: &mut [Person],
    units: &[UnitIds],
) -> Result<(), sqlx::Error> {
    for (u, unit) in UNITS.iter().enumerate() {
        let ids = &units[u];
        let starts_on = next_weekday(days(today, 7), unit.programme_day);
        let (round_id, _) = add_round(tx, ids, unit, starts_on, days(today, -21)).await?;

        let rank = |s: LadderStep| match s {
            WPP => Some(0),
            GA => Some(1),
            IP => Some(2),
            _ => None,
        };
        let mut queue: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].seed.unit == u && people[i].is_active() && rank(people[i].seed.step).is_some())
            .collect();
        queue.sort_by_key(|&i| (rank(people[i].seed.step), i));
        let enrolled = unit.enrolled.min(queue.len());
        let waiting = unit.waiting.min(queue.len() - enrolled);
        let by = Some(ids.consultant.account_id);
        for (pos, &i) in queue.iter().take(enrolled + waiting).enumerate() {
            let person = &mut people[i];
            let enrolled_at = at(days(today, -(18 - pos as i64)), 11, 0);
            // The enrolled get the sessions as meetings, as in the app.
            let note = match programme::enrol_participant(tx, person.id, round_id, by, enrolled_at).await? {
                Seat::Waiting(n) => format!("plats {n} i kön till programmet"),
                Seat::Enrolled | Seat::AlreadyThere => "antagen till programmet".to_owned(),
            };
            person.programme_note = Some(note);
        }
        for (k, (interest, &i)) in unit.interests.iter().zip(queue.iter().skip(enrolled + waiting)).enumerate() {
            let person = &mut people[i];
            let (round, by) = match interest {
                Interest::AnyRoundByStaff => (None, ids.consultant.account_id),
                Interest::ThisRoundBySelf => (Some(round_id), person.account_id),
                Interest::ThisRoundByStaff => (Some(round_id), ids.consultant.account_id),
            };
            let sent_at = at(days(today, -2 - k as i64), 19, 0);
            programme::insert_interest(tx, person.id, round, "", Some(by), sent_at).await?;
            person.programme_note = Some("intresseanmälan till programmet".to_owned());
        }
    }
    Ok(())
}

/// Last term's rounds, done, with attendance: those now on a placement or
/// further went through them; the year view shows it.
pub(super) async fn add_last_rounds(
    tx: &mut Tx,
    today: NaiveDate,
    people: &[Person],
    units: &[UnitIds],
) -> Result<(), sqlx::Error> {
    for (u, unit) in UNITS.iter().enumerate() {
        let ids = &units[u];
        let starts_on = next_weekday(days(today, -160), unit.programme_day);
        let alumni: Vec<&Person> = people
            .iter()
            .filter(|p| p.seed.unit == u && p.is_active() && matches!(p.seed.step, IP | JA))
            .take(4)
            .collect();
        let (round_id, sessions) = add_round(tx, ids, unit, starts_on, days(starts_on, -30)).await?;
        let by = Some(ids.consultant.account_id);
        for (k, &(session, day)) in sessions.iter().enumerate() {
            for (n, person) in alumni.iter().enumerate() {
                // Mostly there; now and then away, nearly always with notice.
                let mark = match (n + k) % 7 {
                    3 => "absent_notified",
                    6 if k == 2 => "absent",
                    _ => "present",
                };
                programme::set_mark(tx, person.id, session, mark, by, at(day, 15, 0)).await?;
            }
        }
        for person in &alumni {
            // Enrolled before the start, and through the round by now.
            programme::take_seat(tx, round_id).await?;
            let enrolled_at = at(days(starts_on, -14), 10, 0);
            programme::insert_enrolment(tx, round_id, person.id, "completed", None, by, enrolled_at).await?;
        }
    }
    Ok(())
}
