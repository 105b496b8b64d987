//! `mina-steg demo-data --scale N`, at a small scale: the data set has the
//! national shape in proportion, its whole audit log verifies, the same N
//! gives the same data, and the app serves it (a /demo participant's start
//! page, a /demo staff member's caseload).

use app::domain::Password;
use app::server::access::system::Scale;
use app::server::{Access, Keys, Store};
use mina_steg_tests::{
    APP_ROLE, Backend, DropDatabase, STAFF_PASSWORD, StatusCode, fresh_database, location, on_both_backends,
    postgres_url_as,
};
use server::config::Settings;
use server::startup::Application;

const N: i64 = 100;

/// A fresh database, migrated as its owner, and the URL `demo-data` and the
/// server use: on PostgreSQL the app role's, which may only add audit rows.
async fn migrated(backend: Backend) -> (String, DropDatabase) {
    let url = fresh_database(backend).await;
    let cleanup = DropDatabase(url.clone());
    let store = server::db::connect(&url).await.expect("connect");
    server::db::migrate(&store).await.expect("migrate");
    store.close().await;
    let app_url = match backend {
        Backend::Sqlite => url,
        Backend::Postgres => postgres_url_as(APP_ROLE, url.rsplit('/').next().expect("a database name")),
    };
    (app_url, cleanup)
}

async fn fill(url: &str) -> (Store, Access) {
    let store = server::db::connect(url).await.expect("connect");
    let access = Access::new(store.clone(), Keys::demo());
    let scale: Scale = N.to_string().parse().expect("a scale");
    let password = Password::parse(STAFF_PASSWORD).expect("the demo password");
    let summary = access.fill_national_data(scale, &password).await.expect("national data");
    let participants: u64 =
        summary.parts.iter().flat_map(|p| &p.rows).filter(|(t, _)| *t == "participants").map(|(_, n)| n).sum();
    assert_eq!(participants, N as u64, "the summary counts what was written");
    (store, access)
}

async fn scalar(store: &Store, sql: &str) -> i64 {
    match store {
        Store::Sqlite(app::server::SqliteDb { write: p, .. }) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
    }
}

async fn text(store: &Store, sql: &str) -> String {
    match store {
        Store::Sqlite(app::server::SqliteDb { write: p, .. }) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
        Store::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect(sql),
    }
}

async fn a_scaled_data_set_is_shaped_chained_and_served(backend: Backend) {
    let (url, _cleanup) = migrated(backend).await;
    let (store, access) = fill(&url).await;
    let count = |table: &str| format!("SELECT count(*) FROM {table}");

    // In proportion to the national figures (per 40 000: 5 000 staff, 80 000
    // relatives, 2 million meetings, 400 000 plan versions, 10 000 rounds, 20 million audit rows).
    assert_eq!(scalar(&store, &count("participants")).await, N);
    assert_eq!(scalar(&store, &count("relatives")).await, 2 * N);
    let staff = scalar(&store, &count("staff")).await;
    assert!((N / 8..=N / 8 + 8).contains(&staff), "one staff member to eight participants: {staff}");
    let meetings = scalar(&store, &count("meetings")).await;
    assert!((35 * N..=65 * N).contains(&meetings), "about 50 meetings each: {meetings}");
    let plans = scalar(&store, &count("joint_plans")).await;
    assert!((6 * N..=14 * N).contains(&plans), "about 10 plan versions each: {plans}");
    assert_eq!(scalar(&store, &count("programme_rounds")).await, N / 4);
    assert!(scalar(&store, &count("attendance")).await > N, "the rounds held have attendance");
    let held = scalar(&store, "SELECT count(*) FROM meetings WHERE status IN ('held', 'cancelled')").await;
    let planned_ahead =
        scalar(&store, "SELECT count(*) FROM meetings WHERE status = 'planned' AND starts_at > CURRENT_TIMESTAMP")
            .await;
    assert!(held > 30 * N && planned_ahead > N / 2, "most in the past, some ahead: {held}, {planned_ahead}");
    assert_eq!(
        scalar(&store, "SELECT count(*) FROM revisions WHERE record_kind = 'meeting'").await,
        held,
        "every meeting marked held or cancelled kept its planned state"
    );
    // Every participant in a unit of a municipality, every unit with an enhetschef, every account linked.
    assert_eq!(
        scalar(
            &store,
            "SELECT count(*) FROM participants p WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = p.unit_id)"
        )
        .await,
        0
    );
    let units = scalar(&store, &count("units")).await;
    assert_eq!(scalar(&store, "SELECT count(*) FROM staff WHERE role = 'unit_manager'").await, units);
    assert_eq!(scalar(&store, &count("accounts")).await, staff + N + 2 * N);
    assert!(
        scalar(&store, "SELECT count(*) FROM consents WHERE scope = 'share_with_relative'").await >= N / 2,
        "relatives see parts of the participants' pages"
    );

    // The whole log is one chain: the generated rows, then the load's own row.
    let rows = scalar(&store, &count("audit_log")).await;
    // 500 a participant; the last request of the last day may run a few rows over.
    assert!((500 * N + 1..=500 * N + 9).contains(&rows), "{rows} audit rows");
    let report = access.verify_audit_chain(None).await.expect("the log can be read");
    assert!(report.is_intact(), "{}", report.summary());
    assert_eq!((report.signed, report.unsigned_before), (rows, 0));

    // The same N, the same data: names, and the generated log's last signature
    // (which covers every row before it).
    let fingerprint = |store: Store| async move {
        let names = text(&store, "SELECT min(name) || max(name) || count(DISTINCT name) FROM participants").await;
        let mac = text(&store, &format!("SELECT mac FROM audit_log WHERE seq = {}", 500 * N)).await;
        store.close().await;
        (names, mac)
    };
    let (again_url, _again) = migrated(backend).await;
    let (again, _) = fill(&again_url).await;
    assert_eq!(fingerprint(store.clone()).await, fingerprint(again).await);

    // Served with --demo: a listed participant and a listed staff member sign in with one click.
    let store = server::db::connect(&url).await.expect("connect");
    let mut settings = Settings::for_tests(&url, std::env::temp_dir());
    settings.demo = true;
    let application = Application::build(&settings).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let participant = scalar(
        &store,
        "SELECT min(d.account_id) FROM demo_accounts d JOIN accounts a ON a.id = d.account_id
          WHERE a.role = 'participant'",
    )
    .await;
    let consultant = scalar(
        &store,
        "SELECT min(d.account_id) FROM demo_accounts d JOIN accounts a ON a.id = d.account_id
           JOIN staff s ON s.id = a.staff_id WHERE s.role = 'employment_consultant'",
    )
    .await;
    let sign_in = |account: i64| {
        let base = base.clone();
        async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client");
            let response = client
                .post(format!("{base}/api/demo_sign_in"))
                .header("accept", "text/html")
                .form(&[("account_id", account.to_string())])
                .send()
                .await
                .expect("request");
            (client, location(&response))
        }
    };
    let (phone, to) = sign_in(participant).await;
    assert_eq!(to, "/");
    let name = text(
        &store,
        &format!("SELECT p.preferred_name FROM participants p JOIN accounts a ON a.participant_id = p.id WHERE a.id = {participant}"),
    )
    .await;
    let page = phone.get(format!("{base}/")).send().await.expect("start page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains(&name) && html.contains("Du är här på stegen"), "{name}'s start page");

    let (staff, to) = sign_in(consultant).await;
    assert_eq!(to, "/personal");
    let caseload = staff.get(format!("{base}/personal")).send().await.expect("caseload");
    assert_eq!(caseload.status(), StatusCode::OK);
    store.close().await;
}

on_both_backends!(a_scaled_data_set_is_shaped_chained_and_served);
