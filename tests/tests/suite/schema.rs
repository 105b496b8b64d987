//! The two schemas are one schema written twice. After migrating a fresh
//! database of each backend, both have the same tables with the same columns
//! (and the same NOT NULLs), and every `CHECK (col IN ('a', 'b', …))` list in
//! the migrations holds exactly the codes of the Rust enum stored in that column.
//! A new CHECK list fails the test until it has a row in [`check_sources`].

use app::domain::sus::{Education, EndReason, IncomeSource, Occupation, SupportTime};
use app::domain::{
    AttendanceMark, BenefitKind, ClockKind, CodeEnum, ConsentMethod, DischargeOutcome, DvForm, EmployerKind,
    EnrolmentStatus, Gender, MeetingAnswer, MeetingStatus, Organisation, RelationKind, Road, Role, RoundForm,
    SessionVisit, StaffRole,
};
use app::domain::{Channel, LockScreen, ReminderKind, ReminderStatus};
use app::server::{SqliteDb, Store};
use mina_steg_tests::{Backend, DropDatabase, fresh_database};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Tables left out of the comparisons, and why.
const NOT_OURS: &[(&str, &str)] = &[
    // tower-sessions creates its own table: on SQLite `tower_sessions` in the main
    // schema, on PostgreSQL `session` in a schema `tower_sessions` of its own (which
    // the PostgreSQL queries below, reading schema `public`, never see). Same
    // data, a different place by the library's design. sqlx's `_sqlx_migrations`
    // is the same on both and stays in.
    ("tower_sessions", "the session store's table, made by tower-sessions, not by our migrations"),
];

/// Tables and columns that only one backend has, each with the reason: the
/// same guarantee built from what each database offers. (table, column or
/// `None` for the whole table, the backend that has it, why.)
const ONE_BACKEND_ONLY: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "retention_never",
        None,
        "sqlite",
        "SQLite has no commit-time trigger: a purge row references this always-empty table through a deferred \
         foreign key, so it can never be committed (PostgreSQL uses a deferred constraint trigger instead)",
    ),
    ("retention_purges", Some("open"), "sqlite", "the deferred foreign key to retention_never"),
    ("retention_purges", Some("txid"), "postgres", "the transaction the deferred constraint trigger checks"),
];

/// Where a CHECK list's values come from.
enum Source {
    /// Every code of a Rust enum, except codes that are stored some other way
    /// (each with the reason). An exception must still be a code of the enum.
    Enum { name: &'static str, codes: Vec<&'static str>, stored_otherwise: &'static [(&'static str, &'static str)] },
    /// The column has no Rust enum: these string literals are what the Rust code
    /// writes (`written_by` says where). Pinned here so that a change to the
    /// CHECK list is a deliberate change to this row as well.
    Literals { codes: &'static [&'static str], written_by: &'static str },
}

fn codes<T: CodeEnum>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.as_str()).collect()
}

fn all<T: CodeEnum>(name: &'static str) -> Source {
    Source::Enum { name, codes: codes::<T>(), stored_otherwise: &[] }
}

/// (table, column) -> where its CHECK list comes from. One row per CHECK list.
fn check_sources() -> Vec<(&'static str, &'static str, Source)> {
    vec![
        ("staff", "role", all::<StaffRole>("StaffRole")),
        ("reminder_choices", "lock_screen", all::<LockScreen>("LockScreen")),
        ("reminders", "channel", all::<Channel>("Channel")),
        ("reminders", "kind", all::<ReminderKind>("ReminderKind")),
        ("reminders", "status", all::<ReminderStatus>("ReminderStatus")),
        ("participants", "benefit_kind", all::<BenefitKind>("BenefitKind")),
        ("participants", "dv_form", all::<DvForm>("DvForm")),
        ("dv_changes", "from_form", all::<DvForm>("DvForm")),
        ("dv_changes", "to_form", all::<DvForm>("DvForm")),
        ("employments", "employer_kind", all::<EmployerKind>("EmployerKind")),
        ("sus_registrations", "occupation_before", all::<Occupation>("Occupation")),
        ("sus_registrations", "occupation_after", all::<Occupation>("Occupation")),
        ("sus_registrations", "income_before", all::<IncomeSource>("IncomeSource")),
        ("sus_registrations", "income_after", all::<IncomeSource>("IncomeSource")),
        ("sus_registrations", "education", all::<Education>("Education")),
        ("sus_registrations", "time_in_support", all::<SupportTime>("SupportTime")),
        ("sus_registrations", "end_reason", all::<EndReason>("EndReason")),
        ("participants", "gender", all::<Gender>("Gender")),
        ("participants", "discharge_outcome", all::<DischargeOutcome>("DischargeOutcome")),
        ("participants", "road", all::<Road>("Road")),
        ("transition_dates", "kind", all::<ClockKind>("ClockKind")),
        ("external_contacts", "organisation", all::<Organisation>("Organisation")),
        ("participant_relatives", "relation_kind", all::<RelationKind>("RelationKind")),
        ("accounts", "role", all::<Role>("Role")),
        (
            "sign_in_attempts",
            "key_kind",
            Source::Literals { codes: &["account", "address"], written_by: "app/src/server/access/auth.rs" },
        ),
        ("meetings", "status", all::<MeetingStatus>("MeetingStatus")),
        ("meetings", "participant_answer", all::<MeetingAnswer>("MeetingAnswer")),
        ("consents", "recipient_organisation", all::<Organisation>("Organisation")),
        ("consents", "method", all::<ConsentMethod>("ConsentMethod")),
        ("programme_rounds", "form", all::<RoundForm>("RoundForm")),
        (
            "programme_sessions",
            "visit_from",
            Source::Enum {
                name: "SessionVisit",
                codes: codes::<SessionVisit>(),
                stored_otherwise: &[("none", "no visit is stored as NULL (SessionVisit::code)")],
            },
        ),
        (
            "enrolments",
            "status",
            Source::Enum {
                name: "EnrolmentStatus",
                codes: codes::<EnrolmentStatus>(),
                stored_otherwise: &[(
                    "interested",
                    "an expression of interest is a row of expressions_of_interest, not an enrolment",
                )],
            },
        ),
        ("attendance", "mark", all::<AttendanceMark>("AttendanceMark")),
        (
            "retention_rules",
            "kind",
            Source::Literals { codes: &["participant_record"], written_by: "app/src/server/storage/retention.rs" },
        ),
        (
            "audit_log",
            "outcome",
            Source::Literals { codes: &["allowed", "denied"], written_by: "app/src/server/access/mod.rs and auth.rs" },
        ),
    ]
}

// --- Reading CHECK lists from SQL text. ---

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Str(String),
    Punct(char),
}

/// Splits SQL into words, string literals and punctuation, dropping `--`
/// comments and PostgreSQL's `$$ … $$` bodies (no CHECK lives in them).
fn tokens(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '$' && chars.get(i + 1) == Some(&'$') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '$' && chars[i + 1] == '$') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' && chars.get(i + 1) == Some(&'\'') {
                    text.push('\'');
                    i += 2;
                } else if chars[i] == '\'' {
                    i += 1;
                    break;
                } else {
                    text.push(chars[i]);
                    i += 1;
                }
            }
            out.push(Token::Str(text));
        } else if c == '"' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                text.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(Token::Word(text));
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                word.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(word));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

fn is_word(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
}

/// A CHECK list: its table, column and values.
type CheckList = (String, String, BTreeSet<String>);

/// Every CHECK whose whole condition is `column IN ('a', 'b', …)`, with the
/// table of the `CREATE TABLE` or `ALTER TABLE` it stands in. Conditions that
/// only use such a list inside a larger expression (`(role IN ('staff','admin'))
/// = (staff_id IS NOT NULL)`) tie columns together and are not value lists.
fn check_lists(sql: &str) -> Vec<CheckList> {
    check_lists_in(&tokens(sql))
}

fn check_lists_in(t: &[Token]) -> Vec<CheckList> {
    let mut table: Option<String> = None;
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if (is_word(t.get(i), "CREATE") || is_word(t.get(i), "ALTER")) && is_word(t.get(i + 1), "TABLE") {
            let mut j = i + 2;
            while is_word(t.get(j), "IF") || is_word(t.get(j), "NOT") || is_word(t.get(j), "EXISTS") {
                j += 1;
            }
            if is_word(t.get(j), "ONLY") {
                j += 1;
            }
            if let Some(Token::Word(name)) = t.get(j) {
                table = Some(name.to_lowercase());
            }
        } else if (is_word(t.get(i), "CREATE") || is_word(t.get(i), "ALTER") || is_word(t.get(i), "DROP"))
            && !is_word(t.get(i + 1), "TABLE")
        {
            // An index, trigger or function: whatever follows belongs to no table.
            table = None;
        }
        if is_word(t.get(i), "CHECK") && t.get(i + 1) == Some(&Token::Punct('(')) {
            let start = i + 2;
            let mut depth = 1;
            let mut end = start;
            while end < t.len() && depth > 0 {
                match t[end] {
                    Token::Punct('(') => depth += 1,
                    Token::Punct(')') => depth -= 1,
                    _ => {}
                }
                end += 1;
            }
            // t[start..end - 1] is the condition inside CHECK ( … ).
            if let Some((column, values)) = value_list(&t[start..end - 1]) {
                let table = table.clone().unwrap_or_else(|| panic!("CHECK on {column} outside a table"));
                found.push((table, column, values));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    found
}

/// `column IN ('a', 'b', …)` and nothing else -> (column, values).
fn value_list(condition: &[Token]) -> Option<(String, BTreeSet<String>)> {
    let [Token::Word(column), Token::Word(in_), Token::Punct('('), list @ .., Token::Punct(')')] = condition else {
        return None;
    };
    if !in_.eq_ignore_ascii_case("IN") {
        return None;
    }
    let mut values = BTreeSet::new();
    for (k, token) in list.iter().enumerate() {
        match (k % 2, token) {
            (0, Token::Str(value)) => {
                values.insert(value.clone());
            }
            (1, Token::Punct(',')) => {}
            _ => return None,
        }
    }
    Some((column.to_lowercase(), values))
}

fn migrations_dir(backend: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/migrations").join(backend)
}

/// The CHECK lists of one backend's migrations, applied in order: a later
/// migration's list for the same column replaces the earlier one.
fn migration_check_lists(backend: &str) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(migrations_dir(backend))
        .expect("migrations folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no migrations for {backend}");
    let mut lists = BTreeMap::new();
    for file in files {
        let sql = std::fs::read_to_string(&file).expect("read migration");
        apply_statements(&mut lists, &sql);
    }
    lists
}

/// Applies one migration's statements to the CHECK lists: a table rebuilt the
/// SQLite way (`CREATE TABLE t_new …; DROP TABLE t; ALTER TABLE t_new RENAME TO
/// t`) ends up with the new table's lists under the old name.
fn apply_statements(lists: &mut BTreeMap<(String, String), BTreeSet<String>>, sql: &str) {
    let words = |s: &[Token]| -> Vec<String> {
        s.iter()
            .map(|t| match t {
                Token::Word(w) => w.to_lowercase(),
                _ => String::new(),
            })
            .collect()
    };
    for statement in tokens(sql).split(|t| *t == Token::Punct(';')) {
        match words(statement).iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["drop", "table", table] => lists.retain(|(t, _), _| t != table),
            ["alter", "table", from, "rename", "to", to] => {
                let moved: Vec<_> = lists.keys().filter(|(t, _)| t == from).cloned().collect();
                lists.retain(|(t, _), _| t != to);
                for key in moved {
                    let values = lists.remove(&key).expect("listed");
                    lists.insert((to.to_owned(), key.1), values);
                }
            }
            _ => {
                for (table, column, values) in check_lists_in(statement) {
                    lists.insert((table, column), values);
                }
            }
        }
    }
}

#[test]
fn the_check_list_reader_reads_what_it_should_and_nothing_else() {
    let sql = "-- CHECK (ignored IN ('x'))\n\
        CREATE TABLE IF NOT EXISTS t (\n\
            a TEXT CHECK (a IN ('one','it''s')), -- CHECK (b IN ('comment'))\n\
            b TEXT, CHECK ((b IN ('x')) = (a IS NULL)), CHECK (n BETWEEN 1 AND 2)\n\
        );\n\
        CREATE INDEX i ON t(a);\n\
        CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'CHECK (z IN (''q''))'; END $$;\n\
        ALTER TABLE ONLY u ADD COLUMN c TEXT CHECK (c IN ('p', 'q'));";
    let found = check_lists(sql);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        found,
        vec![("t".into(), "a".into(), set(&["one", "it's"])), ("u".into(), "c".into(), set(&["p", "q"]))]
    );
}

#[test]
fn every_check_list_holds_the_codes_of_its_rust_enum() {
    let sources = check_sources();
    let mut problems = Vec::new();
    for backend in ["sqlite", "postgres"] {
        let lists = migration_check_lists(backend);
        for ((table, column), values) in &lists {
            let Some((_, _, source)) = sources.iter().find(|(t, c, _)| t == table && c == column) else {
                problems.push(format!(
                    "{backend}: CHECK list on {table}.{column} {values:?} has no row in check_sources(): \
                     name the Rust enum whose codes it holds"
                ));
                continue;
            };
            let (what, expected): (String, BTreeSet<String>) = match source {
                Source::Enum { name, codes, stored_otherwise } => {
                    for (code, why) in *stored_otherwise {
                        if !codes.contains(code) {
                            problems.push(format!("{table}.{column}: {code:?} ({why}) is no longer a code of {name}"));
                        }
                    }
                    let expected = codes
                        .iter()
                        .filter(|c| !stored_otherwise.iter().any(|(o, _)| o == *c))
                        .map(|c| c.to_string())
                        .collect();
                    (format!("the codes of {name}"), expected)
                }
                Source::Literals { codes, written_by } => {
                    (format!("the values written by {written_by}"), codes.iter().map(|c| c.to_string()).collect())
                }
            };
            if *values != expected {
                let missing: Vec<_> = expected.difference(values).collect();
                let extra: Vec<_> = values.difference(&expected).collect();
                problems.push(format!(
                    "{backend}: CHECK list on {table}.{column} differs from {what}: \
                     missing from the CHECK {missing:?}, not in Rust {extra:?}"
                ));
            }
        }
        for (table, column, _) in &sources {
            if !lists.contains_key(&(table.to_string(), column.to_string())) {
                problems.push(format!("{backend}: check_sources() names {table}.{column}, which has no CHECK list"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// --- The migrated catalogs. ---

/// table -> column -> NOT NULL, for a freshly migrated database.
type Columns = BTreeMap<String, BTreeMap<String, bool>>;

async fn migrated(backend: Backend) -> (Store, DropDatabase) {
    let url = fresh_database(backend).await;
    let cleanup = DropDatabase(url.clone());
    let store = server::db::connect(&url).await.expect("connect");
    server::db::migrate(&store).await.expect("migrate");
    (store, cleanup)
}

async fn columns(store: &Store) -> Columns {
    let rows: Vec<(String, String, bool)> = match store {
        // A primary key column counts as NOT NULL, as in PostgreSQL (SQLite only
        // enforces it for INTEGER PRIMARY KEY, but no row of ours has a NULL key).
        Store::Sqlite(SqliteDb { write: pool, .. }) => sqlx::query_as(
            "SELECT m.name, p.name, (p.\"notnull\" = 1 OR p.pk > 0)
               FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .fetch_all(pool)
        .await
        .expect("sqlite catalog"),
        Store::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text, is_nullable = 'NO'
               FROM information_schema.columns WHERE table_schema = 'public'",
        )
        .fetch_all(pool)
        .await
        .expect("postgres catalog"),
    };
    let mut columns = Columns::new();
    for (table, column, not_null) in rows {
        if NOT_OURS.iter().any(|(t, _)| *t == table) {
            continue;
        }
        columns.entry(table).or_default().insert(column, not_null);
    }
    columns
}

/// The CHECK lists the migrated database enforces, read back from its catalog.
async fn enforced_check_lists(store: &Store) -> BTreeMap<(String, String), BTreeSet<String>> {
    match store {
        // SQLite keeps each table's CREATE statement (ALTERs folded in).
        Store::Sqlite(SqliteDb { write: pool, .. }) => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
                    .fetch_all(pool)
                    .await
                    .expect("sqlite_master");
            tables.iter().flat_map(|sql| check_lists(sql)).map(|(t, c, v)| ((t, c), v)).collect()
        }
        // PostgreSQL stores `col IN (…)` as `(col = ANY (ARRAY['a'::text, …]))`,
        // and a list of one as `(col = 'a'::text)`.
        Store::Postgres(pool) => {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT c.relname::text, a.attname::text, pg_get_constraintdef(k.oid)
                   FROM pg_constraint k
                   JOIN pg_class c ON c.oid = k.conrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                  WHERE k.contype = 'c' AND n.nspname = 'public' AND cardinality(k.conkey) = 1",
            )
            .fetch_all(pool)
            .await
            .expect("pg_constraint");
            rows.into_iter()
                .filter(|(_, column, def)| {
                    def.contains("= ANY (ARRAY[") || def.starts_with(&format!("CHECK (({column} = '"))
                })
                .map(|(table, column, def)| {
                    let values = tokens(&def)
                        .into_iter()
                        .filter_map(|t| match t {
                            Token::Str(s) => Some(s),
                            _ => None,
                        })
                        .collect();
                    ((table, column), values)
                })
                .collect()
        }
    }
}

/// Whether the schema comparison lets `table` (or its `column`) stand on `backend` alone.
fn only_on(table: &str, column: Option<&str>, backend: &str) -> bool {
    ONE_BACKEND_ONLY.iter().any(|(t, c, b, _)| *t == table && *c == column && *b == backend)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_have_the_same_tables_and_columns() {
    let (sqlite, _drop_sqlite) = migrated(Backend::Sqlite).await;
    let (postgres, _drop_postgres) = migrated(Backend::Postgres).await;
    let lite = columns(&sqlite).await;
    let pg = columns(&postgres).await;
    for wanted in ["participants", "meetings", "audit_log"] {
        assert!(lite.contains_key(wanted) && pg.contains_key(wanted), "catalog read misses {wanted}");
    }
    let mut problems = Vec::new();
    for table in lite.keys().chain(pg.keys()).collect::<BTreeSet<_>>() {
        match (lite.get(table), pg.get(table)) {
            (Some(a), Some(b)) => {
                for column in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
                    match (a.get(column), b.get(column)) {
                        (Some(x), Some(y)) if x != y => {
                            problems.push(format!("{table}.{column}: NOT NULL on SQLite {x}, on PostgreSQL {y}"))
                        }
                        (Some(_), None) if !only_on(table, Some(column), "sqlite") => {
                            problems.push(format!("{table}.{column} only on SQLite"))
                        }
                        (None, Some(_)) if !only_on(table, Some(column), "postgres") => {
                            problems.push(format!("{table}.{column} only on PostgreSQL"))
                        }
                        _ => {}
                    }
                }
            }
            (Some(_), None) if !only_on(table, None, "sqlite") => {
                problems.push(format!("table {table} only on SQLite"))
            }
            (None, Some(_)) if !only_on(table, None, "postgres") => {
                problems.push(format!("table {table} only on PostgreSQL"))
            }
            (Some(_), None) | (None, Some(_)) => {}
            (None, None) => unreachable!("the table came from one of the two"),
        }
    }
    sqlite.close().await;
    postgres.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The migrations' text, as read above, is what the databases enforce: a CHECK
/// the reader missed, or one a later migration changed, would show up here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_lists_read_from_the_migrations_are_those_the_databases_enforce() {
    for (backend, folder) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
        let (store, _drop) = migrated(backend).await;
        let mut enforced = enforced_check_lists(&store).await;
        store.close().await;
        enforced.retain(|(table, _), _| !NOT_OURS.iter().any(|(t, _)| t == table));
        let read = migration_check_lists(folder);
        assert!(!read.is_empty(), "{folder}: no CHECK lists read");
        let differing: Vec<String> = read
            .keys()
            .chain(enforced.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|key| read.get(*key) != enforced.get(*key))
            .map(|key| {
                format!("{}.{}: migration text {:?}, catalog {:?}", key.0, key.1, read.get(key), enforced.get(key))
            })
            .collect();
        assert!(differing.is_empty(), "{folder}: CHECK lists read vs enforced:\n{}", differing.join("\n"));
    }
}

/// A database made by the first migration, holding a unit, a staff member with
/// an account, a participant with a relative, a contact person and a meeting,
/// keeps every row when the later migrations run (on SQLite they rebuild
/// tables that others reference), and then takes what the new schema allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn later_migrations_keep_the_rows_of_a_database_made_by_the_first() {
    for (backend, folder) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
        let url = fresh_database(backend).await;
        let _drop = DropDatabase(url.clone());
        let store = server::db::connect(&url).await.expect("connect");
        let mut first = sqlx::migrate::Migrator::new(migrations_dir(folder)).await.expect("migrations");
        first.migrations = first.migrations.iter().filter(|m| m.version == 1).cloned().collect();
        let now = "2026-01-05T09:00:00Z";
        let rows = [
            "INSERT INTO units (id, name) VALUES (1, 'Enhet A'), (2, 'Enhet B')".to_owned(),
            format!(
                "INSERT INTO staff (id, unit_id, name, role, created_at) VALUES (1, 1, 'Ada', 'supervisor', '{now}')"
            ),
            format!(
                "INSERT INTO accounts (id, role, staff_id, email, session_secret, created_at)
                 VALUES (1, 'staff', 1, 'ada@example.org', 's', '{now}')"
            ),
            format!(
                "INSERT INTO participants (id, unit_id, name, preferred_name, benefit_kind, dv_form, hours_per_week,
                     ladder_step, gender, entered_on, created_at)
                 VALUES (1, 1, 'Bo Berg', 'Bo', 'none', 'group', 20, 'group_activity', 'man', '2026-01-02', '{now}')"
            ),
            format!("INSERT INTO relatives (id, name, created_at) VALUES (1, 'Cia Berg', '{now}')"),
            "INSERT INTO participant_relatives (participant_id, relative_id, relation_kind, since)
             VALUES (1, 1, 'parent', '2026-01-02')"
                .to_owned(),
            format!(
                "INSERT INTO contact_persons (participant_id, staff_id, role_in_case, since, created_at)
                 VALUES (1, 1, 'Handledare', '2026-01-02', '{now}')"
            ),
            format!(
                "INSERT INTO meetings (participant_id, kind, title, starts_at, ends_at, place, bring, status,
                     participant_answer, created_at)
                 VALUES (1, 'check_in', 'Avstämning', '2026-01-10T09:00:00Z', '2026-01-10T10:00:00Z', 'Rum 1', '',
                     'planned', 'none', '{now}')"
            ),
        ];
        match &store {
            Store::Sqlite(SqliteDb { write: pool, .. }) => {
                first.run(pool).await.expect("first migration");
                for sql in &rows {
                    sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
                }
            }
            Store::Postgres(pool) => {
                first.run(pool).await.expect("first migration");
                for sql in &rows {
                    // PostgreSQL takes the ISO texts as timestamptz/date literals.
                    sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
                }
            }
        }
        server::db::migrate(&store).await.expect("the later migrations run on a database with rows");
        let count = |sql: &'static str| {
            let store = store.clone();
            async move {
                match &store {
                    Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await,
                    Store::Postgres(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await,
                }
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
            }
        };
        // Every row is still there, joined as before.
        let kept = "SELECT count(*) FROM participants p JOIN units u ON u.id = p.unit_id
                    JOIN contact_persons cp ON cp.participant_id = p.id JOIN staff s ON s.id = cp.staff_id
                    JOIN accounts a ON a.staff_id = s.id JOIN meetings m ON m.participant_id = p.id
                    JOIN participant_relatives pr ON pr.participant_id = p.id AND pr.ended_on IS NULL
                    WHERE p.name = 'Bo Berg' AND s.name = 'Ada' AND p.protected_identity = FALSE";
        assert_eq!(count(kept).await, 1, "{folder}: the rows and their links survive");
        // What the new schema allows, and what it still refuses.
        let execute = |sql: &'static str| {
            let store = store.clone();
            async move {
                match &store {
                    Store::Sqlite(SqliteDb { write: p, .. }) => sqlx::query(sql).execute(p).await.map(|_| ()),
                    Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
                }
            }
        };
        let manager = "INSERT INTO staff (id, unit_id, name, role, created_at)
                       VALUES (2, 1, 'Chef', 'unit_manager', '2026-01-05T09:00:00Z')";
        assert!(execute(manager).await.is_ok(), "{folder}: an enhetschef can be stored");
        let no_unit = "INSERT INTO staff (id, unit_id, name, role, created_at)
                       VALUES (3, NULL, 'Utan enhet', 'supervisor', '2026-01-05T09:00:00Z')";
        assert!(execute(no_unit).await.is_err(), "{folder}: only an administrator stands outside the units");
        let ended = "UPDATE participant_relatives SET ended_on = '2026-01-03' WHERE participant_id = 1";
        assert!(execute(ended).await.is_ok(), "{folder}: a link can end");
        let again = "INSERT INTO participant_relatives (participant_id, relative_id, relation_kind, since)
                     VALUES (1, 1, 'good_man', '2026-01-04')";
        assert!(execute(again).await.is_ok(), "{folder}: after the end, a new link to the same person");
        assert!(execute(again).await.is_err(), "{folder}: one open link per pair");
        store.close().await;
    }
}
