//! "Mina möten", one meeting, and the participant's answer: own meetings only.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

async fn next_meeting_of(app: &TestApp, participant: i64) -> i64 {
    app.scalar_i64(&format!(
        "SELECT id FROM meetings WHERE participant_id = {participant} AND status = 'planned'
         ORDER BY starts_at DESC LIMIT 1"
    ))
    .await
}

async fn a_participant_sees_their_meetings_and_no_one_elses(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let b = app.participant_in_unit(1, 1).await;
    let phone = app.participant_client(a).await;

    let list: serde_json::Value = app.call(&phone, "meetings", &[]).await.json().await.unwrap();
    let total = list["coming"].as_array().unwrap().len() + list["past"].as_array().unwrap().len();
    assert_eq!(
        total as i64,
        app.scalar_i64(&format!("SELECT count(*) FROM meetings WHERE participant_id = {a}")).await
    );
    let page = phone.get(app.url("/moten")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Möten som kommer") && page.contains("href=\"/moten/"));

    let own = next_meeting_of(&app, a).await;
    let response = phone.get(app.url(&format!("/moten/{own}"))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("Kommer du?"), "the answer buttons are there");

    let theirs = next_meeting_of(&app, b).await;
    let response = app.call(&phone, "meeting", &[("meeting_id", &theirs.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count(&format!("outcome = 'denied' AND record_kind = 'meetings' AND record_id = {theirs}")).await,
        1
    );
    let response = app.call(&phone, "meetings", &[("participant_id", &b.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app.call(&phone, "meeting", &[("meeting_id", "987654")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "an unknown id looks like a forbidden one");
    assert_eq!(app.audit_count("outcome = 'denied' AND record_id = 987654").await, 1);
}

async fn the_answer_is_saved_audited_and_can_be_changed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let meeting = next_meeting_of(&app, a).await;
    let phone = app.participant_client(a).await;
    let answer_of = |id: i64| format!("SELECT participant_answer FROM meetings WHERE id = {id}");

    let response =
        app.post_form(&phone, "answer_meeting", &[("meeting_id", &meeting.to_string()), ("answer", "coming")]).await;
    assert_eq!(location(&response), format!("/moten/{meeting}"));
    assert_eq!(app.scalar_text(&answer_of(meeting)).await, "coming");
    let page = phone.get(app.url(&format!("/moten/{meeting}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Tack! Vi har sparat ditt svar.") && page.contains("Du har svarat: Jag kommer."));

    app.post_form(&phone, "answer_meeting", &[("meeting_id", &meeting.to_string()), ("answer", "not_coming")]).await;
    assert_eq!(app.scalar_text(&answer_of(meeting)).await, "not_coming");
    assert_eq!(
        app.audit_count(&format!(
            "action = 'change' AND outcome = 'allowed' AND record_kind = 'meeting_answer' AND record_id = {meeting}
               AND subject_participant_id = {a} AND actor_role = 'participant'"
        ))
        .await,
        2
    );
}

async fn no_one_answers_for_another_participant(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let b = app.participant_in_unit(1, 1).await;
    let theirs = next_meeting_of(&app, b).await;
    let before = app.scalar_text(&format!("SELECT participant_answer FROM meetings WHERE id = {theirs}")).await;
    let phone = app.participant_client(a).await;
    let response =
        app.call(&phone, "answer_meeting", &[("meeting_id", &theirs.to_string()), ("answer", "coming")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_text(&format!("SELECT participant_answer FROM meetings WHERE id = {theirs}")).await, before);
    assert_eq!(
        app.audit_count(&format!("outcome = 'denied' AND record_kind = 'meeting_answer' AND record_id = {theirs}"))
            .await,
        1
    );
    // A wrong answer value is a clear 422, and nothing changes.
    let own = next_meeting_of(&app, a).await;
    let response = app.call(&phone, "answer_meeting", &[("meeting_id", &own.to_string()), ("answer", "maybe")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Välj om du kommer eller inte."));
}

async fn staff_see_the_answer_on_their_roster(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let soonest = app
        .scalar_i64(&format!(
            "SELECT id FROM meetings WHERE participant_id = {a} AND status = 'planned' ORDER BY starts_at LIMIT 1"
        ))
        .await;
    let phone = app.participant_client(a).await;
    app.post_form(&phone, "answer_meeting", &[("meeting_id", &soonest.to_string()), ("answer", "not_coming")]).await;
    let staff = app.staff_client(&app.staff_email_for_participant(a).await).await;
    let home: serde_json::Value = app.call(&staff, "staff_home", &[]).await.json().await.unwrap();
    let row = home["participants"].as_array().unwrap().iter().find(|p| p["participant_id"] == a).unwrap().clone();
    assert_eq!(row["next_meeting"][1], "not_coming", "{row}");
    let html = staff.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Kommer inte"), "the answer is on the roster page");
}

async fn a_held_meeting_cannot_be_answered(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let held = app
        .scalar_i64(&format!("SELECT id FROM meetings WHERE participant_id = {a} AND status = 'held' LIMIT 1"))
        .await;
    let phone = app.participant_client(a).await;
    app.post_form(&phone, "answer_meeting", &[("meeting_id", &held.to_string()), ("answer", "coming")]).await;
    let page = phone.get(app.url(&format!("/moten/{held}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Mötet har redan varit. Du kan inte svara nu."), "says why");
    assert!(!page.contains("Kommer du?"), "no answer buttons on a held meeting");
}

on_both_backends!(
    a_participant_sees_their_meetings_and_no_one_elses,
    the_answer_is_saved_audited_and_can_be_changed,
    no_one_answers_for_another_participant,
    a_held_meeting_cannot_be_answered,
    staff_see_the_answer_on_their_roster,
);

mod calendar {
    use super::next_meeting_of;
    use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
    use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};

    async fn the_calendar_file_parses_back_and_only_for_the_owner(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let a = app.participant_in_unit(1, 0).await;
        let meeting = next_meeting_of(&app, a).await;
        let phone = app.participant_client(a).await;
        let response = phone.get(app.url(&format!("/moten/{meeting}/kalender.ics"))).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let ics = response.text().await.unwrap();
        let calendar: Calendar = ics.parse().expect("RFC 5545 that parses back");
        let event = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .expect("an event");
        let start = match event.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
            other => panic!("start in UTC, got {other:?}"),
        };
        let json: serde_json::Value =
            app.call(&phone, "meeting", &[("meeting_id", &meeting.to_string())]).await.json().await.unwrap();
        let expected: chrono::DateTime<chrono::Utc> = json["starts_at"].as_str().unwrap().parse().unwrap();
        assert_eq!(start, expected, "the same instant as the meeting");
        assert!(ics.contains("TRIGGER;RELATED=START:-PT86400S"), "a reminder the day before");
        assert_eq!(
            app.audit_count(&format!(
                "action = 'export' AND outcome = 'allowed' AND record_kind = 'meetings' AND record_id = {meeting}"
            ))
            .await,
            1
        );

        // Someone else's meeting: refused, nothing of it in the answer.
        let b = app.participant_in_unit(1, 1).await;
        let theirs = next_meeting_of(&app, b).await;
        let response = phone.get(app.url(&format!("/moten/{theirs}/kalender.ics"))).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(!response.text().await.unwrap().contains("BEGIN:VCALENDAR"));
        let signed_out = app.client().get(app.url(&format!("/moten/{meeting}/kalender.ics"))).send().await.unwrap();
        assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
    }

    on_both_backends!(the_calendar_file_parses_back_and_only_for_the_owner);
}
