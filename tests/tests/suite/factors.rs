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

/// The same app reached by name: passkeys need a domain name (browsers refuse
/// them on an IP address), so the relying party is `localhost`.
fn by_name(app: &TestApp, path: &str) -> String {
    format!("{}{path}", app.base.replace("127.0.0.1", "localhost"))
}

async fn call_by_name(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(by_name(app, &format!("/api/{endpoint}")))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A participant signed in with a code, at `localhost`.
async fn participant_by_name(app: &TestApp, participant: i64) -> reqwest::Client {
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let code = app.new_code(&staff, participant).await;
    let client = app.client();
    let response = call_by_name(app, &client, "sign_in_code", &[("code", &code)]).await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    assert!(call_by_name(app, &client, "passkey_offer", &[]).await.json::<bool>().await.unwrap(), "offered");
    client
}

async fn saving_a_passkey_asks_for_a_discoverable_key_with_user_verification(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let phone = participant_by_name(&app, participant).await;
    let response = call_by_name(&app, &phone, "passkey_register_start", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let options: serde_json::Value = serde_json::from_str(&response.json::<String>().await.unwrap()).unwrap();
    let key = &options["publicKey"];
    assert_eq!(key["rp"]["id"], "localhost", "the relying party is the site's host");
    assert_eq!(key["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(key["authenticatorSelection"]["userVerification"], "required");
    assert!(key["challenge"].as_str().is_some_and(|c| c.len() >= 40), "a fresh challenge");
    let handle = app
        .scalar_text(&format!(
            "SELECT {} FROM accounts WHERE participant_id = {participant}",
            if backend == Backend::Postgres { "webauthn_handle::text" } else { "webauthn_handle" }
        ))
        .await;
    assert_eq!(handle.len(), 36, "the account got its handle (a UUID)");

    // An answer that is no passkey: refused, nothing saved.
    let response = call_by_name(&app, &phone, "passkey_register_finish", &[("credential", "{\"id\":\"x\"}")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM passkeys").await, 0);
    // Without a start in this session there is nothing to finish.
    let response = call_by_name(&app, &phone, "passkey_register_finish", &[("credential", "{}")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn signing_in_with_a_passkey_asks_for_any_key_and_refuses_a_forged_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let response = call_by_name(&app, &client, "passkey_sign_in_start", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let options: serde_json::Value = serde_json::from_str(&response.json::<String>().await.unwrap()).unwrap();
    assert_eq!(options["publicKey"]["userVerification"], "required");
    assert!(options.get("mediation").is_none(), "a button, not autofill");
    // A well-formed answer for a key nobody saved.
    let forged = serde_json::json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA",
                     "userHandle": "AAAAAAAAAAAAAAAAAAAAAA"},
        "extensions": {}
    });
    let response = call_by_name(&app, &client, "passkey_sign_in_finish", &[("credential", &forged.to_string())]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", response.text().await.unwrap());
    assert_eq!(
        app.call(&client, "viewer", &[]).await.json::<serde_json::Value>().await.unwrap(),
        serde_json::Value::Null
    );
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'passkey'").await, 1);
    // The state was used up: the same answer again finds no ceremony.
    let response = call_by_name(&app, &client, "passkey_sign_in_finish", &[("credential", &forged.to_string())]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn passkeys_are_refused_on_an_ip_address_without_a_server_error(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    assert_eq!(app.call(&client, "passkey_sign_in_start", &[]).await.status(), StatusCode::NOT_FOUND);
}

async fn a_pending_staff_sign_in_may_save_its_first_passkey_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    let client = app.client();
    call_by_name(&app, &client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    let response = call_by_name(&app, &client, "passkey_register_start", &[]).await;
    assert_eq!(response.status(), StatusCode::OK, "no factor yet: a passkey may be the first");
    // With an authenticator app connected, the password alone saves no passkey.
    app.execute(
        "INSERT INTO totp_factors (account_id, secret, confirmed_at, created_at)
         SELECT id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', created_at, created_at FROM accounts WHERE email = 'ny.personal@example.se'",
    )
    .await;
    let again = app.client();
    call_by_name(&app, &again, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    let response = call_by_name(&app, &again, "passkey_register_start", &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

async fn staff_see_a_participants_devices_and_remove_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {participant}")).await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ({account}, 'ab01', '{{}}', 'Nyckel 1 december 2026', '2026-12-01T10:00:00Z')"
    ))
    .await;
    let passkey = app.scalar_i64("SELECT id FROM passkeys").await.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let html = page(&app, &staff, &format!("/personal/deltagare/{participant}/kod")).await;
    assert!(html.contains("Sparade inloggningar") && html.contains("Nyckel 1 december 2026"), "{html}");
    assert!(html.contains("Aldrig"), "never used");

    // Staff of another unit cannot remove it.
    let other = app.staff_client(&app.staff_email_for_participant(app.participant_in_unit(2, 0).await).await).await;
    let refused = app
        .call(&other, "remove_device", &[("participant_id", &participant.to_string()), ("passkey_id", &passkey)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM passkeys WHERE removed_at IS NULL").await, 1);

    let response = app
        .post_form(&staff, "remove_device", &[("participant_id", &participant.to_string()), ("passkey_id", &passkey)])
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{participant}/kod"));
    let html = page(&app, &staff, &format!("/personal/deltagare/{participant}/kod")).await;
    assert!(html.contains("Inloggningen är borttagen"), "{html}");
    assert!(!html.contains("Nyckel 1 december 2026"));
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM passkeys WHERE removed_at IS NOT NULL AND removed_by IS NOT NULL").await,
        1
    );
    assert_eq!(
        app.audit_count(&format!(
            "action = 'change' AND record_kind = 'access' AND record_id = {passkey} AND outcome = 'allowed'"
        ))
        .await,
        1
    );
    // The phone is signed out.
    let start = app.call(&phone, "participant_start", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(start.status(), StatusCode::UNAUTHORIZED);
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
    saving_a_passkey_asks_for_a_discoverable_key_with_user_verification,
    signing_in_with_a_passkey_asks_for_any_key_and_refuses_a_forged_one,
    passkeys_are_refused_on_an_ip_address_without_a_server_error,
    a_pending_staff_sign_in_may_save_its_first_passkey_only,
    staff_see_a_participants_devices_and_remove_one,
);

async fn wrong_codes_count_with_the_password_attempts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    let secret = app.sign_in_registering_totp(&app.client(), EMAIL, PASSWORD).await;
    let client = app.client();
    app.post_form(&client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    let fresh = totp_code(&secret, 1);
    let wrong = if fresh == "123456" { "654321" } else { "123456" };
    for _ in 0..5 {
        let response = app.post_form(&client, "sign_in_totp", &[("code", wrong)]).await;
        assert_eq!(location(&response), "/logga-in/personal/kod");
    }
    // Five failures for the account: even the right code waits now.
    let response = app.call(&client, "sign_in_totp", &[("code", &fresh)]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.call(&client, "security_page", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.scalar_i64("SELECT CAST(SUM(refusals) AS BIGINT) FROM refusal_counts WHERE kind = 'sign_in_rate_limited'")
            .await,
        1
    );
}

async fn an_account_with_passkeys_only_is_not_asked_for_a_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    new_account(&app).await;
    app.execute(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         SELECT id, 'cd02', '{}', 'Nyckel', created_at FROM accounts WHERE email = 'ny.personal@example.se'",
    )
    .await;
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", EMAIL), ("password", PASSWORD)]).await;
    assert_eq!(location(&response), "/logga-in/personal/kod", "a passkey is a factor");
    let html = page(&app, &client, "/logga-in/personal/kod").await;
    assert!(html.contains("Använd nyckeln"), "{html}");
    assert!(!html.contains("name=\"code\""), "no code field for an app the account does not have");
    assert!(html.contains("data-passkey=\"sign-in\""));
}

mod limits {
    use super::*;
    on_both_backends!(
        wrong_codes_count_with_the_password_attempts,
        an_account_with_passkeys_only_is_not_asked_for_a_code
    );
}

async fn a_relatives_device_is_shown_with_their_name_and_removed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A participant with a relative who has an account.
    let participant = app
        .scalar_i64(
            "SELECT min(r.participant_id) FROM participant_relatives r JOIN accounts a ON a.relative_id = r.relative_id
             WHERE r.ended_on IS NULL",
        )
        .await;
    let relative = app
        .scalar_i64(&format!(
            "SELECT min(r.relative_id) FROM participant_relatives r JOIN accounts a ON a.relative_id = r.relative_id
             WHERE r.participant_id = {participant} AND r.ended_on IS NULL"
        ))
        .await;
    let phone = app.relative_client(participant, relative).await;
    let name = app.scalar_text(&format!("SELECT name FROM relatives WHERE id = {relative}")).await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         SELECT id, 'ef03', '{{}}', 'Nyckel 2 december 2026', '2026-12-02T09:00:00Z' FROM accounts WHERE relative_id = {relative}"
    ))
    .await;
    let passkey = app.scalar_i64("SELECT id FROM passkeys").await.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let html = page(&app, &staff, &format!("/personal/deltagare/{participant}/kod")).await;
    let escaped = name.replace('&', "&amp;");
    assert!(html.contains(&format!("{escaped}: ")) && html.contains("Nyckel 2 december 2026"), "{html}");
    let response = app
        .post_form(&staff, "remove_device", &[("participant_id", &participant.to_string()), ("passkey_id", &passkey)])
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{participant}/kod"));
    assert_eq!(app.scalar_i64("SELECT count(*) FROM passkeys WHERE removed_at IS NULL").await, 0);
    assert_eq!(
        app.call(&phone, "viewer", &[]).await.json::<serde_json::Value>().await.unwrap(),
        serde_json::Value::Null
    );
}

mod relatives {
    use super::*;
    on_both_backends!(a_relatives_device_is_shown_with_their_name_and_removed);
}
