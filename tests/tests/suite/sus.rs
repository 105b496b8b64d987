//! SUS, Finsam's national follow-up (issue 13): what SUS asks at an
//! activity's start and end, recorded on the record with bad input named next
//! to its field, and the unit's registration sheet: a person named only with
//! their written consent to registration in SUS, anonymous otherwise; each
//! person on it on record; nobody outside the unit sees it. Both databases.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, visible_text};

async fn page_after(app: &TestApp, staff: &reqwest::Client, response: reqwest::Response) -> String {
    staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap()
}

fn start_form<'a>(id: &'a str, starts_on: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("participant_id", id),
        ("starts_on", starts_on),
        ("occupation_before", "daily_activity"),
        ("income_before", "activity_compensation"),
        ("education", "upper_secondary"),
        ("time_in_support", "3_5"),
    ]
}

fn end_form<'a>(id: &'a str, ends_on: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("participant_id", id),
        ("ends_on", ends_on),
        ("end_reason", "work"),
        ("occupation_after", "work"),
        ("income_after", "wage"),
        ("hours_after", "20"),
    ]
}

async fn the_sheet_names_only_those_who_consented(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (anna, bo) = (app.participant_in_unit(1, 5).await, app.participant_in_unit(1, 6).await);
    let staff = app.staff_client(&app.staff_email_for_participant(anna).await).await;
    let (a, b) = (anna.to_string(), bo.to_string());
    let rows = "SELECT count(*) FROM sus_registrations";
    let before = app.scalar_i64(rows).await;

    // Bad input: each message next to its field, what was typed kept, nothing written.
    let bad = [
        ("participant_id", a.as_str()),
        ("starts_on", "2026-02-02"),
        ("occupation_before", "astronaut"),
        ("income_before", ""),
        ("education", "upper_secondary"),
        ("time_in_support", "3_5"),
    ];
    let page = page_after(&app, &staff, app.post_form(&staff, "start_sus", &bad).await).await;
    for field in ["occupation_before", "income_before"] {
        assert!(page.contains(&format!("id=\"field-{field}-error\"")), "{field}: {page}");
    }
    assert!(page.contains("value=\"2026-02-02\""), "the typed day is kept");
    assert_eq!(app.scalar_i64(rows).await, before);
    let tomorrow = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive() + chrono::Days::new(1);
    let ahead = tomorrow.to_string();
    let page = page_after(&app, &staff, app.post_form(&staff, "start_sus", &start_form(&a, &ahead)).await).await;
    assert!(page.contains("Datumet kan inte vara senare än i dag."), "{page}");
    assert_eq!(app.scalar_i64(rows).await, before);

    // Anna starts (no consent); Bo starts after a written consent to be named in SUS.
    let page = page_after(&app, &staff, app.post_form(&staff, "start_sus", &start_form(&a, "2026-02-02")).await).await;
    assert!(page.contains("Starten är registrerad för SUS."), "{page}");
    assert!(page.contains("Inget skriftligt samtycke till registrering med namn i SUS finns."));
    // One activity open at a time.
    let again = app.call(&staff, "start_sus", &start_form(&a, "2026-03-02")).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let consent = [
        ("participant_id", b.as_str()),
        ("scope", "sus_registration"),
        ("organisation", "other"),
        ("method", "written"),
        ("given_on", "2026-01-15"),
    ];
    assert_eq!(app.post_form(&staff, "add_consent", &consent).await.status(), StatusCode::FOUND);
    app.post_form(&staff, "start_sus", &start_form(&b, "2026-01-19")).await;
    let page = staff.get(app.url(&format!("/personal/deltagare/{bo}/sus"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Deltagaren har gett skriftligt samtycke till registrering med namn i SUS."), "{page}");

    // Anna's end: not before the start, then with 20 hours (50 % of full time); then not again.
    assert_eq!(
        app.call(&staff, "end_sus", &end_form(&a, "2026-01-30")).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let too_many = [("participant_id", a.as_str()), ("ends_on", "2026-06-30"), ("hours_after", "41")];
    let page = page_after(&app, &staff, app.post_form(&staff, "end_sus", &too_many).await).await;
    assert!(page.contains("Skriv timmar i veckan som en siffra mellan 0 och 40."), "{page}");
    let done = end_form(&a, "2026-06-30");
    let page = page_after(&app, &staff, app.post_form(&staff, "end_sus", &done).await).await;
    assert!(page.contains("Slutet är registrerat för SUS."));
    assert!(page.contains("20 timmar i veckan (50 procent)"), "{page}");
    assert_eq!(app.call(&staff, "end_sus", &done).await.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The sheet: Bo by name and personnummer, Anna anonymous.
    let sheet_path = "/personal/sus?fran=2026-01-01&till=2026-12-31";
    let looks = format!("record_kind = 'sus_registration' AND subject_participant_id IN ({anna}, {bo})");
    let looked = app.audit_count(&looks).await;
    let html = staff.get(app.url(sheet_path)).send().await.unwrap().text().await.unwrap();
    let text = visible_text(&html);
    let name = |id: i64| {
        let app = &app;
        async move { app.scalar_text(&format!("SELECT name FROM participants WHERE id = {id}")).await }
    };
    let (anna_name, bo_name) = (name(anna).await, name(bo).await);
    assert!(text.contains(&bo_name), "{text}");
    assert!(!html.contains(&anna_name), "an anonymous registration names no one");
    assert!(text.contains("Anonym registrering"));
    assert!(text.contains("Fick arbete") && text.contains("20 timmar i veckan (50 procent)"));
    let stored =
        app.scalar_text(&format!("SELECT COALESCE(personal_number, '') FROM participants WHERE id = {bo}")).await;
    if let Some(number) = app::domain::PersonalNumber::from_stored(&stored) {
        assert!(text.contains(&number.formatted()), "Bo's personnummer on the sheet");
    }
    let anna_number =
        app.scalar_text(&format!("SELECT COALESCE(personal_number, '') FROM participants WHERE id = {anna}")).await;
    if let Some(number) = app::domain::PersonalNumber::from_stored(&anna_number) {
        assert!(!html.contains(&number.formatted()) && !html.contains(number.as_str()));
    }
    // Each person on the sheet is on record.
    assert_eq!(app.audit_count(&looks).await, looked + 2);

    // The file: the same lines, the anonymous one without name or number.
    let response = staff.get(app.url("/personal/sus.csv?fran=2026-01-01&till=2026-12-31")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let file = response.text().await.unwrap();
    assert!(file.starts_with('\u{feff}'));
    let lines: Vec<&str> = file.lines().collect();
    assert!(lines[0].contains("Registrering;Namn;Personnummer;Kön;Startdatum"));
    let anonymous: Vec<&&str> = lines.iter().filter(|l| l.starts_with("Anonym registrering;")).collect();
    assert!(anonymous.iter().any(|l| l.starts_with("Anonym registrering;;;") && l.ends_with(";Lön;20;50")));
    assert!(lines.iter().any(|l| l.starts_with(&format!("Med namn;{bo_name};"))));
    assert!(!file.contains(&anna_name));

    // Another unit's staff, the steering group and the administrator outside the units: not theirs.
    let other = app.participant_in_unit(2, 0).await;
    let other_staff = app.staff_client(&app.staff_email_for_participant(other).await).await;
    let theirs = visible_text(&other_staff.get(app.url(sheet_path)).send().await.unwrap().text().await.unwrap());
    assert!(!theirs.contains(&bo_name));
    let steering = app.staff_client(&app.staff_email_of_role("steering_group", None).await).await;
    assert_eq!(app.call(&steering, "sus_sheet", &[]).await.status(), StatusCode::FORBIDDEN);
    let from_other_unit = app.call(&other_staff, "record_sus", &[("participant_id", &b)]).await;
    assert_eq!(from_other_unit.status(), StatusCode::FORBIDDEN);
    let start = app.call(&other_staff, "start_sus", &start_form(&b, "2026-01-19")).await;
    assert_eq!(start.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(the_sheet_names_only_those_who_consented);
