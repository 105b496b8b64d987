//! The administrator's area: units, staff accounts, invitations, and the
//! invitation link's page, through HTTP as a browser and a script use them.

use mina_steg_tests::{Backend, STAFF_PASSWORD, StatusCode, TestApp, location, on_both_backends};

/// The demo administrator, signed in with the demo password.
async fn admin_client(app: &TestApp) -> reqwest::Client {
    let email = app.scalar_text("SELECT email FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1").await;
    signed_in(app, &email, STAFF_PASSWORD).await
}

/// Signs in with a password; fails the test if the password was refused
/// (a refusal goes back to the sign-in form; success goes on, to a start page
/// or to the second step).
async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let client = app.client();
    let response = app.post_form(&client, "sign_in_staff", &[("email", email), ("password", password)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_ne!(location(&response), "/logga-in/personal", "{email} signs in");
    client
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).header("accept", "text/html").send().await.expect("page");
    (response.status(), response.text().await.expect("html"))
}

/// The token in the invitation link a page shows.
fn token_on(html: &str) -> String {
    let start = html.find("/inbjudan?t=").expect("an invitation link on the page") + "/inbjudan?t=".len();
    html[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

fn id_at_end(path: &str) -> i64 {
    path.rsplit('/').next().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("an id in {path}"))
}

async fn allowed(app: &TestApp, kind: &str) -> i64 {
    app.audit_count(&format!("record_kind = '{kind}' AND outcome = 'allowed' AND actor_role = 'admin'")).await
}

async fn units_are_created_renamed_and_closed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let units_before = app.scalar_i64("SELECT count(*) FROM units").await;

    let response = app.post_form(&admin, "create_unit", &[("name", "Daglig verksamhet Hamnen")]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let unit = id_at_end(&location(&response));
    assert_eq!(app.scalar_text(&format!("SELECT name FROM units WHERE id = {unit}")).await, "Daglig verksamhet Hamnen");
    assert_eq!(allowed(&app, "unit_created").await, 1, "audited with the new unit's id");
    assert_eq!(app.audit_count(&format!("record_kind = 'unit_created' AND record_id = {unit}")).await, 1);
    let (status, html) = page(&app, &admin, &location(&response)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Enheten är tillagd."), "the notice");

    // An empty name and a taken name: a message next to the field, nothing saved.
    for (name, message) in [
        ("   ", "Skriv enhetens namn."),
        ("daglig verksamhet hamnen", "Det finns redan en enhet med det namnet. Välj ett annat namn."),
    ] {
        let response = app.post_form(&admin, "create_unit", &[("name", name)]).await;
        assert_eq!(location(&response), "/admin");
        let (_, html) = page(&app, &admin, "/admin").await;
        assert!(html.contains(message), "{message}");
        assert!(html.contains("field-name-error"), "next to the field");
        assert!(html.contains(&format!("value=\"{name}\"")), "what was typed stays");
    }
    assert_eq!(app.scalar_i64("SELECT count(*) FROM units").await, units_before + 1, "nothing more saved");
    let json = app.call(&admin, "create_unit", &[("name", "")]).await;
    assert_eq!(json.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Rename: to a taken name refused, to a free one saved and audited.
    let other = app.scalar_text(&format!("SELECT name FROM units WHERE id <> {unit} ORDER BY id LIMIT 1")).await;
    let response = app.post_form(&admin, "rename_unit", &[("unit_id", &unit.to_string()), ("name", &other)]).await;
    assert_eq!(location(&response), format!("/admin/enheter/{unit}"));
    let (_, html) = page(&app, &admin, &format!("/admin/enheter/{unit}")).await;
    assert!(html.contains("Det finns redan en enhet med det namnet."));
    let renamed = app.post_form(&admin, "rename_unit", &[("unit_id", &unit.to_string()), ("name", "DV Hamnen")]).await;
    assert_eq!(renamed.status(), StatusCode::FOUND);
    assert_eq!(app.scalar_text(&format!("SELECT name FROM units WHERE id = {unit}")).await, "DV Hamnen");
    // The refused rename changed nothing and left no row; the saved one did.
    assert_eq!(app.audit_count(&format!("record_kind = 'unit' AND action = 'change' AND record_id = {unit}")).await, 1);

    // Closing a unit with people in it: allowed, and the notice says how many remain.
    let busy = app.scalar_i64("SELECT min(unit_id) FROM participants WHERE discharged_on IS NULL").await;
    let participants = app
        .scalar_i64(&format!("SELECT count(*) FROM participants WHERE unit_id = {busy} AND discharged_on IS NULL"))
        .await;
    let response = app.post_form(&admin, "close_unit", &[("unit_id", &busy.to_string())]).await;
    assert_eq!(location(&response), format!("/admin/enheter/{busy}"));
    let (_, html) = page(&app, &admin, &format!("/admin/enheter/{busy}")).await;
    assert!(html.contains(&format!("{participants} deltagare finns kvar")), "how many remain");
    assert!(html.contains("Enheten är stängd. Historiken finns kvar."));
    let closed =
        app.scalar_i64(&format!("SELECT count(*) FROM units WHERE id = {busy} AND closed_at IS NOT NULL")).await;
    assert_eq!(closed, 1);
    assert_eq!(allowed(&app, "unit_closed").await, 1);
    // Its history stays: the participants are still there.
    let still = app
        .scalar_i64(&format!("SELECT count(*) FROM participants WHERE unit_id = {busy} AND discharged_on IS NULL"))
        .await;
    assert_eq!(still, participants);
    // Closed twice: a clear message, nothing changes.
    let again = app.call(&admin, "close_unit", &[("unit_id", &busy.to_string())]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A closed unit takes no new staff.
    let invite = app
        .call(
            &admin,
            "invite_staff",
            &[
                ("name", "Påhittad Person"),
                ("email", "ny.stangd@example.se"),
                ("unit", &busy.to_string()),
                ("role", "supervisor"),
            ],
        )
        .await;
    assert_eq!(invite.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invite.text().await.unwrap().contains("Välj en öppen enhet i listan."));
    let made = app.scalar_i64("SELECT count(*) FROM accounts WHERE email = 'ny.stangd@example.se'").await;
    assert_eq!(made, 0);
    // The home page lists it as closed.
    let (_, html) = page(&app, &admin, "/admin").await;
    assert!(html.contains("Stängd") && html.contains("DV Hamnen"));
}

async fn an_invitation_sets_a_password_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let unit = app.scalar_i64("SELECT min(id) FROM units").await.to_string();
    let form = [
        ("name", "Påhittad Nyanställd"),
        ("email", "ny.handledare@example.se"),
        ("unit", &unit),
        ("role", "supervisor"),
    ];
    let response = app.post_form(&admin, "invite_staff", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let staff_path = location(&response);
    let staff_id = id_at_end(&staff_path);
    let (status, html) = page(&app, &admin, &staff_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"), "a QR code");
    let token = token_on(&html);
    assert_eq!(token.len(), 64, "256 bits");
    // Shown once: the page does not show it again.
    let (_, again) = page(&app, &admin, &staff_path).await;
    assert!(!again.contains("/inbjudan?t="));

    // The staff row and an account without a password; the invitation holds only a hash.
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE staff_id = {staff_id}")).await;
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM accounts WHERE id = {account} AND password_hash IS NULL")).await,
        1
    );
    let stored = app.scalar_text(&format!("SELECT token_hash FROM invitations WHERE account_id = {account}")).await;
    assert_eq!(stored.len(), 64);
    assert_ne!(stored, token);
    let found = app.scalar_i64(&format!("SELECT count(*) FROM invitations WHERE token_hash LIKE '%{token}%'")).await;
    assert_eq!(found, 0, "the token is not in the database");
    assert_eq!(allowed(&app, "staff_invited").await, 1);

    // The link: whom it is for, then a password chosen twice.
    let newcomer = app.client();
    let link = format!("/inbjudan?t={token}");
    let (status, html) = page(&app, &newcomer, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Välkommen, Påhittad Nyanställd."), "{html}");
    let password = "ett långt nytt lösenord";
    let differ = [("token", token.as_str()), ("password", password), ("password_again", "något annat lösenord")];
    let response = app.post_form(&newcomer, "accept_invitation", &differ).await;
    assert_eq!(location(&response), link);
    let (_, html) = page(&app, &newcomer, &link).await;
    assert!(html.contains("Lösenorden är inte likadana."), "the message next to the field");
    assert!(!html.contains(password) && !html.contains("något annat"), "no password shown again");
    let used = app
        .scalar_i64(&format!("SELECT count(*) FROM invitations WHERE account_id = {account} AND used_at IS NOT NULL"))
        .await;
    assert_eq!(used, 0, "a wrong form uses nothing up");

    let form = [("token", token.as_str()), ("password", password), ("password_again", password)];
    let response = app.post_form(&newcomer, "accept_invitation", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/logga-in/personal");
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM accounts WHERE id = {account} AND password_hash IS NOT NULL"))
            .await,
        1
    );
    assert_eq!(
        app.audit_count(&format!(
            "record_kind = 'invitation' AND action = 'change' AND outcome = 'allowed' AND record_id = {account}"
        ))
        .await,
        1
    );

    // Once only: the same link again is refused, in one plain message, and audited.
    let denied_before = app.audit_count("record_kind = 'invitation' AND outcome = 'denied'").await;
    let response = app.post_form(&app.client(), "accept_invitation", &form).await;
    assert_eq!(location(&response), link);
    let (status, html) = page(&app, &app.client(), &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Länken fungerar inte."));
    assert!(!html.contains("Välkommen"));
    assert!(app.audit_count("record_kind = 'invitation' AND outcome = 'denied'").await >= denied_before + 2);
    // An unknown link says the same.
    let (_, html) = page(&app, &app.client(), &format!("/inbjudan?t={}", "ab".repeat(32))).await;
    assert!(html.contains("Länken fungerar inte."));

    // The new password signs in; a wrong one does not.
    signed_in(&app, "ny.handledare@example.se", password).await;
    let wrong = app
        .post_form(
            &app.client(),
            "sign_in_staff",
            &[("email", "ny.handledare@example.se"), ("password", "fel lösenord här")],
        )
        .await;
    assert_eq!(location(&wrong), "/logga-in/personal");
}

async fn old_and_resent_links_stop_working(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let invite = |email: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            let form = [("name", "Påhittad Admin"), ("email", email), ("unit", ""), ("role", "admin")];
            let response = app.call(admin, "invite_staff", &form).await;
            assert_eq!(response.status(), StatusCode::OK, "a systemadministratör may have no unit");
            let body: serde_json::Value = response.json().await.expect("json");
            let link = body["link"].as_str().expect("a link").to_owned();
            let expires = body["expires_at"].as_str().expect("when it ends");
            let left = chrono::DateTime::parse_from_rfc3339(expires).expect("a time").to_utc() - chrono::Utc::now();
            assert!(left > chrono::Duration::hours(71) && left <= chrono::Duration::hours(72), "{left}");
            (body["staff_id"].as_i64().expect("staff id"), token_on(&link))
        }
    };
    let password = "ett långt nytt lösenord";
    let accept = |token: String| {
        let app = &app;
        async move {
            let form = [("token", token.as_str()), ("password", password), ("password_again", password)];
            app.call(&app.client(), "accept_invitation", &form).await.status()
        }
    };

    // 72 hours on: the link no longer works.
    let (staff_id, token) = invite("gammal.lank@example.se").await;
    app.execute(&format!(
        "UPDATE invitations SET expires_at = '2020-01-01 00:00:00+00:00' WHERE account_id = (SELECT id FROM accounts WHERE staff_id = {staff_id})"
    ))
    .await;
    let (_, html) = page(&app, &app.client(), &format!("/inbjudan?t={token}")).await;
    assert!(html.contains("Länken fungerar inte."));
    assert_eq!(accept(token).await, StatusCode::UNPROCESSABLE_ENTITY);
    let no_password = app
        .scalar_i64(&format!("SELECT count(*) FROM accounts WHERE staff_id = {staff_id} AND password_hash IS NULL"))
        .await;
    assert_eq!(no_password, 1);

    // "Skicka ny inbjudan": the old link ends, the new one works.
    let (staff_id, old) = invite("ny.lank@example.se").await;
    let response = app.post_form(&admin, "resend_invitation", &[("staff_id", &staff_id.to_string())]).await;
    assert_eq!(location(&response), format!("/admin/personal/{staff_id}"));
    let (_, html) = page(&app, &admin, &location(&response)).await;
    assert!(html.contains("En ny länk är skapad."));
    let new = token_on(&html);
    assert_ne!(new, old);
    assert_eq!(accept(old).await, StatusCode::UNPROCESSABLE_ENTITY, "the old link is dead");
    assert_eq!(accept(new).await, StatusCode::OK);
    assert_eq!(app.audit_count("record_kind = 'invitation' AND action = 'change' AND actor_role = 'admin'").await, 1);
    signed_in(&app, "ny.lank@example.se", password).await;
}

async fn deactivation_signs_out_at_once_and_factors_can_be_reset(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let participant = app.participant_in_unit(1, 0).await;
    let email = app.staff_email_for_participant(participant).await;
    let staff = app.staff_client(&email).await;
    assert_eq!(app.call(&staff, "staff_home", &[]).await.status(), StatusCode::OK);
    let staff_id = app.scalar_i64(&format!("SELECT staff_id FROM accounts WHERE email = '{email}'")).await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE email = '{email}'")).await;

    // The list shows the account with no second factor yet; a registered one shows.
    let (_, html) = page(&app, &admin, "/admin").await;
    assert!(html.contains(&email) && html.contains("Saknas"));
    app.execute(&format!(
        "INSERT INTO totp_factors (account_id, secret, confirmed_at, created_at)
         VALUES ({account}, 'JBSWY3DPEHPK3PXP', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')"
    ))
    .await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ({account}, 'cred-1', '{{}}', 'Telefonen', '2026-01-01 00:00:00+00:00')"
    ))
    .await;
    let (_, html) = page(&app, &admin, &format!("/admin/personal/{staff_id}")).await;
    assert!(html.contains("Registrerat") && html.contains("Ta bort andra steget"));

    // Reset: the factor rows go (the passkey kept as history), the sessions end.
    let id = staff_id.to_string();
    let response = app.post_form(&admin, "reset_second_factor", &[("staff_id", &id)]).await;
    assert_eq!(location(&response), format!("/admin/personal/{staff_id}"));
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM totp_factors WHERE account_id = {account}")).await, 0);
    let kept = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM passkeys WHERE account_id = {account} AND removed_at IS NOT NULL AND removed_by IS NOT NULL"
        ))
        .await;
    assert_eq!(kept, 1);
    assert_eq!(
        app.audit_count(&format!("record_kind = 'second_factor' AND action = 'delete' AND record_id = {staff_id}"))
            .await,
        1
    );
    assert_eq!(app.call(&staff, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED, "signed out");

    // Deactivate: a fresh session ends on its next request; the name stays.
    let staff = app.staff_client(&email).await;
    let response = app.post_form(&admin, "deactivate_staff", &[("staff_id", &id)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(app.call(&staff, "staff_home", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let again = app.post_form(&app.client(), "sign_in_staff", &[("email", &email), ("password", STAFF_PASSWORD)]).await;
    assert_eq!(location(&again), "/logga-in/personal", "a deactivated account cannot sign in");
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM staff WHERE id = {staff_id}")).await, 1);
    assert_eq!(app.audit_count(&format!("record_kind = 'staff_deactivated' AND record_id = {staff_id}")).await, 1);
    let (_, html) = page(&app, &admin, "/admin").await;
    assert!(html.contains("Avslutat"));

    // Reactivate: signs in again.
    let response = app.post_form(&admin, "reactivate_staff", &[("staff_id", &id)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    signed_in(&app, &email, STAFF_PASSWORD).await;
    assert_eq!(app.audit_count(&format!("record_kind = 'staff_reactivated' AND record_id = {staff_id}")).await, 1);

    // A new unit and role.
    let other_unit = app.scalar_i64("SELECT max(id) FROM units").await.to_string();
    let form = [("staff_id", id.as_str()), ("unit", other_unit.as_str()), ("role", "unit_manager")];
    assert_eq!(app.post_form(&admin, "change_staff", &form).await.status(), StatusCode::FOUND);
    let role = app.scalar_text(&format!("SELECT role FROM staff WHERE id = {staff_id}")).await;
    assert_eq!(role, "unit_manager");
    // Without a unit only as systemadministratör, dataskyddsombud or styrgrupp: the message is next to the field.
    let form = [("staff_id", id.as_str()), ("unit", ""), ("role", "supervisor")];
    let response = app.post_form(&admin, "change_staff", &form).await;
    assert_eq!(location(&response), format!("/admin/personal/{staff_id}"));
    let (_, html) = page(&app, &admin, &location(&response)).await;
    let message = "Bara en systemadministratör, ett dataskyddsombud och styrgruppen kan vara utan enhet.";
    assert!(html.contains("field-unit-error") && html.contains(message));
    // A dataskyddsombud is never in a unit; without one the change is saved.
    let form = [("staff_id", id.as_str()), ("unit", other_unit.as_str()), ("role", "data_protection_officer")];
    let response = app.post_form(&admin, "change_staff", &form).await;
    let (_, html) = page(&app, &admin, &location(&response)).await;
    assert!(html.contains("field-unit-error") && html.contains("Välj Ingen enhet."), "{html}");
    let form = [("staff_id", id.as_str()), ("unit", ""), ("role", "data_protection_officer")];
    assert_eq!(app.post_form(&admin, "change_staff", &form).await.status(), StatusCode::FOUND);
    let placed = app
        .scalar_text(&format!(
            "SELECT role || ':' || COALESCE(CAST(unit_id AS TEXT), '-') FROM staff WHERE id = {staff_id}"
        ))
        .await;
    assert_eq!(placed, "data_protection_officer:-");
    assert_eq!(app.scalar_text(&format!("SELECT role FROM accounts WHERE staff_id = {staff_id}")).await, "staff");
    // The steering group likewise: in no unit, a staff account.
    let form = [("staff_id", id.as_str()), ("unit", other_unit.as_str()), ("role", "steering_group")];
    let (_, html) = page(&app, &admin, &location(&app.post_form(&admin, "change_staff", &form).await)).await;
    assert!(html.contains("field-unit-error") && html.contains("Välj Ingen enhet."), "{html}");
    let form = [("staff_id", id.as_str()), ("unit", ""), ("role", "steering_group")];
    assert_eq!(app.post_form(&admin, "change_staff", &form).await.status(), StatusCode::FOUND);
    assert_eq!(app.scalar_text(&format!("SELECT role FROM staff WHERE id = {staff_id}")).await, "steering_group");
}

async fn the_last_administrator_stays(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let me = app.scalar_i64("SELECT staff_id FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1").await.to_string();
    let own = app.call(&admin, "deactivate_staff", &[("staff_id", &me)]).await;
    assert_eq!(own.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(own.text().await.unwrap().contains("Du kan inte avsluta ditt eget konto."));
    let unit = app.scalar_i64("SELECT min(id) FROM units").await.to_string();
    let demote = app.call(&admin, "change_staff", &[("staff_id", &me), ("unit", &unit), ("role", "supervisor")]).await;
    assert_eq!(demote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(demote.text().await.unwrap().contains("minst en aktiv systemadministratör"));
    assert_eq!(app.scalar_i64("SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL").await, 1);
    // The start page after sign-in: /personal sends an administrator outside the units to /admin.
    let response = admin.get(app.url("/personal")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/admin");
}

async fn no_one_else_reaches_the_admin_functions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let unit = app.scalar_i64("SELECT min(id) FROM units").await.to_string();
    let staff_id = app.scalar_i64("SELECT min(staff_id) FROM accounts WHERE role = 'staff'").await.to_string();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("admin_home", vec![]),
        ("admin_unit", vec![("unit_id", &unit)]),
        ("admin_staff_member", vec![("staff_id", &staff_id)]),
        ("create_unit", vec![("name", "Ingen ny enhet")]),
        ("rename_unit", vec![("unit_id", &unit), ("name", "Inget nytt namn")]),
        ("close_unit", vec![("unit_id", &unit)]),
        (
            "invite_staff",
            vec![("name", "Påhittad"), ("email", "ingen.ny@example.se"), ("unit", &unit), ("role", "supervisor")],
        ),
        ("resend_invitation", vec![("staff_id", &staff_id)]),
        ("change_staff", vec![("staff_id", &staff_id), ("unit", &unit), ("role", "unit_manager")]),
        ("deactivate_staff", vec![("staff_id", &staff_id)]),
        ("reactivate_staff", vec![("staff_id", &staff_id)]),
        ("reset_second_factor", vec![("staff_id", &staff_id)]),
    ];
    let manager = app
        .scalar_text(
            "SELECT a.email FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE s.role = 'unit_manager' ORDER BY a.id LIMIT 1",
        )
        .await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff_email = app.staff_email_for_participant(participant).await;
    let viewers = [
        ("enhetschef", app.staff_client(&manager).await),
        ("staff", app.staff_client(&staff_email).await),
        ("participant", app.participant_client(participant).await),
    ];
    let before = (
        app.scalar_i64("SELECT count(*) FROM units WHERE closed_at IS NULL").await,
        app.scalar_i64("SELECT count(*) FROM accounts WHERE disabled_at IS NULL").await,
        app.scalar_i64("SELECT count(*) FROM invitations").await,
        app.scalar_text(&format!("SELECT role FROM staff WHERE id = {staff_id}")).await,
    );
    for (who, client) in &viewers {
        for (name, form) in &calls {
            let response = app.call(client, name, form).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who} {name}");
            let request_id =
                response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            let denied = app.audit_count(&format!("outcome = 'denied' AND request_id = '{request_id}'")).await;
            assert_eq!(denied, 1, "{who} {name}: the refusal is audited");
        }
        let (status, _) = page(&app, client, "/admin").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who} /admin");
    }
    let anonymous = app.call(&app.client(), "admin_home", &[]).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let after = (
        app.scalar_i64("SELECT count(*) FROM units WHERE closed_at IS NULL").await,
        app.scalar_i64("SELECT count(*) FROM accounts WHERE disabled_at IS NULL").await,
        app.scalar_i64("SELECT count(*) FROM invitations").await,
        app.scalar_text(&format!("SELECT role FROM staff WHERE id = {staff_id}")).await,
    );
    assert_eq!(before, after, "nothing changed");
}

async fn an_administrator_placed_in_a_unit_works_there(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = admin_client(&app).await;
    let me = app.scalar_i64("SELECT staff_id FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1").await.to_string();
    let unit = app.scalar_i64("SELECT min(id) FROM units").await;
    let form = [("staff_id", me.as_str()), ("unit", &unit.to_string()), ("role", "admin")];
    assert_eq!(app.post_form(&admin, "change_staff", &form).await.status(), StatusCode::FOUND);
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM staff WHERE id = {me} AND unit_id = {unit}")).await, 1);
    // The unit's start page, as its staff see it, and still the admin pages.
    let name = app.scalar_text(&format!("SELECT name FROM units WHERE id = {unit}")).await;
    let (status, html) = page(&app, &admin, "/personal").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&name));
    assert_eq!(page(&app, &admin, "/admin").await.0, StatusCode::OK);
    // Not another unit's records.
    let elsewhere = app.participant_in_unit(2, 0).await.to_string();
    let read = app.call(&admin, "participant_record", &[("participant_id", &elsewhere)]).await;
    assert_eq!(read.status(), StatusCode::FORBIDDEN);
}

/// With the site's public address set, the link in an invitation is built
/// from it, not from the Host header a request happened to carry.
async fn the_link_uses_the_configured_public_address(backend: Backend) {
    let database_url = mina_steg_tests::database_from_template(backend, true).await;
    let _cleanup = mina_steg_tests::DropDatabase(database_url.clone());
    let mut settings = server::config::Settings::for_tests(&database_url, std::env::temp_dir());
    settings.public_url = Some("https://minasteg.example.se/".to_owned());
    // The demo administrator signs in with the demo password alone (as `TestApp::spawn`).
    settings.demo = true;
    let application = server::startup::Application::build(&settings).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let store = server::db::connect(&database_url).await.expect("connect");
    let email: String = match &store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar("SELECT email FROM accounts WHERE role = 'admin'").fetch_one(p).await
        }
        app::server::Store::Postgres(p) => {
            sqlx::query_scalar("SELECT email FROM accounts WHERE role = 'admin'").fetch_one(p).await
        }
    }
    .expect("the demo admin");
    let post = |endpoint: &str, accept: &'static str, form: Vec<(&'static str, String)>| {
        client.post(format!("{base}/api/{endpoint}")).header("accept", accept).form(&form).send()
    };
    let signed_in = post("sign_in_staff", "text/html", vec![("email", email), ("password", STAFF_PASSWORD.to_owned())]);
    assert_eq!(signed_in.await.expect("sign in").status(), StatusCode::FOUND);
    let form = vec![
        ("name", "Påhittad Länk".to_owned()),
        ("email", "lank@example.se".to_owned()),
        ("unit", String::new()),
        ("role", "admin".to_owned()),
    ];
    let response = post("invite_staff", "application/json", form).await.expect("invite");
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.expect("json");
    let link = body["link"].as_str().expect("a link");
    assert!(link.starts_with("https://minasteg.example.se/inbjudan?t="), "{link}");
}

on_both_backends!(
    units_are_created_renamed_and_closed,
    an_invitation_sets_a_password_once,
    old_and_resent_links_stop_working,
    deactivation_signs_out_at_once_and_factors_can_be_reset,
    the_last_administrator_stays,
    no_one_else_reaches_the_admin_functions,
    the_link_uses_the_configured_public_address,
    an_administrator_placed_in_a_unit_works_there,
);
