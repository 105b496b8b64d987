//! The programme as staff run it: rounds with weekly sessions, enrolment,
//! leaving and the offer to the first in line, capacity, attendance and the
//! interest queue; each through the real HTTP endpoints, on both databases.

use chrono::{DateTime, Utc};
use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};
use serde_json::Value;

/// Staff of unit 1, and unit 1's first active participants.
async fn staff_and_people(app: &TestApp, n: i64) -> (reqwest::Client, Vec<i64>) {
    let mut people = Vec::new();
    for i in 0..n {
        people.push(app.participant_in_unit(1, i).await);
    }
    let staff = app.staff_client(&app.staff_email_for_participant(people[0]).await).await;
    (staff, people)
}

/// Creates a round through the form; returns its id.
async fn create_round(app: &TestApp, staff: &reqwest::Client, capacity: &str, first_date: &str) -> i64 {
    let form = [
        ("name", "Testomgången"),
        ("form", "group"),
        ("place", "Verkstaden, rum 2"),
        ("responsible", ""),
        ("capacity", capacity),
        ("first_date", first_date),
        ("start_time", "13:00"),
        ("minutes", "90"),
        ("count", "5"),
    ];
    let response = app.post_form(staff, "create_round", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let to = location(&response);
    to.strip_prefix("/personal/programmet/omgang/").and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("{to}"))
}

async fn round(app: &TestApp, staff: &reqwest::Client, id: i64) -> Value {
    let response = app.call(staff, "round", &[("round_id", &id.to_string())]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn act(app: &TestApp, staff: &reqwest::Client, endpoint: &str, round: i64, person: i64) -> reqwest::Response {
    app.call(staff, endpoint, &[("round_id", &round.to_string()), ("participant_id", &person.to_string())]).await
}

fn names(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|p| p["participant_id"].as_i64().unwrap()).collect()
}

async fn a_round_gets_weekly_sessions_at_the_same_swedish_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, _) = staff_and_people(&app, 1).await;
    // Summer time starts on 29 March 2026, between sessions 2 and 3.
    let id = create_round(&app, &staff, "6", "2026-03-17").await;
    let detail = round(&app, &staff, id).await;
    assert_eq!(detail["round"]["capacity"], 6);
    let starts: Vec<DateTime<Utc>> = detail["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap().parse().unwrap())
        .collect();
    let utc: Vec<String> = starts.iter().map(|t| t.format("%Y-%m-%d %H:%M").to_string()).collect();
    assert_eq!(
        utc,
        ["2026-03-17 12:00", "2026-03-24 12:00", "2026-03-31 11:00", "2026-04-07 11:00", "2026-04-14 11:00"]
    );
    // The page shows them in Swedish time.
    let page = staff.get(app.url(&format!("/personal/programmet/omgang/{id}"))).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("Omgången är skapad."), "notice after the form");
    assert!(page.contains("2026-03-31 13:00–14:30"), "13:00 after the change to summer time");
    assert_eq!(app.audit_count("record_kind = 'programme_round' AND action = 'create'").await, 1);
}

async fn bad_round_input_is_named_and_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, _) = staff_and_people(&app, 1).await;
    let before = app.scalar_i64("SELECT count(*) FROM programme_rounds").await;
    let form = [
        ("name", "Vårens grupp"),
        ("form", "group"),
        ("place", ""),
        ("capacity", "21"),
        ("first_date", "2026-03-29"),
        ("start_time", "02:30"),
        ("minutes", "90"),
        ("count", "5"),
    ];
    let response = app.post_form(&staff, "create_round", &form).await;
    assert_eq!(location(&response), "/personal/programmet/ny-omgang");
    let page = staff.get(app.url("/personal/programmet/ny-omgang")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("value=\"Vårens grupp\""), "typed name stays");
    assert!(page.contains("Antal platser ska vara mellan 1 och 20."));
    assert!(page.contains("field-place-error"));
    // 02:30 on the night summer time starts does not exist.
    assert!(page.contains("Den tiden finns inte den dagen"), "{page}");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM programme_rounds").await, before, "nothing saved");
}

async fn enrol_leave_and_offer_the_seat_to_the_first_in_line(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 4).await;
    let id = create_round(&app, &staff, "2", "2030-02-05").await;
    for &person in &p[..3] {
        assert_eq!(act(&app, &staff, "enrol_participant", id, person).await.status(), StatusCode::OK);
    }
    let detail = round(&app, &staff, id).await;
    assert_eq!(names(&detail["enrolled"]), [p[0], p[1]].to_vec().tap_sort());
    assert_eq!(names(&detail["waiting"]), [p[2]]);
    assert_eq!(detail["waiting"][0]["position"], 1);

    // The enrolled see the five sessions as meetings in their app.
    let sessions_of = |person: i64, status: &str| {
        format!(
            "SELECT count(*) FROM meetings WHERE participant_id = {person} AND status = '{status}'
               AND programme_session_id IN (SELECT id FROM programme_sessions WHERE round_id = {id})"
        )
    };
    assert_eq!(app.scalar_i64(&sessions_of(p[0], "planned")).await, 5);
    assert_eq!(app.scalar_i64(&sessions_of(p[2], "planned")).await, 0, "waiting: no sessions yet");
    let participant = app.participant_client(p[0]).await;
    let meetings = participant.get(app.url("/moten")).send().await.unwrap().text().await.unwrap();
    assert!(meetings.matches("<p>Träff i gruppen om jobb</p>").count() >= 5, "the sessions in Mina möten");
    let first = app.scalar_i64(&format!("SELECT min(id) FROM meetings WHERE participant_id = {} AND programme_session_id IN (SELECT id FROM programme_sessions WHERE round_id = {id})", p[0])).await;
    let page = participant.get(app.url(&format!("/moten/{first}"))).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Arbetslivet") && page.contains("Verkstaden, rum 2"),
        "theme and place on the meeting page: {}",
        mina_steg_tests::visible_text(&page)
    );

    // Someone leaves: their sessions are cancelled, and the seat is offered to the first in line.
    assert_eq!(act(&app, &staff, "withdraw_participant", id, p[0]).await.status(), StatusCode::OK);
    assert_eq!(app.scalar_i64(&sessions_of(p[0], "cancelled")).await, 5);
    let page = staff.get(app.url(&format!("/personal/programmet/omgang/{id}"))).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("En plats är ledig"));
    // Only the first in line can be given the seat.
    assert_eq!(act(&app, &staff, "give_seat", id, p[3]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(act(&app, &staff, "give_seat", id, p[2]).await.status(), StatusCode::OK);
    let detail = round(&app, &staff, id).await;
    assert_eq!(detail["round"]["enrolled"], 2);
    assert!(detail["waiting"].as_array().unwrap().is_empty());
    assert_eq!(app.scalar_i64(&sessions_of(p[2], "planned")).await, 5);

    // The one who left can come back: at the end of the line, never a second row.
    let again = act(&app, &staff, "enrol_participant", id, p[0]).await;
    assert_eq!(again.json::<Value>().await.unwrap(), serde_json::json!({ "Waiting": { "position": 1 } }));
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM enrolments WHERE round_id = {id}")).await, 3);
    // Leaving the waiting list moves those behind up.
    act(&app, &staff, "enrol_participant", id, p[3]).await;
    assert_eq!(act(&app, &staff, "withdraw_participant", id, p[0]).await.status(), StatusCode::OK);
    let detail = round(&app, &staff, id).await;
    assert_eq!(names(&detail["waiting"]), [p[3]]);
    assert_eq!(detail["waiting"][0]["position"], 1);
}

trait TapSort {
    fn tap_sort(self) -> Self;
}
impl TapSort for Vec<i64> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

async fn capacity_never_goes_below_the_seats_taken(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 3).await;
    let id = create_round(&app, &staff, "6", "2030-02-05").await;
    for &person in &p {
        act(&app, &staff, "enrol_participant", id, person).await;
    }
    let set = |capacity: &'static str| {
        let staff = staff.clone();
        let app = &app;
        async move {
            app.post_form(&staff, "set_round_capacity", &[("round_id", &id.to_string()), ("capacity", capacity)]).await
        }
    };
    let response = set("2").await;
    assert_eq!(location(&response), format!("/personal/programmet/omgang/{id}"));
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Fler är redan antagna."), "message next to the field");
    assert!(page.contains("value=\"2\""), "the typed value stays");
    assert_eq!(round(&app, &staff, id).await["round"]["capacity"], 6);
    set("3").await;
    assert_eq!(round(&app, &staff, id).await["round"]["capacity"], 3);
    set("0").await;
    assert_eq!(round(&app, &staff, id).await["round"]["capacity"], 3);
}

async fn attendance_for_the_whole_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 3).await;
    let id = create_round(&app, &staff, "6", "2030-02-05").await;
    act(&app, &staff, "enrol_participant", id, p[0]).await;
    act(&app, &staff, "enrol_participant", id, p[1]).await;
    let session = round(&app, &staff, id).await["sessions"][0]["id"].as_i64().unwrap();
    let s = session.to_string();
    let (m0, m1, m2) = (format!("marks[{}]", p[0]), format!("marks[{}]", p[1]), format!("marks[{}]", p[2]));
    let response =
        app.post_form(&staff, "record_attendance", &[("session_id", &s), (&m0, "present"), (&m1, "absent")]).await;
    assert_eq!(location(&response), format!("/personal/programmet/tillfalle/{session}"));
    let mark =
        |person: i64| format!("SELECT mark FROM attendance WHERE session_id = {session} AND participant_id = {person}");
    assert_eq!(app.scalar_text(&mark(p[0])).await, "present");
    assert_eq!(app.scalar_text(&mark(p[1])).await, "absent");
    // A correction keeps the earlier mark.
    app.call(&staff, "record_attendance", &[("session_id", &s), (&m1, "absent_notified")]).await;
    assert_eq!(app.scalar_text(&mark(p[1])).await, "absent_notified");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM revisions WHERE record_kind = 'attendance'").await, 1);
    // Someone not in the round, or a mark that is not one: refused, nothing saved.
    let response = app.call(&staff, "record_attendance", &[("session_id", &s), (&m2, "present")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = app.call(&staff, "record_attendance", &[("session_id", &s), (&m0, "kanske")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM attendance WHERE session_id = {session}")).await, 2);
    // The sheet shows the group with their marks; each mark was audited per person.
    let sheet = app.call(&staff, "attendance_sheet", &[("session_id", &s)]).await.json::<Value>().await.unwrap();
    assert_eq!(sheet["number"], 1);
    assert_eq!(sheet["rows"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.audit_count(&format!(
            "action = 'change' AND record_kind = 'programme' AND record_id = {session} AND outcome = 'allowed'"
        ))
        .await,
        3
    );
    let detail = round(&app, &staff, id).await;
    let first = detail["enrolled"].as_array().unwrap().iter().find(|x| x["participant_id"] == p[0]).unwrap().clone();
    assert_eq!(first["present"], 1);
}

async fn the_interest_queue(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 2).await;
    // Clear the demo queue so this test sees only its own.
    app.execute("UPDATE expressions_of_interest SET handled_at = created_at").await;
    let participant = app.participant_client(p[0]).await;
    assert_eq!(app.post_form(&participant, "express_interest", &[]).await.status(), StatusCode::FOUND);
    let response = app
        .post_form(&staff, "register_interest", &[("participant_id", &p[1].to_string()), ("note", "Frågade i telefon")])
        .await;
    assert_eq!(location(&response), "/personal/programmet");
    let overview = app.call(&staff, "programme_overview", &[]).await.json::<Value>().await.unwrap();
    let queue = overview["queue"].as_array().unwrap();
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0]["participant_id"], p[0]);
    assert_eq!(queue[0]["by"], "Deltagaren själv");
    assert_eq!(queue[1]["note"], "Frågade i telefon");
    // Enrolling handles the interest; dismissing takes someone out without a place.
    let id = create_round(&app, &staff, "6", "2030-02-05").await;
    let detail = round(&app, &staff, id).await;
    assert_eq!(detail["candidates"][0]["id"], p[0], "the interested come first in the list");
    act(&app, &staff, "enrol_participant", id, p[0]).await;
    assert_eq!(app.call(&staff, "dismiss_interest", &[("participant_id", &p[1].to_string())]).await.status(), 200);
    let overview = app.call(&staff, "programme_overview", &[]).await.json::<Value>().await.unwrap();
    assert!(overview["queue"].as_array().unwrap().is_empty());
    // A note that is too long is named, not saved.
    let long = "x".repeat(6000);
    let response =
        app.call(&staff, "register_interest", &[("participant_id", &p[1].to_string()), ("note", &long)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Staff of one unit reach nothing of another unit's programme, through any function.
async fn another_units_programme_is_out_of_reach(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other_person = app.participant_in_unit(2, 0).await;
    let other_staff = app.staff_client(&app.staff_email_for_participant(other_person).await).await;
    let other_round = create_round(&app, &other_staff, "6", "2030-02-05").await;
    act(&app, &other_staff, "enrol_participant", other_round, other_person).await;
    let other_session = round(&app, &other_staff, other_round).await["sessions"][0]["id"].as_i64().unwrap();

    let (staff, own) = staff_and_people(&app, 1).await;
    let (r, s, o, mine) =
        (other_round.to_string(), other_session.to_string(), other_person.to_string(), own[0].to_string());
    let mark = format!("marks[{other_person}]");
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("round", vec![("round_id", &r)]),
        ("set_round_capacity", vec![("round_id", &r), ("capacity", "3")]),
        ("enrol_participant", vec![("round_id", &r), ("participant_id", &mine)]),
        ("enrol_participant", vec![("round_id", &r), ("participant_id", &o)]),
        ("withdraw_participant", vec![("round_id", &r), ("participant_id", &o)]),
        ("give_seat", vec![("round_id", &r), ("participant_id", &o)]),
        ("register_interest", vec![("participant_id", &o), ("note", "")]),
        ("dismiss_interest", vec![("participant_id", &o)]),
        ("attendance_sheet", vec![("session_id", &s)]),
        ("record_attendance", vec![("session_id", &s), (&mark, "present")]),
        (
            "add_round_session",
            vec![
                ("round_id", &r),
                ("date", "2030-02-05"),
                ("start", "10:00"),
                ("end", "11:00"),
                ("theme", "Tema"),
                ("place", "Rum"),
                ("visit", "none"),
            ],
        ),
        (
            "update_session",
            vec![
                ("session_id", &s),
                ("date", "2030-02-05"),
                ("start", "10:00"),
                ("end", "11:00"),
                ("theme", "Tema"),
                ("place", "Rum"),
                ("visit", "none"),
            ],
        ),
    ];
    let denied_before = app.audit_count("outcome = 'denied'").await;
    for (endpoint, form) in &calls {
        let response = app.call(&staff, endpoint, form).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{endpoint} {form:?}");
    }
    assert_eq!(app.audit_count("outcome = 'denied'").await - denied_before, calls.len() as i64, "each refusal audited");
    // And nobody signed in reaches anything.
    let anonymous = app.client();
    for (endpoint, form) in calls.iter().chain([("programme_overview", vec![])].iter()) {
        let response = app.call(&anonymous, endpoint, form).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    // Nothing changed in the other unit's round.
    let detail = round(&app, &other_staff, other_round).await;
    assert_eq!(detail["round"]["capacity"], 6);
    assert_eq!(names(&detail["enrolled"]), [other_person]);
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM attendance WHERE session_id = {other_session}")).await, 0);
}

async fn a_changed_session_moves_the_participants_meetings(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 1).await;
    let id = create_round(&app, &staff, "6", "2030-02-05").await;
    act(&app, &staff, "enrol_participant", id, p[0]).await;
    let session = round(&app, &staff, id).await["sessions"][0]["id"].as_i64().unwrap();
    let meeting = app
        .scalar_i64(&format!(
            "SELECT id FROM meetings WHERE participant_id = {} AND programme_session_id = {session}",
            p[0]
        ))
        .await;
    let participant = app.participant_client(p[0]).await;
    app.post_form(&participant, "answer_meeting", &[("meeting_id", &meeting.to_string()), ("answer", "coming")]).await;
    let form = [
        ("session_id", session.to_string()),
        ("date", "2030-02-06".to_owned()),
        ("start", "10:00".to_owned()),
        ("end", "11:30".to_owned()),
        ("theme", "Besök från Arbetsförmedlingen".to_owned()),
        ("place", "Biblioteket".to_owned()),
        ("visit", "af".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "update_session", &form).await;
    assert_eq!(location(&response), format!("/personal/programmet/omgang/{id}"));
    let s = &round(&app, &staff, id).await["sessions"][0];
    assert_eq!(s["visit"], "af");
    assert_eq!(s["starts_at"], "2030-02-06T09:00:00Z", "10:00 Swedish winter time");
    let card: Value =
        app.call(&participant, "meeting", &[("meeting_id", &meeting.to_string())]).await.json().await.unwrap();
    assert_eq!(card["starts_at"], "2030-02-06T09:00:00Z");
    assert_eq!(card["title"], "Besök från Arbetsförmedlingen");
    assert_eq!(card["place"], "Biblioteket");
    assert_eq!(card["answer"], "none", "a new time asks for a new answer");
    let kept = format!("SELECT old_value FROM revisions WHERE record_kind = 'meeting' AND record_id = {meeting}");
    let kept: Value = serde_json::from_str(&app.scalar_text(&kept).await).unwrap();
    assert_eq!((&kept["answer"], &kept["place"]), (&Value::from("coming"), &Value::from("Verkstaden, rum 2")));

    // A make-up session: those enrolled get it as a meeting too.
    let extra = [
        ("round_id", id.to_string()),
        ("date", "2030-03-20".to_owned()),
        ("start", "13:00".to_owned()),
        ("end", "14:00".to_owned()),
        ("theme", "Extra träff".to_owned()),
        ("place", "Biblioteket".to_owned()),
        ("visit", "none".to_owned()),
    ];
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "add_round_session", &extra).await;
    assert_eq!(location(&response), format!("/personal/programmet/omgang/{id}"));
    assert_eq!(round(&app, &staff, id).await["sessions"].as_array().unwrap().len(), 6);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM meetings WHERE participant_id = {} AND title = 'Extra träff' AND status = 'planned'",
            p[0]
        ))
        .await,
        1
    );
    // A time that does not exist is named, nothing added.
    let bad: Vec<(&str, &str)> =
        extra.iter().map(|&(k, v)| if k == "date" { (k, "2030-02-30") } else { (k, v) }).collect();
    assert_eq!(app.call(&staff, "add_round_session", &bad).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(round(&app, &staff, id).await["sessions"].as_array().unwrap().len(), 6);
}

/// A make-up session adds a meeting and changes nothing else: a session meeting
/// staff cancelled for one participant stays cancelled.
async fn a_make_up_session_leaves_a_cancelled_session_cancelled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 1).await;
    let id = create_round(&app, &staff, "6", "2030-02-05").await;
    act(&app, &staff, "enrol_participant", id, p[0]).await;
    let session_meetings = format!(
        "SELECT id FROM meetings WHERE participant_id = {} AND programme_session_id IN
           (SELECT id FROM programme_sessions WHERE round_id = {id}) ORDER BY starts_at",
        p[0]
    );
    let second = app.scalar_i64(&format!("{session_meetings} LIMIT 1 OFFSET 1")).await;
    let cancel = [("meeting_id", second.to_string()), ("status", "cancelled".to_owned())];
    let cancel: Vec<(&str, &str)> = cancel.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&staff, "set_meeting_status", &cancel).await.status(), StatusCode::OK);

    let extra = [
        ("round_id", id.to_string()),
        ("date", "2030-03-20".to_owned()),
        ("start", "13:00".to_owned()),
        ("end", "14:00".to_owned()),
        ("theme", "Extra träff".to_owned()),
        ("place", "Biblioteket".to_owned()),
        ("visit", "none".to_owned()),
    ];
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "add_round_session", &extra).await;
    assert_eq!(location(&response), format!("/personal/programmet/omgang/{id}"));

    let status = |meeting: i64| format!("SELECT status FROM meetings WHERE id = {meeting}");
    assert_eq!(app.scalar_text(&status(second)).await, "cancelled", "the cancelled session stays cancelled");
    let count = |condition: &str| {
        format!(
            "SELECT count(*) FROM meetings WHERE participant_id = {} AND {condition} AND programme_session_id IN
               (SELECT id FROM programme_sessions WHERE round_id = {id})",
            p[0]
        )
    };
    assert_eq!(app.scalar_i64(&count("title = 'Extra träff' AND status = 'planned'")).await, 1, "the make-up one");
    assert_eq!(app.scalar_i64(&count("status = 'planned'")).await, 5, "four sessions and the make-up one");
    assert_eq!(app.scalar_i64(&count("status = 'cancelled'")).await, 1);
    let kept = format!("SELECT count(*) FROM revisions WHERE record_kind = 'meeting' AND record_id = {second}");
    assert_eq!(app.scalar_i64(&kept).await, 1, "only the cancellation changed it");
}

/// After the last session, staff are prompted to book the follow-up that revises the plan.
async fn after_a_round_the_follow_up_is_prompted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (staff, p) = staff_and_people(&app, 1).await;
    let unit = app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {}", p[0])).await;
    let today = match backend {
        Backend::Sqlite => "'2026-01-01'",
        Backend::Postgres => "DATE '2026-01-01'",
    };
    let now = match backend {
        Backend::Sqlite => "'2026-01-01T00:00:00+00:00'",
        Backend::Postgres => "TIMESTAMPTZ '2026-01-01 00:00:00+00'",
    };
    // Someone new, with no meetings yet.
    app.execute(&format!(
        "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, road, dv_form, hours_per_week,
             ladder_step, entered_on, created_at)
         VALUES ({unit}, 'Testperson Ny', 'Test', 'none', 'af_fk', 'group', 20, 'work_prep_programme', {today}, {now})"
    ))
    .await;
    let new = app.scalar_i64("SELECT max(id) FROM participants").await;
    let id = create_round(&app, &staff, "6", "2025-09-02").await;
    act(&app, &staff, "enrol_participant", id, new).await;
    let due = round(&app, &staff, id).await["follow_up_due"].clone();
    assert_eq!(due, serde_json::json!([{ "id": new, "name": "Testperson Ny" }]));
    let page =
        staff.get(app.url(&format!("/personal/programmet/omgang/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Dags för uppföljning") && page.contains(&format!("/personal/deltagare/{new}/moten")));
    let n = new.to_string();
    let meeting = [
        ("participant_id", n.as_str()),
        ("kind", "joint_planning"),
        ("title", "Vi gör en ny plan"),
        ("date", "2030-01-15"),
        ("start", "10:00"),
        ("end", "11:00"),
        ("place", "Kontoret"),
    ];
    assert_eq!(app.call(&staff, "create_meeting", &meeting).await.status(), StatusCode::OK);
    assert!(round(&app, &staff, id).await["follow_up_due"].as_array().unwrap().is_empty(), "booked: no longer due");
}

on_both_backends!(
    after_a_round_the_follow_up_is_prompted,
    a_changed_session_moves_the_participants_meetings,
    a_make_up_session_leaves_a_cancelled_session_cancelled,
    a_round_gets_weekly_sessions_at_the_same_swedish_time,
    bad_round_input_is_named_and_kept,
    enrol_leave_and_offer_the_seat_to_the_first_in_line,
    capacity_never_goes_below_the_seats_taken,
    attendance_for_the_whole_group,
    the_interest_queue,
    another_units_programme_is_out_of_reach,
);
