//! `mina-steg backup` and `restore`: a backup taken while the server runs,
//! restored into a new database, holds every row of every table; the restored
//! database serves, and its audit chain verifies. Neither command overwrites
//! anything.

use app::server::{SqliteDb, Store};
use mina_steg_tests::{Backend, StatusCode, TestApp, empty_database_for_restore, on_both_backends, table_rows};

async fn a_backup_restores_every_row_and_the_copy_serves(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The running server's work goes on while the backup is taken; a staff
    // member's page view adds audit rows first, so they are part of it.
    let participant = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(participant).await).await;
    let page = staff.get(app.url(&format!("/personal/deltagare/{participant}"))).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);

    let folder = std::env::temp_dir().join(format!("mina-steg-backup-{}-{backend:?}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("kopia");
    // Taken as the server's own login on PostgreSQL: it may read every table.
    let bytes = server::backup::backup(&app.database_url, &path).await.expect("backup");
    assert!(bytes > 0);
    let source = table_rows(&app.database_url).await;
    assert!(source.values().map(Vec::len).sum::<usize>() > 1_000, "the demo data is in the backup");

    // Never over an existing backup.
    let again = server::backup::backup(&app.database_url, &path).await;
    assert!(again.is_err(), "a backup is never written over");

    let (restore_url, serve_url, _drop) = empty_database_for_restore(backend).await;
    server::backup::restore(&restore_url, &path, false, server::db::DEFAULT_APP_ROLE).await.expect("restore");
    let restored = table_rows(&serve_url).await;
    assert_eq!(source.keys().collect::<Vec<_>>(), restored.keys().collect::<Vec<_>>(), "the same tables");
    for (table, rows) in &source {
        assert_eq!(rows, &restored[table], "{table}: every row as it was");
    }

    // Restoring again into the now filled database is refused and changes nothing.
    let refused = server::backup::restore(&restore_url, &path, false, server::db::DEFAULT_APP_ROLE).await;
    assert!(refused.is_err(), "a restore never overwrites a database without being told to");
    assert_eq!(table_rows(&serve_url).await, restored);

    // The copy serves (PostgreSQL: as the app role, which the restore gave its
    // rights), its chain verifies, and staff sign in and read the same record.
    let copy = TestApp::serve(&serve_url, |s| s.demo = true).await;
    let report = copy.access.verify_audit_chain(None).await.expect("verify");
    assert!(report.is_intact(), "{}", report.summary());
    let staff = copy.staff_client(&copy.staff_email_for_participant(participant).await).await;
    let page = staff.get(copy.url(&format!("/personal/deltagare/{participant}"))).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let _ = std::fs::remove_dir_all(&folder);
}

/// SQLite's restore over a database: only with `replace`, and the old file is
/// kept beside the restored one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_restore_over_a_database_keeps_the_old_file() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let folder = std::env::temp_dir().join(format!("mina-steg-replace-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("kopia.db");
    server::backup::backup(&app.database_url, &path).await.expect("backup");

    let target = folder.join("drift.db");
    let target_url = format!("sqlite://{}", target.display());
    server::backup::restore(&target_url, &path, false, server::db::DEFAULT_APP_ROLE).await.expect("into a new file");
    // A change after the backup, then the restore over it: refused without
    // --replace, and with it the changed file is kept, not lost.
    let store = server::db::connect(&target_url).await.expect("connect");
    let Store::Sqlite(SqliteDb { write, .. }) = &store else { unreachable!() };
    sqlx::query("UPDATE units SET name = 'Efter kopian' WHERE id = (SELECT min(id) FROM units)")
        .execute(write)
        .await
        .expect("change");
    store.close().await;
    assert!(server::backup::restore(&target_url, &path, false, server::db::DEFAULT_APP_ROLE).await.is_err());
    server::backup::restore(&target_url, &path, true, server::db::DEFAULT_APP_ROLE).await.expect("replace");
    let kept: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("drift.db.före-återställning-"))
        .collect();
    assert_eq!(kept.len(), 1, "the replaced database is kept: {kept:?}");
    let old_url = format!("sqlite://{}", folder.join(&kept[0]).display());
    let old = table_rows(&old_url).await;
    assert!(old["units"].iter().any(|row| row.contains("'Efter kopian'")), "the change is in the kept file");
    let now = table_rows(&target_url).await;
    assert!(!now["units"].iter().any(|row| row.contains("'Efter kopian'")), "the restored file is the backup");
    let _ = std::fs::remove_dir_all(&folder);
}

on_both_backends!(a_backup_restores_every_row_and_the_copy_serves);
