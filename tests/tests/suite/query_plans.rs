//! Every query on the hot paths can use an index: the statements the server
//! sends for the pages people open most are captured as they run (sqlx reports
//! each statement to `tracing`), and PostgreSQL plans each one with sequential
//! scans switched off and a generic plan (no parameter values): a sequential
//! scan that remains means no index can serve the query, whatever the size of
//! the data. Small lookup tables (units, settings) may be scanned.
//!
//! It also prints how many statements each page took.

use mina_steg_tests::{Backend, StatusCode, TestApp};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

static CAPTURING: AtomicBool = AtomicBool::new(false);
static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A process-wide subscriber that keeps the SQL of sqlx's statement events
/// while [`CAPTURING`] is on, and nothing else.
struct StatementCapture;

struct Sql(Option<String>, Option<String>);

impl Visit for Sql {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "db.statement" if !value.trim().is_empty() => self.0 = Some(value.trim().to_owned()),
            "summary" => self.1 = Some(value.to_owned()),
            _ => {}
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.1 = Some(format!("{value:?}").trim_matches('"').to_owned());
        }
    }
}

impl Subscriber for StatementCapture {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if metadata.target() == "sqlx::query" { Interest::sometimes() } else { Interest::never() }
    }
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == "sqlx::query" && CAPTURING.load(Ordering::SeqCst)
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut sql = Sql(None, None);
        event.record(&mut sql);
        // Short statements come as the summary alone; longer ones in full.
        if let Some(statement) = sql.0.or(sql.1) {
            STATEMENTS.lock().expect("statements").push(statement);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The statements the server sent while `work` ran.
async fn statements_of<F: std::future::Future<Output = ()>>(work: F) -> Vec<String> {
    STATEMENTS.lock().expect("statements").clear();
    CAPTURING.store(true, Ordering::SeqCst);
    work.await;
    CAPTURING.store(false, Ordering::SeqCst);
    std::mem::take(&mut *STATEMENTS.lock().expect("statements"))
}

/// Tables so small, in any municipality, that a scan is the right plan.
const SMALL_TABLES: &[&str] = &["units", "instance_meta", "demo_accounts", "retention_rules", "_sqlx_migrations"];

fn seq_scans(plan: &serde_json::Value, found: &mut Vec<String>) {
    if plan["Node Type"] == "Seq Scan"
        && let Some(table) = plan["Relation Name"].as_str()
        && !SMALL_TABLES.contains(&table)
    {
        found.push(table.to_owned());
    }
    for child in plan["Plans"].as_array().into_iter().flatten() {
        seq_scans(child, found);
    }
    for (_, value) in plan.as_object().into_iter().flatten() {
        if value.is_object() && value.get("Node Type").is_some() {
            seq_scans(value, found);
        }
    }
}

/// How many `$n` parameters a statement takes.
fn parameters(sql: &str) -> usize {
    let mut most = 0;
    let bytes = sql.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'$' {
            let digits: String = sql[i + 1..].chars().take_while(char::is_ascii_digit).collect();
            most = most.max(digits.parse().unwrap_or(0));
        }
    }
    most
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hot_paths_use_indexes() {
    // Set once for the whole test binary; it keeps nothing unless capturing.
    let _ = tracing::subscriber::set_global_default(StatementCapture);
    let app = TestApp::spawn(Backend::Postgres).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let phone = app.participant_client(participant).await;
    let meeting = app.scalar_i64(&format!("SELECT min(id) FROM meetings WHERE participant_id = {participant}")).await;
    let round = app
        .scalar_i64(&format!(
            "SELECT min(id) FROM programme_rounds WHERE unit_id = (SELECT unit_id FROM participants WHERE id = {participant})"
        ))
        .await;
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
    let record = |part: &str| format!("/personal/deltagare/{participant}{part}");
    let pages = [
        ("participant start /", "/".to_owned(), &phone),
        ("meeting page", format!("/moten/{meeting}"), &phone),
        ("participant's meetings", "/moten".to_owned(), &phone),
        ("participant's plan", "/min-plan".to_owned(), &phone),
        ("participant's contacts", "/kontakter".to_owned(), &phone),
        ("participant's ladder", "/stegen".to_owned(), &phone),
        ("participant's programme", "/programmet".to_owned(), &phone),
        ("staff caseload /personal", "/personal".to_owned(), &staff),
        ("record overview", record(""), &staff),
        ("record plan", record("/plan"), &staff),
        ("record meetings", record("/moten"), &staff),
        ("record contacts", record("/kontakter"), &staff),
        ("record consents", record("/samtycken"), &staff),
        ("record steps", record("/steg"), &staff),
        ("staff programme", "/personal/programmet".to_owned(), &staff),
        ("programme round", format!("/personal/programmet/omgang/{round}"), &staff),
        // Five years of one unit: the enhetschef's follow-up.
        ("follow-up of a unit", "/personal/uppfoljning?fran=2021-01-01".to_owned(), &manager),
    ];
    let mut all = Vec::new();
    for (name, path, client) in pages {
        // Once to warm the session's once-a-minute touch, then the one measured.
        let _ = client.get(app.url(&path)).send().await;
        let statements = statements_of(async {
            let page = client.get(app.url(&path)).send().await.expect("page");
            assert_eq!(page.status(), StatusCode::OK, "{path}");
        })
        .await;
        println!("{name}: {} statements", statements.len());
        all.extend(statements);
    }
    all.sort();
    all.dedup();
    assert!(all.len() > 10, "statements were captured: {all:?}");

    let owner = sqlx::PgPool::connect(&app.owner_database_url).await.expect("owner");
    let mut conn = owner.acquire().await.expect("connection");
    sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.expect("set");
    sqlx::query("SET plan_cache_mode = force_generic_plan").execute(&mut *conn).await.expect("set");
    let mut failures = Vec::new();
    let mut planned = 0;
    for sql in &all {
        let verb = sql.split_whitespace().next().unwrap_or_default().to_uppercase();
        if !matches!(verb.as_str(), "SELECT" | "WITH" | "UPDATE" | "DELETE" | "INSERT") {
            continue; // BEGIN, COMMIT, SET, locks
        }
        if sqlx::query(&format!("PREPARE hot AS {sql}")).execute(&mut *conn).await.is_err() {
            continue; // e.g. a statement naming a temporary table
        }
        let nulls = vec!["NULL"; parameters(sql)].join(", ");
        let explain = if nulls.is_empty() {
            "EXPLAIN (FORMAT JSON) EXECUTE hot".to_owned()
        } else {
            format!("EXPLAIN (FORMAT JSON) EXECUTE hot({nulls})")
        };
        // EXPLAIN's json comes as text (json's binary form is its text).
        let row = sqlx::query(&explain).fetch_one(&mut *conn).await.expect(&explain);
        let text: String = sqlx::Row::try_get_unchecked(&row, 0).expect("plan text");
        let plan: serde_json::Value = serde_json::from_str(&text).expect("plan json");
        sqlx::query("DEALLOCATE hot").execute(&mut *conn).await.expect("deallocate");
        planned += 1;
        let mut scans = Vec::new();
        seq_scans(&plan[0]["Plan"], &mut scans);
        if !scans.is_empty() {
            failures.push(format!("{scans:?} in: {sql}"));
        }
    }
    println!("{planned} distinct statements planned");
    assert!(planned > 10, "the statements were planned");
    assert!(failures.is_empty(), "sequential scans no index can avoid:\n{}", failures.join("\n\n"));
}
