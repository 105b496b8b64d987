//! The demo municipality for `mina-steg demo-data`: the invented "Storvik kommun"
//! with two DV units, their staff, participants on every step of Stegen, the
//! people around them, joint plans, meetings, consents and the work-preparation
//! programme.
//!
//! Every person, workplace and address is invented. Phone numbers are in the
//! fictional ranges 070-1740xxx and 08-46500xxx; e-mail outside the municipality
//! uses exempel.se domains. Nothing is random: dates follow from `today` and from
//! a row's position in the tables, so the same `today` gives the same data (only
//! the session secrets and the accounts' creation times differ).
//!
//! The rows are written through the same storage functions the app writes with
//! (consents, plans, meetings, contact persons, enrolments, attendance…), so the
//! demo shows what the app itself would have recorded. Only what the app has no
//! form for (units, staff, participants, relatives, /demo lines) is written here.

mod access_log;
mod addresses;
mod consents;
mod dates;
mod meetings;
pub mod national;
mod participants;
mod plans;
mod programme;
#[cfg(test)]
mod tests;
mod transition;
mod units;

use super::{Tx, on_conn};
use chrono::NaiveDate;
use participants::{DEMO_PARTICIPANTS, PARTICIPANTS, Person};

/// What `demo-data` made, for its closing message. `pub` because `access::system` re-exports it.
pub struct DemoSummary {
    pub participants: usize,
    /// Staff rows, the administrator included.
    pub staff: usize,
    pub meetings: usize,
    /// A month of the audit log, oldest first, for `demo-data` to write
    /// through the log's chained insert (see `access_log`).
    pub(crate) history: Vec<crate::server::storage::audit::NewAuditEntry>,
}

const STAFF_DOMAIN: &str = "storvik.se";
const PEOPLE_DOMAIN: &str = "exempel.se";

/// Employers of those who reached employment: (employer, workplace).
const EMPLOYERS: [(&str, &str); 2] = [
    ("Bageriet Vetekornet AB", "Bageriet Vetekornet, Torggatan 7"),
    ("Storviks Lager och Logistik AB", "Storviks Lager, Industrivägen 15"),
];

/// Fills an empty database with an invented municipality. Deterministic (no RNG): the same `today` gives the same data.
pub(crate) async fn demo_municipality(
    tx: &mut Tx,
    today: NaiveDate,
    staff_password_hash: &str,
    secret: &mut dyn FnMut() -> String,
) -> Result<DemoSummary, sqlx::Error> {
    // Staff and external contacts were in place long before anyone entered DV.
    let long_ago = dates::at(dates::days(today, -1800), 8, 0);
    let mut demo_lines: Vec<(i64, String)> = Vec::new();

    let (units, staff_count) = units::add_units(tx, staff_password_hash, secret, long_ago, &mut demo_lines).await?;
    let externals = units::add_externals(tx, long_ago).await?;

    // Participants, their accounts, contact persons and ladder history.
    let mut people: Vec<Person> = Vec::with_capacity(PARTICIPANTS.len());
    for (row, seed) in PARTICIPANTS.iter().enumerate() {
        people.push(participants::add_participant(tx, today, row, seed, &units[seed.unit], &externals, secret).await?);
    }
    for person in &people {
        plans::add_plans(tx, today, person, &units[person.seed.unit]).await?;
    }
    let meeting_guest = participants::add_relatives(tx, today, &mut people, &units, secret, &mut demo_lines).await?;
    consents::add_consents(tx, &people, &units).await?;
    let meetings = meetings::add_meetings(tx, today, &mut people, &units, &meeting_guest).await?;
    programme::add_current_rounds(tx, today, &mut people, &units).await?;
    programme::add_last_rounds(tx, today, &people, &units).await?;
    transition::add_clocks(tx, today, &people, &units).await?;

    // What /demo shows.
    let on_asf_step = |p: &Person| p.seed.step.road() == Some(crate::domain::Road::Asf);
    let resting = |p: &Person| p.seed.dv_ended && p.seed.step == participants::EC;
    let shown = |p: &&Person| p.row < DEMO_PARTICIPANTS || (on_asf_step(p) && p.is_active()) || resting(p);
    for person in people.iter().filter(shown) {
        demo_lines.push((person.account_id, person.demo_description()));
    }
    for (account_id, description) in &demo_lines {
        insert_demo_account(tx, *account_id, description).await?;
    }

    // The programme sessions became meetings of the enrolled as well.
    let all_meetings: i64 = on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM meetings").fetch_one(c).await)?;
    let meetings = usize::try_from(all_meetings).unwrap_or(meetings);
    let history = access_log::history(today, &people, &units);
    Ok(DemoSummary { participants: people.len(), staff: staff_count, meetings, history })
}

/// The one-click sign-in lines of /demo: only a demo database has them.
pub(crate) async fn insert_demo_account(tx: &mut Tx, account_id: i64, description: &str) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("INSERT INTO demo_accounts (account_id, description) VALUES ($1, $2)")
        .bind(account_id)
        .bind(description)
        .execute(c)
        .await
        .map(|_| ()))
}
