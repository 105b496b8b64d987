//! Sign-in and sign-out, session rotation, sign-in codes and rate limits.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, session_cookie};

async fn staff_sign_in_and_sign_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&email).await;

    let home = app.call(&staff, "staff_home", &[]).await;
    assert_eq!(home.status(), StatusCode::OK);
    let body: serde_json::Value = home.json().await.unwrap();
    assert!(body["participants"].as_array().unwrap().len() >= 10, "the unit's participants are listed");
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'allowed' AND record_kind = 'password'").await, 1);

    let out = app.post_form(&staff, "sign_out", &[]).await;
    assert_eq!(out.status(), StatusCode::FOUND);
    assert_eq!(location(&out), "/logga-in");
    let after = app.call(&staff, "staff_home", &[]).await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "signed out on the server");
    assert_eq!(app.audit_count("action = 'sign_out'").await, 1);
}

async fn wrong_password_is_refused_and_keeps_the_email(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let client = app.client();
    let response =
        app.post_form(&client, "sign_in_staff", &[("email", &email), ("password", "fel-losenord-999")]).await;
    assert_eq!(location(&response), "/logga-in/personal");
    let page = client.get(app.url("/logga-in/personal")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("E-postadressen eller lösenordet stämmer inte"), "a clear Swedish message");
    assert!(page.contains(&format!("value=\"{email}\"")), "the e-mail stays in the field");
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied'").await, 1);
}

async fn session_id_rotates_at_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let client = app.client();
    // A failed attempt leaves a session (holding the form feedback).
    let first = app.post_form(&client, "sign_in_staff", &[("email", &email), ("password", "x")]).await;
    let before = session_cookie(&first).expect("a session before sign-in");
    let second = app
        .post_form(&client, "sign_in_staff", &[("email", &email), ("password", mina_steg_tests::STAFF_PASSWORD)])
        .await;
    let after = session_cookie(&second).expect("a new cookie at sign-in");
    assert_ne!(before, after, "the session id changes at sign-in");

    // The old id is worth nothing.
    let stale = reqwest::Client::new();
    let response = stale
        .post(app.url("/api/staff_home"))
        .header("cookie", before)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

async fn a_code_works_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let code = app.new_code(&staff, participant).await;
    assert_eq!(code.len(), 10);
    // Only a hash is stored.
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM sign_in_codes WHERE code_hash = '{code}'")).await, 0);

    let phone = app.client();
    let ok = app.post_form(&phone, "sign_in_code", &[("code", &code.to_lowercase())]).await;
    assert_eq!(location(&ok), "/", "lower case is fine");
    let start = app.call(&phone, "participant_start", &[]).await;
    assert_eq!(start.status(), StatusCode::OK);

    let other_phone = app.client();
    let again = app.post_form(&other_phone, "sign_in_code", &[("code", &code)]).await;
    assert_eq!(location(&again), "/logga-in", "a used code is refused");
    assert_eq!(app.call(&other_phone, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let page = other_phone.get(app.url("/logga-in")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Koden fungerar inte"));
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'sign_in_code'").await, 1);
}

async fn an_expired_code_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 1).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let code = app.new_code(&staff, participant).await;
    let past = match backend {
        Backend::Sqlite => "'2020-01-01T00:00:00+00:00'",
        Backend::Postgres => "TIMESTAMPTZ '2020-01-01 00:00:00+00'",
    };
    app.execute(&format!("UPDATE sign_in_codes SET expires_at = {past}")).await;
    let phone = app.client();
    let response = app.post_form(&phone, "sign_in_code", &[("code", &code)]).await;
    assert_eq!(location(&response), "/logga-in");
    assert_eq!(app.call(&phone, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied'").await, 1);
}

async fn codes_live_ten_minutes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(2, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let response = app.call(&staff, "create_sign_in_code", &[("participant_id", &participant.to_string())]).await;
    let body: serde_json::Value = response.json().await.unwrap();
    let expires: chrono::DateTime<chrono::Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    let minutes = (expires - chrono::Utc::now()).num_seconds() as f64 / 60.0;
    assert!((9.0..=10.0).contains(&minutes), "expires in {minutes} minutes");
    assert!(body["qr_svg"].as_str().unwrap().starts_with("<?xml"), "a QR code comes with it");
}

async fn racing_with_one_code_only_one_wins(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 2).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let code = app.new_code(&staff, participant).await;
    let phones: Vec<_> = (0..4).map(|_| app.client()).collect();
    let form = [("code", code.as_str())];
    let attempts = phones.iter().map(|p| app.post_form(p, "sign_in_code", &form));
    // Sent together, so the requests really race.
    let results = futures::future::join_all(attempts).await;
    let winners = results.iter().filter(|r| location(r) == "/").count();
    assert_eq!(winners, 1, "exactly one sign-in with one code");
}

async fn too_many_wrong_passwords_lock_the_account_at_that_address_for_a_while(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let client = app.client();
    for _ in 0..5 {
        app.post_form(&client, "sign_in_staff", &[("email", &email), ("password", "fel-fel-fel-fel")]).await;
    }
    // Even the right password is refused now, with a message saying why.
    let response = app
        .post_form(&client, "sign_in_staff", &[("email", &email), ("password", mina_steg_tests::STAFF_PASSWORD)])
        .await;
    assert_eq!(location(&response), "/logga-in/personal");
    let page = client.get(app.url("/logga-in/personal")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("för många gånger"), "says to wait");
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
    // Counted in the hour's row, not an audit row each (anyone can send them).
    assert_eq!(app.audit_count("record_kind = 'rate_limited'").await, 0);
    assert_eq!(
        app.scalar_i64("SELECT CAST(SUM(refusals) AS BIGINT) FROM refusal_counts WHERE kind = 'sign_in_rate_limited'")
            .await,
        1
    );
}

async fn a_burst_of_parallel_guesses_cannot_pass_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let clients: Vec<_> = (0..12).map(|_| app.client()).collect();
    let form = [("email", email.as_str()), ("password", "fel-fel-fel-fel")];
    let guesses = clients.iter().map(|c| app.post_form(c, "sign_in_staff", &form));
    futures::future::join_all(guesses).await;
    // Five reach the password check; the rest are stopped by the limit.
    assert_eq!(app.audit_count("action = 'sign_in' AND record_kind = 'password'").await, 5);
    assert_eq!(
        app.scalar_i64("SELECT CAST(SUM(refusals) AS BIGINT) FROM refusal_counts WHERE kind = 'sign_in_rate_limited'")
            .await,
        7
    );
}

async fn ending_device_sessions_signs_the_phone_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    assert_eq!(app.call(&phone, "participant_start", &[]).await.status(), StatusCode::OK);
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let response =
        app.post_form(&staff, "end_participant_sessions", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{participant}/kod"));
    assert_eq!(app.call(&phone, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
    // Staff of the other unit may not.
    let other = app.participant_in_unit(2, 0).await;
    let response = app.call(&staff, "end_participant_sessions", &[("participant_id", &other.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(
    staff_sign_in_and_sign_out,
    wrong_password_is_refused_and_keeps_the_email,
    session_id_rotates_at_sign_in,
    a_code_works_once,
    an_expired_code_is_refused,
    codes_live_ten_minutes,
    racing_with_one_code_only_one_wins,
    too_many_wrong_passwords_lock_the_account_at_that_address_for_a_while,
    ending_device_sessions_signs_the_phone_out,
    a_burst_of_parallel_guesses_cannot_pass_the_limit,
);
