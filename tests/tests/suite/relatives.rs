//! Relatives, gode män and förvaltare on the record's contacts page: link a
//! person (one with the same e-mail on record is linked, not made twice), end
//! the link, and from then on the person's open session shows nothing of the
//! participant.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

fn today() -> String {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive().to_string()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.scalar_i64(&format!("SELECT count(*) FROM {table}")).await
}

fn god_man<'a>(participant: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("participant_id", participant),
        ("name", "Påhittad Godman"),
        ("relation", "good_man"),
        ("mandate", "Bevaka rätt och förvalta egendom"),
        ("phone", "070-765 43 21"),
        ("email", email),
        ("account", "yes"),
    ]
}

async fn a_god_man_is_linked_shared_with_and_the_link_ends_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let p2 = app.participant_in_unit(1, 1).await;
    let (id, id2) = (p.to_string(), p2.to_string());
    let staff_email = app.staff_email_for_participant(p).await;
    let staff = app.staff_client(&staff_email).await;
    let relatives_before = count(&app, "relatives").await;

    let response = app.post_form(&staff, "add_relative", &god_man(&id, "godman.pahittad@example.se")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/kontakter"));
    let relative = app.scalar_i64("SELECT id FROM relatives WHERE email = 'godman.pahittad@example.se'").await;
    assert_eq!(count(&app, "relatives").await, relatives_before + 1);
    assert_eq!(
        app.scalar_text(&format!(
            "SELECT relation_kind || ':' || mandate FROM participant_relatives
             WHERE participant_id = {p} AND relative_id = {relative} AND ended_on IS NULL"
        ))
        .await,
        "good_man:Bevaka rätt och förvalta egendom"
    );
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM accounts WHERE relative_id = {relative}")).await, 1);
    let page =
        staff.get(app.url(&format!("/personal/deltagare/{p}/kontakter"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Påhittad Godman") && page.contains("Avsluta koppling"), "listed with an end button");

    // The same e-mail (other case) for another participant links the same person.
    let response = app.call(&staff, "add_relative", &god_man(&id2, "GodMan.Pahittad@example.se")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(count(&app, "relatives").await, relatives_before + 1, "not made twice");
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM participant_relatives WHERE relative_id = {relative}")).await,
        2
    );
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM accounts WHERE relative_id = {relative}")).await, 1);
    // Linked already: said next to the e-mail.
    let response = app.call(&staff, "add_relative", &god_man(&id, "godman.pahittad@example.se")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("redan kopplad"));

    // The participant shares their meetings; the god man signs in and sees them.
    let today = today();
    let relative_s = relative.to_string();
    let consent = [
        ("participant_id", id.as_str()),
        ("scope", "share_with_relative"),
        ("relative_id", relative_s.as_str()),
        ("sections[meetings]", "on"),
        ("method", "oral"),
        ("given_on", today.as_str()),
    ];
    assert_eq!(app.call(&staff, "add_consent", &consent).await.status(), StatusCode::OK);
    let god_man_client = app.relative_client(p, relative).await;
    assert_eq!(app.call(&god_man_client, "meetings", &[("participant_id", &id)]).await.status(), StatusCode::OK);

    // The link ends: the signed-in session is refused at once.
    let link = app
        .scalar_i64(&format!(
            "SELECT id FROM participant_relatives WHERE participant_id = {p} AND relative_id = {relative}"
        ))
        .await;
    let link_s = link.to_string();
    let end = [("participant_id", id.as_str()), ("link_id", link_s.as_str())];
    assert_eq!(app.call(&staff, "end_relative_link", &end).await.status(), StatusCode::OK);
    let by = app.scalar_i64(&format!("SELECT id FROM accounts WHERE email = '{staff_email}'")).await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM participant_relatives WHERE id = {link} AND ended_on IS NOT NULL AND ended_by = {by}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM consents WHERE participant_id = {p} AND recipient_relative_id = {relative}
               AND scope = 'share_with_relative' AND withdrawn_on IS NULL"
        ))
        .await,
        0,
        "what was shared with them is withdrawn"
    );
    for endpoint in ["meetings", "participant_start"] {
        let status = app.call(&god_man_client, endpoint, &[("participant_id", &id)]).await.status();
        assert!(matches!(status.as_u16(), 401 | 403 | 404), "{endpoint}: {status}");
    }
    let page = god_man_client.get(app.url("/moten")).header("accept", "text/html").send().await.unwrap();
    let text = page.text().await.unwrap_or_default();
    let title = app
        .scalar_text(&format!("SELECT coalesce(max(title), 'ingen titel') FROM meetings WHERE participant_id = {p}"))
        .await;
    assert!(!text.contains(&title) || title == "ingen titel", "no meeting of the participant is shown");
    // Staff can no longer make a code for them on this participant.
    let code = app.call(&staff, "create_sign_in_code", &[("participant_id", &id), ("relative_id", &relative_s)]).await;
    assert_eq!(code.status(), StatusCode::FORBIDDEN);
    // The ended link stays as history, and ending it again is refused.
    let page =
        staff.get(app.url(&format!("/personal/deltagare/{p}/kontakter"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("till {}", today)), "shown as ended");
    assert_eq!(app.call(&staff, "end_relative_link", &end).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Still linked to the other participant.
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM participant_relatives WHERE relative_id = {relative} AND ended_on IS NULL"
        ))
        .await,
        1
    );
}

async fn bad_relative_input_is_named_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let id = p.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let before =
        (count(&app, "relatives").await, count(&app, "participant_relatives").await, count(&app, "accounts").await);
    let form = [
        ("participant_id", id.as_str()),
        ("name", ""),
        ("relation", "parent"),
        ("mandate", "Förvalta egendom"),
        ("phone", "12"),
        ("email", "inte en adress"),
        ("account", "kanske"),
    ];
    let response = app.post_form(&staff, "add_relative", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/kontakter"));
    let page =
        staff.get(app.url(&format!("/personal/deltagare/{p}/kontakter"))).send().await.unwrap().text().await.unwrap();
    for field in ["name", "mandate", "phone", "email", "account"] {
        assert!(page.contains(&format!("field-{field}-error")), "{field}: a message next to the field");
    }
    assert!(page.contains("value=\"inte en adress\""), "what was typed stays");
    let junk = [("participant_id", id.as_str()), ("name", "Påhittad"), ("relation", "kusin")];
    assert_eq!(app.call(&staff, "add_relative", &junk).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let after =
        (count(&app, "relatives").await, count(&app, "participant_relatives").await, count(&app, "accounts").await);
    assert_eq!(before, after, "nothing saved");

    // Staff of another unit add no one to this participant.
    let other = app.staff_client(&app.staff_email_for_participant(app.participant_in_unit(2, 0).await).await).await;
    let good = [("participant_id", id.as_str()), ("name", "Påhittad Anhörig"), ("relation", "sibling")];
    assert_eq!(app.call(&other, "add_relative", &good).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "relatives").await, before.0);
}

on_both_backends!(
    a_god_man_is_linked_shared_with_and_the_link_ends_at_once,
    bad_relative_input_is_named_and_nothing_is_saved,
);
