//! The authorization matrix: every server function and every GET route of the
//! router, called by every kind of viewer against one participant's data, with
//! the expected answer in one table. The lists of functions and routes are read
//! from the code, so a new one without a row fails the test. A refusal of a
//! signed-in viewer must also be in the audit log, under that request's id.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};
use std::collections::BTreeSet;

/// The kinds of viewer, in the order of the expectation strings below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    Anonymous,
    /// The participant whose data it is.
    Myself,
    /// Another participant of the same unit.
    OtherParticipant,
    /// A relative whose consent shares only the meetings.
    RelativeMeetings,
    /// A relative whose consent shares everything shareable.
    RelativeAll,
    /// A relative linked to the participant, with no consent.
    RelativeNoConsent,
    /// A relative whose consent was withdrawn.
    RelativeWithdrawn,
    /// Staff of the participant's unit.
    UnitStaff,
    /// The enhetschef of the participant's unit.
    UnitManager,
    /// Staff of another unit.
    OtherUnitStaff,
    Admin,
    /// The dataskyddsombud: the whole municipality's log, no unit, no records.
    DataProtectionOfficer,
    /// The steering group: the whole municipality's outcomes in counts, no unit, no records.
    SteeringGroup,
}

const VIEWERS: [Viewer; 13] = [
    Viewer::Anonymous,
    Viewer::Myself,
    Viewer::OtherParticipant,
    Viewer::RelativeMeetings,
    Viewer::RelativeAll,
    Viewer::RelativeNoConsent,
    Viewer::RelativeWithdrawn,
    Viewer::UnitStaff,
    Viewer::UnitManager,
    Viewer::OtherUnitStaff,
    Viewer::Admin,
    Viewer::DataProtectionOfficer,
    Viewer::SteeringGroup,
];

// Expectations, one character a viewer in the order of `VIEWERS`:
//   A  M  O  Rm Ra Rn Rw S  C  X  D  P  G
// y  allowed (2xx, 3xx, or 422 for input the function then refuses)
// n  refused (401, 403 or 404; for a page also a redirect to sign-in)
// r  a page that sends this viewer to their own start page (3xx elsewhere)
// -  answers about the asker's own session only: anything but a server error

const OWN_PAGES: &str = "nynyynnyynnnn"; // a participant's own pages that a meetings consent shares
const SHARED_OTHER: &str = "nynnynnyynnnn"; // own pages that only an everything-consent shares
const STAFF_ON_P: &str = "nnnnnnnyynnnn"; // staff of the participant's unit only
const OWN_UNIT: &str = "nnnnnnnyyynnn"; // staff, each on their own unit
const SESSION: &str = "-------------";
const ADMIN_ONLY: &str = "nnnnnnnnnnynn"; // the administrator's area: units and staff accounts
const ANYONE: &str = "yyyyyyyyyyyyy";
const WORKERS: &str = "nnnnnnnyyyyyy"; // everyone who works the process: staff of any unit, admin, dataskyddsombud, steering group
const FOLLOW_UP: &str = "nnnnnnnnynyny"; // the enhetschef (own unit), the administrator and the steering group (all units)
const LOG_READERS: &str = "nnnnnnnnynnyn"; // the enhetschef and the dataskyddsombud

/// Server functions: (endpoint, form, expectations). `{p}` is the participant,
/// `{m}` one of their planned meetings, `{r}` their relative, `{round}` a round
/// of their unit, `{session}` one of its sessions, `{contact}` a contact person,
/// `{consent}` a consent of theirs, `{today}` and `{week}` dates. Writes that
/// change what later rows read come last.
/// A server function's row: its name, the form it is sent, the expectations.
type FunctionRow = (&'static str, &'static [(&'static str, &'static str)], &'static str);

const FUNCTIONS: &[FunctionRow] = &[
    ("viewer", &[], SESSION),
    ("form_feedback", &[("form", "plan")], SESSION),
    ("notice", &[("page", "/")], SESSION),
    ("take_answer_message", &[("meeting_id", "{m}")], SESSION),
    ("take_new_sign_in_code", &[("participant_id", "{p}")], "n------------"),
    ("demo_accounts", &[], SESSION),
    // The participant's own pages, asked for by id.
    ("participant_start", &[("participant_id", "{p}")], OWN_PAGES),
    ("meetings", &[("participant_id", "{p}")], OWN_PAGES),
    ("meeting", &[("meeting_id", "{m}")], OWN_PAGES),
    ("plan", &[("participant_id", "{p}")], SHARED_OTHER),
    ("contacts", &[("participant_id", "{p}")], SHARED_OTHER),
    ("ladder", &[("participant_id", "{p}")], SHARED_OTHER),
    ("programme", &[("participant_id", "{p}")], SHARED_OTHER),
    // "Vem har tittat?": the participant, and a relative it is shared with (the everything-consent).
    ("who_looked", &[("participant_id", "{p}")], "nynnynnnnnnnn"),
    // The participant's own answers: theirs alone (another participant answers for themselves).
    ("answer_meeting", &[("meeting_id", "{m}"), ("answer", "coming")], "nynnnnnnnnnnn"),
    ("express_interest", &[], "nyynnnnnnnnnn"),
    // Reminders: the participant's own choice, and a relative's whose consent shares the meetings
    // (staff read and switch them on the record); a phone's subscription is its own account's.
    ("reminders", &[("participant_id", "{p}")], "nynyynnnnnnnn"),
    ("save_reminders", &[("participant_id", "{p}"), ("day_before", "on"), ("by_push", "on")], "nynyynnnnnnnn"),
    ("test_reminder", &[("participant_id", "{p}")], "nynyynnnnnnnn"),
    (
        "subscribe_push",
        &[
            ("endpoint", "https://fcm.googleapis.com/fcm/send/matris"),
            ("p256dh", "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
            ("auth", "BTBZMqHH6r4Tts7J_aSIgg"),
        ],
        "nyyyyyynnnnnn",
    ),
    ("reminder_shown", &[("key", "00000000000000000000000000000000")], "nyyyyyynnnnnn"),
    ("record_reminders", &[("participant_id", "{p}")], STAFF_ON_P),
    ("set_sms_reminders", &[("participant_id", "{p}"), ("sms", "off")], STAFF_ON_P),
    // The staff record: one function per page, then its forms.
    ("participant_record", &[("participant_id", "{p}")], STAFF_ON_P),
    ("plan_history", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_meetings", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_contacts", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_consents", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_steps", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_access", &[("participant_id", "{p}")], STAFF_ON_P),
    // Intake, the personnummer in full, placement, relatives (issue 9).
    ("record_placement", &[("participant_id", "{p}")], STAFF_ON_P),
    ("reveal_personal_number", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_relatives", &[("participant_id", "{p}")], STAFF_ON_P),
    // The register extract (GDPR art. 15): made by the unit, audited as an export.
    ("register_extract", &[("participant_id", "{p}")], STAFF_ON_P),
    ("intake_start", &[], OWN_UNIT),
    ("import_page", &[], OWN_UNIT),
    ("create_sign_in_code", &[("participant_id", "{p}")], STAFF_ON_P),
    (
        "save_plan",
        &[
            ("participant_id", "{p}"),
            ("goal", "Arbeta i ett kafé"),
            ("reason", "Jag tycker om att möta människor."),
            ("from", "{today}"),
            ("days_per_week", "4"),
            ("hours_per_week", "20"),
            ("activities", "Programmets träffar"),
        ],
        STAFF_ON_P,
    ),
    (
        "create_meeting",
        &[
            ("participant_id", "{p}"),
            ("kind", "check_in"),
            ("title", "Avstämning"),
            ("date", "{week}"),
            ("start", "10:00"),
            ("end", "11:00"),
            ("place", "Rum 2"),
        ],
        STAFF_ON_P,
    ),
    (
        "reschedule_meeting",
        &[("participant_id", "{p}"), ("meeting_id", "{m}"), ("date", "{week}"), ("start", "13:00"), ("end", "14:00")],
        STAFF_ON_P,
    ),
    (
        "add_consent",
        &[
            ("participant_id", "{p}"),
            ("scope", "dv_fk_contact"),
            ("organisation", "fk"),
            ("method", "oral"),
            ("given_on", "{today}"),
        ],
        STAFF_ON_P,
    ),
    ("withdraw_consent", &[("participant_id", "{p}"), ("consent_id", "{consent}")], STAFF_ON_P),
    ("record_step", &[("participant_id", "{p}"), ("step", "work_prep_programme"), ("on", "{today}")], STAFF_ON_P),
    (
        "change_dv",
        &[("participant_id", "{p}"), ("dv_form", "group"), ("hours_per_week", "20"), ("on", "{today}")],
        STAFF_ON_P,
    ),
    ("change_road", &[("participant_id", "{p}"), ("road", "asf")], STAFF_ON_P),
    ("record_transition", &[("participant_id", "{p}")], STAFF_ON_P),
    ("record_sus", &[("participant_id", "{p}")], STAFF_ON_P),
    (
        "start_sus",
        &[
            ("participant_id", "{p}"),
            ("starts_on", "{today}"),
            ("occupation_before", "daily_activity"),
            ("income_before", "activity_compensation"),
            ("education", "upper_secondary"),
            ("time_in_support", "3_5"),
        ],
        STAFF_ON_P,
    ),
    (
        "end_sus",
        &[
            ("participant_id", "{p}"),
            ("ends_on", "{today}"),
            ("end_reason", "work"),
            ("occupation_after", "work"),
            ("income_after", "wage"),
            ("hours_after", "20"),
        ],
        STAFF_ON_P,
    ),
    ("sus_sheet", &[], OWN_UNIT),
    (
        "record_transition_date",
        &[("participant_id", "{p}"), ("kind", "handover_end"), ("starts_on", "{today}")],
        STAFF_ON_P,
    ),
    // Staff get 422 (no decision rests), everyone else a refusal before that.
    ("return_to_dv", &[("participant_id", "{p}"), ("on", "{today}")], STAFF_ON_P),
    (
        "add_contact_person",
        &[
            ("participant_id", "{p}"),
            ("who", "new"),
            ("role_in_case", "Din handläggare"),
            ("since", "{today}"),
            ("new_name", "Påhittad Handläggare"),
            ("new_organisation", "fk"),
            ("new_title", "Handläggare"),
        ],
        STAFF_ON_P,
    ),
    (
        "change_contact_role",
        &[("participant_id", "{p}"), ("contact_id", "{contact}"), ("role_in_case", "Din kontakt")],
        STAFF_ON_P,
    ),
    ("end_contact_person", &[("participant_id", "{p}"), ("contact_id", "{contact}")], STAFF_ON_P),
    (
        "add_extended_support",
        &[("participant_id", "{p}"), ("employer", "Kaféet"), ("starts_on", "{today}")],
        STAFF_ON_P,
    ),
    (
        "add_employment",
        &[("participant_id", "{p}"), ("starts_on", "{today}"), ("hours_per_week", "20"), ("employer_kind", "private")],
        STAFF_ON_P,
    ),
    // No such employment: staff get 422, everyone else a refusal before that.
    ("end_employment", &[("participant_id", "{p}"), ("employment_id", "0"), ("ends_on", "{today}")], STAFF_ON_P),
    // The unit's programme.
    ("staff_home", &[], OWN_UNIT),
    ("manual", &[], WORKERS),
    ("follow_up", &[], FOLLOW_UP),
    ("programme_overview", &[], OWN_UNIT),
    (
        "create_round",
        &[
            ("name", "Våren"),
            ("form", "group"),
            ("place", "Rum 2"),
            ("capacity", "6"),
            ("first_date", "{week}"),
            ("start_time", "13:00"),
            ("minutes", "90"),
            ("count", "4"),
        ],
        OWN_UNIT,
    ),
    ("round", &[("round_id", "{round}")], STAFF_ON_P),
    ("set_round_capacity", &[("round_id", "{round}"), ("capacity", "12")], STAFF_ON_P),
    ("enrol_participant", &[("round_id", "{round}"), ("participant_id", "{p}")], STAFF_ON_P),
    ("give_seat", &[("round_id", "{round}"), ("participant_id", "{p}")], STAFF_ON_P),
    ("withdraw_participant", &[("round_id", "{round}"), ("participant_id", "{p}")], STAFF_ON_P),
    ("register_interest", &[("participant_id", "{p}"), ("note", "Frågade vid mötet")], STAFF_ON_P),
    ("dismiss_interest", &[("participant_id", "{p}")], STAFF_ON_P),
    ("attendance_sheet", &[("session_id", "{session}")], STAFF_ON_P),
    ("record_attendance", &[("session_id", "{session}"), ("marks[{p}]", "present")], STAFF_ON_P),
    (
        "update_session",
        &[
            ("session_id", "{session}"),
            ("date", "{week}"),
            ("start", "13:00"),
            ("end", "14:30"),
            ("theme", "Vägar till arbete"),
            ("place", "Rum 2"),
            ("visit", "none"),
        ],
        STAFF_ON_P,
    ),
    (
        "add_round_session",
        &[
            ("round_id", "{round}"),
            ("date", "{week}"),
            ("start", "15:00"),
            ("end", "16:00"),
            ("theme", "Vägar till arbete"),
            ("place", "Rum 2"),
            ("visit", "none"),
        ],
        STAFF_ON_P,
    ),
    (
        "register_participant",
        &[
            ("name", "Påhittad Intag"),
            ("personal_number", "19121212-1212"),
            ("gender", "unspecified"),
            ("dv_form", "group"),
            ("hours_per_week", "20"),
            ("benefit_kind", "none"),
            ("entered_on", "{today}"),
            ("fk_consent", "later"),
        ],
        OWN_UNIT,
    ),
    ("add_relative", &[("participant_id", "{p}"), ("name", "Påhittad Syster"), ("relation", "sibling")], STAFF_ON_P),
    ("import_participants", &[("csv", "namn;personnummer"), ("mode", "check")], OWN_UNIT),
    // No such link: unit staff get 422, everyone else is refused before.
    ("end_relative_link", &[("participant_id", "{p}"), ("link_id", "0")], STAFF_ON_P),
    // Only the enhetschef moves a participant. No such unit: the enhetschef gets 422 (so the
    // participant stays for the rows below), everyone else is refused before.
    ("move_participant", &[("participant_id", "{p}"), ("to_unit", "0")], "nnnnnnnnynnnn"),
    // Writes that end things: late, so the rows above still find them.
    ("set_meeting_status", &[("meeting_id", "{m}"), ("status", "cancelled")], STAFF_ON_P),
    ("end_relative_sessions", &[("participant_id", "{p}"), ("relative_id", "{r}")], STAFF_ON_P),
    ("end_participant_sessions", &[("participant_id", "{p}")], STAFF_ON_P),
    ("discharge", &[("participant_id", "{p}"), ("on", "{today}"), ("outcome", "studies")], STAFF_ON_P),
    // The log follow-up: the enhetschef (their unit's rows) and the dataskyddsombud (every unit's).
    ("log_search", &[("participant_id", "{p}")], LOG_READERS),
    ("log_export", &[("participant_id", "{p}")], LOG_READERS),
    // The administrator's area (unit 1, staff 1 of the demo data), then the
    // invitation link, which anyone holding it may open (here: an unknown one).
    ("admin_home", &[], ADMIN_ONLY),
    ("admin_unit", &[("unit_id", "1")], ADMIN_ONLY),
    ("admin_staff_member", &[("staff_id", "1")], ADMIN_ONLY),
    ("create_unit", &[("name", "Enheten i matrisen")], ADMIN_ONLY),
    ("rename_unit", &[("unit_id", "1"), ("name", "Nytt namn i matrisen")], ADMIN_ONLY),
    (
        "invite_staff",
        &[
            ("name", "Påhittad Inbjuden"),
            ("email", "inbjuden.matris@example.se"),
            ("unit", "1"),
            ("role", "supervisor"),
        ],
        ADMIN_ONLY,
    ),
    ("resend_invitation", &[("staff_id", "1")], ADMIN_ONLY),
    ("change_staff", &[("staff_id", "1"), ("unit", "1"), ("role", "supervisor")], ADMIN_ONLY),
    ("reset_second_factor", &[("staff_id", "1")], ADMIN_ONLY),
    ("deactivate_staff", &[("staff_id", "1")], ADMIN_ONLY),
    ("reactivate_staff", &[("staff_id", "1")], ADMIN_ONLY),
    ("close_unit", &[("unit_id", "1")], ADMIN_ONLY),
    // Retention: the dry run, the rule, and a deletion that lists no one (the
    // administrator gets 422: nothing is due in the demo data).
    ("retention", &[], ADMIN_ONLY),
    ("set_retention_rule", &[("years", "5")], ADMIN_ONLY),
    ("apply_retention", &[("ids", ""), ("count", "0")], ADMIN_ONLY),
    ("invitation", &[("token", "0000")], ANYONE),
    (
        "accept_invitation",
        &[("token", "0000"), ("password", "ett långt lösenord"), ("password_again", "ett långt lösenord")],
        ANYONE,
    ),
    // Staff's own security page (before the demo sign-in below changes who asks).
    ("security_page", &[], "nnnnnnnyyyyyy"),
    // Passkeys: one's own, and a participant's devices on the record (no passkey 999999 to remove).
    ("my_passkeys", &[], "nyyyyyyyyyyyy"),
    ("passkey_offer", &[], SESSION),
    ("participant_devices", &[("participant_id", "{p}")], STAFF_ON_P),
    ("remove_device", &[("participant_id", "{p}"), ("passkey_id", "999999")], "nnnnnnnnnnnnn"),
    // Signing in and out: about the asker's own session, last of all.
    ("demo_sign_in", &[("account_id", "1")], SESSION),
    ("sign_in_code", &[("code", "AAAA-BBBB-CCCC")], SESSION),
    ("sign_in_staff", &[("email", "ingen@example.se"), ("password", "fel-losenord-123")], SESSION),
    // Staff's second step and their own security page.
    ("load_second_step", &[], SESSION),
    ("sign_in_totp", &[("code", "123456")], SESSION),
    ("register_totp", &[("code", "123456")], SESSION),
    ("passkey_register_start", &[], SESSION),
    ("passkey_register_finish", &[("credential", "{}")], SESSION),
    ("passkey_sign_in_start", &[], SESSION),
    ("passkey_sign_in_finish", &[("credential", "{}")], SESSION),
    ("sign_out", &[], SESSION),
];

/// GET routes: (pattern as written in the router, path to ask for, expectations).
const PAGES: &[(&str, &str, &str)] = &[
    ("/", "/", "nyyyynnrrrrrr"),
    ("/min-plan", "/min-plan", "nyynynnrrrrrr"),
    ("/moten", "/moten", "nyyyynnrrrrrr"),
    ("/moten/:id", "/moten/{m}", "nynyynnrrrrrr"),
    ("/moten/{id}/kalender.ics", "/moten/{m}/kalender.ics", OWN_PAGES),
    ("/kontakter", "/kontakter", "nyynynnrrrrrr"),
    ("/stegen", "/stegen", "nyynynnrrrrrr"),
    ("/programmet", "/programmet", "nyynynnrrrrrr"),
    ("/vem-har-tittat", "/vem-har-tittat", "nyynynnrrrrrr"),
    ("/paminnelser", "/paminnelser", "nyyyynnrrrrrr"),
    ("/inte-uppkopplad", "/inte-uppkopplad", ANYONE),
    ("/om", "/om", "yyyyyyyyyyyyy"),
    ("/logga-in", "/logga-in", "yyyyyyyyyyyyy"),
    ("/logga-in/personal", "/logga-in/personal", "yyyyyyyyyyyyy"),
    ("/logga-in/personal/kod", "/logga-in/personal/kod", "yyyyyyyyyyyyy"),
    ("/logga-in/personal/ny-faktor", "/logga-in/personal/ny-faktor", "yyyyyyyyyyyyy"),
    ("/personal/sakerhet", "/personal/sakerhet", WORKERS),
    ("/personal/handbok", "/personal/handbok", WORKERS),
    ("/personal/uppfoljning", "/personal/uppfoljning", FOLLOW_UP),
    ("/personal/uppfoljning.csv", "/personal/uppfoljning.csv", FOLLOW_UP),
    ("/personal/uppfoljning-personer.csv", "/personal/uppfoljning-personer.csv", "nnnnnnnnynnnn"),
    ("/personal/sus", "/personal/sus", OWN_UNIT),
    ("/personal/sus.csv", "/personal/sus.csv", OWN_UNIT),
    ("/demo", "/demo", SESSION),
    ("/healthz", "/healthz", "yyyyyyyyyyyyy"),
    ("/readyz", "/readyz", "yyyyyyyyyyyyy"),
    ("/personal", "/personal", "nnnnnnnyyyrrr"), // an administrator outside the units goes to /admin
    ("/admin", "/admin", ADMIN_ONLY),
    ("/admin/bjud-in", "/admin/bjud-in", ADMIN_ONLY),
    ("/admin/enheter/:id", "/admin/enheter/1", ADMIN_ONLY),
    ("/admin/personal/:id", "/admin/personal/1", ADMIN_ONLY),
    ("/admin/gallring", "/admin/gallring", ADMIN_ONLY),
    ("/admin/gallring/bekrafta", "/admin/gallring/bekrafta", ADMIN_ONLY),
    ("/inbjudan", "/inbjudan?t=0000", ANYONE),
    ("/personal/ny-deltagare", "/personal/ny-deltagare", OWN_UNIT),
    ("/personal/importera", "/personal/importera", OWN_UNIT),
    ("/personal/logg", "/personal/logg", LOG_READERS),
    ("/personal/deltagare/:id", "/personal/deltagare/{p}", STAFF_ON_P),
    ("/personal/deltagare/:id/plan", "/personal/deltagare/{p}/plan", STAFF_ON_P),
    ("/personal/deltagare/:id/moten", "/personal/deltagare/{p}/moten", STAFF_ON_P),
    ("/personal/deltagare/:id/kontakter", "/personal/deltagare/{p}/kontakter", STAFF_ON_P),
    ("/personal/deltagare/:id/samtycken", "/personal/deltagare/{p}/samtycken", STAFF_ON_P),
    ("/personal/deltagare/:id/steg", "/personal/deltagare/{p}/steg", STAFF_ON_P),
    ("/personal/deltagare/:id/overgang", "/personal/deltagare/{p}/overgang", STAFF_ON_P),
    ("/personal/deltagare/:id/sus", "/personal/deltagare/{p}/sus", STAFF_ON_P),
    ("/personal/deltagare/:id/kod", "/personal/deltagare/{p}/kod", STAFF_ON_P),
    ("/personal/deltagare/:id/registerutdrag", "/personal/deltagare/{p}/registerutdrag", STAFF_ON_P),
    ("/personal/deltagare/{id}/registerutdrag.json", "/personal/deltagare/{p}/registerutdrag.json", STAFF_ON_P),
    ("/personal/programmet", "/personal/programmet", OWN_UNIT),
    ("/personal/programmet/ny-omgang", "/personal/programmet/ny-omgang", OWN_UNIT),
    ("/personal/programmet/omgang/:id", "/personal/programmet/omgang/{round}", STAFF_ON_P),
    ("/personal/programmet/tillfalle/:id", "/personal/programmet/tillfalle/{session}", STAFF_ON_P),
    ("/personal/programmet/tillfalle/:id/andra", "/personal/programmet/tillfalle/{session}/andra", STAFF_ON_P),
];

/// The ids and dates the rows refer to.
struct Facts {
    participant: i64,
    other_participant: i64,
    relative: i64,
    meeting: i64,
    round: i64,
    session: i64,
    contact: i64,
    consent: i64,
    today: chrono::NaiveDate,
}

impl Facts {
    fn fill(&self, text: &str) -> String {
        text.replace("{p}", &self.participant.to_string())
            .replace("{m}", &self.meeting.to_string())
            .replace("{r}", &self.relative.to_string())
            .replace("{round}", &self.round.to_string())
            .replace("{session}", &self.session.to_string())
            .replace("{contact}", &self.contact.to_string())
            .replace("{consent}", &self.consent.to_string())
            .replace("{today}", &self.today.to_string())
            .replace("{week}", &(self.today + chrono::Days::new(7)).to_string())
    }
}

/// Finds the participant and the things of theirs the rows use, making what
/// the demo data lacks through the app itself (as staff would).
async fn facts(app: &TestApp) -> Facts {
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let participant = app
        .scalar_i64(
            "SELECT min(pr.participant_id) FROM participant_relatives pr JOIN participants p ON p.id = pr.participant_id
             WHERE p.discharged_on IS NULL AND p.unit_id = (SELECT min(id) FROM units)
               AND EXISTS (SELECT 1 FROM contact_persons c WHERE c.participant_id = p.id AND c.until IS NULL)",
        )
        .await;
    let relative = app
        .scalar_i64(&format!("SELECT min(relative_id) FROM participant_relatives WHERE participant_id = {participant}"))
        .await;
    let other_participant = app
        .scalar_i64(&format!(
            "SELECT min(id) FROM participants WHERE id <> {participant} AND discharged_on IS NULL
               AND unit_id = (SELECT unit_id FROM participants WHERE id = {participant})"
        ))
        .await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let week = (today + chrono::Days::new(7)).to_string();
    let made = app
        .call(
            &staff,
            "create_meeting",
            &[
                ("participant_id", &participant.to_string()),
                ("kind", "check_in"),
                ("title", "Avstämning"),
                ("date", &week),
                ("start", "09:00"),
                ("end", "10:00"),
                ("place", "Rum 1"),
            ],
        )
        .await;
    assert!(made.status().is_success(), "set-up: a meeting ({})", made.status());
    let meeting = app.scalar_i64(&format!("SELECT max(id) FROM meetings WHERE participant_id = {participant}")).await;
    let unit = app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {participant}")).await;
    let round = app.scalar_i64(&format!("SELECT max(id) FROM programme_rounds WHERE unit_id = {unit}")).await;
    let session = app.scalar_i64(&format!("SELECT min(id) FROM programme_sessions WHERE round_id = {round}")).await;
    let contact = app
        .scalar_i64(&format!(
            "SELECT min(id) FROM contact_persons WHERE participant_id = {participant} AND until IS NULL"
        ))
        .await;
    let consent = app
        .scalar_i64(&format!(
            "SELECT coalesce(max(id), 0) FROM consents WHERE participant_id = {participant}
               AND scope <> 'share_with_relative' AND withdrawn_on IS NULL"
        ))
        .await;
    Facts { participant, other_participant, relative, meeting, round, session, contact, consent, today }
}

/// Sets what the relative's consents share (`None`: no consent at all;
/// `Some((sections, withdrawn))`), through the staff's own forms.
async fn set_relative_consent(app: &TestApp, facts: &Facts, share: Option<(&[&str], bool)>) {
    let p = facts.participant.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(facts.participant).await).await;
    let in_force = app
        .scalar_text(&format!(
            "SELECT coalesce(string_agg_ids, '') FROM (SELECT {agg} AS string_agg_ids FROM consents
               WHERE participant_id = {p} AND recipient_relative_id = {r} AND withdrawn_on IS NULL) x",
            agg = if app.database_url.starts_with("sqlite") {
                "group_concat(id, ',')"
            } else {
                "string_agg(id::text, ',')"
            },
            r = facts.relative
        ))
        .await;
    for id in in_force.split(',').filter(|s| !s.is_empty()) {
        let response = app.call(&staff, "withdraw_consent", &[("participant_id", &p), ("consent_id", id)]).await;
        assert!(response.status().is_success(), "set-up: withdraw {id}");
    }
    let Some((sections, withdraw)) = share else { return };
    let relative = facts.relative.to_string();
    let today = facts.today.to_string();
    let keys: Vec<String> = sections.iter().map(|s| format!("sections[{s}]")).collect();
    let mut form = vec![
        ("participant_id", p.as_str()),
        ("scope", "share_with_relative"),
        ("relative_id", relative.as_str()),
        ("method", "oral"),
        ("given_on", today.as_str()),
    ];
    form.extend(keys.iter().map(|k| (k.as_str(), "on")));
    let response = app.call(&staff, "add_consent", &form).await;
    assert!(response.status().is_success(), "set-up: consent ({})", response.status());
    if withdraw {
        let id = app
            .scalar_i64(&format!(
                "SELECT max(id) FROM consents WHERE participant_id = {p} AND recipient_relative_id = {relative}"
            ))
            .await;
        let response =
            app.call(&staff, "withdraw_consent", &[("participant_id", &p), ("consent_id", &id.to_string())]).await;
        assert!(response.status().is_success(), "set-up: withdraw");
    }
}

/// A signed-in client for one kind of viewer (anonymous: a client with no session).
async fn client_for(app: &TestApp, facts: &Facts, viewer: Viewer) -> reqwest::Client {
    const ALL: &[&str] = &["access_log", "contacts", "ladder", "meetings", "plan", "programme"];
    match viewer {
        Viewer::Anonymous => app.client(),
        Viewer::Myself => app.participant_client(facts.participant).await,
        Viewer::OtherParticipant => app.participant_client(facts.other_participant).await,
        Viewer::RelativeMeetings | Viewer::RelativeAll | Viewer::RelativeNoConsent | Viewer::RelativeWithdrawn => {
            let share: Option<(&[&str], bool)> = match viewer {
                Viewer::RelativeMeetings => Some((&["meetings"], false)),
                Viewer::RelativeAll => Some((ALL, false)),
                Viewer::RelativeWithdrawn => Some((ALL, true)),
                _ => None,
            };
            set_relative_consent(app, facts, share).await;
            app.relative_client(facts.participant, facts.relative).await
        }
        Viewer::UnitStaff => app.staff_client(&app.staff_email_for_participant(facts.participant).await).await,
        Viewer::UnitManager => {
            let email = app
                .scalar_text(&format!(
                    "SELECT a.email FROM accounts a JOIN staff s ON s.id = a.staff_id
                     WHERE s.role = 'unit_manager'
                       AND s.unit_id = (SELECT unit_id FROM participants WHERE id = {})",
                    facts.participant
                ))
                .await;
            app.staff_client(&email).await
        }
        Viewer::OtherUnitStaff => {
            let other = app.participant_in_unit(2, 0).await;
            app.staff_client(&app.staff_email_for_participant(other).await).await
        }
        Viewer::Admin => {
            let email = app::domain::Email::parse("admin.matris@example.se").unwrap();
            let name = app::domain::PersonName::parse("Påhittad Administratör").unwrap();
            let password = app::domain::Password::parse(mina_steg_tests::STAFF_PASSWORD).unwrap();
            app.access.create_admin(&email, &name, &password).await.expect("admin");
            let client = app.client();
            // Password, then the second factor it registers (admin signs in).
            app.sign_in_registering_totp(&client, email.as_str(), mina_steg_tests::STAFF_PASSWORD).await;
            client
        }
        Viewer::DataProtectionOfficer => {
            app.staff_client(&app.staff_email_of_role("data_protection_officer", None).await).await
        }
        Viewer::SteeringGroup => app.staff_client(&app.staff_email_of_role("steering_group", None).await).await,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Allowed,
    Refused,
    Elsewhere,
    ServerError,
}

fn outcome(status: StatusCode, location: &str) -> Outcome {
    match status.as_u16() {
        500.. => Outcome::ServerError,
        401 | 403 | 404 => Outcome::Refused,
        300..=399 if location.starts_with("/logga-in") => Outcome::Refused,
        300..=399 => Outcome::Elsewhere,
        _ => Outcome::Allowed,
    }
}

fn meets(expected: char, got: Outcome, is_function: bool) -> bool {
    match expected {
        // A function's redirect is where a plain form goes after a change.
        'y' => got == Outcome::Allowed || (is_function && got == Outcome::Elsewhere),
        'n' => got == Outcome::Refused,
        'r' => got == Outcome::Elsewhere,
        '-' => got != Outcome::ServerError,
        other => panic!("unknown expectation {other}"),
    }
}

/// The function names (`endpoint = "…"`) and GET route patterns in the code.
fn in_the_code() -> (BTreeSet<String>, BTreeSet<String>) {
    fn files(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).expect("source"));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources = Vec::new();
    files(&root.join("app/src"), &mut sources);
    files(&root.join("server/src"), &mut sources);
    let between = |text: &str, start: &str| -> Vec<String> {
        text.split(start).skip(1).map(|part| part.split('"').next().unwrap_or_default().to_owned()).collect()
    };
    let mut functions = BTreeSet::new();
    let mut routes = BTreeSet::new();
    for text in &sources {
        functions.extend(between(text, "#[server(endpoint = \""));
        routes.extend(between(text, "path=path!(\""));
        // axum routes answered with `get(…)` beside the Leptos ones.
        for line in text.lines().filter(|l| l.contains(".route(\"") && l.contains("get(")) {
            routes.extend(between(line, ".route(\""));
        }
    }
    (functions, routes)
}

#[test]
fn every_function_and_route_has_a_row() {
    let (functions, routes) = in_the_code();
    assert!(
        functions.len() > 40 && routes.len() > 20,
        "read the code ({} functions, {} routes)",
        functions.len(),
        routes.len()
    );
    let rows: BTreeSet<String> = FUNCTIONS.iter().map(|(name, ..)| name.to_string()).collect();
    assert_eq!(rows, functions, "a row for every server function, and no row for a function that is gone");
    let pages: BTreeSet<String> = PAGES.iter().map(|(pattern, ..)| pattern.to_string()).collect();
    assert_eq!(pages, routes, "a row for every GET route, and no row for a route that is gone");
    for (name, _, expect) in FUNCTIONS {
        assert_eq!(expect.len(), VIEWERS.len(), "{name}");
    }
    for (pattern, _, expect) in PAGES {
        assert_eq!(expect.len(), VIEWERS.len(), "{pattern}");
    }
}

async fn every_viewer_gets_exactly_what_the_table_says(backend: Backend) {
    let mut wrong = Vec::new();
    for (column, viewer) in VIEWERS.into_iter().enumerate() {
        // A fresh copy of the demo municipality for each viewer: one viewer's
        // writes never decide what the next one may do.
        let app = TestApp::spawn(backend).await;
        let facts = facts(&app).await;
        let client = client_for(&app, &facts, viewer).await;
        let expect_of = |e: &str| e.chars().nth(column).expect("one character a viewer");
        for (pattern, path, expect) in PAGES {
            // As a browser asks: only then is a redirect a real 302.
            let url = app.url(&facts.fill(path));
            let response = client.get(url).header("accept", "text/html").send().await.expect("request");
            check(&app, viewer, &format!("GET {pattern}"), expect_of(expect), response, false, &mut wrong).await;
        }
        for (name, form, expect) in FUNCTIONS {
            let filled: Vec<(String, String)> = form.iter().map(|(k, v)| (facts.fill(k), facts.fill(v))).collect();
            let form: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let response = app.call(&client, name, &form).await;
            check(&app, viewer, name, expect_of(expect), response, true, &mut wrong).await;
        }
    }
    assert!(wrong.is_empty(), "{} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
}

async fn check(
    app: &TestApp,
    viewer: Viewer,
    what: &str,
    expected: char,
    response: reqwest::Response,
    is_function: bool,
    wrong: &mut Vec<String>,
) {
    let status = response.status();
    let got = outcome(status, &location(&response));
    let request_id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    if !meets(expected, got, is_function) {
        wrong.push(format!("{viewer:?} {what}: expected '{expected}', got {got:?} ({status})"));
        return;
    }
    // A signed-in viewer refused by the policy (403) is on record under this request.
    if expected == 'n' && status == StatusCode::FORBIDDEN && viewer != Viewer::Anonymous {
        let denied = app.audit_count(&format!("outcome = 'denied' AND request_id = '{request_id}'")).await;
        if denied == 0 {
            wrong.push(format!("{viewer:?} {what}: refused, but no audit row for request {request_id}"));
        }
    }
}

on_both_backends!(every_viewer_gets_exactly_what_the_table_says);
