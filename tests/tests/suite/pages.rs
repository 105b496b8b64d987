//! Server-rendered pages with real data, readable without JavaScript.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

async fn the_participant_start_page_shows_the_next_meeting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    let title = app
        .scalar_text(&format!(
            "SELECT title FROM meetings WHERE participant_id = {participant} AND status = 'planned'
               AND ends_at > CURRENT_TIMESTAMP ORDER BY starts_at LIMIT 1"
        ))
        .await;
    let response = phone.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Ditt nästa möte"), "the card is there");
    assert!(html.contains(&html_escape(&title)), "the meeting's title ({title}) is on the page");
    assert!(html.contains("Dina kontakter") && html.contains("href=\"tel:"), "contacts with call buttons");
    assert!(html.contains("Du är här på stegen"));
}

async fn signed_out_visitors_are_sent_to_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // As a browser asks for a page.
    let get = |path: &str| app.client().get(app.url(path)).header("accept", "text/html").send();
    let response = get("/").await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/logga-in");
    let response = get("/personal").await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/logga-in/personal");
}

async fn the_staff_start_page_lists_the_unit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let html = staff.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    let name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {participant}")).await;
    let other = app
        .scalar_text(&format!("SELECT name FROM participants WHERE id = {}", app.participant_in_unit(2, 0).await))
        .await;
    assert!(html.contains(&html_escape(&name)));
    assert!(!html.contains(&html_escape(&other)), "not the other unit's people");
}

async fn unknown_pages_are_404(backend: Backend) {
    let app = TestApp::spawn_with(backend, false, false).await;
    let response = app.client().get(app.url("/finns-inte")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("Sidan finns inte"));
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

on_both_backends!(
    the_participant_start_page_shows_the_next_meeting,
    signed_out_visitors_are_sent_to_sign_in,
    the_staff_start_page_lists_the_unit,
    unknown_pages_are_404,
);
