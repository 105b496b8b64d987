//! The clocks of the transition (issue 12): dates staff record, each shown
//! under "Att göra" from two weeks before it runs out, the DV place released
//! four weeks after AF's work training starts, the resting decision's three
//! months (a return within them needs no new application), förlängt stöd's
//! twelve months. Every change is audited and kept in revisions. (The date
//! arithmetic across summer time is the unit test of `domain::transition`.)

use app::texts::sv::MONTHS;
use chrono::{Datelike, Days, Months, NaiveDate};
use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, visible_text};

fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

/// "12 mars" (with the year when it is not this year's), as "Att göra" writes a day.
fn day(d: NaiveDate) -> String {
    let month = MONTHS[d.month0() as usize];
    if d.year() == today().year() {
        format!("{} {month}", d.day())
    } else {
        format!("{} {month} {}", d.day(), d.year())
    }
}

async fn caseload(app: &TestApp, staff: &reqwest::Client) -> String {
    caseload_filtered(app, staff, "").await
}

/// The caseload with the roster's filters in the address (`namn=…&steg=…&mina=1`).
async fn caseload_filtered(app: &TestApp, staff: &reqwest::Client, query: &str) -> String {
    let response = staff.get(app.url(&format!("/personal?{query}"))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    visible_text(&response.text().await.unwrap())
}

async fn record_date(app: &TestApp, staff: &reqwest::Client, p: i64, kind: &str, starts_on: NaiveDate) -> String {
    let form = [("participant_id", p.to_string()), ("kind", kind.to_owned()), ("starts_on", starts_on.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(staff, "record_transition_date", &form).await;
    location(&response)
}

/// Two active participants of the first unit, and a staff member of it.
async fn two_of_a_unit(app: &TestApp) -> (i64, i64, reqwest::Client) {
    let p = app.participant_in_unit(1, 1).await;
    let q = app.participant_in_unit(1, 2).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    (p, q, staff)
}

async fn each_clock_is_on_att_gora_two_weeks_ahead(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (p, q, staff) = two_of_a_unit(&app).await;
    app.execute("DELETE FROM transition_dates").await;
    let name = |id: i64| {
        let app = &app;
        async move { app.scalar_text(&format!("SELECT name FROM participants WHERE id = {id}")).await }
    };
    let (p_name, q_name) = (name(p).await, name(q).await);
    let t = today();

    // AF's work training started 23 days ago: the DV place is released in 5 days.
    let back = record_date(&app, &staff, p, "work_training_start", t - Days::new(23)).await;
    assert_eq!(back, format!("/personal/deltagare/{p}/overgang"));
    let page = caseload(&app, &staff).await;
    assert!(page.contains(&format!("{p_name}: DV-platsen släpps om 5 dagar ({})", day(t + Days::new(5)))), "{page}");
    // The to-do follows the roster's filters: the participant's own step keeps it, another step hides it.
    let step = app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {p}")).await;
    let other = if step == "group_activity" { "individual_placement" } else { "group_activity" };
    let line = format!("{p_name}: DV-platsen släpps");
    assert!(caseload_filtered(&app, &staff, &format!("steg={step}")).await.contains(&line));
    assert!(!caseload_filtered(&app, &staff, &format!("steg={other}")).await.contains(&line));

    // The handover ends in 15 days: not yet. Moved to 14 days: listed, and the
    // earlier date is kept in revisions.
    record_date(&app, &staff, q, "handover_end", t + Days::new(15)).await;
    assert!(!caseload(&app, &staff).await.contains("Överlämningen slutar"));
    record_date(&app, &staff, q, "handover_end", t + Days::new(14)).await;
    let page = caseload(&app, &staff).await;
    assert!(page.contains(&format!("{q_name}: Överlämningen slutar {}.", day(t + Days::new(14)))), "{page}");
    let kept = app
        .scalar_text(&format!(
            "SELECT old_value FROM revisions WHERE record_kind = 'transition_date'
              AND record_id = (SELECT id FROM transition_dates WHERE participant_id = {q})"
        ))
        .await;
    assert!(kept.contains(&(t + Days::new(15)).to_string()), "{kept}");
    assert_eq!(
        app.audit_count(&format!("action = 'change' AND record_kind = 'ladder' AND subject_participant_id = {q}"))
            .await,
        2
    );

    // The resting decision ends three months after it began.
    let from = t.checked_sub_months(Months::new(3)).unwrap() + Days::new(10);
    record_date(&app, &staff, q, "resting_decision", from).await;
    let until = from.checked_add_months(Months::new(3)).unwrap();
    let page = caseload(&app, &staff).await;
    let line = format!("{q_name}: Vilande DV upphör {} — återgång utan ny ansökan fram till dess.", day(until));
    assert!(page.contains(&line), "{page}");

    // The ASF measure starts in 3 days: DV ends by law that day.
    record_date(&app, &staff, p, "asf_measure_start", t + Days::new(3)).await;
    assert!(
        caseload(&app, &staff)
            .await
            .contains(&format!("{p_name}: Arbetsmarknadsinsatsen börjar {}", day(t + Days::new(3))))
    );

    // Förlängt stöd: twelve months from the employment.
    let employed = t.checked_sub_months(Months::new(12)).unwrap() + Days::new(7);
    let ends = employed.checked_add_months(Months::new(12)).unwrap();
    app.execute(&format!(
        "INSERT INTO extended_support (participant_id, employer, starts_on, ends_on, consent_id, created_at)
         VALUES ({p}, 'Kaféet', '{employed}', '{ends}', (SELECT min(id) FROM consents WHERE participant_id = {p}), '{t}T08:00:00Z')"
    ))
    .await;
    assert!(caseload(&app, &staff).await.contains(&format!("{p_name}: Förlängt stöd slutar {}.", day(ends))));

    // Bad input: an end for anything but FSF's support, a day that is none.
    let bad = [
        ("participant_id", p.to_string()),
        ("kind", "handover_end".into()),
        ("starts_on", t.to_string()),
        ("ends_on", t.to_string()),
    ];
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "record_transition_date", &bad).await;
    let html = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("field-ends_on-error") && html.contains("Bara FSF:s stöd har ett eget slutdatum."), "{html}");
    let response = app
        .post_form(
            &staff,
            "record_transition_date",
            &[("participant_id", &p.to_string()), ("kind", "x"), ("starts_on", "igår")],
        )
        .await;
    let html = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("field-kind-error") && html.contains("field-starts_on-error"));
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM transition_dates WHERE participant_id = {p}")).await, 2);
}

async fn a_return_while_the_decision_rests_needs_no_application(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The demo has someone whose DV ended after the handover: the decision rests.
    let p = app
        .scalar_i64("SELECT participant_id FROM transition_dates WHERE kind = 'resting_decision' ORDER BY id LIMIT 1")
        .await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let transition: serde_json::Value =
        app.call(&staff, "record_transition", &[("participant_id", &p.to_string())]).await.json().await.unwrap();
    let until: NaiveDate = transition["may_return_until"].as_str().expect("the decision rests").parse().unwrap();
    assert!(until >= today(), "the demo's resting decision still runs");
    let from = transition["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"]["kind"] == "resting_decision")
        .unwrap()["date"]["starts_on"]
        .as_str()
        .unwrap()
        .parse::<NaiveDate>()
        .unwrap();
    assert_eq!(from.checked_add_months(Months::new(3)), Some(until), "three months");

    // The participant reads, in easy words, that they can come back until then.
    let participant = app.participant_client(p).await;
    let stegen = |c: reqwest::Client| {
        let app = &app;
        async move { visible_text(&c.get(app.url("/stegen")).send().await.unwrap().text().await.unwrap()) }
    };
    let page = stegen(participant.clone()).await;
    assert!(page.contains("Du kan komma tillbaka utan att söka igen."), "{page}");
    assert!(page.contains(&format!("{} {} {}", until.day(), MONTHS[until.month0() as usize], until.year())), "{page}");

    let html =
        staff.get(app.url(&format!("/personal/deltagare/{p}/overgang"))).send().await.unwrap().text().await.unwrap();
    assert!(visible_text(&html).contains(&format!("utan ny ansökan till och med {until}")), "{html}");
    let response = app
        .post_form(&staff, "return_to_dv", &[("participant_id", &p.to_string()), ("on", &today().to_string())])
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/overgang"));
    let row = app
        .scalar_text(&format!(
            "SELECT ladder_step || ',' || CASE WHEN discharged_on IS NULL THEN 'in DV' ELSE 'discharged' END
             FROM participants WHERE id = {p}"
        ))
        .await;
    assert_eq!(row, "back_to_dv,in DV");
    let closed_today = format!(
        "SELECT count(*) FROM transition_dates
          WHERE participant_id = {p} AND kind = 'resting_decision' AND closed_on = '{}'",
        today()
    );
    assert_eq!(app.scalar_i64(&closed_today).await, 1);
    let kept = app.scalar_i64("SELECT count(*) FROM revisions WHERE record_kind = 'transition_date'").await;
    assert!(kept >= 1, "the resting decision as it was is kept in revisions");
    let note = app
        .scalar_text(&format!("SELECT note FROM ladder_moves WHERE participant_id = {p} ORDER BY id DESC LIMIT 1"))
        .await;
    assert_eq!(note, "Återgång inom vilotiden, utan ny ansökan");
    assert!(!stegen(participant).await.contains("utan att söka igen"), "the decision no longer rests");

    // Discharged while the decision rests (the participant first said no), then
    // back within the three months: the discharge is undone, kept in
    // revisions, and the participant can sign in again with a new code.
    let r = app.participant_in_unit(1, 4).await;
    let staff = app.staff_client(&app.staff_email_for_participant(r).await).await;
    record_date(&app, &staff, r, "resting_decision", today()).await;
    let discharge =
        [("participant_id", r.to_string()), ("on", today().to_string()), ("outcome", "enhanced_collaboration".into())];
    let discharge: Vec<(&str, &str)> = discharge.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(&staff, "discharge", &discharge).await;
    let closed = format!("SELECT count(*) FROM accounts WHERE participant_id = {r} AND disabled_at IS NOT NULL");
    assert_eq!(app.scalar_i64(&closed).await, 1, "a discharge closes the account");
    let audited_before = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM audit_log WHERE subject_participant_id = {r} AND record_kind = 'access' AND action = 'change'"
        ))
        .await;
    let response = app
        .post_form(&staff, "return_to_dv", &[("participant_id", &r.to_string()), ("on", &today().to_string())])
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{r}/overgang"));
    assert_eq!(app.scalar_i64(&closed).await, 0, "the return opens the account again");
    let discharged = format!("SELECT count(*) FROM participants WHERE id = {r} AND discharged_on IS NOT NULL");
    assert_eq!(app.scalar_i64(&discharged).await, 0);
    let kept =
        format!("SELECT count(*) FROM revisions WHERE record_kind = 'participant_discharge' AND record_id = {r}");
    assert!(app.scalar_i64(&kept).await >= 2, "the discharge and its undoing are kept in revisions");
    let audited = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM audit_log WHERE subject_participant_id = {r} AND record_kind = 'access' AND action = 'change'"
        ))
        .await;
    assert_eq!(audited, audited_before + 1, "opening the account again is audited");
    let back = app.participant_client(r).await;
    assert_eq!(back.get(app.url("/stegen")).send().await.unwrap().status(), StatusCode::OK);

    // A decision that rested more than three months ago: a new application is needed.
    let q = app.participant_in_unit(1, 3).await;
    let long_ago = today().checked_sub_months(Months::new(4)).unwrap();
    app.execute(&format!(
        "INSERT INTO transition_dates (participant_id, kind, starts_on, note, recorded_at)
         VALUES ({q}, 'resting_decision', '{long_ago}', '', '{long_ago}T08:00:00Z')"
    ))
    .await;
    let step_before = app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {q}")).await;
    let staff = app.staff_client(&app.staff_email_for_participant(q).await).await;
    let response = app
        .post_form(&staff, "return_to_dv", &[("participant_id", &q.to_string()), ("on", &today().to_string())])
        .await;
    assert_eq!(location(&response), format!("/personal/deltagare/{q}/overgang"));
    let html = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    let until = long_ago.checked_add_months(Months::new(3)).unwrap();
    assert!(visible_text(&html).contains(&format!("Vilotiden gick ut {until}. Deltagaren behöver söka")), "{html}");
    assert_eq!(app.scalar_text(&format!("SELECT ladder_step FROM participants WHERE id = {q}")).await, step_before);
}

on_both_backends!(each_clock_is_on_att_gora_two_weeks_ahead, a_return_while_the_decision_rests_needs_no_application);
