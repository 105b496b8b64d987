//! Connecting to either database and migrating it. Each backend has its own
//! migrations (`migrations/sqlite`, `migrations/postgres`); the queries are shared.

use anyhow::Context;
use app::server::Store;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub async fn connect(database_url: &str) -> anyhow::Result<Store> {
    if database_url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(database_url)
            .context("DATABASE_URL is not a valid SQLite URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .context("could not open the SQLite database")?;
        Ok(Store::Sqlite(pool))
    } else if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(database_url)
            .await
            .context("could not connect to PostgreSQL")?;
        Ok(Store::Postgres(pool))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
    }
}

/// Applies the schema migrations and the session table.
pub async fn migrate(store: &Store) -> anyhow::Result<()> {
    match store {
        Store::Sqlite(pool) => {
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
            migrated.context("SQLite migrations failed")?;
            anyhow::ensure!(broken.is_empty(), "SQLite migrations left broken references in {broken:?}");
            tower_sessions_sqlx_store::SqliteStore::new(pool.clone()).migrate().await?;
        }
        Store::Postgres(pool) => {
            sqlx::migrate!("migrations/postgres").run(pool).await.context("PostgreSQL migrations failed")?;
            tower_sessions_sqlx_store::PostgresStore::new(pool.clone()).migrate().await?;
        }
    }
    Ok(())
}
