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
        app::server::Store::Sqlite(p) => sqlx::query_scalar("SELECT id FROM tower_sessions").fetch_all(p).await,
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
    rows_name_the_actors_unit_the_network_and_the_session,
);
