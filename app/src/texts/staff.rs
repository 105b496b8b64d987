//! Texts staff read on their pages: the caseload, the participant record, the
//! sign-in code and the programme. Plain, short office Swedish; the words the unit already uses
//! (omgång, tillfälle, kö). Participant texts are in `sv.rs`.

// Shared by several staff pages.
pub const CHOOSE_PARTICIPANT: &str = "Välj deltagare";
// Reminders on the record's meetings page.
pub const REMINDERS_HEADING: &str = "Påminnelser";
pub const REMINDERS_NOT_CHOSEN: &str = "Deltagaren har inte valt påminnelser.";
pub const REMINDERS_OFF: &str = "Påminnelserna är avstängda.";
pub const REMINDERS_SMS_ON_BUTTON: &str = "Slå på sms-påminnelser";
pub const REMINDERS_SMS_OFF_BUTTON: &str = "Stäng av sms-påminnelser";
pub const REMINDERS_SMS_SAY_SO: &str =
    "Bara om deltagaren vill det. Deltagaren kan själv ändra under Påminnelser i appen.";
pub const REMINDERS_LATEST: &str = "Senaste påminnelserna";
pub const REMINDERS_NONE_SENT: &str = "Inga påminnelser har skickats än.";
pub const REMINDERS_COLUMNS: &[&str] = &["När", "Hur", "Vad", "Till", "Gick det fram?"];
pub const REMINDER_TO_PARTICIPANT: &str = "Deltagaren";
pub const REMINDER_TO_OTHER: &str = "Anhörig eller god man";
pub const REMINDER_SMS_CHOOSE: &str = "Välj om sms-påminnelser ska vara på eller av.";
pub const REMINDER_SMS_ON: &str = "Sms-påminnelser är på.";
pub const REMINDER_SMS_OFF: &str = "Sms-påminnelser är av.";
/// Switching SMS reminders on for a participant with no mobile number on record.
pub const REMINDER_NO_PHONE: &str = "Skriv in deltagarens mobilnummer först. Sms går bara till ett nummer.";
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

// The participant record (`/personal/deltagare/{id}` and its pages): shared by its pages.
pub const ALL_PARTICIPANTS: &str = "Alla deltagare";
pub const RECORD_NAV_LABEL: &str = "Deltagarens uppgifter";
pub const CHOOSE: &str = "Välj";
pub const DATE: &str = "Datum";
pub const FROM: &str = "Från";
pub const HOURS_PER_WEEK: &str = "Timmar i veckan";
pub const COMING_MEETINGS: &str = "Kommande möten";
pub const NO_MEETINGS_BOOKED: &str = "Inga möten bokade.";
pub const MEETING_WHEN: &str = "När";
pub const MEETING_COLUMN: &str = "Möte";
pub const NO_PLAN_YET: &str = "Ingen plan ännu.";

/// The record's menu, one word a page.
pub fn record_part(part: crate::paths::RecordPart) -> &'static str {
    use crate::paths::RecordPart;
    match part {
        RecordPart::Overview => "Översikt",
        RecordPart::Plan => "Plan",
        RecordPart::Meetings => "Möten",
        RecordPart::Contacts => "Kontakter",
        RecordPart::Consents => "Samtycken",
        RecordPart::Steps => "Steg",
        RecordPart::Transition => "Övergång",
        RecordPart::Sus => "SUS",
        RecordPart::Code => "Inloggning",
    }
}

/// "Uppföljning: Vi pratar om butiken", a meeting in a table.
pub fn meeting_kind_and_title(kind: &str, title: &str) -> String {
    format!("{kind}: {title}")
}

/// "Svar: Kommer", the participant's answer to a planned meeting.
pub fn meeting_answer(answer: &str) -> String {
    format!("Svar: {answer}")
}

/// "Karin Ek (Handledare)": a person and who they are, in lists and drop-downs.
pub fn person_and_role(name: &str, role: &str) -> String {
    format!("{name} ({role})")
}

/// "Karin Ek (personal)" in a drop-down of people.
pub fn staff_choice(name: &str) -> String {
    format!("{name} (personal)")
}

/// "2026-03-02: ", the day a step on the ladder was taken, before the step's name.
pub fn step_taken_on(on: chrono::NaiveDate) -> String {
    format!("{on}: ")
}

/// "Karin Ek (Handledare), Eva Berg (Förälder)": several in a table cell.
pub fn listed(items: &[String]) -> String {
    items.join(", ")
}

// The record's overview (`/personal/deltagare/{id}`).
pub const BENEFIT_ENDS_SOON: &str = "Aktivitetsersättningen slutar inom 90 dagar.";
pub const ASSESSMENT_WITHOUT_CONSENT: &str =
    "En gemensam kartläggning är planerad, men det finns inget samtycke till kontakt med Försäkringskassan.";
pub const PREFERRED_NAME: &str = "Kallas";
pub const UNIT: &str = "Enhet";
pub const BENEFIT: &str = "Ersättning";
pub const IN_DV_SINCE: &str = "I DV sedan";
pub const PHONE: &str = "Telefon";
pub const PHONE_MISSING: &str = "Saknas";
pub const PROGRAMME: &str = "Programmet";
pub const PROGRAMME_NOT_ENROLLED: &str = "Inte anmäld";
pub const ANSWER_COLUMN: &str = "Deltagarens svar";
pub const JOINT_PLAN_TITLE: &str = "Gemensam plan";
pub const GOAL_LEAD: &str = "Mål: ";
pub const NETWORK_TITLE: &str = "Nätverket runt deltagaren";
pub const NETWORK_DV: &str = "Daglig verksamhet";
pub const NETWORK_AGENCIES: &str = "Myndigheter och andra";
pub const NETWORK_FAMILY: &str = "Anhöriga och gode män";
pub const CONSENTS_IN_FORCE_TITLE: &str = "Samtycken i kraft";

/// "Gruppverksamhet, 30 timmar i veckan".
pub fn dv_form_and_hours(form: &str, hours: i64) -> String {
    format!("{form}, {hours} timmar i veckan")
}

/// " till och med 2027-02-28" after the kind of benefit.
pub fn benefit_until(on: chrono::NaiveDate) -> String {
    format!(" till och med {on}")
}

/// "Antagen till Vårens grupp".
pub fn programme_enrolled(round: &str) -> String {
    format!("Antagen till {round}")
}

/// "Plats 2 i kön till Vårens grupp" (no number when the queue has none for them).
pub fn programme_waiting(round: &str, position: Option<i64>) -> String {
    format!("Plats {} i kön till {round}", position.map(|p| p.to_string()).unwrap_or_default())
}

/// "Antagen till Vårens grupp. Närvaro: 3 närvarande, 1 frånvarande med anmälan, 0 utan."
pub fn programme_and_attendance(programme: &str, present: i64, excused: i64, unexcused: i64) -> String {
    format!("{programme}. Närvaro: {present} närvarande, {excused} frånvarande med anmälan, {unexcused} utan.")
}

/// "Version 3, sparad 2026-11-02 14:05 av Karin Ek."
pub fn plan_saved_by(version: i64, at: &str, author: Option<&str>) -> String {
    format!("Version {version}, sparad {at} av {}.", author.unwrap_or("okänd"))
}

/// "Sofia Lindqvist – Handläggare", or with the role for this participant:
/// "Sofia Lindqvist – Din handläggare (Arbetsförmedlingen)".
pub fn network_person(name: &str, role_in_case: &str, role: &str) -> String {
    if role_in_case == role { format!("{name} – {role}") } else { format!("{name} – {role_in_case} ({role})") }
}

/// "Eva Berg – Förälder".
pub fn network_relative(name: &str, relation: &str) -> String {
    format!("{name} – {relation}")
}

/// "DV får kontakta Försäkringskassan: Försäkringskassan (skriftligt, 2026-10-01)".
pub fn consent_in_force(scope: &str, recipient: &str, method: &str, given_on: chrono::NaiveDate) -> String {
    format!("{scope}: {recipient} ({}, {given_on})", method.to_lowercase())
}

// The plan's versions (`…/plan`).
pub const PLAN_GOAL: &str = "Mål";
pub const PLAN_REASON: &str = "Varför";
pub const PLAN_PERIOD: &str = "Period";
pub const PLAN_SCOPE: &str = "Omfattning";
pub const PLAN_ACTIVITIES: &str = "Aktiviteter";
pub const PLAN_FOLLOW_UP: &str = "Uppföljning";
pub const PLAN_OTHER: &str = "Övrigt";
pub const PLAN_VERSIONS_TITLE: &str = "Alla versioner";
pub const PLAN_VERSIONS_LABEL: &str = "Versioner av planen";
pub const PLAN_VERSION: &str = "Version";
pub const PLAN_SAVED: &str = "Sparad";
pub const PLAN_BY: &str = "Av";
pub const PLAN_COMPARE: &str = "Jämför";
pub const PLAN_NEW_TITLE: &str = "Spara en ny version";
pub const PLAN_OLD_KEPT: &str = "Den gamla versionen finns kvar och går att läsa.";
pub const PLAN_WHY_THIS_GOAL: &str = "Varför det här målet";
pub const PLAN_VALID_FROM: &str = "Gäller från";
pub const PLAN_VALID_UNTIL: &str = "Gäller till (valfritt)";
pub const PLAN_DAYS_PER_WEEK: &str = "Dagar i veckan";
pub const PLAN_ACTIVITIES_HINT: &str = "En aktivitet per rad";
pub const PLAN_NEXT_FOLLOW_UP_ON: &str = "Nästa uppföljning, datum (valfritt)";
pub const PLAN_NEXT_FOLLOW_UP_WHAT: &str = "Nästa uppföljning, vad";
pub const PLAN_SAVE: &str = "Spara ny version";

/// "2026-11-02 – 2027-05-31"; open-ended when the plan has no end.
pub fn plan_period(from: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> String {
    format!("{from} – {}", until.map(|d| d.to_string()).unwrap_or_default())
}

/// "3 dagar, 15 timmar i veckan".
pub fn plan_scope(days: i64, hours: i64) -> String {
    format!("{days} dagar, {hours} timmar i veckan")
}

/// "Praktik i butik; Träna på att åka buss".
pub fn plan_activities(activities: &[String]) -> String {
    activities.join("; ")
}

/// "2026-12-01: Hur går praktiken?; 2027-02-01: …".
pub fn plan_follow_ups(follow_ups: &[(chrono::NaiveDate, String)]) -> String {
    follow_ups.iter().map(|(on, what)| format!("{on}: {what}")).collect::<Vec<_>>().join("; ")
}

/// "Version 2 och version 3 bredvid varandra".
pub fn plan_side_by_side(then: i64, now: i64) -> String {
    format!("Version {then} och version {now} bredvid varandra")
}

/// "Version 2", an earlier version.
pub fn plan_version(version: i64) -> String {
    format!("Version {version}")
}

/// "Version 2 (2026-05-04 10:12)".
pub fn plan_version_saved(version: i64, at: &str) -> String {
    format!("Version {version} ({at})")
}

/// "Version 3, den som gäller".
pub fn plan_current(version: i64) -> String {
    format!("Version {version}, den som gäller")
}

/// "Version 3, den som gäller (2026-11-02 14:05)".
pub fn plan_current_saved(version: i64, at: &str) -> String {
    format!("Version {version}, den som gäller ({at})")
}

/// "Jämför version 2 med den som gäller".
pub fn plan_compare(version: i64) -> String {
    format!("Jämför version {version} med den som gäller")
}

// Meetings (`…/moten`).
pub const MEETING_WHO_COMES: &str = "Vem kommer";
pub const MEETING_ANSWER_AND_STATUS: &str = "Svar och status";
pub const MEETING_HELD: &str = "Genomfört";
pub const MEETING_CANCEL: &str = "Ställ in";
pub const MEETING_NEW_TIME: &str = "Ny tid";
pub const MEETING_START: &str = "Start";
pub const MEETING_END: &str = "Slut";
pub const MEETING_MOVE: &str = "Flytta mötet";
pub const MEETING_BOOK_TITLE: &str = "Boka ett möte";
pub const MEETING_KIND: &str = "Mötestyp";
pub const CHOOSE_MEETING_KIND: &str = "Välj mötestyp";
pub const MEETING_HEADING: &str = "Rubrik";
pub const MEETING_HEADING_HINT: &str = "Det deltagaren ser, i enkla ord";
pub const MEETING_PLACE: &str = "Plats";
pub const MEETING_VIDEO_LINK: &str = "Länk till videomöte (valfritt)";
pub const MEETING_BRING: &str = "Ta med";
pub const MEETING_BOOK: &str = "Boka mötet";
pub const PAST_MEETINGS: &str = "Tidigare möten";
pub const NO_PAST_MEETINGS: &str = "Inga tidigare möten.";

/// "Uppföljning 2026-12-03 13:00": which meeting a row's buttons act on.
pub fn meeting_kind_and_time(kind: &str, at: &str) -> String {
    format!("{kind} {at}")
}

/// "Genomfört: Uppföljning 2026-12-03 13:00".
pub fn meeting_held(meeting: &str) -> String {
    format!("{MEETING_HELD}: {meeting}")
}

/// "Ställ in: Uppföljning 2026-12-03 13:00".
pub fn meeting_cancel(meeting: &str) -> String {
    format!("{MEETING_CANCEL}: {meeting}")
}

// Contact persons (`…/kontakter`).
pub const CONTACT_NEW_PERSON: &str = "En ny person på en annan organisation";
pub const CONTACTS_ABOUT: &str = "Deltagaren ser sina kontaktpersoner under Mina kontakter: \
                                  namn, vem de är i enkla ord, och knappar för att ringa och mejla.";
pub const CONTACTS_LABEL: &str = "Kontaktpersoner";
pub const CONTACT_WHO: &str = "Vem";
pub const CONTACT_ROLE: &str = "Roll för deltagaren";
pub const CONTACT_SINCE: &str = "Sedan";
pub const CONTACT_ROLE_SAVE: &str = "Spara roll";
pub const CONTACT_END: &str = "Avsluta";
pub const CONTACT_ADD_TITLE: &str = "Lägg till en kontaktperson";
pub const CONTACT_ROLE_HINT: &str = "I enkla ord, till exempel: Din handläggare på Försäkringskassan";
pub const CONTACT_NEW_LEGEND: &str = "Om det är en ny person";
pub const CONTACT_ORGANISATION: &str = "Organisation";
pub const CONTACT_TITLE: &str = "Titel";
pub const CONTACT_TITLE_HINT: &str = "Till exempel: Handläggare";
pub const CONTACT_PHONE: &str = "Telefon (valfritt)";
pub const CONTACT_EMAIL: &str = "E-post (valfritt)";
pub const CONTACT_SAVE: &str = "Spara kontaktpersonen";

/// "Sofia Lindqvist, Handläggare (Arbetsförmedlingen)" in the drop-down of people.
pub fn officer_choice(name: &str, title: &str, organisation: &str) -> String {
    format!("{name}, {title} ({organisation})")
}

/// "Roll för Sofia Lindqvist", the label of a row's role field.
pub fn contact_role_for(name: &str) -> String {
    format!("Roll för {name}")
}

/// "2026-01-10", or "2026-01-10, slutade 2026-06-30" for a contact who has ended.
pub fn contact_period(since: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> String {
    match until {
        Some(until) => format!("{since}, slutade {until}"),
        None => since.to_string(),
    }
}

/// "Avsluta: Sofia Lindqvist".
pub fn contact_end(name: &str) -> String {
    format!("{CONTACT_END}: {name}")
}

// Consents (`…/samtycken`).
pub const CONSENTS_WITHDRAWN_STOP: &str =
    "Ett återkallat samtycke slutar gälla direkt: en anhörig ser då inte längre det som delades.";
pub const CONSENTS_LABEL: &str = "Samtycken";
pub const CONSENT_APPLIES: &str = "Gäller";
pub const CONSENT_TO: &str = "Till";
pub const CONSENT_SHOWS: &str = "Visar";
pub const CONSENT_HOW: &str = "Hur";
pub const CONSENT_GIVEN: &str = "Givet";
pub const CONSENT_RECORDED_BY: &str = "Registrerat av";
pub const CONSENT_STATUS: &str = "Status";
pub const CONSENT_IN_FORCE: &str = "Gäller";
pub const CONSENT_IN_FORCE_FROM_DATE: &str = "Gäller från datumet";
pub const CONSENT_WITHDRAW: &str = "Återkalla";
pub const CONSENT_ADD_TITLE: &str = "Registrera ett samtycke";
pub const CONSENT_SCOPE: &str = "Samtycket gäller";
pub const CONSENT_ORGANISATION: &str = "Till organisation";
pub const CONSENT_ORGANISATION_HINT: &str = "För samtycken om kontakt och handlingar";
pub const CHOOSE_ORGANISATION: &str = "Välj organisation";
pub const CONSENT_RELATIVE: &str = "Till anhörig eller god man";
pub const CONSENT_RELATIVE_HINT: &str = "För att visa delar av appen";
pub const CHOOSE_PERSON: &str = "Välj person";
pub const CONSENT_SECTIONS: &str = "Vad den anhöriga får se";
pub const CONSENT_METHOD: &str = "Hur samtycket gavs";
pub const CONSENT_SAVE: &str = "Spara samtycket";

/// "Återkallat 2026-11-20".
pub fn consent_withdrawn(on: chrono::NaiveDate) -> String {
    format!("Återkallat {on}")
}

/// "Återkalla: DV får kontakta Försäkringskassan, Försäkringskassan".
pub fn consent_withdraw(scope: &str, recipient: &str) -> String {
    format!("{CONSENT_WITHDRAW}: {scope}, {recipient}")
}

// Steps (`…/steg`).
pub const STEPS_SO_FAR: &str = "Steg hittills";
pub const STEP_ADD_TITLE: &str = "Registrera ett steg på stegen";
pub const STEP_NEW: &str = "Nytt steg";
pub const CHOOSE_STEP: &str = "Välj steg";
pub const STEP_NOTE: &str = "Anteckning";
pub const STEP_SAVE: &str = "Spara steget";
pub const DV_CHANGE_TITLE: &str = "Ändring inom daglig verksamhet";
pub const DV_CHANGE_SAVE: &str = "Spara ändringen";
pub const DV_CHANGE_ON: &str = "Gäller från";
pub const DV_CHANGE_NEW_PLACE: &str = "Byter till en annan grupp eller enskild plats";
pub const DV_CHANGE_NOT_YET: &str = "Registrera ändringen när den har skett. Datumet kan inte vara senare än i dag.";
pub const EXTENDED_SUPPORT_TITLE: &str = "Förlängt stöd efter anställning";
pub const EXTENDED_SUPPORT_ABOUT: &str =
    "Daglig verksamhet stöttar på arbetsplatsen i 12 månader. Det kräver ett skriftligt samtycke.";
pub const EXTENDED_SUPPORT_EMPLOYER: &str = "Arbetsgivare";
pub const EXTENDED_SUPPORT_SAVE: &str = "Registrera förlängt stöd";
pub const EMPLOYMENT_TITLE: &str = "Anställning";
pub const EMPLOYMENT_ABOUT: &str = "Arbete med lön, med eller utan lönestöd. Uppföljningen räknar ett jobb från \
     den fjärde betalda timmen, och hur många som får arbete av dem som var utan arbete.";
pub const EMPLOYMENT_NONE: &str = "Ingen anställning är registrerad.";
pub const EMPLOYMENT_STARTS_ON: &str = "Första arbetsdagen";
pub const EMPLOYMENT_ENDS_ON: &str = "Sista arbetsdagen (om den är bestämd)";
pub const EMPLOYMENT_HOURS: &str = "Timmar i veckan i jobbet";
pub const EMPLOYMENT_EMPLOYER: &str = "Sorts arbetsgivare";
pub const EMPLOYMENT_SAVE: &str = "Registrera anställningen";
pub const EMPLOYMENT_END_ON: &str = "Sista arbetsdagen";
pub const EMPLOYMENT_END_SAVE: &str = "Avsluta anställningen";
pub const EMPLOYMENT_NOT_YET: &str =
    "Registrera anställningen när den har börjat. Datumet kan inte vara senare än i dag.";
pub const EMPLOYMENT_ENDS_BEFORE_START: &str = "Sista arbetsdagen kan inte vara före den första.";
pub const EMPLOYMENT_NOT_ENDED: &str =
    "Anställningen är redan avslutad, eller så börjar den efter det datumet. Välj ett annat datum.";
pub const EMPLOYMENT_UNKNOWN: &str = "Välj en anställning i listan.";
pub const DISCHARGE_TITLE: &str = "Avslut från daglig verksamhet";
pub const DISCHARGE_OUTCOME: &str = "Hur det gick";
pub const DISCHARGE_ON: &str = "Datum för avslut";
pub const DISCHARGE_SAVE: &str = "Registrera avslutet";
pub const DISCHARGE_ENDS_ACCESS: &str = "När avslutet registreras stängs deltagarens inloggning i appen. \
     Anhöriga och gode män som är kopplade till deltagaren ser inte längre något.";
pub const DISCHARGE_NOT_YET: &str = "Registrera avslutet när det har skett. Datumet kan inte vara senare än i dag.";

/// Before the step the participant stands on: "Står nu på: Enskild plats."
pub const STEP_NOW: &str = "Står nu på: ";
/// Before the steps that can come next: "Möjliga nästa steg: …".
pub const STEP_NEXT: &str = "Möjliga nästa steg: ";
pub const STEP_LINKS_TO_MANUAL: &str = "Stegens namn leder till handbokens förklaring av steget.";

pub const ROAD_TITLE: &str = "Väg mot arbete";
pub const ROAD: &str = "Väg";
pub const ROAD_ABOUT: &str = "Vägen följer ersättningen tills ni väljer: försörjningsstöd går via ASF, \
     övriga via Arbetsförmedlingen och Försäkringskassan. Den som har ersättning från Försäkringskassan och går \
     via ASF deltar först i förstärkt samarbete för att klargöra arbetsförmågan. Deltagaren ser bara sin egen väg.";
pub const ROAD_SAVE: &str = "Spara vägen";
pub const ROAD_SAVED: &str = "Vägen är sparad.";

pub fn road_now(road: &str) -> String {
    format!("Går via: {road}.")
}

/// "Butiken AB: 2026-12-01 till 2027-11-30".
pub fn extended_support(employer: &str, from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("{employer}: {from} till {until}")
}

/// "Från 2026-03-02, 20 timmar i veckan, Privat arbetsgivare. Pågår."
pub fn employment(job: &crate::domain::Employment) -> String {
    let end = job.ends_on.map_or_else(|| "Pågår.".to_owned(), |end| format!("Till och med {end}."));
    format!("Från {}, {} timmar i veckan, {}. {end}", job.starts_on, job.hours_per_week.get(), job.employer.label_sv())
}

/// The label of an end form's date: "Sista arbetsdagen (anställningen från 2026-03-02)".
pub fn employment_end_on(starts_on: chrono::NaiveDate) -> String {
    format!("{EMPLOYMENT_END_ON} (anställningen från {starts_on})")
}

/// "Avslutad 2026-12-01: Anställning."
pub fn discharged(on: chrono::NaiveDate, outcome: &str) -> String {
    format!("Avslutad {on}: {outcome}.")
}

// The staff menu and the staff sign-in page.
pub const STAFF_MENU_LABEL: &str = "Personalens meny";
pub const MENU_PARTICIPANTS: &str = "Deltagare";
pub const MENU_PROGRAMME: &str = "Programmet";
pub const SIGN_IN_TITLE: &str = "Logga in som personal";
pub const SIGN_IN_EMAIL: &str = "E-postadress";
pub const SIGN_IN_PASSWORD: &str = "Lösenord";
pub const SIGN_IN_BUTTON: &str = "Logga in";
pub const SIGN_IN_WITH_CODE: &str = "Logga in med kod";

// What the record's forms say when they are done (`/personal/deltagare/{id}/…`).
pub const MEETING_BOOKED: &str = "Mötet är bokat.";
pub const MEETING_MOVED: &str = "Mötet har en ny tid.";
pub const MEETING_MARKED_HELD: &str = "Mötet är markerat som genomfört.";
pub const MEETING_CANCELLED: &str = "Mötet är inställt.";
pub const CONSENT_SAVED: &str = "Samtycket är sparat.";
pub const CONSENT_WITHDRAWN: &str = "Samtycket är återkallat.";
pub const STEP_SAVED: &str = "Steget är sparat.";
pub const DV_CHANGE_SAVED: &str = "Ändringen i daglig verksamhet är sparad.";
pub const CONTACT_SAVED: &str = "Kontaktpersonen är sparad.";
pub const CONTACT_ENDED: &str = "Kontaktpersonen är avslutad.";
pub const CONTACT_ROLE_CHANGED: &str = "Rollen är ändrad.";
pub const EXTENDED_SUPPORT_SAVED: &str = "Förlängt stöd är registrerat i 12 månader.";
pub const EMPLOYMENT_SAVED: &str = "Anställningen är registrerad.";
pub const EMPLOYMENT_ENDED: &str = "Anställningen är avslutad.";
pub const DISCHARGE_SAVED: &str = "Avslutet är registrerat.";

/// "Planen är sparad som version 3."
pub fn plan_saved_as(version: i64) -> String {
    format!("Planen är sparad som version {version}.")
}

// What the record's forms say when they refuse, next to the field.
/// Shared by the staff forms whose people are chosen in a list.
pub const PERSON_NOT_LISTED: &str = "Välj en person i listan.";
pub const PLAN_UNTIL_BEFORE_FROM: &str = "Slutdatumet måste vara efter startdatumet.";
pub const PLAN_DAYS_PER_WEEK_RANGE: &str = "Skriv antal dagar, 1 till 7.";
pub const PLAN_FOLLOW_UP_WHEN: &str = "Skriv när uppföljningen ska vara.";
pub const MEETING_KIND_NOT_LISTED: &str = "Välj en mötestyp i listan.";
pub const MEETING_LINK_NOT_HTTPS: &str = "Skriv en länk som börjar med https://";
pub const MEETING_PLACE_OR_LINK: &str = "Skriv en plats, eller en länk till ett videomöte.";
pub const MEETING_ONLY_LISTED_PEOPLE: &str = "Välj bara personer i listan.";
pub const MEETING_HELD_OR_CANCELLED: &str = "Välj inställt eller genomfört.";
pub const MEETING_HELD_CANNOT_MOVE: &str = "Ett genomfört möte kan inte flyttas.";
pub const MEETING_ALREADY_CLOSED: &str = "Mötet är redan inställt eller genomfört.";
pub const CONSENT_GIVEN_IN_FUTURE: &str = "Ett samtycke kan inte vara givet i framtiden.";
pub const CONSENT_CHOOSE_RELATIVE: &str = "Välj vem som får se.";
pub const CONSENT_ONLY_LISTED_SECTIONS: &str = "Välj bara delar i listan.";
pub const CONSENT_CHOOSE_SECTION: &str = "Välj minst en del som personen får se.";
pub const CONSENT_MUST_BE_WRITTEN: &str = "Det här samtycket ska vara skriftligt.";
pub const CONSENT_ALREADY_WITHDRAWN: &str = "Samtycket är redan återkallat.";
pub const CONTACT_CHOOSE_WHO: &str = "Välj vem som blir kontaktperson.";
pub const CONTACT_WRITE_ROLE: &str = "Skriv vad personen är för deltagaren.";
pub const CONTACT_NOT_LISTED: &str = "Välj en kontaktperson i listan.";
pub const CONTACT_ALREADY_ENDED: &str = "Kontaktpersonen är redan avslutad.";
pub const EXTENDED_SUPPORT_NEEDS_CONSENT: &str =
    "Förlängt stöd kräver ett skriftligt samtycke. Registrera samtycket först.";

// What the programme's forms say when they are done (`/personal/programmet/…`).
pub const ROUND_CREATED: &str = "Omgången är skapad.";
pub const CAPACITY_CHANGED: &str = "Antalet platser är ändrat.";
pub const PERSON_ENROLLED: &str = "Personen är antagen.";
pub const PERSON_ALREADY_ENROLLED: &str = "Personen är redan med i omgången eller i kön.";
pub const PERSON_WITHDRAWN: &str = "Personen är avanmäld.";
pub const SEAT_GIVEN: &str = "Personen har fått platsen.";
pub const INTEREST_SAVED: &str = "Intresseanmälan är sparad.";
pub const INTEREST_ALREADY_QUEUED: &str = "Personen står redan i kön.";
pub const INTEREST_DISMISSED: &str = "Personen är borttagen ur kön.";
pub const ATTENDANCE_SAVED: &str = "Närvaron är sparad.";
pub const SESSION_CHANGED: &str = "Tillfället är ändrat.";
pub const SESSION_ADDED: &str = "Tillfället är tillagt.";

/// "Omgången är full. Personen står på plats 2 i kön."
pub fn enrolled_waiting(position: i64) -> String {
    format!("Omgången är full. Personen står på plats {position} i kön.")
}

// What the programme's forms say when they refuse, next to the field.
pub const PARTICIPANT_NOT_LISTED: &str = "Välj en deltagare i listan.";
pub const ROUND_NEEDS_SESSION: &str = "En omgång behöver minst ett tillfälle.";
pub const CAPACITY_BELOW_ENROLLED: &str = "Fler är redan antagna. Avanmäl någon först, eller välj fler platser.";
pub const PERSON_NOT_IN_ROUND: &str = "Personen är inte med i omgången.";
pub const SEAT_NOT_FREE: &str = "Platsen kan inte ges bort nu. Ladda om sidan och se vem som står först i kön.";
pub const ATTENDANCE_MARK_EACH: &str = "Välj närvaro för varje person.";
pub const ATTENDANCE_NOT_IN_ROUND: &str = "Någon i listan är inte med i omgången.";

// Who put someone in the interest queue, in its "Anmäld av" column.
pub const QUEUE_BY_PARTICIPANT: &str = "Deltagaren själv";
pub const QUEUE_BY_UNKNOWN: &str = "Okänt";

// The sign-in code page, when a relative is signed out.
pub const RELATIVE_SIGNED_OUT: &str = "Den anhöriga är utloggad överallt.";

// The staff sign-in page, when it refuses.
pub const SIGN_IN_PASSWORD_MISSING: &str = "Skriv ditt lösenord.";
pub const SIGN_IN_PASSWORD_TOO_LONG: &str = "Lösenordet är för långt.";
pub const SIGN_IN_FAILED: &str = "E-postadressen eller lösenordet stämmer inte. Försök igen.";

// Setting up the service: an admin account, a password, the demo data.
pub const PASSWORD_NOT_SAVED: &str = "Lösenordet gick inte att spara. Försök igen.";
pub const ACCOUNT_EMAIL_TAKEN: &str = "Det finns redan ett konto med den e-postadressen.";
pub const DATABASE_NOT_EMPTY: &str = "Databasen är inte tom.";

// --- Intake of a new participant, relatives and gode män, moves (issue 9). ---

pub const NEW_PARTICIPANT: &str = "Ny deltagare";
pub const INTAKE_TITLE: &str = "Ny deltagare";
/// "Personen skrivs in på Daglig verksamhet Norr. …"
pub fn intake_about(unit: &str) -> String {
    format!(
        "Personen skrivs in på {unit}. Du blir kontaktperson. Ett konto görs samtidigt; personen loggar in med en kod."
    )
}
pub const INTAKE_PREFERRED_NAME_HINT: &str = "Det namn personen vill bli kallad. Tomt: förnamnet.";
pub const PERSONAL_NUMBER: &str = "Personnummer eller samordningsnummer";
pub const PERSONAL_NUMBER_HINT: &str = "Till exempel 19121212-1212 eller 121212-1212.";
pub const PROTECTED_IDENTITY: &str = "Skyddade personuppgifter";
pub const INTAKE_SMS: &str = "Påminnelser före möten";
pub const INTAKE_SMS_HINT: &str =
    "Bara om deltagaren vill det: ett sms kvällen före varje möte, klockan 18. Deltagaren kan ändra det i appen.";
pub const INTAKE_SMS_YES: &str = "Skicka sms-påminnelser";
pub const INTAKE_SMS_NEEDS_PHONE: &str = "Skriv deltagarens mobilnummer för att skicka sms-påminnelser.";
pub const PROTECTED_IDENTITY_HINT: &str = "Då syns personen bara för sina kontaktpersoner, inte i enhetens listor.";
pub const PROTECTED_IDENTITY_YES: &str = "Personen har skyddade personuppgifter";
pub const GENDER: &str = "Kön";
pub const INTAKE_PHONE: &str = "Telefon (valfritt)";
pub const BENEFIT_UNTIL_LABEL: &str = "Aktivitetsersättning beviljad till";
pub const BENEFIT_UNTIL_HINT: &str = "Bara för aktivitetsersättning.";
pub const INTAKE_ENTERED_ON: &str = "Började i daglig verksamhet";
pub const INTAKE_FK_CONSENT: &str = "DV får kontakta Försäkringskassan (muntligt samtycke)";
pub const INTAKE_FK_YES: &str = "Ja, samtycke i dag";
pub const INTAKE_FK_NO: &str = "Nej";
pub const INTAKE_FK_LATER: &str = "Frågar senare";
pub const INTAKE_SAVE: &str = "Skriv in deltagaren";
pub const INTAKE_SAVED: &str = "Deltagaren är inskriven. Du är kontaktperson.";
pub const INTAKE_UNIT_CLOSED: &str = "Enheten är stängd. Den tar inte emot nya deltagare.";
pub const INTAKE_START_TOO_LATE: &str = "Datumet är mer än ett år fram. Kontrollera året.";
pub const INTAKE_CHOOSE_FK_CONSENT: &str = "Välj ja, nej eller frågar senare.";
pub const INTAKE_STEP_NOTE: &str = "Inskriven vid kartläggningsmötet.";
pub const INTAKE_CONTACT_ROLE: &str = "Kontaktperson i daglig verksamhet";
/// "Det finns redan en deltagare med det personnumret, på Daglig verksamhet Norr."
pub fn personal_number_taken(unit: &str) -> String {
    format!("Det finns redan en deltagare med det personnumret, på {unit}.")
}

pub const PERSONAL_NUMBER_SHORT: &str = "Personnummer";
pub const PERSONAL_NUMBER_MISSING: &str = "Inte registrerat";
pub const PERSONAL_NUMBER_SHOW: &str = "Visa hela personnumret";
pub const PERSONAL_NUMBER_SHOWN_NOTE: &str = "Att du visade hela numret är sparat i loggen.";
pub const PROTECTED_IDENTITY_NOTE: &str = "Skyddade personuppgifter: bara kontaktpersoner ser deltagaren.";

pub const MOVE_TITLE: &str = "Flytta till en annan enhet";
pub const MOVE_ABOUT: &str =
    "Personalen på den här enheten ser inte deltagaren efter flytten. Deras kontaktpersonsroller slutar i dag.";
pub const MOVE_TO: &str = "Ny enhet";
pub const MOVE_SAVE: &str = "Flytta deltagaren";
pub const MOVE_DONE: &str = "Deltagaren är flyttad till den nya enheten.";
pub const MOVE_CHOOSE_UNIT: &str = "Välj en öppen enhet i listan.";
pub const MOVES_TITLE: &str = "Flyttar mellan enheter";
/// "2026-03-31 13:00: från Daglig verksamhet Norr till Daglig verksamhet Söder (Eva Berg)"
pub fn unit_move(at: &str, from: &str, to: &str, by: Option<&str>) -> String {
    match by {
        Some(by) => format!("{at}: från {from} till {to} ({by})"),
        None => format!("{at}: från {from} till {to}"),
    }
}

pub const RELATIVES_TITLE: &str = "Anhöriga, gode män och förvaltare";
pub const RELATIVES_ABOUT: &str = "Vad en person ser i appen styrs av deltagarens samtycken. Avsluta kopplingen när personen inte längre ska se något.";
pub const RELATIVES_LABEL: &str = "Anhöriga, gode män och förvaltare";
pub const RELATIVE_RELATION: &str = "Relation eller roll";
pub const RELATIVE_MANDATE: &str = "Uppdrag (god man eller förvaltare)";
pub const RELATIVE_MANDATE_HINT: &str =
    "Vad uppdraget gäller, som i beslutet. Till exempel: bevaka rätt, förvalta egendom.";
pub const RELATIVE_CONTACT: &str = "Kontakt";
pub const RELATIVE_PERIOD: &str = "Kopplad";
pub const RELATIVE_ACCOUNT: &str = "Ge ett konto";
pub const RELATIVE_ACCOUNT_HINT: &str = "Med ett konto kan personen logga in med en kod som du gör på sidan Kod.";
pub const RELATIVE_ACCOUNT_YES: &str = "Ja";
pub const RELATIVE_ACCOUNT_NO: &str = "Nej";
pub const RELATIVE_HAS_ACCOUNT: &str = "Har konto";
pub const RELATIVE_ADD_TITLE: &str = "Lägg till en anhörig, god man eller förvaltare";
pub const RELATIVE_EMAIL_HINT: &str = "Finns personen redan med samma e-post kopplas den personen.";
pub const RELATIVE_SAVE: &str = "Lägg till";
pub const RELATIVE_END: &str = "Avsluta koppling";
/// The end button's name for screen readers: "Avsluta koppling till Eva Berg".
pub fn relative_end(name: &str) -> String {
    format!("Avsluta koppling till {name}")
}
/// "Sedan 2026-01-15" or "2026-01-15 till 2026-03-01".
pub fn relative_period(since: chrono::NaiveDate, ended: Option<chrono::NaiveDate>) -> String {
    match ended {
        Some(ended) => format!("{since} till {ended}"),
        None => format!("Sedan {since}"),
    }
}
pub const RELATIVE_SAVED: &str = "Personen är tillagd.";
pub const RELATIVE_EXISTING_LINKED: &str = "Personen fanns redan med samma e-post. Den personen är nu kopplad.";
pub const RELATIVE_LINK_ENDED: &str = "Kopplingen är avslutad. Personen ser inget om deltagaren längre.";
pub const RELATIVE_ALREADY_LINKED: &str = "Personen är redan kopplad till deltagaren.";
pub const RELATIVE_LINK_ALREADY_ENDED: &str = "Kopplingen är redan avslutad.";
pub const RELATIVE_MANDATE_ONLY_FOR_REPRESENTATIVE: &str =
    "Uppdrag skrivs bara för god man och förvaltare. Töm fältet eller välj en annan roll.";
pub const RELATIVE_CHOOSE_ACCOUNT: &str = "Välj ja eller nej.";

// Importing participants from a CSV file.
pub const IMPORT_TITLE: &str = "Importera deltagare";
pub const IMPORT_LINK: &str = "Importera från en fil";
/// "Deltagarna skrivs in på Daglig verksamhet Norr. …"
pub fn import_about(unit: &str) -> String {
    format!(
        "Deltagarna skrivs in på {unit}, och du blir kontaktperson. Spara kalkylarket som CSV (UTF-8) med semikolon \
         eller komma, och klistra in innehållet här. Kontrollera först: inget sparas förrän alla rader är rätt."
    )
}
pub const IMPORT_TEMPLATE_TITLE: &str = "Mallen: första raden och ett exempel";
pub const IMPORT_TEMPLATE_HINT: &str = "Kön, form och ersättning skrivs som i listorna (till exempel Kvinna, Grupp med handledare, Aktivitetsersättning). Skyddade personuppgifter: ja eller nej. Samtycke FK: ja, nej eller senare.";
pub const IMPORT_CSV: &str = "Innehållet i CSV-filen";
pub const IMPORT_CHECK: &str = "Kontrollera";
pub const IMPORT_SAVE: &str = "Importera";
pub const IMPORT_EMPTY: &str = "Filen har inga rader med deltagare.";
pub const IMPORT_NOT_CSV: &str = "Filen går inte att läsa som CSV. Spara den som CSV (UTF-8) och försök igen.";
pub const IMPORT_COLUMNS_MISSING: &str = "Första raden ska ha mallens kolumner. Kopiera den från mallen.";
pub const IMPORT_TOO_MANY_LINES: &str = "Filen har fler än 2000 rader. Dela upp den.";
pub const IMPORT_TRY_AGAIN: &str = "Någon skrev in en av personerna samtidigt. Inget sparades. Kontrollera igen.";
pub const IMPORT_LINE: &str = "Rad";
pub const IMPORT_PROBLEMS: &str = "Vad som är fel";
pub const IMPORT_LINE_OK: &str = "Rätt";
/// "Alla 12 rader är rätt. Inget är sparat än."
pub fn import_checked(lines: usize, problems: usize, saved: usize) -> String {
    match (saved, problems) {
        (0, 0) => format!("Alla {lines} rader är rätt. Inget är sparat än: tryck Importera."),
        (0, p) => format!("{p} av {lines} rader behöver rättas. Inget är sparat."),
        (s, _) => format!("{s} deltagare är inskrivna."),
    }
}
/// "Samma personnummer som rad 3."
pub fn import_same_number_as(line: u64) -> String {
    format!("Samma personnummer som rad {line}.")
}

pub const TODO_TRANSITION: &str = "Datum i övergången inom två veckor";

/// "in 5 days", "tomorrow", "today" for a day ahead.
fn days_ahead(on: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    match (on - today).num_days() {
        0 => "i dag".to_owned(),
        1 => "i morgon".to_owned(),
        n => format!("om {n} dagar"),
    }
}

/// "3 december" (the year only when it is not this year's).
fn day_month(on: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = crate::texts::sv::MONTHS[on.month0() as usize];
    if on.year() == today.year() {
        format!("{} {month}", on.day())
    } else {
        format!("{} {month} {}", on.day(), on.year())
    }
}

/// One line of "Att göra" for a clock of the transition: what happens, when, and the step to take.
pub fn todo_transition(name: &str, due: crate::domain::Due, today: chrono::NaiveDate) -> String {
    use crate::domain::Due;
    let on = day_month(due.on(), today);
    match due {
        Due::PlaceReleased(d) => format!(
            "{name}: DV-platsen släpps {} ({on}). Kom överens med LSS-handläggaren om vilande beslut.",
            days_ahead(d, today)
        ),
        Due::RestingEnds(_) => format!(
            "{name}: Vilande DV upphör {on} — återgång utan ny ansökan fram till dess. Fråga om deltagaren vill komma \
             tillbaka; annars registreras avslutet när vilotiden är slut."
        ),
        Due::HandoverEnds(_) => {
            format!("{name}: Överlämningen slutar {on}. Meddela LSS-handläggaren att daglig verksamhet upphör.")
        }
        Due::MeasureStarts(_) => format!(
            "{name}: Arbetsmarknadsinsatsen börjar {on} — daglig verksamhet upphör då enligt lag. Planera FSF:s fortsatta stöd."
        ),
        Due::FsfSupportEnds(_) => format!("{name}: FSF:s fortsatta stöd slutar {on}. Följ upp hur det går."),
        Due::ExtendedSupportEnds(_) => {
            format!("{name}: Förlängt stöd slutar {on}. Planera avslutet med deltagaren och arbetsgivaren.")
        }
    }
}

// The transition page (`…/overgang`).
pub const TRANSITION_TITLE: &str = "Datum i övergången";
pub const TRANSITION_ABOUT: &str = "Datum som styr övergången från daglig verksamhet. Ett nytt datum av samma slag \
     ersätter det gamla, som sparas. Det som infaller inom två veckor syns under Att göra.";
pub const TRANSITION_NONE: &str = "Inga datum är registrerade.";
pub const TRANSITION_KIND: &str = "Vad gäller datumet?";
pub const TRANSITION_STARTS_ON: &str = "Datum";
pub const TRANSITION_ENDS_ON: &str = "Slutar (bara för FSF:s stöd, om det är känt)";
pub const TRANSITION_NOTE: &str = "Anteckning (valfri)";
pub const TRANSITION_SAVE: &str = "Spara datumet";
pub const TRANSITION_SAVED: &str = "Datumet är sparat.";
pub const TRANSITION_ENDS_ONLY_FSF: &str = "Ta bort slutdatumet. Bara FSF:s stöd har ett eget slutdatum.";
pub const TRANSITION_ENDS_AFTER_START: &str = "Slutdatumet måste komma efter startdatumet.";
pub const RETURN_TITLE: &str = "Återgång till daglig verksamhet";
pub const RETURN_SAVE: &str = "Registrera återgång";
pub const RETURN_SAVED: &str = "Återgången är registrerad. Ingen ny ansökan behövs. Var deltagaren utskriven? \
     Då är inloggningen öppen igen: skapa en ny kod.";
pub const RETURN_ON: &str = "Återgår den";
pub const RETURN_NOTHING_RESTING: &str = "Beslutet vilar inte. Registrera först när beslutet vilar från.";
pub const RETURN_OUTSIDE_RESTING: &str =
    "Dagen ligger utanför vilotiden. Efter vilotiden behöver deltagaren söka daglig verksamhet igen.";
pub const RETURN_NOTE: &str = "Återgång inom vilotiden, utan ny ansökan";

pub fn return_needs_application(until: chrono::NaiveDate) -> String {
    format!("Vilotiden gick ut {until}. Deltagaren behöver söka daglig verksamhet igen.")
}

pub fn return_possible_until(until: chrono::NaiveDate) -> String {
    format!("Beslutet vilar. Deltagaren kan komma tillbaka utan ny ansökan till och med {until}.")
}

/// What a recorded date means, with the day its clock runs out.
pub fn transition_line(kind_label: &str, starts_on: chrono::NaiveDate, due: Option<crate::domain::Due>) -> String {
    use crate::domain::Due;
    let consequence = match due {
        Some(Due::PlaceReleased(d)) => format!(" DV-platsen släpps {d}."),
        Some(Due::RestingEnds(d)) => format!(" Återgång utan ny ansökan till och med {d}."),
        Some(Due::HandoverEnds(_)) => {
            " Då meddelar arbetskonsulenten LSS-handläggaren att daglig verksamhet upphör.".into()
        }
        Some(Due::MeasureStarts(_)) => " Daglig verksamhet upphör då enligt lag.".into(),
        Some(Due::FsfSupportEnds(d) | Due::ExtendedSupportEnds(d)) => format!(" Slutar {d}."),
        None => String::new(),
    };
    format!("{kind_label}: {starts_on}.{consequence}")
}

pub fn transition_closed(on: chrono::NaiveDate) -> String {
    format!("Avslutat {on}: deltagaren kom tillbaka.")
}

/// "På: dagen före klockan 18.00 och två timmar före, i appen och med sms."
pub fn reminders_on(choice: &crate::domain::ReminderChoice) -> String {
    let mut when = Vec::new();
    if let Some(time) = choice.day_before {
        when.push(format!("dagen före klockan {}", time.display()));
    }
    if choice.two_hours_before {
        when.push("två timmar före".to_owned());
    }
    let how: Vec<String> = choice.channels().iter().map(|c| c.label_sv().to_lowercase()).collect();
    format!("På: {}; {}.", when.join(" och "), how.join(" och "))
}

/// "2 anhöriga eller gode män får också påminnelser."
pub fn reminders_others(n: usize) -> String {
    match n {
        1 => "1 anhörig eller god man får också påminnelser.".to_owned(),
        n => format!("{n} anhöriga eller gode män får också påminnelser."),
    }
}

/// Why a reminder did not go out, in words.
pub fn reminder_outcome(code: &str) -> &'static str {
    match code {
        "app_gone" => "Mobilen får inte längre påminnelser i appen",
        "no_app" => "Ingen mobil har slagit på påminnelser i appen",
        "no_phone" => "Inget mobilnummer",
        "sms_refused" => "Sms-tjänsten tog inte emot det",
        "sms_gateway_busy" | "sms_gateway_unreachable" => "Sms-tjänsten svarade inte (försöker igen)",
        "push_busy" | "push_unreachable" => "Tjänsten för notiser svarade inte (försöker igen)",
        "push_refused" | "bad_subscription" => "Tjänsten för notiser tog inte emot det",
        "not_shared" => "Samtycket delar inte längre mötena",
        "meeting_changed" | "meeting_gone" | "no_longer_due" => "Behövs inte längre: mötet ändrades",
        "account_closed" => "Kontot är stängt",
        "sms_not_configured" => "Kommunen har ingen sms-tjänst inställd",
        "push_not_configured" => "Servern skickar inga notiser",
        _ => "Gick inte fram",
    }
}
