//! Limits that no one can turn into a lever (issue 10): refusals before anyone
//! signed in are counted, not audited one by one; a request limit per client
//! address in front of `/api`; wrong passwords for a staff e-mail address slow
//! it down and never lock its owner out; a passkey always works; failed code
//! sign-ins make no sessions; the server will not serve insecurely.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, session_set_cookie, totp_code};
use server::config::Settings;
use server::startup::Application;
use std::net::IpAddr;
use std::time::{Duration, Instant};

const EMAIL: &str = "anna.personal@example.se";
const PASSWORD: &str = "ett-långt-lösenord-9";
const LOOPBACK: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

/// The app behind a trusted proxy (the tests' own 127.0.0.1), so each test
/// client can say which address it comes from.
async fn behind_proxy(backend: Backend, seed: bool) -> TestApp {
    TestApp::spawn_configured(backend, seed, |s| s.trusted_proxies = vec![LOOPBACK]).await
}

/// A browser at `address`, as the proxy reports it in X-Forwarded-For.
fn client_from(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A staff account with a password and no second factor yet (as `create-admin` makes one).
async fn new_account(app: &TestApp) {
    let email = app::domain::Email::parse(EMAIL).unwrap();
    let name = app::domain::PersonName::parse("Anna Påhittad").unwrap();
    let password = app::domain::Password::parse(PASSWORD).unwrap();
    app.access.create_admin(&email, &name, &password).await.expect("account");
}

async fn sign_in(app: &TestApp, client: &reqwest::Client, password: &str) -> reqwest::Response {
    app.post_form(client, "sign_in_staff", &[("email", EMAIL), ("password", password)]).await
}

async fn staff_page(app: &TestApp, client: &reqwest::Client) -> String {
    client.get(app.url("/logga-in/personal")).send().await.unwrap().text().await.unwrap()
}

async fn refusals(app: &TestApp, kind: &str) -> i64 {
    app.scalar_i64(&format!(
        "SELECT CAST(COALESCE(SUM(refusals), 0) AS BIGINT) FROM refusal_counts WHERE kind = '{kind}'"
    ))
    .await
}

async fn thousand_anonymous_cross_site_posts_add_no_audit_rows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let rows_before = app.audit_count("TRUE").await;
    let client = app.client();
    let post = || {
        client
            .post(app.url("/api/sign_in_code"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("code", "AAAA-BBBB-CC")])
            .send()
    };
    for _ in 0..20 {
        let answers = futures::future::join_all((0..50).map(|_| post())).await;
        assert!(answers.iter().all(|a| a.as_ref().unwrap().status() == StatusCode::FORBIDDEN));
    }
    assert_eq!(app.audit_count("TRUE").await - rows_before, 0, "no audit row for a refusal nobody signed in for");
    assert_eq!(refusals(&app, "cross_site_request").await, 1000, "each one counted in its hour's row");
    assert!(app.scalar_i64("SELECT count(*) FROM refusal_counts").await <= 2, "one row an hour (two across the hour)");
}

async fn the_request_limit_answers_429_in_swedish_per_address(backend: Backend) {
    let app = TestApp::spawn_configured(backend, false, |s| {
        s.trusted_proxies = vec![LOOPBACK];
        // One call a second with bursts of ten, so the test need not send thousands.
        s.api_limit = 1;
    })
    .await;
    let flood = client_from("203.0.113.9");
    let started = Instant::now();
    let mut limited = Vec::new();
    for _ in 0..25 {
        let response = app.call(&flood, "viewer", &[]).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            limited.push(response);
        }
    }
    let refilled = started.elapsed().as_secs() as usize + 1;
    assert!(limited.len() + 10 + refilled >= 25, "at most the burst and the refill passed: {} refused", limited.len());
    let response = limited.pop().expect("refused");
    assert!(response.headers().get("retry-after").is_some(), "says when to come back");
    let error: app::errors::AppError = response.json().await.expect("the error the page's scripts read");
    assert_eq!(error, app::errors::AppError::TooManyRequests);
    assert!(error.to_string().contains("för många frågor"), "{error}");
    // A plain form gets the text itself.
    let response = app.post_form(&flood, "viewer", &[]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.text().await.unwrap().starts_with("Det kom för många frågor"));
    // Another address is not held up, and neither are pages and health checks.
    assert_eq!(app.call(&client_from("198.51.100.4"), "viewer", &[]).await.status(), StatusCode::OK);
    assert_eq!(flood.get(app.url("/logga-in")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(flood.get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    // An IPv6 client is one client with its whole /64.
    let first = client_from("2001:db8:1:2::1");
    while app.call(&first, "viewer", &[]).await.status() == StatusCode::OK {}
    let neighbour = client_from("2001:db8:1:2:ffff::9");
    assert_eq!(app.call(&neighbour, "viewer", &[]).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.call(&client_from("2001:db8:1:3::1"), "viewer", &[]).await.status(), StatusCode::OK);
}

async fn fifty_wrong_passwords_from_elsewhere_do_not_lock_out_the_staff_member(backend: Backend) {
    let app = behind_proxy(backend, false).await;
    new_account(&app).await;
    let secret = app.sign_in_registering_totp(&client_from("198.51.100.7"), EMAIL, PASSWORD).await;

    // Staff e-mail addresses are shown to participants: anyone can try them.
    let attacker = client_from("203.0.113.66");
    for _ in 0..50 {
        let response = sign_in(&app, &attacker, "fel-fel-fel-fel").await;
        assert_eq!(location(&response), "/logga-in/personal");
    }
    // That address is refused for this account now, even with the right password.
    let response = sign_in(&app, &attacker, PASSWORD).await;
    assert_eq!(location(&response), "/logga-in/personal");
    assert!(staff_page(&app, &attacker).await.contains("för många gånger"), "says to wait");
    assert_eq!(app.audit_count("action = 'sign_in' AND outcome = 'denied' AND record_kind = 'password'").await, 5);
    assert_eq!(refusals(&app, "sign_in_rate_limited").await, 46, "the rest only counted");

    // The staff member, at work, signs in as usual: password, then the app's code.
    let owner = client_from("198.51.100.7");
    let response = sign_in(&app, &owner, PASSWORD).await;
    assert_eq!(location(&response), "/logga-in/personal/kod");
    let response = app.post_form(&owner, "sign_in_totp", &[("code", &totp_code(&secret, 1))]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(!location(&response).starts_with("/logga-in"), "signed in: {}", location(&response));
    assert_eq!(app.call(&owner, "security_page", &[]).await.status(), StatusCode::OK);
}

async fn many_addresses_slow_an_account_down_for_a_moment_without_locking_it(backend: Backend) {
    let app = behind_proxy(backend, false).await;
    new_account(&app).await;
    // Ten wrong passwords from two addresses (each is then refused for the account).
    for address in ["203.0.113.1", "203.0.113.2"] {
        let client = client_from(address);
        for _ in 0..5 {
            sign_in(&app, &client, "fel-fel-fel-fel").await;
        }
    }
    // Right after, any attempt for the account waits a moment, the right one too,
    // and is not tried (so it counts as no failure).
    let owner = client_from("198.51.100.7");
    let response = sign_in(&app, &owner, PASSWORD).await;
    assert_eq!(location(&response), "/logga-in/personal");
    assert!(staff_page(&app, &owner).await.contains("Försök igen om en stund"), "asked to come back soon");
    assert_eq!(refusals(&app, "sign_in_slowed_down").await, 1);
    // A second after the last failure the right password works.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let response = sign_in(&app, &owner, PASSWORD).await;
    assert_eq!(location(&response), "/logga-in/personal/ny-faktor", "the password was right");
}

async fn a_passkey_is_tried_even_from_an_address_over_its_limit(backend: Backend) {
    let app = behind_proxy(backend, false).await;
    let busy = client_from("203.0.113.20");
    for _ in 0..20 {
        app.post_form(&busy, "sign_in_code", &[("code", "AAAA-BBBB-CC")]).await;
    }
    let response = app.post_form(&busy, "sign_in_code", &[("code", "AAAA-BBBB-CC")]).await;
    assert_eq!(location(&response), "/logga-in");
    assert_eq!(refusals(&app, "sign_in_rate_limited").await, 1, "the address is over its limit");
    // Passkeys need a domain name: the same app at localhost.
    let at_name = |endpoint: &str| format!("{}/api/{endpoint}", app.base.replace("127.0.0.1", "localhost"));
    let response = busy.post(at_name("passkey_sign_in_start")).header("accept", "application/json").send().await;
    assert_eq!(response.unwrap().status(), StatusCode::OK, "the ceremony starts");
    let forged = serde_json::json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA",
                     "userHandle": "AAAAAAAAAAAAAAAAAAAAAA"},
        "extensions": {}
    });
    let response = busy
        .post(at_name("passkey_sign_in_finish"))
        .header("accept", "application/json")
        .form(&[("credential", forged.to_string())])
        .send()
        .await
        .unwrap();
    // Checked and refused as a key nobody saved: not "wait a quarter of an hour".
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Past the limit a failure is counted, not audited row by row.
    assert_eq!(app.audit_count("record_kind = 'passkey'").await, 0);
    assert_eq!(refusals(&app, "sign_in_rate_limited").await, 2);
}

async fn failed_code_sign_ins_make_no_session_rows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let sessions = match backend {
        Backend::Sqlite => "SELECT count(*) FROM tower_sessions",
        Backend::Postgres => "SELECT count(*) FROM tower_sessions.session",
    };
    let before = app.scalar_i64(sessions).await;
    for code in ["AAAA-BBBB-CC", "fel", "AAAA-BBBB-CC"] {
        let client = app.client();
        let response = app.post_form(&client, "sign_in_code", &[("code", code)]).await;
        assert_eq!(location(&response), "/logga-in");
        assert!(session_set_cookie(&response).is_none(), "no session for a failed sign-in");
        // The form still says why, next to the field, with what was typed.
        let page = client.get(app.url("/logga-in")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("aria-invalid=\"true\""), "{page}");
        assert!(page.contains(&format!("value=\"{code}\"")));
    }
    assert_eq!(app.scalar_i64(sessions).await, before, "no session rows");
    // A feedback cookie the server did not sign is ignored.
    let forged = format!("mina-steg-kodfel={}.{}", "6b6f640a41", "0".repeat(64));
    let page = app.client().get(app.url("/logga-in")).header("cookie", forged).send().await.unwrap();
    assert!(!page.text().await.unwrap().contains("aria-invalid"));
}

async fn old_sign_in_attempts_are_pruned(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    for _ in 0..3 {
        app.post_form(&client, "sign_in_code", &[("code", "AAAA-BBBB-CC")]).await;
    }
    app.execute(
        "UPDATE sign_in_attempts SET at = '2001-01-01T00:00:00Z' WHERE id IN (SELECT min(id) FROM sign_in_attempts)",
    )
    .await;
    assert_eq!(app.scalar_i64("SELECT count(*) FROM sign_in_attempts").await, 3);
    assert_eq!(app.access.prune_sign_in_attempts().await.unwrap(), 1);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM sign_in_attempts").await, 2, "the window's attempts stay");
}

/// The link of a new invitation, asked for with `host` as the Host header.
async fn invitation_link(app: &TestApp, admin: &reqwest::Client, host: &str, email: &str) -> String {
    let form = [("name", "Påhittad Länk"), ("email", email), ("unit", ""), ("role", "admin")];
    let response = admin
        .post(app.url("/api/invite_staff"))
        .header("host", host)
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    body["link"].as_str().expect("a link").to_owned()
}

/// The demo administrator, signed in (with `--demo`, the password alone).
async fn demo_admin(app: &TestApp) -> reqwest::Client {
    let email = app.scalar_text("SELECT email FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1").await;
    let client = app.client();
    let response = sign_in_as(app, &client, &email).await;
    assert_eq!(location(&response), "/admin");
    client
}

async fn sign_in_as(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    app.post_form(client, "sign_in_staff", &[("email", email), ("password", mina_steg_tests::STAFF_PASSWORD)]).await
}

async fn links_are_built_from_the_public_address_not_the_host_header(backend: Backend) {
    let app = TestApp::spawn_configured(backend, true, |s| {
        s.demo = true;
        s.public_url = Some("https://minasteg.example.se".to_owned());
    })
    .await;
    let link = invitation_link(&app, &demo_admin(&app).await, "evil.example", "lank1@example.se").await;
    assert!(link.starts_with("https://minasteg.example.se/inbjudan?t="), "{link}");

    // The calendar file names the site by its configured address too.
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let meeting =
        app.scalar_i64(&format!("SELECT id FROM meetings WHERE participant_id = {participant} LIMIT 1")).await;
    let ics = staff
        .get(app.url(&format!("/moten/{meeting}/kalender.ics")))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains(&format!("meeting-{meeting}@minasteg.example.se")), "{ics}");
    assert!(!ics.contains("evil.example"));
}

async fn without_a_public_address_links_name_this_machine_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = demo_admin(&app).await;
    let port = app.base.rsplit(':').next().unwrap().to_owned();
    let link = invitation_link(&app, &admin, &format!("localhost:{port}"), "lank2@example.se").await;
    assert!(link.starts_with(&format!("http://localhost:{port}/inbjudan?t=")), "{link}");
    let link = invitation_link(&app, &admin, &format!("evil.example:{port}"), "lank3@example.se").await;
    assert!(link.starts_with(&format!("http://localhost:{port}/inbjudan?t=")), "{link}");
}

async fn the_server_refuses_to_serve_insecurely(backend: Backend) {
    let database_url = mina_steg_tests::database_from_template(backend, false).await;
    let _cleanup = mina_steg_tests::DropDatabase(database_url.clone());
    let settings = |change: &dyn Fn(&mut Settings)| {
        let mut settings = Settings::for_tests(&database_url, std::env::temp_dir());
        change(&mut settings);
        settings
    };
    let everywhere: IpAddr = "0.0.0.0".parse().unwrap();
    // On an address other machines reach: only behind https, with the public address set.
    let error = Application::build(&settings(&|s| s.host = everywhere)).await.err().expect("refused");
    assert!(error.to_string().contains("--https"), "{error}");
    let error = Application::build(&settings(&|s| {
        s.host = everywhere;
        s.https = true;
    }))
    .await
    .err()
    .expect("refused");
    assert!(error.to_string().contains("--public-url"), "{error}");
    let fine = settings(&|s| {
        s.host = everywhere;
        s.https = true;
        s.public_url = Some("https://minasteg.example.se".to_owned());
    });
    assert!(fine.check_serving().is_ok());
    for bad in ["minasteg.example.se", "https://minasteg.example.se/path", "http://minasteg.example.se"] {
        let s = settings(&|s| {
            s.https = true;
            s.public_url = Some(bad.to_owned());
        });
        assert!(s.check_serving().is_err(), "{bad} refused");
    }
    // Outside --demo the server secret and audit key must be set.
    let error = Application::build(&settings(&|s| s.keys = None)).await.err().expect("refused");
    assert!(error.to_string().contains("MINA_STEG_SECRET"), "{error}");
}

#[test]
fn seeding_postgres_with_demo_data_needs_its_own_flag() {
    use server::config::check_demo_seeding;
    assert!(check_demo_seeding("sqlite://mina-steg.db", false).is_ok());
    assert!(check_demo_seeding("postgres://u@db/mina_steg", false).is_err());
    assert!(check_demo_seeding("postgresql://u@db/mina_steg", false).is_err());
    assert!(check_demo_seeding("postgres://u@db/mina_steg", true).is_ok());
}

on_both_backends!(
    thousand_anonymous_cross_site_posts_add_no_audit_rows,
    the_request_limit_answers_429_in_swedish_per_address,
    fifty_wrong_passwords_from_elsewhere_do_not_lock_out_the_staff_member,
    many_addresses_slow_an_account_down_for_a_moment_without_locking_it,
    a_passkey_is_tried_even_from_an_address_over_its_limit,
    failed_code_sign_ins_make_no_session_rows,
    old_sign_in_attempts_are_pruned,
    links_are_built_from_the_public_address_not_the_host_header,
    without_a_public_address_links_name_this_machine_only,
    the_server_refuses_to_serve_insecurely,
);
