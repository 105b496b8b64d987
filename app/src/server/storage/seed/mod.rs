//! The demo municipality for `mina-steg demo-data`: the invented "Storvik kommun"
//! with two DV units, their staff, participants on every step of Stegen, the
//! people around them, joint plans, meetings, consents and the work-preparation
//! programme.
//!
//! Every person, workplace and address is invented. Phone numbers are in the
//! fictional ranges 070-1740xxx and 08-46500xxx; e-mail outside the municipality
//! uses exempel.se domains. Nothing is random: dates follow from `today` and from
//! a row's position in the tables below, so the same `today` gives the same data
//! (only the session secrets and the accounts' creation times differ).

use super::accounts::{self, NewAccount};
use super::{Tx, on_conn};
use crate::domain::{BenefitKind, ConsentScope, LadderStep, MeetingKind, Organisation, RelationKind, StaffRole};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Stockholm;

/// What `demo-data` made, for its closing message. `pub` because `access::system` re-exports it.
pub struct DemoSummary {
    pub participants: usize,
    /// Staff rows, the administrator included.
    pub staff: usize,
    pub meetings: usize,
}

// ---------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------

const STAFF_DOMAIN: &str = "storvik.se";
const PEOPLE_DOMAIN: &str = "exempel.se";
const AF_OFFICE: &str = "Arbetsförmedlingen Storvik, Stationsvägen 8";
const VIDEO_BASE: &str = "https://möte.exempel.se/";

struct UnitSeed {
    name: &'static str,
    address: &'static str,
    meeting_room: &'static str,
    programme_room: &'static str,
    consultant: &'static str,
    supervisors: [&'static str; 2],
    placement_supervisor: &'static str,
    /// Staff phones are 08-46500 + this + 0..3.
    phone_base: usize,
    /// The weekday the unit's programme group meets.
    programme_day: Weekday,
    /// Programme places taken, people on the waiting list, and expressions of
    /// interest: Norr is full with a queue, Söder still has room.
    enrolled: usize,
    waiting: usize,
    interests: &'static [Interest],
}

#[derive(Clone, Copy)]
enum Interest {
    /// Sent by staff, for whichever round comes next.
    AnyRoundByStaff,
    /// Sent by the participant in the app, for the unit's round.
    ThisRoundBySelf,
    /// Sent by staff, for the unit's round.
    ThisRoundByStaff,
}

const NORR: usize = 0;
const SODER: usize = 1;

const UNITS: [UnitSeed; 2] = [
    UnitSeed {
        name: "Daglig verksamhet Norr",
        address: "Storviks DV Norr, Verkstadsgatan 4",
        meeting_room: "rum 2",
        programme_room: "samlingssalen",
        consultant: "Helena Berglund",
        supervisors: ["Ahmed Yusuf", "Johanna Ekström"],
        placement_supervisor: "Linnea Sandberg",
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
        phone_base: 120,
        programme_day: Weekday::Thu,
        enrolled: 4,
        waiting: 0,
        interests: &[Interest::ThisRoundBySelf, Interest::ThisRoundByStaff],
    },
];

const ADMIN_NAME: &str = "Karin Öberg";
const ADMIN_PHONE: usize = 100;

struct ExternalSeed {
    name: &'static str,
    title: &'static str,
    role_in_case: &'static str,
    phone: usize,
}

const fn ext(name: &'static str, title: &'static str, role_in_case: &'static str, phone: usize) -> ExternalSeed {
    ExternalSeed { name, title, role_in_case, phone }
}

const FK_CONTACTS: [ExternalSeed; 3] = [
    ext("Annika Holm", "Handläggare", "Handläggare på Försäkringskassan", 201),
    ext("Reza Karimi", "Försäkringsutredare", "Försäkringsutredare på Försäkringskassan", 202),
    ext("Lena Forsberg", "Handläggare", "Handläggare på Försäkringskassan", 203),
];
const AF_CONTACTS: [ExternalSeed; 3] = [
    ext("Oskar Lundgren", "Arbetsförmedlare", "Arbetsförmedlare", 211),
    ext("Mirja Heikkinen", "Arbetsförmedlare", "Arbetsförmedlare", 212),
    ext("Daniel Mensah", "Arbetsförmedlare", "Arbetsförmedlare", 213),
];
/// The social secretary follows everyone with försörjningsstöd; the labour
/// market consultant joins when the next step may be a labour market measure.
const ASF_SOCIAL: ExternalSeed = ext("Eva Sjöberg", "Socialsekreterare", "Socialsekreterare på ASF", 221);
const ASF_LABOUR: ExternalSeed = ext("Tomas Aydin", "Arbetsmarknadskonsulent", "Arbetsmarknadskonsulent på ASF", 222);
const HEALTHCARE: ExternalSeed =
    ext("Ingrid Nyström", "Arbetsterapeut, habiliteringen", "Arbetsterapeut på habiliteringen", 231);

use BenefitKind::{ActivityCompensation as AE, NoBenefit as NONE, SicknessCompensation as SE, SocialAssistance as SA};
use LadderStep::{
    BackToDv as BACK, Employment as EMP, EnhancedCollaboration as EC, GroupActivity as GA, IndividualPlacement as IP,
    JointAssessment as JA, Studies as STU, WorkPrepProgramme as WPP,
};

struct ParticipantSeed {
    name: &'static str,
    nickname: Option<&'static str>,
    gender: &'static str,
    unit: usize,
    /// The current step, or the outcome for those discharged.
    step: LadderStep,
    benefit: BenefitKind,
    /// Still at förstärkt samarbete, but the DV decision has ended after the handover period.
    dv_ended: bool,
}

const fn p(
    name: &'static str,
    nickname: Option<&'static str>,
    gender: &'static str,
    unit: usize,
    step: LadderStep,
    benefit: BenefitKind,
) -> ParticipantSeed {
    ParticipantSeed { name, nickname, gender, unit, step, benefit, dv_ended: false }
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
static PARTICIPANTS: [ParticipantSeed; 48] = [
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
];

/// How many of the first participants get a line on /demo.
const DEMO_PARTICIPANTS: usize = 10;

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

const RELATIVES: [RelativeSeed; 9] = [
    rel("Birgitta Åkesson", RelationKind::Parent, "Mamma till", 0, Sharing::Sections("meetings,contacts,ladder"), true),
    rel(
        "Leif Lindahl",
        RelationKind::Parent,
        "Pappa till",
        1,
        Sharing::Sections("plan,meetings,contacts,ladder,programme"),
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
        Sharing::Sections("plan,meetings,contacts"),
        false,
    ),
    rel("Mikko Marttinen", RelationKind::Sibling, "Bror till", 7, Sharing::Nothing, false),
    rel("Annelie Wikström", RelationKind::Parent, "Mamma till", 8, Sharing::Sections("meetings"), false),
];

/// Placements for people on an enskild plats (and where their follow-ups are held).
const WORKPLACES: [&str; 6] = [
    "Bageriet Vetekornet, Torggatan 7",
    "Storviks bibliotek, Kyrkogatan 3",
    "Lagret på Industrivägen 15",
    "Café Solrosen, Åvägen 2",
    "Förskolan Humlan, Skolvägen 9",
    "Bilverkstaden Kolven, Verkstadsvägen 22",
];

/// Employers of those who reached employment: (employer, workplace).
const EMPLOYERS: [(&str, &str); 2] = [
    ("Bageriet Vetekornet AB", "Bageriet Vetekornet, Torggatan 7"),
    ("Storviks Lager och Logistik AB", "Storviks Lager, Industrivägen 15"),
];

const PROGRAMME_THEMES: [&str; 5] = [
    "Vad är ett arbete?",
    "Vägar till arbete",
    "Aktivitetsersättning och regler",
    "Besök från Arbetsförmedlingen och Försäkringskassan",
    "Min plan framåt",
];

/// Meeting start times (Swedish time), picked by position.
const START_TIMES: [(u32, u32); 8] = [(9, 0), (9, 30), (10, 0), (13, 0), (13, 30), (14, 0), (10, 30), (15, 0)];

/// What a joint plan says at a given step (after the example plan in domain.md).
struct PlanTemplate {
    goal: &'static str,
    reason: &'static str,
    activities: &'static [&'static str],
    follow_ups: &'static [&'static str],
    extra_note: &'static str,
}

// Plans are written for the participant to read: short sentences, everyday
// words (staff are asked to write them so; the demo shows how).
fn plan_template(step: LadderStep) -> PlanTemplate {
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

/// The ladder history leading to `step`; `alt` picks one of two usual routes.
fn route_to(step: LadderStep, alt: bool) -> Vec<LadderStep> {
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

fn move_note(to: LadderStep) -> &'static str {
    match to {
        GA => "Började i daglig verksamhet, grupp med handledare",
        WPP => "Anmäld till arbetsnärmande programmet",
        IP => "Bytte till enskild plats efter fyra veckors prova-på",
        JA => "Försäkringskassan bokar gemensam kartläggning",
        EC => "Beslut på GK 2: börjar i förstärkt samarbete",
        EMP => "Fick anställning",
        STU => "Började studera på folkhögskola",
        BACK => "Arbetsförmågan kunde inte fastställas, åter till daglig verksamhet",
    }
}

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
        // Förlängt stöd: DV still visits the workplace for a year.
        EMP => (&[K::Other], &[]),
        STU | BACK => (&[], &[]),
    }
}

fn meeting_title(kind: MeetingKind, placement: bool) -> &'static str {
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
        K::ProgrammeSession => "Arbetsnärmande programmet",
        K::Other => "Förlängt stöd: uppföljning på jobbet",
    }
}

fn meeting_bring(kind: MeetingKind) -> &'static str {
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
        K::ProgrammeSession => "Penna och papper",
        K::Other => "Frågor om jobbet",
    }
}

fn meeting_minutes(kind: MeetingKind) -> i64 {
    use MeetingKind as K;
    match kind {
        K::JointAssessment1 | K::JointAssessment2 | K::JointAssessment3 => 90,
        K::CheckIn => 30,
        K::FollowUp | K::Other => 45,
        _ => 60,
    }
}

// ---------------------------------------------------------------------------
// Filling the database
// ---------------------------------------------------------------------------

struct StaffIds {
    staff_id: i64,
    account_id: i64,
}

struct UnitIds {
    id: i64,
    consultant: StaffIds,
    supervisors: [StaffIds; 2],
    placement_supervisor: StaffIds,
}

struct ExternalIds {
    fk: Vec<i64>,
    af: Vec<i64>,
    asf_social: i64,
    asf_labour: i64,
    healthcare: i64,
}

/// A participant as inserted, with what later tables need.
struct Person {
    row: usize,
    seed: &'static ParticipantSeed,
    id: i64,
    account_id: i64,
    preferred: &'static str,
    entered_on: NaiveDate,
    /// Ladder moves in order; the first is the entry into DV.
    moves: Vec<(LadderStep, NaiveDate)>,
    discharged_on: Option<NaiveDate>,
    benefit_until: Option<NaiveDate>,
    hours: i64,
    placement: bool,
    supervisor_staff: i64,
    fk: Option<i64>,
    af: Option<i64>,
    asf: Option<i64>,
    /// Facts for the /demo description.
    soon_meeting: Option<NaiveDate>,
    programme_note: Option<String>,
    relative_note: Option<String>,
}

impl Person {
    fn reached(&self, step: LadderStep) -> Option<NaiveDate> {
        self.moves.iter().find(|(s, _)| *s == step).map(|(_, d)| *d)
    }

    fn has_fk_benefit(&self) -> bool {
        matches!(self.seed.benefit, AE | SE)
    }

    fn is_active(&self) -> bool {
        self.discharged_on.is_none()
    }

    /// The last step inside DV (for those discharged: förstärkt samarbete).
    fn last_dv_move(&self) -> (LadderStep, NaiveDate) {
        self.moves.iter().rev().find(|(s, _)| !s.is_outcome()).copied().unwrap_or((GA, self.entered_on))
    }

    fn demo_description(&self) -> String {
        let step = self.seed.step;
        let benefit = self.seed.benefit.label_sv().to_lowercase();
        let mut text = match (step.number(), self.discharged_on) {
            (Some(n), None) => format!("Steg {n}: {}, {benefit}", step_short(step)),
            (Some(n), Some(_)) => format!("Steg {n}: {}, daglig verksamhet avslutad", step_short(step)),
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
    }
}

/// Fills an empty database with an invented municipality. Deterministic (no RNG): the same `today` gives the same data.
pub(crate) async fn demo_municipality(
    tx: &mut Tx,
    today: NaiveDate,
    staff_password_hash: &str,
    secret: &mut dyn FnMut() -> String,
) -> Result<DemoSummary, sqlx::Error> {
    // Staff and external contacts were in place long before anyone entered DV.
    let long_ago = at(days(today, -1800), 8, 0);
    let mut demo_lines: Vec<(i64, String)> = Vec::new();

    // --- Units, staff and the administrator --------------------------------
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
        for (ids, role) in [
            (&consultant, StaffRole::EmploymentConsultant),
            (&s1, StaffRole::Supervisor),
            (&s2, StaffRole::Supervisor),
            (&placement_supervisor, StaffRole::PlacementSupervisor),
        ] {
            demo_lines.push((ids.account_id, format!("{}, {}", role.label_sv(), u.name)));
        }
        units.push(UnitIds { id, consultant, supervisors: [s1, s2], placement_supervisor });
    }
    let admin = StaffRow { unit_id: None, name: ADMIN_NAME, role: StaffRole::Admin, phone: landline(ADMIN_PHONE) };
    let admin_ids = insert_staff_with_account(tx, &admin, "admin", staff_password_hash, secret, long_ago).await?;
    demo_lines.push((admin_ids.account_id, "Administratör för hela Storvik kommun".to_owned()));
    let staff_count = UNITS.len() * 4 + 1;

    // --- External contacts -------------------------------------------------
    let mut fk = Vec::new();
    for e in &FK_CONTACTS {
        fk.push(insert_external(tx, Organisation::Fk, e, long_ago).await?);
    }
    let mut af = Vec::new();
    for e in &AF_CONTACTS {
        af.push(insert_external(tx, Organisation::Af, e, long_ago).await?);
    }
    let ext = ExternalIds {
        fk,
        af,
        asf_social: insert_external(tx, Organisation::Asf, &ASF_SOCIAL, long_ago).await?,
        asf_labour: insert_external(tx, Organisation::Asf, &ASF_LABOUR, long_ago).await?,
        healthcare: insert_external(tx, Organisation::Healthcare, &HEALTHCARE, long_ago).await?,
    };

    // --- Participants, their accounts, contact persons and ladder history ---
    let mut people: Vec<Person> = Vec::with_capacity(PARTICIPANTS.len());
    for (row, seed) in PARTICIPANTS.iter().enumerate() {
        let person = add_participant(tx, today, row, seed, &units[seed.unit], &ext, secret).await?;
        people.push(person);
    }

    // --- Joint plans ----------------------------------------------------------
    for person in &people {
        add_plans(tx, today, person, &units[person.seed.unit]).await?;
    }

    // --- Relatives, gode män and what they may see -------------------------
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
                let c = NewConsent::for_relative(person.id, relative_id, sections, given_on, consultant);
                insert_consent(tx, &c).await?;
                let seeing = format!("ser {}", sections_sv(sections));
                (seeing.clone(), seeing)
            }
            Sharing::Withdrawn(sections) => {
                let given_on = weekday_back(days(today, -220));
                let mut c = NewConsent::for_relative(person.id, relative_id, sections, given_on, consultant);
                c.withdrawn_on = Some(weekday_back(days(today, -35)));
                c.withdrawn_recorded_by = Some(consultant);
                insert_consent(tx, &c).await?;
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

    // --- Consents to FK and AF, förlängt stöd ------------------------------
    let mut employer_turn = 0;
    for person in &people {
        let consultant = units[person.seed.unit].consultant.account_id;
        if person.has_fk_benefit() {
            // Oral consent at the kartläggningsmöte, phoned in to FK.
            let c = NewConsent::for_org(
                person.id,
                ConsentScope::DvFkContact,
                Organisation::Fk,
                "oral",
                days(person.entered_on, 7),
                consultant,
            );
            insert_consent(tx, &c).await?;
            if let Some(ja) = person.reached(JA) {
                let c = NewConsent::for_org(
                    person.id,
                    ConsentScope::FkDocuments,
                    Organisation::Fk,
                    "oral",
                    weekday_back(days(ja, -10)),
                    consultant,
                );
                insert_consent(tx, &c).await?;
            }
        }
        if let Some(ec) = person.reached(EC) {
            let c = NewConsent::for_org(person.id, ConsentScope::AfDvContact, Organisation::Af, "oral", ec, consultant);
            insert_consent(tx, &c).await?;
        }
        let Some(discharged) = person.discharged_on else { continue };
        match person.seed.step {
            EMP => {
                // Written consent; the support reaches the employer, hence "other".
                let c = NewConsent::for_org(
                    person.id,
                    ConsentScope::ExtendedSupport,
                    Organisation::Other,
                    "written",
                    discharged,
                    consultant,
                );
                let consent_id = insert_consent(tx, &c).await?;
                let (employer, _) = EMPLOYERS[employer_turn % EMPLOYERS.len()];
                employer_turn += 1;
                insert_extended_support(tx, person.id, employer, discharged, consent_id, consultant).await?;
            }
            BACK => {
                let c = NewConsent::for_org(
                    person.id,
                    ConsentScope::ReturnToDvFk,
                    Organisation::Fk,
                    "written",
                    discharged,
                    consultant,
                );
                insert_consent(tx, &c).await?;
            }
            _ => {}
        }
    }

    // --- Meetings -----------------------------------------------------------
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
            let m = NewMeeting {
                participant_id: person.id,
                kind,
                title: meeting_title(kind, person.placement),
                starts_at,
                ends_at,
                place,
                video_link,
                bring: meeting_bring(kind),
                status: if was_held { "held" } else { "planned" },
                answer,
                answered_at,
                created_by: ids.consultant.account_id,
                created_at: if was_held {
                    at(days(day, -14), 10, 15)
                } else {
                    at(days(today, -(2 + (row as i64) % 5)), 10, 15)
                },
                // Marking a meeting held is an update.
                updated_by: was_held.then_some(ids.consultant.account_id),
                updated_at: was_held.then(|| ends_at + TimeDelta::hours(1)),
            };
            let meeting_id = insert_meeting(tx, &m).await?;
            meetings += 1;

            let mut guests = vec![Attendee::Staff(ids.consultant.staff_id)];
            if !matches!(kind, MeetingKind::CheckIn | MeetingKind::AfEnrolment) {
                guests.push(Attendee::Staff(person.supervisor_staff));
            }
            let externals = match kind {
                MeetingKind::JointAssessment1 | MeetingKind::JointAssessment2 | MeetingKind::JointAssessment3 => {
                    vec![person.fk, person.af]
                }
                MeetingKind::CheckIn => vec![person.fk],
                MeetingKind::AfEnrolment | MeetingKind::Handover => vec![person.af],
                MeetingKind::JointPlanning => vec![person.fk, person.asf],
                _ => vec![],
            };
            guests.extend(externals.into_iter().flatten().map(Attendee::External));
            if !was_held && k == 0 {
                guests.extend(meeting_guest[i].map(Attendee::Relative));
            }
            for g in guests {
                insert_attendee(tx, meeting_id, g).await?;
            }
        }
    }

    // --- The work-preparation programme ------------------------------------
    for (u, unit) in UNITS.iter().enumerate() {
        let ids = &units[u];
        let starts_on = next_weekday(days(today, 7), unit.programme_day);
        let season = if starts_on.month() <= 6 { "våren" } else { "hösten" };
        let short = unit.name.rsplit(' ').next().unwrap_or(unit.name);
        let name = format!("Arbetsnärmande programmet {short}, {season} {}", starts_on.year());
        let place = format!("{}, {}", unit.address, unit.programme_room);

        // Those in the programme step first, then the groups, then placements.
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

        let round = NewRound {
            unit_id: ids.id,
            name: &name,
            capacity: 6,
            enrolled: enrolled as i64,
            place: &place,
            responsible_staff_id: ids.consultant.staff_id,
            starts_on,
            created_by: ids.consultant.account_id,
            created_at: at(days(today, -21), 9, 0),
        };
        let round_id = insert_round(tx, &round).await?;
        for (k, theme) in PROGRAMME_THEMES.iter().enumerate() {
            let day = days(starts_on, 7 * k as i64);
            insert_session(tx, round_id, at(day, 13, 0), at(day, 14, 30), theme, &place).await?;
        }
        for (pos, &i) in queue.iter().take(enrolled + waiting).enumerate() {
            let person = &mut people[i];
            let (status, waiting_position, note) = if pos < enrolled {
                ("enrolled", None, "antagen till programmet".to_owned())
            } else {
                let n = (pos - enrolled + 1) as i64;
                ("waiting", Some(n), format!("plats {n} i kön till programmet"))
            };
            let created_at = at(days(today, -(18 - pos as i64)), 11, 0);
            insert_enrolment(tx, round_id, person.id, status, waiting_position, ids.consultant.account_id, created_at)
                .await?;
            if waiting_position.is_none() {
                super::programme::add_session_meetings(
                    tx,
                    person.id,
                    round_id,
                    Some(ids.consultant.account_id),
                    created_at,
                )
                .await?;
            }
            person.programme_note = Some(note);
        }
        for (k, (interest, &i)) in unit.interests.iter().zip(queue.iter().skip(enrolled + waiting)).enumerate() {
            let person = &mut people[i];
            let (round, by) = match interest {
                Interest::AnyRoundByStaff => (None, ids.consultant.account_id),
                Interest::ThisRoundBySelf => (Some(round_id), person.account_id),
                Interest::ThisRoundByStaff => (Some(round_id), ids.consultant.account_id),
            };
            insert_interest(tx, person.id, round, by, at(days(today, -2 - k as i64), 19, 0)).await?;
            person.programme_note = Some("intresseanmälan till programmet".to_owned());
        }
    }

    // --- Last term's round: done, with attendance ---------------------------
    // Those now on a placement or further went through it; the year view shows it.
    for (u, unit) in UNITS.iter().enumerate() {
        let ids = &units[u];
        let starts_on = next_weekday(days(today, -160), unit.programme_day);
        let season = if starts_on.month() <= 6 { "våren" } else { "hösten" };
        let short = unit.name.rsplit(' ').next().unwrap_or(unit.name);
        let name = format!("Arbetsnärmande programmet {short}, {season} {}", starts_on.year());
        let place = format!("{}, {}", unit.address, unit.programme_room);
        let alumni: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].seed.unit == u && people[i].is_active() && matches!(people[i].seed.step, IP | JA))
            .take(4)
            .collect();
        let round = NewRound {
            unit_id: ids.id,
            name: &name,
            capacity: 6,
            enrolled: alumni.len() as i64,
            place: &place,
            responsible_staff_id: ids.consultant.staff_id,
            starts_on,
            created_by: ids.consultant.account_id,
            created_at: at(days(starts_on, -30), 9, 0),
        };
        let round_id = insert_round(tx, &round).await?;
        for (k, theme) in PROGRAMME_THEMES.iter().enumerate() {
            let day = days(starts_on, 7 * k as i64);
            let session = insert_session(tx, round_id, at(day, 13, 0), at(day, 14, 30), theme, &place).await?;
            for (n, &i) in alumni.iter().enumerate() {
                // Mostly there; now and then away, nearly always with notice.
                let mark = match (n + k) % 7 {
                    3 => "absent_notified",
                    6 if k == 2 => "absent",
                    _ => "present",
                };
                insert_attendance(tx, session, people[i].id, mark, ids.consultant.account_id, at(day, 15, 0)).await?;
            }
        }
        for &i in &alumni {
            let created_at = at(days(starts_on, -14), 10, 0);
            insert_enrolment(tx, round_id, people[i].id, "completed", None, ids.consultant.account_id, created_at)
                .await?;
        }
    }

    // --- What /demo shows --------------------------------------------------
    for person in people.iter().take(DEMO_PARTICIPANTS) {
        demo_lines.push((person.account_id, person.demo_description()));
    }
    for (account_id, description) in &demo_lines {
        insert_demo_account(tx, *account_id, description).await?;
    }

    // The programme sessions became meetings of the enrolled as well.
    let all_meetings: i64 = on_conn!(tx, |c| sqlx::query_scalar("SELECT count(*) FROM meetings").fetch_one(c).await)?;
    let meetings = usize::try_from(all_meetings).unwrap_or(meetings);
    Ok(DemoSummary { participants: people.len(), staff: staff_count, meetings })
}

async fn add_participant(
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
    let route = route_to(seed.step, row.is_multiple_of(2));
    // The latest move: recent for the programme (the round is about to start),
    // a couple of months back for other steps, further back for those who left.
    let last_on = if seed.step.is_outcome() {
        days(today, -(45 + (r * 11) % 200))
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
    } else if seed.dv_ended {
        // The handover period ends about two months into förstärkt samarbete.
        moves.last().map(|(_, d)| days(*d, 56))
    } else {
        None
    };
    let discharge_outcome = match (seed.step, seed.dv_ended) {
        (EMP, _) => Some("employment"),
        (STU, _) => Some("studies"),
        (BACK, _) => Some("back_to_dv"),
        (EC, true) => Some("enhanced_collaboration"),
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

    // Contact persons: DV staff first, then the authorities that are involved.
    insert_contact(tx, id, Contact::Staff(unit.consultant.staff_id), "Arbetskonsulent", entered_on, by).await?;
    match person.reached(IP) {
        Some(since) if placement => {
            person.supervisor_staff = unit.placement_supervisor.staff_id;
            insert_contact(tx, id, Contact::Staff(person.supervisor_staff), "Handledare på enskild plats", since, by)
                .await?;
        }
        _ => {
            insert_contact(tx, id, Contact::Staff(person.supervisor_staff), "Handledare", entered_on, by).await?;
        }
    }
    if person.has_fk_benefit() {
        let k = row % FK_CONTACTS.len();
        person.fk = Some(ext.fk[k]);
        insert_contact(tx, id, Contact::External(ext.fk[k]), FK_CONTACTS[k].role_in_case, days(entered_on, 7), by)
            .await?;
    }
    if let Some(since) = person.reached(JA) {
        let k = row % AF_CONTACTS.len();
        person.af = Some(ext.af[k]);
        insert_contact(tx, id, Contact::External(ext.af[k]), AF_CONTACTS[k].role_in_case, since, by).await?;
    }
    if seed.benefit == SA {
        person.asf = Some(ext.asf_social);
        insert_contact(tx, id, Contact::External(ext.asf_social), ASF_SOCIAL.role_in_case, entered_on, by).await?;
        if let Some(since) = person.reached(IP) {
            insert_contact(tx, id, Contact::External(ext.asf_labour), ASF_LABOUR.role_in_case, since, by).await?;
        }
    }
    if row % 10 == 6 {
        insert_contact(tx, id, Contact::External(ext.healthcare), HEALTHCARE.role_in_case, entered_on, by).await?;
    }

    let mut from = None;
    for (step, moved_on) in &person.moves {
        insert_ladder_move(tx, id, from, *step, *moved_on, move_note(*step), by).await?;
        from = Some(*step);
    }
    Ok(person)
}

/// Version 1 at the start (or when the current step began), and for about two
/// in three of those who moved on, version 2 when they took their latest step.
async fn add_plans(tx: &mut Tx, today: NaiveDate, person: &Person, unit: &UnitIds) -> Result<(), sqlx::Error> {
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
        let plan = NewPlan {
            participant_id: person.id,
            version: v as i64 + 1,
            goal: t.goal,
            goal_reason: t.reason,
            period_start: *start,
            period_end,
            days_per_week: ((hours + 7) / 8).clamp(2, 5),
            hours_per_week: hours,
            other_notes: format!("{}{}", benefit_note(person, row), t.extra_note),
            created_by: unit.consultant.account_id,
            created_at: at(*start, 11, 0),
        };
        let plan_id = insert_plan(tx, &plan).await?;
        for (pos, text) in t.activities.iter().take(3 + row % 2).enumerate() {
            insert_plan_activity(tx, plan_id, pos as i64 + 1, text).await?;
        }
        for (k, what) in t.follow_ups.iter().take(1 + row % 2).enumerate() {
            let k = k as i64;
            let due_on = if latest && person.is_active() {
                // Ahead of us: what staff will see coming up.
                weekday_forward(days(today, 21 + (r * 5) % 35 + 35 * k))
            } else {
                weekday_forward(days(*start, 42 + 42 * k))
            };
            insert_plan_follow_up(tx, plan_id, due_on, what).await?;
        }
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

/// "meetings,contacts,ladder" → "möten, kontakter och stegen".
fn sections_sv(sections: &str) -> String {
    let words: Vec<&str> = sections
        .split(',')
        .map(|s| match s.trim() {
            "plan" => "planen",
            "meetings" => "möten",
            "contacts" => "kontakter",
            "ladder" => "stegen",
            "programme" => "programmet",
            other => other,
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Dates, times, phones and addresses
// ---------------------------------------------------------------------------

/// A Swedish local time on `day`, as the UTC instant stored (whole seconds).
fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN));
    // Daytime never falls in the DST gap; `earliest` also settles the autumn fold.
    match Stockholm.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => local.and_utc(),
    }
}

fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + TimeDelta::days(n)
}

fn months(d: NaiveDate, n: u32) -> NaiveDate {
    d + Months::new(n)
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let first = days(d, -i64::from(d.day0()));
    days(months(first, 1), -1)
}

fn weekday_forward(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => days(d, 2),
        Weekday::Sun => days(d, 1),
        _ => d,
    }
}

fn weekday_back(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => days(d, -1),
        Weekday::Sun => days(d, -2),
        _ => d,
    }
}

/// A weekday 2-5 days ahead (three if possible): the demo's "next meeting soon".
fn soon_weekday(today: NaiveDate) -> NaiveDate {
    [3, 4, 2, 5]
        .into_iter()
        .map(|n| days(today, n))
        .find(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        // Four days in a row always hold a weekday; this is never used.
        .unwrap_or(days(today, 3))
}

fn next_weekday(from: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    days(from, i64::from(ahead))
}

/// 070-1740xxx in E.164, as `PhoneNumber` stores it.
fn mobile(n: usize) -> String {
    format!("+46701740{:03}", n % 1000)
}

/// 08-46500xxx in E.164.
fn landline(n: usize) -> String {
    format!("+46846500{:03}", n % 1000)
}

/// "Lars-Erik Wennberg" → "lars-erik.wennberg@domain" (ASCII, lowercase, as `Email` stores it).
fn email_of(name: &str, domain: &str) -> String {
    let mut local = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => local.push('a'),
            'ö' | 'ø' | 'ó' => local.push('o'),
            'é' | 'è' | 'ë' => local.push('e'),
            'ü' => local.push('u'),
            'ć' | 'č' => local.push('c'),
            'š' => local.push('s'),
            'ž' => local.push('z'),
            ' ' => local.push('.'),
            c if c.is_ascii_alphanumeric() || c == '-' => local.push(c),
            _ => {}
        }
    }
    format!("{local}@{domain}")
}

// ---------------------------------------------------------------------------
// Inserts
// ---------------------------------------------------------------------------

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
    let staff_id: i64 = on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO staff (unit_id, name, role, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(s.unit_id)
    .bind(s.name)
    .bind(s.role.as_str())
    .bind(s.phone.as_str())
    .bind(email.as_str())
    .bind(created_at)
    .fetch_one(c)
    .await)?;
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
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO external_contacts (name, organisation, title, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(e.name)
    .bind(org.as_str())
    .bind(e.title)
    .bind(landline(e.phone))
    .bind(email_of(e.name, domain))
    .bind(created_at)
    .fetch_one(c)
    .await)
}

struct NewParticipant {
    unit_id: i64,
    name: &'static str,
    preferred_name: &'static str,
    phone: Option<String>,
    email: Option<String>,
    benefit_kind: &'static str,
    benefit_until: Option<NaiveDate>,
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
             benefit_until, dv_form, hours_per_week, ladder_step, gender, entered_on,
             discharged_on, discharge_outcome, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id"
    )
    .bind(p.unit_id)
    .bind(p.name)
    .bind(p.preferred_name)
    .bind(p.phone.as_deref())
    .bind(p.email.as_deref())
    .bind(p.benefit_kind)
    .bind(p.benefit_until)
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

enum Contact {
    Staff(i64),
    External(i64),
}

async fn insert_contact(
    tx: &mut Tx,
    participant_id: i64,
    who: Contact,
    role_in_case: &str,
    since: NaiveDate,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    let (staff_id, external_id) = match who {
        Contact::Staff(id) => (Some(id), None),
        Contact::External(id) => (None, Some(id)),
    };
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO contact_persons (participant_id, staff_id, external_contact_id, role_in_case,
             since, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(participant_id)
    .bind(staff_id)
    .bind(external_id)
    .bind(role_in_case)
    .bind(since)
    .bind(created_by)
    .bind(at(since, 10, 0))
    .fetch_one(c)
    .await)
}

async fn insert_ladder_move(
    tx: &mut Tx,
    participant_id: i64,
    from: Option<LadderStep>,
    to: LadderStep,
    moved_on: NaiveDate,
    note: &str,
    recorded_by: i64,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO ladder_moves (participant_id, from_step, to_step, moved_on, note, recorded_by,
             recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(participant_id)
    .bind(from.map(LadderStep::as_str))
    .bind(to.as_str())
    .bind(moved_on)
    .bind(note)
    .bind(recorded_by)
    .bind(at(moved_on, 15, 0))
    .fetch_one(c)
    .await)
}

struct NewPlan {
    participant_id: i64,
    version: i64,
    goal: &'static str,
    goal_reason: &'static str,
    period_start: NaiveDate,
    period_end: Option<NaiveDate>,
    days_per_week: i64,
    hours_per_week: i64,
    other_notes: String,
    created_by: i64,
    created_at: DateTime<Utc>,
}

async fn insert_plan(tx: &mut Tx, p: &NewPlan) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO joint_plans (participant_id, version, goal, goal_reason, period_start,
             period_end, days_per_week, hours_per_week, other_notes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(p.participant_id)
    .bind(p.version)
    .bind(p.goal)
    .bind(p.goal_reason)
    .bind(p.period_start)
    .bind(p.period_end)
    .bind(p.days_per_week)
    .bind(p.hours_per_week)
    .bind(p.other_notes.as_str())
    .bind(p.created_by)
    .bind(p.created_at)
    .fetch_one(c)
    .await)
}

async fn insert_plan_activity(tx: &mut Tx, plan_id: i64, position: i64, text: &str) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO plan_activities (plan_id, position, text) VALUES ($1, $2, $3) RETURNING id"
    )
    .bind(plan_id)
    .bind(position)
    .bind(text)
    .fetch_one(c)
    .await)
}

async fn insert_plan_follow_up(tx: &mut Tx, plan_id: i64, due_on: NaiveDate, what: &str) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO plan_follow_ups (plan_id, due_on, what) VALUES ($1, $2, $3) RETURNING id"
    )
    .bind(plan_id)
    .bind(due_on)
    .bind(what)
    .fetch_one(c)
    .await)
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

struct NewConsent {
    participant_id: i64,
    scope: ConsentScope,
    recipient_organisation: Option<Organisation>,
    recipient_relative_id: Option<i64>,
    shared_sections: &'static str,
    method: &'static str,
    given_on: NaiveDate,
    recorded_by: i64,
    withdrawn_on: Option<NaiveDate>,
    withdrawn_recorded_by: Option<i64>,
}

impl NewConsent {
    fn for_org(
        participant_id: i64,
        scope: ConsentScope,
        org: Organisation,
        method: &'static str,
        given_on: NaiveDate,
        recorded_by: i64,
    ) -> Self {
        Self {
            participant_id,
            scope,
            recipient_organisation: Some(org),
            recipient_relative_id: None,
            shared_sections: "",
            method,
            given_on,
            recorded_by,
            withdrawn_on: None,
            withdrawn_recorded_by: None,
        }
    }

    /// Sharing with a relative or god man is always given in writing in the demo.
    fn for_relative(
        participant_id: i64,
        relative_id: i64,
        sections: &'static str,
        given_on: NaiveDate,
        recorded_by: i64,
    ) -> Self {
        Self {
            participant_id,
            scope: ConsentScope::ShareWithRelative,
            recipient_organisation: None,
            recipient_relative_id: Some(relative_id),
            shared_sections: sections,
            method: "written",
            given_on,
            recorded_by,
            withdrawn_on: None,
            withdrawn_recorded_by: None,
        }
    }
}

async fn insert_consent(tx: &mut Tx, k: &NewConsent) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO consents (participant_id, scope, recipient_organisation, recipient_relative_id,
             shared_sections, method, given_on, recorded_by, recorded_at, withdrawn_on,
             withdrawn_recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(k.participant_id)
    .bind(k.scope.as_str())
    .bind(k.recipient_organisation.map(Organisation::as_str))
    .bind(k.recipient_relative_id)
    .bind(k.shared_sections)
    .bind(k.method)
    .bind(k.given_on)
    .bind(k.recorded_by)
    .bind(at(k.given_on, 15, 0))
    .bind(k.withdrawn_on)
    .bind(k.withdrawn_recorded_by)
    .fetch_one(c)
    .await)
}

/// Förlängt stöd: twelve months from the first day of employment.
async fn insert_extended_support(
    tx: &mut Tx,
    participant_id: i64,
    employer: &str,
    starts_on: NaiveDate,
    consent_id: i64,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO extended_support (participant_id, employer, starts_on, ends_on, consent_id,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(participant_id)
    .bind(employer)
    .bind(starts_on)
    .bind(months(starts_on, 12))
    .bind(consent_id)
    .bind(created_by)
    .bind(at(starts_on, 15, 30))
    .fetch_one(c)
    .await)
}

struct NewMeeting {
    participant_id: i64,
    kind: MeetingKind,
    title: &'static str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place: Option<String>,
    video_link: Option<String>,
    bring: &'static str,
    status: &'static str,
    answer: &'static str,
    answered_at: Option<DateTime<Utc>>,
    created_by: i64,
    created_at: DateTime<Utc>,
    updated_by: Option<i64>,
    updated_at: Option<DateTime<Utc>>,
}

async fn insert_meeting(tx: &mut Tx, m: &NewMeeting) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO meetings (participant_id, kind, title, starts_at, ends_at, place, video_link,
             bring, status, participant_answer, answered_at, created_by, created_at, updated_by,
             updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"
    )
    .bind(m.participant_id)
    .bind(m.kind.as_str())
    .bind(m.title)
    .bind(m.starts_at)
    .bind(m.ends_at)
    .bind(m.place.as_deref())
    .bind(m.video_link.as_deref())
    .bind(m.bring)
    .bind(m.status)
    .bind(m.answer)
    .bind(m.answered_at)
    .bind(m.created_by)
    .bind(m.created_at)
    .bind(m.updated_by)
    .bind(m.updated_at)
    .fetch_one(c)
    .await)
}

enum Attendee {
    Staff(i64),
    External(i64),
    Relative(i64),
}

async fn insert_attendee(tx: &mut Tx, meeting_id: i64, who: Attendee) -> Result<i64, sqlx::Error> {
    let (staff_id, external_id, relative_id) = match who {
        Attendee::Staff(id) => (Some(id), None, None),
        Attendee::External(id) => (None, Some(id), None),
        Attendee::Relative(id) => (None, None, Some(id)),
    };
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO meeting_attendees (meeting_id, staff_id, external_contact_id, relative_id)
         VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(meeting_id)
    .bind(staff_id)
    .bind(external_id)
    .bind(relative_id)
    .fetch_one(c)
    .await)
}

struct NewRound<'a> {
    unit_id: i64,
    name: &'a str,
    capacity: i64,
    enrolled: i64,
    place: &'a str,
    responsible_staff_id: i64,
    starts_on: NaiveDate,
    created_by: i64,
    created_at: DateTime<Utc>,
}

async fn insert_round(tx: &mut Tx, r: &NewRound<'_>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, responsible_staff_id,
             starts_on, created_by, created_at)
         VALUES ($1, $2, 'group', $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(r.unit_id)
    .bind(r.name)
    .bind(r.capacity)
    .bind(r.enrolled)
    .bind(r.place)
    .bind(r.responsible_staff_id)
    .bind(r.starts_on)
    .bind(r.created_by)
    .bind(r.created_at)
    .fetch_one(c)
    .await)
}

async fn insert_session(
    tx: &mut Tx,
    round_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    theme: &str,
    place: &str,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO programme_sessions (round_id, starts_at, ends_at, theme, place)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(round_id)
    .bind(starts_at)
    .bind(ends_at)
    .bind(theme)
    .bind(place)
    .fetch_one(c)
    .await)
}

async fn insert_attendance(
    tx: &mut Tx,
    session_id: i64,
    participant_id: i64,
    mark: &str,
    recorded_by: i64,
    recorded_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO attendance (session_id, participant_id, mark, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(session_id)
    .bind(participant_id)
    .bind(mark)
    .bind(recorded_by)
    .bind(recorded_at)
    .execute(c)
    .await
    .map(|_| ()))
}

async fn insert_enrolment(
    tx: &mut Tx,
    round_id: i64,
    participant_id: i64,
    status: &str,
    waiting_position: Option<i64>,
    created_by: i64,
    created_at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO enrolments (round_id, participant_id, status, waiting_position, created_by,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(round_id)
    .bind(participant_id)
    .bind(status)
    .bind(waiting_position)
    .bind(created_by)
    .bind(created_at)
    .fetch_one(c)
    .await)
}

async fn insert_interest(
    tx: &mut Tx,
    participant_id: i64,
    round_id: Option<i64>,
    created_by: i64,
    created_at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "INSERT INTO expressions_of_interest (participant_id, round_id, created_by, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(participant_id)
    .bind(round_id)
    .bind(created_by)
    .bind(created_at)
    .fetch_one(c)
    .await)
}

async fn insert_demo_account(tx: &mut Tx, account_id: i64, description: &str) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("INSERT INTO demo_accounts (account_id, description) VALUES ($1, $2)")
        .bind(account_id)
        .bind(description)
        .execute(c)
        .await
        .map(|_| ()))
}

#[cfg(test)]
mod tests {
    //! Runs the seed on fresh SQLite and PostgreSQL databases (`make test` starts
    //! PostgreSQL), letting the schema's constraints judge the rows.

    use super::*;
    use crate::server::storage::Store;
    use std::str::FromStr;

    const SQLITE_SCHEMA: &str = include_str!("../../../../server/migrations/sqlite/0001_schema.sql");
    const POSTGRES_SCHEMA: &str = include_str!("../../../../server/migrations/postgres/0001_schema.sql");

    const TABLES: [&str; 21] = [
        "units",
        "staff",
        "accounts",
        "external_contacts",
        "participants",
        "contact_persons",
        "joint_plans",
        "plan_activities",
        "plan_follow_ups",
        "meetings",
        "meeting_attendees",
        "ladder_moves",
        "relatives",
        "participant_relatives",
        "consents",
        "extended_support",
        "programme_rounds",
        "programme_sessions",
        "enrolments",
        "expressions_of_interest",
        "demo_accounts",
    ];

    fn date(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    async fn seed(store: &Store, today: NaiveDate) -> DemoSummary {
        let mut tx = store.begin().await.unwrap();
        let mut n = 0;
        let mut secret = || {
            n += 1;
            format!("secret-{n}")
        };
        let summary = demo_municipality(&mut tx, today, "$argon2id$v=19$demo", &mut secret).await.unwrap();
        tx.commit().await.unwrap();
        summary
    }

    async fn sqlite() -> (Store, sqlx::SqlitePool) {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str("sqlite::memory:").unwrap().foreign_keys(true);
        // One connection: an in-memory database lives and dies with its connection.
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        sqlx::raw_sql(SQLITE_SCHEMA).execute(&pool).await.unwrap();
        (Store::Sqlite(pool.clone()), pool)
    }

    async fn count(pool: &sqlx::SqlitePool, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
    }

    #[tokio::test]
    async fn fills_sqlite_consistently() {
        for today in ["2026-05-14", "2026-03-27", "2026-10-23", "2025-12-30", "2028-02-29", "2026-06-13", "2026-06-14"]
        {
            let today = date(today);
            let (store, pool) = sqlite().await;
            let summary = seed(&store, today).await;
            assert_eq!((summary.participants, summary.staff), (48, 9));
            assert_eq!(count(&pool, "SELECT count(*) FROM meetings").await, summary.meetings as i64);
            assert_eq!(count(&pool, "SELECT count(*) FROM accounts").await, 48 + 9 + 9);
            assert_eq!(count(&pool, "SELECT count(*) FROM demo_accounts").await, 9 + 10 + 9);
            let broken: Vec<(String,)> =
                sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&pool).await.unwrap();
            assert!(broken.is_empty(), "{broken:?}");

            // The first participant of each unit meets someone 2-5 days from today.
            let firsts: Vec<i64> =
                sqlx::query_scalar("SELECT min(id) FROM participants GROUP BY unit_id").fetch_all(&pool).await.unwrap();
            assert_eq!(firsts.len(), 2);
            for pid in firsts {
                let starts: Vec<DateTime<Utc>> = sqlx::query_scalar(
                    "SELECT starts_at FROM meetings WHERE participant_id = $1 AND status = 'planned'",
                )
                .bind(pid)
                .fetch_all(&pool)
                .await
                .unwrap();
                assert!(
                    starts.iter().any(|s| {
                        let d = (s.with_timezone(&Stockholm).date_naive() - today).num_days();
                        (2..=5).contains(&d)
                    }),
                    "{today}: participant {pid} has {starts:?}"
                );
            }

            // Ladder history: starts at group activity, follows next_steps, ends at the current step.
            let rows: Vec<(i64, Option<String>, String, NaiveDate)> = sqlx::query_as(
                "SELECT participant_id, from_step, to_step, moved_on FROM ladder_moves ORDER BY participant_id, id",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            let mut last: Option<(i64, String, NaiveDate)> = None;
            for (pid, from, to, on) in rows {
                match &last {
                    Some((lp, lt, ld)) if *lp == pid => {
                        assert_eq!(from.as_deref(), Some(lt.as_str()));
                        let from = LadderStep::parse(lt).unwrap();
                        assert!(from.next_steps().contains(&LadderStep::parse(&to).unwrap()), "{from:?} -> {to}");
                        assert!(on > *ld);
                    }
                    _ => assert_eq!((from, to.as_str()), (None, "group_activity")),
                }
                assert!(on < today);
                last = Some((pid, to, on));
            }
            let mismatched = count(
                &pool,
                "SELECT count(*) FROM participants p WHERE p.ladder_step <> (SELECT to_step FROM ladder_moves m
                 WHERE m.participant_id = p.id ORDER BY m.id DESC LIMIT 1)",
            )
            .await;
            assert_eq!(mismatched, 0);

            // Nothing was recorded in the future.
            let midnight = at(today, 0, 0);
            for (table, column) in [
                ("participants", "created_at"),
                ("contact_persons", "created_at"),
                ("joint_plans", "created_at"),
                ("ladder_moves", "recorded_at"),
                ("consents", "recorded_at"),
                ("meetings", "created_at"),
                ("meetings", "answered_at"),
                ("meetings", "updated_at"),
                ("programme_rounds", "created_at"),
                ("enrolments", "created_at"),
                ("expressions_of_interest", "created_at"),
                ("extended_support", "created_at"),
            ] {
                let all: Vec<Option<DateTime<Utc>>> =
                    sqlx::query_scalar(&format!("SELECT {column} FROM {table}")).fetch_all(&pool).await.unwrap();
                assert!(all.iter().flatten().all(|t| *t < midnight), "{today}: {table}.{column}");
            }
            let (enrolled, waiting): (i64, i64) = sqlx::query_as(
                "SELECT sum(status = 'enrolled'), sum(status = 'waiting') FROM enrolments e
                 JOIN programme_rounds r ON r.id = e.round_id WHERE r.unit_id = (SELECT min(id) FROM units)",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            assert_eq!((enrolled, waiting), (6, 3));
            let stale = count(
                &pool,
                "SELECT count(*) FROM programme_rounds r
                 WHERE r.enrolled <> (SELECT count(*) FROM enrolments e
                                      WHERE e.round_id = r.id AND e.status IN ('enrolled', 'completed'))",
            )
            .await;
            assert_eq!(stale, 0);
        }
    }

    #[tokio::test]
    async fn same_day_same_data() {
        let dump = |pool: sqlx::SqlitePool| async move {
            let rows: Vec<(String, String, DateTime<Utc>, Option<String>)> = sqlx::query_as(
                "SELECT p.name, m.title, m.starts_at, m.place FROM meetings m JOIN participants p ON p.id = m.participant_id
                 ORDER BY m.id",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            let demo: Vec<String> = sqlx::query_scalar("SELECT description FROM demo_accounts ORDER BY account_id")
                .fetch_all(&pool)
                .await
                .unwrap();
            (rows, demo)
        };
        let today = date("2026-05-14");
        let (a, pa) = sqlite().await;
        seed(&a, today).await;
        let (b, pb) = sqlite().await;
        seed(&b, today).await;
        assert_eq!(dump(pa).await, dump(pb).await);
    }

    #[tokio::test]
    async fn fills_postgres() {
        let admin = std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let name = format!("mina_steg_seed_{}", std::process::id());
        let pool = sqlx::PgPool::connect(&admin).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
        let db = sqlx::PgPool::connect(&format!("{base}/{name}")).await.unwrap();
        sqlx::raw_sql(POSTGRES_SCHEMA).execute(&db).await.unwrap();
        let store = Store::Postgres(db.clone());
        seed(&store, date("2026-05-14")).await;
        let (lite, lite_pool) = sqlite().await;
        seed(&lite, date("2026-05-14")).await;
        // The same rows on both backends.
        for table in TABLES {
            let sql = format!("SELECT count(*) FROM {table}");
            let pg: i64 = sqlx::query_scalar(&sql).fetch_one(&db).await.unwrap();
            assert_eq!(pg, count(&lite_pool, &sql).await, "{table}");
        }
        db.close().await;
        // FORCE: the closed pool's sessions may not have ended yet.
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(&pool).await.unwrap();
    }
}
