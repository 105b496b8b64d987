//! The log follow-up (`/personal/logg`, `log_search`, `log_export`) and "Vem
//! har tittat på mina uppgifter?" (`/vem-har-tittat`, `who_looked`): who may
//! read the log and how much of it, the flags on the demo's planted unusual
//! access, the CSV file, the audit rows every look writes, and what the
//! participant and their relatives see.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, visible_text};
use serde_json::Value;

/// The demo's planted access: a supervisor of DV Norr who is no contact person
/// of the participant opens her record at night (see `seed::access_log`).
const INTRUDER: &str = "Johanna Ekström";
const TARGET: &str = "Sofia Rahimi";

/// The dataskyddsombud of the demo, signed in.
async fn officer(app: &TestApp) -> reqwest::Client {
    app.staff_client(&app.staff_email_of_role("data_protection_officer", None).await).await
}

/// The enhetschef of DV Norr (the first unit), signed in.
async fn norr_manager(app: &TestApp) -> reqwest::Client {
    app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await
}

async fn search(app: &TestApp, client: &reqwest::Client, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, "log_search", form).await;
    assert_eq!(response.status(), StatusCode::OK, "log_search {form:?}");
    response.json().await.expect("json")
}

fn rows(page: &Value) -> &Vec<Value> {
    page["rows"].as_array().expect("rows")
}

fn subject_name(row: &Value) -> Option<&str> {
    row["subject"].as_array().and_then(|s| s[1].as_str())
}

fn flags(row: &Value) -> Vec<&str> {
    row["flags"].as_array().map(|f| f.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

async fn staff_name(app: &TestApp, email: &str) -> String {
    app.scalar_text(&format!(
        "SELECT s.name FROM staff s JOIN accounts a ON a.staff_id = s.id WHERE a.email = '{email}'"
    ))
    .await
}

async fn participant_named(app: &TestApp, name: &str) -> i64 {
    app.scalar_i64(&format!("SELECT id FROM participants WHERE name = '{name}'")).await
}

async fn the_unit_manager_sees_their_unit_and_the_officer_sees_all(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let norr = app.scalar_text("SELECT name FROM units ORDER BY id LIMIT 1").await;
    let soder_participant = app.participant_in_unit(2, 0).await;
    let soder_name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {soder_participant}")).await;

    let manager = norr_manager(&app).await;
    let page = search(&app, &manager, &[]).await;
    assert_eq!(page["unit_name"], Value::String(norr.clone()));
    assert_eq!(rows(&page).len(), 50, "a full first page");
    for row in rows(&page) {
        assert_eq!(row["unit"].as_str(), Some(norr.as_str()), "only the unit's own rows: {row}");
    }
    // The next page goes on where the first ended, older, without repeating a row.
    let next = page["next"].as_str().expect("more rows").to_owned();
    let second = search(&app, &manager, &[("after", &next)]).await;
    let first_ids: Vec<i64> = rows(&page).iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(rows(&second).iter().all(|r| !first_ids.contains(&r["id"].as_i64().unwrap())));
    assert!(rows(&second).iter().all(|r| r["unit"].as_str() == Some(norr.as_str())));
    // A participant of another unit is not found by name, and nothing of theirs is shown.
    let other = search(&app, &manager, &[("participant", &soder_name)]).await;
    assert!(other["participants"].as_array().unwrap().is_empty());
    assert!(rows(&other).is_empty());
    let by_id = search(&app, &manager, &[("participant_id", &soder_participant.to_string())]).await;
    assert!(rows(&by_id).is_empty(), "not by id either");

    let dpo = officer(&app).await;
    let all = search(&app, &dpo, &[("participant", &soder_name)]).await;
    assert!(all["unit_name"].is_null(), "the whole municipality");
    assert!(!rows(&all).is_empty(), "the officer sees the other unit's rows");
    assert!(rows(&all).iter().all(|r| subject_name(r) == Some(soder_name.as_str())));
    // The officer reads the log, not the records, and has no unit of their own.
    let record = app.call(&dpo, "participant_record", &[("participant_id", &soder_participant.to_string())]).await;
    assert_eq!(record.status(), StatusCode::FORBIDDEN);
    let home = dpo.get(app.url("/personal")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(mina_steg_tests::location(&home), "/personal/logg");
    let page = dpo.get(app.url("/personal/logg")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Loggen för hela kommunen"), "{html}");
}

async fn a_contact_person_is_refused_on_record(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let response = app.call(&staff, "log_search", &[("participant", TARGET)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let denied = app
        .audit_count(&format!(
            "request_id = '{request_id}' AND outcome = 'denied' AND record_kind = 'audit_log' AND action = 'read'"
        ))
        .await;
    assert_eq!(denied, 1, "the refusal is in the log");
    let export = app.post_form(&staff, "log_export", &[]).await;
    assert_eq!(export.status(), StatusCode::FORBIDDEN);
    let page = staff.get(app.url("/personal/logg")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(!page.text().await.unwrap().contains(INTRUDER), "no row shown");
    // The contact person's menu has no log; the enhetschef's has.
    let home = staff.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    assert!(!home.contains("href=\"/personal/logg\""));
    let manager = norr_manager(&app).await;
    let home = manager.get(app.url("/personal")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("href=\"/personal/logg\""));
}

async fn the_planted_access_is_found_in_one_search(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let target = participant_named(&app, TARGET).await;
    for client in [officer(&app).await, norr_manager(&app).await] {
        // One search: only the rows with a flag, newest first.
        let page = search(&app, &client, &[("unusual", "1")]).await;
        let planted: Vec<&Value> = rows(&page)
            .iter()
            .filter(|r| r["actor_name"].as_str() == Some(INTRUDER) && subject_name(r) == Some(TARGET))
            .collect();
        assert!(planted.len() >= 4, "the night's looks at {TARGET} are on the first page: {page}");
        for row in &planted {
            let f = flags(row);
            for flag in ["NotContactPerson", "ManyRecords", "Night"] {
                assert!(f.contains(&flag), "{flag} on {row}");
            }
            assert_eq!(row["source"].as_str(), Some("198.51.100.0/24"));
        }
        // The participant's contact persons, in office hours, are not flagged.
        let page = search(&app, &client, &[("participant_id", &target.to_string())]).await;
        assert!(!rows(&page).is_empty());
        for row in rows(&page) {
            if row["actor_name"].as_str() != Some(INTRUDER) && row["actor"]["Staff"].is_string() {
                let f = flags(row);
                assert!(!f.contains(&"Night") && !f.contains(&"ManyRecords"), "an ordinary look flagged: {row}");
            }
        }
        // The same night found by who did it.
        let by_actor = search(&app, &client, &[("staff", "johanna")]).await;
        assert!(rows(&by_actor).iter().all(|r| r["actor_name"].as_str() == Some(INTRUDER)));
        assert!(rows(&by_actor).iter().any(|r| subject_name(r) == Some(TARGET)));
    }
}

async fn the_csv_has_the_rows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dpo = officer(&app).await;
    let response = app.post_form(&dpo, "log_export", &[("participant", TARGET), ("unusual", "1")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("logg.csv"));
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark for Excel");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Tid;Vem;Roll;"), "{header}");
    let lines: Vec<&str> = lines.collect();
    assert!(lines.len() >= 4, "{text}");
    for line in &lines {
        assert!(line.contains(INTRUDER) && line.contains(TARGET) && line.contains("Natt"), "{line}");
        assert_eq!(line.split(';').count(), header.split(';').count(), "{line}");
    }
    // The same rows as the page shows.
    let page = search(&app, &dpo, &[("participant", TARGET), ("unusual", "1")]).await;
    assert_eq!(rows(&page).len(), lines.len());
    // Bad input is refused by field, nothing is sent.
    let bad = app.call(&dpo, "log_export", &[("from", "igår")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn every_look_at_the_log_is_logged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let target = participant_named(&app, TARGET).await;
    let dpo = officer(&app).await;
    let dpo_account = app
        .scalar_i64(
            "SELECT a.id FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE s.role = 'data_protection_officer'",
        )
        .await;
    let looks = |action: &'static str, subject: Option<i64>| {
        let subject =
            subject.map_or("subject_participant_id IS NULL".to_owned(), |id| format!("subject_participant_id = {id}"));
        format!(
            "actor_account_id = {dpo_account} AND record_kind = 'audit_log' AND action = '{action}' \
             AND outcome = 'allowed' AND {subject}"
        )
    };
    search(&app, &dpo, &[]).await;
    assert_eq!(app.audit_count(&looks("read", None)).await, 1, "a search naming nobody: one row");
    search(&app, &dpo, &[("participant", TARGET)]).await;
    assert_eq!(app.audit_count(&looks("read", Some(target))).await, 1, "a search names whose rows it shows");
    let response = app.post_form(&dpo, "log_export", &[("participant", TARGET)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.audit_count(&looks("export", Some(target))).await, 1, "the export too");
    // Bad input is a look as well (the form came back).
    let page = app.call(&dpo, "log_search", &[("from", "2026-13-40")]).await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page: Value = page.json().await.unwrap();
    assert_eq!(page["errors"][0][0], "from");
    assert_eq!(app.audit_count(&looks("read", None)).await, 2);
}

async fn protected_identity_is_flagged_and_its_name_kept_from_others(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 1).await;
    let name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {participant}")).await;
    // The consultant stays a contact person; the enhetschef is none.
    app.execute(&format!("UPDATE participants SET protected_identity = TRUE WHERE id = {participant}")).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let opened = staff.get(app.url(&format!("/personal/deltagare/{participant}"))).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::OK);

    let dpo = officer(&app).await;
    let page = search(&app, &dpo, &[("participant_id", &participant.to_string())]).await;
    assert!(!rows(&page).is_empty());
    assert!(rows(&page).iter().all(|r| subject_name(r) == Some(name.as_str())), "the officer sees the name");
    assert!(
        rows(&page).iter().filter(|r| r["actor"]["Staff"].is_string()).all(|r| flags(r).contains(&"ProtectedIdentity"))
    );

    let manager = norr_manager(&app).await;
    let found = search(&app, &manager, &[("participant", &name)]).await;
    assert!(found["participants"].as_array().unwrap().is_empty(), "not found by name");
    let page = search(&app, &manager, &[("action", "read")]).await;
    let shielded: Vec<&Value> = rows(&page).iter().filter(|r| r["subject"][0].as_i64() == Some(participant)).collect();
    assert!(!shielded.is_empty(), "the unit's rows about them are there");
    assert!(shielded.iter().all(|r| r["subject"][1].is_null()), "without the name");
    let html = manager.get(app.url("/personal/logg?handling=read")).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains(&name), "the page does not name them");
}

async fn the_participant_sees_who_looked_in_plain_words(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app.participant_in_unit(1, 0).await;
    let staff_email = app.staff_email_for_participant(participant).await;
    let looker = staff_name(&app, &staff_email).await;
    let staff = app.staff_client(&staff_email).await;
    let opened = staff.get(app.url(&format!("/personal/deltagare/{participant}"))).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    // Someone of the other unit reads one of theirs: not on this page.
    let other = app.participant_in_unit(2, 0).await;
    let other_email = app.staff_email_for_participant(other).await;
    let other_staff_name = staff_name(&app, &other_email).await;
    let other_staff = app.staff_client(&other_email).await;
    other_staff.get(app.url(&format!("/personal/deltagare/{other}"))).send().await.unwrap();

    let phone = app.participant_client(participant).await;
    let start = phone.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(start.contains("href=\"/vem-har-tittat\""), "the menu links the page");
    let response = phone.get(app.url("/vem-har-tittat")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = visible_text(&response.text().await.unwrap());
    assert!(text.contains("Vem har tittat på mina uppgifter?"), "{text}");
    assert!(text.contains(&looker), "{text}");
    assert!(text.contains("Din arbetskonsulent"), "the role in plain words: {text}");
    let today = app::texts::capitalise(&app::texts::day_in_words(chrono::Utc::now()));
    let section = text.split(&today).nth(1).expect("today's looks");
    assert!(section.contains("Såg") && section.contains("din plan"), "{section}");
    assert!(!text.contains(&other_staff_name), "another participant's rows are not here: {text}");
    for code in ["plan_history", "record", "consents", "staff", "employment_consultant"] {
        assert!(!text.split_whitespace().any(|w| w.trim_matches('.') == code), "no internal code {code}: {text}");
    }
    // The participant's own reads are left out: they read their plan, and are not listed.
    phone.get(app.url("/min-plan")).send().await.unwrap();
    let again = visible_text(&phone.get(app.url("/vem-har-tittat")).send().await.unwrap().text().await.unwrap());
    let own_name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {participant}")).await;
    assert!(!again.contains(&own_name), "{again}");
    // Another participant may not ask for this one's page.
    let someone_else = app.participant_client(app.participant_in_unit(1, 2).await).await;
    let refused = app.call(&someone_else, "who_looked", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

async fn a_relative_sees_it_only_when_the_consent_shares_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let participant = app
        .scalar_i64(
            "SELECT min(pr.participant_id) FROM participant_relatives pr JOIN participants p ON p.id = pr.participant_id
             WHERE p.discharged_on IS NULL AND pr.ended_on IS NULL AND p.unit_id = (SELECT min(id) FROM units)",
        )
        .await;
    let relative = app
        .scalar_i64(&format!(
            "SELECT min(relative_id) FROM participant_relatives WHERE participant_id = {participant} AND ended_on IS NULL"
        ))
        .await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let p = participant.to_string();
    // Withdraw whatever shares something with them today, then share the plan only.
    let in_force: Vec<i64> = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: pool, .. }) => sqlx::query_scalar(
            "SELECT id FROM consents WHERE participant_id = $1 AND recipient_relative_id = $2 AND withdrawn_on IS NULL",
        )
        .bind(participant)
        .bind(relative)
        .fetch_all(pool)
        .await
        .unwrap(),
        app::server::Store::Postgres(pool) => sqlx::query_scalar(
            "SELECT id FROM consents WHERE participant_id = $1 AND recipient_relative_id = $2 AND withdrawn_on IS NULL",
        )
        .bind(participant)
        .bind(relative)
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    for id in in_force {
        let r = app.call(&staff, "withdraw_consent", &[("participant_id", &p), ("consent_id", &id.to_string())]).await;
        assert!(r.status().is_success());
    }
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive().to_string();
    let share = |section: &'static str| {
        vec![
            ("participant_id", p.clone()),
            ("scope", "share_with_relative".to_owned()),
            ("relative_id", relative.to_string()),
            ("method", "written".to_owned()),
            ("given_on", today.clone()),
            (section, "on".to_owned()),
        ]
    };
    let form = share("sections[plan]");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(app.call(&staff, "add_consent", &form).await.status().is_success());

    let phone = app.relative_client(participant, relative).await;
    let refused = app.call(&phone, "who_looked", &[("participant_id", &p)]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let request_id = refused.headers()["x-request-id"].to_str().unwrap().to_owned();
    let audited = app
        .audit_count(&format!("request_id = '{request_id}' AND outcome = 'denied' AND record_kind = 'access_log'"))
        .await;
    assert_eq!(audited, 1, "the refusal is in the log");
    let page = phone.get(app.url("/vem-har-tittat")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let start = phone.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(!start.contains("href=\"/vem-har-tittat\""), "not in the menu either");

    // The consent form offers it; once it is shared, the relative sees the page.
    let consents = staff.get(app.url(&format!("/personal/deltagare/{participant}/samtycken"))).send().await.unwrap();
    assert!(consents.text().await.unwrap().contains("sections[access_log]"), "the consent form offers the share");
    let form = share("sections[access_log]");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(app.call(&staff, "add_consent", &form).await.status().is_success());
    let allowed = app.call(&phone, "who_looked", &[("participant_id", &p)]).await;
    assert_eq!(allowed.status(), StatusCode::OK);
    let start = phone.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(start.contains("href=\"/vem-har-tittat\""), "in the menu now");
    let page = phone.get(app.url("/vem-har-tittat")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
}

on_both_backends!(
    the_unit_manager_sees_their_unit_and_the_officer_sees_all,
    a_contact_person_is_refused_on_record,
    the_planted_access_is_found_in_one_search,
    the_csv_has_the_rows,
    every_look_at_the_log_is_logged,
    protected_identity_is_flagged_and_its_name_kept_from_others,
    the_participant_sees_who_looked_in_plain_words,
    a_relative_sees_it_only_when_the_consent_shares_it,
);
