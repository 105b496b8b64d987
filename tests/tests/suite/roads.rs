//! Two roads to work (issue 12): the AF/FK road and the ASF road of the 2025
//! model. The road follows the benefit until staff choose; the participant's
//! Stegen shows their own road only; a change is audited and kept in revisions.

use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends, visible_text};
use serde_json::Value;

/// The ASF road's first step and the AF/FK road's GK, as the participant reads them.
const ASF_FIRST: &str = "Du träffar kommunen och pratar om arbete.";
const AF_FK_GK: &str = "Du har möten om jobb med fler.";

async fn stegen(app: &TestApp, client: &reqwest::Client) -> String {
    let response = client.get(app.url("/stegen")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    visible_text(&response.text().await.unwrap())
}

async fn a_participant_on_social_assistance_sees_the_asf_road(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The demo data's roads followed the benefit: försörjningsstöd is the ASF road.
    let mismatched = app
        .scalar_i64(
            "SELECT count(*) FROM participants WHERE benefit_kind = 'social_assistance' AND road <> 'asf'
               AND ladder_step NOT IN ('joint_assessment', 'enhanced_collaboration')",
        )
        .await;
    assert_eq!(mismatched, 0);
    let p = app
        .scalar_i64(
            "SELECT id FROM participants WHERE benefit_kind = 'social_assistance' AND ladder_step = 'group_activity'
               AND discharged_on IS NULL ORDER BY id LIMIT 1",
        )
        .await;
    let participant = app.participant_client(p).await;
    let page = stegen(&app, &participant).await;
    assert!(page.contains(ASF_FIRST), "the ASF road's next step: {page}");
    assert!(!page.contains(AF_FK_GK), "not the AF/FK road's GK: {page}");
    let ladder: Value = app.call(&participant, "ladder", &[]).await.json().await.unwrap();
    assert_eq!(ladder["way"]["road"], "asf");

    // Someone on activity compensation is on the AF/FK road, GK next.
    let q = app
        .scalar_i64(
            "SELECT id FROM participants WHERE benefit_kind = 'activity_compensation' AND ladder_step = 'individual_placement'
               AND discharged_on IS NULL ORDER BY id LIMIT 1",
        )
        .await;
    let page = stegen(&app, &app.participant_client(q).await).await;
    assert!(page.contains(AF_FK_GK) && !page.contains(ASF_FIRST), "{page}");
}

async fn staff_change_the_road_and_it_is_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app
        .scalar_i64(
            "SELECT id FROM participants WHERE benefit_kind = 'sickness_compensation' AND ladder_step = 'group_activity'
               AND discharged_on IS NULL ORDER BY id LIMIT 1",
        )
        .await;
    assert_eq!(app.scalar_text(&format!("SELECT road FROM participants WHERE id = {p}")).await, "af_fk");
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let id = p.to_string();
    let changes_before = app.audit_count(&format!("action = 'change' AND subject_participant_id = {p}")).await;

    let response = app.post_form(&staff, "change_road", &[("participant_id", &id), ("road", "asf")]).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));
    assert_eq!(app.scalar_text(&format!("SELECT road FROM participants WHERE id = {p}")).await, "asf");
    let kept = app
        .scalar_text(&format!(
            "SELECT old_value FROM revisions WHERE record_kind = 'participant_road' AND record_id = {p}"
        ))
        .await;
    assert_eq!(kept, r#"{"road":"af_fk"}"#);
    assert_eq!(
        app.audit_count(&format!("action = 'change' AND record_kind = 'ladder' AND subject_participant_id = {p}"))
            .await,
        1
    );
    assert!(app.audit_count(&format!("action = 'change' AND subject_participant_id = {p}")).await > changes_before);

    // With FK benefit on the ASF road: AF/FK's collaboration first, then ASF.
    let participant = app.participant_client(p).await;
    let ladder: Value = app.call(&participant, "ladder", &[]).await.json().await.unwrap();
    assert_eq!(ladder["way"], serde_json::json!({ "road": "asf", "fk_benefit": true }));
    let page = stegen(&app, &participant).await;
    assert!(page.contains(AF_FK_GK), "the GK is still ahead: {page}");
    assert!(page.contains("Ni tar reda på hur mycket du kan arbeta."), "{page}");
    assert!(page.contains(ASF_FIRST), "{page}");
    // The staff page says which road.
    let html = staff.get(app.url(&format!("/personal/deltagare/{p}/steg"))).send().await.unwrap().text().await.unwrap();
    assert!(visible_text(&html).contains("Går via: Kommunens arbetsmarknadsavdelning (ASF)."));

    // The same road again writes nothing.
    app.post_form(&staff, "change_road", &[("participant_id", &id), ("road", "asf")]).await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM revisions WHERE record_kind = 'participant_road' AND record_id = {p}"
        ))
        .await,
        1
    );
    // A road that is none: named next to the field, nothing changed.
    let response = app.post_form(&staff, "change_road", &[("participant_id", &id), ("road", "motorväg")]).await;
    let page = staff.get(app.url(&location(&response))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("field-road-error") && page.contains("Välj en väg i listan."), "{page}");
    assert_eq!(app.scalar_text(&format!("SELECT road FROM participants WHERE id = {p}")).await, "asf");
    // A participant cannot choose their own road.
    let response = app.call(&participant, "change_road", &[("participant_id", &id), ("road", "af_fk")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.scalar_text(&format!("SELECT road FROM participants WHERE id = {p}")).await, "asf");
}

/// Each step on the record links to the manual's explanation of it (purpose,
/// who calls the meeting, which consent), and the manual has one for every step.
async fn each_step_on_the_record_links_to_the_manual(backend: Backend) {
    use app::domain::LadderStep;
    let app = TestApp::spawn(backend).await;
    let p = app
        .scalar_i64(
            "SELECT id FROM participants WHERE road = 'asf' AND ladder_step = 'case_raised_with_asf'
               AND benefit_kind = 'social_assistance' AND discharged_on IS NULL ORDER BY id LIMIT 1",
        )
        .await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let steps = staff.get(app.url(&format!("/personal/deltagare/{p}/steg"))).send().await.unwrap();
    assert_eq!(steps.status(), StatusCode::OK);
    let html = steps.text().await.unwrap();
    // The step they stand on, and the ones their road offers next.
    for step in ["case_raised_with_asf", "joint_planning_asf"] {
        assert!(html.contains(&format!("href=\"/personal/handbok#steg-{step}\"")), "{step} links to the manual");
    }
    let overview = staff.get(app.url(&format!("/personal/deltagare/{p}"))).send().await.unwrap().text().await.unwrap();
    assert!(overview.contains("href=\"/personal/handbok#steg-case_raised_with_asf\""), "the overview links too");

    let manual = staff.get(app.url("/personal/handbok")).send().await.unwrap();
    assert_eq!(manual.status(), StatusCode::OK);
    let html = manual.text().await.unwrap();
    let text = visible_text(&html);
    for &step in LadderStep::ALL {
        assert!(html.contains(&format!("id=\"steg-{}\"", step.as_str())), "{step:?} has a section");
        let guide = app::texts::manual::step_guide(step);
        for part in [guide.purpose, guide.who_calls, guide.consent] {
            assert!(text.contains(part), "{step:?}: {part}");
        }
    }
    // The manual is staff text: a participant is refused it, on record.
    let participant = app.participant_client(p).await;
    let response = app.call(&participant, "manual", &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("record_kind = 'manual' AND outcome = 'denied'").await, 1);
    assert_eq!(app.audit_count("record_kind = 'manual' AND outcome = 'allowed'").await, 0, "reading it names no one");
}

on_both_backends!(
    a_participant_on_social_assistance_sees_the_asf_road,
    staff_change_the_road_and_it_is_kept,
    each_step_on_the_record_links_to_the_manual
);
