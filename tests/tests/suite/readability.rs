//! Every participant page, rendered with demo data, reads easily: LIX ≤ 30.

use app::texts::lix::lix;
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, visible_text};

/// Participant pages, as paths; `{meeting}` is the participant's next meeting.
const PAGES: &[&str] = &["/", "/min-plan", "/moten", "/moten/{meeting}", "/kontakter", "/stegen", "/programmet", "/om"];
const MAX_LIX: f64 = 30.0;

async fn participant_pages_read_easily(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut worst = 0.0_f64;
    // One participant on every step of the ladder (including the discharged).
    let mut participants = Vec::new();
    for step in [
        "group_activity",
        "work_prep_programme",
        "individual_placement",
        "joint_assessment",
        "enhanced_collaboration",
        "employment",
        "studies",
        "back_to_dv",
    ] {
        participants
            .push(app.scalar_i64(&format!("SELECT min(id) FROM participants WHERE ladder_step = '{step}'")).await);
    }
    for participant in participants {
        let phone = app.participant_client(participant).await;
        let meeting = app
            .scalar_i64(&format!("SELECT COALESCE(max(id), 0) FROM meetings WHERE participant_id = {participant}"))
            .await;
        for page in PAGES {
            if page.contains("{meeting}") && meeting == 0 {
                continue;
            }
            let path = page.replace("{meeting}", &meeting.to_string());
            let response = phone.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let text = visible_text(&response.text().await.unwrap());
            let score = lix(&text);
            println!("LIX {score:5.1}  {path}  (participant {participant})");
            assert!(score <= MAX_LIX, "{path} for participant {participant}: LIX {score:.1}\n{text}");
            worst = worst.max(score);
        }
    }
    println!("highest LIX: {worst:.1}");
}

#[test]
fn visible_text_keeps_blocks_apart_and_drops_scripts() {
    let html = "<html><main><h1>Hej Elin!</h1><p>Du har <b>ett</b> möte.</p><script>var x;</script>\
                <a href=\"/\">Ring</a></main></html>";
    assert_eq!(visible_text(html), "Hej Elin!\nDu har  ett  möte.\nRing");
}

on_both_backends!(participant_pages_read_easily);
