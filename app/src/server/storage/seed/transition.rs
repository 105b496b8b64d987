//! Running clocks of the transition, so "Att göra" has something in it on any
//! day the demo is made: a DV place about to be released, a handover ending,
//! an ASF measure about to start (DV ends then), a resting decision in its last
//! weeks, FSF's support after an ASF measure.

use super::dates::{at, days, weekday_back};
use super::participants::{EC, JP, LMM, Person};
use super::units::UnitIds;
use crate::domain::ClockKind;
use crate::server::storage::Tx;
use crate::server::storage::transition::{NewDate, insert};
use chrono::NaiveDate;

pub(super) async fn add_clocks(
    tx: &mut Tx,
    today: NaiveDate,
    people: &[Person],
    units: &[UnitIds],
) -> Result<(), sqlx::Error> {
    let mut work_training = 0;
    for person in people {
        let by = units[person.seed.unit].consultant.account_id;
        let add = |kind, starts_on: NaiveDate, note: &'static str| {
            let new =
                NewDate { kind, starts_on, ends_on: None, note, by: Some(by), now: at(starts_on.min(today), 11, 0) };
            (person.id, new)
        };
        let dates = match (person.seed.step, person.discharged_on) {
            // The DV place was released eight weeks into förstärkt samarbete,
            // four weeks after AF's work training began: the decision rests
            // three months from then (the discharge comes when they are over).
            (EC, None) if person.seed.dv_ended => {
                let released = days(person.reached(EC).unwrap_or(person.entered_on), 56);
                vec![
                    add(ClockKind::WorkTrainingStart, days(released, -28), "Arbetsträning hos Arbetsförmedlingen"),
                    add(ClockKind::RestingDecision, released, "Beslutet vilar, återgång utan ny ansökan"),
                ]
            }
            // In förstärkt samarbete: the first has just started AF's work
            // training (the place is released in a few days), the next one's
            // handover ends in a week or two.
            (EC, None) => {
                work_training += 1;
                match work_training {
                    1 => vec![add(
                        ClockKind::WorkTrainingStart,
                        weekday_back(days(today, -23)),
                        "Arbetsträning på lager",
                    )],
                    2 => vec![add(ClockKind::HandoverEnd, days(today, 9), "Handledaren följer med de första veckorna")],
                    _ => vec![],
                }
            }
            (JP, None) => {
                vec![add(ClockKind::AsfMeasureStart, days(today, 12), "Arbetsmarknadsinsats: praktik i kommunens park")]
            }
            (LMM, Some(ended)) => vec![add(ClockKind::FsfSupport, ended, "Handledaren stöttar på praktikplatsen")],
            _ => vec![],
        };
        for (participant_id, new) in dates {
            insert(tx, participant_id, &new).await?;
        }
    }
    Ok(())
}
