//! `mina-steg backup PATH` and `mina-steg restore PATH`.
//!
//! SQLite: `VACUUM INTO` gives one self-contained file of everything committed
//! (the WAL included) while the server keeps running; the copy is checked with
//! `PRAGMA integrity_check` before it gets its name. PostgreSQL: `pg_dump` in its
//! custom format (one consistent snapshot), checked by listing it with
//! `pg_restore --list`. Either way a backup is written under a temporary name
//! and renamed when whole, so a crash never leaves half a backup that looks whole.
//!
//! A restore never overwrites data: a SQLite file is restored only where no
//! database is, or with `replace`, which keeps the old file beside the new one;
//! a PostgreSQL database must be empty (made by the owner, `CREATE DATABASE`),
//! is filled in one transaction and then given the app role's rights as
//! `migrate` does.

use anyhow::{Context, ensure};
use app::server::{SqliteDb, Store};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes the backup; returns its size in bytes.
pub async fn backup(database_url: &str, path: &Path) -> anyhow::Result<u64> {
    ensure!(!path.exists(), "{} finns redan: välj ett nytt namn, en säkerhetskopia skrivs aldrig över", path.display());
    let partial = partial_name(path);
    let _ = std::fs::remove_file(&partial);
    let result = if is_sqlite(database_url) {
        backup_sqlite(database_url, &partial).await
    } else {
        backup_postgres(database_url, &partial)
    };
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, path).with_context(|| format!("could not name the backup {}", path.display()))?;
    Ok(std::fs::metadata(path)?.len())
}

/// Restores `path` into `database_url`. `replace` (SQLite only) lets it take the
/// place of an existing file, which is kept as `<file>.före-återställning-<time>`.
pub async fn restore(database_url: &str, path: &Path, replace: bool, app_role: &str) -> anyhow::Result<()> {
    ensure!(path.is_file(), "{} finns inte", path.display());
    if is_sqlite(database_url) {
        restore_sqlite(database_url, path, replace).await?;
    } else {
        ensure!(!replace, "--replace gäller bara SQLite: återställ PostgreSQL till en ny, tom databas");
        restore_postgres(database_url, path, app_role).await?;
    }
    Ok(())
}

fn is_sqlite(database_url: &str) -> bool {
    database_url.starts_with("sqlite:")
}

fn partial_name(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".ofullständig");
    PathBuf::from(name)
}

async fn backup_sqlite(database_url: &str, partial: &Path) -> anyhow::Result<()> {
    let store = crate::db::connect(database_url).await?;
    // This command's own connection (a query_only one may not run VACUUM);
    // VACUUM INTO reads in one transaction, so the server's writer goes on meanwhile.
    let Store::Sqlite(SqliteDb { write, .. }) = &store else { unreachable!("a sqlite: URL opens SQLite") };
    let copied = sqlx::query("VACUUM INTO $1").bind(partial.display().to_string()).execute(write).await;
    store.close().await;
    copied.context("VACUUM INTO failed")?;
    check_sqlite_file(partial).await
}

/// `PRAGMA integrity_check` and `foreign_key_check` on a database file, opened read-only.
async fn check_sqlite_file(path: &Path) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true).create_if_missing(false);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&pool).await?;
    let broken: Vec<(String,)> =
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&pool).await?;
    let migrated: bool = sqlx::query_scalar("SELECT count(*) > 0 FROM sqlite_master WHERE name = '_sqlx_migrations'")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    ensure!(integrity == ["ok"], "{} is damaged: {}", path.display(), integrity.join("; "));
    ensure!(broken.is_empty(), "{} has broken references in {broken:?}", path.display());
    ensure!(migrated, "{} is not a Mina steg database", path.display());
    Ok(())
}

async fn restore_sqlite(database_url: &str, backup: &Path, replace: bool) -> anyhow::Result<()> {
    check_sqlite_file(backup).await.context("the backup was not restored")?;
    let target = crate::db::sqlite_file(database_url).context("DATABASE_URL names no SQLite file")?;
    let exists = target.exists();
    ensure!(
        !exists || replace,
        "{} finns redan. Stoppa servern och återställ med --replace (den gamla filen sparas bredvid), \
         eller återställ till en ny fil",
        target.display()
    );
    // Copied beside the target first, so the last step is a rename on one file system.
    let incoming = partial_name(&target);
    std::fs::copy(backup, &incoming).with_context(|| format!("could not copy into {}", incoming.display()))?;
    if let Err(e) = check_sqlite_file(&incoming).await {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    if exists {
        let kept = {
            let mut name = target.as_os_str().to_owned();
            name.push(format!(".före-återställning-{}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
            PathBuf::from(name)
        };
        // The old database is folded into one file (its WAL checkpointed) and kept.
        let old = crate::db::connect(database_url).await?;
        if let Store::Sqlite(SqliteDb { write, .. }) = &old {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(write).await?;
        }
        old.close().await;
        std::fs::rename(&target, &kept)?;
        println!("Den gamla databasen är sparad som {}.", kept.display());
    }
    for suffix in ["-wal", "-shm"] {
        let mut name = target.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    std::fs::rename(&incoming, &target)?;
    Ok(())
}

/// The parts of a PostgreSQL URL as libpq's environment, so no password is
/// put on a command line (other users of the machine could read it there).
fn libpq_env(database_url: &str) -> anyhow::Result<Vec<(&'static str, String)>> {
    let url = url::Url::parse(database_url).context("DATABASE_URL is not a valid PostgreSQL URL")?;
    let mut env = Vec::new();
    if let Some(host) = url.host_str() {
        env.push(("PGHOST", host.to_owned()));
    }
    if let Some(port) = url.port() {
        env.push(("PGPORT", port.to_string()));
    }
    if !url.username().is_empty() {
        env.push(("PGUSER", percent_decoded(url.username())));
    }
    if let Some(password) = url.password() {
        env.push(("PGPASSWORD", percent_decoded(password)));
    }
    let database = url.path().trim_start_matches('/');
    ensure!(!database.is_empty(), "DATABASE_URL names no database");
    env.push(("PGDATABASE", percent_decoded(database)));
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "sslmode" => env.push(("PGSSLMODE", value.into_owned())),
            "sslrootcert" => env.push(("PGSSLROOTCERT", value.into_owned())),
            _ => {}
        }
    }
    Ok(env)
}

fn percent_decoded(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| text.to_owned())
}

fn run(program: &str, args: &[&str], env: &[(&'static str, String)]) -> anyhow::Result<String> {
    let output = Command::new(program)
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .with_context(|| format!("could not start {program} (PostgreSQL's client programs must be installed)"))?;
    ensure!(
        output.status.success(),
        "{program} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn backup_postgres(database_url: &str, partial: &Path) -> anyhow::Result<()> {
    let env = libpq_env(database_url)?;
    let file = partial.display().to_string();
    run("pg_dump", &["--format=custom", "--no-password", "--file", &file], &env)?;
    // A dump that pg_restore cannot list is no backup.
    let listing = run("pg_restore", &["--list", &file], &[])?;
    ensure!(listing.contains("TABLE DATA public audit_log"), "the dump holds no audit log: not a Mina steg database");
    Ok(())
}

async fn restore_postgres(database_url: &str, backup: &Path, app_role: &str) -> anyhow::Result<()> {
    let store = crate::db::connect(database_url).await?;
    let Store::Postgres(pool) = &store else { unreachable!("a postgres: URL opens PostgreSQL") };
    let tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'tower_sessions')")
            .fetch_one(pool)
            .await?;
    store.close().await;
    ensure!(
        tables == 0,
        "the database is not empty ({tables} tables): restore into a new database made by the owner \
         (CREATE DATABASE … OWNER …), then point the servers at it"
    );
    let env = libpq_env(database_url)?;
    let file = backup.display().to_string();
    let database = env.iter().find(|(k, _)| *k == "PGDATABASE").map(|(_, v)| v.clone()).unwrap_or_default();
    // Objects become the restoring login's (the owner's); the app role's rights
    // are granted afresh below, as `migrate` grants them.
    run(
        "pg_restore",
        &[
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            "--no-acl",
            "--no-password",
            "--dbname",
            &database,
            &file,
        ],
        &env,
    )
    .context("the restore was rolled back; the database is as empty as before")?;
    let store = crate::db::connect(database_url).await?;
    let granted = crate::db::migrate_granting(&store, app_role).await;
    store.close().await;
    granted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_becomes_libpq_environment_without_a_command_line_password() {
        let env = libpq_env("postgres://owner:p%40ss@db.example:5433/mina_steg?sslmode=require").unwrap();
        let get = |key: &str| env.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());
        assert_eq!(get("PGHOST"), Some("db.example"));
        assert_eq!(get("PGPORT"), Some("5433"));
        assert_eq!(get("PGUSER"), Some("owner"));
        assert_eq!(get("PGPASSWORD"), Some("p@ss"));
        assert_eq!(get("PGDATABASE"), Some("mina_steg"));
        assert_eq!(get("PGSSLMODE"), Some("require"));
        assert!(libpq_env("postgres://owner@db.example").is_err(), "no database named");
    }
}
