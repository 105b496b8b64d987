//! The follow-up of outcomes (issue 13, `/personal/uppfoljning`): whose
//! figures each viewer gets, the figures against the same counts made
//! directly in SQL on the demo data, the period's bad input named next to its
//! field, and the audit row every look writes. (The counting itself is tested
//! against the final report's own tables in `domain::follow_up`.)

use chrono::Datelike;
use mina_steg_tests::{Backend, STAFF_PASSWORD, StatusCode, TestApp, location, on_both_backends, visible_text};
use serde_json::Value;

async fn figures(app: &TestApp, client: &reqwest::Client, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, "follow_up", form).await;
    assert_eq!(response.status(), StatusCode::OK, "follow_up {form:?}");
    response.json().await.expect("json")
}

/// A page's HTML as the client gets it.
async fn text_of(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    client.get(app.url(path)).send().await.expect("request").text().await.expect("text")
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
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
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
    let html = text_of(&app, &manager, "/personal/uppfoljning?fran=2020-01-01").await;
    assert!(visible_text(&html).contains(&format!("Perioden 2020-01-01 till och med {today}.")), "{html}");
    // Each look is on record, as a look at the unit's follow-up.
    assert!(
        app.audit_count(&format!("record_kind = 'follow_up' AND outcome = 'allowed' AND unit_id = {unit}")).await >= 3
    );
    // The log follow-up shows which period was looked at.
    let log: Value = app.call(&manager, "log_search", &[]).await.json().await.unwrap();
    let period = format!("2020-01-01–{today}");
    let row = log["rows"].as_array().unwrap().iter().find(|r| r["detail"] == period.as_str());
    assert!(row.is_some_and(|r| r["record_kind"] == "follow_up"), "{log}");
}

async fn whose_figures_each_viewer_gets(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let units = app.scalar_i64("SELECT count(*) FROM units").await;
    assert!(units >= 2);
    let second = app.scalar_i64("SELECT id FROM units ORDER BY id LIMIT 1 OFFSET 1").await;
    // The administrator: every unit together, or the one they choose.
    let admin = admin(&app).await;
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
    // The steering group: the same counts as the administrator, every unit or the one they choose.
    let steering = app.staff_client(&app.staff_email_of_role("steering_group", None).await).await;
    let theirs = figures(&app, &steering, &[]).await;
    assert_eq!((&theirs["unit_name"], &theirs["tables"]), (&Value::Null, &all["tables"]));
    assert_eq!(figures(&app, &steering, &[("unit", &second.to_string())]).await["tables"], one["tables"]);
    // Never the names behind them, nor anyone's record; on record as refused.
    let before = app.audit_count("record_kind = 'follow_up_people' AND outcome = 'denied'").await;
    let path = format!("/personal/uppfoljning-personer.csv?enhet={second}");
    assert_eq!(steering.get(app.url(&path)).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("record_kind = 'follow_up_people' AND outcome = 'denied'").await, before + 1);
    let someone = app.participant_in_unit(2, 0).await.to_string();
    let record = app.call(&steering, "participant_record", &[("participant_id", &someone)]).await;
    assert_eq!(record.status(), StatusCode::FORBIDDEN);
    // The enhetschef sees their own unit whatever unit they ask for.
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
    let own = figures(&app, &manager, &[("unit", &second.to_string())]).await;
    assert_ne!(own["unit_name"], name);
    // A contact person and the dataskyddsombud are refused, on record.
    for (role, unit) in [("employment_consultant", Some(0)), ("data_protection_officer", None)] {
        let client = app.staff_client(&app.staff_email_of_role(role, unit).await).await;
        let before = app.audit_count("record_kind = 'follow_up' AND outcome = 'denied'").await;
        assert_eq!(app.call(&client, "follow_up", &[]).await.status(), StatusCode::FORBIDDEN, "{role}");
        assert_eq!(app.audit_count("record_kind = 'follow_up' AND outcome = 'denied'").await, before + 1);
    }
}

async fn a_bad_period_is_named_next_to_its_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
    let response = app.call(&manager, "follow_up", &[("from", "igår"), ("until", "2026-01-01")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["errors"][0][0], "from");
    assert_eq!(page["tables"], Value::Null);
    let response = app.call(&manager, "follow_up", &[("from", "2026-05-01"), ("until", "2026-04-01")]).await;
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["errors"][0], serde_json::json!(["until", "Slutdatumet kan inte vara före startdatumet."]));
    // The page keeps what was typed, with the message beside the field.
    let html = text_of(&app, &manager, "/personal/uppfoljning?fran=2026-05-01&till=2026-04-01").await;
    assert!(html.contains("value=\"2026-05-01\"") && html.contains("Slutdatumet kan inte vara före startdatumet."));
}

/// A unit of its own holding the 32 participants of the source project's
/// final report (2022-03-31), made to its tables as SQL rows: 12 women and 20
/// men; 19 in a group and 13 at enskild plats at entry; 29 AE, 2 SE, 1
/// without benefit; steps within DV 6/4/1/8; GK held by 22 and planned for 3;
/// discharged 15 to förstärkt samarbete, 1 to work, 1 to studies, 5 back to DV
/// (and one as job seeking: the report's table adds up to 22 while its text
/// says 23 were discharged), 9 not yet. Returns the unit's id.
async fn the_report_on_record(app: &TestApp) -> i64 {
    app.execute("INSERT INTO units (name) VALUES ('Rapportenheten')").await;
    let unit = app.scalar_i64("SELECT id FROM units WHERE name = 'Rapportenheten'").await;
    for (n, woman) in (0..32).map(|n| (n, n < 12)) {
        // The person's place among their gender: the report's counts are by gender.
        let i = if woman { n } else { n - 12 };
        let group = if woman { i < 8 } else { i < 11 };
        let benefit = match (woman, i) {
            (true, 11) | (false, 19) => "'sickness_compensation', NULL",
            (true, 10) => "'none', NULL",
            _ => "'activity_compensation', '2025-12-31'",
        };
        // One change each for those who took a step: group to placement,
        // placement to another, group to another group, more hours.
        let change = match (woman, i) {
            (_, 0..=2) => Some(("group", "individual_placement", 20, false)),
            (true, 8) | (false, 11..=13) => Some(("individual_placement", "individual_placement", 30, true)),
            (false, 3) => Some(("group", "group", 20, true)),
            (true, 3..=6) | (false, 4..=7) => Some(("group", "group", 25, false)),
            _ => None,
        };
        let entry_form = if group { "group" } else { "individual_placement" };
        let form_now = change.map_or(entry_form, |(_, to, _, _)| to);
        let hours_now = change.map_or(if group { 20 } else { 30 }, |(_, _, hours, _)| hours);
        let gk = match (woman, i) {
            (true, 0..=7) | (false, 0..=13) => Some(("2021-06-01", "held")),
            (true, 8..=9) | (false, 14) => Some(("2022-05-10", "planned")),
            _ => None,
        };
        let outcome = match (woman, i) {
            (true, 0..=4) | (false, 0..=9) => Some("enhanced_collaboration"),
            (true, 5) => Some("employment"),
            (false, 10) => Some("studies"),
            (true, 6..=7) | (false, 11..=13) => Some("back_to_dv"),
            (false, 14) => Some("job_seeking"),
            _ => None,
        };
        let (discharged_on, outcome) = match outcome {
            Some(o) => ("'2022-01-14'".to_owned(), format!("'{o}'")),
            None => ("NULL".to_owned(), "NULL".to_owned()),
        };
        let gender = if woman { "woman" } else { "man" };
        let name = format!("Rapport {n:02}");
        let entered_on = chrono::NaiveDate::from_ymd_opt(2020, 4, 1).unwrap() + chrono::Days::new(7 * n);
        app.execute(&format!(
            "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, benefit_until, dv_form,
                 hours_per_week, ladder_step, gender, entered_on, discharged_on, discharge_outcome, created_at, road)
             VALUES ({unit}, '{name}', '{name}', {benefit}, '{form_now}', {hours_now}, '{form_now}', '{gender}',
                 '{entered_on}', {discharged_on}, {outcome}, '2020-04-01T08:00:00+00:00', 'af_fk')"
        ))
        .await;
        let id = app.scalar_i64(&format!("SELECT id FROM participants WHERE name = '{name}'")).await;
        if let Some((from, to, hours, new_place)) = change {
            let from_hours = if from == "group" { 20 } else { 30 };
            app.execute(&format!(
                "INSERT INTO dv_changes (participant_id, changed_on, from_form, to_form, from_hours, to_hours,
                     new_place, recorded_at)
                 VALUES ({id}, '2021-02-01', '{from}', '{to}', {from_hours}, {hours}, {new_place},
                     '2021-02-01T08:00:00+00:00')"
            ))
            .await;
        }
        if let Some((day, status)) = gk {
            app.execute(&format!(
                "INSERT INTO meetings (participant_id, kind, title, starts_at, ends_at, place, bring, status,
                     participant_answer, created_at)
                 VALUES ({id}, 'joint_assessment_1', 'Gemensam kartläggning', '{day}T08:00:00+00:00',
                     '{day}T09:00:00+00:00', 'Arbetsförmedlingen', '', '{status}', 'none', '2020-04-01T08:00:00+00:00')"
            ))
            .await;
        }
    }
    unit
}

async fn the_final_reports_tables_come_out_of_the_records(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let unit = the_report_on_record(&app).await;
    let admin = admin(&app).await;
    let project = [("from", "2020-04-01"), ("until", "2022-03-31"), ("unit", &unit.to_string())];
    let page = figures(&app, &admin, &project).await;
    let t = &page["tables"];
    let split = |v: &Value| (v["women"].as_i64().unwrap(), v["men"].as_i64().unwrap(), v["other"].as_i64().unwrap());
    assert_eq!(split(&t["participants"]), (12, 20, 0));
    assert_eq!(split(row(&t["form_at_entry"], "group")), (8, 11, 0));
    assert_eq!(split(row(&t["form_at_entry"], "individual_placement")), (4, 9, 0));
    assert_eq!(split(row(&t["benefit_at_entry"], "activity_compensation")), (10, 19, 0));
    assert_eq!(split(row(&t["benefit_at_entry"], "sickness_compensation")), (1, 1, 0));
    assert_eq!(split(row(&t["benefit_at_entry"], "none")), (1, 0, 0));
    assert_eq!(total(row(&t["dv_steps"], "group_to_placement")), 6);
    assert_eq!(total(row(&t["dv_steps"], "placement_to_placement")), 4);
    assert_eq!(total(row(&t["dv_steps"], "group_to_group")), 1);
    assert_eq!(total(row(&t["dv_steps"], "more_hours")), 8);
    assert_eq!(split(&t["assessments_held"]), (8, 14, 0));
    assert_eq!(split(&t["assessments_planned"]), (2, 1, 0));
    assert_eq!(split(row(&t["discharges"], "enhanced_collaboration")), (5, 10, 0));
    assert_eq!(total(row(&t["discharges"], "employment")), 1);
    assert_eq!(total(row(&t["discharges"], "studies")), 1);
    assert_eq!(split(row(&t["discharges"], "back_to_dv")), (2, 3, 0));
    assert_eq!(split(&t["not_discharged"]), (4, 5, 0));
    assert_eq!(t["towards_work_of_all"], serde_json::json!({"count": 17, "of": 32}));
    assert_eq!(t["towards_work_of_discharged"], serde_json::json!({"count": 17, "of": 23}));
    // The page says it as the report did.
    let html =
        text_of(&app, &admin, &format!("/personal/uppfoljning?fran=2020-04-01&till=2022-03-31&enhet={unit}")).await;
    let text = visible_text(&html);
    assert!(text.contains("17 av 32 deltagare (53 %) har skrivits ut mot arbete."), "{text}");
    assert!(text.contains("17 av 23 utskrivna (74 %) har skrivits ut mot arbete."), "{text}");

    // The file: what Excel and LibreOffice open in Swedish settings, small numbers hidden.
    let response = admin
        .get(app.url(&format!("/personal/uppfoljning.csv?fran=2020-04-01&till=2022-03-31&enhet={unit}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark first");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Enhet;Rapportenheten");
    assert_eq!(lines[1], "Period;2020-04-01;2022-03-31");
    let after = |title: &str, n: usize| {
        let at = lines.iter().position(|l| *l == title).unwrap_or_else(|| panic!("{title} in {csv}"));
        lines[at + 1..=at + n].to_vec()
    };
    assert_eq!(after("Deltagare", 2), ["Vad;Kvinnor;Män;Annat svar;Totalt", "Deltagare under perioden;12;20;0;32"]);
    // The 4 women at enskild plats are "<5"; the 9 men beside them, and the
    // 8 women and 11 men in a group above them, are hidden ("x") so that
    // neither can be found from the sums.
    assert_eq!(
        after("Form vid inskrivning", 4),
        [
            "Vad;Kvinnor;Män;Annat svar;Totalt",
            "Grupp med handledare;x;x;0;19",
            "Enskild plats;<5;x;0;13",
            "Alla deltagare;12;20;0;32",
        ]
    );
    assert_eq!(after("Utskrivna mot arbete av alla deltagare;Antal;Av;Andel (%)", 1)[0], ";17;32;53");
    assert_eq!(after("Utskrivna mot arbete av alla utskrivna;Antal;Av;Andel (%)", 1)[0], ";17;23;74");
    // No count of 1-4 anywhere in the file.
    for line in &lines[3..] {
        for field in line.split(';').skip(1) {
            assert!(!matches!(field, "1" | "2" | "3" | "4"), "{line}");
        }
    }
    // On record: who handed on which unit's figures, for which period.
    assert_eq!(
        app.audit_count(&format!(
            "record_kind = 'follow_up' AND action = 'export' AND outcome = 'allowed' AND unit_id = {unit}
               AND detail = '2020-04-01–2022-03-31'"
        ))
        .await,
        1
    );
}

/// Signs in the demo's administrator.
async fn admin(app: &TestApp) -> reqwest::Client {
    let admin = app.client();
    let email = app.staff_email_of_role("admin", None).await;
    let response = app.post_form(&admin, "sign_in_staff", &[("email", &email), ("password", STAFF_PASSWORD)]).await;
    assert_eq!(location(&response), "/admin", "the administrator is signed in");
    admin
}

/// The file as a Swedish spreadsheet user gets it: LibreOffice (from apt,
/// headless) opens the CSV as it is (the separator given, as its import
/// dialog asks for it; the character set from the byte order mark), saves it
/// as a spreadsheet, and writes that back out as CSV: every cell comes back
/// as written, å, ä and ö included. One database is enough: the file is the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_opens_in_libreoffice_with_its_swedish_intact() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let unit = the_report_on_record(&app).await;
    let admin = admin(&app).await;
    let path = format!("/personal/uppfoljning.csv?fran=2020-04-01&till=2022-03-31&enhet={unit}");
    let file = admin.get(app.url(&path)).send().await.unwrap().bytes().await.unwrap();
    let dir = std::env::temp_dir().join(format!("mina-steg-libreoffice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("uppfoljning.csv"), &file).unwrap();
    // A profile of its own, so no other LibreOffice on the machine is disturbed.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let soffice = |args: &[&str]| {
        let status = std::process::Command::new("soffice")
            .arg("--headless")
            .arg(&profile)
            .args(args)
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("LibreOffice (soffice) is installed by `make test-tools`");
        assert!(status.success(), "soffice {args:?}");
    };
    soffice(&["--infilter=CSV:59,34,,1", "--convert-to", "ods", "--outdir", "ods", "uppfoljning.csv"]);
    soffice(&["--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", "back", "ods/uppfoljning.ods"]);
    let back = std::fs::read(dir.join("back/uppfoljning.csv")).unwrap();
    let cells = |bytes: &[u8]| -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).flexible(true).from_reader(bytes);
        reader
            .records()
            .map(|r| {
                let mut row: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
                // A spreadsheet's row is as wide as its widest: the empty cells after the last are no change.
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                row
            })
            .collect()
    };
    let written = cells(file.strip_prefix(b"\xEF\xBB\xBF").expect("a byte order mark"));
    assert_eq!(cells(&back), written);
    let all: String = written.iter().flatten().map(String::as_str).collect();
    assert!(all.contains("Män") && all.contains("Försörjningsstöd") && all.contains("Ålder"), "{all}");
    std::fs::remove_dir_all(&dir).ok();
}

async fn the_file_is_for_those_who_may_see_the_figures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let path = "/personal/uppfoljning.csv?fran=2026-01-01&till=2026-06-30";
    let anonymous = app.client().get(app.url(path)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let consultant = app.staff_client(&app.staff_email_of_role("employment_consultant", Some(0)).await).await;
    let before = app.audit_count("record_kind = 'follow_up' AND action = 'export' AND outcome = 'denied'").await;
    let refused = consultant.get(app.url(path)).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(!refused.text().await.unwrap().contains(';'), "no figures");
    assert_eq!(
        app.audit_count("record_kind = 'follow_up' AND action = 'export' AND outcome = 'denied'").await,
        before + 1
    );
    // The enhetschef gets their own unit's, whatever unit the address names.
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
    let own = app.scalar_text("SELECT name FROM units ORDER BY id LIMIT 1").await;
    let second = app.scalar_i64("SELECT id FROM units ORDER BY id LIMIT 1 OFFSET 1").await;
    let file = manager.get(app.url(&format!("{path}&enhet={second}"))).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    let body = file.text().await.unwrap();
    assert!(body.trim_start_matches('\u{feff}').starts_with(&format!("Enhet;{own}")), "{body}");
    // A period that cannot be read gives no file, and says why.
    let bad = manager.get(app.url("/personal/uppfoljning.csv?fran=igår")).send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("Perioden kunde inte läsas"));
    // Looking at the page is on record with its period too.
    manager.get(app.url("/personal/uppfoljning?fran=2026-01-01&till=2026-06-30")).send().await.unwrap();
    assert!(
        app.audit_count(
            "record_kind = 'follow_up' AND action = 'read' AND detail = '2026-01-01–2026-06-30' AND outcome = 'allowed'"
        )
        .await
            >= 1
    );
}

async fn the_enhetschef_gets_the_names_behind_the_figures_on_record(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let manager = app.staff_client(&app.staff_email_of_role("unit_manager", Some(0)).await).await;
    let unit = app.scalar_i64("SELECT min(id) FROM units").await;
    // The page offers the list to the enhetschef.
    let html =
        manager.get(app.url("/personal/uppfoljning?fran=2024-01-01")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Ladda ner vilka som räknats (CSV)"), "{html}");
    let path = "/personal/uppfoljning-personer.csv?fran=2024-01-01&till=2026-06-30";
    let response = manager.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("Id;Namn;")).expect("the header");
    let people = &lines[header + 1..];
    let in_period = format!(
        "unit_id = {unit} AND entered_on <= '2026-06-30' AND (discharged_on IS NULL OR discharged_on >= '2024-01-01')"
    );
    let expected = app.scalar_i64(&format!("SELECT count(*) FROM participants WHERE {in_period}")).await;
    assert_eq!(people.len() as i64, expected);
    // A name under skyddade personuppgifter is not in the file; the person is, by id.
    let shielded =
        app.scalar_ids(&format!("SELECT id FROM participants WHERE {in_period} AND protected_identity = TRUE")).await;
    for id in &shielded {
        let name = app.scalar_text(&format!("SELECT name FROM participants WHERE id = {id}")).await;
        assert!(!body.contains(&name), "a shielded name in the file");
        assert!(people.iter().any(|l| l.starts_with(&format!("{id};Skyddade personuppgifter;"))));
    }
    // Each person listed is on record as handed out, with the period.
    assert_eq!(
        app.audit_count(
            "record_kind = 'follow_up_people' AND action = 'export' AND subject_participant_id IS NOT NULL
               AND detail = '2024-01-01–2026-06-30'"
        )
        .await,
        expected
    );
    // The administrator has the counts, not the names; the page does not offer them.
    let admin = admin(&app).await;
    let before = app.audit_count("record_kind = 'follow_up_people' AND outcome = 'denied'").await;
    let refused = admin.get(app.url(&format!("{path}&enhet={unit}"))).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("record_kind = 'follow_up_people' AND outcome = 'denied'").await, before + 1);
    let html = text_of(&app, &admin, "/personal/uppfoljning").await;
    assert!(!html.contains("Ladda ner vilka som räknats"));
}

/// Six people of a unit of their own, with the jobs and förlängt stöd of the
/// domain's hand-worked case moved to 2025; each answer worked out by hand.
async fn paid_work_is_counted_as_supported_employment_counts_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.execute("INSERT INTO units (name) VALUES ('Arbetsenheten')").await;
    let unit = app.scalar_i64("SELECT id FROM units WHERE name = 'Arbetsenheten'").await;
    // (gender, entered, jobs as (start, end, hours), förlängt stöd)
    type Job = (&'static str, Option<&'static str>, i64);
    type Person = (&'static str, &'static str, &'static [Job], Option<(&'static str, &'static str)>);
    let people: [Person; 6] = [
        // Out of work at entry; 20 hours from Monday 3 March, 275 days after entry.
        ("woman", "2024-06-01", &[("2025-03-03", None, 20)], None),
        // Ended on the first day, after 2 paid hours: no job yet.
        ("man", "2025-02-03", &[("2025-04-07", Some("2025-04-07"), 10)], None),
        // In work since 2024 (30 hours), förlängt stöd for its first 12 months.
        ("man", "2023-01-02", &[("2024-05-06", None, 30)], Some(("2024-05-06", "2025-05-05"))),
        ("woman", "2025-01-13", &[], None),
        // 5 hours from Monday 3 November: the fourth hour on Thursday; 672 days after entry.
        ("man", "2024-01-01", &[("2025-11-03", None, 5)], None),
        // 2 hours from New Year's Eve: the fourth paid hour comes in 2026.
        ("woman", "2024-01-01", &[("2025-12-31", None, 2)], None),
    ];
    for (n, (gender, entered_on, jobs, support)) in people.iter().enumerate() {
        let name = format!("Arbete {n}");
        app.execute(&format!(
            "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, benefit_until, dv_form,
                 hours_per_week, ladder_step, gender, entered_on, created_at, road)
             VALUES ({unit}, '{name}', '{name}', 'activity_compensation', '2027-06-30', 'group', 20, 'group_activity',
                 '{gender}',
                 '{entered_on}', '2023-01-02T08:00:00+00:00', 'af_fk')"
        ))
        .await;
        let id = app.scalar_i64(&format!("SELECT id FROM participants WHERE name = '{name}'")).await;
        for (starts_on, ends_on, hours) in *jobs {
            let ends_on = ends_on.map_or("NULL".to_owned(), |e| format!("'{e}'"));
            app.execute(&format!(
                "INSERT INTO employments (participant_id, starts_on, ends_on, hours_per_week, employer_kind, recorded_at)
                 VALUES ({id}, '{starts_on}', {ends_on}, {hours}, 'private', '2025-01-01T08:00:00+00:00')"
            ))
            .await;
        }
        if let Some((from, until)) = support {
            app.execute(&format!(
                "INSERT INTO consents (participant_id, scope, recipient_organisation, shared_sections, method, given_on,
                     recorded_at)
                 VALUES ({id}, 'extended_support', 'other', '', 'written', '{from}', '2024-05-06T08:00:00+00:00')"
            ))
            .await;
            let consent = app.scalar_i64(&format!("SELECT max(id) FROM consents WHERE participant_id = {id}")).await;
            app.execute(&format!(
                "INSERT INTO extended_support (participant_id, employer, starts_on, ends_on, consent_id, created_at)
                 VALUES ({id}, 'Butiken', '{from}', '{until}', {consent}, '2024-05-06T08:00:00+00:00')"
            ))
            .await;
        }
    }
    let admin = admin(&app).await;
    let form = [("from", "2025-01-01"), ("until", "2025-12-31"), ("unit", &unit.to_string())];
    let page = figures(&app, &admin, &form).await;
    let work = &page["tables"]["work"];
    let split = |women: i64, men: i64| serde_json::json!({ "women": women, "men": men, "other": 0 });
    assert_eq!(work["out_of_work_at_start"], split(3, 2));
    assert_eq!(work["into_work"], split(1, 1));
    assert_eq!(work["ever_employed"], split(1, 2));
    assert_eq!(work["in_work"], split(1, 2));
    assert_eq!(*row(&work["hours"], "1_9"), split(0, 1));
    assert_eq!(*row(&work["hours"], "20_29"), split(1, 0));
    assert_eq!(*row(&work["hours"], "30_40"), split(0, 1));
    assert_eq!(work["days_to_first_job"], serde_json::json!([275, 672]));
    assert_eq!(work["months_with_support"], serde_json::json!([12]));
    // The page says it in words, against the benchmark.
    let path = format!("/personal/uppfoljning?fran=2025-01-01&till=2025-12-31&enhet={unit}");
    let text = visible_text(&text_of(&app, &admin, &path).await);
    for expected in [
        "2 av 5 som var utan arbete i början (40 %) fick ett jobb. Program med stöd till arbete räknar med minst 40 %.",
        "Tid från start i daglig verksamhet till första jobbet: median 474 dagar (2 personer).",
        "Tid i arbete medan förlängt stöd pågick: median 12 månader (1 person).",
        "2 av 3 med jobb (67 %) arbetar 20 timmar i veckan eller mer.",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    // The file hands on the counts suppressed, and no median of fewer than five.
    let file = admin
        .get(app.url(&format!("/personal/uppfoljning.csv?fran=2025-01-01&till=2025-12-31&enhet={unit}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = file.lines().collect();
    let after = |label: &str| lines[lines.iter().position(|l| l.starts_with(label)).expect(label) + 1];
    assert_eq!(after("Fick ett jobb av dem utan arbete i början;"), ";<5;5;");
    assert!(lines.contains(&"Utan arbete i början;<5;<5;0;5"), "{file}");
    assert!(lines.contains(&"Dagar från start i daglig verksamhet till första jobbet, median;;Personer;<5"), "{file}");
}

/// The programme's figures from rows made by hand: two rounds that started
/// in 2025 and one after, seats taken around midnight at the year's turns
/// (a seat's day is its day in Sweden), a queue, and attendance.
async fn the_programme_is_counted_from_its_rows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.execute("INSERT INTO units (name) VALUES ('Programenheten')").await;
    let unit = app.scalar_i64("SELECT id FROM units WHERE name = 'Programenheten'").await;
    let mut people = Vec::new();
    for n in 0..6 {
        let name = format!("Program {n}");
        app.execute(&format!(
            "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, benefit_until, dv_form,
                 hours_per_week, ladder_step, gender, entered_on, created_at, road)
             VALUES ({unit}, '{name}', '{name}', 'activity_compensation', '2027-06-30', 'group', 20,
                 'work_prep_programme', 'woman', '2024-01-01', '2024-01-01T08:00:00+00:00', 'af_fk')"
        ))
        .await;
        people.push(app.scalar_i64(&format!("SELECT id FROM participants WHERE name = '{name}'")).await);
    }
    let mut rounds = Vec::new();
    for (name, starts_on, capacity, enrolled) in
        [("Vinter", "2025-01-13", 5, 1), ("Vår", "2025-03-03", 3, 3), ("Nästa vinter", "2026-01-12", 5, 1)]
    {
        app.execute(&format!(
            "INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, starts_on, created_at)
             VALUES ({unit}, '{name}', 'group', {capacity}, {enrolled}, 'Kontoret', '{starts_on}',
                 '2024-06-01T08:00:00+00:00')"
        ))
        .await;
        rounds.push(app.scalar_i64(&format!("SELECT id FROM programme_rounds WHERE name = '{name}'")).await);
    }
    // (person, round, status, interest, seat): waits 10, 23, 6 and 11 days in 2025.
    let seats = [
        (0, 1, "enrolled", "2025-02-10T09:00:00+00:00", Some("2025-02-20T10:00:00+00:00")),
        (1, 1, "enrolled", "2025-02-01T09:00:00+00:00", Some("2025-02-24T10:00:00+00:00")),
        // 23.30 in UTC is 00.30 on the 26th in Sweden.
        (2, 1, "enrolled", "2025-02-20T12:00:00+00:00", Some("2025-02-25T23:30:00+00:00")),
        (3, 1, "waiting", "2025-02-22T12:00:00+00:00", None),
        // New Year's Day 2026 in Sweden: not a seat of 2025.
        (4, 2, "enrolled", "2025-12-01T12:00:00+00:00", Some("2025-12-31T23:30:00+00:00")),
        // New Year's Day 2025 in Sweden: a seat of 2025, eleven days after the interest.
        (5, 0, "enrolled", "2024-12-21T10:00:00+00:00", Some("2024-12-31T23:30:00+00:00")),
    ];
    for (person, round, status, interest, seat) in seats {
        let (p, r) = (people[person], rounds[round]);
        let position = if status == "waiting" { "1" } else { "NULL" };
        let seat = seat.map_or("NULL".to_owned(), |at| format!("'{at}'"));
        app.execute(&format!(
            "INSERT INTO enrolments (round_id, participant_id, status, waiting_position, created_at, seated_at)
             VALUES ({r}, {p}, '{status}', {position}, '{interest}', {seat})"
        ))
        .await;
        app.execute(&format!(
            "INSERT INTO expressions_of_interest (participant_id, round_id, created_at, handled_at)
             VALUES ({p}, {r}, '{interest}', '{interest}')"
        ))
        .await;
    }
    let spring = rounds[1];
    app.execute(&format!(
        "INSERT INTO programme_sessions (round_id, starts_at, ends_at, theme, place)
         VALUES ({spring}, '2025-03-03T09:00:00+00:00', '2025-03-03T10:30:00+00:00', 'Arbetslivet', 'Kontoret')"
    ))
    .await;
    let session = app.scalar_i64(&format!("SELECT id FROM programme_sessions WHERE round_id = {spring}")).await;
    for (person, mark) in [(0, "present"), (1, "absent"), (2, "present")] {
        app.execute(&format!(
            "INSERT INTO attendance (session_id, participant_id, mark, recorded_at)
             VALUES ({session}, {}, '{mark}', '2025-03-03T11:00:00+00:00')",
            people[person]
        ))
        .await;
    }
    let admin = admin(&app).await;
    let form = [("from", "2025-01-01"), ("until", "2025-12-31"), ("unit", &unit.to_string())];
    let programme = &figures(&app, &admin, &form).await["programme"];
    let round = |name: &str, starts_on: &str, counts: [i64; 5]| {
        let [seats, seated, waiting, marked, present] = counts;
        serde_json::json!({ "name": name, "starts_on": starts_on, "seats": seats, "seated": seated,
            "waiting": waiting, "marked": marked, "present": present })
    };
    assert_eq!(
        programme["rounds"],
        serde_json::json!([
            round("Vinter", "2025-01-13", [5, 1, 0, 0, 0]),
            round("Vår", "2025-03-03", [3, 3, 1, 3, 2])
        ])
    );
    let mut waits: Vec<i64> =
        programme["waits_in_days"].as_array().unwrap().iter().map(|w| w.as_i64().unwrap()).collect();
    waits.sort_unstable();
    assert_eq!(waits, [6, 10, 11, 23]);
    let path = format!("/personal/uppfoljning?fran=2025-01-01&till=2025-12-31&enhet={unit}");
    let text = visible_text(&text_of(&app, &admin, &path).await);
    assert!(text.contains("Väntetid från intresseanmälan till plats: median 11 dagar (4 personer)."), "{text}");
    assert!(text.contains("Närvaro: 67 % (2 av 3 markerade tillfällen)."), "{text}");
}

on_both_backends!(
    the_programme_is_counted_from_its_rows,
    paid_work_is_counted_as_supported_employment_counts_it,
    the_enhetschef_gets_the_names_behind_the_figures_on_record,
    the_enhetschef_sees_their_unit_counted_as_sql_counts_it,
    whose_figures_each_viewer_gets,
    a_bad_period_is_named_next_to_its_field,
    the_final_reports_tables_come_out_of_the_records,
    the_file_is_for_those_who_may_see_the_figures
);
