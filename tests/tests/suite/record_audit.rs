//! What each record page writes in the audit log: only the parts it shows.
//! And the one request context: the staff session's 10-hour cap holds for the
//! calendar file as for every page.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, session_cookie};
use std::collections::BTreeSet;

/// The record kinds of the allowed audit rows one request wrote, sorted (a part
/// read twice would show twice).
async fn kinds_read(app: &TestApp, response: &reqwest::Response) -> Vec<String> {
    let request_id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("request id");
    let sql = format!(
        "SELECT record_kind FROM audit_log WHERE request_id = '{request_id}' AND outcome = 'allowed' ORDER BY id"
    );
    let kinds: Vec<String> = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar(&sql).fetch_all(p).await.expect(&sql)
        }
        app::server::Store::Postgres(p) => sqlx::query_scalar(&sql).fetch_all(p).await.expect(&sql),
    };
    let mut kinds = kinds;
    kinds.sort();
    kinds
}

async fn each_record_page_audits_only_what_it_shows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let set =
        |kinds: &[&str]| kinds.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>();
    #[rustfmt::skip]
    let pages: [(&str, Vec<String>); 7] = [
        ("", set(&["record", "network", "contacts", "consents", "meetings", "plan", "programme", "ladder", "placement"])),
        ("/plan", set(&["profile", "plan_history"])),
        ("/moten", set(&["profile", "meetings", "network", "unit_people", "reminders"])),
        ("/kontakter", set(&["profile", "contacts", "unit_people", "network"])),
        ("/samtycken", set(&["profile", "consents", "network"])),
        ("/steg", set(&["record", "ladder"])),
        // The devices where the sign-in was saved (passkeys) are the access part.
        ("/kod", set(&["profile", "network", "access"])),
    ];
    for (part, expected) in pages {
        let path = format!("/personal/deltagare/{participant}{part}");
        let response = staff.get(app.url(&path)).header("accept", "text/html").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            kinds_read(&app, &response).await,
            expected,
            "{path} audits what it shows, each part once, and nothing else"
        );
        // Every row names whose record it is, except the unit's own lists.
        let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
        let unnamed = app
            .audit_count(&format!(
                "request_id = '{request_id}' AND subject_participant_id IS NULL AND record_kind <> 'unit_people'"
            ))
            .await;
        assert_eq!(unnamed, 0, "{path}");
    }
}

/// A staff session older than 10 hours ends, whatever is asked for: here
/// the calendar file, which once read the session on its own.
async fn the_calendar_file_keeps_the_ten_hour_cap(backend: Backend) {
    use tower_sessions::SessionStore;
    let app = TestApp::spawn(backend).await;
    let meeting = app
        .scalar_i64(
            "SELECT min(m.id) FROM meetings m JOIN participants p ON p.id = m.participant_id
             WHERE p.unit_id = (SELECT min(id) FROM units) AND p.discharged_on IS NULL",
        )
        .await;
    let participant = app.scalar_i64(&format!("SELECT participant_id FROM meetings WHERE id = {meeting}")).await;
    let email = app.staff_email_for_participant(participant).await;
    let client = app.client();
    let signed_in = app
        .post_form(&client, "sign_in_staff", &[("email", &email), ("password", mina_steg_tests::STAFF_PASSWORD)])
        .await;
    let cookie = session_cookie(&signed_in).expect("a session cookie");
    let path = format!("/moten/{meeting}/kalender.ics");
    assert_eq!(client.get(app.url(&path)).send().await.unwrap().status(), StatusCode::OK, "staff of the unit");

    // Eleven hours later (the session says so; the idle timeout is kept fresh).
    let id: tower_sessions::session::Id = cookie.split_once('=').unwrap().1.parse().expect("session id");
    let store = server::sessions::AnySessionStore::new(&app.store);
    let mut record = store.load(&id).await.expect("load").expect("the session is stored");
    let eleven_hours_ago = chrono::Utc::now().timestamp() - 11 * 3600;
    record.data.insert("signed_in_at".into(), serde_json::json!(eleven_hours_ago));
    store.save(&record).await.expect("save");

    let response = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "the cap ends the session for the calendar file too");
    let page = client.get(app.url("/personal")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(mina_steg_tests::location(&page), "/logga-in/personal", "and the session stays ended");
}

on_both_backends!(each_record_page_audits_only_what_it_shows, the_calendar_file_keeps_the_ten_hour_cap);
