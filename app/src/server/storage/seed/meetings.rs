//! Meetings coming up and meetings held, fitting each participant's step, with
//! who comes to them.

use super::EMPLOYERS;
use super::dates::{at, days, soon_weekday, weekday_back, weekday_forward};
use super::participants::{BACK, CR, EC, EMP, GA, IP, JA, JP, LMM, MUN, PARTICIPANTS, Person, STU, WPP};
use super::units::{UNITS, UnitIds};
use crate::domain::{LadderStep, MeetingKind};
use crate::server::storage::Tx;
use crate::server::storage::record::{self, MeetingState, NewMeeting};
use chrono::{NaiveDate, TimeDelta};

const AF_OFFICE: &str = "Arbetsförmedlingen Storvik, Stationsvägen 8";
const VIDEO_BASE: &str = "https://möte.exempel.se/";

/// Placements for people on an enskild plats (and where their follow-ups are held).
const WORKPLACES: [&str; 6] = [
    "Bageriet Vetekornet, Torggatan 7",
    "Storviks bibliotek, Kyrkogatan 3",
    "Lagret på Industrivägen 15",
    "Café Solrosen, Åvägen 2",
    "Förskolan Humlan, Skolvägen 9",
    "Bilverkstaden Kolven, Verkstadsvägen 22",
];

/// Meeting start times (Swedish time), picked by position.
pub(super) const START_TIMES: [(u32, u32); 8] =
    [(9, 0), (9, 30), (10, 0), (13, 0), (13, 30), (14, 0), (10, 30), (15, 0)];

/// Meetings coming up and meetings held (most recent first), fitting the step.
fn meeting_kinds(step: LadderStep, row: usize) -> (&'static [MeetingKind], &'static [MeetingKind]) {
    use MeetingKind as K;
    match step {
        GA => (&[K::FollowUp, K::JointPlanning, K::FollowUp], &[K::FollowUp, K::JointPlanning]),
        WPP => (&[K::JointPlanning, K::FollowUp], &[K::FollowUp]),
        IP => (&[K::FollowUp, K::JointPlanning, K::FollowUp], &[K::FollowUp, K::FollowUp]),
        JA => match row % 3 {
            0 => (&[K::JointAssessment1, K::CheckIn], &[K::JointPlanning]),
            1 => (&[K::CheckIn, K::JointAssessment2], &[K::JointAssessment1]),
            _ => (&[K::JointAssessment3], &[K::JointAssessment2, K::JointAssessment1]),
        },
        EC => (&[K::Handover, K::FollowUp], &[K::Handover, K::AfEnrolment]),
        // The ASF road: the case raised with ASF, then planning with ASF and FSF.
        CR => (&[K::AsfJointPlanning, K::FollowUp], &[K::AsfCaseRaised]),
        JP => (&[K::FollowUp, K::AsfJointPlanning], &[K::AsfJointPlanning, K::AsfCaseRaised]),
        // Förlängt stöd: DV still visits the workplace for a year.
        EMP => (&[K::Other], &[]),
        LMM | MUN | STU | BACK => (&[], &[]),
    }
}

pub(super) fn meeting_title(kind: MeetingKind, placement: bool) -> &'static str {
    use MeetingKind as K;
    match kind {
        K::Intake => "Kartläggningsmöte",
        K::JointPlanning => "Planeringsmöte om din plan",
        K::FollowUp if placement => "Uppföljning på din arbetsplats",
        K::FollowUp => "Uppföljning i gruppen",
        K::JointAssessment1 => "Gemensam kartläggning 1",
        K::JointAssessment2 => "Gemensam kartläggning 2",
        K::JointAssessment3 => "Gemensam kartläggning 3",
        K::CheckIn => "Avstämningsmöte med Försäkringskassan",
        K::AfEnrolment => "Inskrivningsmöte på Arbetsförmedlingen",
        K::Handover => "Överlämning till Arbetsförmedlingen",
        K::AsfCaseRaised => "Aktualiseringsmöte med kommunens arbetsmarknadsavdelning",
        K::AsfJointPlanning => "Gemensam planering med ASF och daglig verksamhet",
        K::Transition => "Omställningsmöte med Försäkringskassan och Arbetsförmedlingen",
        K::ProgrammeSession => "Arbetsnärmande programmet",
        K::Other => "Förlängt stöd: uppföljning på jobbet",
    }
}

pub(super) fn meeting_bring(kind: MeetingKind) -> &'static str {
    use MeetingKind as K;
    match kind {
        K::Intake => "Beslutet från Försäkringskassan om du har det",
        K::JointPlanning => "Din plan och dina tankar om vad du vill göra framåt",
        K::FollowUp => "Ditt schema och dina frågor",
        K::JointAssessment1 => "Berätta om dig själv: vad du är bra på och vad du vill",
        K::JointAssessment2 | K::JointAssessment3 => "Dina tankar efter förra mötet",
        K::CheckIn => "Dator eller telefon med kamera. Du kan låna ett rum på daglig verksamhet.",
        K::AfEnrolment => "Legitimation",
        K::Handover => "Ditt schema från arbetsträningen",
        K::AsfCaseRaised | K::AsfJointPlanning => "Din plan och dina tankar om vilket jobb du vill ha",
        K::Transition => "Beslutet från Försäkringskassan",
        K::ProgrammeSession => "Penna och papper",
        K::Other => "Frågor om jobbet",
    }
}

pub(super) fn meeting_minutes(kind: MeetingKind) -> i64 {
    use MeetingKind as K;
    match kind {
        K::JointAssessment1 | K::JointAssessment2 | K::JointAssessment3 => 90,
        K::CheckIn => 30,
        K::FollowUp | K::Other => 45,
        _ => 60,
    }
}

/// Each participant's meetings; the relative in `meeting_guest` comes to the
/// first coming one. Returns how many were made.
pub(super) async fn add_meetings(
    tx: &mut Tx,
    today: NaiveDate,
    people: &mut [Person],
    units: &[UnitIds],
    meeting_guest: &[Option<i64>],
) -> Result<usize, sqlx::Error> {
    let mut meetings = 0;
    let mut employer_turn = 0;
    for (i, person) in people.iter_mut().enumerate() {
        let unit = &UNITS[person.seed.unit];
        let ids = &units[person.seed.unit];
        let first_of_unit = PARTICIPANTS.iter().position(|s| s.unit == person.seed.unit) == Some(person.row);
        let (coming, held) = meeting_kinds(person.seed.step, person.row);
        let workplace = if person.seed.step == EMP {
            let place = EMPLOYERS[employer_turn % EMPLOYERS.len()].1;
            employer_turn += 1;
            place
        } else {
            WORKPLACES[person.row % WORKPLACES.len()]
        };
        if !person.is_active() && person.seed.step != EMP {
            continue;
        }
        let row = person.row;
        let mut n_coming = if row % 6 == 5 { 0 } else { 1 + row % 3 };
        if first_of_unit {
            n_coming = n_coming.max(1);
        }
        let n_held = if person.is_active() { 1 + row % 2 } else { 0 };

        let planned = coming.iter().take(n_coming).enumerate().map(|(k, kind)| (k, *kind, false));
        let past = held.iter().take(n_held).enumerate().map(|(k, kind)| (k, *kind, true));
        for (k, kind, was_held) in planned.chain(past) {
            let soon = first_of_unit && !was_held && k == 0;
            let day = if soon {
                soon_weekday(today)
            } else if was_held {
                weekday_back(days(today, -(10 + (row as i64 * 5) % 20 + 24 * k as i64)))
            } else {
                weekday_forward(days(today, 7 + (row as i64 * 3) % 10 + 10 * k as i64))
            };
            if soon {
                person.soon_meeting = Some(day);
            }
            let (hour, minute) = if soon { (10, 0) } else { START_TIMES[(row * 3 + k) % START_TIMES.len()] };
            let starts_at = at(day, hour, minute);
            let ends_at = starts_at + TimeDelta::minutes(meeting_minutes(kind));
            let video = format!("{VIDEO_BASE}dv{}{k}{}", person.id, if was_held { "h" } else { "p" });
            let room = format!("{}, {}", unit.address, unit.meeting_room);
            let (place, video_link) = match kind {
                MeetingKind::CheckIn => (None, Some(video)),
                MeetingKind::JointAssessment1
                | MeetingKind::JointAssessment2
                | MeetingKind::JointAssessment3
                | MeetingKind::AfEnrolment => (Some(AF_OFFICE.to_owned()), None),
                MeetingKind::Other => (Some(workplace.to_owned()), None),
                MeetingKind::FollowUp | MeetingKind::Handover if person.placement => (Some(workplace.to_owned()), None),
                // Some planning meetings are hybrid: in the room, or by video from home.
                MeetingKind::JointPlanning if row % 4 == 3 => (Some(room), Some(video)),
                _ => (Some(room), None),
            };
            let (answer, answered_at) = if was_held {
                if (row + k) % 2 == 0 { ("coming", Some(at(days(day, -2), 17, 0))) } else { ("none", None) }
            } else {
                match (soon, (row + k) % 5) {
                    (false, 1) => ("coming", Some(at(days(today, -1), 18, 30))),
                    (false, 3) => ("not_coming", Some(at(days(today, -1), 18, 30))),
                    _ => ("none", None),
                }
            };
            let mut staff = vec![ids.consultant.staff_id];
            if !matches!(kind, MeetingKind::CheckIn | MeetingKind::AfEnrolment) {
                staff.push(person.supervisor_staff);
            }
            let externals: Vec<i64> = match kind {
                MeetingKind::JointAssessment1 | MeetingKind::JointAssessment2 | MeetingKind::JointAssessment3 => {
                    vec![person.fk, person.af]
                }
                MeetingKind::CheckIn => vec![person.fk],
                MeetingKind::AfEnrolment | MeetingKind::Handover => vec![person.af],
                MeetingKind::JointPlanning => vec![person.fk, person.asf],
                MeetingKind::AsfCaseRaised | MeetingKind::AsfJointPlanning => vec![person.asf],
                MeetingKind::Transition => vec![person.fk, person.af, person.asf],
                _ => vec![],
            }
            .into_iter()
            .flatten()
            .collect();
            let relatives: Vec<i64> = meeting_guest[i].filter(|_| !was_held && k == 0).into_iter().collect();
            let by = Some(ids.consultant.account_id);
            let m = NewMeeting {
                kind: kind.as_str(),
                title: meeting_title(kind, person.placement),
                starts_at,
                ends_at,
                place: place.as_deref(),
                video_link: video_link.as_deref(),
                bring: meeting_bring(kind),
                staff: &staff,
                externals: &externals,
                relatives: &relatives,
                by,
                now: if was_held {
                    at(days(day, -14), 10, 15)
                } else {
                    at(days(today, -(2 + (row as i64) % 5)), 10, 15)
                },
            };
            let state = MeetingState {
                status: if was_held { "held" } else { "planned" },
                answer,
                answered_at,
                // Marking a meeting held is an update.
                updated: was_held.then(|| (by, ends_at + TimeDelta::hours(1))),
            };
            record::insert_meeting(tx, person.id, &m, &state).await?;
            meetings += 1;
        }
    }
    Ok(meetings)
}
