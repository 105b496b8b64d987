//! "Mina kontakter" and "Stegen": the participant's own, audited, nobody else's.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};

async fn contacts_are_the_participants_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let b = app.participant_in_unit(1, 1).await;
    let phone = app.participant_client(a).await;
    let list: serde_json::Value = app.call(&phone, "contacts", &[]).await.json().await.unwrap();
    let expected = app
        .scalar_i64(&format!("SELECT count(*) FROM contact_persons WHERE participant_id = {a} AND until IS NULL"))
        .await;
    assert_eq!(list["contacts"].as_array().unwrap().len() as i64, expected);
    let page = phone.get(app.url("/kontakter")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("href=\"tel:") && page.contains("href=\"mailto:"), "call and mail buttons");
    assert!(page.contains("aria-current=\"page\""), "the menu marks the page");

    let response = app.call(&phone, "contacts", &[("participant_id", &b.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count(&format!("outcome = 'denied' AND record_kind = 'contacts' AND subject_participant_id = {b}"))
            .await,
        1
    );
}

async fn the_ladder_marks_where_you_are_and_lists_your_steps(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Someone who has taken more than one step.
    let participant = app
        .scalar_i64(
            "SELECT participant_id FROM ladder_moves GROUP BY participant_id HAVING count(*) >= 3
             ORDER BY participant_id LIMIT 1",
        )
        .await;
    let phone = app.participant_client(participant).await;
    let ladder: serde_json::Value = app.call(&phone, "ladder", &[]).await.json().await.unwrap();
    let current = app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {participant}")).await;
    assert_eq!(ladder["current"], current.as_str());
    let moves =
        app.scalar_i64(&format!("SELECT count(*) FROM ladder_moves WHERE participant_id = {participant}")).await;
    assert_eq!(ladder["moves"].as_array().unwrap().len() as i64, moves);

    let page = phone.get(app.url("/stegen")).send().await.unwrap().text().await.unwrap();
    assert_eq!(page.matches("Du är här").count(), 1, "one step is marked, in words");
    assert!(page.contains("Nästa steg kan vara") && page.contains("Dina steg hittills"));

    let other = app.participant_in_unit(2, 0).await;
    let response = app.call(&phone, "ladder", &[("participant_id", &other.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count(&format!("outcome = 'denied' AND record_kind = 'ladder' AND subject_participant_id = {other}"))
            .await,
        1
    );
}

on_both_backends!(contacts_are_the_participants_own, the_ladder_marks_where_you_are_and_lists_your_steps);

mod plan {
    use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};

    async fn the_plan_is_the_newest_version_and_the_participants_own(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        // Someone whose plan has two versions.
        let participant = app.scalar_i64("SELECT min(participant_id) FROM joint_plans WHERE version = 2").await;
        let phone = app.participant_client(participant).await;
        let page: serde_json::Value = app.call(&phone, "plan", &[]).await.json().await.unwrap();
        assert_eq!(page["plan"]["version"], 2, "the newest version");
        let goal = app
            .scalar_text(&format!("SELECT goal FROM joint_plans WHERE participant_id = {participant} AND version = 2"))
            .await;
        assert_eq!(page["plan"]["goal"], goal.as_str());
        let html = phone.get(app.url("/min-plan")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Mitt mål") && html.contains("Vad betyder det?"));

        let other = app.participant_in_unit(2, 1).await;
        let response = app.call(&phone, "plan", &[("participant_id", &other.to_string())]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            app.audit_count(&format!(
                "outcome = 'denied' AND record_kind = 'plan' AND subject_participant_id = {other}"
            ))
            .await,
            1
        );
    }

    on_both_backends!(the_plan_is_the_newest_version_and_the_participants_own);
}

mod programme {
    use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

    async fn jag_vill_vara_med_reaches_staff_once(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let participant = app
            .scalar_i64(
                "SELECT min(p.id) FROM participants p WHERE p.discharged_on IS NULL
                   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM expressions_of_interest x WHERE x.participant_id = p.id)",
            )
            .await;
        let phone = app.participant_client(participant).await;
        let page = phone.get(app.url("/programmet")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Jag vill vara med"));

        for _ in 0..2 {
            let response = app.post_form(&phone, "express_interest", &[]).await;
            assert_eq!(location(&response), "/programmet");
        }
        let open = format!(
            "SELECT count(*) FROM expressions_of_interest WHERE participant_id = {participant} AND handled_at IS NULL"
        );
        assert_eq!(app.scalar_i64(&open).await, 1, "sent twice, stored once");
        assert_eq!(
            app.audit_count(&format!(
                "action = 'create' AND record_kind = 'programme_interest' AND subject_participant_id = {participant}"
            ))
            .await,
            2
        );
        let page = phone.get(app.url("/programmet")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Du har sagt att du vill vara med."));
    }

    async fn enrolled_see_their_sessions_waiting_see_their_place(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let enrolled = app.scalar_i64("SELECT min(participant_id) FROM enrolments WHERE status = 'enrolled'").await;
        let phone = app.participant_client(enrolled).await;
        let page: serde_json::Value = app.call(&phone, "programme", &[]).await.json().await.unwrap();
        let sessions = page["status"]["Enrolled"]["sessions"].as_array().expect("enrolled with sessions").len() as i64;
        let expected = app
            .scalar_i64(&format!(
                "SELECT count(*) FROM programme_sessions WHERE round_id =
                   (SELECT round_id FROM enrolments WHERE participant_id = {enrolled} AND status = 'enrolled')"
            ))
            .await;
        assert_eq!(sessions, expected);

        let waiting = app.scalar_i64("SELECT min(participant_id) FROM enrolments WHERE status = 'waiting'").await;
        let phone = app.participant_client(waiting).await;
        let html = phone.get(app.url("/programmet")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Du står i kö") && html.contains("i kön."), "the place in the queue is shown");
    }

    async fn relatives_and_staff_do_not_sign_up_for_the_participant(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let relative = app
            .scalar_i64(
                "SELECT min(recipient_relative_id) FROM consents
                 WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL",
            )
            .await;
        let participant = app
            .scalar_i64(&format!(
                "SELECT min(participant_id) FROM participant_relatives WHERE relative_id = {relative}"
            ))
            .await;
        let client = app.relative_client(participant, relative).await;
        let response = app.call(&client, "express_interest", &[]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }

    on_both_backends!(
        jag_vill_vara_med_reaches_staff_once,
        enrolled_see_their_sessions_waiting_see_their_place,
        relatives_and_staff_do_not_sign_up_for_the_participant,
    );
}
