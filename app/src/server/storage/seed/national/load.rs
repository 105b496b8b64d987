//! Loading many rows fast inside the open transaction: PostgreSQL's `COPY …
//! FROM STDIN` (text format), SQLite's multi-row INSERT. Rows stream through:
//! nothing holds a whole table in memory.
//!
//! Ids are not written: each table's own default numbers the rows, and
//! [`next_id`] says beforehand which numbers they will get (the rows of one
//! transaction, on an otherwise idle database, get consecutive ids). That
//! keeps PostgreSQL's identity sequences right for the app's inserts that
//! follow, which the app role could not move by hand (it has no UPDATE on
//! them); [`Loader::finish`] checks the guess and fails the whole load if it
//! was wrong.

use crate::server::storage::Tx;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::{PgConnection, PgCopyIn};
use sqlx::sqlite::SqliteConnection;
use std::io::Write;

/// One value of a row, borrowed for as long as the row is being written.
#[derive(Clone, Copy)]
pub(super) enum V<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

impl From<i64> for V<'_> {
    fn from(v: i64) -> Self {
        V::Int(v)
    }
}
impl<'a> From<&'a str> for V<'a> {
    fn from(v: &'a str) -> Self {
        V::Text(v)
    }
}
impl<'a> From<&'a String> for V<'a> {
    fn from(v: &'a String) -> Self {
        V::Text(v)
    }
}
impl From<bool> for V<'_> {
    fn from(v: bool) -> Self {
        V::Bool(v)
    }
}
impl From<NaiveDate> for V<'_> {
    fn from(v: NaiveDate) -> Self {
        V::Date(v)
    }
}
impl From<DateTime<Utc>> for V<'_> {
    fn from(v: DateTime<Utc>) -> Self {
        V::Time(v)
    }
}
impl<'a, T: Into<V<'a>>> From<Option<T>> for V<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(V::Null, Into::into)
    }
}

/// A value kept for SQLite until its statement runs.
enum Owned {
    Null,
    Int(i64),
    Text(String),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

/// COPY data sent per message (PostgreSQL works on one while the next is made).
const COPY_CHUNK: usize = 1 << 20;
/// Rows per SQLite statement, within its 32 766 variables.
const SQLITE_ROWS: usize = 500;

enum Sink<'c> {
    Postgres { copy: PgCopyIn<&'c mut PgConnection>, buf: Vec<u8> },
    Sqlite { conn: &'c mut SqliteConnection, values: Vec<Owned>, full_sql: String },
}

/// Writes the rows of one table.
pub(super) struct Loader<'c> {
    table: &'static str,
    columns: &'static [&'static str],
    rows: u64,
    sink: Sink<'c>,
}

impl<'c> Loader<'c> {
    pub(super) async fn open(
        tx: &'c mut Tx,
        table: &'static str,
        columns: &'static [&'static str],
    ) -> Result<Loader<'c>, sqlx::Error> {
        let sink = match tx {
            Tx::Postgres(t) => {
                let sql = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
                let copy = t.copy_in_raw(&sql).await?;
                Sink::Postgres { copy, buf: Vec::with_capacity(COPY_CHUNK + 4096) }
            }
            Tx::Sqlite(t) => Sink::Sqlite {
                conn: t,
                values: Vec::with_capacity(SQLITE_ROWS * columns.len()),
                full_sql: insert_sql(table, columns, SQLITE_ROWS),
            },
        };
        Ok(Loader { table, columns, rows: 0, sink })
    }

    pub(super) async fn row(&mut self, values: &[V<'_>]) -> Result<(), sqlx::Error> {
        debug_assert_eq!(values.len(), self.columns.len(), "{}", self.table);
        self.rows += 1;
        match &mut self.sink {
            Sink::Postgres { copy, buf } => {
                copy_row(buf, values);
                if buf.len() >= COPY_CHUNK {
                    copy.send(buf.as_slice()).await?;
                    buf.clear();
                }
            }
            Sink::Sqlite { conn, values: kept, full_sql } => {
                kept.extend(values.iter().map(|v| match *v {
                    V::Null => Owned::Null,
                    V::Int(i) => Owned::Int(i),
                    V::Text(s) => Owned::Text(s.to_owned()),
                    V::Bool(b) => Owned::Bool(b),
                    V::Date(d) => Owned::Date(d),
                    V::Time(t) => Owned::Time(t),
                }));
                if kept.len() == SQLITE_ROWS * self.columns.len() {
                    run_insert(conn, full_sql, kept).await?;
                }
            }
        }
        Ok(())
    }

    /// Sends what is left; returns the rows written.
    pub(super) async fn finish(self) -> Result<u64, sqlx::Error> {
        match self.sink {
            Sink::Postgres { mut copy, buf } => {
                if !buf.is_empty() {
                    copy.send(buf.as_slice()).await?;
                }
                let copied = copy.finish().await?;
                if copied != self.rows {
                    return Err(sqlx::Error::Protocol(format!(
                        "{}: copied {copied} of {} rows",
                        self.table, self.rows
                    )));
                }
            }
            Sink::Sqlite { conn, mut values, .. } => {
                if !values.is_empty() {
                    let sql = insert_sql(self.table, self.columns, values.len() / self.columns.len());
                    run_insert(conn, &sql, &mut values).await?;
                }
            }
        }
        Ok(self.rows)
    }
}

fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let row = format!("({})", vec!["?"; columns.len()].join(", "));
    format!("INSERT INTO {table} ({}) VALUES {}", columns.join(", "), vec![row; rows].join(", "))
}

/// One statement for the kept rows (sqlx prepares the full-size one once and reuses it).
async fn run_insert(conn: &mut SqliteConnection, sql: &str, values: &mut Vec<Owned>) -> Result<(), sqlx::Error> {
    let mut query = sqlx::query(sql);
    for v in values.iter() {
        query = match v {
            Owned::Null => query.bind(None::<i64>),
            Owned::Int(i) => query.bind(*i),
            Owned::Text(s) => query.bind(s.as_str()),
            Owned::Bool(b) => query.bind(*b),
            Owned::Date(d) => query.bind(*d),
            Owned::Time(t) => query.bind(*t),
        };
    }
    query.execute(&mut *conn).await?;
    values.clear();
    Ok(())
}

/// A row in COPY's text format: tab between values, `\N` for NULL, and the
/// characters COPY reads as separators escaped inside text.
fn copy_row(buf: &mut Vec<u8>, values: &[V<'_>]) {
    for (k, v) in values.iter().enumerate() {
        if k > 0 {
            buf.push(b'\t');
        }
        // Writing into a Vec cannot fail.
        let _ = match v {
            V::Null => buf.write_all(b"\\N"),
            V::Int(i) => write!(buf, "{i}"),
            V::Bool(b) => buf.write_all(if *b { b"t" } else { b"f" }),
            V::Date(d) => write!(buf, "{}", d.format("%Y-%m-%d")),
            V::Time(t) => write!(buf, "{}+00", t.format("%Y-%m-%d %H:%M:%S")),
            V::Text(s) => {
                for b in s.bytes() {
                    match b {
                        b'\\' => buf.extend_from_slice(b"\\\\"),
                        b'\t' => buf.extend_from_slice(b"\\t"),
                        b'\n' => buf.extend_from_slice(b"\\n"),
                        b'\r' => buf.extend_from_slice(b"\\r"),
                        b => buf.push(b),
                    }
                }
                Ok(())
            }
        };
    }
    buf.push(b'\n');
}

/// The last id `table` has handed out: its rows written next get the ids after it.
pub(super) async fn next_id(tx: &mut Tx, table: &str) -> Result<i64, sqlx::Error> {
    match tx {
        // The identity sequence, not max(id): a rolled-back insert used a number too.
        Tx::Postgres(t) => {
            let sequence: String =
                sqlx::query_scalar("SELECT pg_get_serial_sequence($1, 'id')").bind(table).fetch_one(&mut **t).await?;
            let sql = format!("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}");
            sqlx::query_scalar(&sql).fetch_one(&mut **t).await
        }
        // SQLite gives a new row the largest rowid plus one (no table uses AUTOINCREMENT).
        Tx::Sqlite(t) => {
            sqlx::query_scalar(&format!("SELECT COALESCE(max(id), 0) FROM {table}")).fetch_one(&mut **t).await
        }
    }
}

/// Checks that `rows` rows written to `table` got the ids after `last`, as the generator assumed.
pub(super) async fn check_ids(tx: &mut Tx, table: &str, last: i64, rows: u64) -> Result<(), sqlx::Error> {
    let sql = format!("SELECT count(*), COALESCE(max(id), 0) FROM {table} WHERE id > $1");
    let (count, max): (i64, i64) =
        crate::server::storage::on_conn!(tx, |c| sqlx::query_as(&sql).bind(last).fetch_one(c).await)?;
    let rows = i64::try_from(rows).unwrap_or(i64::MAX);
    if count != rows || max != last + rows {
        return Err(sqlx::Error::Protocol(format!(
            "{table}: the rows got other ids than expected (another writer at the same time?)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_separators_and_writes_null() {
        let mut buf = Vec::new();
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        copy_row(&mut buf, &[V::Int(7), V::Text("a\tb\\c\nd"), V::Null, V::Bool(true), V::Date(day)]);
        assert_eq!(String::from_utf8(buf).unwrap(), "7\ta\\tb\\\\c\\nd\t\\N\tt\t2026-03-01\n");
    }
}
