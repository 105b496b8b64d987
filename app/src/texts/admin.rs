//! Texts of the administrator's pages (`/admin`) and of the invitation page
//! (`/inbjudan`). Plain office Swedish, one thing a sentence.

// The frame.
pub const ADMIN_MENU_LABEL: &str = "Administration";
pub const MENU_UNITS_AND_STAFF: &str = "Enheter och konton";
pub const MENU_INVITE: &str = "Bjud in personal";
pub const BACK_TO_ADMIN: &str = "Tillbaka till enheter och konton";

// `/admin`.
pub const HOME_TITLE: &str = "Enheter och konton";
pub const HOME_INTRO: &str =
    "Här lägger du till enheter och bjuder in personal. Du ser inga uppgifter om deltagare här.";
pub const UNITS_TITLE: &str = "Enheter";
pub const UNITS_NONE: &str = "Det finns inga enheter ännu. Lägg till den första nedan.";
pub const UNIT_NAME: &str = "Enhetens namn";
pub const UNIT_NAME_HINT: &str = "Till exempel Daglig verksamhet Norr.";
pub const UNIT_STATUS: &str = "Läge";
pub const UNIT_OPEN: &str = "Öppen";
pub const UNIT_CLOSED: &str = "Stängd";
pub const UNIT_STAFF: &str = "Personal";
pub const UNIT_PARTICIPANTS: &str = "Deltagare";
pub const NEW_UNIT_TITLE: &str = "Lägg till en enhet";
pub const NEW_UNIT_BUTTON: &str = "Lägg till enheten";
pub const STAFF_TITLE: &str = "Personal och konton";
pub const STAFF_NONE: &str = "Det finns inga konton ännu.";
pub const EMAIL: &str = "E-post";
pub const UNIT: &str = "Enhet";
pub const ROLE: &str = "Roll";
pub const ACCOUNT: &str = "Konto";
pub const SECOND_FACTOR: &str = "Andra steget";
pub const NO_UNIT: &str = "Ingen enhet";
pub const ACTIVE: &str = "Aktivt";
pub const DEACTIVATED: &str = "Avslutat";
pub const INVITED: &str = "Inbjuden, inget lösenord ännu";
pub const FACTOR_YES: &str = "Registrerat";
pub const FACTOR_NO: &str = "Saknas";

// One unit (`/admin/enheter/{id}`).
pub const RENAME_TITLE: &str = "Byt namn";
pub const RENAME_BUTTON: &str = "Spara namnet";
pub const CLOSE_TITLE: &str = "Stäng enheten";
pub const CLOSE_ABOUT: &str = "En stängd enhet finns kvar med all sin historik. Den tar inte emot nya deltagare \
     och ingen ny personal. Det går inte att öppna den igen.";
pub const CLOSE_BUTTON: &str = "Stäng enheten";
pub const UNIT_IS_CLOSED: &str = "Enheten är stängd. Historiken finns kvar.";

/// "Kvar på enheten: 4 i personalen och 12 deltagare."
pub fn unit_remaining(staff: i64, participants: i64) -> String {
    format!("Kvar på enheten: {staff} i personalen och {participants} deltagare.")
}

/// The notice after closing, with who is left.
pub fn unit_closed_notice(staff: i64, participants: i64) -> String {
    if staff == 0 && participants == 0 {
        "Enheten är stängd.".to_owned()
    } else {
        format!(
            "Enheten är stängd. {staff} i personalen och {participants} deltagare finns kvar på den. \
             Flytta dem till en annan enhet."
        )
    }
}

pub const UNIT_NAME_MISSING: &str = "Skriv enhetens namn.";
pub const UNIT_CREATED: &str = "Enheten är tillagd.";
pub const UNIT_RENAMED: &str = "Enhetens namn är ändrat.";
pub const UNIT_NAME_TAKEN: &str = "Det finns redan en enhet med det namnet. Välj ett annat namn.";
pub const UNIT_ALREADY_CLOSED: &str = "Enheten är redan stängd.";

// Inviting (`/admin/personal/ny`).
pub const INVITE_TITLE: &str = "Bjud in personal";
pub const INVITE_INTRO: &str = "Du får en länk att ge personen. Med länken väljer hen ett lösenord. \
     Länken fungerar en gång och i 72 timmar.";
pub const INVITE_NAME: &str = "Namn";
pub const INVITE_EMAIL: &str = "E-postadress";
pub const INVITE_EMAIL_HINT: &str = "Personen loggar in med den.";
pub const INVITE_UNIT_HINT: &str = "En systemadministratör kan vara utan enhet. Ett dataskyddsombud är alltid utan \
     enhet. Alla andra roller behöver en enhet.";
pub const INVITE_BUTTON: &str = "Bjud in";
pub const CHOOSE_UNIT_NONE: &str = "Ingen enhet";
pub const INVITED_NOTICE: &str = "Kontot är skapat. Ge personen länken nedan.";
pub const UNIT_NEEDED: &str =
    "Välj en enhet. Bara en systemadministratör, ett dataskyddsombud och styrgruppen kan vara utan enhet.";
pub const UNIT_NOT_FOR_OFFICER: &str = "Välj Ingen enhet. Ett dataskyddsombud och styrgruppen följer upp hela \
     kommunen och hör inte till en enhet.";
pub const UNIT_NOT_OPEN: &str = "Välj en öppen enhet i listan.";
pub const UNIT_NOT_LISTED: &str = "Välj en enhet i listan.";

// One account (`/admin/personal/{id}`).
pub const CHANGE_TITLE: &str = "Byt enhet eller roll";
pub const CHANGE_BUTTON: &str = "Spara enhet och roll";
pub const CHANGED_NOTICE: &str = "Enhet och roll är sparade.";
pub const INVITATION_TITLE: &str = "Inbjudan";
pub const INVITATION_ABOUT: &str =
    "En ny länk gör att den gamla slutar fungera. Länken visas bara en gång, här och nu.";
pub const RESEND_BUTTON: &str = "Skicka ny inbjudan";
pub const RESENT_NOTICE: &str = "En ny länk är skapad. Den gamla fungerar inte längre.";
pub const INVITATION_LINK: &str = "Länken";
pub const INVITATION_QR_LABEL: &str = "QR-kod med länken till inbjudan";
pub const INVITATION_SHOWN_ONCE: &str = "Kopiera länken eller låt personen skanna QR-koden nu. Länken visas inte igen.";

/// "Länken fungerar till tisdag 3 december klockan 10."
pub fn invitation_valid_until(when: &str) -> String {
    format!("Länken fungerar en gång, till {when}.")
}

pub const FACTOR_TITLE: &str = "Andra steget vid inloggning";
pub const FACTOR_ABOUT: &str = "Om personen har tappat sin telefon eller nyckel: ta bort det andra steget. \
     Personen loggas ut och får registrera ett nytt nästa gång hen loggar in.";
pub const FACTOR_RESET_BUTTON: &str = "Ta bort andra steget";
pub const FACTOR_RESET_NOTICE: &str =
    "Det andra steget är borttaget. Personen registrerar ett nytt vid nästa inloggning.";
pub const ACCOUNT_TITLE: &str = "Kontot";
pub const DEACTIVATE_ABOUT: &str =
    "Ett avslutat konto kan inte logga in. Personen loggas ut direkt. Namnet finns kvar i historiken.";
pub const DEACTIVATE_BUTTON: &str = "Avsluta kontot";
pub const DEACTIVATED_NOTICE: &str = "Kontot är avslutat. Personen är utloggad.";
pub const REACTIVATE_BUTTON: &str = "Öppna kontot igen";
pub const REACTIVATED_NOTICE: &str = "Kontot är öppet igen.";
pub const CANNOT_DEACTIVATE_SELF: &str = "Du kan inte avsluta ditt eget konto. Be en annan administratör.";
pub const ACCOUNT_DEACTIVATED_FIRST: &str = "Kontot är avslutat. Öppna kontot igen först.";
pub const LAST_ADMIN: &str = "Det måste finnas minst en aktiv systemadministratör. Bjud in en till först.";

// `/inbjudan`: the new staff member chooses a password.
pub const INVITATION_PAGE_TITLE: &str = "Välj ett lösenord";

/// "Välkommen, Anna Berg."
pub fn invitation_welcome(name: &str) -> String {
    format!("Välkommen, {name}.")
}

pub const INVITATION_PAGE_INTRO: &str = "Välj ett lösenord för Mina steg. Det ska ha minst 12 tecken. \
     Du kan skriva flera ord efter varandra.";
pub const NEW_PASSWORD: &str = "Nytt lösenord";
pub const REPEAT_PASSWORD: &str = "Skriv lösenordet en gång till";
pub const PASSWORDS_DIFFER: &str = "Lösenorden är inte likadana. Skriv samma lösenord i båda fälten.";
pub const SAVE_PASSWORD: &str = "Spara lösenordet";
pub const INVITATION_UNUSABLE: &str = "Länken fungerar inte. Den kan vara gammal eller redan använd. \
     Be din administratör om en ny länk.";
pub const PASSWORD_SAVED: &str = "Ditt lösenord är sparat. Logga in.";

// Retention (`/admin/gallring` and `/admin/gallring/bekrafta`).
pub const MENU_RETENTION: &str = "Gallring";
pub const RETENTION_TITLE: &str = "Gallring";
pub const RETENTION_INTRO: &str = "Här ser du vilka deltagares uppgifter som ska raderas i dag enligt regeln. \
     Att titta raderar ingenting.";
pub const RETENTION_NO_NAMES: &str = "Listan visar deltagarens nummer i systemet och enheten, inte namnet. \
     Personalen på enheten kan slå upp numret.";
pub const RULE_TITLE: &str = "Regeln";
pub const RULE_ABOUT: &str = "Hur många år uppgifterna sparas är kommunens beslut. Socialtjänstlagen säger fem år \
     efter den senaste anteckningen. För kommunens egen LSS-verksamhet har lagen ingen sådan regel. Då gäller \
     arkivlagen och kommunens arkivmyndighet beslutar. Fråga arkivet om ni är osäkra.";
pub const RULE_LOG_KEPT: &str = "Loggen över vem som har läst och ändrat uppgifter raderas aldrig. Den innehåller \
     nummer, inte namn. Varje radering skrivs in i loggen.";
pub const RULE_YEARS: &str = "Antal år efter den senaste anteckningen";
pub const RULE_YEARS_HINT: &str = "Ett helt antal år, 1 till 100. Lämna tomt om uppgifterna aldrig ska raderas.";
pub const RULE_SAVE: &str = "Spara regeln";
pub const RULE_SAVED: &str = "Regeln är sparad.";
pub const RETENTION_YEARS_INVALID: &str = "Skriv ett helt antal år från 1 till 100, eller lämna fältet tomt.";
pub const DUE_TITLE: &str = "Ska raderas i dag";
pub const DUE_NONE: &str = "Ingen deltagares uppgifter ska raderas i dag.";
pub const DUE_RULE_OFF: &str = "Regeln är avstängd. Inga uppgifter raderas.";
pub const COL_PARTICIPANT: &str = "Deltagare nummer";
pub const COL_DISCHARGED: &str = "Avslutad";
pub const COL_LAST_ENTRY: &str = "Senaste anteckning";
pub const COL_DUE: &str = "Ska raderas från";
pub const COL_WHAT: &str = "Uppgifter";
pub const TOTALS_TITLE: &str = "Totalt";
pub const KIND: &str = "Slag av uppgift";
pub const COUNT: &str = "Antal";
pub const GO_TO_CONFIRM: &str = "Gå vidare till radering";
pub const CONFIRM_TITLE: &str = "Radera uppgifterna";
pub const CONFIRM_WHAT: &str = "Det här raderas, för alla på listan:";
pub const CONFIRM_COUNT: &str = "Antal deltagare";
pub const CONFIRM_COUNT_HINT: &str = "Skriv antalet med siffror.";
pub const CONFIRM_BUTTON: &str = "Radera uppgifterna";
pub const BACK_TO_RETENTION: &str = "Tillbaka till gallringen";
pub const COUNT_NOT_A_NUMBER: &str = "Skriv antalet deltagare med siffror.";
pub const COUNT_WRONG: &str = "Antalet stämmer inte med listan. Skriv hur många deltagare som står på listan.";
pub const RETENTION_LIST_CHANGED: &str = "Listan har ändrats sedan du läste den. Läs den igen innan du raderar.";
pub const RETENTION_NOTHING_DUE: &str = "Det finns inga uppgifter att radera i dag.";

/// The rule in one sentence.
pub fn rule_sentence(years: Option<i64>) -> String {
    match years {
        Some(years) => {
            format!("Uppgifterna om en deltagare som har avslutats raderas {years} år efter den senaste anteckningen.")
        }
        None => "Regeln är avstängd: uppgifterna raderas aldrig.".to_owned(),
    }
}

/// "Regeln ändrades senast 2026-12-02."
pub fn rule_changed(on: chrono::NaiveDate) -> String {
    format!("Regeln ändrades senast {on}.")
}

/// "Du håller på att radera alla uppgifter om 3 deltagare. Det går inte att ångra."
pub fn confirm_warning(participants: usize) -> String {
    format!("Du håller på att radera alla uppgifter om {participants} deltagare. Det går inte att ångra.")
}

/// "Skriv 3 för att bekräfta."
pub fn confirm_count_hint(participants: usize) -> String {
    format!("Skriv {participants} för att bekräfta att du vill radera.")
}

/// The notice after a deletion.
pub fn retention_done(participants: usize) -> String {
    format!("Uppgifterna om {participants} deltagare är raderade. Loggen har en rad om varje.")
}

/// One participant of the dry run, as `mina-steg retention` prints it.
pub fn candidate_line(c: &crate::models::RetentionCandidate) -> String {
    let counts: Vec<String> = c.counts.iter().map(|k| kind_count(k.kind, k.count)).collect();
    format!(
        "Deltagare nummer {} ({}): avslutad {}, senaste anteckning {}, ska raderas från {}. {}.",
        c.participant_id,
        c.unit_name,
        c.discharged_on,
        c.last_entry,
        c.due_on,
        counts.join(", ")
    )
}

/// The end of `mina-steg retention --dry-run`.
pub fn command_due(participants: usize) -> String {
    match participants {
        0 => "Ingenting ska raderas i dag.".to_owned(),
        n => format!("{n} deltagare ska raderas. Radera med: mina-steg retention --apply {n}"),
    }
}

/// What one kind of record is called on the page.
pub fn record_kind(kind: crate::models::RecordKind) -> &'static str {
    use crate::models::RecordKind::*;
    match kind {
        Profile => "Uppgifter om deltagaren (med personnummer)",
        PlanVersions => "Versioner av planen",
        Meetings => "Möten",
        Consents => "Samtycken",
        ContactPersons => "Kontaktpersoner",
        Steps => "Steg och förlängt stöd",
        Programme => "Programmet: platser, närvaro och intresse",
        RelativeLinks => "Kopplingar till anhöriga och gode män",
        Relatives => "Anhöriga som inte är kopplade till någon annan",
        UnitMoves => "Flyttar mellan enheter",
        Account => "Inloggning",
        Revisions => "Tidigare versioner av ändrade uppgifter",
    }
}

/// "Möten: 12" for a list.
pub fn kind_count(kind: crate::models::RecordKind, count: i64) -> String {
    format!("{}: {count}", record_kind(kind))
}
