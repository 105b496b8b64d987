//! Runs the seed on fresh SQLite and PostgreSQL databases (`make test` starts
//! PostgreSQL), letting the schema's constraints judge the rows.

use super::dates::at;
use super::{DemoSummary, demo_municipality};
use crate::domain::LadderStep;
use crate::server::storage::Store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;
use std::str::FromStr;

/// The migrations in order (the server's `db::migrate` is in the server crate).
const SQLITE_SCHEMA: [&str; 16] = [
    include_str!("../../../../../server/migrations/sqlite/0001_schema.sql"),
    include_str!("../../../../../server/migrations/sqlite/0002_in_service.sql"),
    include_str!("../../../../../server/migrations/sqlite/0003_audit_chain.sql"),
    include_str!("../../../../../server/migrations/sqlite/0004_sign_in_limits.sql"),
    include_str!("../../../../../server/migrations/sqlite/0005_log_follow_up.sql"),
    include_str!("../../../../../server/migrations/sqlite/0006_retention.sql"),
    include_str!("../../../../../server/migrations/sqlite/0007_hot_path_indexes.sql"),
    include_str!("../../../../../server/migrations/sqlite/0008_planned_assessments.sql"),
    include_str!("../../../../../server/migrations/sqlite/0009_roads_and_clocks.sql"),
    include_str!("../../../../../server/migrations/sqlite/0010_dv_changes.sql"),
    include_str!("../../../../../server/migrations/sqlite/0011_follow_up.sql"),
    include_str!("../../../../../server/migrations/sqlite/0012_employments.sql"),
    include_str!("../../../../../server/migrations/sqlite/0013_steering_group.sql"),
    include_str!("../../../../../server/migrations/sqlite/0014_sus.sql"),
    include_str!("../../../../../server/migrations/sqlite/0015_follow_up_indexes.sql"),
    include_str!("../../../../../server/migrations/sqlite/0016_reminders.sql"),
];
const POSTGRES_SCHEMA: [&str; 16] = [
    include_str!("../../../../../server/migrations/postgres/0001_schema.sql"),
    include_str!("../../../../../server/migrations/postgres/0002_in_service.sql"),
    include_str!("../../../../../server/migrations/postgres/0003_audit_chain.sql"),
    include_str!("../../../../../server/migrations/postgres/0004_sign_in_limits.sql"),
    include_str!("../../../../../server/migrations/postgres/0005_log_follow_up.sql"),
    include_str!("../../../../../server/migrations/postgres/0006_retention.sql"),
    include_str!("../../../../../server/migrations/postgres/0007_hot_path_indexes.sql"),
    include_str!("../../../../../server/migrations/postgres/0008_planned_assessments.sql"),
    include_str!("../../../../../server/migrations/postgres/0009_roads_and_clocks.sql"),
    include_str!("../../../../../server/migrations/postgres/0010_dv_changes.sql"),
    include_str!("../../../../../server/migrations/postgres/0011_follow_up.sql"),
    include_str!("../../../../../server/migrations/postgres/0012_employments.sql"),
    include_str!("../../../../../server/migrations/postgres/0013_steering_group.sql"),
    include_str!("../../../../../server/migrations/postgres/0014_sus.sql"),
    include_str!("../../../../../server/migrations/postgres/0015_follow_up_indexes.sql"),
    include_str!("../../../../../server/migrations/postgres/0016_reminders.sql"),
];

const TABLES: [&str; 26] = [
    "units",
    "staff",
    "accounts",
    "external_contacts",
    "participants",
    "contact_persons",
    "joint_plans",
    "plan_activities",
    "plan_follow_ups",
    "meetings",
    "meeting_attendees",
    "ladder_moves",
    "dv_changes",
    "employments",
    "sus_registrations",
    "relatives",
    "participant_relatives",
    "consents",
    "extended_support",
    "programme_rounds",
    "programme_sessions",
    "enrolments",
    "expressions_of_interest",
    "attendance",
    "revisions",
    "demo_accounts",
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

async fn seed(store: &Store, today: NaiveDate) -> DemoSummary {
    let mut tx = store.begin().await.unwrap();
    let mut n = 0;
    let mut secret = || {
        n += 1;
        format!("secret-{n}")
    };
    let summary = demo_municipality(&mut tx, today, "$argon2id$v=19$demo", &mut secret).await.unwrap();
    tx.commit().await.unwrap();
    summary
}

async fn sqlite() -> (Store, sqlx::SqlitePool) {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str("sqlite::memory:").unwrap().foreign_keys(true);
    // One connection: an in-memory database lives and dies with its connection.
    let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    for sql in SQLITE_SCHEMA {
        sqlx::raw_sql(sql).execute(&pool).await.unwrap();
    }
    (Store::Sqlite(crate::server::SqliteDb::single(pool.clone())), pool)
}

async fn count(pool: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn fills_sqlite_consistently() {
    for today in ["2026-05-14", "2026-03-27", "2026-10-23", "2025-12-30", "2028-02-29", "2026-06-13", "2026-06-14"] {
        let today = date(today);
        let (store, pool) = sqlite().await;
        let summary = seed(&store, today).await;
        assert_eq!((summary.participants, summary.staff), (54, 13));
        assert_eq!(count(&pool, "SELECT count(*) FROM meetings").await, summary.meetings as i64);
        assert_eq!(count(&pool, "SELECT count(*) FROM accounts").await, 54 + 13 + 10);
        assert_eq!(count(&pool, "SELECT count(*) FROM demo_accounts").await, 13 + 10 + 3 + 1 + 10);
        // Written through the app's write paths, yet nothing was corrected: no earlier versions.
        assert_eq!(count(&pool, "SELECT count(*) FROM revisions").await, 0);
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&pool).await.unwrap();
        assert!(broken.is_empty(), "{broken:?}");

        // The first participant of each unit meets someone 2-5 days from today.
        let firsts: Vec<i64> =
            sqlx::query_scalar("SELECT min(id) FROM participants GROUP BY unit_id").fetch_all(&pool).await.unwrap();
        assert_eq!(firsts.len(), 2);
        for pid in firsts {
            let starts: Vec<DateTime<Utc>> =
                sqlx::query_scalar("SELECT starts_at FROM meetings WHERE participant_id = $1 AND status = 'planned'")
                    .bind(pid)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            assert!(
                starts.iter().any(|s| {
                    let d = (s.with_timezone(&Stockholm).date_naive() - today).num_days();
                    (2..=5).contains(&d)
                }),
                "{today}: participant {pid} has {starts:?}"
            );
        }

        // Ladder history: starts at group activity, follows next_steps, ends at the current step.
        let rows: Vec<(i64, Option<String>, String, NaiveDate)> = sqlx::query_as(
            "SELECT participant_id, from_step, to_step, moved_on FROM ladder_moves ORDER BY participant_id, id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let ways: std::collections::HashMap<i64, crate::domain::Way> =
            sqlx::query_as::<_, (i64, crate::domain::Road, crate::domain::BenefitKind)>(
                "SELECT id, road, benefit_kind FROM participants",
            )
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(id, road, benefit)| (id, crate::domain::Way::new(road, benefit)))
            .collect();
        let mut last: Option<(i64, String, NaiveDate)> = None;
        for (pid, from, to, on) in rows {
            match &last {
                Some((lp, lt, ld)) if *lp == pid => {
                    assert_eq!(from.as_deref(), Some(lt.as_str()));
                    let from = LadderStep::parse(lt).unwrap();
                    let way = ways[&pid];
                    assert!(
                        way.next_steps(from).contains(&LadderStep::parse(&to).unwrap()),
                        "{way:?}: {from:?} -> {to}"
                    );
                    assert!(on > *ld);
                }
                _ => assert_eq!((from, to.as_str()), (None, "group_activity")),
            }
            assert!(on < today);
            last = Some((pid, to, on));
        }
        let mismatched = count(
            &pool,
            "SELECT count(*) FROM participants p WHERE p.ladder_step <> (SELECT to_step FROM ladder_moves m
             WHERE m.participant_id = p.id ORDER BY m.id DESC LIMIT 1)",
        )
        .await;
        assert_eq!(mismatched, 0);

        // Nothing was recorded in the future.
        let midnight = at(today, 0, 0);
        for (table, column) in [
            ("participants", "created_at"),
            ("contact_persons", "created_at"),
            ("joint_plans", "created_at"),
            ("ladder_moves", "recorded_at"),
            ("consents", "recorded_at"),
            ("meetings", "created_at"),
            ("meetings", "answered_at"),
            ("meetings", "updated_at"),
            ("programme_rounds", "created_at"),
            ("enrolments", "created_at"),
            ("expressions_of_interest", "created_at"),
            ("extended_support", "created_at"),
        ] {
            let all: Vec<Option<DateTime<Utc>>> =
                sqlx::query_scalar(&format!("SELECT {column} FROM {table}")).fetch_all(&pool).await.unwrap();
            assert!(all.iter().flatten().all(|t| *t < midnight), "{today}: {table}.{column}");
        }
        let (enrolled, waiting): (i64, i64) = sqlx::query_as(
            "SELECT sum(status = 'enrolled'), sum(status = 'waiting') FROM enrolments e
             JOIN programme_rounds r ON r.id = e.round_id WHERE r.unit_id = (SELECT min(id) FROM units)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!((enrolled, waiting), (6, 3));
        let stale = count(
            &pool,
            "SELECT count(*) FROM programme_rounds r
             WHERE r.enrolled <> (SELECT count(*) FROM enrolments e
                                  WHERE e.round_id = r.id AND e.status IN ('enrolled', 'completed'))",
        )
        .await;
        assert_eq!(stale, 0);
    }
}

#[tokio::test]
async fn same_day_same_data() {
    let dump = |pool: sqlx::SqlitePool| async move {
        let rows: Vec<(String, String, DateTime<Utc>, Option<String>)> = sqlx::query_as(
            "SELECT p.name, m.title, m.starts_at, m.place FROM meetings m JOIN participants p ON p.id = m.participant_id
             ORDER BY m.id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let demo: Vec<String> = sqlx::query_scalar("SELECT description FROM demo_accounts ORDER BY account_id")
            .fetch_all(&pool)
            .await
            .unwrap();
        (rows, demo)
    };
    let today = date("2026-05-14");
    let (a, pa) = sqlite().await;
    seed(&a, today).await;
    let (b, pb) = sqlite().await;
    seed(&b, today).await;
    assert_eq!(dump(pa).await, dump(pb).await);
}

#[tokio::test]
async fn fills_postgres() {
    let admin =
        std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("mina_steg_seed_{}", std::process::id());
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
    let db = sqlx::PgPool::connect(&format!("{base}/{name}")).await.unwrap();
    for sql in POSTGRES_SCHEMA {
        sqlx::raw_sql(sql).execute(&db).await.unwrap();
    }
    let store = Store::Postgres(db.clone());
    seed(&store, date("2026-05-14")).await;
    let (lite, lite_pool) = sqlite().await;
    seed(&lite, date("2026-05-14")).await;
    // The same rows on both backends.
    for table in TABLES {
        let sql = format!("SELECT count(*) FROM {table}");
        let pg: i64 = sqlx::query_scalar(&sql).fetch_one(&db).await.unwrap();
        assert_eq!(pg, count(&lite_pool, &sql).await, "{table}");
    }
    // Migration 0010 made `dv_changes` from the revisions of the changes made
    // before it: replayed here on one participant with two such revisions.
    let p: i64 = sqlx::query_scalar("SELECT min(id) FROM participants").fetch_one(&db).await.unwrap();
    let now: (String, i64) = sqlx::query_as("SELECT dv_form, hours_per_week FROM participants WHERE id = $1")
        .bind(p)
        .fetch_one(&db)
        .await
        .unwrap();
    let expected = vec![
        "2026-01-05 group individual_placement 10 20".to_owned(),
        format!("2026-02-05 individual_placement {} 20 {}", now.0, now.1),
    ];
    let setup = [
        format!("DELETE FROM dv_changes WHERE participant_id = {p}"),
        format!(
            "INSERT INTO revisions (record_kind, record_id, old_value, changed_at) VALUES
             ('participant_dv', {p}, '{{\"dv_form\":\"group\",\"hours_per_week\":10}}', '2026-01-05T10:00:00+00:00'),
             ('participant_dv', {p}, '{{\"dv_form\":\"individual_placement\",\"hours_per_week\":20}}',
              '2026-02-05T22:30:00+00:00')"
        ),
    ];
    let replay = |migration: &str| {
        format!("INSERT INTO dv_changes{}", migration.split("INSERT INTO dv_changes").nth(1).unwrap())
    };
    let rows = format!(
        "SELECT changed_on || ' ' || from_form || ' ' || to_form || ' ' || from_hours || ' ' || to_hours
         FROM dv_changes WHERE participant_id = {p} ORDER BY id"
    );
    for sql in setup.iter().cloned().chain([replay(POSTGRES_SCHEMA[9])]) {
        sqlx::raw_sql(&sql).execute(&db).await.unwrap();
    }
    let pg: Vec<String> = sqlx::query_scalar(&rows).fetch_all(&db).await.unwrap();
    assert_eq!(pg, expected);
    for sql in setup.iter().cloned().chain([replay(SQLITE_SCHEMA[9])]) {
        sqlx::raw_sql(&sql).execute(&lite_pool).await.unwrap();
    }
    let lite: Vec<String> = sqlx::query_scalar(&rows).fetch_all(&lite_pool).await.unwrap();
    assert_eq!(lite, expected);
    db.close().await;
    // FORCE: the closed pool's sessions may not have ended yet.
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(&pool).await.unwrap();
}

/// The month of log rows: oldest first, all before today, and the only rows at
/// night are the planted access, by one staff member who is no contact person
/// of the participants she opens.
#[tokio::test]
async fn the_log_month_plants_one_night() {
    let today = date("2026-05-14");
    let (store, pool) = sqlite().await;
    let summary = seed(&store, today).await;
    let rows = &summary.history;
    assert!(rows.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
    assert!(rows.iter().all(|r| r.at < at(today, 0, 0)), "nothing today or later");
    let night: Vec<_> = rows
        .iter()
        .filter(|r| {
            use chrono::Timelike;
            let hour = r.at.with_timezone(&Stockholm).hour();
            r.actor_role == "staff" && !(6..22).contains(&hour)
        })
        .collect();
    assert_eq!(night.len(), 8 + 2 + 5 * 8 + 8 + 2, "the planted looks, every part of them");
    let actor = night[0].actor_account_id.unwrap();
    assert!(night.iter().all(|r| r.actor_account_id == Some(actor)));
    let staff_id: i64 =
        sqlx::query_scalar("SELECT staff_id FROM accounts WHERE id = $1").bind(actor).fetch_one(&pool).await.unwrap();
    for r in &night {
        let contact: i64 =
            sqlx::query_scalar("SELECT count(*) FROM contact_persons WHERE participant_id = $1 AND staff_id = $2")
                .bind(r.subject_participant_id)
                .bind(staff_id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(contact, 0, "she is no contact person of participant {:?}", r.subject_participant_id);
    }
    let subjects: std::collections::BTreeSet<_> = night.iter().filter_map(|r| r.subject_participant_id).collect();
    assert_eq!(subjects.len(), 6, "the target and five others");
}
