//! Texts of the register extract (registerutdrag). The cover page is for the
//! participant and is written in easy Swedish (lättläst, LIX ≤ 30, measured by
//! the extract test); the rest is for staff and for anyone the participant
//! shows it to, in plain office Swedish.

// The cover, for the participant (easy Swedish).
pub const COVER_TITLE: &str = "Det här är dina uppgifter";
pub const COVER_INTRO: [&str; 4] = [
    "Du har rätt att veta vad vi har sparat om dig.",
    "Här finns allt som appen Mina steg har sparat om dig.",
    "Det står vem som skrev och när.",
    "Det står också vem som har tittat.",
];
pub const COVER_WHAT_TITLE: &str = "Vad finns här?";
pub const COVER_WHAT: [&str; 9] = [
    "Ditt namn och ditt personnummer",
    "Din plan",
    "Dina möten och dina svar",
    "Dina kontakter",
    "Din familj och din gode man",
    "Vad du har sagt ja till",
    "Dina steg på stegen",
    "Programmet",
    "Vem som har tittat och ändrat",
];
pub const COVER_WRONG_TITLE: &str = "Är något fel?";
pub const COVER_WRONG: [&str; 2] = ["Säg till om något är fel.", "Då rättar vi det."];
pub const COVER_ASK_TITLE: &str = "Vem kan du fråga?";
pub const COVER_ASK: &str = "Fråga din kontaktperson.";
pub const COVER_ASK_NOBODY: &str = "Fråga din personal.";
pub const COVER_COMPLAIN: [&str; 2] = ["Du kan också klaga hos IMY.", "IMY ser till att lagen följs."];

/// "Till Anna Berg": whom the extract is about.
pub fn cover_for(name: &str) -> String {
    format!("Till {name}")
}

/// "Vi gjorde det här den 2 december 2026."
pub fn cover_made_on(date: &str) -> String {
    format!("Vi gjorde det här den {date}.")
}

/// "Anna Berg, Arbetskonsulent, 070-123 45 67": a contact person on the cover.
pub fn cover_contact(name: &str, role: &str, phone: Option<&str>) -> String {
    match phone {
        Some(phone) => format!("{name}, {role}, {phone}"),
        None => format!("{name}, {role}"),
    }
}

// For staff.
pub const LINK_TITLE: &str = "Registerutdrag";
pub const LINK_ABOUT: &str = "Allt som Mina steg har om deltagaren, att skriva ut eller ladda ner \
     (artikel 15 i dataskyddsförordningen). Att ta fram utdraget loggas.";
pub const LINK: &str = "Ta fram registerutdrag";
pub const BACK_TO_RECORD: &str = "Tillbaka till deltagaren";
pub const PAGE_TITLE: &str = "Registerutdrag";
pub const STAFF_NOTE: &str = "Utdraget visar varje rad i Mina steg som gäller deltagaren. Skriv ut sidan \
     (Ctrl+P) eller ladda ner den som JSON-fil. Att du tog fram utdraget är loggat.";
pub const DOWNLOAD_JSON: &str = "Ladda ner som JSON-fil";
pub const DOWNLOAD_SIGN_IN: &str = "Logga in som personal för att ta fram ett registerutdrag.";
pub const DOWNLOAD_DENIED: &str = "Du kan inte ta fram registerutdrag för den här personen.";
pub const FACTS_LABEL: &str = "Om utdraget";
pub const FACT_ABOUT: &str = "Gäller";
pub const FACT_MADE_AT: &str = "Framtaget";
pub const FACT_MADE_BY: &str = "Framtaget av";
pub const FACT_SYSTEM: &str = "System";
pub const SYSTEM_NAME: &str = "Mina steg (daglig verksamhet enligt LSS)";

pub const ARTICLE_TITLE: &str = "Om behandlingen";
pub const ARTICLE: [(&str, &str); 6] = [
    (
        "Ändamål",
        "Att planera och följa upp den dagliga verksamheten enligt LSS och stegen mot arbete, \
         tillsammans med den enskilde.",
    ),
    (
        "Mottagare",
        "Uppgifter lämnas till andra, till exempel Försäkringskassan, Arbetsförmedlingen eller en \
         anhörig, bara enligt de samtycken som står i utdraget.",
    ),
    ("Hur länge", "Uppgifterna sparas och gallras enligt kommunens dokumenthanteringsplan och socialtjänstens regler."),
    ("Varifrån", "Från den enskilde, från personalen och från dem som den enskilde har samtyckt till kontakt med."),
    (
        "Rättigheter",
        "Den enskilde kan begära rättelse av felaktiga uppgifter, begränsning av behandlingen och i vissa \
         fall radering, och kan klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.",
    ),
    ("Automatiska beslut", "Inga beslut fattas automatiskt."),
];

pub const EMPTY_SECTION: &str = "Inget sparat.";
pub const WITHHELD_LEAD: &str = "Lämnas inte ut: ";
pub const LOG_TECHNICAL_NOTE: &str = "Begärans id, löpnummer och kontrollsumma för varje rad finns i JSON-filen.";
pub const LOG_COLUMNS: [&str; 5] = ["Tid", "Vem", "Händelse", "Del", "Utfall"];

// Values.
pub const YES: &str = "Ja";
pub const NO: &str = "Nej";
pub const ALLOWED: &str = "Tillåten";
pub const DENIED: &str = "Nekad";
pub const NOT_SIGNED_IN: &str = "Inte inloggad";
pub const SYSTEM: &str = "Systemet";
pub const ANOTHER_PARTICIPANT: &str = "En annan deltagare";
pub const A_RELATIVE: &str = "En anhörig eller god man";
pub const NOBODY: &str = "–";

/// "Anna Berg (deltagaren)": the participant as the one who acted.
pub fn the_participant(name: &str) -> String {
    format!("{name} (deltagaren)")
}

/// "Eva Berg (Arbetskonsulent)".
pub fn person_and_role(name: &str, role: &str) -> String {
    format!("{name} ({role})")
}

/// "Möte 12", "Planversion 3": one row's heading.
pub fn item_heading(noun: &str, number: Option<i64>) -> String {
    match number {
        Some(n) => format!("{noun} {n}"),
        None => noun.to_owned(),
    }
}

/// "Lösenordets kontrollsumma (säkerhetsuppgift)".
pub fn withheld(label: &str, reason: &str) -> String {
    format!("{label} ({reason})")
}

/// A table's heading, what it holds, and what one row is called.
pub fn table(table: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match table {
        "participants" => ("Personuppgifter", "Det som står om deltagaren i registret.", "Deltagare"),
        "accounts" => ("Konto", "Deltagarens konto för att logga in i appen.", "Konto"),
        "sign_in_codes" => ("Inloggningskoder", "Koder som personalen har gjort för att logga in.", "Kod"),
        "passkeys" => ("Sparade inloggningar", "Mobiler där inloggningen är sparad.", "Sparad inloggning"),
        "totp_factors" => ("Kodapp", "En app som ger koder för att logga in.", "Kodapp"),
        "invitations" => ("Inbjudningar", "Länkar för att välja lösenord.", "Inbjudan"),
        "demo_accounts" => ("Demokonto", "Beskrivning av ett påhittat konto i demon.", "Demokonto"),
        "participant_relatives" => (
            "Anhöriga och gode män",
            "Kopplingar mellan deltagaren och anhöriga, gode män, förvaltare och boendepersonal.",
            "Koppling",
        ),
        "relatives" => {
            ("Personer i nätverket", "Anhöriga och andra som står i utdraget, med kontaktuppgifter.", "Person")
        }
        "contact_persons" => {
            ("Kontaktpersoner", "Personal och handläggare som deltagaren har kontakt med.", "Kontaktperson")
        }
        "joint_plans" => (
            "Den gemensamma planen",
            "Varje version av planen. En ny version skriver aldrig över en gammal.",
            "Planversion",
        ),
        "plan_activities" => ("Aktiviteter i planen", "Aktiviteterna i varje version av planen.", "Aktivitet"),
        "plan_follow_ups" => ("Uppföljningar i planen", "När planen ska följas upp.", "Uppföljning"),
        "meetings" => ("Möten", "Bokade, hållna och inställda möten, med deltagarens svar.", "Möte"),
        "meeting_attendees" => {
            ("Vilka som kommer på mötena", "Personal, handläggare och anhöriga på varje möte.", "Deltagare på möte")
        }
        "consents" => {
            ("Samtycken", "Givna och återkallade samtycken: till vem, vad de gäller och hur de gavs.", "Samtycke")
        }
        "ladder_moves" => ("Steg på stegen", "Varje steg deltagaren har tagit.", "Steg"),
        "extended_support" => ("Förlängt stöd", "Stöd efter en anställning.", "Förlängt stöd"),
        "transition_dates" => {
            ("Datum i övergången", "När något börjar eller slutar på vägen från daglig verksamhet.", "Datum")
        }
        "dv_changes" => {
            ("Ändringar i daglig verksamhet", "Byte av form, timmar eller plats, och från vilken dag.", "Ändring")
        }
        "employments" => {
            ("Anställningar", "Arbete med lön: från och till, timmar i veckan och arbetsgivare.", "Anställning")
        }
        "sus_registrations" => (
            "Uppgifter för SUS",
            "Det som uppföljningen av Finsam (SUS) frågar om vid start och slut av en insats.",
            "Registrering",
        ),
        "reminder_choices" => {
            ("Val av påminnelser", "När och hur deltagaren, eller en anhörig, vill bli påmind om mötena.", "Val")
        }
        "reminders" => (
            "Påminnelser",
            "Varje påminnelse om ett möte: när den skulle skickas, hur, och om den kom fram.",
            "Påminnelse",
        ),
        "push_subscriptions" => ("Mobiler som får påminnelser", "Mobiler där appen får visa påminnelser.", "Mobil"),
        "expressions_of_interest" => {
            ("Intresseanmälningar", "Anmälningar till det arbetsnärmande programmet.", "Intresseanmälan")
        }
        "enrolments" => ("Programmet", "Platser och köplatser i programmets omgångar.", "Plats"),
        "attendance" => ("Närvaro", "Närvaro vid programmets tillfällen.", "Närvaro"),
        "unit_moves" => ("Byte av enhet", "När deltagaren flyttades mellan enheter.", "Flytt"),
        "revisions" => {
            ("Tidigare värden", "Det som stod före en rättelse. En rättelse skriver aldrig över tyst.", "Ändring")
        }
        "audit_log" => (
            "Vem har läst och ändrat",
            "Loggen: varje gång någon läste, ändrade eller nekades uppgifterna, och vad deltagaren själv gjorde i appen.",
            "Händelse",
        ),
        _ => return None,
    })
}

/// A column's label. Columns without one show their name as stored.
pub fn column(table: &str, column: &str) -> Option<&'static str> {
    let specific = match (table, column) {
        ("participants", "id") => "Nummer i Mina steg",
        ("participants", "name") => "Namn",
        ("participants", "preferred_name") => "Tilltalsnamn",
        ("participants", "created_by") => "Registrerad av",
        ("participants", "created_at") => "Registrerad",
        ("participants", "hours_per_week") => "Timmar i veckan (daglig verksamhet)",
        ("accounts", "role") => "Kontotyp",
        ("accounts", "created_at") => "Skapat",
        ("accounts", "disabled_at") => "Avstängt",
        ("sign_in_codes" | "invitations", "expires_at") => "Gäller till",
        ("sign_in_codes" | "invitations", "used_at") => "Använd",
        ("sign_in_codes" | "invitations", "created_by") => "Gjord av",
        ("sign_in_codes" | "invitations", "created_at") => "Gjord",
        ("relatives", "name") => "Namn",
        ("relatives", "created_at") => "Registrerad",
        ("participant_relatives", "relative_id") => "Person",
        ("participant_relatives", "since") => "Sedan",
        ("contact_persons", "external_contact_id") => "Handläggare",
        ("contact_persons", "until") => "Till och med",
        ("joint_plans", "created_by") => "Sparad av",
        ("joint_plans", "created_at") => "Sparad",
        ("joint_plans", "hours_per_week") => "Timmar i veckan",
        ("meetings", "created_by") => "Bokat av",
        ("meetings", "created_at") => "Bokat",
        ("meetings", "updated_by") => "Ändrat av",
        ("meetings", "updated_at") => "Ändrat",
        ("meetings", "status") => "Status",
        ("meeting_attendees", "relative_id") => "Anhörig",
        ("meeting_attendees", "external_contact_id") => "Handläggare",
        ("enrolments", "status") => "Status",
        ("enrolments", "created_at") => "Anmäld",
        ("enrolments", "created_by") => "Anmäld av",
        ("expressions_of_interest", "created_at") => "Anmäld",
        ("expressions_of_interest", "created_by") => "Anmäld av",
        ("extended_support", "starts_on") => "Från",
        ("extended_support", "ends_on") => "Till",
        ("transition_dates", "kind") => "Vad",
        ("transition_dates", "closed_on") => "Avslutat i förtid",
        ("dv_changes", "changed_on") => "Gäller från",
        ("dv_changes", "from_form") => "Form före",
        ("dv_changes", "to_form") => "Form efter",
        ("dv_changes", "from_hours") => "Timmar före",
        ("dv_changes", "to_hours") => "Timmar efter",
        ("dv_changes", "new_place") => "Ny grupp eller plats",
        ("employments", "starts_on") => "Från",
        ("employments", "ends_on") => "Till och med",
        ("employments", "hours_per_week") => "Timmar i veckan (arbetet)",
        ("employments", "employer_kind") => "Arbetsgivare",
        ("sus_registrations", "starts_on") => "Startade",
        ("sus_registrations", "occupation_before") => "Sysselsättning före",
        ("sus_registrations", "income_before") => "Försörjning före",
        ("sus_registrations", "education") => "Utbildning",
        ("sus_registrations", "time_in_support") => "Tid med offentlig försörjning",
        ("sus_registrations", "ends_on") => "Slutade",
        ("sus_registrations", "end_reason") => "Varför insatsen slutade",
        ("sus_registrations", "occupation_after") => "Sysselsättning efter",
        ("sus_registrations", "income_after") => "Försörjning efter",
        ("sus_registrations", "hours_after") => "Timmar i veckan i arbete efter",
        ("sus_registrations", "ended_by") => "Avslutad av",
        ("sus_registrations", "ended_at") => "Avslutad",
        ("reminder_choices", "day_before_minute") => "Dagen före, minuter efter midnatt",
        ("reminder_choices", "two_hours_before") => "Två timmar före",
        ("reminder_choices", "by_push") => "I appen",
        ("reminder_choices", "by_sms") => "Med sms",
        ("reminder_choices", "lock_screen") => "Det som syns när mobilen är låst",
        ("reminder_choices", "updated_by") => "Valt av",
        ("reminder_choices", "updated_at") => "Valt",
        ("reminders", "idempotency_key") => "Meddelandets nyckel",
        ("reminders", "meeting_id") => "Möte",
        ("reminders", "account_id") => "Till konto",
        ("reminders", "channel") => "Hur",
        ("reminders", "kind") => "Vad",
        ("reminders", "due_at") => "Skulle skickas",
        ("reminders", "attempts") => "Försök",
        ("reminders", "next_attempt_at") => "Nästa försök",
        ("reminders", "claimed_by") => "Skickas av server",
        ("reminders", "lease_until") => "Skickas till senast",
        ("reminders", "outcome") => "Varför inte skickad",
        ("reminders", "sent_at") => "Skickad",
        ("reminders", "created_at") => "Planerad",
        ("push_subscriptions", "created_at") => "Påslagen",
        ("push_subscriptions", "endpoint") => "Mobilens adress hos tjänsten för notiser",
        ("push_subscriptions", "p256dh") => "Mobilens nyckel för notiser",
        ("push_subscriptions", "auth") => "Mobilens hemlighet för notiser",
        ("revisions", "record_id") => "Gäller nummer",
        ("audit_log", "unit_id") => "Deltagarens enhet",
        _ => "",
    };
    if !specific.is_empty() {
        return Some(specific);
    }
    Some(match column {
        "id" => "Nummer",
        "name" => "Namn",
        "phone" => "Telefon",
        "email" => "E-post",
        "photo_path" => "Foto (fil)",
        "unit_id" => "Enhet",
        "benefit_kind" => "Ersättning",
        "benefit_until" => "Ersättning till och med",
        "dv_form" => "Form av daglig verksamhet",
        "hours_per_week" => "Timmar i veckan",
        "ladder_step" => "Steg på stegen",
        "road" => "Väg mot arbete",
        "gender" => "Kön",
        "entered_on" => "I daglig verksamhet sedan",
        "discharged_on" => "Utskriven",
        "discharge_outcome" => "Utskriven till",
        "personal_number" => "Personnummer",
        "protected_identity" => "Skyddade personuppgifter",
        "participant_id" => "Deltagare",
        "account_id" => "Konto",
        "webauthn_handle" => "Id för sparad inloggning",
        "credential_id" => "Nyckelns id",
        "label" => "Mobilens namn",
        "last_used_at" => "Senast använd",
        "removed_at" => "Borttagen",
        "removed_by" => "Borttagen av",
        "confirmed_at" => "Bekräftad",
        "last_step" => "Senaste kodens tidssteg",
        "description" => "Beskrivning",
        "relative_id" => "Person",
        "relation_kind" => "Relation",
        "since" => "Från",
        "until" => "Till",
        "mandate" => "Uppdrag",
        "ended_on" => "Avslutad",
        "ended_by" => "Avslutad av",
        "staff_id" => "Personal",
        "external_contact_id" => "Handläggare",
        "role_in_case" => "Roll",
        "version" => "Version",
        "goal" => "Mål",
        "goal_reason" => "Varför",
        "period_start" => "Från",
        "period_end" => "Till",
        "days_per_week" => "Dagar i veckan",
        "other_notes" => "Övrigt",
        "plan_id" => "Plan",
        "position" => "Ordning",
        "text" => "Aktivitet",
        "due_on" => "Datum",
        "what" => "Vad",
        "programme_session_id" => "Programmets tillfälle",
        "kind" => "Typ av möte",
        "title" => "Rubrik",
        "starts_at" => "Börjar",
        "ends_at" => "Slutar",
        "place" => "Plats",
        "video_link" => "Videolänk",
        "bring" => "Ta med",
        "participant_answer" => "Deltagarens svar",
        "answered_at" => "Svarade",
        "meeting_id" => "Möte",
        "scope" => "Gäller",
        "recipient_organisation" => "Till organisation",
        "recipient_relative_id" => "Till person",
        "shared_sections" => "Delar",
        "method" => "Hur",
        "given_on" => "Givet",
        "recorded_by" => "Registrerat av",
        "recorded_at" => "Registrerat",
        "withdrawn_on" => "Återkallat",
        "withdrawn_recorded_by" => "Återkallelsen registrerad av",
        "from_step" => "Från steg",
        "to_step" => "Till steg",
        "moved_on" => "Datum",
        "note" => "Anteckning",
        "employer" => "Arbetsgivare",
        "starts_on" => "Från",
        "ends_on" => "Till",
        "consent_id" => "Samtycke",
        "round_id" => "Omgång",
        "handled_at" => "Hanterad",
        "handled_by" => "Hanterad av",
        "status" => "Status",
        "waiting_position" => "Plats i kön",
        "seated_at" => "Fick plats",
        "session_id" => "Tillfälle",
        "mark" => "Närvaro",
        "from_unit_id" => "Från enhet",
        "to_unit_id" => "Till enhet",
        "moved_by" => "Flyttad av",
        "moved_at" => "Flyttad",
        "record_kind" => "Vad",
        "record_id" => "Post",
        "old_value" => "Värdet före ändringen",
        "changed_by" => "Ändrat av",
        "changed_at" => "Ändrat",
        "at" => "Tid",
        "actor_account_id" => "Vem",
        "actor_role" => "Roll",
        "action" => "Händelse",
        "outcome" => "Utfall",
        "subject_participant_id" => "Vems uppgifter",
        "request_id" => "Begärans id",
        "seq" => "Löpnummer",
        "mac" => "Kontrollsumma",
        "actor_unit_id" => "Den agerandes enhet",
        "created_by" => "Skapad av",
        "created_at" => "Skapad",
        // Withheld columns, named in the note that says so.
        "password_hash" => "Lösenordets kontrollsumma",
        "session_secret" => "Inloggningens nyckel",
        "code_hash" => "Kodens kontrollsumma",
        "credential" => "Mobilens nyckel",
        "secret" => "Kodappens nyckel",
        "token_hash" => "Länkens kontrollsumma",
        "source" => "Nätverksadress",
        "session_ref" => "Inloggning",
        "detail" => "Mer om vad",
        "updated_by" => "Ändrad av",
        "updated_at" => "Ändrad",
        _ => return None,
    })
}

/// What a revision's record kind is, in words.
pub fn revision_kind(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "meeting" => "Ett möte",
        "participant_dv" => "Form och timmar i daglig verksamhet",
        "participant_discharge" => "Utskrivning",
        "participant_road" => "Väg mot arbete",
        "transition_date" => "Ett datum i övergången",
        "contact_person" => "En kontaktperson",
        "attendance" => "Närvaro vid ett tillfälle",
        _ => return None,
    })
}

/// An audit row's actor role, in words.
pub fn actor_role(role: &str) -> Option<&'static str> {
    Some(match role {
        "anonymous" => NOT_SIGNED_IN,
        "participant" => "Deltagare",
        "relative" => "Anhörig eller god man",
        "staff" => "Personal",
        "admin" => "Systemadministratör",
        "system" => SYSTEM,
        _ => return None,
    })
}
