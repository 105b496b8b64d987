//! What people see when the database goes away, and that the server comes
//! back by itself when it returns.

use mina_steg_tests::{Backend, DatabaseLink, DropDatabase, StatusCode, TestApp, database_from_template, location};
use std::time::{Duration, Instant};

const UNAVAILABLE: &str = "Mina steg kan inte nå sina uppgifter just nu.";

async fn ready(app: &TestApp) -> StatusCode {
    app.client().get(app.url("/readyz")).send().await.expect("readyz answers").status()
}

/// PostgreSQL stops (every connection dropped, new ones closed) and starts
/// again: `/readyz` says so quickly, pages and writes say so in Swedish without
/// a 500 or internals, nothing is half written, and the same server serves
/// again once the database is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_away_and_back() {
    let link = DatabaseLink::start().await;
    let direct = database_from_template(Backend::Postgres, true).await;
    let _drop = DropDatabase(direct.clone());
    let app = TestApp::serve(&link.url_through(&direct), |s| s.demo = true).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff_email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&staff_email).await;
    let record = app.url(&format!("/personal/deltagare/{participant}"));
    assert_eq!(staff.get(&record).send().await.expect("page").status(), StatusCode::OK);
    assert_eq!(ready(&app).await, StatusCode::OK);
    let units_before = app.scalar_text("SELECT string_agg(name, ',' ORDER BY id) FROM units").await;

    link.cut();
    let asked = Instant::now();
    assert_eq!(ready(&app).await, StatusCode::SERVICE_UNAVAILABLE);
    let took = asked.elapsed();
    println!("/readyz answered 503 after {} ms", took.as_millis());
    assert!(took < Duration::from_secs(5), "a load balancer must not wait long for /readyz: {took:?}");

    // A page: a clear Swedish message, no internals.
    let page = staff.get(&record).send().await.expect("the server answers");
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = page.text().await.expect("html");
    assert!(html.contains(UNAVAILABLE), "the page says what is wrong: {html}");
    for internal in ["sqlx", "PoolTimedOut", "connection", "postgres", "panicked"] {
        assert!(!html.to_lowercase().contains(&internal.to_lowercase()), "no internals ({internal}) in {html}");
    }
    // A server function: the app's JSON error, which the page shows in the same words.
    let answer = app.call(&staff, "create_sign_in_code", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
    let error: app::errors::AppError = answer.json().await.expect("the app's error");
    assert_eq!(error, app::errors::AppError::Unavailable);
    assert!(error.to_string().starts_with(UNAVAILABLE));

    link.mend();
    let back = Instant::now();
    while ready(&app).await != StatusCode::OK {
        assert!(back.elapsed() < Duration::from_secs(20), "the server reconnects by itself");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("ready again {} ms after the database came back", back.elapsed().as_millis());
    // The same session, the same server: no restart, no new sign-in.
    let page = staff.get(&record).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK, "served again after the outage");
    let answer = app.call(&staff, "create_sign_in_code", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(answer.status(), StatusCode::OK, "writes work again");
    assert_eq!(app.scalar_text("SELECT string_agg(name, ',' ORDER BY id) FROM units").await, units_before);
    // Signed out people are sent to sign in, not shown an error.
    let anonymous = app.client().get(app.url("/")).send().await.expect("page");
    assert!(location(&anonymous).starts_with("/logga-in") || anonymous.status() == StatusCode::OK);
}
