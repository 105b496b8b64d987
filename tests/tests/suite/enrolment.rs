//! The programme never overbooks: 200 enrolments at once into a round with 6
//! seats give exactly 6 enrolled and 194 on the waiting list, on both databases.

use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};

async fn two_hundred_at_once_into_six_seats(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let unit = app.scalar_i64("SELECT id FROM units ORDER BY id LIMIT 1").await;
    let now = match backend {
        Backend::Sqlite => "'2026-01-01T00:00:00+00:00'",
        Backend::Postgres => "TIMESTAMPTZ '2026-01-01 00:00:00+00'",
    };
    let today = match backend {
        Backend::Sqlite => "'2026-01-01'",
        Backend::Postgres => "DATE '2026-01-01'",
    };
    app.execute(&format!(
        "INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, starts_on, created_at)
         VALUES ({unit}, 'Testomgång', 'group', 6, 0, 'Rum 1', {today}, {now})"
    ))
    .await;
    let round = app.scalar_i64("SELECT max(id) FROM programme_rounds").await;
    // 200 invented people in the unit.
    for i in 0..200 {
        app.execute(&format!(
            "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, road, dv_form, hours_per_week,
                 ladder_step, entered_on, created_at)
             VALUES ({unit}, 'Testperson {i}', 'Test', 'none', 'af_fk', 'group', 20, 'group_activity', {today}, {now})"
        ))
        .await;
    }
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        let last = app.scalar_i64("SELECT max(id) FROM participants").await;
        for id in (last - 199)..=last {
            ids.push(id);
        }
        ids
    };
    let staff = app.staff_client(&app.staff_email_for_participant(ids[0]).await).await;
    let round_id = round.to_string();
    let forms: Vec<[(&str, String); 2]> =
        ids.iter().map(|id| [("round_id", round_id.clone()), ("participant_id", id.to_string())]).collect();
    let requests = forms.iter().map(|form| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let staff = staff.clone();
        let app = &app;
        async move { app.call(&staff, "enrol_participant", &form).await.status() }
    });
    let statuses = futures::future::join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "no error page: {statuses:?}");

    let count =
        |status: &str| format!("SELECT count(*) FROM enrolments WHERE round_id = {round} AND status = '{status}'");
    assert_eq!(app.scalar_i64(&count("enrolled")).await, 6);
    assert_eq!(app.scalar_i64(&count("waiting")).await, 194);
    assert_eq!(app.scalar_i64(&format!("SELECT enrolled FROM programme_rounds WHERE id = {round}")).await, 6);
    // Waiting positions are 1..=194, each once.
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(DISTINCT waiting_position) FROM enrolments WHERE round_id = {round} AND status = 'waiting'"
        ))
        .await,
        194
    );
    assert_eq!(
        app.scalar_i64(&format!("SELECT max(waiting_position) FROM enrolments WHERE round_id = {round}")).await,
        194
    );
    // The same person again: no duplicate.
    let again = app
        .call(&staff, "enrol_participant", &[("round_id", &round_id), ("participant_id", &ids[0].to_string())])
        .await;
    assert_eq!(again.json::<serde_json::Value>().await.unwrap(), "AlreadyThere");
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM enrolments WHERE round_id = {round}")).await, 200);
}

async fn staff_enrol_only_their_units_people_into_their_units_rounds(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let own = app.participant_in_unit(1, 0).await;
    let other = app.participant_in_unit(2, 0).await;
    let other_round =
        app.scalar_i64("SELECT max(id) FROM programme_rounds WHERE unit_id = (SELECT max(id) FROM units)").await;
    let staff = app.staff_client(&app.staff_email_for_participant(own).await).await;
    let response = app
        .call(
            &staff,
            "enrol_participant",
            &[("round_id", &other_round.to_string()), ("participant_id", &own.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "another unit's round");
    let own_round =
        app.scalar_i64("SELECT min(id) FROM programme_rounds WHERE unit_id = (SELECT min(id) FROM units)").await;
    let response = app
        .call(
            &staff,
            "enrol_participant",
            &[("round_id", &own_round.to_string()), ("participant_id", &other.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "another unit's participant");
    assert_eq!(app.audit_count("outcome = 'denied' AND record_kind IN ('programme', 'programme_round')").await, 2);
}

on_both_backends!(two_hundred_at_once_into_six_seats, staff_enrol_only_their_units_people_into_their_units_rounds);
