//! Bad input at volume: every server function called many times with
//! generated forms (random Unicode, huge values, wrong types, dates that are
//! no dates, markup and SQL, and ids of people in another unit), as a signed-in
//! staff member, both as JSON calls and as plain form posts. Never a 500 or a
//! panic, never internals in an answer, and not one row of the database
//! changed but the audit log, the sessions and the sign-in counters.
//!
//! The forms come from proptest's generators with a fixed seed, so a failure
//! names the endpoint and the form, and the same run repeats it.

use crate::bad_input::ENDPOINTS;
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, table_rows};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// Forms per server function and backend.
const CASES: usize = 12;

/// Field names the server functions take (any may be sent to any function).
const FIELDS: &[&str] = &[
    "participant_id",
    "round_id",
    "session_id",
    "meeting_id",
    "relative_id",
    "account_id",
    "unit_id",
    "staff_id",
    "consent_id",
    "contact_id",
    "passkey_id",
    "link_id",
    "id",
    "code",
    "email",
    "password",
    "password_again",
    "name",
    "preferred_name",
    "personal_number",
    "phone",
    "title",
    "note",
    "goal",
    "date",
    "start",
    "start_time",
    "starts_on",
    "minutes",
    "capacity",
    "place",
    "form",
    "kind",
    "status",
    "role",
    "step",
    "reason",
    "answer",
    "outcome",
    "scope",
    "from",
    "to",
    "who",
    "csv",
    "token",
    "credential",
    "version",
    "hours_per_week",
    "marks[1]",
];

/// Values that are wrong in every way we could think of, and then some.
fn value(others: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        // Numbers, but never the id of a row of the staff member's own unit
        // (the demo's ids are small): a valid call may rightly change things.
        2 => "[1-9][0-9]{6,19}",
        1 => "-[0-9]{1,6}",
        2 => proptest::sample::select(others),
        1 => Just(String::new()),
        1 => (1usize..60_000).prop_map(|n| "å".repeat(n)),
        1 => proptest::sample::select(vec![
            "2026-13-45".to_owned(),
            "0000-00-00".to_owned(),
            "99:99".to_owned(),
            "1e309".to_owned(),
            "NaN".to_owned(),
            "' OR 1=1 --".to_owned(),
            "<script>alert(1)</script>".to_owned(),
            "\u{0}\u{202e}\u{feff}".to_owned(),
            "true".to_owned(),
            "[1,2]".to_owned(),
            "9223372036854775808".to_owned(),
        ]),
    ]
}

fn form(others: Vec<String>) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec((proptest::sample::select(FIELDS).prop_map(str::to_owned), value(others)), 0..7)
}

/// The tables a refused or failed call may still write: the log of it, the
/// session (feedback for the form), the sign-in counters.
const MAY_CHANGE: &[&str] = &[
    "audit_log",
    "refusal_counts",
    "sign_in_attempts",
    "tower_sessions",
    "tower_sessions.session",
    "public.audit_log",
    "public.refusal_counts",
    "public.sign_in_attempts",
];

async fn generated_forms_to_every_server_function(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff_email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&staff_email).await;
    // Other people's ids: everything of the other units, and every account.
    let mut others = Vec::new();
    for sql in [
        "SELECT id FROM participants WHERE unit_id <> (SELECT min(id) FROM units)",
        "SELECT m.id FROM meetings m JOIN participants p ON p.id = m.participant_id
          WHERE p.unit_id <> (SELECT min(id) FROM units)",
        "SELECT id FROM programme_rounds WHERE unit_id <> (SELECT min(id) FROM units)",
        "SELECT id FROM relatives",
        "SELECT id FROM accounts",
        "SELECT id FROM units",
    ] {
        for id in app.scalar_ids(sql).await {
            others.push(id.to_string());
        }
    }
    // An id of another table can be the id of a row of the staff member's own
    // unit as well (participant 35 and account 35): sent as that, the call is
    // valid and rightly changes things. Such ids are left out.
    let mut own = Vec::new();
    for sql in [
        "SELECT id FROM participants WHERE unit_id = (SELECT min(id) FROM units)",
        "SELECT m.id FROM meetings m JOIN participants p ON p.id = m.participant_id
          WHERE p.unit_id = (SELECT min(id) FROM units)",
        "SELECT a.id FROM accounts a JOIN participants p ON p.id = a.participant_id
          WHERE p.unit_id = (SELECT min(id) FROM units)",
        "SELECT pr.relative_id FROM participant_relatives pr JOIN participants p ON p.id = pr.participant_id
          WHERE p.unit_id = (SELECT min(id) FROM units)",
        "SELECT c.id FROM consents c JOIN participants p ON p.id = c.participant_id
          WHERE p.unit_id = (SELECT min(id) FROM units)",
        "SELECT c.id FROM contact_persons c JOIN participants p ON p.id = c.participant_id
          WHERE p.unit_id = (SELECT min(id) FROM units)",
        "SELECT id FROM programme_rounds WHERE unit_id = (SELECT min(id) FROM units)",
        "SELECT s.id FROM programme_sessions s JOIN programme_rounds r ON r.id = s.round_id
          WHERE r.unit_id = (SELECT min(id) FROM units)",
        "SELECT id FROM staff WHERE unit_id = (SELECT min(id) FROM units)",
        "SELECT min(id) FROM units",
    ] {
        own.extend(app.scalar_ids(sql).await.into_iter().map(|id| id.to_string()));
    }
    others.retain(|id| !own.contains(id));
    others.sort();
    others.dedup();
    assert!(others.len() > 20, "other people's ids to send: {others:?}");
    let before = table_rows(&app.database_url).await;

    let mut runner =
        TestRunner::new(Config { rng_seed: proptest::test_runner::RngSeed::Fixed(20261202), ..Config::default() });
    let forms = form(others);
    let mut calls = 0;
    // Signing out, or in as a demo account, would change who is asking.
    for endpoint in ENDPOINTS.iter().filter(|e| !matches!(**e, "sign_out" | "demo_sign_in")) {
        for case in 0..CASES {
            let fields = forms.new_tree(&mut runner).expect("a form").current();
            let accept = if case % 2 == 0 { "application/json" } else { "text/html" };
            let send =
                || staff.post(app.url(&format!("/api/{endpoint}"))).header("accept", accept).form(&fields).send();
            let mut sent = send().await;
            // A connection the server closed after refusing an oversized body (413
            // before reading it) may be picked up again by the client: once more.
            if sent.is_err() {
                sent = send().await;
            }
            calls += 1;
            let response = match sent {
                Ok(response) => response,
                // A body over the limit may be refused before it is all sent.
                Err(_) if fields.iter().map(|(_, v)| v.len()).sum::<usize>() > 8 * 1024 => continue,
                Err(e) => panic!("{endpoint} {fields:?}: no answer: {e}"),
            };
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{endpoint} {fields:?}: 500 {text}");
            let lower = text.to_lowercase();
            for internal in ["panicked", "sqlx", "syntax error", "constraint", "stack backtrace"] {
                assert!(!lower.contains(internal), "{endpoint} {fields:?}: {internal} in {text}");
            }
        }
    }
    println!("{calls} generated calls on {backend:?}");
    assert_eq!(app.client().get(app.url("/healthz")).send().await.expect("alive").status(), StatusCode::OK);
    let after = table_rows(&app.database_url).await;
    for (table, rows) in &before {
        if MAY_CHANGE.contains(&table.as_str()) {
            continue;
        }
        let gone: Vec<&String> = rows.iter().filter(|r| !after[table].contains(r)).collect();
        let new: Vec<&String> = after[table].iter().filter(|r| !rows.contains(r)).collect();
        assert!(rows == &after[table], "{table} changed by generated input: {gone:?} became {new:?}");
    }
}

on_both_backends!(generated_forms_to_every_server_function);
