//! Which rows of the database name a participant, read from the schema at run
//! time (sqlite_master, information_schema), so a table a later migration
//! adds is caught: every table must be in [`TABLES`], as one that may hold a
//! participant's rows (found by [`column_rules`] and, where those do not
//! reach, a condition of its own) or as one that holds nothing of theirs,
//! with the reason. The same rules as the register extract's test
//! (tests/tests/suite/extract.rs), which may share this module.

use mina_steg_tests::TestApp;
use std::collections::BTreeMap;

/// How one table's rows relate to a participant.
pub enum Relation {
    /// The participant's rows: what the column rules find, and the rows of
    /// this condition (`{p}` is the participant's id; `{revisions}` the
    /// revisions of their records).
    Theirs(Option<&'static str>),
    /// Holds no personal data of the participant, and why.
    NotTheirs(&'static str),
}
use Relation::{NotTheirs, Theirs};

/// Every table of the schema.
pub const TABLES: &[(&str, Relation)] = &[
    ("participants", Theirs(Some("id = {p}"))),
    ("accounts", Theirs(None)),
    ("sign_in_codes", Theirs(None)),
    ("passkeys", Theirs(None)),
    ("totp_factors", Theirs(None)),
    ("invitations", Theirs(None)),
    ("demo_accounts", Theirs(None)),
    ("participant_relatives", Theirs(None)),
    // A relative linked to them, named in a consent of theirs, or asked to one of their meetings.
    (
        "relatives",
        Theirs(Some(
            "id IN (SELECT relative_id FROM participant_relatives WHERE participant_id = {p})
             OR id IN (SELECT recipient_relative_id FROM consents WHERE participant_id = {p})
             OR id IN (SELECT a.relative_id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
                       WHERE m.participant_id = {p})",
        )),
    ),
    ("contact_persons", Theirs(None)),
    ("joint_plans", Theirs(None)),
    ("plan_activities", Theirs(None)),
    ("plan_follow_ups", Theirs(None)),
    ("meetings", Theirs(None)),
    ("meeting_attendees", Theirs(None)),
    ("consents", Theirs(None)),
    ("ladder_moves", Theirs(None)),
    ("extended_support", Theirs(None)),
    ("transition_dates", Theirs(None)),
    ("dv_changes", Theirs(None)),
    ("employments", Theirs(None)),
    ("sus_registrations", Theirs(None)),
    ("reminder_choices", Theirs(None)),
    ("reminders", Theirs(None)),
    ("push_subscriptions", Theirs(None)),
    ("expressions_of_interest", Theirs(None)),
    ("enrolments", Theirs(None)),
    ("attendance", Theirs(None)),
    ("unit_moves", Theirs(None)),
    ("revisions", Theirs(Some("{revisions}"))),
    ("audit_log", Theirs(None)),
    ("instance_meta", NotTheirs("settings of the installation (demo or not, schema facts)")),
    ("units", NotTheirs("the municipality's units: names only")),
    ("staff", NotTheirs("the municipality's employees, their own data")),
    ("external_contacts", NotTheirs("officers at the agencies, their own data")),
    ("programme_rounds", NotTheirs("the unit's programme: its rounds, for everyone in them")),
    ("programme_sessions", NotTheirs("the unit's programme: its sessions, for everyone in them")),
    ("sign_in_attempts", NotTheirs("sign-ins keyed by a keyed hash of an e-mail or address, never by person")),
    ("refusal_counts", NotTheirs("refused requests counted per hour and kind, no person")),
    ("retention_rules", NotTheirs("the retention rule: years per kind of record")),
    // A purge in progress names its participant until it commits; empty otherwise.
    ("retention_purges", Theirs(None)),
    ("retention_never", NotTheirs("always empty: a purge row that points here can never be committed")),
    ("tower_sessions", NotTheirs("sign-in sessions: state under a random id, gone when the session ends")),
    ("tower_sessions.session", NotTheirs("sign-in sessions: state under a random id, gone when the session ends")),
    ("_sqlx_migrations", NotTheirs("which migrations ran")),
];

/// A row names the participant by their id, by one of their accounts, or
/// through one of their meetings, plans or consents.
pub fn column_rules(column: &str, p: i64) -> Option<String> {
    let rule = if column.ends_with("participant_id") {
        format!("{column} = {p}")
    } else if column == "account_id" || column.ends_with("_account_id") {
        format!("{column} IN (SELECT id FROM accounts WHERE participant_id = {p})")
    } else if column == "meeting_id" {
        format!("{column} IN (SELECT id FROM meetings WHERE participant_id = {p})")
    } else if column == "plan_id" {
        format!("{column} IN (SELECT id FROM joint_plans WHERE participant_id = {p})")
    } else if column == "consent_id" {
        format!("{column} IN (SELECT id FROM consents WHERE participant_id = {p})")
    } else {
        return None;
    };
    Some(rule)
}

pub fn sqlite(app: &TestApp) -> bool {
    app.database_url.starts_with("sqlite")
}

/// Revisions of the participant's records. An attendance mark's revision
/// points at the session; the participant is named in the kept value.
pub fn revision_condition(app: &TestApp, p: i64) -> String {
    let attendance = if sqlite(app) {
        format!("(CASE WHEN record_kind = 'attendance' THEN json_extract(old_value, '$.participant_id') END) = {p}")
    } else {
        format!("(CASE WHEN record_kind = 'attendance' THEN (old_value::jsonb ->> 'participant_id')::bigint END) = {p}")
    };
    format!(
        "(record_kind IN ('participant_dv', 'participant_discharge', 'participant_road') AND record_id = {p})
         OR (record_kind = 'meeting' AND record_id IN (SELECT id FROM meetings WHERE participant_id = {p}))
         OR (record_kind = 'transition_date'
             AND record_id IN (SELECT id FROM transition_dates WHERE participant_id = {p}))
         OR (record_kind = 'contact_person' AND record_id IN (SELECT id FROM contact_persons WHERE participant_id = {p}))
         OR {attendance}"
    )
}

/// Every table of the database and its columns in order, read from the catalog.
pub async fn schema(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let rows: Vec<(String, String)> = match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: pool, .. }) => sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid",
        )
        .fetch_all(pool)
        .await
        .expect("sqlite catalog"),
        // Every schema but the system's: the session store keeps its own.
        app::server::Store::Postgres(pool) => sqlx::query_as(
            "SELECT CASE WHEN c.table_schema = 'public' THEN c.table_name::text
                         ELSE c.table_schema::text || '.' || c.table_name::text END,
                    c.column_name::text
               FROM information_schema.columns c
               JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
              WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              ORDER BY 1, c.ordinal_position",
        )
        .fetch_all(pool)
        .await
        .expect("postgres catalog"),
    };
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in rows {
        tables.entry(table).or_default().push(column);
    }
    tables
}

/// The condition that picks the rows of `table` naming participant `p`, or
/// `None` when the table holds nothing of theirs; `Err` for a table no one
/// has said anything about.
pub fn naming(app: &TestApp, table: &str, columns: &[String], p: i64) -> Result<Option<String>, String> {
    let Some((_, relation)) = TABLES.iter().find(|(t, _)| *t == table) else {
        return Err(format!(
            "table {table}: nobody has said how it relates to a participant. Add it to TABLES in \
             tests/tests/suite/participant_rows.rs, and if it can name one, to the register extract and to \
             retention (PARTS in app/src/server/storage/retention.rs)"
        ));
    };
    let mut conditions: Vec<String> = columns.iter().filter_map(|c| column_rules(c, p)).collect();
    match relation {
        NotTheirs(_) if conditions.is_empty() => Ok(None),
        NotTheirs(why) => Err(format!(
            "table {table} is listed as holding nothing of a participant ({why}), yet its columns can name one"
        )),
        Theirs(own) => {
            let revisions = revision_condition(app, p);
            conditions.extend(own.map(|c| c.replace("{p}", &p.to_string()).replace("{revisions}", &revisions)));
            Ok((!conditions.is_empty()).then(|| conditions.join(" OR ")))
        }
    }
}
