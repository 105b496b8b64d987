//! The audit log's hash chain, and who may touch the log.
//!
//! `mina-steg audit verify` calls `Access::verify_audit_chain`, which these
//! tests call directly. Each tampering is done the way an attacker could: on
//! PostgreSQL as the tables' owner (who may switch off the triggers), on SQLite
//! with the file (dropping the triggers). The app role that serves may only
//! read and add audit rows: its own tries fail.

use app::server::access::audit_chain::{ChainHead, ChainProblem, ChainReport};
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};
use server::config::Settings;
use server::startup::Application;

/// Runs statements on the database as its owner (PostgreSQL) or as anyone
/// holding the file (SQLite), one connection, in order.
async fn as_owner(app: &TestApp, statements: &[&str]) {
    if app.owner_database_url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(&app.owner_database_url).await.expect("open the file");
        for sql in statements {
            sqlx::query(sql).execute(&pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(&app.owner_database_url).await.expect("connect as owner");
        let mut conn = pool.acquire().await.expect("a connection");
        for sql in statements {
            sqlx::query(sql).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        drop(conn);
        pool.close().await;
    }
}

/// What an attacker runs first so the append-only triggers let them through.
fn triggers_off(app: &TestApp) -> Vec<&'static str> {
    if app.database_url.starts_with("sqlite") {
        vec!["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]
    } else {
        vec!["ALTER TABLE audit_log DISABLE TRIGGER USER"]
    }
}

async fn verify(app: &TestApp, witness: Option<&ChainHead>) -> ChainReport {
    app.access.verify_audit_chain(witness).await.expect("the log can be read")
}

/// Some ordinary work, so the log has rows from requests: a staff member
/// signs in and opens a few records (each opening writes several rows in one
/// transaction).
async fn some_work(app: &TestApp) {
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    for nth in 0..3 {
        let id = app.participant_in_unit(1, nth).await.to_string();
        let response = app.call(&staff, "participant_record", &[("participant_id", &id)]).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    // And a refusal, written in a transaction of its own.
    let elsewhere = app.participant_in_unit(2, 0).await.to_string();
    let refused = app.call(&staff, "participant_record", &[("participant_id", &elsewhere)]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

/// (seq, id) of the row in the middle of the chain.
async fn middle_row(app: &TestApp) -> (i64, i64) {
    let seq = app.scalar_i64("SELECT max(seq) / 2 FROM audit_log").await;
    let id = app.scalar_i64(&format!("SELECT id FROM audit_log WHERE seq = {seq}")).await;
    (seq, id)
}

async fn a_clean_log_verifies(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    some_work(&app).await;
    let report = verify(&app, None).await;
    assert!(report.is_intact(), "{}: {:?}", report.summary(), report.problems);
    let rows = app.audit_count("1 = 1").await;
    assert!(rows > 10, "the work wrote rows: {rows}");
    // Every row of a database made since the chain exists is signed, 1..n.
    assert_eq!(report.unsigned_before, 0);
    assert_eq!(report.signed, rows);
    let head = report.head.clone().expect("a newest row");
    assert_eq!(head.seq, rows);
    assert!(report.summary().starts_with("Loggen är hel"), "{}", report.summary());
    // Checked against its own head as witness, it is still whole.
    assert!(verify(&app, Some(&head)).await.is_intact());
}

async fn a_changed_row_is_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    some_work(&app).await;
    let (seq, id) = middle_row(&app).await;
    let mut statements = triggers_off(&app);
    let change = format!("UPDATE audit_log SET outcome = 'allowed', record_id = 4711 WHERE seq = {seq}");
    statements.push(&change);
    as_owner(&app, &statements).await;
    let report = verify(&app, None).await;
    assert!(!report.is_intact());
    assert_eq!(report.problems, vec![ChainProblem::Changed { seq, id }], "only that row: the next one still links");
    let text = report.summary();
    assert!(text.contains(&format!("seq {seq} (id {id})")) && text.contains("ändrad"), "{text}");

    // Changing the mac with the content does not help without the key.
    let forged = format!("UPDATE audit_log SET mac = '{}' WHERE seq = {seq}", "ab".repeat(32));
    as_owner(&app, &[&forged]).await;
    let problems = verify(&app, None).await.problems;
    assert_eq!(problems[0], ChainProblem::Changed { seq, id });
}

async fn a_removed_row_is_named_by_its_gap(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    some_work(&app).await;
    let (seq, _) = middle_row(&app).await;
    let next_id = app.scalar_i64(&format!("SELECT id FROM audit_log WHERE seq = {}", seq + 1)).await;
    let mut statements = triggers_off(&app);
    let delete = format!("DELETE FROM audit_log WHERE seq = {seq}");
    statements.push(&delete);
    as_owner(&app, &statements).await;
    let report = verify(&app, None).await;
    assert_eq!(report.problems, vec![ChainProblem::Removed { from: seq, to: seq, next_seq: seq + 1, next_id }]);
    assert!(report.summary().contains(&format!("Raden med seq {seq} är borttagen")), "{}", report.summary());

    // The first rows too: the chain starts at 1.
    as_owner(&app, &["DELETE FROM audit_log WHERE seq <= 2"]).await;
    let problems = verify(&app, None).await.problems;
    assert!(matches!(problems[0], ChainProblem::Removed { from: 1, to: 2, next_seq: 3, .. }), "{problems:?}");
}

/// A cut at the end, or an emptied log, leaves a chain that is whole as far
/// as it goes: the witness from the last check shows it.
async fn truncation_is_seen_against_a_witness(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    some_work(&app).await;
    let witness = verify(&app, None).await.head.expect("a head");

    // The last three rows removed.
    let mut statements = triggers_off(&app);
    let cut = format!("DELETE FROM audit_log WHERE seq > {}", witness.seq - 3);
    statements.push(&cut);
    as_owner(&app, &statements).await;
    assert!(verify(&app, None).await.is_intact(), "without a witness a cut end looks whole");
    let problems = verify(&app, Some(&witness)).await.problems;
    assert_eq!(problems, vec![ChainProblem::Truncated { witness_seq: witness.seq, last_seq: Some(witness.seq - 3) }]);

    // The server goes on writing: the witness's seq comes back with another row.
    some_work(&app).await;
    let report = verify(&app, Some(&witness)).await;
    let replaced = app.scalar_i64(&format!("SELECT id FROM audit_log WHERE seq = {}", witness.seq)).await;
    assert_eq!(report.problems, vec![ChainProblem::WitnessMismatch { seq: witness.seq, id: replaced }]);

    // The whole log emptied.
    let witness = report.head.expect("a head");
    let empty = if backend == Backend::Sqlite { "DELETE FROM audit_log" } else { "TRUNCATE audit_log" };
    as_owner(&app, &[empty]).await;
    let report = verify(&app, Some(&witness)).await;
    assert_eq!(report.problems, vec![ChainProblem::Truncated { witness_seq: witness.seq, last_seq: None }]);
    assert!(report.summary().contains("tömd"), "{}", report.summary());
}

/// Rows written at the same time, by several tasks and by two server
/// instances on one database, still make one chain in commit order.
async fn rows_written_concurrently_verify(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A second instance on the same database, as a municipality runs two.
    let mut settings = Settings::for_tests(&app.database_url, std::env::temp_dir());
    settings.demo = true;
    let second = Application::build(&settings).await.expect("a second instance");
    let second_base = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.run_until_stopped(std::future::pending()));

    let mut tasks = Vec::new();
    for unit in 1..=2 {
        for nth in 0..3 {
            let participant = app.participant_in_unit(unit, nth).await;
            // Sessions live in the database: the cookie works on both instances.
            let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
            for base in [app.base.clone(), second_base.clone()] {
                let staff = staff.clone();
                tasks.push(tokio::spawn(async move {
                    for _ in 0..4 {
                        let response = staff
                            .post(format!("{base}/api/participant_record"))
                            .header("accept", "application/json")
                            .form(&[("participant_id", participant.to_string())])
                            .send()
                            .await
                            .expect("request");
                        assert_eq!(response.status(), StatusCode::OK);
                    }
                }));
            }
        }
    }
    for task in tasks {
        task.await.expect("task");
    }
    let report = verify(&app, None).await;
    assert!(report.is_intact(), "{}: {:?}", report.summary(), report.problems);
    let rows = app.audit_count("1 = 1").await;
    assert!(rows > 100, "{rows} rows");
    assert_eq!(report.head.map(|h| h.seq), Some(rows), "no seq twice, none skipped");
}

/// A read's audit rows are committed together with other reads' (one
/// transaction for all that finish meanwhile), but never after its answer:
/// when a page has arrived, its rows are on record.
async fn each_read_is_on_record_when_its_answer_arrives(backend: Backend) {
    let app = std::sync::Arc::new(TestApp::spawn(backend).await);
    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let mut tasks = Vec::new();
    for nth in 0..24 {
        let (app, client) = (app.clone(), if nth % 2 == 0 { phone.clone() } else { staff.clone() });
        let path = if nth % 2 == 0 { "/".to_owned() } else { format!("/personal/deltagare/{participant}") };
        tasks.push(tokio::spawn(async move {
            let response = client.get(app.url(&path)).send().await.expect("request");
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("id").to_owned();
            let rows = app
                .audit_count(&format!(
                    "request_id = '{id}' AND subject_participant_id = {participant} AND action = 'read'"
                ))
                .await;
            assert!(rows > 0, "{path}: the answer came before its audit rows");
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    let report = verify(&app, None).await;
    assert!(report.is_intact(), "{}: {:?}", report.summary(), report.problems);
}

/// What an investigation needs from a row: the actor's own unit, the network
/// the request came from, and which session (never the session id itself).
async fn rows_name_the_actors_unit_the_network_and_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&email).await;
    let response = app.call(&staff, "participant_record", &[("participant_id", &participant.to_string())]).await;
    let request_id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("id").to_owned();
    let staff_unit = app
        .scalar_i64(&format!(
            "SELECT s.unit_id FROM staff s JOIN accounts a ON a.staff_id = s.id WHERE a.email = '{email}'"
        ))
        .await;
    let row = |column: &str| format!("SELECT {column} FROM audit_log WHERE request_id = '{request_id}' LIMIT 1");
    assert_eq!(app.scalar_i64(&row("actor_unit_id")).await, staff_unit);
    assert_eq!(app.scalar_text(&row("source")).await, "127.0.0.0/24");
    let session_ref = app.scalar_text(&row("session_ref")).await;
    assert_eq!(session_ref.len(), 64, "a keyed hash: {session_ref}");
    // The next request of the same session names the same session.
    let again = app.call(&staff, "participant_record", &[("participant_id", &participant.to_string())]).await;
    let again_id = again.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("id").to_owned();
    let again_ref =
        app.scalar_text(&format!("SELECT session_ref FROM audit_log WHERE request_id = '{again_id}' LIMIT 1")).await;
    assert_eq!(again_ref, session_ref);
    // The id itself is nowhere in the log.
    let session_ids: Vec<String> = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar("SELECT id FROM tower_sessions").fetch_all(p).await
        }
        app::server::Store::Postgres(p) => {
            sqlx::query_scalar("SELECT id FROM tower_sessions.session").fetch_all(p).await
        }
    }
    .expect("sessions");
    assert!(!session_ids.is_empty());
    for id in session_ids {
        assert_eq!(app.audit_count(&format!("session_ref = '{id}' OR request_id = '{id}'")).await, 0);
    }
}

// --- What a row names (issue 10, hole 7). ---

/// The `x-request-id` of a response: the audit rows of that request carry it.
fn request_of(response: &reqwest::Response) -> String {
    response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("a request id").to_owned()
}

/// The record id in the one row of `request` with this outcome and kind.
async fn named(app: &TestApp, request: &str, outcome: &str, kind: &str) -> i64 {
    let condition = format!("request_id = '{request}' AND outcome = '{outcome}' AND record_kind = '{kind}'");
    assert_eq!(app.audit_count(&condition).await, 1, "one {outcome} row of {kind} for {request}");
    app.scalar_i64(&format!("SELECT record_id FROM audit_log WHERE {condition}")).await
}

async fn a_code_names_for_whom_and_its_sign_in_names_the_code_and_who_made_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&email).await;
    let maker = app.scalar_i64(&format!("SELECT id FROM accounts WHERE email = '{email}'")).await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {participant}")).await;
    let response = app.call(&staff, "create_sign_in_code", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let made = request_of(&response);
    let code: serde_json::Value = response.json().await.expect("json");
    let code_id = app.scalar_i64(&format!("SELECT max(id) FROM sign_in_codes WHERE account_id = {account}")).await;
    assert_eq!(named(&app, &made, "allowed", "access").await, account, "for whom");
    assert_eq!(named(&app, &made, "allowed", "sign_in_code").await, code_id, "the code");

    let phone = app.client();
    let signed_in = app.post_form(&phone, "sign_in_code", &[("code", code["code"].as_str().expect("code"))]).await;
    assert_eq!(mina_steg_tests::location(&signed_in), "/");
    let sign_in = request_of(&signed_in);
    assert_eq!(named(&app, &sign_in, "allowed", "sign_in_code").await, code_id, "the code used");
    assert_eq!(named(&app, &sign_in, "allowed", "sign_in_code_maker").await, maker, "who made it");

    // A relative's code names the relative's account.
    let relative = app
        .scalar_i64(&format!(
            "SELECT pr.relative_id FROM participant_relatives pr JOIN accounts a ON a.relative_id = pr.relative_id
              WHERE pr.participant_id = {participant} AND pr.ended_on IS NULL ORDER BY pr.relative_id LIMIT 1"
        ))
        .await;
    let relative_account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE relative_id = {relative}")).await;
    let form = [("participant_id", participant.to_string()), ("relative_id", relative.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.call(&staff, "create_sign_in_code", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(named(&app, &request_of(&response), "allowed", "access").await, relative_account);
}

/// A new plan version, meeting, consent and contact person, and a consent or
/// contact person changed, are named by their id.
async fn new_and_changed_records_are_named_by_their_id(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let p = participant.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let (today, week) = (today.to_string(), (today + chrono::Duration::days(7)).to_string());
    let call = |endpoint: &'static str, form: Vec<(&'static str, String)>| {
        let (app, staff) = (&app, &staff);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.call(staff, endpoint, &form).await;
            assert!(response.status().is_success(), "{endpoint}: {}", response.status());
            request_of(&response)
        }
    };
    let newest = |table: &str| format!("SELECT max(id) FROM {table} WHERE participant_id = {participant}");

    let request = call(
        "save_plan",
        vec![
            ("participant_id", p.clone()),
            ("goal", "Arbeta i ett kafé".into()),
            ("reason", "Jag tycker om att möta människor.".into()),
            ("from", today.clone()),
            ("days_per_week", "4".into()),
            ("hours_per_week", "20".into()),
            ("activities", "Programmets träffar".into()),
        ],
    )
    .await;
    assert_eq!(named(&app, &request, "allowed", "plan").await, app.scalar_i64(&newest("joint_plans")).await);

    let request = call(
        "create_meeting",
        vec![
            ("participant_id", p.clone()),
            ("kind", "check_in".into()),
            ("title", "Avstämning".into()),
            ("date", week),
            ("start", "10:00".into()),
            ("end", "11:00".into()),
            ("place", "Rum 2".into()),
        ],
    )
    .await;
    assert_eq!(named(&app, &request, "allowed", "meetings").await, app.scalar_i64(&newest("meetings")).await);

    let request = call(
        "add_consent",
        vec![
            ("participant_id", p.clone()),
            ("scope", "dv_fk_contact".into()),
            ("organisation", "fk".into()),
            ("method", "oral".into()),
            ("given_on", today.clone()),
        ],
    )
    .await;
    let consent = app.scalar_i64(&newest("consents")).await;
    assert_eq!(named(&app, &request, "allowed", "consents").await, consent);
    let request =
        call("withdraw_consent", vec![("participant_id", p.clone()), ("consent_id", consent.to_string())]).await;
    assert_eq!(named(&app, &request, "allowed", "consents").await, consent);

    let request = call(
        "add_contact_person",
        vec![
            ("participant_id", p.clone()),
            ("who", "new".into()),
            ("role_in_case", "Din handläggare".into()),
            ("since", today),
            ("new_name", "Påhittad Handläggare".into()),
            ("new_organisation", "fk".into()),
            ("new_title", "Handläggare".into()),
        ],
    )
    .await;
    let contact = app.scalar_i64(&newest("contact_persons")).await;
    assert_eq!(named(&app, &request, "allowed", "contacts").await, contact);
    let form = vec![
        ("participant_id", p.clone()),
        ("contact_id", contact.to_string()),
        ("role_in_case", "Din kontakt".into()),
    ];
    let request = call("change_contact_role", form).await;
    assert_eq!(named(&app, &request, "allowed", "contacts").await, contact);
    let request = call("end_contact_person", vec![("participant_id", p), ("contact_id", contact.to_string())]).await;
    assert_eq!(named(&app, &request, "allowed", "contacts").await, contact);
}

/// Naming another participant's consent or contact person, or someone outside
/// the participant's network, is refused after the permit: the answer is the
/// form's message, and the log says "denied" with the record named.
async fn a_refusal_found_after_the_permit_is_audited_as_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let other = app.participant_in_unit(1, 1).await;
    let p = participant.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let refused = |endpoint: &'static str, form: Vec<(&'static str, String)>| {
        let (app, staff) = (&app, &staff);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.call(staff, endpoint, &form).await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
            request_of(&response)
        }
    };
    let others = |sql: &str| sql.replace("{other}", &other.to_string());

    let consent = app
        .scalar_i64(&others("SELECT min(id) FROM consents WHERE participant_id = {other} AND withdrawn_on IS NULL"))
        .await;
    let request =
        refused("withdraw_consent", vec![("participant_id", p.clone()), ("consent_id", consent.to_string())]).await;
    assert_eq!(named(&app, &request, "denied", "consents").await, consent);
    assert_eq!(app.audit_count(&format!("request_id = '{request}' AND outcome = 'allowed'")).await, 0);
    let subject =
        app.scalar_i64(&format!("SELECT subject_participant_id FROM audit_log WHERE request_id = '{request}'")).await;
    assert_eq!(subject, participant, "refused on the record it was asked on");

    let contact = app.scalar_i64(&others("SELECT min(id) FROM contact_persons WHERE participant_id = {other}")).await;
    let request =
        refused("end_contact_person", vec![("participant_id", p.clone()), ("contact_id", contact.to_string())]).await;
    assert_eq!(named(&app, &request, "denied", "contacts").await, contact);

    let stranger = app
        .scalar_i64(&others(
            "SELECT min(relative_id) FROM participant_relatives WHERE participant_id = {other}
               AND relative_id NOT IN (SELECT relative_id FROM participant_relatives WHERE participant_id = {participant})",
        ).replace("{participant}", &p))
        .await;
    let form = vec![
        ("participant_id", p.clone()),
        ("scope", "share_with_relative".into()),
        ("relative_id", stranger.to_string()),
        ("method", "oral".into()),
        ("given_on", chrono::Utc::now().date_naive().to_string()),
        ("sections[meetings]", "on".into()),
    ];
    let request = refused("add_consent", form).await;
    assert_eq!(named(&app, &request, "denied", "network").await, stranger);
}

/// A relative's start page leaves out what the consent does not share, and
/// writes no "denied" row for it on every view: only what was shown.
async fn unshared_parts_of_a_relatives_page_are_not_written_as_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sql = |column: &str| {
        format!(
            "SELECT {column} FROM consents WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL
               AND shared_sections = 'meetings' ORDER BY id LIMIT 1"
        )
    };
    let participant = app.scalar_i64(&sql("participant_id")).await;
    let relative = app.scalar_i64(&sql("recipient_relative_id")).await;
    let client = app.relative_client(participant, relative).await;
    for _ in 0..2 {
        let response = app.call(&client, "participant_start", &[("participant_id", &participant.to_string())]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let request = request_of(&response);
        assert_eq!(app.audit_count(&format!("request_id = '{request}' AND outcome = 'denied'")).await, 0);
        let shown = app.audit_count(&format!("request_id = '{request}' AND record_kind = 'meetings'")).await;
        assert_eq!(shown, 1, "the shared part is on record");
    }
    // A part asked for on its own is still refused and on record.
    let response = app.call(&client, "plan", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let request = request_of(&response);
    assert_eq!(app.audit_count(&format!("request_id = '{request}' AND outcome = 'denied'")).await, 1);
}

// --- PostgreSQL: who may touch the log. ---

/// The role `serve` runs as may read and add audit rows, and nothing more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_app_role_cannot_change_remove_or_unprotect_audit_rows() {
    let app = TestApp::spawn(Backend::Postgres).await;
    assert!(app.database_url.contains(&format!("://{}@", mina_steg_tests::APP_ROLE)), "{}", app.database_url);
    let app::server::Store::Postgres(pool) = &app.store else { unreachable!() };
    let user: String = sqlx::query_scalar("SELECT current_user::text").fetch_one(pool).await.unwrap();
    assert_eq!(user, mina_steg_tests::APP_ROLE);
    for sql in [
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "TRUNCATE revisions",
        "UPDATE revisions SET old_value = 'x'",
        "DELETE FROM revisions",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "DROP TRIGGER audit_log_no_change ON audit_log",
        "ALTER TABLE revisions DISABLE TRIGGER ALL",
        "ALTER TABLE audit_log DROP CONSTRAINT audit_log_signed",
        "DROP TABLE audit_log",
        "SET session_replication_role = replica",
    ] {
        let result = sqlx::query(sql).execute(pool).await;
        assert!(result.is_err(), "the app role may not: {sql}");
    }
    // Its everyday rights: the ordinary tables, and adding to the log.
    assert!(sqlx::query("UPDATE units SET name = name").execute(pool).await.is_ok());
    // An unsigned row is refused by the table itself ...
    let unsigned = "INSERT INTO audit_log (at, actor_role, action, outcome, record_kind, request_id)
                    VALUES (now(), 'system', 'read', 'allowed', 'x', 'forged')";
    assert!(sqlx::query(unsigned).execute(pool).await.is_err(), "no seq and mac: refused");
    // ... and one signed without the key is named by the verifier.
    let next = app.scalar_i64("SELECT max(seq) + 1 FROM audit_log").await;
    let forged = format!(
        "INSERT INTO audit_log (at, actor_role, action, outcome, record_kind, request_id, seq, mac)
         VALUES (now(), 'system', 'read', 'allowed', 'x', 'forged', {next}, '{}')",
        "0".repeat(64)
    );
    sqlx::query(&forged).execute(pool).await.expect("the app role may add rows");
    let id = app.scalar_i64("SELECT id FROM audit_log WHERE request_id = 'forged'").await;
    assert_eq!(verify(&app, None).await.problems, vec![ChainProblem::Changed { seq: next, id }]);
}

/// `serve` on PostgreSQL does not migrate, and will not run with a login that
/// could change the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_serve_refuses_the_owner_a_superuser_and_an_unmigrated_database() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let build = |url: String| async move {
        let settings = Settings::for_tests(&url, std::env::temp_dir());
        Application::build(&settings).await.err().map(|e| e.to_string())
    };
    let owner = build(app.owner_database_url.clone()).await.expect("refused as the owner");
    assert!(owner.contains("owns audit_log"), "{owner}");
    let name = app.database_url.rsplit('/').next().unwrap().to_owned();
    let superuser = build(mina_steg_tests::postgres_url(&name)).await.expect("refused as superuser");
    assert!(superuser.contains("superuser"), "{superuser}");

    let fresh = mina_steg_tests::fresh_database(Backend::Postgres).await;
    let _cleanup = mina_steg_tests::DropDatabase(fresh.clone());
    let unmigrated = build(fresh).await.expect("refused unmigrated");
    assert!(unmigrated.contains("run `mina-steg migrate`"), "{unmigrated}");
}

/// `migrate` makes the app role when it is missing (and the owner may), and
/// grants it exactly the server's rights.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_migrate_makes_and_grants_the_app_role() {
    let role = format!("mina_steg_test_app_{}", std::process::id());
    let url = mina_steg_tests::fresh_database(Backend::Postgres).await;
    let cleanup = mina_steg_tests::DropDatabase(url.clone());
    let store = server::db::connect(&url).await.expect("connect as superuser");
    server::db::migrate_granting(&store, &role).await.expect("migrate");
    let app::server::Store::Postgres(pool) = &store else { unreachable!() };
    let may = |table: &'static str, privilege: &'static str| {
        let role = role.clone();
        async move {
            sqlx::query_scalar::<_, bool>("SELECT has_table_privilege($1::name, $2, $3)")
                .bind(&role)
                .bind(table)
                .bind(privilege)
                .fetch_one(pool)
                .await
                .unwrap()
        }
    };
    for table in ["audit_log", "revisions"] {
        assert!(may(table, "SELECT").await && may(table, "INSERT").await, "{table}");
        for privilege in ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"] {
            assert!(!may(table, privilege).await, "{table}: {privilege}");
        }
    }
    for privilege in ["SELECT", "INSERT", "UPDATE", "DELETE"] {
        assert!(may("participants", privilege).await, "participants: {privilege}");
        assert!(may("tower_sessions.session", privilege).await, "sessions: {privilege}");
    }
    assert!(may("_sqlx_migrations", "SELECT").await && !may("_sqlx_migrations", "INSERT").await);
    // Migrating again (a later release) changes nothing of that.
    server::db::migrate_granting(&store, &role).await.expect("migrate again");
    assert!(!may("audit_log", "DELETE").await);
    store.close().await;
    drop(cleanup);
    // The role belongs to the whole server: leave none behind.
    let admin = sqlx::PgPool::connect(&mina_steg_tests::postgres_url("postgres")).await.unwrap();
    sqlx::query(&format!("DROP ROLE IF EXISTS {role}")).execute(&admin).await.expect("drop the role");
    admin.close().await;
}

on_both_backends!(
    a_clean_log_verifies,
    a_changed_row_is_named,
    a_removed_row_is_named_by_its_gap,
    truncation_is_seen_against_a_witness,
    rows_written_concurrently_verify,
    each_read_is_on_record_when_its_answer_arrives,
    rows_name_the_actors_unit_the_network_and_the_session,
    a_code_names_for_whom_and_its_sign_in_names_the_code_and_who_made_it,
    new_and_changed_records_are_named_by_their_id,
    a_refusal_found_after_the_permit_is_audited_as_refused,
    unshared_parts_of_a_relatives_page_are_not_written_as_refused,
);
