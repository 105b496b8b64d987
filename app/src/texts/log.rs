//! Texts of the log follow-up (`/personal/logg`) and its CSV file, for the
//! enhetschef and the dataskyddsombud. Plain office Swedish; the words for what
//! happened follow IMY's checklist: who, whose, what, when, where.

use crate::models::{LogActionFilter, LogActorKind, LogFlag};

pub const MENU_LOG: &str = "Logg";

pub const TITLE_ALL: &str = "Loggen för hela kommunen";

/// "Loggen för Daglig verksamhet Norr".
pub fn title_unit(unit: &str) -> String {
    format!("Loggen för {unit}")
}

pub const INTRO: &str = "Här följer du upp vem som har läst och ändrat uppgifter om deltagarna, när och var. \
     Din sökning sparas också i loggen.";
pub const INTRO_UNIT: &str = "Du ser raderna om deltagare på din enhet.";
pub const INTRO_ALL: &str = "Du ser raderna om alla enheter.";

// The search form.
pub const SEARCH_TITLE: &str = "Sök i loggen";
pub const PARTICIPANT: &str = "Deltagare";
pub const PARTICIPANT_HINT: &str = "Hela namnet eller en del av det.";
pub const ACTOR: &str = "Vem som gjorde det";
pub const ACTOR_HINT: &str = "Namnet på en i personalen, en deltagare eller en anhörig.";
pub const FROM: &str = "Från och med";
pub const UNTIL: &str = "Till och med";
pub const DATE_HINT: &str = "Datum, till exempel 2026-11-30.";
pub const ACTION: &str = "Handling";
pub const ACTION_ALL: &str = "Alla handlingar";
pub const UNUSUAL: &str = "Bara rader med avvikelse";
pub const SEARCH_BUTTON: &str = "Sök";
pub const CLEAR_SEARCH: &str = "Rensa sökningen";

pub const DATE_INVALID: &str = "Skriv datumet som år-månad-dag, till exempel 2026-11-30.";
pub const UNTIL_BEFORE_FROM: &str = "Slutdatumet ligger före startdatumet.";
pub const ACTION_INVALID: &str = "Välj en handling i listan.";

pub fn action_filter_label(action: LogActionFilter) -> &'static str {
    match action {
        LogActionFilter::Read => "Läste",
        LogActionFilter::Change => "Skapade, ändrade eller tog bort",
        LogActionFilter::Export => "Exporterade (kalenderfil, loggfil)",
        LogActionFilter::SignIn => "Loggade in eller ut",
        LogActionFilter::Denied => "Nekades",
    }
}

// The results.
pub const RESULTS_TITLE: &str = "Rader i loggen";
pub const NO_ROWS: &str = "Inga rader i loggen passar sökningen.";
pub const NO_PARTICIPANT: &str = "Ingen deltagare du kan söka på har det namnet.";
pub const COLUMNS: &[&str] = &["När", "Vem", "Vad", "Vems uppgifter", "Var", "Avvikelse"];
pub const NEXT_PAGE: &str = "Nästa sida (äldre rader)";
pub const FIRST_PAGE: &str = "Till de senaste raderna";
pub const DENIED: &str = "Nekades";
pub const SHIELDED: &str = "Skyddade personuppgifter";
pub const ONLY_THIS_PARTICIPANT: &str = "Bara den här deltagaren";
pub const FROM_NETWORK: &str = "Från nät";

/// "Sökningen gäller Elin Åkesson och Erik Sundqvist."
pub fn matched(names: &[String]) -> String {
    format!("Sökningen gäller {}.", names.join(", "))
}

/// With "only unusual": how far the search looked for this page.
pub fn scanned(rows: usize) -> String {
    format!("{rows} rader har lästs igenom för den här sidan.")
}

// The flags.
pub const FLAGS_TITLE: &str = "Avvikelser som loggen markerar";

pub fn flag_label(flag: LogFlag) -> &'static str {
    match flag {
        LogFlag::NotContactPerson => "Inte kontaktperson",
        LogFlag::ManyRecords => "Många deltagare på kort tid",
        LogFlag::Night => "Natt",
        LogFlag::ProtectedIdentity => "Skyddade personuppgifter",
    }
}

pub fn flag_explained(flag: LogFlag) -> String {
    const MANY: usize = LogFlag::MANY_RECORDS;
    const MINUTES: i64 = LogFlag::MANY_RECORDS_MINUTES;
    const FROM: u32 = LogFlag::NIGHT_FROM_HOUR;
    const UNTIL: u32 = LogFlag::NIGHT_UNTIL_HOUR;
    match flag {
        LogFlag::NotContactPerson => {
            "Personal som inte var deltagarens kontaktperson den dagen öppnade uppgifterna.".into()
        }
        LogFlag::ManyRecords => {
            format!("Samma person öppnade minst {MANY} deltagares uppgifter inom {MINUTES} minuter före eller efter.")
        }
        LogFlag::Night => {
            format!("Personal öppnade uppgifterna mellan klockan {FROM} och {UNTIL:02}, svensk tid.")
        }
        LogFlag::ProtectedIdentity => "Deltagaren har skyddade personuppgifter.".into(),
    }
}

// The CSV file.
pub const EXPORT_TITLE: &str = "Ladda ner";
pub const EXPORT_BUTTON: &str = "Ladda ner sökningen som CSV";

pub fn export_hint(rows: usize) -> String {
    format!(
        "Filen har alla rader i sökningen, högst {rows}, de senaste först. Den öppnas i Excel. \
         Att ladda ner sparas i loggen."
    )
}

pub const CSV_FILE_NAME: &str = "logg.csv";
pub const CSV_HEADERS: &[&str] = &[
    "Tid",
    "Vem",
    "Roll",
    "Vems enhet",
    "Handling",
    "Vad",
    "Utfall",
    "Post",
    "Vems uppgifter",
    "Deltagarnummer",
    "Enhet",
    "Varifrån",
    "Avvikelser",
    "Förfrågan",
    "Detalj",
];

/// A row's detail: "Period 2020-04-01–2022-03-31" (the only detail rows carry).
pub fn detail(detail: &str) -> String {
    format!("Period {detail}")
}
pub const OUTCOME_ALLOWED: &str = "Tillåten";

/// Who did it, in the follow-up's words.
pub fn actor_kind_label(kind: &LogActorKind) -> &'static str {
    match kind {
        LogActorKind::Staff(role) => role.label_sv(),
        LogActorKind::Participant => "Deltagare",
        LogActorKind::Relative => "Anhörig eller god man",
        LogActorKind::Anonymous => "Inte inloggad",
        LogActorKind::System => "Systemet",
    }
}

/// What was done ("Läste", "Loggade in").
pub fn action_label(action: &str) -> &str {
    match action {
        "read" => "Läste",
        "create" => "Skapade",
        "change" => "Ändrade",
        "delete" => "Tog bort",
        "export" => "Exporterade",
        "sign_in" => "Loggade in",
        "sign_out" => "Loggade ut",
        other => other,
    }
}

/// What it was done to: a part of the record, a list, or a sign-in's way.
/// A kind this version does not know is shown as its code.
pub fn kind_label(kind: &str) -> String {
    let label = match kind {
        "profile" => "namnet",
        "plan" => "planen",
        "meetings" => "möten",
        "contacts" => "kontaktpersoner",
        "ladder" => "stegen",
        "programme" => "programmet",
        "meeting_answer" => "svar på ett möte",
        "programme_interest" => "intresseanmälan till programmet",
        "record" => "uppgifterna i akten",
        "plan_history" => "planens versioner",
        "network" => "nätverket (anhöriga, gode män)",
        "consents" => "samtycken",
        "access" => "inloggning och koder",
        "placement" => "enheten",
        "access_log" => "vem som har tittat",
        "reminder_choice" => "val av påminnelser",
        "reminders" => "påminnelser",
        "push_subscription" => "mobil som får påminnelser",
        "reminder_shown" => "en påminnelse som visades på mobilen",
        "roster_entry" => "namnet i enhetens deltagarlista",
        "programme_queue" => "kön till programmet",
        "programme_enrolment" => "gruppen i programmet",
        "attendance" => "närvaron",
        "audit_log" => "loggen",
        "unit_roster" => "enhetens deltagarlista",
        "unit_people" => "enhetens personal",
        "unit" => "enheten",
        "participant_intake" => "en ny deltagare",
        "participant_import" => "en import av deltagare",
        "participant_account" => "deltagarens konto",
        "relative_account" => "en anhörigs konto",
        "passkey" => "med nyckel i mobilen",
        "password" => "med lösenord",
        "totp" => "med kod från app",
        "totp_register" => "med ny app för koder",
        "totp_factor" => "app för koder",
        "sign_in_code" => "med engångskod",
        "demo" | "demo_password" => "i demon",
        "session" => "sessionen",
        "security_page" => "säkerhetssidan",
        "manual" => "handboken",
        "follow_up" => "uppföljningen",
        "follow_up_people" => "namnen bakom uppföljningen",
        "programme_round" => "en omgång i programmet",
        "programme_session" => "en träff i programmet",
        "staff_account" => "ett personalkonto",
        "staff_invited" => "en inbjudan av personal",
        "invitation" => "en inbjudan",
        "unit_created" => "en ny enhet",
        "demo_data" => "demodata",
        "admin_account" => "den första administratören",
        "rate_limited" => "för många försök",
        other => return format!("annat ({other})"),
    };
    label.to_owned()
}

/// "Läste planen", "Loggade in med lösenord".
pub fn what(action: &str, kind: &str) -> String {
    format!("{} {}", action_label(action), kind_label(kind))
}

/// The flags of a row for the CSV file: "Natt, Inte kontaktperson".
pub fn flags_text(flags: &[LogFlag]) -> String {
    flags.iter().map(|f| flag_label(*f)).collect::<Vec<_>>().join(", ")
}
