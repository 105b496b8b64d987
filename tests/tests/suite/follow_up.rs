//! The follow-up of outcomes (issue 13, `/personal/uppfoljning`): whose
//! figures each viewer gets, the figures against the same counts made
//! directly in SQL on the demo data, the period's bad input named next to its
//! field, and the audit row every look writes. (The counting itself is tested
//! against the final report's own tables in `domain::follow_up`.)

use chrono::Datelike;
use mina_steg_tests::{Backend, STAFF_PASSWORD, StatusCode, TestApp, location, on_both_backends, visible_text};
use serde_json::Value;

async fn email_of_role(app: &TestApp, role: &str, unit_offset: Option<i64>) -> String {
    let unit = match unit_offset {
        Some(n) => format!("s.unit_id = (SELECT id FROM units ORDER BY id LIMIT 1 OFFSET {n})"),
        None => "s.unit_id IS NULL".to_owned(),
    };
    app.scalar_text(&format!(
        "SELECT min(a.email) FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE s.role = '{role}' AND {unit}"
    ))
    .await
}

async fn figures(app: &TestApp, client: &reqwest::Client, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, "follow_up", form).await;
    assert_eq!(response.status(), StatusCode::OK, "follow_up {form:?}");
    response.json().await.expect("json")
}

fn total(split: &Value) -> i64 {
    ["women", "men", "other"].iter().map(|k| split[k].as_i64().unwrap()).sum()
}

/// The split of one row of a table of (code, split) pairs.
fn row<'a>(rows: &'a Value, code: &str) -> &'a Value {
    &rows.as_array().unwrap().iter().find(|r| r[0] == code).unwrap_or_else(|| panic!("{code} in {rows}"))[1]
}

async fn the_enhetschef_sees_their_unit_counted_as_sql_counts_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let manager = app.staff_client(&email_of_role(&app, "unit_manager", Some(0)).await).await;
    let unit = app.scalar_i64("SELECT min(id) FROM units").await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let year_start = format!("{}-01-01", today.year());
    // This year so far, unless another period is asked for.
    let page = figures(&app, &manager, &[]).await;
    assert_eq!(page["period"]["from"], year_start);
    assert_eq!(page["period"]["until"], today.to_string());
    let t = &page["tables"];
    let in_period = format!(
        "p.unit_id = {unit} AND p.entered_on <= '{today}' AND (p.discharged_on IS NULL OR p.discharged_on >= '{year_start}')"
    );
    let count = |sql: String| {
        let app = &app;
        async move { app.scalar_i64(&sql).await }
    };
    assert_eq!(
        total(&t["participants"]),
        count(format!("SELECT count(*) FROM participants p WHERE {in_period}")).await
    );
    let women = count(format!("SELECT count(*) FROM participants p WHERE {in_period} AND p.gender = 'woman'")).await;
    assert_eq!(t["participants"]["women"].as_i64().unwrap(), women);
    for outcome in ["enhanced_collaboration", "employment", "studies", "back_to_dv", "labour_market_measure"] {
        let sql = format!(
            "SELECT count(*) FROM participants p WHERE {in_period} AND p.discharge_outcome = '{outcome}'
               AND p.discharged_on BETWEEN '{year_start}' AND '{today}'"
        );
        assert_eq!(total(row(&t["discharges"], outcome)), count(sql).await, "{outcome}");
    }
    let still_in =
        count(format!("SELECT count(*) FROM participants p WHERE {in_period} AND p.discharged_on IS NULL")).await;
    assert_eq!(total(&t["not_discharged"]), still_in);
    // Steps within DV: group to placement, and more hours, from the recorded changes.
    let changes = |condition: &str| {
        format!(
            "SELECT count(*) FROM dv_changes d JOIN participants p ON p.id = d.participant_id
              WHERE {in_period} AND d.changed_on BETWEEN '{year_start}' AND '{today}' AND {condition}"
        )
    };
    let to_placement = count(changes("d.from_form = 'group' AND d.to_form = 'individual_placement'")).await;
    assert_eq!(total(row(&t["dv_steps"], "group_to_placement")), to_placement);
    assert_eq!(total(row(&t["dv_steps"], "more_hours")), count(changes("d.to_hours > d.from_hours")).await);
    // The headline share: its numerator and both denominators as the tables have them.
    assert_eq!(t["towards_work_of_all"]["of"].as_i64().unwrap(), total(&t["participants"]));
    let discharged: i64 = t["discharges"].as_array().unwrap().iter().map(|r| total(&r[1])).sum();
    assert_eq!(t["towards_work_of_discharged"]["of"].as_i64().unwrap(), discharged);

    // Another period: the day it is given, and the page shows it.
    let page = figures(&app, &manager, &[("from", "2020-01-01"), ("until", &today.to_string())]).await;
    assert_eq!(page["period"]["from"], "2020-01-01");
    let html =
        manager.get(app.url("/personal/uppfoljning?fran=2020-01-01")).send().await.unwrap().text().await.unwrap();
    assert!(visible_text(&html).contains(&format!("Perioden 2020-01-01 till och med {today}.")), "{html}");
    // Each look is on record, as a look at the unit's follow-up.
    assert!(
        app.audit_count(&format!("record_kind = 'follow_up' AND outcome = 'allowed' AND unit_id = {unit}")).await >= 3
    );
}

async fn whose_figures_each_viewer_gets(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let units = app.scalar_i64("SELECT count(*) FROM units").await;
    assert!(units >= 2);
    let second = app.scalar_i64("SELECT id FROM units ORDER BY id LIMIT 1 OFFSET 1").await;
    // The administrator: every unit together, or the one they choose.
    let admin = app.client();
    let email = email_of_role(&app, "admin", None).await;
    let response = app.post_form(&admin, "sign_in_staff", &[("email", &email), ("password", STAFF_PASSWORD)]).await;
    assert_eq!(location(&response), "/admin", "the administrator is signed in");
    let all = figures(&app, &admin, &[]).await;
    assert_eq!(all["unit_name"], Value::Null);
    let year_start = format!("{}-01-01", chrono::Utc::now().year());
    let everyone = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM participants WHERE discharged_on IS NULL OR discharged_on >= '{year_start}'"
        ))
        .await;
    assert_eq!(total(&all["tables"]["participants"]), everyone);
    let one = figures(&app, &admin, &[("unit", &second.to_string())]).await;
    let name = app.scalar_text(&format!("SELECT name FROM units WHERE id = {second}")).await;
    assert_eq!(one["unit_name"], name);
    assert!(total(&one["tables"]["participants"]) < everyone);
    // The enhetschef sees their own unit whatever unit they ask for.
    let manager = app.staff_client(&email_of_role(&app, "unit_manager", Some(0)).await).await;
    let own = figures(&app, &manager, &[("unit", &second.to_string())]).await;
    assert_ne!(own["unit_name"], name);
    // A contact person and the dataskyddsombud are refused, on record.
    for (role, unit) in [("employment_consultant", Some(0)), ("data_protection_officer", None)] {
        let client = app.staff_client(&email_of_role(&app, role, unit).await).await;
        let before = app.audit_count("record_kind = 'follow_up' AND outcome = 'denied'").await;
        assert_eq!(app.call(&client, "follow_up", &[]).await.status(), StatusCode::FORBIDDEN, "{role}");
        assert_eq!(app.audit_count("record_kind = 'follow_up' AND outcome = 'denied'").await, before + 1);
    }
}

async fn a_bad_period_is_named_next_to_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let manager = app.staff_client(&email_of_role(&app, "unit_manager", Some(0)).await).await;
    let response = app.call(&manager, "follow_up", &[("from", "igår"), ("until", "2026-01-01")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["errors"][0][0], "from");
    assert_eq!(page["tables"], Value::Null);
    let response = app.call(&manager, "follow_up", &[("from", "2026-05-01"), ("until", "2026-04-01")]).await;
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["errors"][0], serde_json::json!(["until", "Slutdatumet kan inte vara före startdatumet."]));
    // The page keeps what was typed, with the message beside the field.
    let html = manager
        .get(app.url("/personal/uppfoljning?fran=2026-05-01&till=2026-04-01"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"2026-05-01\"") && html.contains("Slutdatumet kan inte vara före startdatumet."));
}

on_both_backends!(
    the_enhetschef_sees_their_unit_counted_as_sql_counts_it,
    whose_figures_each_viewer_gets,
    a_bad_period_is_named_next_to_its_field
);
