//! Participants on every step of Stegen, with their accounts, contact persons
//! and ladder history, and the relatives and gode män around them.

use super::PEOPLE_DOMAIN;
use super::addresses::{email_of, mobile};
use super::consents;
use super::dates::{at, days, end_of_month, months, weekday_back};
use super::units::{AF_CONTACTS, ASF_LABOUR, ASF_SOCIAL, ExternalIds, FK_CONTACTS, HEALTHCARE, NORR, SODER, UnitIds};
use crate::domain::{BenefitKind, LadderStep, RelationKind, Road, Way};
use crate::server::storage::Tx;
use crate::server::storage::accounts::{self, NewAccount};
use crate::server::storage::contacts::{self, Who};
use crate::server::storage::on_conn;
use crate::server::storage::record;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

pub(super) use BenefitKind::{
    ActivityCompensation as AE, NoBenefit as NONE, SicknessCompensation as SE, SocialAssistance as SA,
};
pub(super) use LadderStep::{
    BackToDv as BACK, CaseRaisedWithAsf as CR, Employment as EMP, EnhancedCollaboration as EC, GroupActivity as GA,
    IndividualPlacement as IP, JointAssessment as JA, JointPlanningAsf as JP, LabourMarketMeasure as LMM,
    MunicipalEmployment as MUN, Studies as STU, WorkPrepProgramme as WPP,
};

pub(super) struct ParticipantSeed {
    pub name: &'static str,
    pub nickname: Option<&'static str>,
    pub gender: &'static str,
    pub unit: usize,
    /// The current step, or the outcome for those discharged.
    pub step: LadderStep,
    pub benefit: BenefitKind,
    pub road: Road,
    /// Left the DV place: at förstärkt samarbete with the DV decision resting
    /// (not discharged yet), or at an ASF measure, which ends DV by law.
    pub dv_ended: bool,
}

impl ParticipantSeed {
    pub(super) const fn way(&self) -> Way {
        Way::new(self.road, self.benefit)
    }
}

const fn p(
    name: &'static str,
    nickname: Option<&'static str>,
    gender: &'static str,
    unit: usize,
    step: LadderStep,
    benefit: BenefitKind,
) -> ParticipantSeed {
    ParticipantSeed { name, nickname, gender, unit, step, benefit, road: Road::for_benefit(benefit), dv_ended: false }
}

/// On the ASF road whatever the benefit (with FK benefit: after AF/FK's collaboration).
const fn asf(mut s: ParticipantSeed) -> ParticipantSeed {
    s.road = Road::Asf;
    s
}

const fn ended(mut s: ParticipantSeed) -> ParticipantSeed {
    s.dv_ended = true;
    s
}

const W: &str = "woman";
const M: &str = "man";
const O: &str = "other";

/// Rows are inserted in this order, so ids follow it. The first rows alternate
/// between the units and cover every step: they are the ones shown on /demo.
pub(super) static PARTICIPANTS: [ParticipantSeed; 54] = [
    p("Elin Åkesson", None, W, NORR, GA, AE),
    p("Viktor Lindahl", Some("Vicke"), M, SODER, GA, SE),
    p("Hassan Osman", None, M, NORR, IP, AE),
    p("Amanda Fors", None, W, SODER, JA, AE),
    p("Karl-Johan Björk", Some("Kalle"), M, NORR, WPP, SA),
    p("Robin Engström", None, O, SODER, EC, AE),
    p("Sofia Rahimi", None, W, NORR, JA, SE),
    p("Julia Marttinen", None, W, SODER, IP, NONE),
    p("Anton Wikström", None, M, NORR, EC, AE),
    p("Nora Lindgren", None, W, SODER, WPP, AE),
    p("Erik Sundqvist", None, M, NORR, EMP, AE),
    p("Maja Holmberg", None, W, SODER, STU, AE),
    p("Tobias Nyberg", Some("Tobbe"), M, NORR, BACK, SE),
    p("Ali Demir", None, M, SODER, EMP, AE),
    p("Fanny Lund", None, W, NORR, GA, AE),
    p("Dragan Petrović", None, M, SODER, GA, SA),
    p("Lisa Hägg", None, W, NORR, GA, NONE),
    p("Hanna Mäkinen", None, W, SODER, GA, AE),
    p("Oscar Ljung", None, M, NORR, GA, SE),
    p("Isak Berg", None, M, SODER, GA, AE),
    p("Alex Nylund", None, O, NORR, GA, AE),
    p("Maria Jovanović", None, W, SODER, GA, SE),
    p("Leyla Ahmadi", None, W, NORR, GA, SA),
    p("Simon Ek", None, M, SODER, GA, NONE),
    p("Ebba Strömberg", None, W, NORR, WPP, AE),
    p("Jonatan Vik", None, M, SODER, WPP, SE),
    p("Filip Granlund", None, M, NORR, WPP, AE),
    p("Amina Warsame", None, W, SODER, WPP, SA),
    p("Wilma Karlén", None, W, NORR, IP, AE),
    p("Samuel Tesfaye", None, M, SODER, IP, AE),
    p("Patrik Öhman", None, M, NORR, IP, SE),
    p("Tilda Nordqvist", None, W, SODER, IP, AE),
    p("Klara Dahlin", None, W, NORR, IP, NONE),
    p("Mehmet Yilmaz", None, M, SODER, IP, SA),
    p("Noah Sjögren", None, M, NORR, IP, AE),
    p("Ida Blom", None, W, SODER, JA, SE),
    p("Lukas Hedlund", None, M, NORR, JA, AE),
    p("Emil Rask", None, M, SODER, JA, AE),
    p("Moa Lindström", None, W, NORR, EC, SE),
    ended(p("David Kovač", None, M, SODER, EC, AE)),
    p("Arvid Persson", None, M, NORR, GA, AE),
    p("Alva Sandström", None, W, SODER, GA, AE),
    p("Rebecka Ståhl", Some("Becka"), W, NORR, JA, AE),
    p("Kevin Larsson", None, M, SODER, IP, SE),
    p("Saga Eklund", None, W, NORR, STU, AE),
    p("Jesper Sundin", None, M, SODER, BACK, SE),
    p("Greta Almqvist", None, W, NORR, GA, SE),
    p("Kim Lindfors", None, O, SODER, GA, NONE),
    // The ASF road (the 2025 model), at each of its steps.
    p("Yasmin Haddad", None, W, NORR, CR, SA),
    p("Pontus Wallin", None, M, SODER, JP, SA),
    ended(p("Nadia Bergqvist", None, W, NORR, LMM, SA)),
    p("Felix Strand", None, M, SODER, EMP, SA),
    p("Ronja Eliasson", None, W, NORR, MUN, SA),
    // FK benefit, on the ASF road: AF/FK's collaboration first, then ASF.
    asf(p("Hugo Lindholm", None, M, SODER, CR, SE)),
];

/// How many of the first participants get a line on /demo (and after them
/// everyone still in DV at one of the ASF road's own steps).
pub(super) const DEMO_PARTICIPANTS: usize = 10;

/// The ladder history leading to `step` on `way`; `alt` picks one of two usual routes.
pub(super) fn route_to(step: LadderStep, alt: bool, way: Way) -> Vec<LadderStep> {
    if way.road == Road::Asf && !matches!(step, GA | WPP | IP) {
        // DV, then (with FK benefit) AF/FK's collaboration, then ASF's steps,
        // then where the measure led.
        let mut route = if alt { vec![GA, IP] } else { vec![GA, WPP] };
        if way.fk_benefit {
            route.extend([JA, EC]);
        }
        if let Some(i) = route.iter().position(|s| *s == step) {
            route.truncate(i + 1);
            return route;
        }
        for s in [CR, JP, LMM] {
            route.push(s);
            if s == step {
                return route;
            }
        }
        route.push(step);
        return route;
    }
    match (step, alt) {
        (GA, _) => vec![GA],
        (WPP, true) => vec![GA, IP, WPP],
        (WPP, false) => vec![GA, WPP],
        (IP, true) => vec![GA, IP],
        (IP, false) => vec![GA, WPP, IP],
        (JA, true) => vec![GA, IP, JA],
        (JA, false) => vec![GA, WPP, IP, JA],
        (EC, true) => vec![GA, IP, JA, EC],
        (EC, false) => vec![GA, WPP, IP, JA, EC],
        (outcome, true) => vec![GA, IP, JA, EC, outcome],
        (outcome, false) => vec![GA, WPP, JA, EC, outcome],
    }
}

pub(super) fn move_note(to: LadderStep) -> &'static str {
    match to {
        GA => "Började i daglig verksamhet, grupp med handledare",
        WPP => "Anmäld till arbetsnärmande programmet",
        IP => "Bytte till enskild plats efter fyra veckors prova-på",
        JA => "Försäkringskassan bokar gemensam kartläggning",
        EC => "Beslut på GK 2: börjar i förstärkt samarbete",
        EMP => "Fick anställning",
        STU => "Började studera på folkhögskola",
        BACK => "Arbetsförmågan kunde inte fastställas, åter till daglig verksamhet",
        CR => "Ärendet aktualiserat hos ASF:s arbetsmarknadsavdelning",
        JP => "Gemensam planering med ASF och FSF: insats planerad",
        LMM => "Arbetsmarknadsinsats genom ASF började, daglig verksamhet upphör",
        MUN => "Tidsbegränsad kommunal anställning, andra vägar uteslutna",
    }
}

/// A participant as inserted, with what later tables need.
pub(super) struct Person {
    pub row: usize,
    pub seed: &'static ParticipantSeed,
    pub id: i64,
    pub account_id: i64,
    pub preferred: &'static str,
    pub entered_on: NaiveDate,
    /// Ladder moves in order; the first is the entry into DV.
    pub moves: Vec<(LadderStep, NaiveDate)>,
    pub discharged_on: Option<NaiveDate>,
    pub benefit_until: Option<NaiveDate>,
    pub hours: i64,
    pub placement: bool,
    pub supervisor_staff: i64,
    pub fk: Option<i64>,
    pub af: Option<i64>,
    pub asf: Option<i64>,
    /// Facts for the /demo description.
    pub soon_meeting: Option<NaiveDate>,
    pub programme_note: Option<String>,
    pub relative_note: Option<String>,
}

impl Person {
    pub(super) fn reached(&self, step: LadderStep) -> Option<NaiveDate> {
        self.moves.iter().find(|(s, _)| *s == step).map(|(_, d)| *d)
    }

    pub(super) fn has_fk_benefit(&self) -> bool {
        matches!(self.seed.benefit, AE | SE)
    }

    pub(super) fn is_active(&self) -> bool {
        self.discharged_on.is_none()
    }

    /// The last step inside DV (for those discharged: förstärkt samarbete).
    pub(super) fn last_dv_move(&self) -> (LadderStep, NaiveDate) {
        self.moves.iter().rev().find(|(s, _)| !s.is_outcome()).copied().unwrap_or((GA, self.entered_on))
    }

    pub(super) fn demo_description(&self) -> String {
        let step = self.seed.step;
        let benefit = self.seed.benefit.label_sv().to_lowercase();
        let road = if self.seed.road == Road::Asf { " på ASF-vägen" } else { "" };
        let mut text = match (self.seed.way().number(step), self.discharged_on) {
            (Some(n), None) if self.seed.dv_ended => {
                format!("Steg {n}{road}: {}, beslutet om daglig verksamhet vilar", step_short(step))
            }
            (Some(n), None) => format!("Steg {n}{road}: {}, {benefit}", step_short(step)),
            (Some(n), Some(_)) => format!("Steg {n}{road}: {}, daglig verksamhet avslutad", step_short(step)),
            (None, _) if step == EMP => format!("Utskriven: {}, förlängt stöd", step_short(step)),
            (None, _) => format!("Utskriven: {}", step_short(step)),
        };
        let mut notes = Vec::new();
        // A date, not "in 3 days": the description outlives the day it was made.
        if let Some(d) = self.soon_meeting {
            notes.push(format!("möte {} {}", d.day(), crate::texts::sv::MONTHS[d.month0() as usize]));
        }
        notes.extend(self.programme_note.clone());
        notes.extend(self.relative_note.clone());
        if !notes.is_empty() {
            text.push_str(" – ");
            text.push_str(&notes.join(", "));
        }
        text
    }
}

fn step_short(step: LadderStep) -> &'static str {
    match step {
        GA => "grupp med handledare",
        WPP => "arbetsnärmande programmet",
        IP => "enskild plats",
        JA => "gemensam kartläggning",
        EC => "förstärkt samarbete",
        EMP => "anställning",
        STU => "studier",
        BACK => "åter till daglig verksamhet",
        CR => "aktualiserad hos ASF",
        JP => "gemensam planering ASF och FSF",
        LMM => "arbetsmarknadsinsats genom ASF",
        MUN => "tidsbegränsad kommunal anställning",
    }
}

pub(super) async fn add_participant(
    tx: &mut Tx,
    today: NaiveDate,
    row: usize,
    seed: &'static ParticipantSeed,
    unit: &UnitIds,
    ext: &ExternalIds,
    secret: &mut dyn FnMut() -> String,
) -> Result<Person, sqlx::Error> {
    let r = row as i64;
    // 1-4 years in DV.
    let entered_on = weekday_back(days(today, -(380 + (r * 97) % 1060)));
    let route = route_to(seed.step, row.is_multiple_of(2), seed.way());
    // The latest move: recent for the programme (the round is about to start),
    // a couple of months back for other steps, further back for those who left.
    let last_on = if seed.step.is_outcome() {
        days(today, -(45 + (r * 11) % 200))
    } else if seed.dv_ended && seed.step == EC {
        // The DV place was released about eleven weeks ago, eight weeks into
        // förstärkt samarbete: the decision still rests for a couple of weeks
        // (avbrott i verkställighet). DV ends (the discharge) only when the
        // resting time is over without a return, so they are not discharged.
        days(today, -(80 + 56))
    } else if seed.dv_ended {
        days(today, -(100 + (r * 11) % 150))
    } else if seed.step == WPP {
        days(today, -(8 + r % 10))
    } else {
        days(today, -(60 + (r * 7) % 40))
    };
    let span = (last_on - entered_on).num_days();
    let n = route.len() as i64;
    let moves: Vec<(LadderStep, NaiveDate)> = route
        .iter()
        .enumerate()
        // Spaced evenly (at least a month apart), on weekdays.
        .map(|(k, s)| (*s, if k == 0 { entered_on } else { weekday_back(days(entered_on, span * k as i64 / (n - 1))) }))
        .collect();
    let discharged_on = if seed.step.is_outcome() {
        moves.last().map(|(_, d)| *d)
    } else if seed.dv_ended && seed.step == LMM {
        // DV ends by law the day an ASF measure starts.
        moves.last().map(|(_, d)| *d)
    } else if seed.dv_ended && seed.step != EC {
        // The handover period ends about two months into förstärkt samarbete.
        moves.last().map(|(_, d)| days(*d, 56))
    } else {
        None
    };
    let discharge_outcome = match (seed.step, seed.dv_ended) {
        (EMP, _) => Some("employment"),
        (STU, _) => Some("studies"),
        (BACK, _) => Some("back_to_dv"),
        (LMM, true) => Some("labour_market_measure"),
        (MUN, _) => Some("municipal_employment"),
        _ => None,
    };
    // Granted to the end of a month 6-29 months ahead.
    let benefit_until = (seed.benefit == AE).then(|| end_of_month(months(today, 6 + (row as u32 * 5) % 24)));
    let base_hours = match seed.step {
        GA => 14,
        WPP => 18,
        IP => 24,
        JA => 26,
        EC => 34,
        _ => 30,
    };
    let hours = base_hours + (r * 7) % 9 - 4;
    let placement = route.contains(&IP);
    let preferred = seed.nickname.unwrap_or_else(|| seed.name.split(' ').next().unwrap_or(seed.name));

    let new = NewParticipant {
        unit_id: unit.id,
        name: seed.name,
        preferred_name: preferred,
        phone: (row % 7 != 3).then(|| mobile(100 + row)),
        email: row.is_multiple_of(3).then(|| email_of(seed.name, PEOPLE_DOMAIN)),
        benefit_kind: seed.benefit.as_str(),
        benefit_until,
        road: seed.road.as_str(),
        dv_form: if placement { "individual_placement" } else { "group" },
        hours_per_week: hours,
        ladder_step: seed.step.as_str(),
        gender: Some(seed.gender),
        entered_on,
        discharged_on,
        discharge_outcome,
        created_by: unit.consultant.account_id,
        created_at: at(entered_on, 9, 0),
    };
    let id = insert_participant(tx, &new).await?;
    let account_id = accounts::insert(
        tx,
        &NewAccount {
            role: "participant",
            staff_id: None,
            participant_id: Some(id),
            relative_id: None,
            email: None,
            password_hash: None,
            session_secret: &secret(),
        },
    )
    .await?;

    let by = unit.consultant.account_id;
    let mut person = Person {
        row,
        seed,
        id,
        account_id,
        preferred,
        entered_on,
        moves,
        discharged_on,
        benefit_until,
        hours,
        placement,
        supervisor_staff: unit.supervisors[row % 2].staff_id,
        fk: None,
        af: None,
        asf: None,
        soon_meeting: None,
        programme_note: None,
        relative_note: None,
    };

    // Steps within DV, as the follow-up counts them: everyone started in a
    // group; a placement began on its step, with more hours; some in a group
    // went up in hours, and a few moved to another group.
    let earlier_hours = (hours - 4).max(1);
    match person.reached(IP) {
        Some(since) if placement => {
            let change = DvChangeSeed { on: since, from: "group", to: "individual_placement", new_place: true };
            change.insert(tx, id, earlier_hours, hours, by).await?;
        }
        _ if row.is_multiple_of(3) => {
            let on = weekday_back(days(entered_on, 60));
            let change = DvChangeSeed { on, from: "group", to: "group", new_place: row.is_multiple_of(9) };
            change.insert(tx, id, earlier_hours, hours, by).await?;
        }
        _ => {}
    }

    // Contact persons: DV staff first, then the authorities that are involved.
    add_contact(tx, id, Who::Staff(unit.consultant.staff_id), "Arbetskonsulent", entered_on, by).await?;
    match person.reached(IP) {
        Some(since) if placement => {
            person.supervisor_staff = unit.placement_supervisor.staff_id;
            add_contact(tx, id, Who::Staff(person.supervisor_staff), "Handledare på enskild plats", since, by).await?;
        }
        _ => {
            add_contact(tx, id, Who::Staff(person.supervisor_staff), "Handledare", entered_on, by).await?;
        }
    }
    if person.has_fk_benefit() {
        let k = row % FK_CONTACTS.len();
        person.fk = Some(ext.fk[k]);
        add_contact(tx, id, Who::External(ext.fk[k]), FK_CONTACTS[k].role_in_case, days(entered_on, 7), by).await?;
    }
    if let Some(since) = person.reached(JA) {
        let k = row % AF_CONTACTS.len();
        person.af = Some(ext.af[k]);
        add_contact(tx, id, Who::External(ext.af[k]), AF_CONTACTS[k].role_in_case, since, by).await?;
    }
    if seed.benefit == SA {
        person.asf = Some(ext.asf_social);
        add_contact(tx, id, Who::External(ext.asf_social), ASF_SOCIAL.role_in_case, entered_on, by).await?;
    }
    // ASF's labour-market officer: from the case raised with ASF (or, for
    // those on försörjningsstöd, from the enskild plats).
    let labour_since = person.reached(CR).or(if seed.benefit == SA { person.reached(IP) } else { None });
    if let Some(since) = labour_since {
        person.asf = person.asf.or(Some(ext.asf_labour));
        add_contact(tx, id, Who::External(ext.asf_labour), ASF_LABOUR.role_in_case, since, by).await?;
    }
    if row % 10 == 6 {
        add_contact(tx, id, Who::External(ext.healthcare), HEALTHCARE.role_in_case, entered_on, by).await?;
    }

    let mut from = None;
    for (step, moved_on) in &person.moves {
        let steps = (from.map(LadderStep::as_str), step.as_str());
        let recorded_at = at(*moved_on, 15, 0);
        record::insert_ladder_move(tx, id, steps, *moved_on, move_note(*step), Some(by), recorded_at).await?;
        from = Some(*step);
    }
    Ok(person)
}

/// A contact person from `since`, recorded that morning.
async fn add_contact(
    tx: &mut Tx,
    participant_id: i64,
    who: Who,
    role_in_case: &str,
    since: NaiveDate,
    by: i64,
) -> Result<(), sqlx::Error> {
    let recorded_at = at(since, 10, 0);
    contacts::insert_contact_person(tx, participant_id, who, role_in_case, since, Some(by), recorded_at).await?;
    Ok(())
}

struct NewParticipant {
    unit_id: i64,
    name: &'static str,
    preferred_name: &'static str,
    phone: Option<String>,
    email: Option<String>,
    benefit_kind: &'static str,
    benefit_until: Option<NaiveDate>,
    road: &'static str,
    dv_form: &'static str,
    hours_per_week: i64,
    ladder_step: &'static str,
    gender: Option<&'static str>,
    entered_on: NaiveDate,
    discharged_on: Option<NaiveDate>,
    discharge_outcome: Option<&'static str>,
    created_by: i64,
    created_at: DateTime<Utc>,
}

async fn insert_participant(tx: &mut Tx, p: &NewParticipant) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO participants (unit_id, name, preferred_name, phone, email, benefit_kind,
             benefit_until, road, dv_form, hours_per_week, ladder_step, gender, entered_on,
             discharged_on, discharge_outcome, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id"
    )
    .bind(p.unit_id)
    .bind(p.name)
    .bind(p.preferred_name)
    .bind(p.phone.as_deref())
    .bind(p.email.as_deref())
    .bind(p.benefit_kind)
    .bind(p.benefit_until)
    .bind(p.road)
    .bind(p.dv_form)
    .bind(p.hours_per_week)
    .bind(p.ladder_step)
    .bind(p.gender)
    .bind(p.entered_on)
    .bind(p.discharged_on)
    .bind(p.discharge_outcome)
    .bind(p.created_by)
    .bind(p.created_at)
    .fetch_one(c)
    .await)
}

enum Sharing {
    Nothing,
    Sections(&'static str),
    /// Shared once, withdrawn since.
    Withdrawn(&'static str),
}

struct RelativeSeed {
    name: &'static str,
    relation: RelationKind,
    /// How staff would say it: "Mamma till", "God man till".
    who: &'static str,
    /// Row in PARTICIPANTS.
    participant: usize,
    sharing: Sharing,
    /// Invited to the participant's next meeting.
    joins_meeting: bool,
}

const fn rel(
    name: &'static str,
    relation: RelationKind,
    who: &'static str,
    participant: usize,
    sharing: Sharing,
    joins_meeting: bool,
) -> RelativeSeed {
    RelativeSeed { name, relation, who, participant, sharing, joins_meeting }
}

const RELATIVES: [RelativeSeed; 10] = [
    rel("Birgitta Åkesson", RelationKind::Parent, "Mamma till", 0, Sharing::Sections("meetings,contacts,ladder"), true),
    rel(
        "Leif Lindahl",
        RelationKind::Parent,
        "Pappa till",
        1,
        Sharing::Sections("plan,meetings,contacts,ladder,programme,access_log"),
        false,
    ),
    rel("Yasmin Osman", RelationKind::Sibling, "Syster till", 2, Sharing::Nothing, false),
    rel(
        "Lars-Erik Wennberg",
        RelationKind::GoodMan,
        "God man till",
        3,
        Sharing::Sections("plan,meetings,contacts,ladder,programme"),
        true,
    ),
    rel("Monica Falk", RelationKind::GoodMan, "God man till", 4, Sharing::Nothing, true),
    rel("Jessica Berglöf", RelationKind::Partner, "Sambo till", 5, Sharing::Withdrawn("meetings,contacts"), false),
    rel(
        "Stig Hallberg",
        RelationKind::Administrator,
        "Förvaltare för",
        6,
        // Sofia, whose record the demo's planted access opens: her förvaltare sees who looked.
        Sharing::Sections("plan,meetings,contacts,access_log"),
        false,
    ),
    rel("Mikko Marttinen", RelationKind::Sibling, "Bror till", 7, Sharing::Nothing, false),
    rel("Annelie Wikström", RelationKind::Parent, "Mamma till", 8, Sharing::Sections("meetings"), false),
    // Yasmin is on the ASF road: her father sees that road's Stegen.
    rel("Omar Haddad", RelationKind::Parent, "Pappa till", 48, Sharing::Sections("meetings,contacts,ladder"), false),
];

/// A change within DV the demo's history had.
struct DvChangeSeed {
    on: NaiveDate,
    from: &'static str,
    to: &'static str,
    new_place: bool,
}

impl DvChangeSeed {
    async fn insert(
        &self,
        tx: &mut Tx,
        participant_id: i64,
        from_hours: i64,
        to_hours: i64,
        by: i64,
    ) -> Result<(), sqlx::Error> {
        on_conn!(tx, |c| sqlx::query(
            "INSERT INTO dv_changes (participant_id, changed_on, from_form, to_form, from_hours, to_hours, new_place,
                                     recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )
        .bind(participant_id)
        .bind(self.on)
        .bind(self.from)
        .bind(self.to)
        .bind(from_hours)
        .bind(to_hours)
        .bind(self.new_place)
        .bind(by)
        .bind(at(self.on, 14, 0))
        .execute(c)
        .await
        .map(|_| ()))
    }
}

async fn insert_relative(
    tx: &mut Tx,
    name: &str,
    phone: &str,
    email: &str,
    created_at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO relatives (name, phone, email, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(name)
    .bind(phone)
    .bind(email)
    .bind(created_at)
    .fetch_one(c)
    .await)
}

async fn link_relative(
    tx: &mut Tx,
    participant_id: i64,
    relative_id: i64,
    kind: RelationKind,
    since: NaiveDate,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO participant_relatives (participant_id, relative_id, relation_kind, since)
         VALUES ($1, $2, $3, $4)"
    )
    .bind(participant_id)
    .bind(relative_id)
    .bind(kind.as_str())
    .bind(since)
    .execute(c)
    .await
    .map(|_| ()))
}

/// "meetings,contacts,ladder" → "möten, kontakter och stegen".
pub(super) fn sections_sv(sections: &str) -> String {
    let words: Vec<&str> = sections
        .split(',')
        .map(|s| match s.trim() {
            "plan" => "planen",
            "meetings" => "möten",
            "contacts" => "kontakter",
            "ladder" => "stegen",
            "programme" => "programmet",
            "access_log" => "vem som har tittat",
            other => other,
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// The relatives and gode män, their accounts, and what each may see. Returns,
/// per participant, the relative invited to their next meeting.
pub(super) async fn add_relatives(
    tx: &mut Tx,
    today: NaiveDate,
    people: &mut [Person],
    units: &[UnitIds],
    secret: &mut dyn FnMut() -> String,
    demo_lines: &mut Vec<(i64, String)>,
) -> Result<Vec<Option<i64>>, sqlx::Error> {
    let mut meeting_guest: Vec<Option<i64>> = vec![None; people.len()];
    for (j, r) in RELATIVES.iter().enumerate() {
        let Some(person) = people.get_mut(r.participant) else { continue };
        let consultant = units[person.seed.unit].consultant.account_id;
        let since = match r.relation {
            // Appointed before DV started; family was always there.
            RelationKind::GoodMan | RelationKind::Administrator => weekday_back(days(person.entered_on, -300)),
            _ => person.entered_on,
        };
        let relative_id =
            insert_relative(tx, r.name, &mobile(300 + j), &email_of(r.name, PEOPLE_DOMAIN), at(since, 9, 0)).await?;
        link_relative(tx, person.id, relative_id, r.relation, since).await?;
        let account_id = accounts::insert(
            tx,
            &NewAccount {
                role: "relative",
                staff_id: None,
                participant_id: None,
                relative_id: Some(relative_id),
                email: None,
                password_hash: None,
                session_secret: &secret(),
            },
        )
        .await?;
        let (seeing, note) = match r.sharing {
            Sharing::Nothing => ("ingen delning".to_owned(), "utan delning".to_owned()),
            Sharing::Sections(sections) => {
                let given_on = weekday_back(days(today, -(40 + 9 * j as i64)));
                consents::share_with_relative(tx, person.id, relative_id, sections, given_on, consultant).await?;
                let seeing = format!("ser {}", sections_sv(sections));
                (seeing.clone(), seeing)
            }
            Sharing::Withdrawn(sections) => {
                let given_on = weekday_back(days(today, -220));
                let consent =
                    consents::share_with_relative(tx, person.id, relative_id, sections, given_on, consultant).await?;
                let withdrawn_on = weekday_back(days(today, -35));
                record::mark_consent_withdrawn(tx, person.id, consent, withdrawn_on, Some(consultant)).await?;
                ("delningen återkallad, ser inget".to_owned(), "har återkallad delning".to_owned())
            }
        };
        // "God man till" → "god man".
        let who = r.who.rsplit_once(' ').map_or(r.who, |(w, _)| w);
        person.relative_note = Some(format!("{} {note}", who.to_lowercase()));
        if r.joins_meeting {
            meeting_guest[r.participant] = Some(relative_id);
        }
        demo_lines.push((account_id, format!("{} {} – {seeing}", r.who, person.preferred)));
    }
    Ok(meeting_guest)
}
