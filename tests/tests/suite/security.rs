//! Cross-site requests, security headers, health checks and demo mode.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};
use server::config::Settings;
use server::startup::Application;

async fn a_cross_site_post_is_refused_and_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let codes_before = app.scalar_i64("SELECT count(*) FROM sign_in_codes").await;

    // What another site's hidden form would send with the staff member's cookie.
    let response = staff
        .post(app.url("/api/create_sign_in_code"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("participant_id", participant.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM sign_in_codes").await, codes_before, "nothing written");
    assert_eq!(
        app.audit_count("record_kind = 'cross_site_request' AND outcome = 'denied' AND actor_role = 'staff'").await,
        1
    );

    // An old browser without Sec-Fetch-Site, but with a foreign Origin: refused too.
    let response = staff.post(app.url("/api/sign_out")).header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The same request from our own pages goes through.
    let response = staff
        .post(app.url("/api/create_sign_in_code"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .form(&[("participant_id", participant.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

async fn pages_send_security_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.client().get(app.url("/logga-in")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let h = response.headers();
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'") && csp.contains("base-uri 'none'")
    );
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert!(h.get("referrer-policy").is_some());
    assert!(h.get("x-request-id").is_some(), "every response names its request");
    // The page's inline script carries exactly the nonce the CSP allows.
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("a nonce in the CSP").to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "inline script has the nonce");
    assert!(html.contains("<html lang=\"sv\""));
    // No HSTS over plain http.
    let response = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert!(response.headers().get("strict-transport-security").is_none());
}

async fn session_cookie_flags(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    // A failed staff sign-in keeps the typed e-mail address in the session.
    let form = [("email", "ingen@example.se"), ("password", "fel-fel-fel-fel")];
    let response = app.post_form(&client, "sign_in_staff", &form).await;
    let cookie = mina_steg_tests::session_set_cookie(&response).expect("session cookie");
    assert!(cookie.contains("HttpOnly"));
    // Strict: another site cannot make a signed-in browser open a record.
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/"));
}

async fn over_https_cookies_are_secure_with_the_host_prefix_and_hsts_is_sent(backend: Backend) {
    let database_url = mina_steg_tests::database_from_template(backend, false).await;
    let _cleanup = mina_steg_tests::DropDatabase(database_url.clone());
    let mut settings = Settings::for_tests(&database_url, std::env::temp_dir());
    settings.https = true;
    let application = Application::build(&settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client
        .post(format!("{base}/api/sign_in_staff"))
        .header("accept", "text/html")
        .form(&[("email", "ingen@example.se"), ("password", "fel-fel-fel-fel")])
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("__Host-mina-steg="))
        .expect("a __Host- cookie")
        .to_owned();
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Domain="), "__Host- cookies name no domain");
    let hsts = response.headers().get("strict-transport-security").expect("HSTS").to_str().unwrap().to_owned();
    assert!(hsts.contains("max-age=31536000"), "{hsts}");
}

async fn health_and_readiness(backend: Backend) {
    let app = TestApp::spawn_with(backend, false, false).await;
    let client = app.client();
    assert_eq!(client.get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(client.get(app.url("/readyz")).send().await.unwrap().status(), StatusCode::OK);
    app.store.close().await;
}

async fn demo_page_is_absent_without_demo_flag(backend: Backend) {
    let app = TestApp::spawn_with(backend, true, false).await;
    let client = app.client();
    assert_eq!(client.get(app.url("/demo")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(&client, "demo_accounts", &[]).await.status(), StatusCode::NOT_FOUND);
    let some_account = app.scalar_i64("SELECT min(account_id) FROM demo_accounts").await.to_string();
    let response = app.call(&client, "demo_sign_in", &[("account_id", &some_account)]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(&client, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

async fn demo_page_signs_in_with_one_click(backend: Backend) {
    let app = TestApp::spawn_with(backend, true, true).await;
    let client = app.client();
    let page = client.get(app.url("/demo")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Logga in som"));
    let participant_account = app
        .scalar_i64("SELECT min(d.account_id) FROM demo_accounts d JOIN accounts a ON a.id = d.account_id WHERE a.role = 'participant'")
        .await;
    let response = app.post_form(&client, "demo_sign_in", &[("account_id", &participant_account.to_string())]).await;
    assert_eq!(mina_steg_tests::location(&response), "/");
    assert_eq!(app.call(&client, "participant_start", &[]).await.status(), StatusCode::OK);
}

async fn demo_mode_is_refused_on_a_database_not_made_by_demo_data(backend: Backend) {
    let database_url = mina_steg_tests::database_from_template(backend, false).await;
    let _cleanup = mina_steg_tests::DropDatabase(database_url.clone());
    let mut settings = Settings::for_tests(&database_url, std::env::temp_dir());
    settings.demo = true;
    let error = Application::build(&settings).await.err().expect("--demo is refused");
    assert!(error.to_string().contains("--demo refused"), "{error}");
}

/// The session cookie of a signed-in account is Strict too (the cookie a
/// sign-in sets is a new one: the session id changes at sign-in).
async fn a_signed_in_session_cookie_is_same_site_strict(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let code = app.new_code(&staff, participant).await;
    let response = app.post_form(&app.client(), "sign_in_code", &[("code", &code)]).await;
    assert_eq!(mina_steg_tests::location(&response), "/");
    let cookie = mina_steg_tests::session_set_cookie(&response).expect("a session cookie at sign-in");
    assert!(cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"), "{cookie}");
}

/// Every session row's data, as stored (MessagePack: strings are kept as their bytes).
async fn session_rows(app: &TestApp) -> Vec<Vec<u8>> {
    match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar("SELECT data FROM tower_sessions").fetch_all(p).await.expect("sqlite sessions")
        }
        app::server::Store::Postgres(p) => {
            sqlx::query_scalar("SELECT data FROM tower_sessions.session").fetch_all(p).await.expect("postgres sessions")
        }
    }
}

fn assert_no_code(rows: &[Vec<u8>], code: &str, when: &str) {
    assert!(!rows.is_empty(), "{when}: there are sessions to look in");
    let grouped = format!("{}-{}", &code[..5], &code[5..]);
    for form in [code.to_owned(), code.to_lowercase(), grouped] {
        let found = rows.iter().any(|row| row.windows(form.len()).any(|w| w == form.as_bytes()));
        assert!(!found, "{when}: a session row holds the code ({form})");
    }
}

/// The code as the code page shows it (`<p class="code" …>ABCDE-FGHJK</p>`), without the hyphen.
fn code_on_page(html: &str) -> Option<String> {
    let start = html.find("class=\"code\"")?;
    let text = &html[start..];
    let text = &text[text.find('>')? + 1..];
    Some(text[..text.find('<')?].replace('-', ""))
}

/// A sign-in code is never in the session table: not while the code page waits
/// to show it after the form, not after a wrong try or the sign-in with it.
async fn the_session_table_never_holds_a_sign_in_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let id = participant.to_string();

    // The code page's form: back to the page, which shows the new code once.
    let response = app.post_form(&staff, "create_sign_in_code", &[("participant_id", &id)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let page = mina_steg_tests::location(&response);
    assert_eq!(page, format!("/personal/deltagare/{participant}/kod"));
    let while_waiting = session_rows(&app).await;
    let html = staff.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
    let code = code_on_page(&html).expect("the page shows the new code");
    assert_no_code(&while_waiting, &code, "between the form and the page");
    let again = staff.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
    assert!(code_on_page(&again).is_none(), "the code is shown once");

    // A wrong try (the code with one character changed), then the right one.
    let phone = app.client();
    let wrong = format!("{}{}", &code[..9], if code.ends_with('Z') { 'Y' } else { 'Z' });
    app.post_form(&phone, "sign_in_code", &[("code", &wrong)]).await;
    assert_no_code(&session_rows(&app).await, &wrong, "after a wrong code");
    let response = app.post_form(&phone, "sign_in_code", &[("code", &code)]).await;
    assert_eq!(mina_steg_tests::location(&response), "/");
    assert_no_code(&session_rows(&app).await, &code, "after signing in with the code");

    // A script gets the code in the answer; nothing waits for a page.
    let scripted = app.new_code(&staff, participant).await;
    assert_no_code(&session_rows(&app).await, &scripted, "after a script made a code");
}

/// The sign-in pages, and a request whose session cookie no longer resolves,
/// tell the browser to clear what the site kept (the phone's offline copies).
async fn clear_site_data_when_access_has_ended(backend: Backend) {
    const CLEAR: &str = "\"cache\", \"storage\"";
    let clear = |r: &reqwest::Response| r.headers().get("clear-site-data").map(|v| v.to_str().unwrap().to_owned());
    let app = TestApp::spawn(backend).await;
    for path in ["/logga-in", "/logga-in/personal"] {
        let response = app.client().get(app.url(path)).send().await.unwrap();
        assert_eq!(clear(&response).as_deref(), Some(CLEAR), "{path}");
    }
    let response = app.client().get(app.url("/om")).send().await.unwrap();
    assert_eq!(clear(&response), None, "nothing to clear for a visitor without a session");

    let participant = app.participant_in_unit(1, 0).await;
    let phone = app.participant_client(participant).await;
    let response = phone.get(app.url("/min-plan")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(clear(&response), None, "a signed-in phone keeps its copies");

    // Staff sign the phone out everywhere (a lost phone): its cookie resolves to no one.
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    app.call(&staff, "end_participant_sessions", &[("participant_id", &participant.to_string())]).await;
    let response = phone.get(app.url("/min-plan")).send().await.unwrap();
    assert_eq!(mina_steg_tests::location(&response), "/logga-in");
    assert_eq!(clear(&response).as_deref(), Some(CLEAR), "the ended session's phone clears what it kept");
}

/// Participant and relative pages say whose offline copy they may become: a
/// tag of the session and of what it may see, which the service worker keeps
/// with the copy. A new sign-in, or a withdrawn consent, gives a new tag;
/// staff pages and visitors get none.
async fn pages_carry_an_offline_tag_of_the_session_and_its_access(backend: Backend) {
    let tag = |r: &reqwest::Response| r.headers().get("x-mina-steg-viewer").map(|v| v.to_str().unwrap().to_owned());
    let app = TestApp::spawn(backend).await;
    let consent = app
        .scalar_i64(
            "SELECT min(id) FROM consents WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL
               AND shared_sections LIKE '%plan%'",
        )
        .await;
    let participant = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {consent}")).await;
    let relative = app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {consent}")).await;

    let phone = app.participant_client(participant).await;
    let first = tag(&phone.get(app.url("/min-plan")).send().await.unwrap()).expect("a tag on the plan");
    assert_eq!(first.len(), 64, "a keyed hash, nothing readable");
    assert_eq!(tag(&phone.get(app.url("/")).send().await.unwrap()).as_deref(), Some(first.as_str()), "same session");
    let other_phone = app.participant_client(participant).await;
    let second = tag(&other_phone.get(app.url("/min-plan")).send().await.unwrap()).expect("a tag");
    assert_ne!(first, second, "another sign-in, another tag");

    let relatives_phone = app.relative_client(participant, relative).await;
    let before = tag(&relatives_phone.get(app.url("/min-plan")).send().await.unwrap()).expect("a relative's tag");
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let form = [("participant_id", participant.to_string()), ("consent_id", consent.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(&staff, "withdraw_consent", &form).await;
    let after = tag(&relatives_phone.get(app.url("/")).send().await.unwrap()).expect("still signed in");
    assert_ne!(before, after, "a withdrawn consent gives the relative's pages a new tag");

    assert_eq!(tag(&staff.get(app.url("/personal")).send().await.unwrap()), None, "staff pages: none");
    assert_eq!(tag(&app.client().get(app.url("/om")).send().await.unwrap()), None, "visitors: none");
}

on_both_backends!(
    a_signed_in_session_cookie_is_same_site_strict,
    the_session_table_never_holds_a_sign_in_code,
    clear_site_data_when_access_has_ended,
    pages_carry_an_offline_tag_of_the_session_and_its_access,
    a_cross_site_post_is_refused_and_audited,
    pages_send_security_headers,
    session_cookie_flags,
    over_https_cookies_are_secure_with_the_host_prefix_and_hsts_is_sent,
    health_and_readiness,
    demo_page_is_absent_without_demo_flag,
    demo_page_signs_in_with_one_click,
    demo_mode_is_refused_on_a_database_not_made_by_demo_data,
);
