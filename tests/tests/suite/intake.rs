//! Intake of a new participant (kartläggningsmöte DV): staff register into
//! their own unit only; every row of the intake in one transaction; bad input
//! named next to each field; a taken personnummer names the unit; skyddade
//! personuppgifter keep a participant out of other staff's lists; the
//! enhetschef moves a participant to another unit.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};

/// An invented personnummer (Skatteverket's well-known test number).
const NUMBER: &str = "19121212-1212";

fn today() -> String {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive().to_string()
}

fn intake_form<'a>(name: &'a str, number: &'a str, entered_on: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("preferred_name", ""),
        ("personal_number", number),
        ("gender", "unspecified"),
        ("phone", "070-123 45 67"),
        ("dv_form", "group"),
        ("hours_per_week", "20"),
        ("benefit_kind", "activity_compensation"),
        ("benefit_until", "2027-06-30"),
        ("entered_on", entered_on),
        ("fk_consent", "yes"),
    ]
}

async fn staff_of_unit(app: &TestApp, unit_index: i64) -> (reqwest::Client, i64, i64) {
    let p = app.participant_in_unit(unit_index, 0).await;
    let email = app.staff_email_for_participant(p).await;
    let client = app.staff_client(&email).await;
    let staff_id = app.scalar_i64(&format!("SELECT staff_id FROM accounts WHERE email = '{email}'")).await;
    let unit = app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {p}")).await;
    (client, staff_id, unit)
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.scalar_i64(&format!("SELECT count(*) FROM {table}")).await
}

async fn an_intake_makes_every_row_in_one_go_and_opens_the_record(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, staff_id, unit) = staff_of_unit(&app, 1).await;
    let today = today();
    let form = intake_form("Påhittad Intagsson", NUMBER, &today);
    let response = app.post_form(&staff, "register_participant", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let id = app.scalar_i64("SELECT id FROM participants WHERE personal_number = '191212121212'").await;
    assert_eq!(location(&response), format!("/personal/deltagare/{id}"), "on to the new record");

    let app_ref = &app;
    let row = |sql: String| async move { app_ref.scalar_i64(&sql).await };
    assert_eq!(row(format!("SELECT unit_id FROM participants WHERE id = {id}")).await, unit);
    assert_eq!(
        app.scalar_text(&format!("SELECT ladder_step || ',' || preferred_name FROM participants WHERE id = {id}"))
            .await,
        "group_activity,Påhittad"
    );
    assert_eq!(row(format!("SELECT count(*) FROM ladder_moves WHERE participant_id = {id}")).await, 1);
    assert_eq!(
        row(format!("SELECT count(*) FROM accounts WHERE participant_id = {id} AND role = 'participant'")).await,
        1
    );
    assert_eq!(
        row(format!(
            "SELECT count(*) FROM contact_persons WHERE participant_id = {id} AND staff_id = {staff_id} AND until IS NULL"
        ))
        .await,
        1,
        "the staff member is contact person"
    );
    assert_eq!(
        row(format!(
            "SELECT count(*) FROM consents WHERE participant_id = {id} AND scope = 'dv_fk_contact'
               AND method = 'oral' AND recipient_organisation = 'fk' AND withdrawn_on IS NULL"
        ))
        .await,
        1
    );
    assert_eq!(app.audit_count(&format!("record_kind = 'participant_intake' AND unit_id = {unit}")).await, 1);
    for kind in ["participant", "participant_account", "contact_persons", "consents", "ladder"] {
        let n = app
            .audit_count(&format!("subject_participant_id = {id} AND record_kind = '{kind}' AND action = 'create'"))
            .await;
        assert_eq!(n, 1, "audit row for {kind}");
    }

    // The record shows the number masked; the button shows it in full, audited.
    let page = staff.get(app.url(&format!("/personal/deltagare/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("121212-XXXX") && page.contains("Visa hela personnumret"), "masked on the record");
    assert!(!page.contains(NUMBER));
    assert!(page.contains("Deltagaren är inskriven."), "the notice");
    assert_eq!(app.audit_count(&format!("subject_participant_id = {id} AND record_kind = 'personal_number'")).await, 0);
    let url = app.url(&format!("/personal/deltagare/{id}?personnummer=visa"));
    let page = staff.get(url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(NUMBER), "shown in full");
    assert_eq!(app.audit_count(&format!("subject_participant_id = {id} AND record_kind = 'personal_number'")).await, 1);

    // The participant's account signs in with a code.
    let code = app.new_code(&staff, id).await;
    let participant = app.client();
    let response = app.post_form(&participant, "sign_in_code", &[("code", &code)]).await;
    assert_eq!(location(&response), "/");
}

async fn bad_input_is_named_next_to_each_field_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, ..) = staff_of_unit(&app, 1).await;
    let before = (count(&app, "participants").await, count(&app, "accounts").await, count(&app, "consents").await);
    let too_long = "Ett namn som är alldeles för långt ".repeat(10);
    let form = [
        ("name", ""),
        ("preferred_name", too_long.as_str()),
        ("personal_number", "19121212-1213"),
        ("gender", "robot"),
        ("phone", "12"),
        ("dv_form", "solo"),
        ("hours_per_week", "99"),
        ("benefit_kind", "activity_compensation"),
        ("benefit_until", ""),
        ("entered_on", "igår"),
        ("fk_consent", "kanske"),
    ];
    let response = app.post_form(&staff, "register_participant", &form).await;
    assert_eq!(location(&response), "/personal/ny-deltagare", "back to the form");
    let page = staff.get(app.url("/personal/ny-deltagare")).send().await.unwrap().text().await.unwrap();
    for field in [
        "name",
        "preferred_name",
        "personal_number",
        "gender",
        "phone",
        "dv_form",
        "hours_per_week",
        "benefit_until",
        "entered_on",
    ] {
        assert!(page.contains(&format!("field-{field}-error")), "{field}: a message next to the field");
    }
    assert!(page.contains("field-fk_consent-error"), "the consent question too");
    assert!(page.contains("Kontrollera siffrorna. Den sista siffran stämmer inte."));
    assert!(page.contains("value=\"19121212-1213\""), "what was typed stays");
    let after = (count(&app, "participants").await, count(&app, "accounts").await, count(&app, "consents").await);
    assert_eq!(before, after, "nothing saved");

    // A script gets the first message with 422.
    let response = app.call(&staff, "register_participant", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_taken_personnummer_names_the_unit_that_has_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (north, _, unit) = staff_of_unit(&app, 1).await;
    let unit_name = app.scalar_text(&format!("SELECT name FROM units WHERE id = {unit}")).await;
    let today = today();
    let response =
        app.call(&north, "register_participant", &intake_form("Påhittad Först", "19811218-9876", &today)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let before = count(&app, "participants").await;

    // Another unit, the same person written with ten digits.
    let (south, ..) = staff_of_unit(&app, 2).await;
    let response =
        app.post_form(&south, "register_participant", &intake_form("Påhittad Igen", "811218-9876", &today)).await;
    assert_eq!(location(&response), "/personal/ny-deltagare");
    let page = south.get(app.url("/personal/ny-deltagare")).send().await.unwrap().text().await.unwrap();
    let message = format!("Det finns redan en deltagare med det personnumret, på {unit_name}.");
    assert!(page.contains(&message), "names the unit: {message}");
    assert!(page.contains("field-personal_number-error"));
    assert!(page.contains("value=\"Påhittad Igen\""), "what was typed stays");
    assert_eq!(count(&app, "participants").await, before, "nothing saved");
    assert_eq!(app.audit_count("record_kind = 'personal_number_taken'").await, 1, "the disclosure is on record");
}

async fn staff_register_only_into_their_own_unit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, _, north) = staff_of_unit(&app, 1).await;
    let (south_staff, _, south) = staff_of_unit(&app, 2).await;
    let today = today();
    let mut form = intake_form("Påhittad Söderbo", NUMBER, &today);
    let north_s = north.to_string();
    form.push(("unit_id", &north_s));
    form.push(("unit", &north_s));
    let response = app.call(&south_staff, "register_participant", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let unit = app.scalar_i64("SELECT unit_id FROM participants WHERE personal_number = '191212121212'").await;
    assert_eq!(unit, south, "a unit sent along changes nothing");

    // An administrator who works in no unit registers no one.
    let email = app::domain::Email::parse("admin.intag@example.se").unwrap();
    let name = app::domain::PersonName::parse("Påhittad Administratör").unwrap();
    let password = app::domain::Password::parse(mina_steg_tests::STAFF_PASSWORD).unwrap();
    app.access.create_admin(&email, &name, &password).await.expect("admin");
    let admin = app.client();
    app.post_form(&admin, "sign_in_staff", &[("email", email.as_str()), ("password", mina_steg_tests::STAFF_PASSWORD)])
        .await;
    let before = count(&app, "participants").await;
    let response =
        app.call(&admin, "register_participant", &intake_form("Påhittad Tredje", "811218-9876", &today)).await;
    assert!(matches!(response.status().as_u16(), 401 | 403), "refused: {}", response.status());
    assert_eq!(count(&app, "participants").await, before);
}

async fn a_closed_unit_takes_no_one_new(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, _, unit) = staff_of_unit(&app, 1).await;
    app.execute(&format!("UPDATE units SET closed_at = (SELECT min(created_at) FROM participants) WHERE id = {unit}"))
        .await;
    let before = count(&app, "participants").await;
    let today = today();
    let response = app.post_form(&staff, "register_participant", &intake_form("Påhittad Stängd", NUMBER, &today)).await;
    assert_eq!(location(&response), "/personal/ny-deltagare");
    let page = staff.get(app.url("/personal/ny-deltagare")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Enheten är stängd."), "says why");
    assert_eq!(count(&app, "participants").await, before);
}

async fn a_shielded_participant_is_seen_only_by_their_contact_persons(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, _, unit) = staff_of_unit(&app, 1).await;
    let today = today();
    let mut form = intake_form("Påhittad Skyddad", NUMBER, &today);
    form.push(("protected_identity", "on"));
    assert_eq!(app.call(&staff, "register_participant", &form).await.status(), StatusCode::OK);
    let id = app.scalar_i64("SELECT id FROM participants WHERE personal_number = '191212121212'").await;
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM participants WHERE id = {id} AND protected_identity")).await,
        1
    );

    let listed =
        |home: serde_json::Value| home["participants"].as_array().unwrap().iter().any(|r| r["participant_id"] == id);
    let home: serde_json::Value = app.call(&staff, "staff_home", &[]).await.json().await.unwrap();
    assert!(listed(home), "the contact person sees them in the list");
    assert_eq!(
        app.call(&staff, "participant_record", &[("participant_id", &id.to_string())]).await.status(),
        StatusCode::OK
    );

    // Another staff member of the same unit: not in the list, refused on the record.
    let other_email = app
        .scalar_text(&format!(
            "SELECT a.email FROM accounts a JOIN staff s ON s.id = a.staff_id
             WHERE s.unit_id = {unit} AND a.role = 'staff' ORDER BY a.id LIMIT 1 OFFSET 1"
        ))
        .await;
    let other = app.staff_client(&other_email).await;
    let home: serde_json::Value = app.call(&other, "staff_home", &[]).await.json().await.unwrap();
    assert!(!home["participants"].as_array().unwrap().is_empty(), "the list has the others");
    assert!(!listed(home), "not in another staff member's list");
    let programme: serde_json::Value = app.call(&other, "programme_overview", &[]).await.json().await.unwrap();
    assert!(!programme["participants"].as_array().unwrap().iter().any(|p| p["id"] == id), "nor the programme's");
    let response = app.call(&other, "participant_record", &[("participant_id", &id.to_string())]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = other.get(app.url(&format!("/personal/deltagare/{id}"))).send().await.unwrap();
    assert!(page.status() == StatusCode::FORBIDDEN || page.status() == StatusCode::NOT_FOUND, "{}", page.status());
}

async fn the_unit_manager_moves_a_participant_and_the_old_unit_loses_access(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let id = p.to_string();
    let (staff, _, north) = staff_of_unit(&app, 1).await;
    let (south_staff, _, south) = staff_of_unit(&app, 2).await;
    let manager_email = app
        .scalar_text(&format!(
            "SELECT a.email FROM accounts a JOIN staff s ON s.id = a.staff_id
             WHERE s.unit_id = {north} AND s.role = 'unit_manager' ORDER BY a.id LIMIT 1"
        ))
        .await;
    let manager = app.staff_client(&manager_email).await;
    let to = south.to_string();
    let form = [("participant_id", id.as_str()), ("to_unit", to.as_str())];

    // Only the enhetschef moves.
    assert_eq!(app.call(&staff, "move_participant", &form).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {p}")).await, north);
    // Not to a unit that does not exist, nor to the same one.
    let north_s = north.to_string();
    for to in ["999999", north_s.as_str(), "abc"] {
        let response =
            app.call(&manager, "move_participant", &[("participant_id", id.as_str()), ("to_unit", to)]).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "to {to}");
    }
    assert_eq!(count(&app, "unit_moves").await, 0);

    let placement: serde_json::Value =
        app.call(&manager, "record_placement", &[("participant_id", &id)]).await.json().await.unwrap();
    assert_eq!(placement["can_move"], true);
    let response = app.post_form(&manager, "move_participant", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/personal");
    assert_eq!(app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {p}")).await, south);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM unit_moves WHERE participant_id = {p} AND from_unit_id = {north} AND to_unit_id = {south}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM contact_persons cp JOIN staff s ON s.id = cp.staff_id
             WHERE cp.participant_id = {p} AND s.unit_id = {north} AND cp.until IS NULL"
        ))
        .await,
        0,
        "the old unit's staff are no longer contact persons"
    );
    // Both units have the move in the audit log.
    for unit in [north, south] {
        let n = app.audit_count(&format!("subject_participant_id = {p} AND record_kind = 'placement' AND action = 'change' AND unit_id = {unit} AND outcome = 'allowed'")).await;
        assert_eq!(n, 1, "unit {unit}");
    }

    // The old unit's staff (already signed in) lose access at once; the new unit's have it.
    assert_eq!(
        app.call(&staff, "participant_record", &[("participant_id", &id)]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&manager, "participant_record", &[("participant_id", &id)]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(&south_staff, "participant_record", &[("participant_id", &id)]).await.status(), StatusCode::OK);
    let placement: serde_json::Value =
        app.call(&south_staff, "record_placement", &[("participant_id", &id)]).await.json().await.unwrap();
    assert_eq!(placement["moves"].as_array().unwrap().len(), 1, "the record's history shows the move");
    assert_eq!(placement["can_move"], false);
    let page =
        south_staff.get(app.url(&format!("/personal/deltagare/{p}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Flyttar mellan enheter"));
}

const HEADER: &str = "namn;tilltalsnamn;personnummer;skyddade_personuppgifter;kön;telefon;form;timmar_i_veckan;\
ersättning;ersättning_till;startdatum;samtycke_fk";

/// A valid invented personnummer: born `day` days after 1 January 1990, serial 123 and its check digit.
fn number(day: u64) -> String {
    let born = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(day);
    let nine = format!("{}123", born.format("%y%m%d"));
    let sum: u32 = nine
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = c.to_digit(10).unwrap() * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    format!("{}-123{}", born.format("%Y%m%d"), (10 - sum % 10) % 10)
}

fn csv_line(name: &str, number: &str) -> String {
    format!("{name};;{number};nej;Kvinna;;Grupp med handledare;20;Ingen ersättning;;2026-01-15;senare")
}

async fn import(app: &TestApp, staff: &reqwest::Client, csv: &str, mode: &str) -> serde_json::Value {
    let response = app.call(staff, "import_participants", &[("csv", csv), ("mode", mode)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn an_import_is_checked_line_by_line_and_saves_nothing_unless_every_line_passes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, ..) = staff_of_unit(&app, 1).await;
    let before = count(&app, "participants").await;
    let csv = [
        HEADER.to_owned(),
        csv_line("Påhittad Ett", &number(1)),
        csv_line("Påhittad Två", "19900103-1230"),
        csv_line("Påhittad Tre", &number(1)),
        "Påhittad Fyra;;19900105-1230;kanske;robot;12;solo;99;Aktivitetsersättning;;igår;kanske".to_owned(),
    ]
    .join("\n");
    for mode in ["check", "import"] {
        let report = import(&app, &staff, &csv, mode).await;
        assert_eq!(report["saved"], 0, "{mode}: nothing saved");
        let lines = report["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 4);
        let problems = |line: u64| -> Vec<String> {
            let l = lines.iter().find(|l| l["line"] == line).unwrap_or_else(|| panic!("line {line}"));
            l["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect()
        };
        assert!(problems(2).is_empty(), "line 2 passes");
        assert!(problems(3).iter().any(|p| p.starts_with("personnummer: ")), "{:?}", problems(3));
        assert_eq!(problems(4), ["Samma personnummer som rad 2."]);
        let four = problems(4 + 1);
        for column in ["kön", "telefon", "form", "timmar_i_veckan", "ersättning_till", "startdatum", "samtycke_fk"] {
            assert!(four.iter().any(|p| p.starts_with(&format!("{column}: "))), "line 5 names {column}: {four:?}");
        }
    }
    assert_eq!(count(&app, "participants").await, before);

    // A plain form goes back to the page, which lists the lines and keeps the text.
    let response = app.post_form(&staff, "import_participants", &[("csv", &csv), ("mode", "check")]).await;
    assert_eq!(location(&response), "/personal/importera");
    let page = staff.get(app.url("/personal/importera")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Samma personnummer som rad 2."));
    assert!(page.contains("Påhittad Fyra"), "what was pasted stays");

    // Wrong columns: said about the whole file.
    let report = import(&app, &staff, "namn,personnummer\nPåhittad,19121212-1212", "import").await;
    assert!(report["message"].as_str().unwrap().contains("kolumner"));
}

async fn five_hundred_lines_import_in_one_transaction_and_one_bad_line_saves_none(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, staff_id, unit) = staff_of_unit(&app, 1).await;
    let before = count(&app, "participants").await;
    // With a byte order mark as spreadsheets write it, and the template's Swedish labels: 500
    // such lines are more than the 64 KiB other forms may send; the import takes a whole file.
    let lines: Vec<String> = (0..500).map(|i| csv_line(&format!("Importerad {i}"), &number(i))).collect();
    let csv = format!("\u{feff}{HEADER}\n{}", lines.join("\n"));
    let encoded = reqwest::Url::parse_with_params("http://x/", [("csv", &csv)]).unwrap();
    assert!(encoded.query().unwrap().len() > 64 * 1024, "the file is bigger than a form may be");
    let too_big = app.call(&staff, "register_participant", &[("name", &csv)]).await;
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE, "other forms keep the small limit");
    let report = import(&app, &staff, &csv, "check").await;
    assert_eq!(report["saved"], 0);
    assert!(report["lines"].as_array().unwrap().iter().all(|l| l["problems"].as_array().unwrap().is_empty()));
    assert_eq!(count(&app, "participants").await, before, "a check saves nothing");

    // One bad line in 500: nothing saved, the line named.
    let mut bad = lines.clone();
    bad[250] = csv_line("Importerad Fel", "19900101-0000");
    // Comma-separated this time.
    let bad_csv = format!("{}\n{}", HEADER.replace(';', ","), bad.join("\n").replace(';', ","));
    let report = import(&app, &staff, &bad_csv, "import").await;
    assert_eq!(report["saved"], 0);
    let wrong: Vec<&serde_json::Value> =
        report["lines"].as_array().unwrap().iter().filter(|l| !l["problems"].as_array().unwrap().is_empty()).collect();
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0]["line"], 252, "the header is line 1");
    assert_eq!(count(&app, "participants").await, before);

    let report = import(&app, &staff, &csv, "import").await;
    assert_eq!(report["saved"], 500);
    assert_eq!(count(&app, "participants").await, before + 500);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM participants p JOIN accounts a ON a.participant_id = p.id
             WHERE p.unit_id = {unit} AND p.name LIKE 'Importerad %'
               AND EXISTS (SELECT 1 FROM contact_persons c WHERE c.participant_id = p.id AND c.staff_id = {staff_id})"
        ))
        .await,
        500,
        "each with an account and the staff member as contact person"
    );
    // Imported once: the same file again names the unit on every line, and saves nothing.
    let report = import(&app, &staff, &csv, "import").await;
    assert_eq!(report["saved"], 0);
    assert!(report["lines"][0]["problems"][0].as_str().unwrap().starts_with("Det finns redan en deltagare"));
}

on_both_backends!(
    an_intake_makes_every_row_in_one_go_and_opens_the_record,
    bad_input_is_named_next_to_each_field_and_nothing_is_saved,
    a_taken_personnummer_names_the_unit_that_has_it,
    staff_register_only_into_their_own_unit,
    a_closed_unit_takes_no_one_new,
    a_shielded_participant_is_seen_only_by_their_contact_persons,
    the_unit_manager_moves_a_participant_and_the_old_unit_loses_access,
    an_import_is_checked_line_by_line_and_saves_nothing_unless_every_line_passes,
    five_hundred_lines_import_in_one_transaction_and_one_bad_line_saves_none,
);
