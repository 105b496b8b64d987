//! Units, their staff, the administrator, and the external officers (FK, AF,
//! ASF, healthcare) who serve the participants.

use super::addresses::{email_of, landline};
use super::{PEOPLE_DOMAIN, STAFF_DOMAIN};
use crate::domain::{Organisation, StaffRole};
use crate::server::storage::Tx;
use crate::server::storage::accounts::{self, NewAccount, NewStaff};
use crate::server::storage::contacts::{self, NewExternal};
use crate::server::storage::on_conn;
use chrono::{DateTime, Utc, Weekday};

pub(super) struct UnitSeed {
    pub name: &'static str,
    pub address: &'static str,
    pub meeting_room: &'static str,
    pub programme_room: &'static str,
    consultant: &'static str,
    supervisors: [&'static str; 2],
    placement_supervisor: &'static str,
    /// The enhetschef.
    manager: &'static str,
    /// Staff phones are 08-46500 + this + 0..3.
    phone_base: usize,
    /// The weekday the unit's programme group meets.
    pub programme_day: Weekday,
    /// Programme places taken, people on the waiting list, and expressions of
    /// interest: Norr is full with a queue, Söder still has room.
    pub enrolled: usize,
    pub waiting: usize,
    pub interests: &'static [Interest],
}

#[derive(Clone, Copy)]
pub(super) enum Interest {
    /// Sent by staff, for whichever round comes next.
    AnyRoundByStaff,
    /// Sent by the participant in the app, for the unit's round.
    ThisRoundBySelf,
    /// Sent by staff, for the unit's round.
    ThisRoundByStaff,
}

pub(super) const NORR: usize = 0;
pub(super) const SODER: usize = 1;

pub(super) const UNITS: [UnitSeed; 2] = [
    UnitSeed {
        name: "Daglig verksamhet Norr",
        address: "Storviks DV Norr, Verkstadsgatan 4",
        meeting_room: "rum 2",
        programme_room: "samlingssalen",
        consultant: "Helena Berglund",
        supervisors: ["Ahmed Yusuf", "Johanna Ekström"],
        placement_supervisor: "Linnea Sandberg",
        manager: "Annika Wallin",
        phone_base: 110,
        programme_day: Weekday::Tue,
        enrolled: 6,
        waiting: 3,
        interests: &[Interest::AnyRoundByStaff],
    },
    UnitSeed {
        name: "Daglig verksamhet Söder",
        address: "Storviks DV Söder, Hamngatan 12",
        meeting_room: "rum 1",
        programme_room: "stora rummet",
        consultant: "Mikael Nordin",
        supervisors: ["Fatima Haddad", "Emelie Rosén"],
        placement_supervisor: "Per-Olof Strand",
        manager: "Tobias Lundgren",
        phone_base: 120,
        programme_day: Weekday::Thu,
        enrolled: 4,
        waiting: 0,
        interests: &[Interest::ThisRoundBySelf, Interest::ThisRoundByStaff],
    },
];

const ADMIN_NAME: &str = "Karin Öberg";
const ADMIN_PHONE: usize = 100;
/// The dataskyddsombud: follows up the log of both units.
const OFFICER_NAME: &str = "Gunilla Ekman";
const OFFICER_PHONE: usize = 101;
/// A member of the steering group of the 2025 model: follows up the outcomes of both units.
const STEERING_NAME: &str = "Lennart Holmqvist";
const STEERING_PHONE: usize = 102;

pub(super) struct ExternalSeed {
    name: &'static str,
    title: &'static str,
    pub role_in_case: &'static str,
    phone: usize,
}

const fn ext(name: &'static str, title: &'static str, role_in_case: &'static str, phone: usize) -> ExternalSeed {
    ExternalSeed { name, title, role_in_case, phone }
}

pub(super) const FK_CONTACTS: [ExternalSeed; 3] = [
    ext("Annika Holm", "Handläggare", "Handläggare på Försäkringskassan", 201),
    ext("Reza Karimi", "Försäkringsutredare", "Försäkringsutredare på Försäkringskassan", 202),
    ext("Lena Forsberg", "Handläggare", "Handläggare på Försäkringskassan", 203),
];
pub(super) const AF_CONTACTS: [ExternalSeed; 3] = [
    ext("Oskar Lundgren", "Arbetsförmedlare", "Arbetsförmedlare", 211),
    ext("Mirja Heikkinen", "Arbetsförmedlare", "Arbetsförmedlare", 212),
    ext("Daniel Mensah", "Arbetsförmedlare", "Arbetsförmedlare", 213),
];
/// The social secretary follows everyone with försörjningsstöd; the labour
/// market consultant joins when the next step may be a labour market measure.
pub(super) const ASF_SOCIAL: ExternalSeed = ext("Eva Sjöberg", "Socialsekreterare", "Socialsekreterare på ASF", 221);
pub(super) const ASF_LABOUR: ExternalSeed =
    ext("Tomas Aydin", "Arbetsmarknadskonsulent", "Arbetsmarknadskonsulent på ASF", 222);
pub(super) const HEALTHCARE: ExternalSeed =
    ext("Ingrid Nyström", "Arbetsterapeut, habiliteringen", "Arbetsterapeut på habiliteringen", 231);

pub(super) struct StaffIds {
    pub staff_id: i64,
    pub account_id: i64,
}

pub(super) struct UnitIds {
    pub id: i64,
    pub consultant: StaffIds,
    pub supervisors: [StaffIds; 2],
    pub placement_supervisor: StaffIds,
}

pub(super) struct ExternalIds {
    pub fk: Vec<i64>,
    pub af: Vec<i64>,
    pub asf_social: i64,
    pub asf_labour: i64,
    pub healthcare: i64,
}

/// The units with their staff, then the administrator. Each staff account gets
/// a line on /demo. Returns the units' ids and the number of staff rows.
pub(super) async fn add_units(
    tx: &mut Tx,
    staff_password_hash: &str,
    secret: &mut dyn FnMut() -> String,
    long_ago: DateTime<Utc>,
    demo_lines: &mut Vec<(i64, String)>,
) -> Result<(Vec<UnitIds>, usize), sqlx::Error> {
    let mut units = Vec::with_capacity(UNITS.len());
    for u in &UNITS {
        let id = insert_unit(tx, u.name).await?;
        let row = |k: usize, name: &'static str, role: StaffRole| StaffRow {
            unit_id: Some(id),
            name,
            role,
            phone: landline(u.phone_base + k),
        };
        let hash = staff_password_hash;
        let consultant = row(0, u.consultant, StaffRole::EmploymentConsultant);
        let consultant = insert_staff_with_account(tx, &consultant, "staff", hash, secret, long_ago).await?;
        let s1 = row(1, u.supervisors[0], StaffRole::Supervisor);
        let s1 = insert_staff_with_account(tx, &s1, "staff", hash, secret, long_ago).await?;
        let s2 = row(2, u.supervisors[1], StaffRole::Supervisor);
        let s2 = insert_staff_with_account(tx, &s2, "staff", hash, secret, long_ago).await?;
        let ps = row(3, u.placement_supervisor, StaffRole::PlacementSupervisor);
        let placement_supervisor = insert_staff_with_account(tx, &ps, "staff", hash, secret, long_ago).await?;
        let manager = row(4, u.manager, StaffRole::UnitManager);
        let manager = insert_staff_with_account(tx, &manager, "staff", hash, secret, long_ago).await?;
        for (ids, role) in [
            (&consultant, StaffRole::EmploymentConsultant),
            (&s1, StaffRole::Supervisor),
            (&s2, StaffRole::Supervisor),
            (&placement_supervisor, StaffRole::PlacementSupervisor),
            (&manager, StaffRole::UnitManager),
        ] {
            demo_lines.push((ids.account_id, format!("{}, {}", role.label_sv(), u.name)));
        }
        units.push(UnitIds { id, consultant, supervisors: [s1, s2], placement_supervisor });
    }
    let admin = StaffRow { unit_id: None, name: ADMIN_NAME, role: StaffRole::Admin, phone: landline(ADMIN_PHONE) };
    let admin_ids = insert_staff_with_account(tx, &admin, "admin", staff_password_hash, secret, long_ago).await?;
    demo_lines.push((admin_ids.account_id, "Administratör för hela Storvik kommun".to_owned()));
    let officer = StaffRow {
        unit_id: None,
        name: OFFICER_NAME,
        role: StaffRole::DataProtectionOfficer,
        phone: landline(OFFICER_PHONE),
    };
    let officer_ids = insert_staff_with_account(tx, &officer, "staff", staff_password_hash, secret, long_ago).await?;
    demo_lines.push((
        officer_ids.account_id,
        "Dataskyddsombud för hela Storvik kommun: följer upp loggen (en avvikelse finns att hitta)".to_owned(),
    ));
    let steering = StaffRow {
        unit_id: None,
        name: STEERING_NAME,
        role: StaffRole::SteeringGroup,
        phone: landline(STEERING_PHONE),
    };
    let steering_ids = insert_staff_with_account(tx, &steering, "staff", staff_password_hash, secret, long_ago).await?;
    demo_lines.push((
        steering_ids.account_id,
        "Styrgrupp för hela Storvik kommun: följer upp hur det går för alla enheter, i antal".to_owned(),
    ));
    Ok((units, UNITS.len() * 5 + 3))
}

/// The external officers, on record long before anyone entered DV.
pub(super) async fn add_externals(tx: &mut Tx, long_ago: DateTime<Utc>) -> Result<ExternalIds, sqlx::Error> {
    let mut fk = Vec::new();
    for e in &FK_CONTACTS {
        fk.push(insert_external(tx, Organisation::Fk, e, long_ago).await?);
    }
    let mut af = Vec::new();
    for e in &AF_CONTACTS {
        af.push(insert_external(tx, Organisation::Af, e, long_ago).await?);
    }
    Ok(ExternalIds {
        fk,
        af,
        asf_social: insert_external(tx, Organisation::Asf, &ASF_SOCIAL, long_ago).await?,
        asf_labour: insert_external(tx, Organisation::Asf, &ASF_LABOUR, long_ago).await?,
        healthcare: insert_external(tx, Organisation::Healthcare, &HEALTHCARE, long_ago).await?,
    })
}

/// The demo's units (the administrator's form makes them through the access layer).
async fn insert_unit(tx: &mut Tx, name: &str) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("INSERT INTO units (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(c)
        .await)
}

struct StaffRow {
    unit_id: Option<i64>,
    name: &'static str,
    role: StaffRole,
    phone: String,
}

/// A staff row and its account (e-mail sign-in with the shared demo password).
async fn insert_staff_with_account(
    tx: &mut Tx,
    s: &StaffRow,
    account_role: &str,
    password_hash: &str,
    secret: &mut dyn FnMut() -> String,
    created_at: DateTime<Utc>,
) -> Result<StaffIds, sqlx::Error> {
    let email = email_of(s.name, STAFF_DOMAIN);
    let staff = NewStaff {
        unit_id: s.unit_id,
        name: s.name,
        role: s.role.as_str(),
        phone: Some(&s.phone),
        email: &email,
        now: created_at,
    };
    let staff_id = accounts::insert_staff(tx, &staff).await?;
    let account_id = accounts::insert(
        tx,
        &NewAccount {
            role: account_role,
            staff_id: Some(staff_id),
            participant_id: None,
            relative_id: None,
            email: Some(&email),
            password_hash: Some(password_hash),
            session_secret: &secret(),
        },
    )
    .await?;
    Ok(StaffIds { staff_id, account_id })
}

async fn insert_external(
    tx: &mut Tx,
    org: Organisation,
    e: &ExternalSeed,
    created_at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let domain = match org {
        Organisation::Fk => "fk.exempel.se",
        Organisation::Af => "af.exempel.se",
        Organisation::Asf => "asf.exempel.se",
        Organisation::Healthcare => "vard.exempel.se",
        _ => PEOPLE_DOMAIN,
    };
    let (phone, email) = (landline(e.phone), email_of(e.name, domain));
    let external = NewExternal {
        name: e.name,
        organisation: org.as_str(),
        title: e.title,
        phone: Some(&phone),
        email: Some(&email),
        now: created_at,
    };
    contacts::add_external(tx, &external).await
}
