//! Texts of SUS, Finsam's national follow-up (staff pages).

pub const RECORD_PART: &str = "SUS";
pub const TITLE: &str = "Uppgifter för SUS";
pub const ABOUT: &str = "SUS är den nationella uppföljningen av insatser som Finsam betalar. Fyll i det som SUS \
     frågar om när insatsen börjar och när den slutar. Enhetens underlag att skriva in i SUS finns på sidan nedan.";
pub const CONSENTED: &str = "Deltagaren har gett skriftligt samtycke till registrering med namn i SUS.";
pub const NOT_CONSENTED: &str = "Inget skriftligt samtycke till registrering med namn i SUS finns. Då blir \
     registreringen anonym: namn och personnummer följer inte med. Samtycket registreras under Samtycken.";
pub const NONE: &str = "Ingen insats är registrerad för SUS.";
pub const START_TITLE: &str = "När insatsen börjar";
pub const STARTS_ON: &str = "Första dagen i insatsen";
pub const BEFORE_HINT: &str = "Det som gällde veckan före start.";
pub const OCCUPATION_BEFORE: &str = "Sysselsättning före start";
pub const INCOME_BEFORE: &str = "Försörjning före start";
pub const EDUCATION: &str = "Högsta avslutade utbildning";
pub const TIME_IN_SUPPORT: &str = "Tid med offentlig försörjning före start";
pub const START_SAVE: &str = "Registrera starten";
pub const END_TITLE: &str = "När insatsen slutar";
pub const ENDS_ON: &str = "Sista dagen i insatsen";
pub const END_REASON: &str = "Varför insatsen slutade";
pub const OCCUPATION_AFTER: &str = "Sysselsättning efter";
pub const INCOME_AFTER: &str = "Försörjning efter";
pub const HOURS_AFTER: &str = "Timmar i veckan i arbete efter";
pub const HOURS_AFTER_HINT: &str = "0 om personen inte arbetar. 40 timmar är heltid, 100 procent.";
pub const END_SAVE: &str = "Registrera slutet";
pub const STARTED: &str = "Starten är registrerad för SUS.";
pub const ENDED: &str = "Slutet är registrerat för SUS.";
pub const NOT_YET: &str = "Registrera när det har hänt. Datumet kan inte vara senare än i dag.";
pub const ALREADY_OPEN: &str = "En insats pågår redan. Registrera att den slutar först.";
pub const NOT_ENDED: &str = "Ingen insats pågår, eller så är datumet före insatsens start.";
pub const CHOOSE: &str = "Välj";

// The unit's sheet (`/personal/sus`).
pub const MENU: &str = "SUS";
pub const SHEET_TITLE: &str = "Registreringsunderlag för SUS";
pub const SHEET_ABOUT: &str = "Insatser som pågick någon dag under perioden, att skriva in i SUS. Namn och \
     personnummer står bara med för den som har gett skriftligt samtycke. Övriga registreras anonymt i SUS, utan \
     uppgifter som pekar ut personen. Varje person på listan loggas.";
pub const FROM: &str = "Från";
pub const UNTIL: &str = "Till och med";
pub const SHOW: &str = "Visa";
pub const DOWNLOAD: &str = "Ladda ner underlaget (CSV)";
pub const NO_LINES: &str = "Ingen insats pågick under perioden.";
pub const ANONYMOUS: &str = "Anonym registrering";
pub const NAME: &str = "Namn";
pub const PERSONAL_NUMBER: &str = "Personnummer";
pub const GENDER: &str = "Kön";
pub const NO_PERSONAL_NUMBER: &str = "Saknas";
pub const STILL_RUNNING: &str = "Pågår";
pub const DOWNLOAD_SIGN_IN: &str = "Logga in för att ladda ner underlaget.";
pub const DOWNLOAD_DENIED: &str = "Du har inte behörighet att ladda ner underlaget.";
pub const DOWNLOAD_BAD_PERIOD: &str = "Perioden kunde inte läsas. Välj datum på sidan och försök igen.";
pub const CSV_HEADERS: [&str; 15] = [
    "Registrering",
    "Namn",
    "Personnummer",
    "Kön",
    "Startdatum",
    "Sysselsättning före",
    "Försörjning före",
    "Utbildning",
    "Tid med offentlig försörjning",
    "Slutdatum",
    "Orsak till avslut",
    "Sysselsättning efter",
    "Försörjning efter",
    "Timmar i veckan efter",
    "Arbetad tid (%)",
];
pub const IDENTIFIED: &str = "Med namn";

/// "Perioden 2026-01-01 till och med 2026-12-03."
pub fn period(from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("Perioden {from} till och med {until}.")
}

/// "20 timmar i veckan (50 procent)".
pub fn hours(hours: u8, share: u32) -> String {
    format!("{hours} timmar i veckan ({share} procent)")
}

/// "Startade 2026-03-02." / "Slutade 2026-09-30."
pub fn started(on: chrono::NaiveDate) -> String {
    format!("Startade {on}.")
}

pub fn ended(on: chrono::NaiveDate) -> String {
    format!("Slutade {on}.")
}
