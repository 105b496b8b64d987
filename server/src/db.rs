//! Connecting to either database and migrating it. Each backend has its own
//! migrations (`migrations/sqlite`, `migrations/postgres`); the queries are shared.
//!
//! On PostgreSQL two roles keep the audit log out of the server's reach:
//! `mina-steg migrate` runs as the **owner** (whoever's URL it is given), which
//! owns every table; `serve` logs in as an **app role**, which may read and
//! write the ordinary tables but only read and add rows of `audit_log` and
//! `revisions`. So a server whose credentials leak cannot change, remove or
//! truncate audit rows, nor disable the triggers that refuse it (only a table's
//! owner can). `serve` does not migrate on PostgreSQL, and refuses to start as
//! the owner or a superuser. A SQLite database is one file: whoever can write
//! it can do anything, so `serve` migrates it as before and the hash chain
//! (`mina-steg audit verify`) is its protection.

use anyhow::Context;
use app::server::{SqliteDb, Store};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, migrate::Migrator};
use std::str::FromStr;
use std::time::Duration;

/// The role `migrate` grants the server's rights to, unless told another.
pub const DEFAULT_APP_ROLE: &str = "mina_steg_app";

static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
    if database_url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(database_url)
            .context("DATABASE_URL is not a valid SQLite URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // One writer, queued in this process (see `SqliteDb`); opened first,
        // so the file exists and is in WAL mode before the readers open it.
        // The writer never checkpoints on commit (see `checkpoint_continuously`).
        // No ping before each use (sqlx's default): a SQLite connection is a
        // file handle that cannot go stale, and the ping is one more trip to
        // the connection's own thread (the start page: 48 context switches a
        // view with it off, 53 measured with it on, under other load).
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await
            .context("could not open the SQLite database")?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            // query_only rather than a read-only open: such a connection could not
            // open the WAL's index once every connection had closed.
            .connect_with(options.create_if_missing(false).pragma("query_only", "ON"))
            .await
            .context("could not open the SQLite database for reading")?;
        Ok(Store::Sqlite(SqliteDb { write, read }))
    } else if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        // A burst (hundreds of sign-ups at once) queues for a connection; the
        // wait is long enough for it. A database that does not answer is told
        // to people after it (503); the pool reconnects by itself.
        // No JIT compilation: it pays off for long analytic queries, not for a
        // page's short ones, and when a plan's estimate crossed its threshold
        // on the national data set it added half a second to one statement.
        let options = PgConnectOptions::from_str(database_url)
            .context("DATABASE_URL is not a valid PostgreSQL URL")?
            .options([("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .context("could not connect to PostgreSQL")?;
        Ok(Store::Postgres(pool))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
    }
}

/// The file of a SQLite database URL; `None` for PostgreSQL or an in-memory database.
pub fn sqlite_file(database_url: &str) -> Option<std::path::PathBuf> {
    if !database_url.starts_with("sqlite:") || database_url.contains(":memory:") {
        return None;
    }
    Some(SqliteConnectOptions::from_str(database_url).ok()?.get_filename().to_owned())
}

/// Copies the SQLite WAL into the database file on a connection of its own,
/// every quarter second, for as long as the server runs. SQLite's default is to
/// checkpoint on the commit that crosses 1 000 WAL pages, inside that commit:
/// with every page view committing audit rows, one view in about a hundred
/// waited 100 ms or more for a checkpoint (and its fsync), which was the whole
/// of the start page's p99 at one connection. A PASSIVE checkpoint waits for no
/// reader or writer; the WAL is reused from its start once all of it is copied.
pub async fn checkpoint_continuously(database_url: String) {
    let Ok(options) = SqliteConnectOptions::from_str(&database_url) else { return };
    let options = options.journal_mode(SqliteJournalMode::Wal).busy_timeout(Duration::from_secs(5));
    let mut every = tokio::time::interval(Duration::from_millis(250));
    let mut connection: Option<sqlx::SqliteConnection> = None;
    loop {
        every.tick().await;
        if connection.is_none() {
            connection = sqlx::Connection::connect_with(&options).await.ok();
        }
        let Some(conn) = connection.as_mut() else { continue };
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&mut *conn).await {
            tracing::warn!(kind = %app::server::error_kind(&e), "WAL checkpoint failed; trying again");
            connection = None;
        }
    }
}

/// Applies the schema migrations and the session table; on PostgreSQL grants
/// [`DEFAULT_APP_ROLE`] the server's rights (see [`migrate_granting`]).
pub async fn migrate(store: &Store) -> anyhow::Result<()> {
    migrate_granting(store, DEFAULT_APP_ROLE).await
}

/// Applies the migrations. On PostgreSQL, run as the owner: creates `app_role`
/// when it is missing and this login may create roles, and grants it what
/// `serve` needs and no more (see [`grant_app_role`]).
pub async fn migrate_granting(store: &Store, app_role: &str) -> anyhow::Result<()> {
    match store {
        Store::Sqlite(SqliteDb { write: pool, .. }) => {
            // A migration that rebuilds a table (SQLite cannot change a CHECK in
            // place) must run with foreign keys off, or dropping the old table
            // would cascade. That pragma is ignored inside a transaction, so it is
            // set on the connection first; every reference is checked afterwards.
            let mut conn = pool.acquire().await.context("could not open the SQLite database")?;
            sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await?;
            let migrated = sqlx::migrate!("migrations/sqlite").run(&mut *conn).await;
            let broken: Vec<(String,)> =
                sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&mut *conn).await?;
            sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
            // The pool's one writing connection goes back before the session
            // store takes it.
            drop(conn);
            migrated.context("SQLite migrations failed")?;
            anyhow::ensure!(broken.is_empty(), "SQLite migrations left broken references in {broken:?}");
            tower_sessions_sqlx_store::SqliteStore::new(pool.clone()).migrate().await?;
        }
        Store::Postgres(pool) => {
            // The role first: a migration that cannot grant should not half run.
            ensure_app_role(pool, app_role).await?;
            POSTGRES_MIGRATIONS.run(pool).await.context("PostgreSQL migrations failed")?;
            tower_sessions_sqlx_store::PostgresStore::new(pool.clone()).migrate().await?;
            grant_app_role(pool, app_role).await?;
        }
    }
    Ok(())
}

/// Before serving: a SQLite file is migrated here (one file, one server); a
/// PostgreSQL database must have been migrated by its owner, and this login
/// must not be able to change the audit log (see [`check_serving_role`]).
pub async fn prepare_to_serve(store: &Store) -> anyhow::Result<()> {
    match store {
        Store::Sqlite(_) => migrate(store).await,
        Store::Postgres(pool) => {
            check_migrated(pool).await?;
            check_serving_role(pool).await
        }
    }
}

/// For the other commands (`demo-data`, `create-admin`): a SQLite file is
/// migrated; a PostgreSQL database must be migrated already, by its owner with
/// `mina-steg migrate` (which knows the app role; these commands do not).
pub async fn ensure_migrated(store: &Store) -> anyhow::Result<()> {
    match store {
        Store::Sqlite(_) => migrate(store).await,
        Store::Postgres(pool) => check_migrated(pool).await,
    }
}

/// A role name as PostgreSQL writes it without quotes, so it can be put in a
/// statement as it is.
fn check_role_name(role: &str) -> anyhow::Result<()> {
    let mut chars = role.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    anyhow::ensure!(
        first_ok && role.len() <= 63 && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "--app-role must be a plain role name (a-z, 0-9 and _, starting with a letter), not {role:?}"
    );
    Ok(())
}

async fn ensure_app_role(pool: &PgPool, app_role: &str) -> anyhow::Result<()> {
    check_role_name(app_role)?;
    let (me, may_create): (String, bool) = sqlx::query_as(
        "SELECT current_user::text, rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user",
    )
    .fetch_one(pool)
    .await?;
    anyhow::ensure!(
        me != app_role,
        "migrate runs as the owner of the tables, and the server as another role: \
         this login ({me}) is the app role itself; run migrate with the owner's login, or name another --app-role"
    );
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
        .bind(app_role)
        .fetch_one(pool)
        .await?;
    if !exists {
        anyhow::ensure!(
            may_create,
            "the app role {app_role} does not exist and {me} may not create roles: \
             have a database administrator run `CREATE ROLE {app_role} LOGIN PASSWORD '…'`, then migrate again"
        );
        // Several instances may migrate at once: a role made meanwhile is fine.
        let created = sqlx::query(&format!("CREATE ROLE {app_role} LOGIN")).execute(pool).await;
        match created {
            Ok(_) => println!(
                "Rollen {app_role} är skapad. Ge den ett lösenord (ALTER ROLE {app_role} PASSWORD '…') \
                 och låt servern logga in med den."
            ),
            Err(sqlx::Error::Database(e)) if matches!(e.code().as_deref(), Some("42710") | Some("23505")) => {}
            Err(e) => return Err(e).context(format!("could not create the role {app_role}")),
        }
    }
    // An app role that could do what the owner can would protect nothing.
    let (superuser, member_of_me): (bool, bool) =
        sqlx::query_as("SELECT rolsuper, pg_has_role($1, current_user, 'MEMBER') FROM pg_roles WHERE rolname = $1")
            .bind(app_role)
            .fetch_one(pool)
            .await?;
    anyhow::ensure!(
        !superuser && !member_of_me,
        "the app role {app_role} is a superuser or a member of {me}, the owner: it could change the audit log"
    );
    Ok(())
}

/// The server's rights: read and write the ordinary tables (and the
/// sessions), use their id sequences, and only read and add rows of
/// `audit_log` and `revisions` (the chain reads the last row before it adds
/// one; the advisory lock it takes needs no grant). Granted afresh by every
/// migrate, so tables of later migrations are covered.
async fn grant_app_role(pool: &PgPool, app_role: &str) -> anyhow::Result<()> {
    let statements = [
        format!("GRANT USAGE ON SCHEMA public TO {app_role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app_role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role}"),
        // Whatever an operator may have granted before, by hand.
        format!("REVOKE ALL ON audit_log, revisions FROM {app_role}"),
        format!("GRANT SELECT, INSERT ON audit_log, revisions TO {app_role}"),
        format!("REVOKE ALL ON _sqlx_migrations FROM {app_role}"),
        // `serve` checks that every migration is applied.
        format!("GRANT SELECT ON _sqlx_migrations TO {app_role}"),
        format!("GRANT USAGE ON SCHEMA tower_sessions TO {app_role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA tower_sessions TO {app_role}"),
    ];
    let mut tx = pool.begin().await?;
    for sql in &statements {
        sqlx::query(sql).execute(&mut *tx).await.with_context(|| format!("could not run: {sql}"))?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every migration of this release is applied (and none was changed since).
async fn check_migrated(pool: &PgPool) -> anyhow::Result<()> {
    const RUN_MIGRATE: &str = "run `mina-steg migrate` with the database owner's login first";
    let applied: Vec<(i64, bool, Vec<u8>)> =
        match sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations").fetch_all(pool).await {
            Ok(rows) => rows,
            // 42P01: no such table, the database was never migrated.
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P01") => {
                anyhow::bail!("the database is not migrated: {RUN_MIGRATE}")
            }
            Err(e) => return Err(e).context("could not read which migrations are applied"),
        };
    for migration in POSTGRES_MIGRATIONS.iter() {
        match applied.iter().find(|(version, ..)| *version == migration.version) {
            None | Some((_, false, _)) => anyhow::bail!(
                "the database lacks migration {} ({}): {RUN_MIGRATE}",
                migration.version,
                migration.description
            ),
            Some((_, true, checksum)) if *checksum != *migration.checksum => anyhow::bail!(
                "migration {} ({}) was changed after it was applied to this database",
                migration.version,
                migration.description
            ),
            Some(_) => {}
        }
    }
    let sessions: bool =
        sqlx::query_scalar("SELECT to_regclass('tower_sessions.session') IS NOT NULL").fetch_one(pool).await?;
    anyhow::ensure!(sessions, "the session table is missing: {RUN_MIGRATE}");
    Ok(())
}

/// The server's login must not be able to change the audit log: not a
/// superuser (or able to become one), not the owner of `audit_log` or
/// `revisions` (or able to act as it), and without UPDATE, DELETE, TRUNCATE or
/// TRIGGER on them.
pub async fn check_serving_role(pool: &PgPool) -> anyhow::Result<()> {
    const HOW: &str = "run `mina-steg migrate` as the owner (it grants the app role, default mina_steg_app, \
                       what the server needs) and serve with the app role's login";
    let (me, superuser): (String, bool) = sqlx::query_as(
        "SELECT current_user::text,
                EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolsuper AND pg_has_role(current_user, r.oid, 'MEMBER'))",
    )
    .fetch_one(pool)
    .await?;
    anyhow::ensure!(
        !superuser,
        "refusing to serve as {me}: a superuser can change or remove audit rows and switch off the triggers \
         that refuse it; {HOW}"
    );
    for table in ["audit_log", "revisions"] {
        let (owner, owns, may_change): (String, bool, bool) = sqlx::query_as(
            "SELECT tableowner::text, pg_has_role(current_user, tableowner, 'MEMBER'),
                    has_table_privilege(current_user, format('public.%I', tablename), 'UPDATE, DELETE, TRUNCATE, TRIGGER')
               FROM pg_tables WHERE schemaname = 'public' AND tablename = $1",
        )
        .bind(table)
        .fetch_one(pool)
        .await
        .with_context(|| format!("the table {table} is missing"))?;
        anyhow::ensure!(
            !owns,
            "refusing to serve as {me}: it owns {table} (or may act as its owner, {owner}), and an owner can \
             switch off the triggers that keep {table} append-only; {HOW}. A database that an earlier release \
             migrated at start belongs to the server's login: hand it to an owner role first \
             (REASSIGN OWNED BY {me} TO <owner>)"
        );
        anyhow::ensure!(
            !may_change,
            "refusing to serve as {me}: it may update, delete, truncate or add triggers to {table}; \
             `mina-steg migrate` grants the app role only SELECT and INSERT there"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_plain() {
        assert!(check_role_name("mina_steg_app").is_ok());
        assert!(check_role_name("app2").is_ok());
        for bad in ["", "2app", "App", "a-b", "a;DROP TABLE x", "\"x\"", &"a".repeat(64)] {
            assert!(check_role_name(bad).is_err(), "{bad}");
        }
    }
}
