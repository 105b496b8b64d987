//! `mina-steg demo-data --scale national|N`: an invented data set shaped like
//! the whole country's daglig verksamhet, for load tests and benchmarks.
//!
//! National means about 40 000 participants in the units of 290 municipalities
//! (a few large municipalities, many small: a Zipf-like spread), one staff
//! member to eight participants, two relatives or gode män each, a meeting
//! about every five weeks over five years, a new plan version about three times
//! a year, the work-preparation programme every term, and the audit log those
//! years would have left. `--scale N` keeps the proportions for N participants.
//!
//! Everything is invented: names are combined from the demo's name lists,
//! municipalities from syllables, phone numbers lie in the fictional ranges and
//! e-mail in exempel.se domains. A seeded generator decides everything, so the
//! same N on the same day gives the same data (dates follow from `today`, as
//! the small demo's do; only session secrets differ).
//!
//! Millions of rows cannot go one INSERT at a time through the app's storage
//! functions: they are streamed with COPY (PostgreSQL) or batched INSERTs
//! (SQLite) in the caller's transaction (see `load`). The rows are those the
//! app's own write paths would have left, revisions included (a meeting marked
//! held or cancelled keeps its planned state, as `change_meeting` does); the
//! audit log is signed row by row with the chain's own signer.

mod load;
mod log;

use super::dates::{at, days, end_of_month, months, next_weekday, weekday_back, weekday_forward};
use super::meetings::{START_TIMES, meeting_bring, meeting_minutes, meeting_title};
use super::participants::{PARTICIPANTS, move_note, route_to, sections_sv};
use super::plans::plan_template;
use super::programme::PROGRAMME_THEMES;
use super::{PEOPLE_DOMAIN, addresses};
use crate::domain::{BenefitKind, ConsentScope, LadderStep, MeetingKind, RelationKind, Road, StaffRole, Way};
use crate::server::Keys;
use crate::server::storage::Tx;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc, Weekday};
use load::{Loader, V, check_ids, next_id};
use std::time::{Duration, Instant};

/// Participants of `--scale national`.
pub const NATIONAL: usize = 40_000;
/// Municipalities at national scale (fewer, in proportion, below it).
const MUNICIPALITIES: usize = 290;
/// Participants a unit takes at most: a large municipality has many units.
const UNIT_SIZE: usize = 80;
/// One staff member to so many participants (5 000 at national scale).
const PARTICIPANTS_PER_STAFF: usize = 8;
/// Audit rows per participant over the five years (20 million at national scale).
const AUDIT_ROWS_PER_PARTICIPANT: u64 = 500;
/// Programme rounds: one to so many participants (10 000 at national scale).
const PARTICIPANTS_PER_ROUND: usize = 4;
/// The years of history.
const HISTORY_DAYS: i64 = 5 * 365 + 1;

/// How many participants `--scale` asks for: `national` or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale(usize);

impl Scale {
    /// Fewer than this and the proportions (a unit, its staff, a round) make no sense.
    pub const MIN: usize = 20;
    /// Ten times the country: enough for any test, and a typo cannot fill the disk.
    pub const MAX: usize = 400_000;

    pub fn participants(self) -> usize {
        self.0
    }
}

impl std::str::FromStr for Scale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n = match s.trim() {
            "national" => NATIONAL,
            other => other.parse::<usize>().map_err(|_| {
                format!("--scale takes `national` ({NATIONAL} participants) or a number of participants, not `{s}`")
            })?,
        };
        if !(Self::MIN..=Self::MAX).contains(&n) {
            return Err(format!("--scale takes {} to {} participants, not {n}", Self::MIN, Self::MAX));
        }
        Ok(Scale(n))
    }
}

/// One part of the load: how long it took and the rows of each table.
pub struct Part {
    pub name: &'static str,
    pub took: Duration,
    pub rows: Vec<(&'static str, u64)>,
}

/// What `demo-data --scale` made, for its closing lines.
pub struct NationalSummary {
    pub parts: Vec<Part>,
    /// The accounts listed on /demo (a handful, for benchmarks and a look around).
    pub(crate) demo_lines: Vec<(i64, String)>,
}

/// A small seeded generator (SplitMix64): the data must be the same every run,
/// and a dependency would buy nothing here.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The generator's seed for one participant's (or one day's) rows, so each can
/// be generated again on its own: the meetings are made three times (meetings,
/// who comes, revisions) without keeping two million of them in memory.
fn seed_of(kind: u64, n: usize) -> u64 {
    kind.wrapping_mul(0x1000_0000_01b3) ^ (n as u64).wrapping_mul(0x9e37_79b9)
}

struct Municipality {
    name: String,
    domain: String,
    fk: i64,
    af: i64,
    asf: i64,
}

struct Unit {
    id: i64,
    municipality: usize,
    name: String,
    /// Staff indexes: the enhetschef first, then an arbetskonsulent, then the rest.
    staff: std::ops::Range<usize>,
    people: std::ops::Range<usize>,
}

struct Staff {
    id: i64,
    account: i64,
    unit: Option<usize>,
    role: StaffRole,
    name: String,
}

struct Participant {
    id: i64,
    account: i64,
    unit: usize,
    consultant: usize,
    supervisor: usize,
    name: String,
    preferred: &'static str,
    gender: &'static str,
    step: LadderStep,
    benefit: BenefitKind,
    benefit_until: Option<NaiveDate>,
    entered_on: NaiveDate,
    discharged_on: Option<NaiveDate>,
    moves: Vec<(LadderStep, NaiveDate)>,
    hours: i64,
    placement: bool,
    relatives: Vec<Relative>,
}

/// The road a participant's benefit points to, unless they already walk the
/// AF/FK road's own steps (staff chose that road for them).
fn road_of(p: &Participant) -> Road {
    let moves = p.moves.iter().map(|m| m.0).chain([p.step]);
    match Road::for_benefit(p.benefit) {
        Road::Asf
            if moves
                .into_iter()
                .any(|s| matches!(s, LadderStep::JointAssessment | LadderStep::EnhancedCollaboration)) =>
        {
            Road::AfFk
        }
        road => road,
    }
}

struct Relative {
    id: i64,
    account: i64,
    kind: RelationKind,
    /// What their consent lets them see, if any.
    shares: Option<&'static str>,
}

impl Participant {
    fn active_on(&self, day: NaiveDate) -> bool {
        self.entered_on <= day && self.discharged_on.is_none_or(|d| d >= day)
    }

    fn reached(&self, step: LadderStep) -> Option<NaiveDate> {
        self.moves.iter().find(|(s, _)| *s == step).map(|(_, d)| *d)
    }

    fn has_fk_benefit(&self) -> bool {
        matches!(self.benefit, BenefitKind::ActivityCompensation | BenefitKind::SicknessCompensation)
    }
}

/// Everything later parts need to know about the people.
struct World {
    today: NaiveDate,
    municipalities: Vec<Municipality>,
    units: Vec<Unit>,
    staff: Vec<Staff>,
    people: Vec<Participant>,
}

impl World {
    fn unit_of(&self, p: &Participant) -> &Unit {
        &self.units[p.unit]
    }

    fn history_start(&self) -> NaiveDate {
        days(self.today, -HISTORY_DAYS)
    }
}

/// Times one part and collects its tables' row counts.
struct Timer {
    parts: Vec<Part>,
    started: Instant,
    rows: Vec<(&'static str, u64)>,
}

impl Timer {
    fn new() -> Self {
        Timer { parts: Vec::new(), started: Instant::now(), rows: Vec::new() }
    }

    fn count(&mut self, table: &'static str, rows: u64) {
        match self.rows.iter_mut().find(|(t, _)| *t == table) {
            Some((_, n)) => *n += rows,
            None => self.rows.push((table, rows)),
        }
    }

    fn done(&mut self, name: &'static str) {
        self.parts.push(Part { name, took: self.started.elapsed(), rows: std::mem::take(&mut self.rows) });
        self.started = Instant::now();
    }
}

/// Fills the database in `tx` with the scaled data set; the caller has checked
/// that it holds no accounts, and marks it and audits the work.
pub(crate) async fn national(
    tx: &mut Tx,
    keys: &Keys,
    today: NaiveDate,
    scale: Scale,
    staff_password_hash: &str,
    secret: &mut dyn FnMut() -> String,
) -> Result<NationalSummary, sqlx::Error> {
    let mut timer = Timer::new();
    let mut world = people(tx, today, scale, staff_password_hash, secret, &mut timer).await?;
    timer.done("people (units, staff, participants, relatives, accounts, contacts, consents, steps)");
    plans(tx, &world, &mut timer).await?;
    timer.done("plans");
    meetings(tx, &world, &mut timer).await?;
    timer.done("meetings");
    programme(tx, &world, scale, &mut timer).await?;
    timer.done("programme");
    let rows = log::write(tx, keys, &world, AUDIT_ROWS_PER_PARTICIPANT * scale.0 as u64).await?;
    timer.count("audit_log", rows);
    timer.done("audit log");
    let demo_lines = demo_lines(&mut world);
    Ok(NationalSummary { parts: timer.parts, demo_lines })
}

// --- People ---

/// "Elin", "woman" and "Åkesson" from the demo's participants: the name lists.
fn first_names() -> Vec<(&'static str, &'static str)> {
    let mut names: Vec<(&'static str, &'static str)> =
        PARTICIPANTS.iter().filter_map(|p| p.name.split_once(' ').map(|(first, _)| (first, p.gender))).collect();
    names.dedup();
    names
}

fn last_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        PARTICIPANTS.iter().filter_map(|p| p.name.split_once(' ')).map(|(_, l)| l).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Invented place names made of two syllables ("Ekfors", "Granby").
fn municipality_name(i: usize) -> String {
    const FIRST: [&str; 20] = [
        "Stor", "Lill", "Ek", "Björk", "Gran", "Tall", "Sjö", "Berg", "Dal", "Lund", "Hed", "Ås", "Al", "Rönn", "Lind",
        "Hag", "Kvarn", "Mo", "Sand", "Bäck",
    ];
    const SECOND: [&str; 16] = [
        "vik", "by", "torp", "fors", "hamn", "sund", "näs", "dal", "mark", "holm", "ryd", "berga", "å", "sjö", "ås",
        "red",
    ];
    let name = format!("{}{}", FIRST[i % FIRST.len()], SECOND[(i / FIRST.len()) % SECOND.len()]);
    // Past 320 municipalities (a scale beyond the country's) the pairs come round again.
    match i / (FIRST.len() * SECOND.len()) {
        0 => name,
        n => format!("{name} {}", n + 1),
    }
}

/// Participants per municipality: Zipf-like (the k-th largest has about
/// 1/k^0.9 of the largest's), every municipality at least one.
fn municipality_sizes(participants: usize) -> Vec<usize> {
    let count = (MUNICIPALITIES * participants).div_ceil(NATIONAL).clamp(1, participants);
    let weights: Vec<f64> = (0..count).map(|k| 1.0 / ((k + 1) as f64).powf(0.9)).collect();
    let total: f64 = weights.iter().sum();
    let mut sizes: Vec<usize> =
        weights.iter().map(|w| ((participants as f64) * w / total).floor().max(1.0) as usize).collect();
    // What rounding left over (or took too much) goes to or comes from the largest.
    let sum: usize = sizes.iter().sum();
    sizes[0] = (sizes[0] + participants).saturating_sub(sum).max(1);
    sizes
}

const STAFF_COLUMNS: &[&str] = &["unit_id", "name", "role", "phone", "email", "created_at"];
const ACCOUNT_COLUMNS: &[&str] =
    &["role", "staff_id", "participant_id", "relative_id", "email", "password_hash", "session_secret", "created_at"];

async fn people(
    tx: &mut Tx,
    today: NaiveDate,
    scale: Scale,
    staff_password_hash: &str,
    secret: &mut dyn FnMut() -> String,
    timer: &mut Timer,
) -> Result<World, sqlx::Error> {
    let mut rng = Rng::new(seed_of(1, scale.0));
    let firsts = first_names();
    let lasts = last_names();
    let long_ago = at(days(today, -HISTORY_DAYS - 400), 8, 0);
    let history_start = days(today, -HISTORY_DAYS);

    // Municipalities and their units.
    let sizes = municipality_sizes(scale.0);
    let mut municipalities = Vec::with_capacity(sizes.len());
    let mut units: Vec<Unit> = Vec::new();
    let unit_base = next_id(tx, "units").await?;
    let mut next_person = 0;
    let mut l = Loader::open(tx, "units", &["name"]).await?;
    for (m, &size) in sizes.iter().enumerate() {
        let name = municipality_name(m);
        let domain = format!("{}.exempel.se", addresses::email_of(&name, "x").trim_end_matches("@x"));
        let unit_count = size.div_ceil(UNIT_SIZE);
        for k in 0..unit_count {
            // Participants as evenly as the division allows.
            let take = size / unit_count + usize::from(k < size % unit_count);
            let unit_name = format!("Daglig verksamhet {name} {}", k + 1);
            l.row(&[V::Text(&unit_name)]).await?;
            units.push(Unit {
                id: unit_base + 1 + units.len() as i64,
                municipality: m,
                name: unit_name,
                staff: 0..0,
                people: next_person..next_person + take,
            });
            next_person += take;
        }
        municipalities.push(Municipality { name, domain, fk: 0, af: 0, asf: 0 });
    }
    let n = l.finish().await?;
    check_ids(tx, "units", unit_base, n).await?;
    timer.count("units", n);

    // Staff: an enhetschef and an arbetskonsulent in every unit, then
    // handledare, a handledare for enskild plats, and more konsulenter.
    let mut staff: Vec<Staff> = Vec::new();
    for (u, unit) in units.iter_mut().enumerate() {
        let count = (unit.people.len() / PARTICIPANTS_PER_STAFF).max(3);
        let first = staff.len();
        for k in 0..count {
            let role = match k {
                0 => StaffRole::UnitManager,
                1 => StaffRole::EmploymentConsultant,
                3 => StaffRole::PlacementSupervisor,
                k if k % 4 == 1 => StaffRole::EmploymentConsultant,
                _ => StaffRole::Supervisor,
            };
            let (first_name, _) = rng.pick(&firsts);
            let name = format!("{first_name} {}", rng.pick(&lasts));
            staff.push(Staff { id: 0, account: 0, unit: Some(u), role, name });
        }
        unit.staff = first..staff.len();
    }
    // One administrator, one dataskyddsombud and one steering-group member for the whole shared service.
    for role in [StaffRole::Admin, StaffRole::DataProtectionOfficer, StaffRole::SteeringGroup] {
        let (first_name, _) = rng.pick(&firsts);
        staff.push(Staff { id: 0, account: 0, unit: None, role, name: format!("{first_name} {}", rng.pick(&lasts)) });
    }
    let staff_base = next_id(tx, "staff").await?;
    let emails: Vec<String> = staff
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let domain = match s.unit {
                Some(u) => municipalities[units[u].municipality].domain.as_str(),
                None => "dv.exempel.se",
            };
            // Numbered: names repeat, addresses may not.
            addresses::email_of(&format!("{} {}", s.name, i + 1), domain)
        })
        .collect();
    let mut l = Loader::open(tx, "staff", STAFF_COLUMNS).await?;
    for (i, s) in staff.iter_mut().enumerate() {
        s.id = staff_base + 1 + i as i64;
        let unit_id = s.unit.map(|u| units[u].id);
        let phone = addresses::landline(i);
        l.row(&[
            unit_id.into(),
            V::Text(&s.name),
            s.role.as_str().into(),
            V::Text(&phone),
            V::Text(&emails[i]),
            long_ago.into(),
        ])
        .await?;
    }
    let n = l.finish().await?;
    check_ids(tx, "staff", staff_base, n).await?;
    timer.count("staff", n);
    // Accounts are written last (they point at staff, participants and
    // relatives), but their ids are known now: staff first, then participants,
    // then relatives. A participant row names the account that registered it.
    let account_base = next_id(tx, "accounts").await?;
    for (i, s) in staff.iter_mut().enumerate() {
        s.account = account_base + 1 + i as i64;
    }

    // The officers at FK, AF and ASF in every municipality.
    let external_base = next_id(tx, "external_contacts").await?;
    let mut l =
        Loader::open(tx, "external_contacts", &["name", "organisation", "title", "phone", "email", "created_at"])
            .await?;
    let mut next_external = external_base;
    for (m, municipality) in municipalities.iter_mut().enumerate() {
        for (org, title, subdomain) in [
            ("fk", "Handläggare", "fk.exempel.se"),
            ("af", "Arbetsförmedlare", "af.exempel.se"),
            ("asf", "Socialsekreterare", "asf.exempel.se"),
        ] {
            let (first_name, _) = rng.pick(&firsts);
            let name = format!("{first_name} {}", rng.pick(&lasts));
            let email = addresses::email_of(&format!("{name} {m}"), subdomain);
            let phone = addresses::landline(200 + m);
            next_external += 1;
            l.row(&[V::Text(&name), org.into(), title.into(), V::Text(&phone), V::Text(&email), long_ago.into()])
                .await?;
            match org {
                "fk" => municipality.fk = next_external,
                "af" => municipality.af = next_external,
                _ => municipality.asf = next_external,
            }
        }
    }
    let n = l.finish().await?;
    check_ids(tx, "external_contacts", external_base, n).await?;
    timer.count("external_contacts", n);

    // Participants.
    let participant_base = next_id(tx, "participants").await?;
    let mut people: Vec<Participant> = Vec::with_capacity(scale.0);
    for (u, unit) in units.iter().enumerate() {
        let consultants: Vec<usize> =
            unit.staff.clone().filter(|&s| staff[s].role == StaffRole::EmploymentConsultant).collect();
        let supervisors: Vec<usize> = unit
            .staff
            .clone()
            .filter(|&s| matches!(staff[s].role, StaffRole::Supervisor | StaffRole::PlacementSupervisor))
            .collect();
        let placement_supervisor = unit.staff.clone().find(|&s| staff[s].role == StaffRole::PlacementSupervisor);
        for (k, _) in unit.people.clone().enumerate() {
            let i = people.len();
            let mut p = new_participant(
                &mut rng,
                today,
                history_start,
                (participant_base + 1 + i as i64, u),
                (&firsts, &lasts),
                consultants[k % consultants.len()],
                placement_supervisor.unwrap_or(supervisors[k % supervisors.len()]),
                supervisors[k % supervisors.len()],
            );
            p.account = account_base + 1 + (staff.len() + i) as i64;
            people.push(p);
        }
    }
    let mut l = Loader::open(
        tx,
        "participants",
        &[
            "unit_id",
            "name",
            "preferred_name",
            "phone",
            "email",
            "benefit_kind",
            "benefit_until",
            "road",
            "dv_form",
            "hours_per_week",
            "ladder_step",
            "gender",
            "entered_on",
            "discharged_on",
            "discharge_outcome",
            "created_by",
            "created_at",
        ],
    )
    .await?;
    for (i, p) in people.iter().enumerate() {
        let phone = (i % 7 != 3).then(|| addresses::mobile(i));
        let email = (i % 3 == 0).then(|| addresses::email_of(&p.name, PEOPLE_DOMAIN));
        let outcome = match (p.step, p.discharged_on) {
            (_, None) => None,
            (LadderStep::Employment, _) => Some("employment"),
            (LadderStep::Studies, _) => Some("studies"),
            (LadderStep::BackToDv, _) => Some("back_to_dv"),
            _ => Some("enhanced_collaboration"),
        };
        l.row(&[
            units[p.unit].id.into(),
            V::Text(&p.name),
            p.preferred.into(),
            phone.as_ref().into(),
            email.as_ref().into(),
            p.benefit.as_str().into(),
            p.benefit_until.into(),
            road_of(p).as_str().into(),
            (if p.placement { "individual_placement" } else { "group" }).into(),
            p.hours.into(),
            p.step.as_str().into(),
            p.gender.into(),
            p.entered_on.into(),
            p.discharged_on.into(),
            outcome.into(),
            staff[p.consultant].account.into(),
            at(p.entered_on, 9, 0).into(),
        ])
        .await?;
    }
    let n = l.finish().await?;
    check_ids(tx, "participants", participant_base, n).await?;
    timer.count("participants", n);

    // Relatives and gode män: two for each participant.
    let relative_base = next_id(tx, "relatives").await?;
    let mut relatives: Vec<(usize, RelationKind, String)> = Vec::with_capacity(2 * people.len());
    for (i, p) in people.iter().enumerate() {
        let family_name = p.name.split_once(' ').map_or(p.name.as_str(), |(_, l)| l).to_owned();
        let family =
            *rng.pick(&[RelationKind::Parent, RelationKind::Parent, RelationKind::Sibling, RelationKind::Partner]);
        let (first_name, _) = rng.pick(&firsts);
        relatives.push((i, family, format!("{first_name} {family_name}")));
        let second = match rng.below(100) {
            0..45 => RelationKind::GoodMan,
            45..50 => RelationKind::Administrator,
            50..80 => RelationKind::Parent,
            _ => RelationKind::Sibling,
        };
        let (first_name, _) = rng.pick(&firsts);
        let last = if matches!(second, RelationKind::GoodMan | RelationKind::Administrator) {
            rng.pick(&lasts).to_string()
        } else {
            family_name
        };
        relatives.push((i, second, format!("{first_name} {last}")));
    }
    let mut l = Loader::open(tx, "relatives", &["name", "phone", "email", "created_at"]).await?;
    for (j, (i, _, name)) in relatives.iter().enumerate() {
        let phone = addresses::mobile(300 + j);
        let email = addresses::email_of(name, PEOPLE_DOMAIN);
        l.row(&[V::Text(name), V::Text(&phone), V::Text(&email), at(people[*i].entered_on, 9, 0).into()]).await?;
    }
    let n = l.finish().await?;
    check_ids(tx, "relatives", relative_base, n).await?;
    timer.count("relatives", n);

    // Accounts: staff (e-mail and the demo password), participants, relatives (sign-in codes).
    let mut l = Loader::open(tx, "accounts", ACCOUNT_COLUMNS).await?;
    let created = crate::server::storage::now();
    for (i, s) in staff.iter().enumerate() {
        let role = if s.role == StaffRole::Admin { "admin" } else { "staff" };
        let session_secret = secret();
        l.row(&[
            role.into(),
            s.id.into(),
            V::Null,
            V::Null,
            V::Text(&emails[i]),
            staff_password_hash.into(),
            V::Text(&session_secret),
            created.into(),
        ])
        .await?;
    }
    for p in &people {
        let session_secret = secret();
        l.row(&[
            "participant".into(),
            V::Null,
            p.id.into(),
            V::Null,
            V::Null,
            V::Null,
            V::Text(&session_secret),
            created.into(),
        ])
        .await?;
    }
    for (j, (i, kind, _)) in relatives.iter().enumerate() {
        let account = account_base + 1 + (staff.len() + people.len() + j) as i64;
        let relative_id = relative_base + 1 + j as i64;
        // Every other relative or god man sees some of the participant's pages.
        let k = people[*i].relatives.len();
        let shares = (*i + k).is_multiple_of(2).then(|| SHARES[(*i / 2 + k) % SHARES.len()]);
        people[*i].relatives.push(Relative { id: relative_id, account, kind: *kind, shares });
        let session_secret = secret();
        l.row(&[
            "relative".into(),
            V::Null,
            V::Null,
            relative_id.into(),
            V::Null,
            V::Null,
            V::Text(&session_secret),
            created.into(),
        ])
        .await?;
    }
    let n = l.finish().await?;
    check_ids(tx, "accounts", account_base, n).await?;
    timer.count("accounts", n);
    drop(relatives);

    let world = World { today, municipalities, units, staff, people };
    links(tx, &world, timer).await?;
    Ok(world)
}

/// One participant: where they are on Stegen, since when, on what benefit.
#[allow(clippy::too_many_arguments)]
fn new_participant(
    rng: &mut Rng,
    today: NaiveDate,
    history_start: NaiveDate,
    (id, unit): (i64, usize),
    (firsts, lasts): (&[(&'static str, &'static str)], &[&'static str]),
    consultant: usize,
    placement_supervisor: usize,
    supervisor: usize,
) -> Participant {
    use LadderStep as S;
    let (first, gender) = *rng.pick(firsts);
    let name = format!("{first} {}", rng.pick(lasts));
    // Most stay in DV for years: over half came before the five years of history.
    let entered_on = if rng.chance(55) {
        weekday_back(days(history_start, -(1 + rng.below(3650) as i64)))
    } else {
        weekday_back(days(today, -(30 + rng.below(HISTORY_DAYS as u64 - 60) as i64)))
    };
    let step = match rng.below(100) {
        0..55 => S::GroupActivity,
        55..63 => S::WorkPrepProgramme,
        63..83 => S::IndividualPlacement,
        83..89 => S::JointAssessment,
        89..93 => S::EnhancedCollaboration,
        93..96 => S::Employment,
        96..98 => S::Studies,
        _ => S::BackToDv,
    };
    let benefit = match rng.below(100) {
        0..45 => BenefitKind::ActivityCompensation,
        45..80 => BenefitKind::SicknessCompensation,
        80..90 => BenefitKind::SocialAssistance,
        _ => BenefitKind::NoBenefit,
    };
    // The latest move: those who left did so within the five years.
    let since_entry = (today - entered_on).num_days();
    let last_on = if step.is_outcome() {
        let earliest = days(entered_on.max(history_start), 90);
        days(earliest, rng.below((today - earliest).num_days().max(1) as u64) as i64).min(days(today, -7))
    } else {
        days(today, -(20 + rng.below((since_entry - 20).clamp(1, 700) as u64) as i64)).max(entered_on)
    };
    // Every national route is the AF/FK road's (DV steps alone fit both roads).
    let route = route_to(step, rng.chance(50), Way::new(Road::AfFk, benefit));
    let span = (last_on - entered_on).num_days().max(0);
    let count = route.len() as i64;
    let moves: Vec<(LadderStep, NaiveDate)> = route
        .iter()
        .enumerate()
        .map(|(k, s)| {
            (*s, if k == 0 { entered_on } else { weekday_back(days(entered_on, span * k as i64 / (count - 1).max(1))) })
        })
        .map(|(s, d)| (s, d.max(entered_on)))
        .collect();
    let discharged_on = step.is_outcome().then(|| moves.last().map_or(last_on, |(_, d)| *d));
    let base_hours = match step {
        S::GroupActivity => 14,
        S::WorkPrepProgramme => 18,
        S::IndividualPlacement => 24,
        S::JointAssessment => 26,
        S::EnhancedCollaboration => 34,
        _ => 30,
    };
    let placement = route.contains(&S::IndividualPlacement);
    let benefit_until =
        (benefit == BenefitKind::ActivityCompensation).then(|| end_of_month(months(today, 6 + rng.below(24) as u32)));
    Participant {
        id,
        account: 0,
        unit,
        consultant,
        supervisor: if placement { placement_supervisor } else { supervisor },
        name,
        preferred: first,
        gender,
        step,
        benefit,
        benefit_until,
        entered_on,
        discharged_on,
        moves,
        hours: base_hours + rng.below(9) as i64 - 4,
        placement,
        relatives: Vec::with_capacity(2),
    }
}

/// What a relative may see, as the demo's consents share it.
const SHARES: [&str; 4] = [
    "meetings,contacts,ladder",
    "plan,meetings,contacts,ladder,programme",
    "meetings",
    "plan,meetings,contacts,access_log",
];

/// A consent: scope, organisation or relative, sections shared, method, given on.
type ConsentRow<'a> = (ConsentScope, Option<&'a str>, Option<i64>, &'a str, &'a str, NaiveDate);

/// Links to relatives, contact persons, consents and steps on Stegen.
async fn links(tx: &mut Tx, world: &World, timer: &mut Timer) -> Result<(), sqlx::Error> {
    let staff = &world.staff;
    let mut l =
        Loader::open(tx, "participant_relatives", &["participant_id", "relative_id", "relation_kind", "since"]).await?;
    for p in &world.people {
        for r in &p.relatives {
            let (relative_id, kind) = (r.id, r.kind);
            let since = match kind {
                // Appointed before DV started; family was always there.
                RelationKind::GoodMan | RelationKind::Administrator => weekday_back(days(p.entered_on, -300)),
                _ => p.entered_on,
            };
            l.row(&[p.id.into(), relative_id.into(), kind.as_str().into(), since.into()]).await?;
        }
    }
    timer.count("participant_relatives", l.finish().await?);

    let mut l = Loader::open(
        tx,
        "contact_persons",
        &["participant_id", "staff_id", "external_contact_id", "role_in_case", "since", "created_by", "created_at"],
    )
    .await?;
    for p in &world.people {
        let m = &world.municipalities[world.unit_of(p).municipality];
        let by = staff[p.consultant].account;
        let supervisor_role = if p.placement { "Handledare på enskild plats" } else { "Handledare" };
        let supervisor_since = if p.placement { p.reached(LadderStep::IndividualPlacement) } else { None };
        let mut contacts: Vec<(Option<i64>, Option<i64>, &str, NaiveDate)> = vec![
            (Some(staff[p.consultant].id), None, "Arbetskonsulent", p.entered_on),
            (Some(staff[p.supervisor].id), None, supervisor_role, supervisor_since.unwrap_or(p.entered_on)),
        ];
        if p.has_fk_benefit() {
            contacts.push((None, Some(m.fk), "Handläggare på Försäkringskassan", days(p.entered_on, 7)));
        }
        if let Some(since) = p.reached(LadderStep::JointAssessment) {
            contacts.push((None, Some(m.af), "Arbetsförmedlare", since));
        }
        if p.benefit == BenefitKind::SocialAssistance {
            contacts.push((None, Some(m.asf), "Socialsekreterare på ASF", p.entered_on));
        }
        for (staff_id, external, role, since) in contacts {
            l.row(&[
                p.id.into(),
                staff_id.into(),
                external.into(),
                role.into(),
                since.into(),
                by.into(),
                at(since, 10, 0).into(),
            ])
            .await?;
        }
    }
    timer.count("contact_persons", l.finish().await?);

    let mut l = Loader::open(
        tx,
        "consents",
        &[
            "participant_id",
            "scope",
            "recipient_organisation",
            "recipient_relative_id",
            "shared_sections",
            "method",
            "given_on",
            "recorded_by",
            "recorded_at",
        ],
    )
    .await?;
    for p in &world.people {
        let by = staff[p.consultant].account;
        let mut consents: Vec<ConsentRow<'_>> = Vec::new();
        if p.has_fk_benefit() {
            consents.push((ConsentScope::DvFkContact, Some("fk"), None, "", "oral", days(p.entered_on, 7)));
        }
        if let Some(ec) = p.reached(LadderStep::EnhancedCollaboration) {
            consents.push((ConsentScope::AfDvContact, Some("af"), None, "", "oral", ec));
        }
        for (k, r) in p.relatives.iter().enumerate() {
            if let Some(sections) = r.shares {
                let given_on = days(p.entered_on, 14 + 30 * k as i64);
                consents.push((ConsentScope::ShareWithRelative, None, Some(r.id), sections, "written", given_on));
            }
        }
        for (scope, org, relative, sections, method, given_on) in consents {
            let given_on = given_on.min(world.today);
            l.row(&[
                p.id.into(),
                scope.as_str().into(),
                org.into(),
                relative.into(),
                sections.into(),
                method.into(),
                given_on.into(),
                by.into(),
                at(given_on, 15, 0).into(),
            ])
            .await?;
        }
    }
    timer.count("consents", l.finish().await?);

    let mut l = Loader::open(
        tx,
        "ladder_moves",
        &["participant_id", "from_step", "to_step", "moved_on", "note", "recorded_by", "recorded_at"],
    )
    .await?;
    for p in &world.people {
        let by = staff[p.consultant].account;
        let mut from: Option<&str> = None;
        for (step, moved_on) in &p.moves {
            l.row(&[
                p.id.into(),
                from.into(),
                step.as_str().into(),
                (*moved_on).into(),
                move_note(*step).into(),
                by.into(),
                at(*moved_on, 15, 0).into(),
            ])
            .await?;
            from = Some(step.as_str());
        }
    }
    timer.count("ladder_moves", l.finish().await?);
    Ok(())
}

// --- Plans ---

/// One plan version: its period and hours.
struct PlanVersion {
    version: i64,
    start: NaiveDate,
    end: Option<NaiveDate>,
    step: LadderStep,
    hours: i64,
}

/// A version about every four months of the participant's time in the history,
/// the latest for the step they are on.
fn plan_versions(world: &World, p: &Participant) -> Vec<PlanVersion> {
    let from = days(p.entered_on.max(world.history_start()), 21);
    let to = p.discharged_on.unwrap_or(world.today).max(from);
    let span = (to - from).num_days();
    let count = (span / 130).max(1);
    (0..count)
        .map(|v| {
            let start = days(from, span * v / count);
            let latest = v + 1 == count;
            let end =
                if latest { p.discharged_on.or(p.benefit_until) } else { Some(days(from, span * (v + 1) / count - 1)) };
            let step = if latest {
                p.moves.iter().rev().find(|(s, _)| !s.is_outcome()).map_or(p.step, |(s, _)| *s)
            } else {
                LadderStep::GroupActivity
            };
            PlanVersion {
                version: v + 1,
                start,
                end: end.map(|e| e.max(start)),
                step,
                hours: if latest { p.hours } else { (p.hours - 6 + v % 4).max(10) },
            }
        })
        .collect()
}

async fn plans(tx: &mut Tx, world: &World, timer: &mut Timer) -> Result<(), sqlx::Error> {
    let plan_base = next_id(tx, "joint_plans").await?;
    let mut l = Loader::open(
        tx,
        "joint_plans",
        &[
            "participant_id",
            "version",
            "goal",
            "goal_reason",
            "period_start",
            "period_end",
            "days_per_week",
            "hours_per_week",
            "other_notes",
            "created_by",
            "created_at",
        ],
    )
    .await?;
    for p in &world.people {
        let by = world.staff[p.consultant].account;
        for v in plan_versions(world, p) {
            let t = plan_template(v.step);
            l.row(&[
                p.id.into(),
                v.version.into(),
                t.goal.into(),
                t.reason.into(),
                v.start.into(),
                v.end.into(),
                ((v.hours + 7) / 8).clamp(2, 5).into(),
                v.hours.into(),
                t.extra_note.trim().into(),
                by.into(),
                at(v.start, 11, 0).into(),
            ])
            .await?;
        }
    }
    let n = l.finish().await?;
    check_ids(tx, "joint_plans", plan_base, n).await?;
    timer.count("joint_plans", n);

    // Three activities and a follow-up in every version.
    let mut l = Loader::open(tx, "plan_activities", &["plan_id", "position", "text"]).await?;
    let mut plan_id = plan_base;
    for p in &world.people {
        for v in plan_versions(world, p) {
            plan_id += 1;
            for (k, text) in plan_template(v.step).activities.iter().take(3).enumerate() {
                l.row(&[plan_id.into(), (k as i64).into(), (*text).into()]).await?;
            }
        }
    }
    timer.count("plan_activities", l.finish().await?);
    let mut l = Loader::open(tx, "plan_follow_ups", &["plan_id", "due_on", "what"]).await?;
    let mut plan_id = plan_base;
    for p in &world.people {
        for v in plan_versions(world, p) {
            plan_id += 1;
            let what = plan_template(v.step).follow_ups.first().copied().unwrap_or("Möte om min plan");
            l.row(&[plan_id.into(), weekday_forward(days(v.start, 42)).into(), what.into()]).await?;
        }
    }
    timer.count("plan_follow_ups", l.finish().await?);
    Ok(())
}

// --- Meetings ---

/// One meeting as the generator decides it; made again for each table that needs it.
struct Meeting {
    kind: MeetingKind,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    video: bool,
    status: &'static str,
    answer: &'static str,
    answered_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    /// When it was marked held or cancelled.
    updated_at: Option<DateTime<Utc>>,
}

/// A participant's meetings: about every five weeks from their start in the
/// history to their discharge, most held, some cancelled, one or two ahead.
fn meetings_of(world: &World, index: usize, p: &Participant) -> Vec<Meeting> {
    let mut rng = Rng::new(seed_of(2, index));
    let mut out = Vec::new();
    let end = p.discharged_on.unwrap_or(world.today);
    let mut day = weekday_forward(days(p.entered_on.max(world.history_start()), 3 + rng.below(20) as i64));
    let mut k = 0;
    let ahead = if p.discharged_on.is_none() { 1 + rng.below(2) } else { 0 };
    let mut planned = 0;
    loop {
        let past = day < world.today;
        if (past && day > end) || (!past && planned >= ahead) {
            break;
        }
        let kind = match k % 6 {
            2 => MeetingKind::JointPlanning,
            5 if p.has_fk_benefit() => MeetingKind::CheckIn,
            _ => MeetingKind::FollowUp,
        };
        let (hour, minute) = START_TIMES[(index + k) % START_TIMES.len()];
        let starts_at = at(day, hour, minute);
        let ends_at = starts_at + TimeDelta::minutes(meeting_minutes(kind));
        let created_at = at(days(day, -14), 10, 15);
        let meeting = if past {
            let cancelled = rng.chance(8);
            let coming = rng.chance(60);
            Meeting {
                kind,
                starts_at,
                ends_at,
                video: kind == MeetingKind::CheckIn,
                status: if cancelled { "cancelled" } else { "held" },
                answer: if coming { "coming" } else { "none" },
                answered_at: coming.then(|| at(days(day, -2), 17, 0)),
                created_at,
                updated_at: Some(if cancelled { at(days(day, -1), 9, 0) } else { ends_at + TimeDelta::hours(1) }),
            }
        } else {
            planned += 1;
            let answer = *rng.pick(&["none", "none", "coming", "not_coming"]);
            Meeting {
                kind,
                starts_at,
                ends_at,
                video: kind == MeetingKind::CheckIn,
                status: "planned",
                answer,
                answered_at: (answer != "none").then(|| at(days(world.today, -1), 18, 30)),
                created_at: created_at.min(at(days(world.today, -1), 10, 15)),
                updated_at: None,
            }
        };
        out.push(meeting);
        k += 1;
        day = weekday_forward(days(day, 24 + rng.below(20) as i64));
    }
    out
}

const VIDEO_BASE: &str = "https://möte.exempel.se/";

async fn meetings(tx: &mut Tx, world: &World, timer: &mut Timer) -> Result<(), sqlx::Error> {
    let meeting_base = next_id(tx, "meetings").await?;
    let mut l = Loader::open(
        tx,
        "meetings",
        &[
            "participant_id",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_link",
            "bring",
            "status",
            "participant_answer",
            "answered_at",
            "created_by",
            "created_at",
            "updated_by",
            "updated_at",
        ],
    )
    .await?;
    let mut meeting_id = meeting_base;
    for (i, p) in world.people.iter().enumerate() {
        let by = world.staff[p.consultant].account;
        let room = format!("{}, mötesrummet", world.unit_of(p).name);
        for m in meetings_of(world, i, p) {
            meeting_id += 1;
            let video = m.video.then(|| format!("{VIDEO_BASE}dv{meeting_id}"));
            let place = (!m.video).then_some(room.as_str());
            l.row(&[
                p.id.into(),
                m.kind.as_str().into(),
                meeting_title(m.kind, p.placement).into(),
                m.starts_at.into(),
                m.ends_at.into(),
                place.into(),
                video.as_ref().into(),
                meeting_bring(m.kind).into(),
                m.status.into(),
                m.answer.into(),
                m.answered_at.into(),
                by.into(),
                m.created_at.into(),
                m.updated_at.map(|_| by).into(),
                m.updated_at.into(),
            ])
            .await?;
        }
    }
    let n = l.finish().await?;
    check_ids(tx, "meetings", meeting_base, n).await?;
    timer.count("meetings", n);

    // Who comes: the arbetskonsulent, and the handledare or the FK officer.
    let mut l = Loader::open(tx, "meeting_attendees", &["meeting_id", "staff_id", "external_contact_id"]).await?;
    let mut meeting_id = meeting_base;
    for (i, p) in world.people.iter().enumerate() {
        let fk = world.municipalities[world.unit_of(p).municipality].fk;
        for m in meetings_of(world, i, p) {
            meeting_id += 1;
            l.row(&[meeting_id.into(), world.staff[p.consultant].id.into(), V::Null]).await?;
            if m.kind == MeetingKind::CheckIn {
                l.row(&[meeting_id.into(), V::Null, fk.into()]).await?;
            } else {
                l.row(&[meeting_id.into(), world.staff[p.supervisor].id.into(), V::Null]).await?;
            }
        }
    }
    timer.count("meeting_attendees", l.finish().await?);

    // Marking a meeting held or cancelled keeps its planned state, as the app's change does.
    let mut l =
        Loader::open(tx, "revisions", &["record_kind", "record_id", "old_value", "changed_by", "changed_at"]).await?;
    let mut meeting_id = meeting_base;
    for (i, p) in world.people.iter().enumerate() {
        let by = world.staff[p.consultant].account;
        let room = format!("{}, mötesrummet", world.unit_of(p).name);
        for m in meetings_of(world, i, p) {
            meeting_id += 1;
            let Some(changed_at) = m.updated_at else { continue };
            // The answer came before the change, so the kept state has it.
            let kept = serde_json::json!({
                "status": "planned",
                "starts_at": m.starts_at,
                "ends_at": m.ends_at,
                "title": meeting_title(m.kind, p.placement),
                "place": (!m.video).then_some(room.as_str()),
                "answer": m.answer,
                "answered_at": m.answered_at,
            })
            .to_string();
            l.row(&["meeting".into(), meeting_id.into(), V::Text(&kept), by.into(), changed_at.into()]).await?;
        }
    }
    timer.count("revisions", l.finish().await?);
    Ok(())
}

// --- The work-preparation programme ---

/// One round: its unit, start, places, and who was in it (participant index, status).
struct Round {
    unit: usize,
    starts_on: NaiveDate,
    capacity: i64,
    members: Vec<(usize, &'static str)>,
}

impl Round {
    fn enrolled(&self) -> i64 {
        self.members.iter().filter(|(_, s)| *s != "withdrawn").count() as i64
    }

    fn session_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..PROGRAMME_THEMES.len()).map(|k| days(self.starts_on, 7 * k as i64))
    }
}

/// The rounds, unit by unit, term after term through the history; the last
/// term's may lie ahead. Members are the unit's participants in DV at the start.
fn rounds(world: &World, scale: Scale) -> Vec<Round> {
    let count = (scale.0 / PARTICIPANTS_PER_ROUND).max(1);
    let units = world.units.len();
    let terms = count.div_ceil(units) as i64;
    let mut rng = Rng::new(seed_of(3, scale.0));
    (0..count)
        .map(|r| {
            let unit = r % units;
            let term = (r / units) as i64;
            let start = days(world.history_start(), 30 + term * (HISTORY_DAYS + 60) / terms);
            let starts_on = next_weekday(start, Weekday::Tue);
            let capacity = 6 + rng.below(5) as i64;
            let done = days(starts_on, 35) < world.today;
            let people = world.units[unit].people.clone();
            let offset = (term as usize * 7) % people.len().max(1);
            let members = people
                .clone()
                .cycle()
                .skip(offset)
                .take(people.len())
                .filter(|&i| world.people[i].active_on(starts_on) && world.people[i].active_on(days(starts_on, 35)))
                .take((capacity - rng.below(3) as i64) as usize)
                .map(|i| {
                    (
                        i,
                        if !done {
                            "enrolled"
                        } else if rng.chance(10) {
                            "withdrawn"
                        } else {
                            "completed"
                        },
                    )
                })
                .collect();
            Round { unit, starts_on, capacity, members }
        })
        .collect()
}

async fn programme(tx: &mut Tx, world: &World, scale: Scale, timer: &mut Timer) -> Result<(), sqlx::Error> {
    let rounds = rounds(world, scale);
    let round_base = next_id(tx, "programme_rounds").await?;
    let mut l = Loader::open(
        tx,
        "programme_rounds",
        &[
            "unit_id",
            "name",
            "form",
            "capacity",
            "enrolled",
            "place",
            "responsible_staff_id",
            "starts_on",
            "created_by",
            "created_at",
        ],
    )
    .await?;
    for r in &rounds {
        let unit = &world.units[r.unit];
        let consultant = &world.staff[unit.staff.start + 1];
        let season = if chrono::Datelike::month(&r.starts_on) <= 6 { "våren" } else { "hösten" };
        let name = format!("Arbetsnärmande programmet, {season} {}", chrono::Datelike::year(&r.starts_on));
        let place = format!("{}, samlingssalen", unit.name);
        l.row(&[
            unit.id.into(),
            V::Text(&name),
            "group".into(),
            r.capacity.into(),
            r.enrolled().into(),
            V::Text(&place),
            consultant.id.into(),
            r.starts_on.into(),
            consultant.account.into(),
            at(days(r.starts_on, -30), 9, 0).into(),
        ])
        .await?;
    }
    let n = l.finish().await?;
    check_ids(tx, "programme_rounds", round_base, n).await?;
    timer.count("programme_rounds", n);

    let session_base = next_id(tx, "programme_sessions").await?;
    let mut l =
        Loader::open(tx, "programme_sessions", &["round_id", "starts_at", "ends_at", "theme", "place", "visit_from"])
            .await?;
    for (r, round) in rounds.iter().enumerate() {
        let place = format!("{}, samlingssalen", world.units[round.unit].name);
        for (k, day) in round.session_days().enumerate() {
            // The fourth session is the visit from FK and AF.
            let visit = (k == 3).then_some("fk");
            l.row(&[
                (round_base + 1 + r as i64).into(),
                at(day, 13, 0).into(),
                at(day, 14, 30).into(),
                PROGRAMME_THEMES[k].into(),
                V::Text(&place),
                visit.into(),
            ])
            .await?;
        }
    }
    let n = l.finish().await?;
    check_ids(tx, "programme_sessions", session_base, n).await?;
    timer.count("programme_sessions", n);
    let sessions = PROGRAMME_THEMES.len() as i64;

    let mut l = Loader::open(
        tx,
        "enrolments",
        &["round_id", "participant_id", "status", "created_by", "created_at", "seated_at"],
    )
    .await?;
    for (r, round) in rounds.iter().enumerate() {
        let by = world.staff[world.units[round.unit].staff.start + 1].account;
        for &(i, status) in &round.members {
            let enrolled_at = at(days(round.starts_on, -14), 10, 0);
            l.row(&[
                (round_base + 1 + r as i64).into(),
                world.people[i].id.into(),
                status.into(),
                by.into(),
                enrolled_at.into(),
                (status != "waiting").then_some(enrolled_at).into(),
            ])
            .await?;
        }
    }
    timer.count("enrolments", l.finish().await?);

    // The enrolled got the sessions as meetings, as enrolling does in the app
    // (which leaves them planned: attendance, not the meeting, says who came).
    let meeting_base = next_id(tx, "meetings").await?;
    let mut l = Loader::open(
        tx,
        "meetings",
        &[
            "participant_id",
            "programme_session_id",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "bring",
            "status",
            "participant_answer",
            "created_by",
            "created_at",
        ],
    )
    .await?;
    for (r, round) in rounds.iter().enumerate() {
        let by = world.staff[world.units[round.unit].staff.start + 1].account;
        let place = format!("{}, samlingssalen", world.units[round.unit].name);
        for &(i, status) in &round.members {
            if status == "withdrawn" {
                continue;
            }
            for (k, day) in round.session_days().enumerate() {
                let session_id = session_base + 1 + r as i64 * sessions + k as i64;
                l.row(&[
                    world.people[i].id.into(),
                    session_id.into(),
                    MeetingKind::ProgrammeSession.as_str().into(),
                    PROGRAMME_THEMES[k].into(),
                    at(day, 13, 0).into(),
                    at(day, 14, 30).into(),
                    V::Text(&place),
                    "".into(),
                    "planned".into(),
                    "none".into(),
                    by.into(),
                    at(days(round.starts_on, -14), 10, 0).into(),
                ])
                .await?;
            }
        }
    }
    let meetings = l.finish().await?;
    check_ids(tx, "meetings", meeting_base, meetings).await?;
    timer.count("meetings (programme sessions)", meetings);
    let mut l = Loader::open(tx, "meeting_attendees", &["meeting_id", "staff_id"]).await?;
    for (k, (r, _)) in rounds
        .iter()
        .enumerate()
        .flat_map(|(r, round)| round.members.iter().filter(|(_, s)| *s != "withdrawn").map(move |m| (r, m)))
        .flat_map(|m| std::iter::repeat_n(m, PROGRAMME_THEMES.len()))
        .enumerate()
    {
        let responsible = world.staff[world.units[rounds[r].unit].staff.start + 1].id;
        l.row(&[(meeting_base + 1 + k as i64).into(), responsible.into()]).await?;
    }
    timer.count("meeting_attendees", l.finish().await?);

    // Attendance at the sessions held: mostly there, now and then away, nearly always with notice.
    let mut l =
        Loader::open(tx, "attendance", &["session_id", "participant_id", "mark", "recorded_by", "recorded_at"]).await?;
    let mut rng = Rng::new(seed_of(4, scale.0));
    for (r, round) in rounds.iter().enumerate() {
        let by = world.staff[world.units[round.unit].staff.start + 1].account;
        for (k, day) in round.session_days().enumerate() {
            if day >= world.today {
                continue;
            }
            let session_id = session_base + 1 + r as i64 * sessions + k as i64;
            for &(i, status) in &round.members {
                if status == "withdrawn" {
                    continue;
                }
                let mark = match rng.below(100) {
                    0..85 => "present",
                    85..95 => "absent_notified",
                    _ => "absent",
                };
                l.row(&[session_id.into(), world.people[i].id.into(), mark.into(), by.into(), at(day, 15, 0).into()])
                    .await?;
            }
        }
    }
    timer.count("attendance", l.finish().await?);
    Ok(())
}

// --- /demo ---

/// A handful of accounts on /demo: the staff of the largest unit, five of its
/// participants, a relative who sees something, the administrator and the
/// dataskyddsombud. Enough to sign in for a benchmark without a code.
fn demo_lines(world: &mut World) -> Vec<(i64, String)> {
    let mut lines = Vec::new();
    let Some(unit) = world.units.first() else { return lines };
    let municipality = &world.municipalities[unit.municipality].name;
    for s in &world.staff[unit.staff.clone()] {
        if lines.len() < 4 {
            lines.push((s.account, format!("{}, {}", s.role.label_sv(), unit.name)));
        }
    }
    let active: Vec<&Participant> =
        world.people[unit.people.clone()].iter().filter(|p| p.discharged_on.is_none()).take(5).collect();
    for p in &active {
        lines.push((p.account, format!("Deltagare i {}: {}", unit.name, p.step.label_sv().to_lowercase())));
    }
    if let Some((p, r)) = active.iter().find_map(|p| p.relatives.iter().find(|r| r.shares.is_some()).map(|r| (p, r)))
        && let Some(shares) = r.shares
    {
        let text = format!("{} till {} i {municipality} – ser {}", r.kind.label_sv(), p.preferred, sections_sv(shares));
        lines.push((r.account, text));
    }
    for s in world.staff.iter().filter(|s| s.unit.is_none()) {
        lines.push((s.account, format!("{} för alla {} kommuner", s.role.label_sv(), world.municipalities.len())));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_national_or_a_number_in_range() {
        assert_eq!("national".parse::<Scale>().map(Scale::participants), Ok(NATIONAL));
        assert_eq!("200".parse::<Scale>().map(Scale::participants), Ok(200));
        let too_small = "5".parse::<Scale>().unwrap_err();
        assert!(too_small.contains("20 to 400000"), "{too_small}");
        let word = "nationell".parse::<Scale>().unwrap_err();
        assert!(word.contains("`national`") && word.contains("`nationell`"), "{word}");
    }

    #[test]
    fn municipalities_are_a_few_large_and_many_small() {
        let sizes = municipality_sizes(NATIONAL);
        assert_eq!(sizes.len(), MUNICIPALITIES);
        assert_eq!(sizes.iter().sum::<usize>(), NATIONAL);
        assert!(sizes.iter().all(|&s| s >= 1));
        let (largest, smallest) = (sizes[0], sizes[MUNICIPALITIES - 1]);
        assert!(largest > 2000 && largest > 50 * smallest, "{largest} against {smallest}");
        // Half the municipalities have fewer than a hundred participants.
        assert!(sizes.iter().filter(|&&s| s < 100).count() > MUNICIPALITIES / 2);
        // A small scale keeps the sum, with fewer municipalities.
        let small = municipality_sizes(200);
        assert_eq!((small.len(), small.iter().sum::<usize>()), (2, 200));
    }

    #[test]
    fn municipality_names_do_not_repeat() {
        let names: std::collections::HashSet<String> = (0..1000).map(municipality_name).collect();
        assert_eq!(names.len(), 1000);
    }
}
