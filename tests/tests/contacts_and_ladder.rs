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
