//! Who may read what: participants their own record only (no IDOR), relatives
//! only what consent shares, staff only their unit. Every refusal is audited.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};

async fn a_participant_cannot_read_another_participants_data(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let b = app.participant_in_unit(1, 1).await;
    let phone = app.participant_client(a).await;

    let own = app.call(&phone, "participant_start", &[]).await;
    assert_eq!(own.status(), StatusCode::OK);
    let own: serde_json::Value = own.json().await.unwrap();
    assert_eq!(own["participant_id"], a);

    // Every server function that takes a participant id, with B's id.
    let b_id = b.to_string();
    for (endpoint, form) in [
        ("participant_start", vec![("participant_id", b_id.as_str())]),
        ("create_sign_in_code", vec![("participant_id", b_id.as_str())]),
    ] {
        let before = app.audit_count(&format!("outcome = 'denied' AND subject_participant_id = {b}")).await;
        let response = app.call(&phone, endpoint, &form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{endpoint} refuses B's id");
        let body = response.text().await.unwrap();
        assert!(!body.contains(&app.scalar_text(&format!("SELECT name FROM participants WHERE id = {b}")).await));
        let after = app.audit_count(&format!("outcome = 'denied' AND subject_participant_id = {b}")).await;
        assert_eq!(after, before + 1, "{endpoint}: the refusal is in the audit log");
    }
    // The roster is staff only.
    assert_eq!(app.call(&phone, "staff_home", &[]).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("outcome = 'denied' AND record_kind = 'unit_roster'").await, 1);
}

async fn ids_that_do_not_exist_look_like_forbidden_ones(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let phone = app.participant_client(app.participant_in_unit(1, 0).await).await;
    for id in ["999999", "-1", "0"] {
        let response = app.call(&phone, "participant_start", &[("participant_id", id)]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "id {id}");
    }
}

async fn a_code_for_someone_elses_relative_is_refused_and_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let stranger = app
        .scalar_i64(&format!(
            "SELECT id FROM relatives WHERE id NOT IN
               (SELECT relative_id FROM participant_relatives WHERE participant_id = {participant}) ORDER BY id LIMIT 1"
        ))
        .await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let codes = app.scalar_i64("SELECT count(*) FROM sign_in_codes").await;
    let response = app
        .call(
            &staff,
            "create_sign_in_code",
            &[("participant_id", &participant.to_string()), ("relative_id", &stranger.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM sign_in_codes").await, codes, "no code made");
    assert_eq!(app.audit_count("outcome = 'denied' AND record_kind = 'relative_account'").await, 1);
    assert_eq!(
        app.audit_count("outcome = 'allowed' AND record_kind = 'access'").await,
        0,
        "the permit was rolled back"
    );
}

/// A relative (here a god man) linked to a participant who shares nothing.
async fn a_relative_without_consent_gets_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (relative, participant) = relative_where(&app, "NOT EXISTS").await;
    let client = app.relative_client(participant, relative).await;
    let response = app.call(&client, "participant_start", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count(&format!(
            "outcome = 'denied' AND actor_role = 'relative' AND subject_participant_id = {participant}"
        ))
        .await,
        1
    );
}

async fn a_relative_with_consent_sees_only_what_is_shared(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (relative, participant) = relative_where(&app, "EXISTS").await;
    let shared = app
        .scalar_text(&format!(
            "SELECT shared_sections FROM consents WHERE recipient_relative_id = {relative}
               AND scope = 'share_with_relative' AND withdrawn_on IS NULL"
        ))
        .await;
    let client = app.relative_client(participant, relative).await;
    let response = app.call(&client, "participant_start", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["next_meeting"].is_null(), !shared.contains("meetings"), "meetings follow consent ({shared})");
    assert_eq!(body["contacts"].is_null(), !shared.contains("contacts"), "contacts follow consent ({shared})");
    assert_eq!(body["step"].is_null(), !shared.contains("ladder"), "ladder follows consent ({shared})");
    // Another participant, not theirs: nothing.
    let stranger = app
        .scalar_i64(&format!(
            "SELECT id FROM participants WHERE id NOT IN
               (SELECT participant_id FROM participant_relatives WHERE relative_id = {relative}) ORDER BY id LIMIT 1"
        ))
        .await;
    let response = app.call(&client, "participant_start", &[("participant_id", &stranger.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

async fn staff_cannot_read_another_units_participants(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let own = app.participant_in_unit(1, 0).await;
    let other = app.participant_in_unit(2, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(own).await).await;

    let response = app.call(&staff, "participant_start", &[("participant_id", &own.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK, "own unit");
    for (endpoint, form) in [
        ("participant_start", vec![("participant_id", other.to_string())]),
        ("create_sign_in_code", vec![("participant_id", other.to_string())]),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.call(&staff, endpoint, &form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{endpoint}: another unit");
    }
    assert_eq!(
        app.audit_count(&format!("outcome = 'denied' AND actor_role = 'staff' AND subject_participant_id = {other}"))
            .await,
        2
    );
    // The roster lists only the own unit, and each listed person is audited as read.
    let home: serde_json::Value = app.call(&staff, "staff_home", &[]).await.json().await.unwrap();
    let ids: Vec<i64> =
        home["participants"].as_array().unwrap().iter().map(|p| p["participant_id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&own) && !ids.contains(&other));
    assert_eq!(app.audit_count("record_kind = 'roster_entry'").await, ids.len() as i64);
}

async fn reads_are_audited_with_who_what_whose_when(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    let before = app.audit_count("outcome = 'allowed' AND action = 'read'").await;
    assert_eq!(app.call(&phone, "participant_start", &[]).await.status(), StatusCode::OK);
    let after = app.audit_count("outcome = 'allowed' AND action = 'read'").await;
    // And whether they have chosen reminders: the page asks until they have.
    assert_eq!(after - before, 5, "profile, meetings, ladder, contacts, reminder_choice");
    let rows = app
        .audit_count(&format!(
            "actor_role = 'participant' AND subject_participant_id = {participant} AND record_kind = 'meetings'
               AND actor_account_id IS NOT NULL AND request_id <> '' AND at IS NOT NULL"
        ))
        .await;
    assert_eq!(rows, 1);
}

async fn the_audit_log_cannot_be_changed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let update = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query("UPDATE audit_log SET action = 'x'").execute(p).await.map(|_| ())
        }
        app::server::Store::Postgres(p) => {
            sqlx::query("UPDATE audit_log SET action = 'x'").execute(p).await.map(|_| ())
        }
    };
    assert!(update.is_err(), "updates are refused");
    let delete = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query("DELETE FROM audit_log").execute(p).await.map(|_| ())
        }
        app::server::Store::Postgres(p) => sqlx::query("DELETE FROM audit_log").execute(p).await.map(|_| ()),
    };
    assert!(delete.is_err(), "deletes are refused");
    assert!(app.audit_count("1 = 1").await > 0);
}

/// A relative linked to a participant, with (`EXISTS`) or without (`NOT EXISTS`)
/// a sharing consent in force.
async fn relative_where(app: &TestApp, exists: &str) -> (i64, i64) {
    let sql = |col: &str| {
        format!(
            "SELECT pr.{col} FROM participant_relatives pr WHERE {exists} (SELECT 1 FROM consents c
               WHERE c.recipient_relative_id = pr.relative_id AND c.participant_id = pr.participant_id
                 AND c.scope = 'share_with_relative' AND c.withdrawn_on IS NULL)
             ORDER BY pr.relative_id LIMIT 1"
        )
    };
    (app.scalar_i64(&sql("relative_id")).await, app.scalar_i64(&sql("participant_id")).await)
}

/// A relative's menu shows only the parts the consent shares; withdrawn, they go.
async fn a_relatives_menu_follows_the_consent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let consent = app
        .scalar_i64(
            "SELECT min(id) FROM consents WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL
               AND shared_sections = 'meetings'",
        )
        .await;
    let relative = app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {consent}")).await;
    let participant = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {consent}")).await;
    let client = app.relative_client(participant, relative).await;
    let menu = |html: &str| {
        let nav = html.split("participant-nav").nth(1).and_then(|n| n.split("</nav>").next()).unwrap_or("").to_owned();
        ["/min-plan", "/moten", "/kontakter", "/stegen", "/programmet"]
            .into_iter()
            .filter(|href| nav.contains(&format!("href=\"{href}\"")))
            .collect::<Vec<_>>()
    };
    let page = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert_eq!(menu(&page), ["/moten"], "only what is shared");
    app.execute(&format!("UPDATE consents SET withdrawn_on = given_on WHERE id = {consent}")).await;
    let page = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(menu(&page).is_empty(), "nothing once withdrawn");
    // A participant sees the whole menu.
    let own = app.participant_client(participant).await;
    let page = own.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert_eq!(menu(&page).len(), 5);
}

on_both_backends!(
    a_relatives_menu_follows_the_consent,
    a_participant_cannot_read_another_participants_data,
    ids_that_do_not_exist_look_like_forbidden_ones,
    a_relative_without_consent_gets_nothing,
    a_relative_with_consent_sees_only_what_is_shared,
    staff_cannot_read_another_units_participants,
    reads_are_audited_with_who_what_whose_when,
    the_audit_log_cannot_be_changed,
    a_code_for_someone_elses_relative_is_refused_and_audited,
);
