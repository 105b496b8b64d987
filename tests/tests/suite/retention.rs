//! Access ends at discharge.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

/// Links a new relative (with an account) to each participant given, by e-mail; returns the relative's id.
async fn link_relative(app: &TestApp, staff: &reqwest::Client, participants: &[i64], email: &str) -> i64 {
    for p in participants {
        let id = p.to_string();
        let form = [
            ("participant_id", id.as_str()),
            ("name", "Påhittad Anhörig"),
            ("relation", "good_man"),
            ("email", email),
            ("account", "yes"),
        ];
        assert_eq!(app.call(staff, "add_relative", &form).await.status(), StatusCode::OK, "link to {p}");
    }
    app.scalar_i64(&format!("SELECT id FROM relatives WHERE email = '{email}'")).await
}

/// The participant's consent to share their meetings with the relative.
async fn share_meetings(app: &TestApp, staff: &reqwest::Client, participant: i64, relative: i64) {
    let (p, r, on) = (participant.to_string(), relative.to_string(), today().to_string());
    let form = [
        ("participant_id", p.as_str()),
        ("scope", "share_with_relative"),
        ("relative_id", r.as_str()),
        ("sections[meetings]", "on"),
        ("method", "oral"),
        ("given_on", on.as_str()),
    ];
    assert_eq!(app.call(staff, "add_consent", &form).await.status(), StatusCode::OK);
}

/// Where a browser that opens the start page ends up: 200 there, or a redirect.
async fn start_page(app: &TestApp, client: &reqwest::Client) -> (StatusCode, String) {
    let response = client.get(app.url("/")).header("accept", "text/html").send().await.expect("request");
    (response.status(), location(&response))
}

async fn discharge_ends_the_participants_and_the_relatives_access(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let p2 = app.participant_in_unit(1, 1).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    // One relative linked to this participant only, a god man also linked to another.
    let only_here = link_relative(&app, &staff, &[p], "bara.har@example.se").await;
    let also_other = link_relative(&app, &staff, &[p, p2], "ocksa.annan@example.se").await;
    for (participant, relative) in [(p, only_here), (p, also_other), (p2, also_other)] {
        share_meetings(&app, &staff, participant, relative).await;
    }
    let phone = app.participant_client(p).await;
    let relative = app.relative_client(p, only_here).await;
    let god_man = app.relative_client(p, also_other).await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {p}")).await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ({account}, 'cred-utskriven', '{{}}', 'Mobilen', '2026-01-01 00:00:00+00:00')"
    ))
    .await;
    let unused_code = app.new_code(&staff, p).await;
    for client in [&phone, &relative, &god_man] {
        assert_eq!(start_page(&app, client).await.0, StatusCode::OK, "signed in before the discharge");
    }

    // A discharge dated later than today is refused next to the date, and changes nothing.
    let (id, tomorrow) = (p.to_string(), (today() + chrono::Days::new(1)).to_string());
    let later = [("participant_id", id.as_str()), ("on", tomorrow.as_str()), ("outcome", "employment")];
    assert_eq!(app.call(&staff, "discharge", &later).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM participants WHERE id = {p} AND discharged_on IS NULL")).await,
        1
    );
    assert_eq!(start_page(&app, &phone).await.0, StatusCode::OK, "still signed in");

    let on = today().to_string();
    let form = [("participant_id", id.as_str()), ("on", on.as_str()), ("outcome", "employment")];
    let response = app.post_form(&staff, "discharge", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));

    // The participant's and the relative's sessions are over: the sign-in page.
    for (who, client) in [("participant", &phone), ("relative", &relative)] {
        let (status, to) = start_page(&app, client).await;
        assert!(status.is_redirection() && to.starts_with("/logga-in"), "{who}: {status} to {to}");
    }
    // The god man keeps the other participant, and sees nothing more of this one.
    let mine = app.call(&god_man, "meetings", &[("participant_id", &p2.to_string())]).await;
    assert_eq!(mine.status(), StatusCode::OK, "still linked to the other participant");
    let theirs = app.call(&god_man, "meetings", &[("participant_id", &id)]).await;
    assert!(matches!(theirs.status().as_u16(), 401 | 403 | 404), "{}", theirs.status());
    // No code signs the participant in: not one made before, not a fresh one.
    let fresh = app.call(&staff, "create_sign_in_code", &[("participant_id", &id)]).await;
    let fresh = match fresh.status() {
        StatusCode::OK => fresh.json::<serde_json::Value>().await.unwrap()["code"].as_str().map(str::to_owned),
        _ => None,
    };
    for code in std::iter::once(unused_code).chain(fresh) {
        let client = app.client();
        let response = app.post_form(&client, "sign_in_code", &[("code", &code)]).await;
        assert_ne!(location(&response), "/", "a code signs a discharged participant in");
        assert_eq!(app.call(&client, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
    }
    // As stored: account closed, passkey removed, links ended, shares withdrawn; the other link stays.
    let facts = [
        (format!("SELECT count(*) FROM accounts WHERE id = {account} AND disabled_at IS NOT NULL"), 1),
        (format!("SELECT count(*) FROM passkeys WHERE account_id = {account} AND removed_at IS NULL"), 0),
        (format!("SELECT count(*) FROM participant_relatives WHERE participant_id = {p} AND ended_on IS NULL"), 0),
        (
            format!(
                "SELECT count(*) FROM participant_relatives WHERE participant_id = {p2} AND relative_id = {also_other} AND ended_on IS NULL"
            ),
            1,
        ),
        (
            format!(
                "SELECT count(*) FROM consents WHERE participant_id = {p} AND scope = 'share_with_relative' AND withdrawn_on IS NULL"
            ),
            0,
        ),
        (
            format!(
                "SELECT count(*) FROM consents WHERE participant_id = {p2} AND recipient_relative_id = {also_other} AND withdrawn_on IS NULL"
            ),
            1,
        ),
    ];
    for (sql, expected) in facts {
        assert_eq!(app.scalar_i64(&sql).await, expected, "{sql}");
    }
    // Audited as changes to the record, the sign-in, the network and the consents.
    for kind in ["record", "access", "network", "consents"] {
        let rows = app
            .audit_count(&format!(
                "action = 'change' AND outcome = 'allowed' AND record_kind = '{kind}' AND subject_participant_id = {p}"
            ))
            .await;
        assert!(rows >= 1, "no audit row for {kind}");
    }
    // Staff still read the record.
    let record = app.call(&staff, "participant_record", &[("participant_id", &id)]).await;
    assert_eq!(record.status(), StatusCode::OK);
    let record: serde_json::Value = record.json().await.unwrap();
    assert_eq!(record["discharged"], serde_json::json!([on, "employment"]));
    let page = staff.get(app.url(&format!("/personal/deltagare/{p}/steg"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
}

on_both_backends!(discharge_ends_the_participants_and_the_relatives_access);
