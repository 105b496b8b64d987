//! Texts of the follow-up page (staff: the enhetschef and the administrator).

pub const MENU: &str = "Uppföljning";
pub const TITLE_ALL: &str = "Uppföljning: alla enheter";
pub const INTRO: &str = "Siffrorna räknas fram ur det som personalen registrerar. Ingen räknar för hand. \
     En period gäller alla som var inskrivna någon dag under den.";
pub const FROM: &str = "Från";
pub const UNTIL: &str = "Till och med";
pub const UNIT: &str = "Enhet";
pub const ALL_UNITS: &str = "Alla enheter";
pub const SHOW: &str = "Visa";
pub const UNTIL_BEFORE_FROM: &str = "Slutdatumet kan inte vara före startdatumet.";
pub const TOTAL: &str = "Totalt";
pub const WOMEN: &str = "Kvinnor";
pub const MEN: &str = "Män";
pub const OTHER: &str = "Annat svar";
pub const PARTICIPANTS_TITLE: &str = "Deltagare";
pub const PARTICIPANTS_ROW: &str = "Deltagare under perioden";
pub const FORM_TITLE: &str = "Form vid inskrivning";
pub const BENEFIT_TITLE: &str = "Ersättning vid inskrivning";
pub const DV_STEPS_TITLE: &str = "Stegförflyttningar inom daglig verksamhet";
pub const DV_STEPS_ALL: &str = "Alla stegförflyttningar";
pub const DV_STEPS_ABOUT: &str = "Räknade ur registrerade ändringar i daglig verksamhet under perioden. En deltagare \
     kan ta flera steg.";
pub const ASSESSMENT_TITLE: &str = "Gemensam kartläggning (AF och FK)";
pub const ASSESSMENT_HELD: &str = "Under perioden";
pub const ASSESSMENT_PLANNED: &str = "Inplanerade efter perioden";
pub const ASSESSMENT_ABOUT: &str = "Personer med minst ett möte om gemensam kartläggning som inte är inställt. \
     Inplanerade räknas bara för den som inte hade något under perioden.";
pub const DISCHARGE_TITLE: &str = "Utskrivning till";
pub const NOT_DISCHARGED: &str = "Ännu inte utskrivna";
pub const SHARES_TITLE: &str = "Steg mot arbete";
pub const SHARES_ABOUT: &str = "Ett steg mot arbete är en utskrivning till förstärkt samarbete, lönearbete, studier, \
     en arbetsmarknadsinsats genom ASF eller en tidsbegränsad kommunal anställning.";
pub const COLUMN_WHAT: &str = "Vad";
pub const ALL_PARTICIPANTS: &str = "Alla deltagare";
pub const AGE_TITLE: &str = "Ålder";
pub const AGE_ABOUT: &str = "Åldern den sista dagen i perioden, räknad från personnumret.";
pub const BENEFIT_ABOUT: &str = "Ersättningen som registrerades vid inskrivningen.";
pub const LEAVING_TITLE: &str = "Lämnade daglig verksamhet per år och väg";
pub const LEAVING_ABOUT: &str = "Utskrivna under perioden till studier, arbete eller en insats genom AF, FK eller \
     ASF, per kalenderår och den väg deltagaren gick. Arbete är en anställning eller en tidsbegränsad kommunal \
     anställning. Utskrivna åter till daglig verksamhet eller som arbetssökande räknas inte här.";
pub const ALL_YEARS: &str = "Alla år";
pub const ROADS_TITLE: &str = "De två vägarna mot arbete";
pub const ROADS_ABOUT: &str = "Deltagare under perioden på varje väg. Ett steg uppåt är en flytt till ett högre \
     steg på deltagarens stege, eller vidare till arbete eller studier.";
pub const ROAD_PARTICIPANTS: &str = "Deltagare";
pub const ROAD_MOVED_UP: &str = "Tog ett steg uppåt";
pub const ROAD_TOWARDS_WORK: &str = "Utskrivna mot arbete";
pub const BOTH_ROADS: &str = "Båda vägarna";
pub const CHART: &str = "Diagram";
pub const PROGRAMME_TITLE: &str = "Arbetsnärmande programmet";
pub const PROGRAMME_ABOUT: &str = "Omgångar som startade under perioden. Fick plats räknar alla som fick en plats, \
     också de som slutade. Kön är som den är i dag. Närvaron räknas av de tillfällen där den är markerad.";
pub const ALL_ROUNDS: &str = "Alla omgångar";
pub const ROUND_SEATS: &str = "Platser";
pub const ROUND_SEATED: &str = "Fick plats";
pub const ROUND_WAITING: &str = "I kö nu";
pub const ROUND_MARKED: &str = "Markerad närvaro";
pub const ROUND_PRESENT: &str = "Närvarande";
pub const PEOPLE_DOWNLOAD: &str = "Ladda ner vilka som räknats (CSV)";
pub const PEOPLE_ABOUT: &str = "Listan visar vem som finns bakom siffrorna, med namn. Den är till för att stämma av \
     mot journalerna och ska inte lämnas ut. Varje person på listan loggas.";
pub const WORK_TITLE: &str = "Arbete med lön";
pub const WORK_ABOUT: &str = "Måtten som program för individanpassat stöd till arbete (IPS) använder. Ett jobb \
     räknas från den fjärde betalda timmen. Utan arbete i början betyder utan jobb när perioden började, eller vid \
     inskrivningen om den kom senare. Anställningar registreras på deltagarens sida Steg.";
pub const WORK_OUT_AT_START: &str = "Utan arbete i början";
pub const WORK_INTO: &str = "Fick ett jobb under perioden";
pub const WORK_EVER: &str = "Har någon gång haft ett jobb";
pub const WORK_IN: &str = "Hade ett jobb under perioden";
pub const HOURS_TITLE: &str = "Timmar i veckan i jobbet";
pub const HOURS_ABOUT: &str = "För dem som hade ett jobb under perioden: timmarna i det senaste jobbet. \
     40 timmar i veckan är heltid.";
pub const HOURS_ALL: &str = "Alla med jobb";
pub const EMPLOYMENT_RATE: &str = "Fick ett jobb av dem utan arbete i början";
pub const AT_LEAST_20_HOURS: &str = "20 timmar i veckan eller mer av dem med jobb";
pub const MEDIAN_DAYS_TO_JOB: &str = "Dagar från start i daglig verksamhet till första jobbet, median";
pub const MEDIAN_MONTHS_WITH_SUPPORT: &str = "Månader i arbete under förlängt stöd, median";
pub const PEOPLE_HEADERS: [&str; 18] = [
    "Id",
    "Namn",
    "Kön",
    "Ålder",
    "Inskriven",
    "Form vid inskrivning",
    "Ersättning vid inskrivning",
    "Väg",
    "Steg inom daglig verksamhet",
    "Gemensam kartläggning under perioden",
    "Gemensam kartläggning inplanerad efter",
    "Utskriven",
    "Utskriven till",
    "Mot arbete",
    "Tog ett steg uppåt",
    "Fick ett jobb under perioden",
    "Dagar till första jobbet",
    "Timmar i veckan i jobbet",
];
pub const YES: &str = "Ja";
pub const NO: &str = "Nej";
pub const PROTECTED: &str = "Skyddade personuppgifter";
pub const MEDIAN_WAIT: &str = "Väntetid till plats, median i dagar";
pub const PEOPLE: &str = "Personer";
pub const NO_WAIT: &str = "Ingen fick en plats efter en intresseanmälan under perioden.";
pub const DOWNLOAD: &str = "Ladda ner tabellerna (CSV)";
pub const DOWNLOAD_ABOUT: &str = "Filen öppnas i Excel och LibreOffice. Den är till för att lämnas vidare, så små \
     tal är dolda i den.";
pub const SUPPRESSION_TITLE: &str = "Små tal i filen";
pub const SUPPRESSION_NOTE: &str = "Små tal döljs i filen: 1–4 personer visas som <5. Då döljs också det minsta \
     andra talet i samma rad eller kolumn, som x, så att det dolda inte går att räkna fram ur summan. Så skyddar den \
     officiella statistiken enskilda personer. Andra uppföljningar inom daglig verksamhet gör inte så, så jämför \
     inte filens tal rakt av med deras. Sidan visar alla tal, för den som får se enhetens uppgifter.";
pub const PERIOD_FIELD: &str = "Period";
pub const UNIT_FIELD: &str = "Enhet";
pub const MADE_FIELD: &str = "Framtagen";
pub const SMALL: &str = "<5";
pub const HIDDEN: &str = "x";
pub const SHARE_OF_ALL: &str = "Utskrivna mot arbete av alla deltagare";
pub const SHARE_OF_DISCHARGED: &str = "Utskrivna mot arbete av alla utskrivna";
pub const SHARE_COUNT: &str = "Antal";
pub const SHARE_OF: &str = "Av";
pub const SHARE_PER_CENT: &str = "Andel (%)";
pub const DOWNLOAD_SIGN_IN: &str = "Logga in för att ladda ner uppföljningen.";
pub const DOWNLOAD_DENIED: &str = "Du har inte behörighet att ladda ner den här uppföljningen.";
pub const DOWNLOAD_BAD_PERIOD: &str = "Perioden kunde inte läsas. Välj datum på sidan Uppföljning och försök igen.";

/// The road, short, for tables.
pub const fn road(road: crate::domain::Road) -> &'static str {
    match road {
        crate::domain::Road::AfFk => "Vägen via AF och FK",
        crate::domain::Road::Asf => "Vägen via ASF",
    }
}

/// "2026, vägen via ASF".
pub fn year_on_road(year: i32, on: crate::domain::Road) -> String {
    match on {
        crate::domain::Road::AfFk => format!("{year}, vägen via AF och FK"),
        crate::domain::Road::Asf => format!("{year}, vägen via ASF"),
    }
}

/// The chart's text: each row with its counts, "Grupp: kvinnor 8, män 11, totalt 19."
pub fn chart_row(label: &str, columns: &[&str], counts: &[u32]) -> String {
    let parts: Vec<String> = columns.iter().zip(counts).map(|(c, n)| format!("{} {n}", c.to_lowercase())).collect();
    format!("{label}: {}.", parts.join(", "))
}

/// "Uppföljning: Enheten Norr".
pub fn title_unit(unit: &str) -> String {
    format!("Uppföljning: {unit}")
}

/// "Perioden 2026-01-01 till och med 2026-12-03."
pub fn period(from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("Perioden {from} till och med {until}.")
}

/// "17 av 32 deltagare (53 %) har skrivits ut mot arbete."
pub fn share_of_all(count: u32, of: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("{count} av {of} deltagare ({p} %) har skrivits ut mot arbete."),
        None => "Inga deltagare under perioden.".to_owned(),
    }
}

/// "17 av 23 utskrivna (74 %) har skrivits ut mot arbete."
pub fn share_of_discharged(count: u32, of: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("{count} av {of} utskrivna ({p} %) har skrivits ut mot arbete."),
        None => "Ingen har skrivits ut under perioden.".to_owned(),
    }
}

/// "Omgång vår (2026-02-02)".
pub fn round(name: &str, starts_on: chrono::NaiveDate) -> String {
    format!("{name} ({starts_on})")
}

/// "Närvaro: 78 % (39 av 50 markerade tillfällen)."
pub fn attendance(present: u32, marked: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("Närvaro: {p} % ({present} av {marked} markerade tillfällen)."),
        None => "Ingen närvaro är markerad för omgångarna.".to_owned(),
    }
}

/// "Väntetid från intresseanmälan till plats: median 14 dagar (3 personer)."
pub fn median_wait(days: Option<u32>, people: usize) -> String {
    match days {
        Some(d) => format!("Väntetid från intresseanmälan till plats: median {d} dagar ({}).", persons(people)),
        None => NO_WAIT.to_owned(),
    }
}

/// "2 av 5 som var utan arbete i början (40 %) fick ett jobb. …"
pub fn employment_rate(count: u32, of: u32, per_cent: Option<u32>) -> String {
    let benchmark = crate::domain::follow_up::EMPLOYMENT_RATE_BENCHMARK;
    match per_cent {
        Some(p) => format!(
            "{count} av {of} som var utan arbete i början ({p} %) fick ett jobb. Program med stöd till arbete \
             räknar med minst {benchmark} %."
        ),
        None => "Ingen var utan arbete i början av perioden.".to_owned(),
    }
}

/// "2 av 3 med jobb (67 %) arbetar 20 timmar i veckan eller mer."
pub fn at_least_20_hours(count: u32, of: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("{count} av {of} med jobb ({p} %) arbetar 20 timmar i veckan eller mer."),
        None => "Ingen hade ett jobb under perioden.".to_owned(),
    }
}

/// "Tid från start i daglig verksamhet till första jobbet: median 472 dagar (2 personer)."
pub fn days_to_first_job(days: Option<u32>, people: usize) -> String {
    match days {
        Some(d) => {
            format!("Tid från start i daglig verksamhet till första jobbet: median {d} dagar ({}).", persons(people))
        }
        None => "Ingen fick ett första jobb under perioden.".to_owned(),
    }
}

/// "Tid i arbete medan förlängt stöd pågick: median 12 månader (1 person)."
pub fn months_with_support(months: Option<u32>, people: usize) -> String {
    match months {
        Some(m) => format!("Tid i arbete medan förlängt stöd pågick: median {m} månader ({}).", persons(people)),
        None => "Ingen hade förlängt stöd under perioden.".to_owned(),
    }
}

/// "1 person", "3 personer".
fn persons(n: usize) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} personer") }
}
