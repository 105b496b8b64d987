//! Storage: one set of portable SQL, run against SQLite or PostgreSQL.
//!
//! Every query is written once with `$n` placeholders (both sqlx drivers accept
//! them) and expanded by [`on_conn!`] into one concretely typed call per backend,
//! so each backend is type-checked on its own without generic trait bounds.
//! Backend differences (how a write transaction starts, migrations, the
//! append-only trigger) live beside the pools, not in the queries.
//!
//! Nothing here is public outside `crate::server`: personal data is reached only
//! through the access layer, which authorizes and audits first.

pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod audit;
pub(crate) mod caseload;
pub(crate) mod contacts;
pub(crate) mod extract;
pub(crate) mod factors;
pub(crate) mod intake;
pub(crate) mod log;
pub(crate) mod meetings;
pub(crate) mod meta;
pub(crate) mod participants;
pub(crate) mod plans;
pub(crate) mod programme;
pub(crate) mod record;
pub(crate) mod retention;
pub(crate) mod revisions;
pub(crate) mod seed;

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// A database, either backend.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    pub fn backend_name(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Starts a transaction that may write. SQLite needs `BEGIN IMMEDIATE`: a
    /// deferred transaction that reads and then writes fails with SQLITE_BUSY.
    pub(crate) async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Store::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Store::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Starts a transaction that only reads.
    pub(crate) async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Store::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Store::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Answers when the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite(p) => sqlx::query("SELECT 1").execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::query("SELECT 1").execute(p).await.map(|_| ()),
        }
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite(p) => p.close().await,
            Store::Postgres(p) => p.close().await,
        }
    }
}

/// An open transaction on either backend.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

/// Runs the same expression against whichever connection the transaction holds.
/// `$c` is bound to `&mut SqliteConnection` or `&mut PgConnection`.
macro_rules! on_conn {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::server::storage::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::server::storage::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_conn;

/// Timestamps are stored to the second: the same on both backends and easy to compare.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(0)
}
