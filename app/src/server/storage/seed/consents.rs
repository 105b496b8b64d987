//! Consents: to FK and AF, for sharing with a relative, for förlängt stöd; and
//! the förlängt stöd itself, with the job it follows (and the municipal
//! employment of those discharged to one).

use super::EMPLOYERS;
use super::dates::{at, days, months, weekday_back};
use super::participants::{BACK, CR, EC, EMP, JA, MUN, NONE, Person, SA, SE, WPP};
use super::units::UnitIds;
use crate::domain::{ConsentScope, EmployerKind, Employment, HoursPerWeek, Organisation};
use crate::server::storage::Tx;
use crate::server::storage::contacts::{self, NewExtendedSupport};
use crate::server::storage::record::{self, NewConsent};
use chrono::NaiveDate;

/// The consents every participant's path calls for, and förlängt stöd for those employed.
pub(super) async fn add_consents(tx: &mut Tx, people: &[Person], units: &[UnitIds]) -> Result<(), sqlx::Error> {
    let to = |scope, org, method, given_on| ToOrganisation { scope, org, method, given_on };
    let mut employer_turn = 0;
    for person in people {
        let consultant = units[person.seed.unit].consultant.account_id;
        if person.has_fk_benefit() {
            // Oral consent at the kartläggningsmöte, phoned in to FK.
            let given_on = days(person.entered_on, 7);
            to(ConsentScope::DvFkContact, Organisation::Fk, "oral", given_on).add(tx, person, consultant).await?;
            if let Some(ja) = person.reached(JA) {
                let given_on = weekday_back(days(ja, -10));
                to(ConsentScope::FkDocuments, Organisation::Fk, "oral", given_on).add(tx, person, consultant).await?;
            }
        }
        if let Some(ec) = person.reached(EC) {
            to(ConsentScope::AfDvContact, Organisation::Af, "oral", ec).add(tx, person, consultant).await?;
        }
        if let Some(raised) = person.reached(CR) {
            // Asked for before the case is raised, at the meeting that decides to raise it.
            let given_on = weekday_back(days(raised, -7));
            to(ConsentScope::DvAsfContact, Organisation::Asf, "oral", given_on).add(tx, person, consultant).await?;
        }
        if let Some(started) = person.reached(WPP) {
            sus(tx, person, started, consultant).await?;
        }
        let Some(discharged) = person.discharged_on else { continue };
        match person.seed.step {
            EMP => {
                // Written consent; the support reaches the employer, hence "other".
                let consent = to(ConsentScope::ExtendedSupport, Organisation::Other, "written", discharged);
                let consent_id = consent.add(tx, person, consultant).await?;
                let (employer, _) = EMPLOYERS[employer_turn % EMPLOYERS.len()];
                employer_turn += 1;
                // Förlängt stöd: twelve months from the first day of employment.
                let support = NewExtendedSupport {
                    employer,
                    starts_on: discharged,
                    ends_on: months(discharged, 12),
                    consent_id,
                    by: Some(consultant),
                    now: at(discharged, 15, 30),
                };
                contacts::insert_extended_support(tx, person.id, &support).await?;
                // The job itself, for the follow-up's work outcomes: hours and employer in turn.
                let (hours, employer) = JOBS[employer_turn % JOBS.len()];
                let job =
                    Employment { starts_on: discharged, ends_on: None, hours_per_week: seed_hours(hours)?, employer };
                record::insert_employment(tx, person.id, &job, Some(consultant), at(discharged, 15, 35)).await?;
            }
            MUN => {
                // A time-limited municipal employment: a year at ASF.
                let job = Employment {
                    starts_on: discharged,
                    ends_on: Some(days(months(discharged, 12), -1)),
                    hours_per_week: seed_hours(30)?,
                    employer: EmployerKind::MunicipalEmployment,
                };
                record::insert_employment(tx, person.id, &job, Some(consultant), at(discharged, 15, 35)).await?;
            }
            BACK => {
                let consent = to(ConsentScope::ReturnToDvFk, Organisation::Fk, "written", discharged);
                consent.add(tx, person, consultant).await?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The work-preparation programme was Finsam-financed in the source project:
/// whoever reached it has a SUS registration from that day, ended when they
/// moved on (with a job for those discharged to one). Every other one gave a
/// written consent to be named in SUS.
async fn sus(tx: &mut Tx, person: &Person, started: NaiveDate, consultant: i64) -> Result<(), sqlx::Error> {
    use crate::domain::sus::{Education, EndReason, IncomeSource, Occupation, SupportTime, SusEnd, SusStart};
    use crate::server::storage::sus;
    let income = match person.seed.benefit {
        SE => IncomeSource::SicknessCompensation,
        SA => IncomeSource::SocialAssistance,
        NONE => IncomeSource::NoIncome,
        _ => IncomeSource::ActivityCompensation,
    };
    let even = person.row.is_multiple_of(2);
    if even {
        let consent = ToOrganisation {
            scope: ConsentScope::SusRegistration,
            org: Organisation::Other,
            method: "written",
            given_on: started,
        };
        consent.add(tx, person, consultant).await?;
    }
    let start = SusStart {
        starts_on: started,
        occupation_before: Occupation::DailyActivity,
        income_before: income,
        education: if even { Education::UpperSecondary } else { Education::Compulsory },
        time_in_support: if person.row.is_multiple_of(3) { SupportTime::OverFive } else { SupportTime::ThreeToFive },
    };
    sus::insert_start(tx, person.id, &start, Some(consultant), at(started, 15, 0)).await?;
    let next = person.moves.iter().map(|(_, on)| *on).find(|on| *on > started);
    let Some(ended) = next else { return Ok(()) };
    let employed = person.seed.step == EMP && person.discharged_on == Some(ended);
    let end = SusEnd {
        ends_on: ended,
        reason: if employed { EndReason::Work } else { EndReason::Completed },
        occupation_after: if employed { Occupation::Work } else { Occupation::DailyActivity },
        income_after: if employed { IncomeSource::Wage } else { income },
        hours_after: if employed { 20 } else { 0 },
    };
    sus::insert_end(tx, person.id, &end, Some(consultant), at(ended, 15, 0)).await?;
    Ok(())
}

/// The jobs of those discharged to employment, in turn: hours a week and employer.
const JOBS: [(u8, EmployerKind); 4] = [
    (20, EmployerKind::Private),
    (10, EmployerKind::Private),
    (30, EmployerKind::Public),
    (16, EmployerKind::SocialEnterprise),
];

fn seed_hours(hours: u8) -> Result<HoursPerWeek, sqlx::Error> {
    HoursPerWeek::new(hours).map_err(|_| sqlx::Error::Protocol(format!("the seed's {hours} hours a week")))
}

/// A consent to share with an authority or the employer.
struct ToOrganisation {
    scope: ConsentScope,
    org: Organisation,
    method: &'static str,
    given_on: NaiveDate,
}

impl ToOrganisation {
    async fn add(self, tx: &mut Tx, person: &Person, recorded_by: i64) -> Result<i64, sqlx::Error> {
        let consent = NewConsent {
            scope: self.scope.as_str(),
            organisation: Some(self.org.as_str()),
            relative_id: None,
            shared_sections: "",
            method: self.method,
            given_on: self.given_on,
            by: Some(recorded_by),
            now: at(self.given_on, 15, 0),
        };
        record::insert_consent(tx, person.id, &consent).await
    }
}

/// Sharing sections with a relative or god man: always given in writing in the demo.
pub(super) async fn share_with_relative(
    tx: &mut Tx,
    participant_id: i64,
    relative_id: i64,
    sections: &str,
    given_on: NaiveDate,
    recorded_by: i64,
) -> Result<i64, sqlx::Error> {
    let consent = NewConsent {
        scope: ConsentScope::ShareWithRelative.as_str(),
        organisation: None,
        relative_id: Some(relative_id),
        shared_sections: sections,
        method: "written",
        given_on,
        by: Some(recorded_by),
        now: at(given_on, 15, 0),
    };
    record::insert_consent(tx, participant_id, &consent).await
}
