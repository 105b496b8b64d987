//! The staff start page: what needs doing across the unit's caseload, and the
//! roster's filters.

use chrono::{Days, Utc};
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};
use serde_json::Value;

fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

async fn row(app: &TestApp, staff: &reqwest::Client, participant: i64) -> Value {
    let home: Value = app.call(staff, "staff_home", &[]).await.json().await.unwrap();
    home["participants"].as_array().unwrap().iter().find(|r| r["participant_id"] == participant).unwrap().clone()
}

async fn the_start_page_lists_what_needs_doing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 3).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let id = p.to_string();

    // A GK planned with no consent to contact FK.
    app.execute(&format!(
        "UPDATE consents SET withdrawn_on = given_on WHERE participant_id = {p} AND scope = 'dv_fk_contact'"
    ))
    .await;
    let date = (today() + Days::new(20)).to_string();
    let gk = [
        ("participant_id", id.as_str()),
        ("kind", "joint_assessment_1"),
        ("title", "Gemensam kartläggning"),
        ("date", &date),
        ("start", "09:00"),
        ("end", "10:00"),
        ("place", "Försäkringskassan"),
    ];
    assert_eq!(app.call(&staff, "create_meeting", &gk).await.status(), StatusCode::OK);
    assert_eq!(row(&app, &staff, p).await["assessment_without_consent"], true);
    let consent = [
        ("participant_id", id.as_str()),
        ("scope", "dv_fk_contact"),
        ("organisation", "fk"),
        ("method", "written"),
        ("given_on", &today().to_string()),
    ];
    assert_eq!(app.call(&staff, "add_consent", &consent).await.status(), StatusCode::OK);
    assert_eq!(row(&app, &staff, p).await["assessment_without_consent"], false);

    // A meeting later today is a meeting this week.
    let before = row(&app, &staff, p).await["meetings_this_week"].as_i64().unwrap();
    let today_s = today().to_string();
    let tonight = [
        ("participant_id", id.as_str()),
        ("kind", "follow_up"),
        ("title", "Samtal"),
        ("date", &today_s),
        ("start", "23:00"),
        ("end", "23:30"),
        ("place", "Telefon"),
    ];
    assert_eq!(app.call(&staff, "create_meeting", &tonight).await.status(), StatusCode::OK);
    assert_eq!(row(&app, &staff, p).await["meetings_this_week"].as_i64().unwrap(), before + 1);

    // A plan whose follow-up is in three days.
    let soon = (today() + Days::new(3)).to_string();
    let plan = [
        ("participant_id", id.as_str()),
        ("goal", "Ett mål"),
        ("reason", ""),
        ("from", &today_s),
        ("days_per_week", "3"),
        ("hours_per_week", "15"),
        ("activities", "Något"),
        ("follow_up_on", &soon),
        ("follow_up_what", "Vi ses"),
    ];
    assert_eq!(app.call(&staff, "save_plan", &plan).await.status(), StatusCode::OK);
    assert_eq!(row(&app, &staff, p).await["follow_up_due"], soon.as_str());

    // Activity compensation ending in a month.
    let ends = (today() + Days::new(30)).to_string();
    app.execute(&format!(
        "UPDATE participants SET benefit_kind = 'activity_compensation', benefit_until = '{ends}' WHERE id = {p}"
    ))
    .await;
    assert_eq!(row(&app, &staff, p).await["benefit_ends"], ends.as_str());

    // In the programme queue once interest is registered.
    app.execute(&format!("UPDATE expressions_of_interest SET handled_at = created_at WHERE participant_id = {p}"))
        .await;
    app.execute(&format!("UPDATE enrolments SET status = 'withdrawn', waiting_position = NULL WHERE participant_id = {p} AND status = 'waiting'")).await;
    assert_eq!(row(&app, &staff, p).await["waiting_for_programme"], false);
    app.call(&staff, "register_interest", &[("participant_id", &id), ("note", "")]).await;
    assert_eq!(row(&app, &staff, p).await["waiting_for_programme"], true);

    // The page shows the lists.
    let page = staff.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Möten den här veckan") && page.contains("Väntar på programmet"));
}

async fn the_roster_filters_by_name_step_and_own_caseload(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {p}")).await;
    let first_name = name.split(' ').next().unwrap().to_lowercase();
    let count = |html: &str| html.matches("aria-label=\"Skapa kod för").count();
    let all = staff.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    let by_name =
        staff.get(app.url(&format!("/personal?namn={first_name}"))).send().await.unwrap().text().await.unwrap();
    assert!(count(&by_name) >= 1 && count(&by_name) < count(&all), "{} of {}", count(&by_name), count(&all));
    assert!(by_name.contains(&name));
    let step = app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {p}")).await;
    let in_step = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM participants WHERE unit_id = (SELECT unit_id FROM participants WHERE id = {p})
               AND ladder_step = '{step}' AND discharged_on IS NULL"
        ))
        .await;
    let by_step = staff.get(app.url(&format!("/personal?steg={step}"))).send().await.unwrap().text().await.unwrap();
    assert_eq!(count(&by_step) as i64, in_step);
    let home: Value = app.call(&staff, "staff_home", &[]).await.json().await.unwrap();
    let mine = home["participants"].as_array().unwrap().iter().filter(|r| r["mine"] == true).count();
    assert!(mine > 0, "the demo consultant is a contact person for some");
    let only_mine = staff.get(app.url("/personal?mina=1")).send().await.unwrap().text().await.unwrap();
    assert_eq!(count(&only_mine), mine);
}

on_both_backends!(the_start_page_lists_what_needs_doing, the_roster_filters_by_name_step_and_own_caseload);
