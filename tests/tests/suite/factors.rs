//! Staff sign in with two factors: an authenticator app (TOTP, codes computed
//! here from the secret on the page), each code once; a new account registers
//! its factor before any staff page answers; the demo password works only with
//! `--demo`.

use mina_steg_tests::{
    Backend, STAFF_PASSWORD, StatusCode, TestApp, location, on_both_backends, totp_code, totp_secret_on_page,
};

const EMAIL: &str = "ny.personal@example.se";
const PASSWORD: &str = "ett-långt-lösenord-9";

/// An account with a password and no second factor (as `create-admin` makes one).
async fn new_account(app: &TestApp) {
    let email = app::domain::Email::parse(EMAIL).unwrap();
    let name = app::domain::PersonName::parse("Påhittad Personal").unwrap();
    let password = app::domain::Password::parse(PASSWORD).unwrap();
    app.access.create_admin(&email, &name, &password).await.expect("account");
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn no_factor_registers_one_before_any_staff_page_answers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    assert_eq!(location(&response), "/logga-in/personal/ny-faktor");
    // The password alone signs nobody in.
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.call(&client, "security_page", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let staff_page = client.get(app.url("/personal")).send().await.unwrap();
    assert_eq!(location(&staff_page), "/logga-in/personal", "staff pages send the pending person to sign in");

    let html = page(&app, &client, "/logga-in/personal/ny-faktor").await;
    assert!(html.contains("Skydda ditt konto"), "{html}");
    assert!(html.contains("<svg"), "the secret as a QR code");
    let secret = totp_secret_on_page(&html);
    assert_eq!(secret.len(), 32, "160 bits in base32");
    // Reloading shows the same secret (the app may have scanned it already).
    assert_eq!(totp_secret_on_page(&page(&app, &client, "/logga-in/personal/ny-faktor").await), secret);

    // A wrong code: the message next to the field, nothing saved, counted and audited.
    let wrong = if totp_code(&secret, 0) == "000000" { "111111" } else { "000000" };
    let response = app.post_form(&client, "register_totp", &[("code", wrong)]).await;
    assert_eq!(location(&response), "/logga-in/personal/ny-faktor");
    let html = page(&app, &client, "/logga-in/personal/ny-faktor").await;
    assert!(html.contains("Koden stämmer inte"), "{html}");
    assert!(html.contains("field-code-error"));
    assert_eq!(app.scalar_i64("SELECT count(*) FROM totp_factors").await, 0);
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'totp_register'").await, 1);

    let response = app.post_form(&client, "register_totp", &[("code", &totp_code(&secret, 0))]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/admin", "an administrator outside the units goes to the admin pages");
    assert_eq!(app.call(&client, "security_page", &[]).await.status(), StatusCode::OK, "signed in");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM totp_factors WHERE confirmed_at IS NOT NULL").await, 1);
    assert_eq!(app.audit_count("action = 'create' AND record_kind = 'totp_factor'").await, 1);
}

async fn password_then_code_and_each_code_works_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    let first = app.client();
    let secret = app.sign_in_registering_totp(&first, EMAIL, PASSWORD).await;
    // The code that registered the app is used: its step is stored.
    let used = app.scalar_i64("SELECT last_step FROM totp_factors").await;
    let now = chrono::Utc::now().timestamp() / 30;
    assert!((now - 1..=now).contains(&used), "the step of the code ({used}, now {now})");

    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    assert_eq!(location(&response), "/logga-in/personal/kod", "a factor: verify it");
    let html = page(&app, &client, "/logga-in/personal/kod").await;
    assert!(html.contains("Kod från appen"), "{html}");

    // The code of the step already used is refused, with the reason next to the field.
    let used_code = {
        let secret = totp_rs::Secret::try_from_base32(&secret).unwrap();
        let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
        totp.generate(used as u64 * 30).to_string()
    };
    let response = app.post_form(&client, "sign_in_totp", &[("code", &used_code)]).await;
    assert_eq!(location(&response), "/logga-in/personal/kod");
    let html = page(&app, &client, "/logga-in/personal/kod").await;
    assert!(html.contains("Koden är redan använd"), "{html}");
    assert_eq!(app.call(&client, "security_page", &[]).await.status(), StatusCode::UNAUTHORIZED);

    // A wrong code: refused with the message, counted as a failed attempt and audited.
    let fresh = totp_code(&secret, 1);
    let wrong = if fresh == "123456" { "654321" } else { "123456" };
    let response = app.post_form(&client, "sign_in_totp", &[("code", wrong)]).await;
    assert_eq!(location(&response), "/logga-in/personal/kod");
    let html = page(&app, &client, "/logga-in/personal/kod").await;
    assert!(html.contains("Koden stämmer inte"), "{html}");
    assert!(html.contains("field-code-error"));
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'totp'").await, 2);
    assert!(app.scalar_i64("SELECT count(*) FROM sign_in_attempts WHERE NOT succeeded").await >= 2);

    // A code of a later step (within the one-step skew) signs in, once.
    let response = app.post_form(&client, "sign_in_totp", &[("code", &fresh)]).await;
    assert_eq!(location(&response), "/admin");
    assert_eq!(app.call(&client, "security_page", &[]).await.status(), StatusCode::OK);
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'allowed' AND record_kind = 'totp'").await, 2);

    let again = app.client();
    app.post_form(&again, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    let response = app.post_form(&again, "sign_in_totp", &[("code", &fresh)]).await;
    assert_eq!(location(&response), "/logga-in/personal/kod", "the same code a second time is refused");
    assert_eq!(app.call(&again, "security_page", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

async fn the_second_step_without_a_password_first_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let html = page(&app, &client, "/logga-in/personal/kod").await;
    assert!(html.contains("Det tog för lång tid"), "{html}");
    let response = app.post_form(&client, "sign_in_totp", &[("code", "123456")]).await;
    assert_eq!(location(&response), "/logga-in/personal");
    let response = app.post_form(&client, "register_totp", &[("code", "123456")]).await;
    assert_eq!(location(&response), "/logga-in/personal");
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

async fn a_password_cannot_register_over_an_existing_factor(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    app.sign_in_registering_totp(&app.client(), EMAIL, PASSWORD).await;
    // Someone with the password only: the register page sends them to verify,
    // and registering a new app is refused.
    let client = app.client();
    app.post_form(&client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    let response = client.get(app.url("/logga-in/personal/ny-faktor")).send().await.unwrap();
    let html = response.text().await.unwrap();
    assert!(!html.contains("totp-secret"), "no new secret is offered");
    let response = app.call(&client, "register_totp", &[("code", "123456")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

async fn a_reset_account_registers_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    app.sign_in_registering_totp(&app.client(), EMAIL, PASSWORD).await;
    // What an administrator's reset does: the authenticator is gone.
    app.execute("DELETE FROM totp_factors").await;
    let client = app.client();
    let secret = app.sign_in_registering_totp(&client, EMAIL, PASSWORD).await;
    assert_eq!(app.scalar_text("SELECT secret FROM totp_factors").await, secret);
}

async fn demo_password_is_refused_without_demo(backend: Backend) {
    let app = TestApp::spawn_with(backend, true, false).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", &email), ("password", STAFF_PASSWORD)]).await;
    assert_eq!(location(&response), "/logga-in/personal", "refused like a wrong password");
    let html = page(&app, &client, "/logga-in/personal").await;
    assert!(html.contains("E-postadressen eller lösenordet stämmer inte"), "{html}");
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'demo_password'").await, 1);
}

async fn with_demo_demo_staff_sign_in_with_the_password_alone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", &email), ("password", STAFF_PASSWORD)]).await;
    assert_eq!(location(&response), "/personal");
    assert_eq!(app.call(&client, "staff_home", &[]).await.status(), StatusCode::OK);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM totp_factors").await, 0);
}

async fn signed_in_staff_connect_an_app_on_the_security_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app.staff_email_for_participant(app.participant_in_unit(1, 0).await).await;
    let staff = app.staff_client(&email).await;
    let html = page(&app, &staff, "/personal/sakerhet").await;
    assert!(html.contains("Ingen app för engångskoder"), "{html}");
    let secret = totp_secret_on_page(&html);
    let response = app.post_form(&staff, "register_totp", &[("code", &totp_code(&secret, 0))]).await;
    assert_eq!(location(&response), "/personal/sakerhet");
    let html = page(&app, &staff, "/personal/sakerhet").await;
    assert!(html.contains("Appen för engångskoder är kopplad"), "{html}");
    assert_eq!(app.audit_count("action = 'change' AND outcome = 'allowed' AND record_kind = 'totp_factor'").await, 1);
}

on_both_backends!(
    no_factor_registers_one_before_any_staff_page_answers,
    password_then_code_and_each_code_works_once,
    the_second_step_without_a_password_first_is_refused,
    a_password_cannot_register_over_an_existing_factor,
    a_reset_account_registers_again,
    demo_password_is_refused_without_demo,
    with_demo_demo_staff_sign_in_with_the_password_alone,
    signed_in_staff_connect_an_app_on_the_security_page,
);
