//! Group commit for the audit rows of reads.
//!
//! A page that only reads runs in a read transaction and still must not leave
//! the server before its audit rows are committed. Writing them in a write
//! transaction of its own made every page view a write: on SQLite one at a
//! time, on PostgreSQL one at a time behind the audit chain's lock, each
//! waiting for its own commit to reach the disk. Here the rows of every read
//! that finishes while a commit is under way wait together and go in with
//! the next one: one transaction, one chain lock, one flush for all of them.
//! Each caller waits until the commit that holds its rows is done, so no
//! answer leaves before its rows are on record; a failed commit fails every
//! read in it.
//!
//! Writes are not batched here: a change and its audit row are one
//! transaction (`Work::commit`).

use crate::server::Keys;
use crate::server::storage::{Store, audit::NewAuditEntry};
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// Rows at most in one commit (a roster can bring hundreds on its own).
const MAX_BATCH_ROWS: usize = 5_000;

/// What a waiting read is told: done, or why not (the kind of the batch's
/// error: a database message could quote personal data).
type Reply = Result<(), String>;

struct Job {
    rows: Vec<NewAuditEntry>,
    done: oneshot::Sender<Reply>,
}

/// The queue of one server instance; the writer task starts at first use,
/// inside the runtime, and ends when the last `Access` is dropped.
#[derive(Default)]
pub(crate) struct AuditQueue {
    sender: OnceLock<mpsc::UnboundedSender<Job>>,
}

impl std::fmt::Debug for AuditQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditQueue")
    }
}

impl AuditQueue {
    /// Commits `rows` (with whatever else is waiting) and returns when they are.
    pub(crate) async fn write(&self, store: &Store, keys: &Arc<Keys>, rows: Vec<NewAuditEntry>) -> Result<(), String> {
        if rows.is_empty() {
            return Ok(());
        }
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(store.clone(), keys.clone(), receiver));
            sender
        });
        let (done, answer) = oneshot::channel();
        sender.send(Job { rows, done }).map_err(|_| "the audit writer has stopped".to_owned())?;
        answer.await.map_err(|_| "the audit writer has stopped".to_owned())?
    }
}

/// Takes what is waiting, commits it in one transaction, tells each caller.
async fn run(store: Store, keys: Arc<Keys>, mut receiver: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = receiver.recv().await {
        let mut rows = first.rows;
        let mut waiting = vec![first.done];
        while rows.len() < MAX_BATCH_ROWS {
            match receiver.try_recv() {
                Ok(job) => {
                    rows.extend(job.rows);
                    waiting.push(job.done);
                }
                Err(_) => break,
            }
        }
        let written = commit(&store, &keys, &rows).await;
        if let Err(e) = &written {
            tracing::error!(kind = %e, rows = rows.len(), reads = waiting.len(), "audit rows of reads not written");
        }
        for done in waiting {
            // A caller that went away (its request was dropped) needs no answer.
            let _ = done.send(written.clone());
        }
    }
}

async fn commit(store: &Store, keys: &Keys, rows: &[NewAuditEntry]) -> Reply {
    let write = async {
        let mut tx = store.begin().await?;
        crate::server::storage::audit::insert_all(&mut tx, keys, rows).await?;
        tx.commit().await
    };
    write.await.map_err(|e: sqlx::Error| crate::server::storage::error_kind(&e))
}
