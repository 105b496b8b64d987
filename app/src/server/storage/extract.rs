//! The register extract (registerutdrag, GDPR art. 15): every row that names
//! one participant, with every column as stored, read in one statement.
//!
//! Which rows belong to the participant is written out table by table in
//! [`SOURCES`]; the columns are not: each row comes back whole (`to_jsonb` on
//! PostgreSQL, `json_object` over the table's columns on SQLite), so a column a
//! later migration adds is in the extract without a change here, and a table a
//! later migration adds fails the extract test until it has a row in
//! [`SOURCES`] (or a reason there why it holds nothing of the participant).
//!
//! One statement: PostgreSQL reads a statement from one snapshot even under
//! Read Committed, so the extract is consistent without raising the unit of
//! work's isolation (which would make its audit row's place in the audit chain
//! read an old snapshot). SQLite's write transaction holds every writer out.

use super::{Tx, on_conn};
use crate::server::access::Permitted;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One row, column name → value as stored.
pub(crate) type Row = Map<String, Value>;

/// A table of the extract and which of its rows are the participant's (`$1`
/// is the participant's id; `x` the table).
pub(crate) struct Source {
    pub table: &'static str,
    rows: Rows,
}

enum Rows {
    /// A condition in portable SQL.
    Where(&'static str),
    /// Revisions: the record kind says which table `record_id` points into.
    Revisions,
}

const OWN_ACCOUNTS: &str = "x.account_id IN (SELECT id FROM accounts WHERE participant_id = $1)";
const OWN_MEETINGS: &str = "x.meeting_id IN (SELECT id FROM meetings WHERE participant_id = $1)";
const OWN_PLANS: &str = "x.plan_id IN (SELECT id FROM joint_plans WHERE participant_id = $1)";
const OWN: &str = "x.participant_id = $1";

/// Every table the extract reads, in the order of the document.
pub(crate) const SOURCES: &[Source] = &[
    Source { table: "participants", rows: Rows::Where("x.id = $1") },
    Source { table: "accounts", rows: Rows::Where(OWN) },
    Source { table: "sign_in_codes", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "passkeys", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "totp_factors", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "invitations", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "demo_accounts", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "participant_relatives", rows: Rows::Where(OWN) },
    // The people in the participant's network: linked to them, named in a
    // consent of theirs or asked to one of their meetings.
    Source {
        table: "relatives",
        rows: Rows::Where(
            "x.id IN (SELECT relative_id FROM participant_relatives WHERE participant_id = $1)
             OR x.id IN (SELECT recipient_relative_id FROM consents WHERE participant_id = $1)
             OR x.id IN (SELECT relative_id FROM meeting_attendees
                         WHERE meeting_id IN (SELECT id FROM meetings WHERE participant_id = $1))",
        ),
    },
    Source { table: "contact_persons", rows: Rows::Where(OWN) },
    Source { table: "joint_plans", rows: Rows::Where(OWN) },
    Source { table: "plan_activities", rows: Rows::Where(OWN_PLANS) },
    Source { table: "plan_follow_ups", rows: Rows::Where(OWN_PLANS) },
    Source { table: "meetings", rows: Rows::Where(OWN) },
    Source { table: "meeting_attendees", rows: Rows::Where(OWN_MEETINGS) },
    Source { table: "consents", rows: Rows::Where(OWN) },
    Source { table: "ladder_moves", rows: Rows::Where(OWN) },
    Source { table: "extended_support", rows: Rows::Where(OWN) },
    Source { table: "transition_dates", rows: Rows::Where(OWN) },
    Source { table: "dv_changes", rows: Rows::Where(OWN) },
    Source { table: "employments", rows: Rows::Where(OWN) },
    Source { table: "sus_registrations", rows: Rows::Where(OWN) },
    // Reminders: each person's choice for the participant's meetings (a
    // relative's too: it is about the participant's meetings), every message
    // sent or waiting, and the participant's own phones that get them.
    Source { table: "reminder_choices", rows: Rows::Where(OWN) },
    Source { table: "reminders", rows: Rows::Where(OWN) },
    Source { table: "push_subscriptions", rows: Rows::Where(OWN_ACCOUNTS) },
    Source { table: "expressions_of_interest", rows: Rows::Where(OWN) },
    Source { table: "enrolments", rows: Rows::Where(OWN) },
    Source { table: "attendance", rows: Rows::Where(OWN) },
    Source { table: "unit_moves", rows: Rows::Where(OWN) },
    Source { table: "revisions", rows: Rows::Revisions },
    // What was done with the participant's data, and what they did themselves.
    Source {
        table: "audit_log",
        rows: Rows::Where(
            "x.subject_participant_id = $1
             OR x.actor_account_id IN (SELECT id FROM accounts WHERE participant_id = $1)",
        ),
    },
];

/// Columns the extract leaves out, and why. Secrets that guard the account
/// would let whoever holds the document act as the participant; the network
/// address and session of whoever acted are that person's data (art. 15.4).
/// They stay in the database and in the investigations they serve.
pub(crate) const WITHHELD: &[(&str, &str, &str)] = &[
    ("accounts", "password_hash", SECRET),
    ("accounts", "session_secret", SECRET),
    ("sign_in_codes", "code_hash", SECRET),
    ("passkeys", "credential", SECRET),
    ("totp_factors", "secret", SECRET),
    ("invitations", "token_hash", SECRET),
    // Whoever holds a phone's push address and keys can send to it.
    ("push_subscriptions", "endpoint", SECRET),
    ("push_subscriptions", "p256dh", SECRET),
    ("push_subscriptions", "auth", SECRET),
    ("audit_log", "source", ACTORS),
    ("audit_log", "session_ref", ACTORS),
];
const SECRET: &str = "säkerhetsuppgift";
const ACTORS: &str = "uppgift om den som gjorde något";

/// Revisions: which table a record kind's `record_id` points into.
const REVISION_KINDS: &str = "(x.record_kind IN ('participant_dv', 'participant_discharge', 'participant_road')
         AND x.record_id = $1)
     OR (x.record_kind = 'meeting' AND x.record_id IN (SELECT id FROM meetings WHERE participant_id = $1))
     OR (x.record_kind = 'transition_date'
         AND x.record_id IN (SELECT id FROM transition_dates WHERE participant_id = $1))
     OR (x.record_kind = 'contact_person'
         AND x.record_id IN (SELECT id FROM contact_persons WHERE participant_id = $1))";

/// What the extract read: the participant's rows, table by table in the
/// order of [`SOURCES`], and what the document needs to name the people,
/// units and sessions those rows refer to (kind → rows).
#[derive(Debug, Default)]
pub(crate) struct ExtractRows {
    pub tables: Vec<(&'static str, Vec<Row>)>,
    pub context: BTreeMap<String, Vec<Row>>,
    /// Each table's columns in the order the schema has them (a JSON object
    /// keeps none), for a document that reads like the record.
    pub columns: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Sqlite,
    Postgres,
}

/// Account ids in a row: who saved, changed, recorded, ended (`…_by`), and who acted.
const ACCOUNT_KEYS: &str = "(r.k IN ('actor_account_id', 'account_id') OR r.k LIKE '%\\_by' ESCAPE '\\')";

/// Every row of `participant`'s, and the names they refer to. `asker_staff`
/// (the staff member who makes the extract) is named too.
pub(crate) async fn read(
    tx: &mut Tx,
    participant: Permitted,
    asker_staff: Option<i64>,
) -> Result<ExtractRows, sqlx::Error> {
    let dialect = match tx {
        Tx::Sqlite(_) => Dialect::Sqlite,
        Tx::Postgres(_) => Dialect::Postgres,
    };
    let columns = table_columns(tx).await?;
    let sql = statement(dialect, &columns)?;
    let rows: Vec<(String, String)> =
        on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).bind(asker_staff).fetch_all(c).await)?;
    let mut tables: BTreeMap<&str, Vec<Row>> = SOURCES.iter().map(|s| (s.table, Vec::new())).collect();
    let mut context: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for (source, json) in rows {
        let Value::Object(row) = serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))? else {
            return Err(sqlx::Error::Decode("a row of the register extract is not an object".into()));
        };
        match source.strip_prefix("context:") {
            Some(kind) => context.entry(kind.to_owned()).or_default().push(row),
            None => match tables.get_mut(source.as_str()) {
                Some(list) => list.push(row),
                None => return Err(sqlx::Error::Decode("a register extract row of no known table".into())),
            },
        }
    }
    for list in tables.values_mut().chain(context.values_mut()) {
        list.sort_by(order);
    }
    Ok(ExtractRows {
        tables: SOURCES.iter().map(|s| (s.table, tables.remove(s.table).unwrap_or_default())).collect(),
        context,
        columns,
    })
}

/// Rows in the order they were made: by id, else by their content.
fn order(a: &Row, b: &Row) -> std::cmp::Ordering {
    let id = |r: &Row| r.get("id").and_then(Value::as_i64);
    id(a).cmp(&id(b)).then_with(|| Value::Object(a.clone()).to_string().cmp(&Value::Object(b.clone()).to_string()))
}

/// The tables and their columns, in column order: SQLite's `json_object` is
/// built from them; on both backends they order the document's fields.
async fn table_columns(tx: &mut Tx) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
    let rows: Vec<(String, String)> = match tx {
        Tx::Sqlite(c) => {
            sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                  WHERE m.type = 'table' ORDER BY m.name, p.cid",
            )
            .fetch_all(&mut **c)
            .await?
        }
        Tx::Postgres(c) => {
            sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                  WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
            )
            .fetch_all(&mut **c)
            .await?
        }
    };
    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in rows {
        columns.entry(table).or_default().push(column);
    }
    Ok(columns)
}

/// A JSON object of named SQL expressions.
fn object(dialect: Dialect, fields: &[(&str, &str)]) -> String {
    let args: Vec<String> = fields.iter().map(|(name, expr)| format!("'{name}', {expr}")).collect();
    match dialect {
        Dialect::Sqlite => format!("json_object({})", args.join(", ")),
        Dialect::Postgres => format!("jsonb_build_object({})", args.join(", ")),
    }
}

/// A whole row of table `x` as JSON, without its withheld columns.
fn whole_row(dialect: Dialect, table: &str, columns: &BTreeMap<String, Vec<String>>) -> Result<String, sqlx::Error> {
    let withheld: Vec<&str> = WITHHELD.iter().filter(|(t, ..)| *t == table).map(|(_, c, _)| *c).collect();
    Ok(match dialect {
        Dialect::Postgres => {
            let minus: String = withheld.iter().map(|c| format!(" - '{c}'")).collect();
            format!("(to_jsonb(x){minus})")
        }
        Dialect::Sqlite => {
            let Some(all) = columns.get(table) else {
                return Err(sqlx::Error::Protocol(format!("register extract: no table {table}")));
            };
            let kept: Vec<(String, String)> = all
                .iter()
                .filter(|c| !withheld.contains(&c.as_str()))
                .map(|c| (c.clone(), format!("x.\"{c}\"")))
                .collect();
            let fields: Vec<(&str, &str)> = kept.iter().map(|(n, e)| (n.as_str(), e.as_str())).collect();
            object(dialect, &fields)
        }
    })
}

/// The one statement: the participant's rows, then the context they name.
fn statement(dialect: Dialect, columns: &BTreeMap<String, Vec<String>>) -> Result<String, sqlx::Error> {
    let mut parts = Vec::new();
    for source in SOURCES {
        let condition = match source.rows {
            Rows::Where(condition) => condition.to_owned(),
            Rows::Revisions => {
                // An attendance mark's revision points at the session; the
                // participant is named in the kept value.
                let attendance = match dialect {
                    Dialect::Sqlite => {
                        "(CASE WHEN x.record_kind = 'attendance' AND json_valid(x.old_value)
                           THEN json_extract(x.old_value, '$.participant_id') END) = $1"
                    }
                    Dialect::Postgres => {
                        "(CASE WHEN x.record_kind = 'attendance'
                           THEN x.old_value::jsonb ->> 'participant_id' END) = CAST($1 AS TEXT)"
                    }
                };
                format!("{REVISION_KINDS} OR {attendance}")
            }
        };
        parts.push(format!(
            "SELECT '{table}' AS source, {row} AS j FROM {table} x WHERE {condition}",
            table = source.table,
            row = whole_row(dialect, source.table, columns)?,
        ));
    }
    let each = match dialect {
        Dialect::Sqlite => "SELECT e.key AS k, CAST(e.value AS TEXT) AS v FROM about, json_each(about.j) e",
        Dialect::Postgres => "SELECT e.key AS k, e.value AS v FROM about, jsonb_each_text(about.j) e",
    };
    let refs = |keys: &str| format!("(SELECT r.v FROM refs r WHERE {keys})");
    let accounts = refs(ACCOUNT_KEYS);
    let sessions = refs("r.k IN ('session_id', 'programme_session_id')");
    let o = |fields: &[(&str, &str)]| object(dialect, fields);
    let context = [
        (
            "accounts",
            o(&[
                ("id", "a.id"),
                ("role", "a.role"),
                ("staff_id", "a.staff_id"),
                ("relative_id", "a.relative_id"),
                // Another participant's account (one refused a look at these
                // pages) is named by its role only.
                ("participant_id", "CASE WHEN a.participant_id = $1 THEN a.participant_id END"),
            ]),
            format!("accounts a WHERE CAST(a.id AS TEXT) IN {accounts}"),
        ),
        (
            "staff",
            o(&[("id", "s.id"), ("name", "s.name"), ("role", "s.role"), ("phone", "s.phone"), ("email", "s.email")]),
            format!(
                "staff s WHERE CAST(s.id AS TEXT) IN {}
                    OR s.id IN (SELECT a.staff_id FROM accounts a WHERE CAST(a.id AS TEXT) IN {accounts})
                    OR s.id = $2",
                refs("r.k = 'staff_id'")
            ),
        ),
        (
            "external_contacts",
            o(&[
                ("id", "e.id"),
                ("name", "e.name"),
                ("organisation", "e.organisation"),
                ("title", "e.title"),
                ("phone", "e.phone"),
                ("email", "e.email"),
            ]),
            format!("external_contacts e WHERE CAST(e.id AS TEXT) IN {}", refs("r.k = 'external_contact_id'")),
        ),
        (
            "units",
            o(&[("id", "u.id"), ("name", "u.name")]),
            format!("units u WHERE CAST(u.id AS TEXT) IN {}", refs("r.k LIKE '%unit\\_id' ESCAPE '\\'")),
        ),
        (
            "programme_rounds",
            o(&[("id", "g.id"), ("name", "g.name"), ("place", "g.place"), ("starts_on", "g.starts_on")]),
            format!(
                "programme_rounds g WHERE CAST(g.id AS TEXT) IN {}
                    OR g.id IN (SELECT round_id FROM programme_sessions WHERE CAST(id AS TEXT) IN {sessions})",
                refs("r.k = 'round_id'")
            ),
        ),
        (
            "programme_sessions",
            o(&[
                ("id", "t.id"),
                ("round_id", "t.round_id"),
                ("starts_at", "t.starts_at"),
                ("ends_at", "t.ends_at"),
                ("theme", "t.theme"),
                ("place", "t.place"),
            ]),
            format!("programme_sessions t WHERE CAST(t.id AS TEXT) IN {sessions}"),
        ),
    ];
    let text = match dialect {
        Dialect::Sqlite => "",
        Dialect::Postgres => "::text",
    };
    let mut sql = format!(
        "WITH about(source, j) AS ({}),\n refs(k, v) AS ({each})\n SELECT source, j{text} FROM about",
        parts.join("\n UNION ALL ")
    );
    for (kind, json, from) in context {
        sql.push_str(&format!("\n UNION ALL SELECT 'context:{kind}', {json}{text} FROM {from}"));
    }
    Ok(sql)
}
