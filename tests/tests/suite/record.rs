//! The participant record, staff side: plan versions, meetings with the
//! participant's answer, consents that stop sharing at once, steps, and unit
//! isolation of every record function; on both databases.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};
use serde_json::Value;

async fn staff_for(app: &TestApp, participant: i64) -> reqwest::Client {
    app.staff_client(&app.staff_email_for_participant(participant).await).await
}

async fn record(app: &TestApp, staff: &reqwest::Client, participant: i64) -> Value {
    let response = app.call(staff, "participant_record", &[("participant_id", &participant.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn plan_form<'a>(participant: &'a str, goal: &'a str, hours: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("participant_id", participant),
        ("goal", goal),
        ("reason", "Jag vill pröva på riktigt."),
        ("from", "2026-12-01"),
        ("until", "2027-05-31"),
        ("days_per_week", "4"),
        ("hours_per_week", hours),
        ("activities", "Arbetsträning i caféet\n\nProgrammet på tisdagar"),
        ("follow_up_on", "2027-02-15"),
        ("follow_up_what", "Vi ser över planen"),
        ("other_notes", ""),
    ]
}

async fn every_plan_save_is_a_new_version(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let staff = staff_for(&app, p).await;
    let id = p.to_string();
    let before = app.scalar_i64(&format!("SELECT count(*) FROM joint_plans WHERE participant_id = {p}")).await;
    let old_goal = app
        .scalar_text(&format!("SELECT goal FROM joint_plans WHERE participant_id = {p} ORDER BY version DESC LIMIT 1"))
        .await;

    let response = app.post_form(&staff, "save_plan", &plan_form(&id, "Jobba i ett kafé", "20")).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/plan"));
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("Planen är sparad som version {}.", before + 1)), "notice");
    app.post_form(&staff, "save_plan", &plan_form(&id, "Jobba i ett kafé, fyra dagar", "24")).await;

    let history: Value = app.call(&staff, "plan_history", &[("participant_id", &id)]).await.json().await.unwrap();
    let versions = history["versions"].as_array().unwrap();
    assert_eq!(versions.len() as i64, before + 2);
    assert_eq!(versions[0]["version"], before + 2);
    assert_eq!(versions[0]["goal"], "Jobba i ett kafé, fyra dagar");
    assert_eq!(versions[1]["goal"], "Jobba i ett kafé");
    assert_eq!(versions[1]["activities"], serde_json::json!(["Arbetsträning i caféet", "Programmet på tisdagar"]));
    assert!(versions[0]["author"].is_string(), "who saved it");
    if before > 0 {
        assert_eq!(versions[2]["goal"], old_goal.as_str(), "earlier versions unchanged");
    }
    // The participant sees the newest version.
    let participant = app.participant_client(p).await;
    let plan = participant.get(app.url("/min-plan")).send().await.unwrap().text().await.unwrap();
    assert!(plan.contains("Jobba i ett kafé, fyra dagar"));
    // Side by side: the compare view shows both.
    let compare = staff.get(app.url(&format!("/personal/deltagare/{p}/plan?jamfor={}", before + 1))).send().await;
    let compare = compare.unwrap().text().await.unwrap();
    assert!(compare.contains("bredvid varandra") && compare.contains("Jobba i ett kafé</dd>"));

    // Bad input: named, kept, nothing saved.
    let response = app.post_form(&staff, "save_plan", &plan_form(&id, "", "50")).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/plan"));
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("field-goal-error") && page.contains("field-hours_per_week-error"), "both named");
    assert!(page.contains("value=\"50\""), "typed value kept");
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM joint_plans WHERE participant_id = {p}")).await,
        before + 2
    );
}

async fn meetings_are_booked_moved_cancelled_and_held(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 1).await;
    let staff = staff_for(&app, p).await;
    let id = p.to_string();
    let staff_id = app
        .scalar_i64(&format!(
            "SELECT id FROM staff WHERE unit_id = (SELECT unit_id FROM participants WHERE id = {p}) ORDER BY id LIMIT 1"
        ))
        .await;
    let attendee = format!("attendees[s{staff_id}]");
    // The day summer time ends: 10:00 Swedish time is 09:00 UTC.
    let form = [
        ("participant_id", id.as_str()),
        ("kind", "follow_up"),
        ("title", "Vi pratar om hur det går"),
        ("date", "2030-10-27"),
        ("start", "10:00"),
        ("end", "11:00"),
        ("place", "Kontoret"),
        ("video_link", ""),
        ("bring", "Din kalender"),
        (attendee.as_str(), "on"),
    ];
    let response = app.post_form(&staff, "create_meeting", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/moten"));
    let meeting = app.scalar_i64(&format!("SELECT max(id) FROM meetings WHERE participant_id = {p}")).await;
    let starts: Value = record(&app, &staff, p).await["coming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == meeting)
        .map(|m| m["starts_at"].clone())
        .unwrap();
    assert_eq!(starts, "2030-10-27T09:00:00Z");
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM meeting_attendees WHERE meeting_id = {meeting}")).await,
        1
    );

    // The participant answers; staff see it.
    let participant = app.participant_client(p).await;
    let m = meeting.to_string();
    app.post_form(&participant, "answer_meeting", &[("meeting_id", &m), ("answer", "coming")]).await;
    let page =
        staff.get(app.url(&format!("/personal/deltagare/{p}/moten"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Svar: Kommer"), "the answer is shown to staff");

    // Moved: the answer was for the old time, so it is cleared; the old time is kept.
    let moved = [("meeting_id", m.as_str()), ("date", "2030-10-28"), ("start", "13:00"), ("end", "14:00")];
    assert_eq!(app.call(&staff, "reschedule_meeting", &moved).await.status(), StatusCode::OK);
    assert_eq!(app.scalar_text(&format!("SELECT participant_answer FROM meetings WHERE id = {meeting}")).await, "none");
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM revisions WHERE record_kind = 'meeting' AND record_id = {meeting}"
        ))
        .await,
        1
    );
    // Held, and then it cannot be cancelled.
    let held = app.call(&staff, "set_meeting_status", &[("meeting_id", &m), ("status", "held")]).await;
    assert_eq!(held.status(), StatusCode::OK);
    let cancel = app.call(&staff, "set_meeting_status", &[("meeting_id", &m), ("status", "cancelled")]).await;
    assert_eq!(cancel.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.scalar_text(&format!("SELECT status FROM meetings WHERE id = {meeting}")).await, "held");

    // Bad input: a time that does not exist, no place, a stranger as attendee.
    let count = app.scalar_i64("SELECT count(*) FROM meetings").await;
    let bad = [
        ("participant_id", id.as_str()),
        ("kind", "follow_up"),
        ("title", "Möte"),
        ("date", "2030-03-31"),
        ("start", "02:30"),
        ("end", "03:30"),
        ("place", ""),
        ("attendees[s999999]", "on"),
    ];
    let response = app.post_form(&staff, "create_meeting", &bad).await;
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Den tiden finns inte den dagen"), "the missing hour is named");
    assert!(page.contains("field-place-error"));
    assert!(page.contains("value=\"Möte\""), "typed title kept");
    let stranger = [
        ("participant_id", id.as_str()),
        ("kind", "follow_up"),
        ("title", "Möte"),
        ("date", "2030-04-02"),
        ("start", "10:00"),
        ("end", "11:00"),
        ("place", "Kontoret"),
        ("attendees[s999999]", "on"),
    ];
    assert_eq!(app.call(&staff, "create_meeting", &stranger).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM meetings").await, count, "nothing saved");
}

/// A relative who is shown the plan by consent loses it the moment the consent is withdrawn.
async fn a_withdrawn_consent_stops_sharing_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (relative, p, consent): (i64, i64, i64) = {
        let consent = app
            .scalar_i64(
                "SELECT min(id) FROM consents WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL
                   AND shared_sections LIKE '%plan%'",
            )
            .await;
        let relative =
            app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {consent}")).await;
        let p = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {consent}")).await;
        (relative, p, consent)
    };
    let staff = staff_for(&app, p).await;
    let relative_client = app.relative_client(p, relative).await;
    let plan = |client: reqwest::Client| {
        let app = &app;
        async move { app.call(&client, "plan", &[("participant_id", &p.to_string())]).await.status() }
    };
    assert_eq!(plan(relative_client.clone()).await, StatusCode::OK);
    let response = app
        .post_form(
            &staff,
            "withdraw_consent",
            &[("participant_id", &p.to_string()), ("consent_id", &consent.to_string())],
        )
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/samtycken"));
    assert_eq!(plan(relative_client.clone()).await, StatusCode::FORBIDDEN, "the same session, the next request");
    // Recording a new consent for the plan gives it back.
    let form = [
        ("participant_id", p.to_string()),
        ("scope", "share_with_relative".to_owned()),
        ("relative_id", relative.to_string()),
        ("sections[plan]", "on".to_owned()),
        ("method", "written".to_owned()),
        ("given_on", "2026-01-10".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&staff, "add_consent", &form).await.status(), StatusCode::OK);
    assert_eq!(plan(relative_client.clone()).await, StatusCode::OK);
    let consents = record(&app, &staff, p).await["consents"].clone();
    let newest = consents.as_array().unwrap().iter().find(|c| c["given_on"] == "2026-01-10").unwrap();
    assert_eq!(newest["sections"], serde_json::json!(["Planen"]));
    assert!(newest["recorded_by"].is_string());
    // Extended support needs written consent; a relative not linked is refused.
    let oral = [
        ("participant_id", p.to_string()),
        ("scope", "extended_support".to_owned()),
        ("organisation", "af".to_owned()),
        ("method", "oral".to_owned()),
        ("given_on", "2026-01-10".to_owned()),
    ];
    let oral: Vec<(&str, &str)> = oral.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&staff, "add_consent", &oral).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stranger = app
        .scalar_i64(&format!(
            "SELECT min(id) FROM relatives WHERE id NOT IN (SELECT relative_id FROM participant_relatives WHERE participant_id = {p})"
        ))
        .await;
    let form = [
        ("participant_id", p.to_string()),
        ("scope", "share_with_relative".to_owned()),
        ("relative_id", stranger.to_string()),
        ("sections[plan]", "on".to_owned()),
        ("method", "written".to_owned()),
        ("given_on", "2026-01-10".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&staff, "add_consent", &form).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn steps_on_the_ladder_and_within_dv(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 2).await;
    let staff = staff_for(&app, p).await;
    let id = p.to_string();
    let form =
        [("participant_id", id.as_str()), ("step", "joint_assessment"), ("on", "2026-11-20"), ("note", "GK 1 bokad")];
    let response = app.post_form(&staff, "record_step", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));
    assert_eq!(
        app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {p}")).await,
        "joint_assessment"
    );
    let participant = app.participant_client(p).await;
    let ladder: Value = app.call(&participant, "ladder", &[]).await.json().await.unwrap();
    assert_eq!(ladder["current"], "joint_assessment");
    assert_eq!(ladder["moves"].as_array().unwrap().last().unwrap()["step"], "joint_assessment");

    let old_hours = app.scalar_i64(&format!("SELECT hours_per_week FROM participants WHERE id = {p}")).await;
    let new_hours = if old_hours == 30 { "25" } else { "30" };
    let form_before = app.scalar_text(&format!("SELECT dv_form FROM participants WHERE id = {p}")).await;
    let changes = format!("SELECT count(*) FROM dv_changes WHERE participant_id = {p}");
    let changes_before = app.scalar_i64(&changes).await;
    // Recorded when it has happened: a day ahead is refused, next to the field.
    let tomorrow = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive() + chrono::Days::new(1);
    let ahead = tomorrow.to_string();
    let form = [
        ("participant_id", id.as_str()),
        ("dv_form", "individual_placement"),
        ("hours_per_week", new_hours),
        ("on", ahead.as_str()),
    ];
    let response = app.post_form(&staff, "change_dv", &form).await;
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Datumet kan inte vara senare än i dag."), "{page}");
    assert_eq!(app.scalar_i64(&changes).await, changes_before);
    let form = [
        ("participant_id", id.as_str()),
        ("dv_form", "individual_placement"),
        ("hours_per_week", new_hours),
        ("on", "2026-11-02"),
        ("new_place", "1"),
    ];
    app.post_form(&staff, "change_dv", &form).await;
    // The follow-up's row: the day, from what to what, and that the place is new.
    let change = app
        .scalar_text(&format!(
            "SELECT changed_on || ' ' || from_form || ' ' || to_form || ' ' || from_hours || ' ' || to_hours || ' '
                    || CASE WHEN new_place THEN 'new' ELSE 'same' END
             FROM dv_changes WHERE participant_id = {p} ORDER BY id DESC LIMIT 1"
        ))
        .await;
    assert_eq!(change, format!("2026-11-02 {form_before} individual_placement {old_hours} {new_hours} new"));
    assert_eq!(
        app.scalar_text(&format!("SELECT dv_form FROM participants WHERE id = {p}")).await,
        "individual_placement"
    );
    let kept = app
        .scalar_text(&format!(
            "SELECT old_value FROM revisions WHERE record_kind = 'participant_dv' AND record_id = {p}"
        ))
        .await;
    assert!(kept.contains(&format!("\"hours_per_week\":{old_hours}")), "{kept}");
    // Leaving DV with an outcome: off the roster, still on record.
    let form = [("participant_id", id.as_str()), ("on", "2026-11-21"), ("outcome", "employment")];
    let response = app.post_form(&staff, "discharge", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));
    let home: Value = app.call(&staff, "staff_home", &[]).await.json().await.unwrap();
    assert!(home["participants"].as_array().unwrap().iter().all(|r| r["participant_id"] != p), "off the roster");
    assert_eq!(record(&app, &staff, p).await["discharged"], serde_json::json!(["2026-11-21", "employment"]));
    // Bad input is refused.
    let bad = [("participant_id", id.as_str()), ("step", "astronaut"), ("on", "igår"), ("note", "")];
    let response = app.post_form(&staff, "record_step", &bad).await;
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("field-step-error") && page.contains("field-step-on-error"));
}

async fn paid_work_is_recorded_and_ended_on_the_steps_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 3).await;
    let staff = staff_for(&app, p).await;
    let id = p.to_string();
    let jobs = format!("SELECT count(*) FROM employments WHERE participant_id = {p}");
    let before = app.scalar_i64(&jobs).await;
    let page_after = |response: reqwest::Response| {
        let (app, staff) = (&app, &staff);
        async move {
            assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));
            staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap()
        }
    };
    // Bad input: each message next to its field, what was typed kept, nothing written.
    let bad = [
        ("participant_id", id.as_str()),
        ("starts_on", "2026-03-02"),
        ("ends_on", "2026-02-27"),
        ("hours_per_week", "0"),
        ("employer_kind", "rymdbolag"),
    ];
    let page = page_after(app.post_form(&staff, "add_employment", &bad).await).await;
    for field in ["job-ends_on", "job-hours_per_week", "employer_kind"] {
        assert!(page.contains(&format!("id=\"field-{field}-error\"")), "{field}: {page}");
    }
    assert!(page.contains("Sista arbetsdagen kan inte vara före den första."));
    assert!(page.contains("Skriv antal timmar i veckan som en siffra mellan 1 och 40."));
    assert!(page.contains("value=\"2026-02-27\""), "the typed end is kept");
    assert_eq!(app.scalar_i64(&jobs).await, before);
    // A job is recorded once it has begun.
    let tomorrow = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive() + chrono::Days::new(1);
    let ahead = tomorrow.to_string();
    let early = [
        ("participant_id", id.as_str()),
        ("starts_on", ahead.as_str()),
        ("hours_per_week", "20"),
        ("employer_kind", "private"),
    ];
    let page = page_after(app.post_form(&staff, "add_employment", &early).await).await;
    assert!(page.contains("Registrera anställningen när den har börjat."), "{page}");
    assert_eq!(app.scalar_i64(&jobs).await, before);

    let job = [
        ("participant_id", id.as_str()),
        ("starts_on", "2026-03-02"),
        ("ends_on", ""),
        ("hours_per_week", "20"),
        ("employer_kind", "social_enterprise"),
    ];
    let page = page_after(app.post_form(&staff, "add_employment", &job).await).await;
    assert!(page.contains("Anställningen är registrerad."));
    assert!(page.contains("Från 2026-03-02, 20 timmar i veckan, Socialt företag. Pågår."), "{page}");
    let job_id = app.scalar_i64(&format!("SELECT max(id) FROM employments WHERE participant_id = {p}")).await;
    assert_eq!(app.scalar_i64(&jobs).await, before + 1);
    let changes = format!("subject_participant_id = {p} AND action = 'change' AND outcome = 'allowed'");
    assert!(app.audit_count(&changes).await >= 1, "the new job is a change of the record, on record");
    // Ending it: not before it began; then on a day after; then not again.
    let (job_field, end_of) =
        (job_id.to_string(), format!("SELECT CAST(ends_on AS TEXT) FROM employments WHERE id = {job_id}"));
    let form = [("participant_id", id.as_str()), ("employment_id", job_field.as_str()), ("ends_on", "2026-03-01")];
    let page = page_after(app.post_form(&staff, "end_employment", &form).await).await;
    assert!(page.contains(&format!("id=\"field-job-{job_id}-ends_on-error\"")), "{page}");
    assert!(page.contains("value=\"2026-03-01\""), "the typed day is kept");
    let changed = app.audit_count(&changes).await;
    let form = [("participant_id", id.as_str()), ("employment_id", job_field.as_str()), ("ends_on", "2026-09-30")];
    let page = page_after(app.post_form(&staff, "end_employment", &form).await).await;
    assert!(page.contains("Anställningen är avslutad."));
    assert!(page.contains("Från 2026-03-02, 20 timmar i veckan, Socialt företag. Till och med 2026-09-30."));
    assert_eq!(app.scalar_text(&end_of).await, "2026-09-30");
    assert_eq!(app.audit_count(&changes).await, changed + 1);
    let form = [("participant_id", id.as_str()), ("employment_id", job_field.as_str()), ("ends_on", "2026-10-30")];
    assert_eq!(app.call(&staff, "end_employment", &form).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.scalar_text(&end_of).await, "2026-09-30", "an end is never overwritten");
    // Another participant's job cannot be ended through this record: refused, on record.
    let other = app.participant_in_unit(1, 4).await;
    app.execute(&format!(
        "INSERT INTO employments (participant_id, starts_on, hours_per_week, employer_kind, recorded_at)
         VALUES ({other}, '2026-01-05', 10, 'public', '2026-01-05T08:00:00+00:00')"
    ))
    .await;
    let theirs = app.scalar_i64(&format!("SELECT max(id) FROM employments WHERE participant_id = {other}")).await;
    let denied = app.audit_count(&format!("record_kind = 'employments' AND record_id = {theirs}")).await;
    let form = [("participant_id", id.as_str()), ("employment_id", &theirs.to_string()), ("ends_on", "2026-02-01")];
    assert_eq!(app.call(&staff, "end_employment", &form).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count(&format!("record_kind = 'employments' AND record_id = {theirs}")).await, denied + 1);
    let still_running = format!("SELECT count(*) FROM employments WHERE id = {theirs} AND ends_on IS NULL");
    assert_eq!(app.scalar_i64(&still_running).await, 1);
}

async fn reading_the_record_is_audited_per_part(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let staff = staff_for(&app, p).await;
    let page = staff.get(app.url(&format!("/personal/deltagare/{p}"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Kommande möten") && html.contains("Nätverket runt deltagaren"));
    let read = |section: &str| {
        format!(
            "actor_role = 'staff' AND action = 'read' AND record_kind = '{section}' AND subject_participant_id = {p}"
        )
    };
    for section in ["record", "contacts", "consents", "meetings", "plan", "programme", "ladder"] {
        assert!(app.audit_count(&read(section)).await >= 1, "{section} read is audited");
    }
    // A part's own page reads, and so audits, that part and not the others.
    let parts = ["contacts", "consents", "meetings", "plan", "programme", "ladder"];
    let mut before = Vec::new();
    for section in parts {
        before.push(app.audit_count(&read(section)).await);
    }
    let contacts = app.call(&staff, "record_contacts", &[("participant_id", &p.to_string())]).await;
    assert_eq!(contacts.status(), StatusCode::OK);
    for (section, before) in parts.into_iter().zip(before) {
        let read_now = app.audit_count(&read(section)).await - before;
        assert_eq!(read_now, i64::from(section == "contacts"), "{section} on the contacts page");
    }
}

/// Every record function refuses another unit's participant, and audits the refusal.
async fn another_units_record_is_out_of_reach(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let own = app.participant_in_unit(1, 0).await;
    let other = app.participant_in_unit(2, 0).await;
    let staff = staff_for(&app, own).await;
    let other_meeting = app.scalar_i64(&format!("SELECT min(id) FROM meetings WHERE participant_id = {other}")).await;
    let other_consent =
        app.scalar_i64(&format!("SELECT coalesce(min(id), 0) FROM consents WHERE participant_id = {other}")).await;
    let (o, m, c) = (other.to_string(), other_meeting.to_string(), other_consent.to_string());
    let cp = app
        .scalar_i64(&format!("SELECT min(id) FROM contact_persons WHERE participant_id = {other}"))
        .await
        .to_string();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("participant_record", vec![("participant_id", &o)]),
        ("plan_history", vec![("participant_id", &o)]),
        ("save_plan", plan_form(&o, "Ett mål", "20")),
        (
            "create_meeting",
            vec![
                ("participant_id", &o),
                ("kind", "follow_up"),
                ("title", "Möte"),
                ("date", "2030-04-02"),
                ("start", "10:00"),
                ("end", "11:00"),
                ("place", "Kontoret"),
            ],
        ),
        ("reschedule_meeting", vec![("meeting_id", &m), ("date", "2030-04-02"), ("start", "10:00"), ("end", "11:00")]),
        ("set_meeting_status", vec![("meeting_id", &m), ("status", "cancelled")]),
        (
            "add_consent",
            vec![
                ("participant_id", &o),
                ("scope", "dv_fk_contact"),
                ("organisation", "fk"),
                ("method", "written"),
                ("given_on", "2026-01-10"),
            ],
        ),
        ("withdraw_consent", vec![("participant_id", &o), ("consent_id", &c)]),
        ("record_step", vec![("participant_id", &o), ("step", "employment"), ("on", "2026-11-20"), ("note", "")]),
        (
            "change_dv",
            vec![("participant_id", &o), ("dv_form", "group"), ("hours_per_week", "10"), ("on", "2026-11-20")],
        ),
        ("change_road", vec![("participant_id", &o), ("road", "asf")]),
        (
            "add_contact_person",
            vec![("participant_id", &o), ("who", "e1"), ("role_in_case", "Roll"), ("since", "2026-01-01")],
        ),
        ("end_contact_person", vec![("participant_id", &o), ("contact_id", &cp)]),
        ("change_contact_role", vec![("participant_id", &o), ("contact_id", &cp), ("role_in_case", "Ny roll")]),
        ("add_extended_support", vec![("participant_id", &o), ("employer", "Kaféet"), ("starts_on", "2026-01-01")]),
        (
            "add_employment",
            vec![
                ("participant_id", &o),
                ("starts_on", "2026-01-01"),
                ("hours_per_week", "20"),
                ("employer_kind", "public"),
            ],
        ),
        ("end_employment", vec![("participant_id", &o), ("employment_id", "1"), ("ends_on", "2026-02-01")]),
        ("discharge", vec![("participant_id", &o), ("on", "2026-01-01"), ("outcome", "studies")]),
    ];
    let denied_before = app.audit_count("outcome = 'denied'").await;
    for (endpoint, form) in &calls {
        let response = app.call(&staff, endpoint, form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{endpoint}");
    }
    assert_eq!(app.audit_count("outcome = 'denied'").await - denied_before, calls.len() as i64);
    let anonymous = app.client();
    for (endpoint, form) in &calls {
        assert_eq!(app.call(&anonymous, endpoint, form).await.status(), StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    // A participant cannot use staff functions on their own record either.
    let participant = app.participant_client(own).await;
    let mine = own.to_string();
    let response = app.call(&participant, "save_plan", &plan_form(&mine, "Mitt eget mål", "20")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app
        .call(
            &participant,
            "record_step",
            &[("participant_id", &mine), ("step", "employment"), ("on", "2026-11-20"), ("note", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

async fn contact_persons_are_added_changed_and_ended(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 4).await;
    let staff = staff_for(&app, p).await;
    let id = p.to_string();
    let participant = app.participant_client(p).await;
    let contacts = |client: reqwest::Client| {
        let app = &app;
        async move { client.get(app.url("/kontakter")).send().await.unwrap().text().await.unwrap() }
    };
    // A new officer at Arbetsförmedlingen, with a role in easy words.
    let form = [
        ("participant_id", id.as_str()),
        ("who", "new"),
        ("role_in_case", "Din handläggare på Arbetsförmedlingen"),
        ("since", "2026-01-05"),
        ("new_name", "Sofia Lindqvist"),
        ("new_organisation", "af"),
        ("new_title", "Handläggare"),
        ("new_phone", "010-486 00 00"),
    ];
    let response = app.post_form(&staff, "add_contact_person", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/kontakter"));
    assert!(contacts(participant.clone()).await.contains("Sofia Lindqvist"), "the participant sees the new contact");
    let contact = app.scalar_i64(&format!("SELECT max(id) FROM contact_persons WHERE participant_id = {p}")).await;
    let c = contact.to_string();
    let change =
        [("participant_id", id.as_str()), ("contact_id", c.as_str()), ("role_in_case", "Hjälper dig att hitta jobb")];
    assert_eq!(app.call(&staff, "change_contact_role", &change).await.status(), StatusCode::OK);
    let contacts_page = app.call(&staff, "record_contacts", &[("participant_id", id.as_str())]).await;
    let entries = contacts_page.json::<Value>().await.unwrap()["contact_persons"].clone();
    let entry = entries.as_array().unwrap().iter().find(|x| x["id"] == contact).unwrap().clone();
    assert_eq!(entry["role_in_case"], "Hjälper dig att hitta jobb");
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM revisions WHERE record_kind = 'contact_person' AND record_id = {contact}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.call(&staff, "end_contact_person", &[("participant_id", &id), ("contact_id", &c)]).await.status(),
        200
    );
    assert!(!contacts(participant.clone()).await.contains("Sofia Lindqvist"), "an ended contact is gone");
    // Bad input is named and kept.
    let bad = [
        ("participant_id", id.as_str()),
        ("who", "new"),
        ("role_in_case", ""),
        ("since", "2026-01-05"),
        ("new_name", "Per"),
    ];
    let response = app.post_form(&staff, "add_contact_person", &bad).await;
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("field-role_in_case-error") && page.contains("field-new_organisation-error"));
    assert!(page.contains("value=\"Per\""));

    // Extended support needs a written consent in force.
    let support = [("participant_id", id.as_str()), ("employer", "Kaféet Solen"), ("starts_on", "2026-03-01")];
    assert_eq!(app.call(&staff, "add_extended_support", &support).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let consent = [
        ("participant_id", id.as_str()),
        ("scope", "extended_support"),
        ("organisation", "af"),
        ("method", "written"),
        ("given_on", "2026-02-20"),
    ];
    assert_eq!(app.call(&staff, "add_consent", &consent).await.status(), StatusCode::OK);
    assert_eq!(app.call(&staff, "add_extended_support", &support).await.status(), StatusCode::OK);
    let steps = app.call(&staff, "record_steps", &[("participant_id", id.as_str())]).await;
    let ends = steps.json::<Value>().await.unwrap()["extended_support"][0]["ends_on"].clone();
    assert_eq!(ends, "2027-03-01", "12 months");
}

async fn the_code_page_makes_codes_for_relatives_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let relative = app.scalar_i64("SELECT min(relative_id) FROM participant_relatives").await;
    let p = app
        .scalar_i64(&format!("SELECT min(participant_id) FROM participant_relatives WHERE relative_id = {relative}"))
        .await;
    let name = app.scalar_text(&format!("SELECT name FROM relatives WHERE id = {relative}")).await;
    let staff = staff_for(&app, p).await;
    let page = staff.get(app.url(&format!("/personal/deltagare/{p}/kod"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("Skapa kod för {name}")), "a button per relative");
    let form = [("participant_id", p.to_string()), ("relative_id", relative.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "create_sign_in_code", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/kod"));
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("Kod för {name}")), "the code says whom it is for");
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE relative_id = {relative}")).await;
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM sign_in_codes WHERE account_id = {account} AND used_at IS NULL"))
            .await,
        1
    );
    // Signed out everywhere: the relative's next request is not signed in.
    let relative_client = app.relative_client(p, relative).await;
    let viewer = |c: reqwest::Client| {
        let app = &app;
        async move { app.call(&c, "viewer", &[]).await.json::<Value>().await.unwrap() }
    };
    assert!(viewer(relative_client.clone()).await.is_object());
    let response = app.post_form(&staff, "end_relative_sessions", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/kod"));
    assert!(viewer(relative_client.clone()).await.is_null(), "signed out");
}

on_both_backends!(
    the_code_page_makes_codes_for_relatives_too,
    contact_persons_are_added_changed_and_ended,
    every_plan_save_is_a_new_version,
    meetings_are_booked_moved_cancelled_and_held,
    a_withdrawn_consent_stops_sharing_at_once,
    steps_on_the_ladder_and_within_dv,
    paid_work_is_recorded_and_ended_on_the_steps_page,
    reading_the_record_is_audited_per_part,
    another_units_record_is_out_of_reach,
);
