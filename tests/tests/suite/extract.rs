//! A register extract (registerutdrag, GDPR art. 15) of a demo participant
//! holds every row that names them, and nothing of anyone else.
//!
//! The test reads the schema at run time (sqlite_master, information_schema),
//! so a table a later migration adds is caught: every table must be in
//! [`TABLES`], either as one that holds the participant's rows (found by the
//! column rules of [`column_rules`] and, where those do not reach, a condition
//! of its own) or as one that holds nothing of theirs, with the reason. For
//! each of the participant's tables, the rows found in the database, every
//! column as stored (so columns a migration adds are compared too), must be
//! exactly the rows of the extract's JSON file, less the columns an extract
//! withholds ([`WITHHELD`]).

use app::texts::lix::lix;
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends, visible_text};
use serde_json::Value;
use std::collections::BTreeMap;

/// How one table's rows relate to a participant.
enum Relation {
    /// The participant's rows: what the column rules find, and the rows of
    /// this condition (`{p}` is the participant's id).
    Theirs(Option<&'static str>),
    /// Holds no personal data of the participant, and why.
    NotTheirs(&'static str),
}
use Relation::{NotTheirs, Theirs};

/// Every table of the schema. A table that is not here fails the test.
const TABLES: &[(&str, Relation)] = &[
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
    // Earlier values of their records: see `revision_condition`.
    ("revisions", Theirs(Some("{revisions}"))),
    ("audit_log", Theirs(None)),
    // Tables that hold no personal data of the participant.
    ("instance_meta", NotTheirs("settings of the installation (demo or not, schema facts)")),
    ("units", NotTheirs("the municipality's units: names only; the participant's unit is named in the context")),
    (
        "staff",
        NotTheirs("the municipality's employees, their own data; named in the context where a row refers to them"),
    ),
    (
        "external_contacts",
        NotTheirs("officers at the agencies, their own data; named in the context where a row refers to them"),
    ),
    ("programme_rounds", NotTheirs("the unit's programme: its rounds, for everyone in them")),
    ("programme_sessions", NotTheirs("the unit's programme: its sessions, for everyone in them")),
    (
        "sign_in_attempts",
        NotTheirs("failed and successful sign-ins, keyed by a keyed hash of an e-mail or address, never by person"),
    ),
    ("refusal_counts", NotTheirs("refused requests counted per hour and kind, no person")),
    ("retention_rules", NotTheirs("how long each kind of record is kept: settings, no person")),
    ("retention_never", NotTheirs("always empty: the lock a purge's marker can never pass at commit")),
    (
        "retention_purges",
        NotTheirs("a purge's marker, only inside the purge's own transaction: never committed, never read"),
    ),
    // The session store's table (SQLite: tower_sessions; PostgreSQL: schema
    // tower_sessions, table session): server-side state under a random id,
    // ending with the session; the account is only inside the library's
    // serialized record.
    ("tower_sessions", NotTheirs("sign-in sessions: state under a random id, gone when the session ends")),
    ("tower_sessions.session", NotTheirs("sign-in sessions: state under a random id, gone when the session ends")),
    ("_sqlx_migrations", NotTheirs("which migrations ran")),
];

/// Columns a register extract leaves out: the secrets that guard an account
/// (whoever holds the document could act as the participant), and the network
/// address and session of whoever acted (their data, GDPR art. 15.4).
const WITHHELD: &[(&str, &str)] = &[
    ("accounts", "password_hash"),
    ("accounts", "session_secret"),
    ("sign_in_codes", "code_hash"),
    ("passkeys", "credential"),
    ("totp_factors", "secret"),
    ("invitations", "token_hash"),
    // A phone's push address and keys: whoever holds them can send to it.
    ("push_subscriptions", "endpoint"),
    ("push_subscriptions", "p256dh"),
    ("push_subscriptions", "auth"),
    ("audit_log", "source"),
    ("audit_log", "session_ref"),
];

/// Revision record kinds, and the table each one's `record_id` points into.
const REVISION_KINDS: &[&str] = &[
    "meeting",
    "contact_person",
    "participant_dv",
    "participant_discharge",
    "participant_road",
    "transition_date",
    "attendance",
];

/// The column rules: a row names the participant by their id, by one of
/// their accounts, or through one of their meetings, plans or consents.
fn column_rules(column: &str, p: i64) -> Option<String> {
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

/// Revisions of the participant's records. An attendance mark's revision
/// points at the session; the participant is named in the kept value.
fn revision_condition(app: &TestApp, p: i64) -> String {
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

fn sqlite(app: &TestApp) -> bool {
    app.database_url.starts_with("sqlite")
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar(sql).fetch_all(p).await.expect(sql)
        }
        app::server::Store::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.expect(sql),
    }
}

/// Every table of the database and its columns in order, read from the catalog.
async fn schema(app: &TestApp) -> BTreeMap<String, Vec<String>> {
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

/// The rows of `table` that meet `condition`, each whole (every column) as JSON.
async fn rows_as_json(app: &TestApp, table: &str, columns: &[String], condition: &str) -> Vec<Value> {
    let sql = if sqlite(app) {
        let fields: Vec<String> = columns.iter().map(|c| format!("'{c}', t.\"{c}\"")).collect();
        format!("SELECT json_object({}) FROM {table} t WHERE {condition}", fields.join(", "))
    } else {
        format!("SELECT to_jsonb(t)::text FROM {table} t WHERE {condition}")
    };
    strings(app, &sql).await.iter().map(|j| serde_json::from_str(j).expect("a row as JSON")).collect()
}

fn without_withheld(table: &str, mut row: Value) -> Value {
    if let Some(fields) = row.as_object_mut() {
        for (_, column) in WITHHELD.iter().filter(|(t, _)| *t == table) {
            fields.remove(*column);
        }
    }
    row
}

fn id_of(row: &Value) -> String {
    row.get("id").map(|v| v.to_string()).unwrap_or_else(|| row.to_string())
}

/// Fills the participant's record through the app, as staff and the
/// participant would, so the extract has rows in as many tables as it can:
/// a sign-in code and sign-in, a meeting with a relative asked and moved (a
/// revision) and answered, a plan version, a step, DV hours changed (a
/// revision), attendance marked and corrected (a revision), a contact person
/// added and changed (a revision), a relative added and a consent shared.
async fn fill_the_record(app: &TestApp, p: i64) {
    let ps = p.to_string();
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let participant = app.participant_client(p).await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let week = (today + chrono::Days::new(7)).to_string();
    let ok = |what: &str, response: &reqwest::Response| {
        assert!(response.status().is_success(), "set-up: {what} ({})", response.status());
    };
    let relative =
        app.scalar_i64(&format!("SELECT min(relative_id) FROM participant_relatives WHERE participant_id = {p}")).await;
    let relative_box = format!("attendees[r{relative}]");
    let made = app
        .call(
            &staff,
            "create_meeting",
            &[
                ("participant_id", &ps),
                ("kind", "check_in"),
                ("title", "Avstämning om utdraget"),
                ("date", &week),
                ("start", "09:00"),
                ("end", "10:00"),
                ("place", "Rum 1"),
                (&relative_box, "on"),
            ],
        )
        .await;
    ok("a meeting", &made);
    let meeting = app.scalar_i64(&format!("SELECT max(id) FROM meetings WHERE participant_id = {p}")).await.to_string();
    let moved = app
        .call(
            &staff,
            "reschedule_meeting",
            &[("participant_id", &ps), ("meeting_id", &meeting), ("date", &week), ("start", "13:00"), ("end", "14:00")],
        )
        .await;
    ok("the meeting moved", &moved);
    ok("an answer", &app.call(&participant, "answer_meeting", &[("meeting_id", &meeting), ("answer", "coming")]).await);
    let plan = app
        .call(
            &staff,
            "save_plan",
            &[
                ("participant_id", &ps),
                ("goal", "Arbeta i ett kafé"),
                ("reason", "Jag tycker om att möta människor."),
                ("from", &today.to_string()),
                ("days_per_week", "4"),
                ("hours_per_week", "20"),
                ("activities", "Programmets träffar"),
                ("follow_up_on", &week),
                ("follow_up_what", "Uppföljning"),
            ],
        )
        .await;
    ok("a plan version", &plan);
    let step = [("participant_id", ps.as_str()), ("step", "work_prep_programme"), ("on", &today.to_string())];
    ok("a step", &app.call(&staff, "record_step", &step).await);
    let hours = app.scalar_i64(&format!("SELECT hours_per_week FROM participants WHERE id = {p}")).await;
    let other_hours = if hours == 20 { "25" } else { "20" };
    let dv = [
        ("participant_id", ps.as_str()),
        ("dv_form", "group"),
        ("hours_per_week", other_hours),
        ("on", &today.to_string()),
    ];
    ok("DV hours", &app.call(&staff, "change_dv", &dv).await);
    let job = [
        ("participant_id", ps.as_str()),
        ("starts_on", &today.to_string()),
        ("hours_per_week", "15"),
        ("employer_kind", "public"),
    ];
    ok("a job", &app.call(&staff, "add_employment", &job).await);
    let sus = [
        ("participant_id", ps.as_str()),
        ("starts_on", &today.to_string()),
        ("occupation_before", "daily_activity"),
        ("income_before", "activity_compensation"),
        ("education", "compulsory"),
        ("time_in_support", "over_5"),
    ];
    ok("SUS's start", &app.call(&staff, "start_sus", &sus).await);
    let road = app.scalar_text(&format!("SELECT road FROM participants WHERE id = {p}")).await;
    let other_road = if road == "asf" { "af_fk" } else { "asf" };
    ok("the road", &app.call(&staff, "change_road", &[("participant_id", ps.as_str()), ("road", other_road)]).await);
    // A date of the transition, then a new one in its place (the first is kept in revisions).
    for on in [week.as_str(), &today.to_string()] {
        let date = [("participant_id", ps.as_str()), ("kind", "handover_end"), ("starts_on", on)];
        ok("a transition date", &app.call(&staff, "record_transition_date", &date).await);
    }
    let session = app
        .scalar_i64(&format!(
            "SELECT min(s.id) FROM programme_sessions s JOIN enrolments e ON e.round_id = s.round_id
              WHERE e.participant_id = {p} AND e.status = 'enrolled'"
        ))
        .await
        .to_string();
    let mark = format!("marks[{p}]");
    for value in ["present", "absent_notified"] {
        ok("attendance", &app.call(&staff, "record_attendance", &[("session_id", &session), (&mark, value)]).await);
    }
    let contact = [
        ("participant_id", ps.as_str()),
        ("who", "new"),
        ("role_in_case", "Din handläggare"),
        ("since", &today.to_string()),
        ("new_name", "Påhittad Handläggare"),
        ("new_organisation", "fk"),
        ("new_title", "Handläggare"),
    ];
    ok("a contact person", &app.call(&staff, "add_contact_person", &contact).await);
    let contact_id = app.scalar_i64(&format!("SELECT max(id) FROM contact_persons WHERE participant_id = {p}")).await;
    let role =
        [("participant_id", ps.as_str()), ("contact_id", &contact_id.to_string()), ("role_in_case", "Din kontakt")];
    ok("a contact's role changed", &app.call(&staff, "change_contact_role", &role).await);
    let added = [("participant_id", ps.as_str()), ("name", "Påhittad Kusin"), ("relation", "other_relative")];
    ok("a relative", &app.call(&staff, "add_relative", &added).await);
    let consent = [
        ("participant_id", ps.as_str()),
        ("scope", "share_with_relative"),
        ("relative_id", &relative.to_string()),
        ("sections[meetings]", "on"),
        ("method", "oral"),
        ("given_on", &today.to_string()),
    ];
    ok("a consent", &app.call(&staff, "add_consent", &consent).await);
    // Reminders: the participant's phone, their choice, a test message waiting to go.
    let phone = [
        ("endpoint", "https://fcm.googleapis.com/fcm/send/extract-test-phone"),
        ("p256dh", "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
        ("auth", "BTBZMqHH6r4Tts7J_aSIgg"),
    ];
    ok("a phone for reminders", &app.call(&participant, "subscribe_push", &phone).await);
    let choice = [("day_before", "on"), ("by_push", "on")];
    ok("a choice of reminders", &app.call(&participant, "save_reminders", &choice).await);
    ok("a test reminder", &app.call(&participant, "test_reminder", &[]).await);
    // The participant reads their own pages: audit rows with them as the actor.
    for page in ["/", "/min-plan", "/moten"] {
        let response = participant.get(app.url(page)).header("accept", "text/html").send().await.expect("page");
        assert_eq!(response.status(), StatusCode::OK, "{page}");
    }
}

/// Rows no page makes for a participant, planted in the database so that
/// every table of theirs has a row to compare (a passkey needs a WebAuthn
/// ceremony; an authenticator app and an invitation are for staff; a unit move
/// needs a second unit's staff), with secrets the extract must withhold; and
/// another participant's link to the same relative, which it must leave out.
async fn plant_rows(app: &TestApp, p: i64) {
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {p}")).await;
    let relative =
        app.scalar_i64(&format!("SELECT min(relative_id) FROM participant_relatives WHERE participant_id = {p}")).await;
    let other = app
        .scalar_i64(&format!(
            "SELECT min(id) FROM participants WHERE id <> {p}
               AND id NOT IN (SELECT participant_id FROM participant_relatives WHERE relative_id = {relative})"
        ))
        .await;
    let at = "'2026-01-05T10:00:00+00:00'";
    for sql in [
        format!(
            "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
             VALUES ({account}, 'extract-test-credential', '{SECRETS_0}', 'Mobilen', {at})"
        ),
        format!("INSERT INTO totp_factors (account_id, secret, created_at) VALUES ({account}, '{SECRETS_1}', {at})"),
        format!(
            "INSERT INTO invitations (account_id, token_hash, expires_at, created_by, created_at)
             VALUES ({account}, '{SECRETS_2}', {at}, {account}, {at})"
        ),
        format!(
            "INSERT INTO unit_moves (participant_id, from_unit_id, to_unit_id, moved_by, moved_at)
             VALUES ({p}, (SELECT max(id) FROM units), (SELECT unit_id FROM participants WHERE id = {p}), NULL, {at})"
        ),
        format!(
            "INSERT INTO extended_support (participant_id, employer, starts_on, ends_on, consent_id, created_at)
             VALUES ({p}, 'Kaféet', '2026-01-05', '2027-01-05',
                     (SELECT min(id) FROM consents WHERE participant_id = {p}), {at})"
        ),
        format!(
            "INSERT INTO expressions_of_interest (participant_id, note, created_at, handled_at)
             VALUES ({p}, 'Frågade vid mötet', {at}, {at})"
        ),
        format!(
            "INSERT INTO participant_relatives (participant_id, relative_id, relation_kind, since)
             VALUES ({other}, {relative}, 'sibling', '2026-01-05')"
        ),
    ] {
        app.execute(&sql).await;
    }
}

/// Planted secrets: none may be in the extract.
const SECRETS_0: &str = "passkey-credential-not-for-the-extract";
const SECRETS_1: &str = "TOTPSECRETNOTFORTHEEXTRACT";
const SECRETS_2: &str = "invitation-token-hash-not-for-the-extract";

/// A demo participant with a network, contact persons and a place in a round.
async fn demo_participant(app: &TestApp) -> i64 {
    let p = app
        .scalar_i64(
            "SELECT coalesce(min(p.id), 0) FROM participants p
              WHERE p.discharged_on IS NULL AND NOT p.protected_identity
                AND p.unit_id = (SELECT min(id) FROM units)
                AND EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id AND e.status = 'enrolled')
                AND EXISTS (SELECT 1 FROM participant_relatives r WHERE r.participant_id = p.id AND r.ended_on IS NULL)
                AND EXISTS (SELECT 1 FROM contact_persons c WHERE c.participant_id = p.id AND c.until IS NULL
                              AND c.staff_id IS NOT NULL)",
        )
        .await;
    assert_ne!(p, 0, "the demo data has an enrolled participant with relatives and contact persons");
    p
}

async fn the_extract_holds_every_row_that_names_the_participant(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = demo_participant(&app).await;
    fill_the_record(&app, p).await;
    plant_rows(&app, p).await;
    let account_secrets = strings(
        &app,
        &format!(
            "SELECT session_secret FROM accounts WHERE participant_id = {p}
             UNION ALL SELECT code_hash FROM sign_in_codes
              WHERE account_id IN (SELECT id FROM accounts WHERE participant_id = {p})"
        ),
    )
    .await;

    // The extract, as staff of the unit download it.
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let response = staff.get(app.url(&format!("/personal/deltagare/{p}/registerutdrag.json"))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(response.headers()["cache-control"], "no-store", "no copy is kept on the way");
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body = response.text().await.expect("the extract");
    for secret in account_secrets.iter().map(String::as_str).chain([SECRETS_0, SECRETS_1, SECRETS_2]) {
        assert!(!body.contains(secret), "the extract withholds the secrets that guard the account");
    }
    let extract: Value = serde_json::from_str(&body).expect("the extract is JSON");
    assert_eq!(extract["register_extract"]["participant_id"], p);

    // Making it is on record, as an export of this participant's data.
    let export = format!(
        "request_id = '{request_id}' AND action = 'export' AND record_kind = 'register_extract'
         AND subject_participant_id = {p} AND outcome = 'allowed'"
    );
    assert_eq!(app.audit_count(&export).await, 1, "the extract is audited as an export");

    let mut sections: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut named_columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for section in extract["sections"].as_array().expect("sections") {
        let table = section["table"].as_str().expect("a section names its table").to_owned();
        let rows = section["rows"].as_array().expect("rows").clone();
        let columns = section["columns"].as_array().expect("columns").iter().map(|c| c.as_str().unwrap().to_owned());
        named_columns.insert(table.clone(), columns.collect());
        assert!(sections.insert(table.clone(), rows).is_none(), "one section for {table}");
    }

    let mut wrong = Vec::new();
    let mut counts = Vec::new();
    let revisions = revision_condition(&app, p);
    for (table, columns) in schema(&app).await {
        let Some((_, relation)) = TABLES.iter().find(|(t, _)| *t == table) else {
            wrong.push(format!(
                "table {table}: the extract test does not know how it relates to a participant. Add it to TABLES \
                 in tests/tests/suite/extract.rs, and if it can hold their data, to the register extract \
                 (SOURCES in app/src/server/storage/extract.rs)"
            ));
            continue;
        };
        let mut conditions: Vec<String> = columns.iter().filter_map(|c| column_rules(c, p)).collect();
        match relation {
            NotTheirs(why) => {
                if sections.contains_key(&table) {
                    wrong
                        .push(format!("table {table} holds nothing of the participant, yet the extract has a section"));
                }
                if !conditions.is_empty() {
                    let found = rows_as_json(&app, &table, &columns, &conditions.join(" OR ")).await;
                    if !found.is_empty() {
                        wrong.push(format!(
                            "table {table} is listed as holding nothing of the participant ({why}), but {} rows name them",
                            found.len()
                        ));
                    }
                }
                continue;
            }
            Theirs(own) => {
                conditions.extend(own.map(|c| c.replace("{p}", &p.to_string()).replace("{revisions}", &revisions)))
            }
        }
        if conditions.is_empty() {
            wrong.push(format!("table {table}: no column rule or condition finds the participant's rows"));
            continue;
        }
        let condition = conditions.iter().map(|c| format!("({c})")).collect::<Vec<_>>().join(" OR ");
        let mut expected: Vec<Value> = rows_as_json(&app, &table, &columns, &condition)
            .await
            .into_iter()
            .map(|r| without_withheld(&table, r))
            .collect();
        // The extract's own audit row is written as it commits, after the read.
        if table == "audit_log" {
            expected.retain(|r| r["request_id"] != request_id.as_str());
        }
        let Some(got) = sections.remove(&table) else {
            wrong.push(format!("table {table}: the extract has no section for it"));
            continue;
        };
        counts.push(format!("{table} {}", expected.len()));
        // Every column the schema has today, in its order, less the withheld.
        let shown: Vec<String> =
            columns.iter().filter(|c| !WITHHELD.contains(&(table.as_str(), c.as_str()))).cloned().collect();
        if named_columns.get(&table) != Some(&shown) {
            wrong.push(format!(
                "table {table}: the extract names columns {:?}, the schema has {shown:?}",
                named_columns.get(&table)
            ));
        }
        for row in &got {
            for (_, column) in WITHHELD.iter().filter(|(t, _)| *t == table) {
                if row.get(*column).is_some() {
                    wrong.push(format!("table {table}: the extract shows {column}, which it must withhold"));
                }
            }
        }
        let mut unmatched = got;
        for row in expected {
            match unmatched.iter().position(|g| *g == row) {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => wrong.push(format!(
                    "table {table}: row {} is missing from the extract (or differs): {row}",
                    id_of(&row)
                )),
            }
        }
        for row in unmatched {
            wrong.push(format!("table {table}: the extract has row {}, which is not the participant's", id_of(&row)));
        }
    }
    for table in sections.keys() {
        wrong.push(format!("the extract has a section for {table}, which the schema does not have"));
    }
    // Only kinds whose record the test can place.
    for kind in strings(&app, "SELECT DISTINCT record_kind FROM revisions").await {
        if !REVISION_KINDS.contains(&kind.as_str()) {
            wrong.push(format!("revisions of kind {kind}: the extract test does not know whose record they are"));
        }
    }
    println!("rows of participant {p} by table: {}", counts.join(", "));
    assert!(wrong.is_empty(), "{} problems:\n{}", wrong.len(), wrong.join("\n"));

    // Not an empty comparison: every table of the participant's has rows in this test.
    for (table, relation) in TABLES {
        let Some(section) = extract["sections"].as_array().unwrap().iter().find(|s| s["table"] == *table) else {
            continue; // a table of a schema this database does not have
        };
        if matches!(relation, Theirs(_)) {
            assert!(!section["rows"].as_array().unwrap().is_empty(), "the test gives {table} a row to compare");
        }
    }
    // Every kind of revision the record made is there.
    let kinds: Vec<&str> = extract["sections"].as_array().unwrap().iter().find(|s| s["table"] == "revisions").unwrap()
        ["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["record_kind"].as_str())
        .collect();
    for kind in ["meeting", "participant_dv", "attendance", "contact_person"] {
        assert!(kinds.contains(&kind), "a revision of kind {kind} in the extract ({kinds:?})");
    }
}

/// The printable page: an easy-read cover (LIX ≤ 30) and every part, audited as an export.
async fn the_page_has_an_easy_cover_and_every_part(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = demo_participant(&app).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let overview = staff.get(app.url(&format!("/personal/deltagare/{p}"))).send().await.unwrap().text().await.unwrap();
    assert!(overview.contains(&format!("href=\"/personal/deltagare/{p}/registerutdrag\"")), "the record links to it");

    let response = staff
        .get(app.url(&format!("/personal/deltagare/{p}/registerutdrag")))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let html = response.text().await.unwrap();
    let cover = html.split("class=\"extract-cover\"").nth(1).expect("a cover").split("</section>").next().unwrap();
    let cover_text = visible_text(&format!("<main>{}</main>", cover.split_once('>').unwrap().1));
    let score = lix(&cover_text);
    println!("cover LIX {score:.1}:\n{cover_text}");
    assert!(score <= 30.0, "the cover reads easily: LIX {score:.1}\n{cover_text}");
    assert!(cover_text.contains("Det här är dina uppgifter"));
    for title in
        ["Personuppgifter", "Den gemensamma planen", "Möten", "Samtycken", "Vem har läst och ändrat", "Om behandlingen"]
    {
        assert!(html.contains(title), "the page has {title}");
    }
    assert!(
        html.contains(&format!("href=\"/personal/deltagare/{p}/registerutdrag.json\"")),
        "the file is one link away"
    );
    let export = format!(
        "request_id = '{request_id}' AND action = 'export' AND record_kind = 'register_extract' AND subject_participant_id = {p}"
    );
    assert_eq!(app.audit_count(&export).await, 1, "showing the page is the export, on record");
}

/// Skyddade personuppgifter: as for the record, only the participant's contact
/// persons make an extract; other staff of the unit (the enhetschef too) are
/// refused, on record. Staff of another unit are refused.
async fn shielded_participants_follow_the_record(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = demo_participant(&app).await;
    app.execute(&format!("UPDATE participants SET protected_identity = (1 = 1) WHERE id = {p}")).await;
    let unit = app.scalar_i64(&format!("SELECT unit_id FROM participants WHERE id = {p}")).await;
    let contact = app
        .scalar_text(&format!(
            "SELECT min(a.email) FROM accounts a JOIN contact_persons c ON c.staff_id = a.staff_id
              WHERE c.participant_id = {p} AND c.until IS NULL"
        ))
        .await;
    let manager = app
        .scalar_text(&format!(
            "SELECT min(a.email) FROM accounts a JOIN staff s ON s.id = a.staff_id
              WHERE s.unit_id = {unit} AND s.role = 'unit_manager'
                AND NOT EXISTS (SELECT 1 FROM contact_persons c WHERE c.staff_id = s.id AND c.participant_id = {p}
                                  AND c.until IS NULL)"
        ))
        .await;
    let other_unit = app.staff_email_for_participant(app.participant_in_unit(2, 0).await).await;
    let path = format!("/personal/deltagare/{p}/registerutdrag.json");
    let contact = app.staff_client(&contact).await;
    assert_eq!(contact.get(app.url(&path)).send().await.unwrap().status(), StatusCode::OK, "a contact person");
    for (who, email) in [("the enhetschef, not a contact person", manager), ("staff of another unit", other_unit)] {
        let client = app.staff_client(&email).await;
        let response = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
        let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body = response.text().await.unwrap();
        assert!(!body.contains("personal_number"), "{who}: nothing of the record");
        let denied = app.audit_count(&format!("request_id = '{request_id}' AND outcome = 'denied'")).await;
        assert_eq!(denied, 1, "{who}: the refusal is on record");
    }
    // Not signed in: sign in first.
    let anonymous = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

on_both_backends!(
    the_extract_holds_every_row_that_names_the_participant,
    the_page_has_an_easy_cover_and_every_part,
    shielded_participants_follow_the_record,
);
