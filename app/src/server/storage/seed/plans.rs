//! Joint plans: version 1 at the start, version 2 for most of those who moved on.

use super::dates::{at, days, weekday_forward};
use super::participants::{AE, BACK, CR, EC, EMP, GA, IP, JA, JP, LMM, MUN, Person, SA, SE, STU, WPP};
use super::units::UnitIds;
use crate::domain::LadderStep;
use crate::server::storage::Tx;
use crate::server::storage::record::{self, NewPlan};
use chrono::{Datelike, NaiveDate};

/// What a joint plan says at a given step (after the example plan in domain.md).
pub(super) struct PlanTemplate {
    pub goal: &'static str,
    pub reason: &'static str,
    pub activities: &'static [&'static str],
    pub follow_ups: &'static [&'static str],
    pub extra_note: &'static str,
}

// Plans are written for the participant to read: short sentences, everyday
// words (staff are asked to write them so; the demo shows how).
pub(super) fn plan_template(step: LadderStep) -> PlanTemplate {
    match step {
        GA | BACK => PlanTemplate {
            goal: "Jag vill prova nya uppgifter. Jag vill orka fler timmar.",
            reason: "Jag vill lära mig mer. Då kan jag ta nästa steg.",
            activities: &[
                "Jag jobbar i caféet.",
                "Jag jobbar fler timmar varje vecka.",
                "Jag provar nya uppgifter i gruppen.",
                "Jag går på träffar om jobb.",
            ],
            follow_ups: &["Möte om min plan", "Vi pratar om mina timmar"],
            extra_note: "",
        },
        WPP => PlanTemplate {
            goal: "Jag går i programmet. Jag lär mig om jobb.",
            reason: "Jag vill veta hur man får ett jobb.",
            activities: &[
                "Jag går på träffar i gruppen.",
                "Jag besöker olika jobb.",
                "Jag jobbar i caféet.",
                "Vi gör en ny plan efter programmet.",
            ],
            follow_ups: &["Möte om min plan"],
            extra_note: "",
        },
        IP => PlanTemplate {
            goal: "Jag vill jobba på en vanlig arbetsplats.",
            reason: "Jag trivs bäst med riktiga uppgifter. Jag gillar att jobba med andra.",
            activities: &[
                "Jag provar platsen i fyra veckor.",
                "Min handledare kommer på besök en gång i månaden.",
                "Jag jobbar fler timmar varje vecka.",
                "Jag besöker fler jobb.",
            ],
            follow_ups: &["Vi pratar om hur det gick", "Möte med Försäkringskassan"],
            extra_note: "",
        },
        JA => PlanTemplate {
            goal: "Jag vill veta hur mycket jag kan jobba.",
            reason: "Jag vill veta vilket stöd jag behöver på ett jobb.",
            activities: &[
                "Jag har möten med Arbetsförmedlingen och Försäkringskassan.",
                "Jag jobbar kvar på min plats.",
                "Jag har ett kort möte om det vi sa.",
                "Jag går på träffar om jobb.",
            ],
            follow_ups: &["Nästa stora möte", "Kort möte"],
            extra_note: "",
        },
        CR | JP | LMM | MUN => PlanTemplate {
            goal: "Jag vill ha ett jobb. Kommunen hjälper mig.",
            reason: "Jag vill ha ett jobb och min egen lön.",
            activities: &[
                "Jag träffar min kontakt på kommunen.",
                "Vi gör en plan med kommunen och daglig verksamhet.",
                "Jag jobbar kvar på min plats tills insatsen börjar.",
                "Vi har möten om hur det går.",
            ],
            follow_ups: &["Möte med kommunen", "Vi pratar om hur det går"],
            extra_note: "",
        },
        EC | EMP | STU => PlanTemplate {
            goal: "Jag vill ha ett jobb eller börja studera.",
            reason: "Jag vill ha ett jobb och min egen lön.",
            activities: &[
                "Jag tränar på ett jobb med hjälp av Arbetsförmedlingen.",
                "Min handledare är med i början.",
                "Jag har kvar min plats i fyra veckor.",
                "Vi har möten om hur det går.",
            ],
            follow_ups: &["Vi pratar om hur det går", "Min handledare slutar hjälpa mig"],
            extra_note: " Du har kvar din plats i fyra veckor.",
        },
    }
}

/// Version 1 at the start (or when the current step began), and for about two
/// in three of those who moved on, version 2 when they took their latest step.
pub(super) async fn add_plans(
    tx: &mut Tx,
    today: NaiveDate,
    person: &Person,
    unit: &UnitIds,
) -> Result<(), sqlx::Error> {
    let row = person.row;
    let r = row as i64;
    let (current, current_since) = person.last_dv_move();
    let moved = current_since > person.entered_on;
    let first_start = days(person.entered_on, 21);
    let versions: Vec<(LadderStep, NaiveDate)> = if moved && row % 3 != 1 {
        vec![(GA, first_start), (current, current_since)]
    } else if moved {
        vec![(current, current_since)]
    } else {
        vec![(GA, first_start)]
    };
    let last_end = person.discharged_on.or(person.benefit_until);
    for (v, (step, start)) in versions.iter().enumerate() {
        let latest = v + 1 == versions.len();
        let period_end = if latest { last_end } else { versions.get(v + 1).map(|(_, next)| days(*next, -1)) };
        let hours = if latest { person.hours } else { (person.hours - 6).max(10) };
        let t = plan_template(*step);
        let activities: Vec<String> = t.activities.iter().take(3 + row % 2).map(|a| (*a).to_owned()).collect();
        let follow_ups: Vec<(NaiveDate, &str)> = t
            .follow_ups
            .iter()
            .take(1 + row % 2)
            .enumerate()
            .map(|(k, what)| {
                let k = k as i64;
                let due_on = if latest && person.is_active() {
                    // Ahead of us: what staff will see coming up.
                    weekday_forward(days(today, 21 + (r * 5) % 35 + 35 * k))
                } else {
                    weekday_forward(days(*start, 42 + 42 * k))
                };
                (due_on, *what)
            })
            .collect();
        let other_notes = format!("{}{}", benefit_note(person, row), t.extra_note);
        let plan = NewPlan {
            goal: t.goal,
            goal_reason: t.reason,
            period_start: *start,
            period_end,
            days_per_week: ((hours + 7) / 8).clamp(2, 5),
            hours_per_week: hours,
            activities: &activities,
            // The demo plans have one or two follow-ups (the form has one): passed beside it.
            follow_up: None,
            other_notes: &other_notes,
            by: Some(unit.consultant.account_id),
            now: at(*start, 11, 0),
        };
        // Versions are saved in order, so each gets the next number.
        record::insert_plan_version(tx, person.id, &plan, &follow_ups).await?;
    }
    Ok(())
}

fn benefit_note(person: &Person, row: usize) -> String {
    match (person.seed.benefit, person.benefit_until) {
        (AE, Some(until)) => {
            let extent = if row % 4 == 3 { "halv" } else { "hel" };
            format!(
                "Du har {extent} aktivitetsersättning till och med {} {}.",
                crate::texts::sv::MONTHS[until.month0() as usize],
                until.year()
            )
        }
        (SE, _) => "Du har sjukersättning.".to_owned(),
        (SA, _) => "Du har försörjningsstöd.".to_owned(),
        _ => "Du har ingen ersättning just nu.".to_owned(),
    }
}
