//! Every participant page reads easily (LIX ≤ 30) for every kind of viewer:
//! participants in and out of the programme, on every step of the ladder, and
//! relatives who see everything, a little or nothing. Measured on the text in
//! `<main>` of the pages as rendered from the demo data.

use app::texts::lix::lix;
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, visible_text};

/// Participant pages, as paths; `{meeting}` stands for each kind of meeting the participant has.
const PAGES: &[&str] = &[
    "/",
    "/min-plan",
    "/moten",
    "/moten/{meeting}",
    "/kontakter",
    "/stegen",
    "/programmet",
    "/vem-har-tittat",
    "/paminnelser",
    "/om",
];
const MAX_LIX: f64 = 30.0;

/// Who reads the pages: a participant, or a relative of one.
enum Reader {
    Participant,
    Relative(i64),
}

struct Viewer {
    who: String,
    participant: i64,
    reader: Reader,
}

/// Picks the viewers from the demo data, so each kind is measured whatever the seed holds.
async fn viewers(app: &TestApp) -> Vec<Viewer> {
    let mut viewers = Vec::new();
    let participant = |who: String, participant: i64| Viewer { who, participant, reader: Reader::Participant };

    // The programme page says different things to the enrolled, the waiting and the rest.
    for (status, who) in [("enrolled", "enrolled in a programme round"), ("waiting", "on a programme waiting list")] {
        let id = app
            .scalar_i64(&format!(
                "SELECT COALESCE(min(e.participant_id), 0) FROM enrolments e
                 JOIN participants p ON p.id = e.participant_id
                 WHERE e.status = '{status}' AND p.discharged_on IS NULL"
            ))
            .await;
        assert_ne!(id, 0, "the demo data has a participant {who}");
        viewers.push(participant(format!("participant {id}, {who}"), id));
    }
    let outside = app
        .scalar_i64(
            "SELECT COALESCE(min(p.id), 0) FROM participants p WHERE p.discharged_on IS NULL
               AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id
                               AND e.status IN ('enrolled', 'waiting'))
               AND NOT EXISTS (SELECT 1 FROM expressions_of_interest i WHERE i.participant_id = p.id
                               AND i.handled_at IS NULL)",
        )
        .await;
    assert_ne!(outside, 0, "the demo data has a participant outside the programme");
    viewers.push(participant(format!("participant {outside}, not in the programme"), outside));

    // One participant on every step of the ladder (including the discharged).
    for step in [
        "group_activity",
        "work_prep_programme",
        "individual_placement",
        "joint_assessment",
        "enhanced_collaboration",
        "employment",
        "studies",
        "back_to_dv",
        // The ASF road's own steps and outcome.
        "case_raised_with_asf",
        "joint_planning_asf",
        "labour_market_measure",
        "municipal_employment",
    ] {
        let id = app.scalar_i64(&format!("SELECT min(id) FROM participants WHERE ladder_step = '{step}'")).await;
        viewers.push(participant(format!("participant {id}, step {step}"), id));
    }
    // On the ASF road with FK benefit (AF/FK's collaboration first), and one whose DV decision rests.
    let asf_fk = app
        .scalar_i64("SELECT min(id) FROM participants WHERE road = 'asf' AND benefit_kind = 'sickness_compensation'")
        .await;
    viewers.push(participant(format!("participant {asf_fk}, ASF road with FK benefit"), asf_fk));
    let resting =
        app.scalar_i64("SELECT min(participant_id) FROM transition_dates WHERE kind = 'resting_decision'").await;
    viewers.push(participant(format!("participant {resting}, DV decision resting"), resting));

    // Relatives: the consent in force that shares every section, the one that shares
    // the fewest, and a relative with no consent in force (sees nothing).
    let in_force = "scope = 'share_with_relative' AND withdrawn_on IS NULL";
    let everything = app
        .scalar_i64(&format!(
            "SELECT COALESCE(min(id), 0) FROM consents WHERE {in_force}
               AND shared_sections LIKE '%plan%' AND shared_sections LIKE '%meetings%'
               AND shared_sections LIKE '%contacts%' AND shared_sections LIKE '%ladder%'
               AND shared_sections LIKE '%programme%' AND shared_sections LIKE '%access_log%'"
        ))
        .await;
    assert_ne!(everything, 0, "the demo data has a relative who is shared everything");
    let little = app
        .scalar_i64(&format!(
            "SELECT id FROM consents WHERE {in_force} AND shared_sections <> ''
             ORDER BY length(shared_sections), id LIMIT 1"
        ))
        .await;
    for (consent, who) in [(everything, "shared everything"), (little, "shared little")] {
        let relative =
            app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {consent}")).await;
        let id = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {consent}")).await;
        let sections = app.scalar_text(&format!("SELECT shared_sections FROM consents WHERE id = {consent}")).await;
        viewers.push(Viewer {
            who: format!("relative {relative} of participant {id}, {who} ({sections})"),
            participant: id,
            reader: Reader::Relative(relative),
        });
    }
    // A relative of a participant on the ASF road reads that road's Stegen.
    let asf_consent = app
        .scalar_i64(&format!(
            "SELECT COALESCE(min(c.id), 0) FROM consents c JOIN participants p ON p.id = c.participant_id
             WHERE c.{in_force} AND p.road = 'asf' AND c.shared_sections LIKE '%ladder%'"
        ))
        .await;
    assert_ne!(asf_consent, 0, "the demo data has a relative who sees Stegen on the ASF road");
    let relative =
        app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {asf_consent}")).await;
    let id = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {asf_consent}")).await;
    viewers.push(Viewer {
        who: format!("relative {relative} of participant {id}, on the ASF road"),
        participant: id,
        reader: Reader::Relative(relative),
    });
    let nothing = app
        .scalar_i64(&format!(
            "SELECT COALESCE(min(pr.relative_id), 0) FROM participant_relatives pr
             WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.{in_force}
                               AND c.participant_id = pr.participant_id AND c.recipient_relative_id = pr.relative_id)"
        ))
        .await;
    assert_ne!(nothing, 0, "the demo data has a relative who is shared nothing");
    let id = app
        .scalar_i64(&format!("SELECT min(participant_id) FROM participant_relatives WHERE relative_id = {nothing}"))
        .await;
    viewers.push(Viewer {
        who: format!("relative {nothing} of participant {id}, shared nothing"),
        participant: id,
        reader: Reader::Relative(nothing),
    });
    viewers
}

async fn participant_pages_read_easily(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut worst = (0.0_f64, String::new());
    let mut too_hard = Vec::new();
    for viewer in viewers(&app).await {
        let phone = match viewer.reader {
            Reader::Participant => app.participant_client(viewer.participant).await,
            Reader::Relative(relative) => app.relative_client(viewer.participant, relative).await,
        };
        // One meeting of each kind: each kind has its own heading and explanation.
        let meetings: Vec<i64> = match &app.store {
            app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => sqlx::query_scalar(
                "SELECT min(id) FROM meetings WHERE participant_id = $1 GROUP BY kind ORDER BY min(id)",
            )
            .bind(viewer.participant)
            .fetch_all(p)
            .await
            .unwrap(),
            app::server::Store::Postgres(p) => sqlx::query_scalar(
                "SELECT min(id) FROM meetings WHERE participant_id = $1 GROUP BY kind ORDER BY min(id)",
            )
            .bind(viewer.participant)
            .fetch_all(p)
            .await
            .unwrap(),
        };
        let paths = PAGES.iter().flat_map(|page| {
            if page.contains("{meeting}") {
                meetings.iter().map(|m| page.replace("{meeting}", &m.to_string())).collect()
            } else {
                vec![(*page).to_owned()]
            }
        });
        for path in paths {
            let response = phone.get(app.url(&path)).send().await.unwrap();
            let status = response.status();
            // A relative is refused what the consent does not share; the refusal is a page they read too.
            let expected = match viewer.reader {
                Reader::Participant => status == StatusCode::OK,
                Reader::Relative(_) => status == StatusCode::OK || status == StatusCode::FORBIDDEN,
            };
            assert!(expected, "{path} for {}: {status}", viewer.who);
            let text = visible_text(&response.text().await.unwrap());
            let score = lix(&text);
            println!("LIX {score:5.1}  {path:<14} {status:<3}  {}", viewer.who);
            if score > MAX_LIX {
                too_hard.push(format!("{path} for {}: LIX {score:.1}\n{text}\n", viewer.who));
            }
            if score > worst.0 {
                worst = (score, format!("{path} for {}", viewer.who));
            }
        }
    }
    println!("highest LIX: {:.1} ({})", worst.0, worst.1);
    assert!(too_hard.is_empty(), "LIX over {MAX_LIX} on {} page(s):\n{}", too_hard.len(), too_hard.join("\n"));
}

#[test]
fn visible_text_keeps_blocks_apart_and_drops_scripts() {
    let html = "<html><main><h1>Hej Elin!</h1><p>Du har <b>ett</b> möte.</p><script>var x;</script>\
                <a href=\"/\">Ring</a></main></html>";
    assert_eq!(visible_text(html), "Hej Elin!\nDu har  ett  möte.\nRing");
}

/// What a phone shows offline without a copy it may show (public/sw.js keeps
/// this page): the same for everyone, signed in or not.
async fn the_offline_page_reads_easily(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.client().get(app.url("/inte-uppkopplad")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = visible_text(&response.text().await.unwrap());
    let score = lix(&text);
    println!("LIX {score:5.1}  /inte-uppkopplad");
    assert!(score <= MAX_LIX, "LIX {score:.1}:\n{text}");
}

on_both_backends!(participant_pages_read_easily, the_offline_page_reads_easily);
