//! Admin accounts, session lifetimes, relatives' start page, the staff code page,
//! and a graceful stop.

use app::domain::{Email, Password, PersonName};
use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, session_set_cookie};
use server::config::Settings;
use server::startup::Application;

async fn create_admin_makes_an_account_that_signs_in_but_reads_no_participant(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = Email::parse("chef@storvik.se").unwrap();
    let name = PersonName::parse("Påhittad Chef").unwrap();
    let password = Password::parse("ett-långt-lösenord").unwrap();
    app.access.create_admin(&email, &name, &password).await.expect("admin created");
    // The same e-mail twice is refused with a clear message.
    let again = app.access.create_admin(&email, &name, &password).await;
    assert!(matches!(again, Err(app::server::AccessError::Invalid { field: "email", .. })));

    // A new account registers its second factor before it is signed in.
    let client = app.client();
    app.sign_in_registering_totp(&client, "chef@storvik.se", "ett-långt-lösenord").await;
    let participant = app.participant_in_unit(1, 0).await.to_string();
    let read = app.call(&client, "participant_start", &[("participant_id", &participant)]).await;
    assert_eq!(read.status(), StatusCode::FORBIDDEN, "admin manages accounts, not records");
}

async fn staff_sessions_idle_out_after_30_minutes_phones_keep_90_days(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let email = app.staff_email_for_participant(participant).await;
    let client = app.client();
    let staff = app
        .post_form(&client, "sign_in_staff", &[("email", &email), ("password", mina_steg_tests::STAFF_PASSWORD)])
        .await;
    let cookie = session_set_cookie(&staff).expect("a session cookie");
    assert!(cookie.contains("Max-Age=1800"), "{cookie}");

    let code = app.new_code(&client, participant).await;
    let phone = app.client();
    let signed_in = app.post_form(&phone, "sign_in_code", &[("code", &code)]).await;
    let cookie = session_set_cookie(&signed_in).expect("a session cookie");
    let max_age: i64 = cookie
        .split(';')
        .find_map(|part| part.trim().strip_prefix("Max-Age="))
        .and_then(|v| v.parse().ok())
        .expect("a lifetime on the phone's cookie");
    let days = max_age / 86_400;
    assert!((89..=90).contains(&days), "{cookie}");
}

async fn a_relative_lands_on_their_participants_start_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (relative, participant): (i64, i64) = (
        app.scalar_i64(
            "SELECT recipient_relative_id FROM consents WHERE scope = 'share_with_relative'
               AND withdrawn_on IS NULL ORDER BY id LIMIT 1",
        )
        .await,
        app.scalar_i64(
            "SELECT participant_id FROM consents WHERE scope = 'share_with_relative'
               AND withdrawn_on IS NULL ORDER BY id LIMIT 1",
        )
        .await,
    );
    let client = app.relative_client(participant, relative).await;
    let page = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let preferred = app.scalar_text(&format!("SELECT preferred_name FROM participants WHERE id = {participant}")).await;
    assert!(page.text().await.unwrap().contains(&format!("Du ser det som {preferred} delar med dig.")));
    // A part the consent does not share is said plainly, not shown.
    let shared = app
        .scalar_text(&format!(
            "SELECT shared_sections FROM consents WHERE recipient_relative_id = {relative}
               AND scope = 'share_with_relative' AND withdrawn_on IS NULL"
        ))
        .await;
    for (section, path) in
        [("plan", "/min-plan"), ("contacts", "/kontakter"), ("meetings", "/moten"), ("ladder", "/stegen")]
    {
        let response = client.get(app.url(path)).send().await.unwrap();
        let status = response.status();
        let html = response.text().await.unwrap();
        if shared.contains(section) {
            assert_eq!(status, StatusCode::OK, "{path} is shared ({shared})");
        } else {
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} is not shared ({shared})");
            assert!(html.contains("Det här visas inte för dig."), "{path}");
        }
    }
}

async fn the_code_page_shows_a_new_code_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(2, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let path = format!("/personal/deltagare/{participant}/kod");
    let before = staff.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(before.contains("Skapa en ny kod") && !before.contains("<svg"));

    // The button posts a plain form and comes back to the page.
    let response = app.post_form(&staff, "create_sign_in_code", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), path);
    let page = staff.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<svg"), "a QR code");
    let grouped =
        page.split("class=\"code\"").nth(1).and_then(|s| s.split('>').nth(1)).and_then(|s| s.split('<').next());
    let grouped = grouped.expect("the code as text").trim().to_owned();
    assert_eq!(grouped.len(), 11, "ABCDE-FGHJK: {grouped}");

    // The code from the page signs the participant in.
    let phone = app.client();
    let signed_in = app.post_form(&phone, "sign_in_code", &[("code", &grouped)]).await;
    assert_eq!(location(&signed_in), "/");

    let reload = staff.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(!reload.contains("<svg"), "shown once");
}

async fn a_new_code_shows_only_on_its_participants_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let a = app.participant_in_unit(1, 0).await;
    let b = app.participant_in_unit(1, 1).await;
    let staff = app.staff_client(&app.staff_email_for_participant(a).await).await;
    app.post_form(&staff, "create_sign_in_code", &[("participant_id", &a.to_string())]).await;
    // Another tab opens B's page before A's page was shown: B's page shows no code.
    let page_b =
        staff.get(app.url(&format!("/personal/deltagare/{b}/kod"))).send().await.unwrap().text().await.unwrap();
    assert!(!page_b.contains("<svg"), "A's code never shows on B's page");
}

async fn a_client_cannot_choose_its_request_id(backend: Backend) {
    let app = TestApp::spawn_with(backend, false, false).await;
    let response = app.client().get(app.url("/healthz")).header("x-request-id", "forged-id").send().await.unwrap();
    let id = response.headers().get("x-request-id").unwrap().to_str().unwrap();
    assert_ne!(id, "forged-id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
}

async fn a_stop_signal_finishes_and_closes_the_pool(backend: Backend) {
    let database_url = mina_steg_tests::database_from_template(backend, false).await;
    let _cleanup = mina_steg_tests::DropDatabase(database_url.clone());
    let settings = Settings::for_tests(&database_url, std::env::temp_dir());
    let application = Application::build(&settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", application.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));
    assert_eq!(reqwest::get(format!("{base}/readyz")).await.unwrap().status(), StatusCode::OK);
    stop.send(()).unwrap();
    let result = tokio::time::timeout(std::time::Duration::from_secs(10), running).await;
    assert!(matches!(result, Ok(Ok(Ok(())))), "stops cleanly");
    assert!(reqwest::get(format!("{base}/healthz")).await.is_err(), "no longer listening");
}

on_both_backends!(
    create_admin_makes_an_account_that_signs_in_but_reads_no_participant,
    staff_sessions_idle_out_after_30_minutes_phones_keep_90_days,
    a_relative_lands_on_their_participants_start_page,
    the_code_page_shows_a_new_code_once,
    a_stop_signal_finishes_and_closes_the_pool,
    a_new_code_shows_only_on_its_participants_page,
    a_client_cannot_choose_its_request_id,
);
