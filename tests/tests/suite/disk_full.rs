//! A full disk under a SQLite database: the change that does not fit is
//! refused whole and said so in Swedish, what was confirmed stays, and people
//! can still read.

use mina_steg_tests::{Backend, StatusCode, TestApp, database_from_template};

/// A small file system of its own (tmpfs, mounted by the test: it runs as root
/// on the project's machines), unmounted when the test ends.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(bytes: u64) -> SmallDisk {
        let dir = std::env::temp_dir().join(format!("mina-steg-full-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mount point");
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&dir)
            .status()
            .expect("mount runs");
        assert!(status.success(), "the disk-full test mounts a small tmpfs, which needs root");
        SmallDisk(dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// The disk under a SQLite database fills while staff save plans: the save
/// that does not fit is answered with a clear Swedish message and leaves
/// nothing behind, every save that was answered "saved" is there, the file is
/// whole, and the server goes on serving the pages people read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_loses_nothing_and_reads_go_on() {
    let template = database_from_template(Backend::Sqlite, true).await;
    let template_path = std::path::PathBuf::from(template.trim_start_matches("sqlite://"));
    let size = std::fs::metadata(&template_path).expect("template").len();
    // Room for the file, the server's reserve, and about half a megabyte of new pages.
    let disk = SmallDisk::mount(size + app::server::DiskReserve::BYTES + 640 * 1024);
    let path = disk.0.join("mina-steg.db");
    std::fs::copy(&template_path, &path).expect("copy onto the small disk");
    let _ = std::fs::remove_file(&template_path);
    let app = TestApp::serve(&format!("sqlite://{}", path.display()), |s| {
        s.demo = true;
        s.disk_reserve_bytes = app::server::DiskReserve::BYTES;
    })
    .await;

    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    // Signed in before the disk fills (a sign-in is a change).
    let phone = app.participant_client(participant).await;
    let id = participant.to_string();
    let versions = format!("SELECT count(*) FROM joint_plans WHERE participant_id = {participant}");
    let before = app.scalar_i64(&versions).await;
    let notes = "Anteckning om planen. ".repeat(200);
    let mut saved = 0;
    let full = loop {
        let goal = format!("Mål nummer {saved}");
        let form = [
            ("participant_id", id.as_str()),
            ("goal", goal.as_str()),
            ("reason", "Jag vill pröva på riktigt."),
            ("from", "2026-12-01"),
            ("until", "2027-05-31"),
            ("days_per_week", "4"),
            ("hours_per_week", "20"),
            ("activities", "Arbetsträning i caféet"),
            ("follow_up_on", "2027-02-15"),
            ("follow_up_what", "Vi ser över planen"),
            ("other_notes", notes.as_str()),
        ];
        let answer = app.call(&staff, "save_plan", &form).await;
        if answer.status() != StatusCode::OK {
            break answer;
        }
        saved += 1;
        assert!(saved < 2_000, "the small disk never filled");
    };
    println!("{saved} plan versions saved before the disk was full");
    assert!(saved > 0, "some saves fit");
    assert_eq!(full.status(), StatusCode::SERVICE_UNAVAILABLE);
    let error: app::errors::AppError = full.json().await.expect("the app's error");
    assert_eq!(error, app::errors::AppError::StorageFull);
    assert!(error.to_string().starts_with("Det gick inte att spara. Inget har ändrats."));

    // Every answered save is there, and nothing of the one that failed.
    assert_eq!(app.scalar_i64(&versions).await, before + saved);
    let newest = app
        .scalar_text(&format!(
            "SELECT goal FROM joint_plans WHERE participant_id = {participant} ORDER BY version DESC LIMIT 1"
        ))
        .await;
    assert_eq!(newest, format!("Mål nummer {}", saved - 1));
    assert_eq!(app.scalar_text("PRAGMA integrity_check").await, "ok");

    assert!(!disk.0.join("mina-steg.db-reserve").exists(), "the reserve was given to reads");
    // From now on a change is refused at once, and the room left goes to reads.
    let refused = app.call(&staff, "create_sign_in_code", &[("participant_id", &id)]).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.json::<app::errors::AppError>().await.expect("error"), app::errors::AppError::StorageFull);

    // Reads go on: the record, and the participant's own pages.
    let record = staff.get(app.url(&format!("/personal/deltagare/{participant}/plan"))).send().await.expect("page");
    let status = record.status();
    assert_eq!(
        status,
        StatusCode::OK,
        "staff read the plan on a full disk: {}",
        record.text().await.unwrap_or_default()
    );
    let start = staff.get(app.url("/personal")).send().await.expect("page");
    assert_eq!(start.status(), StatusCode::OK, "the caseload on a full disk");
    for path in ["/", "/min-plan", "/moten"] {
        let page = phone.get(app.url(path)).send().await.expect("page");
        assert_eq!(page.status(), StatusCode::OK, "the participant reads {path} on a full disk");
    }
    let report = app.access.verify_audit_chain(None).await.expect("verify");
    assert!(report.is_intact(), "{}", report.summary());
    drop(app);
}
