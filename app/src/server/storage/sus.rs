//! What SUS asks, per participant and Finsam-financed activity
//! (`sus_registrations`), and the unit's registration sheet.

use super::{Tx, on_conn};
use crate::domain::sus::{Education, EndReason, IncomeSource, Occupation, SupportTime, SusEnd, SusStart};
use crate::server::access::{Permitted, PermittedUnit};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RegistrationRow {
    pub participant_id: i64,
    pub starts_on: NaiveDate,
    pub occupation_before: Occupation,
    pub income_before: IncomeSource,
    pub education: Education,
    pub time_in_support: SupportTime,
    pub ends_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub occupation_after: Option<Occupation>,
    pub income_after: Option<IncomeSource>,
    pub hours_after: Option<i64>,
}

impl RegistrationRow {
    pub fn start(&self) -> SusStart {
        SusStart {
            starts_on: self.starts_on,
            occupation_before: self.occupation_before,
            income_before: self.income_before,
            education: self.education,
            time_in_support: self.time_in_support,
        }
    }

    /// The end's answers, which the schema keeps together.
    pub fn end(&self) -> Option<SusEnd> {
        Some(SusEnd {
            ends_on: self.ends_on?,
            reason: self.end_reason?,
            occupation_after: self.occupation_after?,
            income_after: self.income_after?,
            hours_after: u8::try_from(self.hours_after?).ok()?,
        })
    }
}

const COLUMNS: &str = "r.participant_id, r.starts_on, r.occupation_before, r.income_before, r.education,
    r.time_in_support, r.ends_on, r.end_reason, r.occupation_after, r.income_after, r.hours_after";

/// The participant's registrations, the latest first.
pub(crate) async fn of_participant(tx: &mut Tx, participant: Permitted) -> Result<Vec<RegistrationRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM sus_registrations r WHERE r.participant_id = $1 ORDER BY r.starts_on DESC, r.id DESC"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).fetch_all(c).await)
}

/// A new activity. `false` when one is still open (the schema allows one at a time).
pub(crate) async fn start(
    tx: &mut Tx,
    participant: Permitted,
    start: &SusStart,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let open: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT count(*) FROM sus_registrations WHERE participant_id = $1 AND ends_on IS NULL"
    )
    .bind(participant.id())
    .fetch_one(c)
    .await)?;
    if open > 0 {
        return Ok(false);
    }
    insert_start(tx, participant.id(), start, by, now).await.map(|()| true)
}

/// For the seed, which writes its own participants.
pub(super) async fn insert_start(
    tx: &mut Tx,
    participant_id: i64,
    start: &SusStart,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO sus_registrations (participant_id, starts_on, occupation_before, income_before, education,
                                        time_in_support, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(participant_id)
    .bind(start.starts_on)
    .bind(start.occupation_before)
    .bind(start.income_before)
    .bind(start.education)
    .bind(start.time_in_support)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))
}

/// Ends the participant's open activity. Written once: `false` when none is
/// open or it would end before it began.
pub(crate) async fn end(
    tx: &mut Tx,
    participant: Permitted,
    end: &SusEnd,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    insert_end(tx, participant.id(), end, by, now).await
}

/// For the seed, which writes its own participants.
pub(super) async fn insert_end(
    tx: &mut Tx,
    participant_id: i64,
    end: &SusEnd,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "UPDATE sus_registrations
            SET ends_on = $2, end_reason = $3, occupation_after = $4, income_after = $5, hours_after = $6,
                ended_by = $7, ended_at = $8
          WHERE participant_id = $1 AND ends_on IS NULL AND starts_on <= $2"
    )
    .bind(participant_id)
    .bind(end.ends_on)
    .bind(end.reason)
    .bind(end.occupation_after)
    .bind(end.income_after)
    .bind(i64::from(end.hours_after))
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// A line of the unit's sheet: the registration, who it is, and whether a
/// written consent to registration in SUS was in force on the sheet's day.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SheetRow {
    #[sqlx(flatten)]
    pub registration: RegistrationRow,
    pub name: String,
    pub personal_number: Option<String>,
    pub gender: Option<crate::domain::Gender>,
    pub consented: bool,
}

/// The unit's registrations that ran some day of `from..=until`, by start.
pub(crate) async fn sheet(
    tx: &mut Tx,
    unit: PermittedUnit,
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<SheetRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, p.name, p.personal_number, p.gender,
            {} AS consented
         FROM sus_registrations r JOIN participants p ON p.id = r.participant_id
         WHERE p.unit_id = $1 AND r.starts_on <= $3 AND (r.ends_on IS NULL OR r.ends_on >= $2)
         ORDER BY r.starts_on, r.id",
        consent_in_force("p.id", "$4")
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(unit.id()).bind(from).bind(until).bind(today).fetch_all(c).await)
}

/// A written consent to registration in SUS, in force on `day`.
pub(crate) async fn consented(tx: &mut Tx, participant: Permitted, day: NaiveDate) -> Result<bool, sqlx::Error> {
    let sql = format!("SELECT {}", consent_in_force("$1", "$2"));
    on_conn!(tx, |c| sqlx::query_scalar(&sql).bind(participant.id()).bind(day).fetch_one(c).await)
}

/// A written consent to registration in SUS, given by `day` and not withdrawn
/// by then, for the participant `who`: one condition for the record's page and
/// the sheet.
fn consent_in_force(who: &str, day: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM consents c WHERE c.participant_id = {who} AND c.scope = 'sus_registration'
                   AND c.method = 'written' AND c.given_on <= {day}
                   AND (c.withdrawn_on IS NULL OR c.withdrawn_on > {day}))"
    )
}
