//! Every text a participant (or their relative) reads, in easy Swedish (lättläst).
//! Short sentences. Everyday words. "Du". One idea a line.
//! Staff-facing labels live beside the domain types instead.

use crate::domain::{BenefitKind, LadderStep, MeetingKind, Organisation, RelationKind, Road, StaffRole, Way};
use crate::models::PersonRole;

pub const APP_NAME: &str = "Mina steg";

pub const WEEKDAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
pub const AT_CLOCK: &str = "klockan";
/// "klockan 13 till 14.30", "gäller från 1 mars till 1 september".
pub const UNTIL: &str = "till";

// Sign-in with a code.
pub const SIGN_IN_TITLE: &str = "Logga in";
pub const SIGN_IN_INTRO: &str = "Personalen ger dig en kod.";
pub const SIGN_IN_SCAN: &str = "Du kan också skanna koden med kameran i din mobil.";
pub const SIGN_IN_CODE_LABEL: &str = "Din kod";
pub const SIGN_IN_CODE_HINT: &str = "Koden har 10 tecken.";
pub const SIGN_IN_BUTTON: &str = "Logga in";
pub const SIGN_IN_STAFF_LINK: &str = "Jag arbetar här";
pub const SIGN_IN_CODE_INVALID: &str = "Koden ska ha 10 tecken. Skriv den som personalen gav dig.";
pub const SIGN_IN_CODE_FAILED: &str =
    "Koden fungerar inte. Den kan vara gammal eller redan använd. Be personalen om en ny kod.";

// The start page.
pub const START_GREETING: &str = "Hej";
pub const START_NOW: &str = "Det här händer nu";
pub const START_NEXT_MEETING: &str = "Ditt nästa möte";
pub const START_NO_MEETING: &str = "Du har inget möte inbokat just nu.";
pub const MEETING_WHEN: &str = "När";
pub const MEETING_WHERE: &str = "Var";
pub const MEETING_VIDEO: &str = "Mötet är på video.";
pub const MEETING_VIDEO_BUTTON: &str = "Öppna videomötet";
pub const MEETING_WHO: &str = "Vem kommer";
pub const MEETING_BRING: &str = "Ta med";
pub const START_STEP: &str = "Du är här på stegen";
pub const START_CONTACTS: &str = "Dina kontakter";
pub const START_NO_CONTACTS: &str = "Du har inga kontakter här än.";
pub const CALL: &str = "Ring";
pub const EMAIL: &str = "Mejla";
pub const NOT_SHARED: &str = "Det här visas inte för dig.";

// Navigation: the same on every participant page.
pub const NAV_LABEL: &str = "Meny";
pub const NAV_START: &str = "Start";
pub const NAV_MEETINGS: &str = "Mina möten";
pub const NAV_PLAN: &str = "Min plan";
pub const NAV_PROGRAMME: &str = "Programmet";

// Arbetsnärmande programmet. The official name is said once, since staff use it;
// the rest is in short, everyday words.
pub const PROGRAMME_TITLE: &str = "Programmet om arbete";
pub const PROGRAMME_ABOUT: &[&str] = &[
    "Det heter arbetsnärmande programmet.",
    "Du går i en liten grupp. Ni är 5 eller 6 i gruppen.",
    "Ni ses 4 till 6 gånger. Varje gång tar en timme eller lite mer.",
    "Ni pratar om jobb. Ni pratar om vägar till ett jobb.",
    "Ibland kommer Arbetsförmedlingen och Försäkringskassan på besök.",
];
pub const PROGRAMME_MINE: &str = "Mina träffar";
pub const PROGRAMME_ENROLLED: &str = "Du är med i programmet.";
/// Label above the round's name.
pub const PROGRAMME_GROUP: &str = "Din grupp";
pub const PROGRAMME_WAITING: &str = "Du står i kö till programmet.";
pub const PROGRAMME_WANT: &str = "Vill du vara med?";
pub const PROGRAMME_WANT_TEXT: &str = "Tryck på knappen. Då får personalen veta. De hör av sig till dig.";
pub const PROGRAMME_WANT_BUTTON: &str = "Jag vill vara med";
pub const PROGRAMME_WANT_SENT: &str = "Du har sagt att du vill vara med. Personalen hör av sig.";

// Min plan.
pub const PLAN_TITLE: &str = "Min plan";
pub const PLAN_NONE: &str = "Du har ingen plan här än. Fråga din kontakt.";
pub const PLAN_GOAL: &str = "Mitt mål";
pub const PLAN_WHY: &str = "Varför";
pub const PLAN_WEEK: &str = "Varje vecka";
pub const PLAN_DO: &str = "Det här gör jag";
pub const PLAN_NEXT_TALK: &str = "När vi pratar om planen";
pub const PLAN_OTHER: &str = "Bra att veta";
pub const PLAN_WORDS: &str = "Vad betyder det?";
pub const PLAN_FROM: &str = "Planen gäller från";
pub const PLAN_UNTIL: &str = UNTIL;
pub const NAV_CONTACTS: &str = "Mina kontakter";
pub const NAV_LADDER: &str = "Stegen";

// Mina kontakter.
pub const CONTACTS_TITLE: &str = "Mina kontakter";
pub const CONTACTS_INTRO: &str = "Här är de som hjälper dig. Du kan ringa eller mejla dem.";

// Stegen.
pub const LADDER_TITLE: &str = "Stegen";
pub const LADDER_INTRO: &str = "Stegen visar vägen mot ett jobb. Du tar ett steg i taget.";
pub const LADDER_PICTURE: &str = "Stegen steg för steg";
pub const LADDER_YOU_ARE_HERE: &str = "Du är här";
pub const LADDER_DONE: &str = "Klart";
pub const LADDER_GOAL: &str = "Målet är ett jobb eller studier.";
pub const LADDER_NEXT: &str = "Nästa steg kan vara";
pub const LADDER_NO_NEXT: &str = "Du har nått målet. Bra jobbat!";
pub const LADDER_HISTORY: &str = "Dina steg hittills";
pub const LADDER_NO_HISTORY: &str = "Här syns dina steg när du tar dem.";

/// While the DV decision rests: the participant may come back without applying.
pub fn ladder_resting(until: chrono::NaiveDate) -> String {
    format!(
        "Din plats i daglig verksamhet vilar. Du kan komma tillbaka utan att söka igen. Det går fram till {}.",
        crate::texts::date_in_words(until)
    )
}

// Mina möten and one meeting.
pub const MEETINGS_TITLE: &str = "Mina möten";
/// Under the heading: what the page holds and what to do, for relatives too.
pub fn meetings_intro() -> String {
    format!("Här ser du alla möten. Tryck på {MEETING_OPEN} för att läsa mer.")
}
pub const MEETINGS_COMING: &str = "Möten som kommer";
pub const MEETINGS_PAST: &str = "Möten som har varit";
pub const MEETINGS_NONE_COMING: &str = "Du har inga möten som kommer.";
pub const MEETINGS_NONE_PAST: &str = "Du har inga gamla möten här.";
pub const MEETING_OPEN: &str = "Se mötet";
pub const MEETING_CANCELLED: &str = "Mötet är inställt.";
pub const MEETING_HELD: &str = "Mötet har varit.";
pub const MEETING_WHAT: &str = "Vad är det för möte?";
pub const ANSWER_TITLE: &str = "Kommer du?";
pub const ANSWER_COMING: &str = "Jag kommer";
pub const ANSWER_NOT_COMING: &str = "Jag kan inte komma";
pub const ANSWERED_COMING: &str = "Du har svarat: Jag kommer.";
pub const ANSWERED_NOT_COMING: &str = "Du har svarat: Jag kan inte komma.";
pub const ANSWER_CHANGE: &str = "Du kan ändra ditt svar.";
pub const ANSWER_SAVED: &str = "Tack! Vi har sparat ditt svar.";

// "Påminnelser".
pub const NAV_REMINDERS: &str = "Påminnelser";
pub const REMINDERS_TITLE: &str = "Påminnelser";
pub const REMINDERS_ABOUT: &str = "Vi kan påminna dig om dina möten.";
pub const REMINDERS_ABOUT_OTHER: &str = "Vi kan påminna dig om mötena.";
pub const REMINDERS_NOT_CHOSEN: &str = "Du har inte valt än. Vill du ha en påminnelse?";
pub const REMINDERS_OFF: &str = "Du får inga påminnelser nu.";
pub const REMINDERS_WHEN: &str = "När vill du få en påminnelse?";
pub const REMINDERS_DAY_BEFORE: &str = "Dagen före";
pub const REMINDERS_DAY_BEFORE_AT: &str = "Vilken tid dagen före?";
pub const REMINDERS_TWO_HOURS: &str = "Två timmar före";
pub const REMINDERS_HOW: &str = "Hur vill du få den?";
pub const REMINDERS_BY_PUSH: &str = "I appen";
pub const REMINDERS_BY_SMS: &str = "Med sms";
pub const REMINDERS_SMS_QUIET: &str = "Vi skickar inga sms på natten. Då kommer sms klockan 8.";
pub const REMINDERS_NO_PHONE: &str = "Vi har inget nummer till din mobil. Be din kontaktperson att skriva in det.";
pub const REMINDERS_NO_APP: &str = "Din mobil kan inte få påminnelser i appen. Välj sms i stället.";
pub const REMINDERS_LOCKED: &str = "Vad får synas när mobilen är låst?";
pub const REMINDERS_WHAT_AND_WHEN: &str = "Vad och när";
pub const REMINDERS_ONLY_THAT: &str = "Bara att du har ett möte";
pub const REMINDERS_SAVE: &str = "Spara";
pub const REMINDERS_TRY: &str = "Vill du se hur en påminnelse ser ut?";
pub const REMINDERS_TRY_BUTTON: &str = "Skicka en påminnelse nu";
pub const REMINDERS_SAVED: &str = "Klart! Vi har sparat dina val.";
pub const REMINDER_TEST_SENT: &str = "Nu skickar vi en påminnelse. Den kommer snart.";
/// On the start page until the participant has chosen.
pub const REMINDERS_ASK: &str = "Vill du få en påminnelse före dina möten?";
pub const REMINDERS_ASK_LINK: &str = "Välj påminnelser";
pub const ANSWER_MISSING: &str = "Välj om du kommer eller inte.";
pub const ANSWER_TOO_LATE: &str = "Mötet har redan varit. Du kan inte svara nu.";

// The calendar file.
pub const CALENDAR_ADD: &str = "Lägg in i min kalender";
/// The name the calendar file gets on the phone.
pub const CALENDAR_FILE_NAME: &str = "mote.ics";
pub const CALENDAR_REMINDER: &str = "I morgon har du ett möte.";
pub const CALENDAR_SIGN_IN: &str = "Du behöver logga in.";
pub const CALENDAR_DENIED: &str = "Du kan inte se det här mötet.";

// Offline: the service worker puts this, and the time, above an old copy.
pub const OFFLINE_BANNER: &str = "Du är inte uppkopplad. Det här visades senast";
// Offline without a copy the phone may show (none kept, older than three days,
// or kept before the access changed): the page `/inte-uppkopplad`.
pub const OFFLINE_TITLE: &str = "Du är inte uppkopplad";
pub const OFFLINE_CANNOT_SHOW: &str = "Mobilen kan inte visa sidan nu.";
pub const OFFLINE_WHY: &str = "Mobilen sparar bara sidorna en kort tid. Det skyddar dig.";
pub const OFFLINE_WHAT_TO_DO: &str = "Koppla upp mobilen till internet. Försök sedan igen.";
pub const OFFLINE_RETRY: &str = "Försök igen";

// Read-aloud.
pub const READ_ALOUD: &str = "Läs upp";
pub const READ_STOP: &str = "Sluta läsa";
pub const READ_NO_SWEDISH: &str = "Din mobil kan inte läsa upp på svenska.";
pub const READ_NOT_SUPPORTED: &str = "Din mobil kan inte läsa upp.";

// The footer: help in the same place on every page.
pub const FOOTER_HELP: &str = "Behöver du hjälp? Ring din kontakt.";
pub const FOOTER_ABOUT: &str = "Om appen";

// Om appen.
pub const ABOUT_TITLE: &str = "Om appen";
pub const ABOUT_INTRO: &[&str] = &[
    "Mina steg visar din plan, dina möten och dina kontakter.",
    "Appen visar också var du är på vägen mot ett jobb.",
    "Kommunen gör appen.",
];
pub const ABOUT_ACCESS_TITLE: &str = "Kan alla använda appen?";
pub const ABOUT_ACCESS: &[&str] = &[
    "Vi vill att alla ska kunna använda appen.",
    "Texten är lätt att läsa. Du kan göra texten större.",
    "Appen fungerar med tangentbord och med skärmläsare.",
    "Vi följer reglerna i lagen om tillgänglighet till digital offentlig service.",
    "Vi testar appen med verktyg. Vi har inte hittat några fel som vi känner till.",
];
pub const ABOUT_REPORT_TITLE: &str = "Säg till om något inte fungerar";
pub const ABOUT_REPORT: &[&str] = &[
    "Berätta för din kontakt om något är svårt.",
    "Du kan också mejla kommunen.",
    "Är du inte nöjd med svaret? Då kan du kontakta Myndigheten för digital förvaltning.",
];
pub const ABOUT_REPORT_EMAIL: &str = "tillganglighet@storvik.se";
pub const ABOUT_PICTURES_TITLE: &str = "Bilderna i appen";
pub const ABOUT_PICTURES: &str = "Bilderna kommer från Lucide. De får användas fritt enligt licensen ISC.";
pub const ABOUT_PICTURES_LICENCE: &str = "Läs licensen ISC";

// Errors (also shown to staff).
pub const ERROR_NOT_SIGNED_IN: &str = "Du behöver logga in.";
pub const ERROR_DENIED: &str = "Det här visas inte för dig.";
pub const ERROR_NOT_FOUND: &str = "Vi hittar inte det du letar efter.";
pub const ERROR_RATE_LIMITED: &str = "Du har försökt för många gånger. Vänta en kvart. Försök sedan igen.";
/// Staff sign-in only: many wrong passwords for the account, from elsewhere.
pub const ERROR_TRY_AGAIN_SOON: &str = "Många fel lösenord har skickats för den här e-postadressen. Försök igen om en stund. Du kan också logga in med nyckel.";
pub const ERROR_BUSY: &str = "Många loggar in just nu. Försök igen om en liten stund.";
pub const ERROR_TOO_MANY_REQUESTS: &str =
    "Det kom för många frågor på en gång. Vänta en liten stund. Försök sedan igen.";
pub const ERROR_INTERNAL: &str = "Något gick fel hos oss. Försök igen om en stund. Felkod:";
/// The database does not answer (stopped, restarting, the network to it down).
pub const ERROR_UNAVAILABLE: &str = "Mina steg kan inte nå sina uppgifter just nu. Försök igen om en stund.";
/// The disk under the database is full: the change was not saved, nothing half of it either.
pub const ERROR_FULL: &str = "Det gick inte att spara. Inget har ändrats. Försök igen senare.";
pub const ERROR_BAD_REQUEST: &str = "Vi kunde inte läsa det du skickade. Fyll i igen.";

// Header and errors.
/// The first thing the keyboard reaches: jumps past the header and the menu.
pub const SKIP_LINK: &str = "Hoppa till innehållet";
pub const SIGN_OUT: &str = "Logga ut";
pub const ERROR_TITLE: &str = "Något gick fel";
pub const NOT_FOUND_TITLE: &str = "Sidan finns inte";
pub const NOT_FOUND_TEXT: &str = "Vi hittar inte sidan.";
pub const GO_HOME: &str = "Till startsidan";

/// What a meeting is, in one or two easy sentences.
pub fn meeting_kind_name(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Intake => "Första mötet",
        MeetingKind::JointPlanning => "Möte om din plan",
        MeetingKind::FollowUp => "Möte om hur det går",
        MeetingKind::JointAssessment1 => "Möte med Arbetsförmedlingen och Försäkringskassan",
        MeetingKind::JointAssessment2 => "Andra mötet med Arbetsförmedlingen och Försäkringskassan",
        MeetingKind::JointAssessment3 => "Tredje mötet med Arbetsförmedlingen och Försäkringskassan",
        MeetingKind::CheckIn => "Kort möte",
        MeetingKind::AfEnrolment => "Möte på Arbetsförmedlingen",
        MeetingKind::Handover => "Möte om att byta stöd",
        MeetingKind::AsfCaseRaised => "Möte med kommunen om arbete",
        MeetingKind::AsfJointPlanning => "Möte om din plan med kommunen",
        MeetingKind::Transition => "Möte om vad du ska göra nu",
        MeetingKind::ProgrammeSession => "Träff i gruppen om jobb",
        MeetingKind::Other => "Möte",
    }
}

/// What happens at a meeting of this kind, in a few easy sentences.
pub fn meeting_kind_explained(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Intake => "Vi lär känna dig. Vi pratar om vad du vill göra.",
        MeetingKind::JointPlanning => "Vi gör din plan tillsammans. Vi skriver ner ditt mål.",
        MeetingKind::FollowUp => "Vi pratar om hur det går. Vi ser om något ska ändras.",
        MeetingKind::JointAssessment1 => {
            "Du träffar Arbetsförmedlingen och Försäkringskassan. De berättar hur de kan hjälpa dig."
        }
        MeetingKind::JointAssessment2 | MeetingKind::JointAssessment3 => {
            "Du träffar Arbetsförmedlingen och Försäkringskassan igen. Ni bestämmer om nästa steg."
        }
        MeetingKind::CheckIn => "Ett kort möte. Ofta på video. Vi pratar om det vi sa förra gången.",
        MeetingKind::AfEnrolment => "Du skriver in dig hos Arbetsförmedlingen. Då kan de börja hjälpa dig.",
        MeetingKind::Handover => "Du byter stöd. Din handledare berättar om dig för den nya hjälpen.",
        MeetingKind::AsfCaseRaised => "Du träffar kommunen. Ni pratar om hur du kan komma till ett jobb.",
        MeetingKind::AsfJointPlanning => {
            "Du, kommunen och daglig verksamhet gör en plan. Ni skriver ner vad du ska göra."
        }
        MeetingKind::Transition => {
            "Du träffar Försäkringskassan och Arbetsförmedlingen. Kommunen kan också vara med. Ni pratar om vad som händer nu."
        }
        MeetingKind::ProgrammeSession => "Du träffar gruppen. Ni pratar om jobb och arbete.",
        MeetingKind::Other => "Personalen berättar mer om mötet.",
    }
}

/// A person's role in easy words, seen from the participant.
pub fn person_role(role: &PersonRole) -> String {
    match role {
        PersonRole::Staff(StaffRole::EmploymentConsultant) => "Din arbetskonsulent".into(),
        PersonRole::Staff(StaffRole::Supervisor) => "Din handledare".into(),
        PersonRole::Staff(StaffRole::PlacementSupervisor) => "Handledare för din plats".into(),
        PersonRole::Staff(StaffRole::UnitManager) => "Chef för din verksamhet".into(),
        PersonRole::Staff(StaffRole::Admin | StaffRole::DataProtectionOfficer | StaffRole::SteeringGroup) => {
            "Personal".into()
        }
        PersonRole::External { organisation, .. } => match organisation {
            Organisation::Fk => "Din handläggare på Försäkringskassan".into(),
            Organisation::Af => "Din kontakt på Arbetsförmedlingen".into(),
            Organisation::Asf => "Din kontakt på kommunen".into(),
            Organisation::Healthcare => "Din kontakt i vården".into(),
            Organisation::Housing => "Din kontakt på boendet".into(),
            Organisation::Other => "Din kontakt".into(),
        },
        PersonRole::Relative(kind) => match kind {
            RelationKind::GoodMan => "Din gode man".into(),
            RelationKind::Administrator => "Din förvaltare".into(),
            RelationKind::Parent => "Din förälder".into(),
            RelationKind::Sibling => "Ditt syskon".into(),
            RelationKind::Partner => "Din partner".into(),
            RelationKind::Child => "Ditt barn".into(),
            RelationKind::OtherRelative => "Din anhöriga".into(),
            RelationKind::HousingStaff => "Personal på ditt boende".into(),
        },
    }
}

/// What a relative or god man sees at the top of the start page.
pub fn relative_intro(name: &str) -> String {
    format!("Du ser det som {name} delar med dig.")
}

/// "Du är nummer 2 i kön."
pub fn programme_queue_position(position: i64) -> String {
    format!("Du är nummer {position} i kön.")
}

/// "Du är här 4 dagar i veckan. Det blir 20 timmar."
pub fn plan_week(days: i64, hours: i64) -> String {
    let days_word = if days == 1 { "dag" } else { "dagar" };
    let hours_word = if hours == 1 { "timme" } else { "timmar" };
    format!("Du är här {days} {days_word} i veckan. Det blir {hours} {hours_word}.")
}

/// Hard words in a plan, explained in easy words: (word, explanation).
pub fn plan_words(benefit: Option<BenefitKind>) -> Vec<(&'static str, &'static str)> {
    let mut words = vec![
        (
            "Daglig verksamhet",
            "Det är din plats att göra något meningsfullt varje vecka. Du har rätt till den enligt en lag.",
        ),
        ("Gemensam plan", "Du gör planen tillsammans med personalen. Ibland är Försäkringskassan med."),
    ];
    match benefit {
        Some(BenefitKind::ActivityCompensation) => words.push((
            "Aktivitetsersättning",
            "Det är pengar från Försäkringskassan. Du får dem när du är ung och inte kan jobba fullt.",
        )),
        Some(BenefitKind::SicknessCompensation) => {
            words.push(("Sjukersättning", "Det är pengar från Försäkringskassan. Du får dem när du inte kan jobba."))
        }
        Some(BenefitKind::SocialAssistance) => {
            words.push(("Försörjningsstöd", "Det är pengar från kommunen. De hjälper dig att betala det du behöver."))
        }
        _ => {}
    }
    words
}

/// The step's short name in the picture of the ladder. On the ASF road,
/// förstärkt samarbete is there to find out how much the person can work.
pub fn ladder_step_short(way: Way, step: LadderStep) -> &'static str {
    match step {
        LadderStep::GroupActivity => "Du arbetar i en grupp med handledare.",
        LadderStep::WorkPrepProgramme => "Du går i programmet om arbete.",
        LadderStep::IndividualPlacement => "Du har en egen plats på ett jobb.",
        LadderStep::JointAssessment => "Du har möten om jobb med fler.",
        LadderStep::EnhancedCollaboration if way.road == Road::Asf => "Ni tar reda på hur mycket du kan arbeta.",
        LadderStep::EnhancedCollaboration => "Du får hjälp att hitta ett jobb.",
        LadderStep::CaseRaisedWithAsf => "Du träffar kommunen och pratar om arbete.",
        LadderStep::JointPlanningAsf => "Du gör en plan med kommunen.",
        LadderStep::LabourMarketMeasure => "Kommunen hjälper dig att prova ett arbete.",
        LadderStep::Employment => "Du har ett jobb.",
        LadderStep::MunicipalEmployment => "Du har ett jobb i kommunen en tid.",
        LadderStep::Studies => "Du studerar.",
        LadderStep::BackToDv => "Du är tillbaka på daglig verksamhet.",
    }
}

/// "Steg 3" for the steps of the participant's own ladder; the outcome's name for the rest.
pub fn ladder_step_label(way: Way, step: LadderStep) -> String {
    match way.number(step) {
        Some(n) => format!("Steg {n}"),
        None => match step {
            LadderStep::Employment | LadderStep::MunicipalEmployment => "Jobb".into(),
            LadderStep::Studies => "Studier".into(),
            _ => "Tillbaka".into(),
        },
    }
}

/// The step on the ladder in easy words, with its number on the participant's own ladder.
pub fn ladder_step_name(way: Way, step: LadderStep) -> String {
    let words = match step {
        LadderStep::GroupActivity => "Du arbetar i en grupp med handledare.",
        LadderStep::WorkPrepProgramme => "Du är med i programmet om arbete.",
        LadderStep::IndividualPlacement => "Du har en egen plats på en arbetsplats.",
        LadderStep::JointAssessment => "Du har möten med Arbetsförmedlingen och Försäkringskassan.",
        LadderStep::EnhancedCollaboration if way.road == Road::Asf => {
            "Arbetsförmedlingen hjälper dig att se hur mycket du kan arbeta."
        }
        LadderStep::EnhancedCollaboration => "Arbetsförmedlingen hjälper dig mot ett jobb.",
        LadderStep::CaseRaisedWithAsf => "Du och din kontakt på kommunen pratar om arbete.",
        LadderStep::JointPlanningAsf => "Du gör en plan med kommunen och daglig verksamhet.",
        LadderStep::LabourMarketMeasure => "Kommunen hjälper dig att prova ett arbete.",
        LadderStep::Employment => "Du har ett jobb.",
        LadderStep::MunicipalEmployment => "Du har ett jobb i kommunen en tid.",
        LadderStep::Studies => "Du studerar.",
        LadderStep::BackToDv => "Du är tillbaka på daglig verksamhet.",
    };
    match way.number(step) {
        Some(n) => format!("Steg {n}. {words}"),
        None => words.to_owned(),
    }
}

// Saving the sign-in on the phone (a passkey), and signing in with it.
pub const PASSKEY_OFFER_TITLE: &str = "Spara inloggningen i den här mobilen";
pub const PASSKEY_OFFER_TEXT: &str = "Då behöver du ingen kod nästa gång. Du låser upp med mobilens skärmlås.";
pub const PASSKEY_OFFER_BUTTON: &str = "Spara inloggningen";
pub const PASSKEY_SAVED: &str = "Inloggningen är sparad i mobilen.";
pub const SIGN_IN_WITH_PHONE: &str = "Logga in med mobilen";
pub const SIGN_IN_WITH_PHONE_HINT: &str = "Har du sparat inloggningen i mobilen? Då behöver du ingen kod.";
pub const PASSKEY_ERROR: &str = "Det gick inte. Försök igen, eller logga in med en kod.";

// "Vem har tittat på mina uppgifter?": who read or changed the participant's data.
pub const NAV_WHO_LOOKED: &str = "Vem har tittat?";
pub const WHO_LOOKED_TITLE: &str = "Vem har tittat på mina uppgifter?";
pub const WHO_LOOKED_ASK: &str = "Undrar du över något? Fråga din kontakt.";
/// Before what they saw.
pub const WHO_LOOKED_SAW: &str = "Såg";
/// Before what they changed.
pub const WHO_LOOKED_CHANGED: &str = "Ändrade";

/// What the page shows, and how far back.
pub fn who_looked_intro(months: u32) -> [String; 2] {
    [
        "Här ser du vem som har sett dina uppgifter. Du ser också vem som har ändrat något.".to_owned(),
        format!("Listan visar de senaste {months} månaderna. Det nya står först."),
    ]
}

pub fn who_looked_none(months: u32) -> String {
    format!("Ingen har sett dina uppgifter de senaste {months} månaderna.")
}

/// Staff saw the name in a list (the unit's list of everyone, a group).
pub fn who_looked_in_lists(times: i64) -> String {
    let times_word = if times == 1 { "gång" } else { "gånger" };
    format!("Personalen har också sett ditt namn i en lista med flera namn. Det hände {times} {times_word}.")
}

/// What the one who looked is to the participant, in easy words.
pub fn looker_role(role: crate::models::LookerRole) -> String {
    use crate::models::LookerRole;
    match role {
        LookerRole::ContactPerson(role) => person_role(&PersonRole::Staff(role)),
        LookerRole::Manager => "Chef för din verksamhet".into(),
        LookerRole::Officer => "Dataskyddsombud i kommunen".into(),
        LookerRole::Staff => "Personal på daglig verksamhet".into(),
        LookerRole::Relative(kind) => person_role(&PersonRole::Relative(kind)),
    }
}

/// A part of the participant's data in easy words ("din plan"). Anything the
/// list does not know is "dina uppgifter": never a code.
pub fn looked_at(kind: &str) -> &'static str {
    match kind {
        "profile" => "ditt namn",
        "plan" => "din plan",
        "plan_history" => "dina gamla planer",
        "meetings" => "dina möten",
        "meeting_answer" => "ditt svar på ett möte",
        "contacts" => "dina kontakter",
        "ladder" => "dina steg",
        "programme" | "programme_interest" => "programmet om arbete",
        "network" => "dina anhöriga",
        "consents" => "vad du har sagt ja till",
        "access" => "hur du loggar in",
        "placement" => "var du går",
        "reminder_choice" | "reminders" => "dina påminnelser",
        // The log follow-up, and this page: who looked.
        "access_log" | "audit_log" => "vem som har tittat",
        _ => "dina uppgifter",
    }
}

/// "din plan, dina möten och dina kontakter": each part once, in order.
pub fn looked_at_list(kinds: &[String]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for kind in kinds {
        let word = looked_at(kind);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
    }
}
