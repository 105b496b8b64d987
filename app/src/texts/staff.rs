//! Texts staff read on their pages: the caseload, the sign-in code and the
//! programme. Plain, short office Swedish; the words the unit already uses
//! (omgång, tillfälle, kö). Participant texts are in `sv.rs`.

// Shared by several staff pages.
pub const CHOOSE_PARTICIPANT: &str = "Välj deltagare";
pub const NOBODY_CHOSEN: &str = "Ingen vald";
pub const ACTION_COLUMN: &str = "Åtgärd";
pub const NAME: &str = "Namn";
pub const FORM: &str = "Form";
pub const STEP: &str = "Steg";
pub const PARTICIPANT: &str = "Deltagare";
pub const RESPONSIBLE: &str = "Ansvarig";
pub const PLACES: &str = "Platser";
pub const BACK_TO_PROGRAMME: &str = "Tillbaka till programmet";
pub const BACK_TO_ROUND: &str = "Tillbaka till omgången";

/// A heading with how many it counts: "Antagna (6)".
pub fn counted(title: &str, count: usize) -> String {
    format!("{title} ({count})")
}

// The caseload start page (`/personal`).
pub const TODO_TITLE: &str = "Att göra";
pub const TODO_NOTHING: &str = "Inget att göra just nu.";
pub const TODO_MEETINGS_THIS_WEEK: &str = "Möten den här veckan";
pub const TODO_PLAN_FOLLOW_UP: &str = "Uppföljning av planen inom två veckor";
pub const TODO_BENEFIT_ENDS: &str = "Aktivitetsersättningen slutar inom 90 dagar";
pub const TODO_ASSESSMENT_WITHOUT_CONSENT: &str = "Gemensam kartläggning utan samtycke";
pub const TODO_WAITING_FOR_PROGRAMME: &str = "Väntar på programmet";
pub const ROSTER_TITLE: &str = "Deltagare";
pub const ROSTER_SEARCH_NAME: &str = "Sök på namn";
pub const ROSTER_ALL_STEPS: &str = "Alla steg";
pub const ROSTER_ONLY_MINE: &str = "Bara de jag är kontaktperson för";
pub const ROSTER_FILTER: &str = "Visa";
pub const ROSTER_NEXT_MEETING: &str = "Nästa möte och svar";
pub const ROSTER_NO_MEETING: &str = "Inget inbokat";
pub const ROSTER_SIGN_IN: &str = "Inloggning";
pub const ROSTER_CREATE_CODE: &str = "Skapa kod";

/// "Alva Berg: 2 möten" in the list of meetings this week.
pub fn todo_meetings(name: &str, meetings: i64) -> String {
    format!("{name}: {meetings} möten")
}

/// "Alva Berg: 2026-12-10", a plan follow-up that is due.
pub fn todo_follow_up(name: &str, on: chrono::NaiveDate) -> String {
    format!("{name}: {on}")
}

/// "Alva Berg: slutar 2027-02-28".
pub fn todo_benefit_ends(name: &str, on: chrono::NaiveDate) -> String {
    format!("{name}: slutar {on}")
}

/// "12 av 40 deltagare" above the filtered roster.
pub fn roster_count(shown: usize, all: usize) -> String {
    format!("{shown} av {all} deltagare")
}

/// "Tisdag 3 december klockan 10: Kommer" in the roster.
pub fn roster_next_meeting(when: &str, answer: &str) -> String {
    format!("{when}: {answer}")
}

/// The name of a roster's "Skapa kod" link, which says whose code it makes.
pub fn roster_create_code_for(name: &str) -> String {
    format!("Skapa kod för {name}")
}

// The sign-in code page (`/personal/deltagare/{id}/kod`).
pub const CODE_SIGNED_OUT: &str = "Deltagaren är utloggad på alla mobiler.";
pub const CODE_HOW_TO_USE: &str = "Skanna koden med mobilens kamera, eller skriv in den på sidan Logga in.";
pub const CODE_QR_LABEL: &str = "QR-kod som öppnar inloggningen med koden";
pub const CODE_INTRO: &str =
    "Skapa en kod som deltagaren loggar in med på sin mobil. Koden gäller i 10 minuter och fungerar en gång.";
pub const CODE_CREATE: &str = "Skapa en ny kod";
pub const CODE_RELATIVE_TITLE: &str = "Kod för en anhörig eller god man";
pub const CODE_RELATIVE_SEES: &str = "Den anhöriga ser bara det som deltagaren har samtyckt till att dela.";
pub const CODE_LOST_PHONE_TITLE: &str = "Borttappad mobil?";
pub const CODE_LOST_PHONE: &str = "Logga ut deltagaren på alla mobiler. Deltagaren loggar sedan in med en ny kod.";
pub const CODE_SIGN_OUT_EVERYWHERE: &str = "Logga ut på alla mobiler";

/// "Kod för Alva Berg" above the code.
pub fn code_for(name: &str) -> String {
    format!("Kod för {name}")
}

/// What a screen reader says for the code: one character at a time.
pub fn code_spelled(code: &str) -> String {
    let spaced: Vec<String> = code.chars().map(String::from).collect();
    format!("Koden är {}", spaced.join(" "))
}

/// "Koden fungerar en gång, till klockan 14.20."
pub fn code_valid_until(time: &str) -> String {
    format!("Koden fungerar en gång, till klockan {time}.")
}

/// "Skapa kod för Eva Berg (förälder)".
pub fn code_create_for_relative(name: &str, relation: &str) -> String {
    format!("Skapa kod för {name} ({})", relation.to_lowercase())
}

/// "Logga ut Eva Berg överallt".
pub fn code_sign_out_relative(name: &str) -> String {
    format!("Logga ut {name} överallt")
}

// The programme overview (`/personal/programmet`).
pub const PROGRAMME_TITLE: &str = "Arbetsnärmande programmet";
pub const NEW_ROUND_LINK: &str = "Ny omgång";
pub const YEAR_PLAN_TITLE: &str = "Årsplan";
pub const YEAR_PLAN_ABOUT: &str = "Planen är två gruppomgångar om året: en på våren och en på hösten.";
pub const YEAR_PLAN_YEAR: &str = "År";
pub const YEAR_PLAN_SPRING: &str = "Våren";
pub const YEAR_PLAN_AUTUMN: &str = "Hösten";
pub const YEAR_PLAN_NO_ROUND: &str = "Ingen gruppomgång ännu";
pub const ROUNDS_TITLE: &str = "Omgångar";
pub const ROUNDS_NONE: &str = "Inga omgångar ännu.";
pub const ROUND_COLUMN: &str = "Omgång";
pub const ROUND_START: &str = "Start";
pub const ROUND_QUEUE: &str = "Kö";
pub const QUEUE_TITLE: &str = "Intresseanmälningar";
pub const QUEUE_SINCE: &str = "Sedan";
pub const QUEUE_BY: &str = "Anmäld av";
pub const QUEUE_NOTE: &str = "Anteckning";
pub const QUEUE_REMOVE: &str = "Ta bort ur kön";
pub const INTEREST_TITLE: &str = "Anmäl intresse för en deltagare";
pub const INTEREST_NOTE: &str = "Anteckning (valfri)";
pub const INTEREST_NOTE_HINT: &str = "Till exempel: frågade på planeringsmötet.";
pub const INTEREST_ADD: &str = "Lägg till i kön";

/// Several group rounds in one half-year, in the year plan.
pub fn year_plan_rounds(names: &[String]) -> String {
    names.join(", ")
}

/// "3 i kön, den som anmälde sig först står överst."
pub fn queue_count(count: usize) -> String {
    format!("{count} i kön, den som anmälde sig först står överst.")
}

/// "Vill gå Vårens grupp. " before the note in the queue.
pub fn queue_wants_round(round: &str) -> String {
    format!("Vill gå {round}. ")
}

/// The name of a queue row's button, which says whom it removes.
pub fn queue_remove_person(name: &str) -> String {
    format!("{QUEUE_REMOVE}: {name}")
}

/// "4 av 6" places taken.
pub fn places_taken(enrolled: i64, capacity: i64) -> String {
    format!("{enrolled} av {capacity}")
}

// A new round (`/personal/programmet/ny-omgang`).
pub const NEW_ROUND_TITLE: &str = "Ny omgång";
pub const NEW_ROUND_ABOUT: &str =
    "Tillfällena läggs in en gång i veckan från första datumet. Du kan ändra dem efteråt.";
pub const NEW_ROUND_NAME_HINT: &str = "Till exempel: Arbetsnärmande programmet, våren 2027";
pub const NEW_ROUND_PLACE: &str = "Plats";
pub const NEW_ROUND_PLACE_HINT: &str = "Lokal på daglig verksamhet";
pub const CAPACITY: &str = "Antal platser";
pub const NEW_ROUND_CAPACITY_HINT: &str = "1 till 20";
pub const NEW_ROUND_FIRST_DATE: &str = "Första tillfället";
pub const NEW_ROUND_FIRST_DATE_HINT: &str = "År-månad-dag";
pub const NEW_ROUND_START_TIME: &str = "Starttid";
pub const NEW_ROUND_START_TIME_HINT: &str = "Till exempel 13:00";
pub const NEW_ROUND_MINUTES: &str = "Minuter per tillfälle";
pub const NEW_ROUND_MINUTES_HINT: &str = "60 till 90";
pub const NEW_ROUND_COUNT: &str = "Antal tillfällen";
pub const NEW_ROUND_COUNT_HINT: &str = "Oftast 4 till 6";
pub const NEW_ROUND_CREATE: &str = "Skapa omgången";

// One round (`/personal/programmet/omgang/{id}`).
pub const ROUND_PLACE: &str = "Plats";
pub const FOLLOW_UP_TITLE: &str = "Dags för uppföljning";
pub const FOLLOW_UP_ABOUT: &str =
    "Omgången är klar. Boka ett uppföljningsmöte där ni ser över den gemensamma planen för:";
pub const OFFER_TITLE: &str = "En plats är ledig";
pub const SESSIONS_TITLE: &str = "Tillfällen";
pub const SESSION_NUMBER: &str = "Nr";
pub const SESSION_WHEN: &str = "När";
pub const SESSION_THEME: &str = "Tema";
pub const SESSION_ROOM: &str = "Lokal";
pub const SESSION_VISIT: &str = "Besök";
pub const SESSION_ATTENDANCE: &str = "Närvaro";
pub const SESSION_CHANGE: &str = "Ändra";
pub const SESSION_DATE: &str = "Datum";
pub const SESSION_START: &str = "Start";
pub const SESSION_END: &str = "Slut";
pub const ADD_SESSION_TITLE: &str = "Lägg till ett tillfälle";
pub const ADD_SESSION: &str = "Lägg till tillfället";
pub const ENROLLED_TITLE: &str = "Antagna";
pub const ENROLLED_NONE: &str = "Ingen är antagen ännu.";
pub const ENROLLED_ATTENDANCE: &str = "Närvaro";
pub const WAITING_TITLE: &str = "Kölista";
pub const WAITING_NONE: &str = "Ingen står i kön.";
pub const WAITING_POSITION: &str = "Plats i kön";
pub const ENROL_TITLE: &str = "Anmäl en deltagare";
pub const ENROL_FULL: &str = "När omgången är full hamnar personen i kön.";
pub const ENROL: &str = "Anmäl";
pub const CAPACITY_HINT: &str = "1 till 20, inte färre än de antagna";
pub const CAPACITY_SAVE: &str = "Spara antal platser";

/// "Alva Berg (intresseanmäld)" in the list of people to enrol.
pub fn candidate(name: &str, interested: bool) -> String {
    if interested { format!("{name} (intresseanmäld)") } else { name.to_owned() }
}

/// "4 av 6 tagna, 1 i kön".
pub fn round_places(enrolled: i64, capacity: i64, waiting: i64) -> String {
    format!("{enrolled} av {capacity} tagna, {waiting} i kön")
}

/// A link to book the follow-up meeting for one person.
pub fn follow_up_book(name: &str) -> String {
    format!("Boka uppföljning för {name}")
}

/// "Först i kön står Alva Berg. Har personen sagt ja till platsen?"
pub fn offer_first_in_line(name: &str) -> String {
    format!("Först i kön står {name}. Har personen sagt ja till platsen?")
}

/// "Ge platsen till Alva Berg".
pub fn offer_give_seat(name: &str) -> String {
    format!("Ge platsen till {name}")
}

/// "Närvaro för tillfälle 2", and how many are marked when someone is.
pub fn session_attendance_link(number: usize, marked: i64) -> String {
    if marked > 0 {
        format!("Närvaro för tillfälle {number} ({marked} markerade)")
    } else {
        format!("Närvaro för tillfälle {number}")
    }
}

/// "Ändra tillfälle 2": the link on the round and the heading of the page.
pub fn session_change(number: usize) -> String {
    format!("Ändra tillfälle {number}")
}

/// "3 närvarande, 1 frånvarande".
pub fn enrolled_attendance(present: i64, absent: i64) -> String {
    format!("{present} närvarande, {absent} frånvarande")
}

/// "Avanmäl Alva Berg".
pub fn withdraw_enrolled(name: &str) -> String {
    format!("Avanmäl {name}")
}

/// "Ta bort Alva Berg ur kön".
pub fn withdraw_waiting(name: &str) -> String {
    format!("Ta bort {name} ur kön")
}

// Attendance for one session (`/personal/programmet/tillfalle/{id}`).
pub const ATTENDANCE_NOBODY: &str = "Ingen är antagen till omgången.";
pub const ATTENDANCE_DEFAULT: &str =
    "Förvalt är närvarande för den som inte har någon markering. Ändra för den som inte kom.";
pub const ATTENDANCE_SAVE: &str = "Spara närvaron";

/// "Närvaro, tillfälle 2".
pub fn attendance_title(number: usize) -> String {
    format!("Närvaro, tillfälle {number}")
}

/// "Vårens grupp · tisdag 2026-03-24 13:00–14:30 · Arbetslivet".
pub fn session_summary(round: &str, when: &str, theme: &str) -> String {
    format!("{round} · {when} · {theme}")
}

// Changing one session (`/personal/programmet/tillfalle/{id}/andra`).
pub const SESSION_EDIT_ABOUT: &str = "De antagna får den nya tiden i sin app. Har tiden ändrats får de svara igen.";
pub const SESSION_SAVE: &str = "Spara tillfället";
