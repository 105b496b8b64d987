//! Sessions live in the database, so any server instance can serve any request.

use app::server::Store;
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{ExpiredDeletion, Result, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store of whichever database the server runs on. On SQLite a
/// session is loaded through the reading connections (every request loads
/// one) and written through the one writing connection.
#[derive(Debug, Clone)]
pub enum AnySessionStore {
    Sqlite { read: SqliteStore, write: SqliteStore },
    Postgres(PostgresStore),
}

impl AnySessionStore {
    pub fn new(store: &Store) -> Self {
        match store {
            Store::Sqlite(db) => AnySessionStore::Sqlite {
                read: SqliteStore::new(db.read.clone()),
                write: SqliteStore::new(db.write.clone()),
            },
            Store::Postgres(pool) => AnySessionStore::Postgres(PostgresStore::new(pool.clone())),
        }
    }
}

#[async_trait]
impl SessionStore for AnySessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        match self {
            AnySessionStore::Sqlite { write: s, .. } => s.create(record).await,
            AnySessionStore::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        match self {
            AnySessionStore::Sqlite { write: s, .. } => s.save(record).await,
            AnySessionStore::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        match self {
            AnySessionStore::Sqlite { read, .. } => read.load(id).await,
            AnySessionStore::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        match self {
            AnySessionStore::Sqlite { write: s, .. } => s.delete(id).await,
            AnySessionStore::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for AnySessionStore {
    async fn delete_expired(&self) -> Result<()> {
        match self {
            AnySessionStore::Sqlite { write: s, .. } => s.delete_expired().await,
            AnySessionStore::Postgres(s) => s.delete_expired().await,
        }
    }
}
