//! Bad input to every server function: a clear Swedish answer, never a panic,
//! never a 500, nothing written.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

/// Every server function, and a body that is wrong for it.
pub(crate) const ENDPOINTS: &[&str] = &[
    "sign_in_staff",
    "sign_in_code",
    "sign_out",
    "load_second_step",
    "sign_in_totp",
    "register_totp",
    "security_page",
    "passkey_register_start",
    "passkey_register_finish",
    "passkey_sign_in_start",
    "passkey_sign_in_finish",
    "passkey_offer",
    "my_passkeys",
    "participant_devices",
    "remove_device",
    "create_sign_in_code",
    "participant_start",
    "record_meetings",
    "record_contacts",
    "record_consents",
    "record_steps",
    "record_access",
    "staff_home",
    "manual",
    "follow_up",
    "viewer",
    "form_feedback",
    "demo_accounts",
    "demo_sign_in",
    "take_new_sign_in_code",
    "end_participant_sessions",
    "meetings",
    "meeting",
    "answer_meeting",
    "take_answer_message",
    "contacts",
    "ladder",
    "plan",
    "programme",
    "express_interest",
    "reminders",
    "save_reminders",
    "test_reminder",
    "subscribe_push",
    "reminder_shown",
    "record_reminders",
    "set_sms_reminders",
    "enrol_participant",
    "programme_overview",
    "round",
    "create_round",
    "set_round_capacity",
    "withdraw_participant",
    "give_seat",
    "register_interest",
    "dismiss_interest",
    "attendance_sheet",
    "record_attendance",
    "update_session",
    "add_round_session",
    "notice",
    "participant_record",
    "plan_history",
    "save_plan",
    "create_meeting",
    "reschedule_meeting",
    "set_meeting_status",
    "add_consent",
    "withdraw_consent",
    "record_step",
    "change_dv",
    "change_road",
    "record_transition",
    "record_transition_date",
    "return_to_dv",
    "add_contact_person",
    "end_contact_person",
    "change_contact_role",
    "add_extended_support",
    "add_employment",
    "end_employment",
    "record_sus",
    "start_sus",
    "end_sus",
    "sus_sheet",
    "discharge",
    "end_relative_sessions",
    "intake_start",
    "register_participant",
    "reveal_personal_number",
    "record_placement",
    "move_participant",
    "record_relatives",
    "register_extract",
    "add_relative",
    "end_relative_link",
    "import_page",
    "import_participants",
    "log_search",
    "log_export",
    "who_looked",
    // The administrator's area and the invitation link.
    "admin_home",
    "admin_unit",
    "admin_staff_member",
    "create_unit",
    "rename_unit",
    "close_unit",
    "invite_staff",
    "resend_invitation",
    "change_staff",
    "deactivate_staff",
    "reactivate_staff",
    "reset_second_factor",
    "retention",
    "set_retention_rule",
    "apply_retention",
    "invitation",
    "accept_invitation",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "accounts",
        "sign_in_codes",
        "participants",
        "meetings",
        "consents",
        "programme_rounds",
        "programme_sessions",
        "enrolments",
        "attendance",
        "expressions_of_interest",
        "joint_plans",
        "ladder_moves",
        "revisions",
        "contact_persons",
        "external_contacts",
        "extended_support",
        "employments",
        "sus_registrations",
        "reminder_choices",
        "push_subscriptions",
        "reminders",
    ] {
        out.push(app.scalar_i64(&format!("SELECT count(*) FROM {table}")).await);
    }
    out
}

async fn malformed_missing_and_oversized_input_is_answered_calmly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let before = counts(&app).await;
    let huge = "x".repeat(200_000);
    let bodies: Vec<(&str, String)> = vec![
        ("missing fields", String::new()),
        ("wrong types", "participant_id=abc&account_id=%FF%FE&relative_id=[1]".to_owned()),
        ("not url-encoded", "{\"json\": true, \0 }".to_owned()),
        ("oversized", format!("code={huge}&email={huge}")),
        (
            "very long values",
            format!("code={}&email={}&password={}", "A".repeat(5000), "a".repeat(5000), "p".repeat(5000)),
        ),
    ];
    for endpoint in ENDPOINTS {
        for (what, body) in &bodies {
            let sent = staff
                .post(app.url(&format!("/api/{endpoint}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(body.clone())
                .send()
                .await;
            let response = match sent {
                Ok(response) => response,
                // The server may answer (413, or a function without arguments)
                // before it has read a large body, and close the connection while
                // the client still writes. Fine, as long as the server lives on.
                Err(e) if body.len() > 8 * 1024 => {
                    let alive = app.client().get(app.url("/healthz")).send().await;
                    assert!(alive.is_ok_and(|r| r.status() == StatusCode::OK), "{endpoint} {what}: {e}");
                    continue;
                }
                Err(e) => panic!("{endpoint} {what}: no answer: {e}"),
            };
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{endpoint} {what}: 500 {text}");
            assert!(!text.contains("panicked") && !text.to_lowercase().contains("sqlx"), "{endpoint} {what}: {text}");
            if status.is_client_error() && status != StatusCode::PAYLOAD_TOO_LARGE {
                // Errors from our server functions are Swedish sentences.
                assert!(text.contains(' ') || text.is_empty() || text.starts_with('"'), "{endpoint} {what}: {text}");
            }
        }
    }
    // The server still answers, and nothing but audit rows and sessions changed.
    assert_eq!(app.client().get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    let after = counts(&app).await;
    // sign_out may have ended the staff session; codes may only be made with valid ids.
    assert_eq!(before, after, "nothing written");
}

async fn a_bad_code_keeps_what_was_typed_and_says_why(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_code", &[("code", "ABC-ÅÄÖ")]).await;
    assert_eq!(location(&response), "/logga-in");
    let page = client.get(app.url("/logga-in")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("value=\"ABC-ÅÄÖ\""), "the typed value stays");
    assert!(page.contains("aria-invalid=\"true\""), "the field is marked");
    assert!(page.contains("class=\"error-message\""), "a message next to the field");
    // Shown once: a reload is a clean form.
    let again = client.get(app.url("/logga-in")).send().await.unwrap().text().await.unwrap();
    assert!(!again.contains("aria-invalid"));
}

async fn a_missing_email_is_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[]).await;
    assert_eq!(location(&response), "/logga-in/personal");
    let page = client.get(app.url("/logga-in/personal")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Skriv ditt lösenord."), "{page}");
    assert!(page.contains("field-email-error"));
}

/// Every server function in the code is in `ENDPOINTS`, so none escapes the bad-input test.
#[test]
fn every_server_function_is_listed() {
    fn endpoints_in(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("app sources") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                endpoints_in(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for part in text.split("#[server(endpoint = \"").skip(1) {
                    found.push(part.split('"').next().unwrap_or_default().to_owned());
                }
            }
        }
    }
    let mut found = Vec::new();
    endpoints_in(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"), &mut found);
    found.sort();
    let mut listed: Vec<String> = ENDPOINTS.iter().map(|e| e.to_string()).collect();
    listed.sort();
    assert!(found.len() > 40, "found the server functions ({})", found.len());
    assert_eq!(found, listed);
}

on_both_backends!(
    malformed_missing_and_oversized_input_is_answered_calmly,
    a_bad_code_keeps_what_was_typed_and_says_why,
    a_missing_email_is_named,
);
