//! Several server instances on one PostgreSQL, as a large municipality runs
//! them behind a load balancer: sessions live in the database, so a person
//! signed in on one is signed in on all; seats are counted in the database, so
//! sign-ups spread over the instances never overbook.

use mina_steg_tests::{Backend, StatusCode, TestApp, location};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_on_one_instance_is_signed_in_on_all() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let others = [app.another_instance(|s| s.demo = true).await, app.another_instance(|s| s.demo = true).await];
    let participant = app.participant_in_unit(1, 0).await;
    let name = app.scalar_text(&format!("SELECT preferred_name FROM participants WHERE id = {participant}")).await;
    // Signed in on the first instance; the cookie is the browser's, whichever
    // instance the load balancer picks next.
    let client = app.participant_client(participant).await;
    for base in &others {
        let page = client.get(format!("{base}/")).send().await.expect("page");
        assert_eq!(page.status(), StatusCode::OK, "signed in on {base}");
        assert!(page.text().await.expect("html").contains(&name), "the participant's own start page on {base}");
    }
    // Signed out on the second: signed out on all.
    let out = client.post(format!("{}/api/sign_out", others[0])).header("accept", "text/html").send().await;
    assert!(out.expect("sign out").status().is_redirection());
    for base in [app.base.clone(), others[1].clone()] {
        let page = client.get(format!("{base}/")).send().await.expect("page");
        assert!(location(&page).starts_with("/logga-in"), "signed out on {base} too");
    }
}

/// 500 sign-ups at once for a round with 6 seats, spread over three instances:
/// exactly 6 enrolled, 494 waiting in a gap-free order, every request answered.
/// (How long they take is measured by `tests/bench`, in a release build; this
/// prints what a debug build took.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_sign_ups_over_three_instances_fill_six_seats() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let bases = [app.base.clone(), app.another_instance(|_| {}).await, app.another_instance(|_| {}).await];
    let unit = app.scalar_i64("SELECT id FROM units ORDER BY id LIMIT 1").await;
    app.execute(&format!(
        "INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, starts_on, created_at)
         VALUES ({unit}, 'Testomgång', 'group', 6, 0, 'Rum 1', DATE '2026-01-01', TIMESTAMPTZ '2026-01-01 00:00:00+00')"
    ))
    .await;
    let round = app.scalar_i64("SELECT max(id) FROM programme_rounds").await;
    app.execute(&format!(
        "INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, road, dv_form, hours_per_week,
             ladder_step, entered_on, created_at)
         SELECT {unit}, 'Testperson ' || i, 'Test', 'none', 'af_fk', 'group', 20, 'group_activity', DATE '2026-01-01',
                TIMESTAMPTZ '2026-01-01 00:00:00+00'
           FROM generate_series(1, 500) AS i"
    ))
    .await;
    let last = app.scalar_i64("SELECT max(id) FROM participants").await;
    let ids: Vec<i64> = ((last - 499)..=last).collect();
    let staff = app.staff_client(&app.staff_email_for_participant(ids[0]).await).await;

    let requests = ids.iter().enumerate().map(|(i, id)| {
        let url = format!("{}/api/enrol_participant", bases[i % bases.len()]);
        let form = [("round_id", round.to_string()), ("participant_id", id.to_string())];
        let staff = staff.clone();
        async move {
            let started = Instant::now();
            let status =
                staff.post(url).header("accept", "application/json").form(&form).send().await.map(|r| r.status());
            (status, started.elapsed())
        }
    });
    let answers = futures::future::join_all(requests).await;
    let slowest = answers.iter().map(|(_, took)| *took).max().unwrap_or(Duration::ZERO);
    println!("500 sign-ups over 3 instances (debug build): slowest answer {} ms", slowest.as_millis());
    for (status, _) in &answers {
        assert_eq!(status.as_ref().ok(), Some(&StatusCode::OK), "every sign-up answered: {status:?}");
    }
    let count =
        |status: &str| format!("SELECT count(*) FROM enrolments WHERE round_id = {round} AND status = '{status}'");
    assert_eq!(app.scalar_i64(&count("enrolled")).await, 6);
    assert_eq!(app.scalar_i64(&count("waiting")).await, 494);
    assert_eq!(app.scalar_i64(&format!("SELECT enrolled FROM programme_rounds WHERE id = {round}")).await, 6);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(DISTINCT waiting_position) FROM enrolments WHERE round_id = {round} AND status = 'waiting'"
        ))
        .await,
        494
    );
    assert_eq!(
        app.scalar_i64(&format!("SELECT max(waiting_position) FROM enrolments WHERE round_id = {round}")).await,
        494
    );
    // Three instances wrote the audit log at once: one chain, whole.
    let report = app.access.verify_audit_chain(None).await.expect("verify");
    assert!(report.is_intact(), "{}", report.summary());
}
