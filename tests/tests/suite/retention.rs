//! Access ends at discharge, and retention (gallring): the administrator's dry
//! run lists the discharged participants whose last entry is older than the
//! rule, and deleting them removes every row that names them, in one
//! transaction, leaving a tombstone in the audit log.

use crate::participant_rows::{naming, schema, sqlite};
use mina_steg_tests::{Backend, StatusCode, TestApp, location, on_both_backends};
use std::collections::BTreeMap;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

/// Links a new relative (with an account) to each participant given, by e-mail; returns the relative's id.
async fn link_relative(app: &TestApp, staff: &reqwest::Client, participants: &[i64], email: &str) -> i64 {
    for p in participants {
        let id = p.to_string();
        let form = [
            ("participant_id", id.as_str()),
            ("name", "Påhittad Anhörig"),
            ("relation", "good_man"),
            ("email", email),
            ("account", "yes"),
        ];
        assert_eq!(app.call(staff, "add_relative", &form).await.status(), StatusCode::OK, "link to {p}");
    }
    app.scalar_i64(&format!("SELECT id FROM relatives WHERE email = '{email}'")).await
}

/// The participant's consent to share their meetings with the relative.
async fn share_meetings(app: &TestApp, staff: &reqwest::Client, participant: i64, relative: i64) {
    let (p, r, on) = (participant.to_string(), relative.to_string(), today().to_string());
    let form = [
        ("participant_id", p.as_str()),
        ("scope", "share_with_relative"),
        ("relative_id", r.as_str()),
        ("sections[meetings]", "on"),
        ("method", "oral"),
        ("given_on", on.as_str()),
    ];
    assert_eq!(app.call(staff, "add_consent", &form).await.status(), StatusCode::OK);
}

/// Where a browser that opens the start page ends up: 200 there, or a redirect.
async fn start_page(app: &TestApp, client: &reqwest::Client) -> (StatusCode, String) {
    let response = client.get(app.url("/")).header("accept", "text/html").send().await.expect("request");
    (response.status(), location(&response))
}

async fn discharge_ends_the_participants_and_the_relatives_access(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let p2 = app.participant_in_unit(1, 1).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    // One relative linked to this participant only, a god man also linked to another.
    let only_here = link_relative(&app, &staff, &[p], "bara.har@example.se").await;
    let also_other = link_relative(&app, &staff, &[p, p2], "ocksa.annan@example.se").await;
    for (participant, relative) in [(p, only_here), (p, also_other), (p2, also_other)] {
        share_meetings(&app, &staff, participant, relative).await;
    }
    let phone = app.participant_client(p).await;
    let relative = app.relative_client(p, only_here).await;
    let god_man = app.relative_client(p, also_other).await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {p}")).await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ({account}, 'cred-utskriven', '{{}}', 'Mobilen', '2026-01-01 00:00:00+00:00')"
    ))
    .await;
    let unused_code = app.new_code(&staff, p).await;
    for client in [&phone, &relative, &god_man] {
        assert_eq!(start_page(&app, client).await.0, StatusCode::OK, "signed in before the discharge");
    }

    // A discharge dated later than today is refused next to the date, and changes nothing.
    let (id, tomorrow) = (p.to_string(), (today() + chrono::Days::new(1)).to_string());
    let later = [("participant_id", id.as_str()), ("on", tomorrow.as_str()), ("outcome", "employment")];
    assert_eq!(app.call(&staff, "discharge", &later).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM participants WHERE id = {p} AND discharged_on IS NULL")).await,
        1
    );
    assert_eq!(start_page(&app, &phone).await.0, StatusCode::OK, "still signed in");

    let on = today().to_string();
    let form = [("participant_id", id.as_str()), ("on", on.as_str()), ("outcome", "employment")];
    let response = app.post_form(&staff, "discharge", &form).await;
    assert_eq!(location(&response), format!("/personal/deltagare/{p}/steg"));

    // The participant's and the relative's sessions are over: the sign-in page.
    for (who, client) in [("participant", &phone), ("relative", &relative)] {
        let (status, to) = start_page(&app, client).await;
        assert!(status.is_redirection() && to.starts_with("/logga-in"), "{who}: {status} to {to}");
    }
    // The god man keeps the other participant, and sees nothing more of this one.
    let mine = app.call(&god_man, "meetings", &[("participant_id", &p2.to_string())]).await;
    assert_eq!(mine.status(), StatusCode::OK, "still linked to the other participant");
    let theirs = app.call(&god_man, "meetings", &[("participant_id", &id)]).await;
    assert!(matches!(theirs.status().as_u16(), 401 | 403 | 404), "{}", theirs.status());
    // No code signs the participant in: not one made before, not a fresh one.
    let fresh = app.call(&staff, "create_sign_in_code", &[("participant_id", &id)]).await;
    let fresh = match fresh.status() {
        StatusCode::OK => fresh.json::<serde_json::Value>().await.unwrap()["code"].as_str().map(str::to_owned),
        _ => None,
    };
    for code in std::iter::once(unused_code).chain(fresh) {
        let client = app.client();
        let response = app.post_form(&client, "sign_in_code", &[("code", &code)]).await;
        assert_ne!(location(&response), "/", "a code signs a discharged participant in");
        assert_eq!(app.call(&client, "participant_start", &[]).await.status(), StatusCode::UNAUTHORIZED);
    }
    // As stored: account closed, passkey removed, links ended, shares withdrawn; the other link stays.
    let facts = [
        (format!("SELECT count(*) FROM accounts WHERE id = {account} AND disabled_at IS NOT NULL"), 1),
        (format!("SELECT count(*) FROM passkeys WHERE account_id = {account} AND removed_at IS NULL"), 0),
        (format!("SELECT count(*) FROM participant_relatives WHERE participant_id = {p} AND ended_on IS NULL"), 0),
        (
            format!(
                "SELECT count(*) FROM participant_relatives WHERE participant_id = {p2} AND relative_id = {also_other} AND ended_on IS NULL"
            ),
            1,
        ),
        (
            format!(
                "SELECT count(*) FROM consents WHERE participant_id = {p} AND scope = 'share_with_relative' AND withdrawn_on IS NULL"
            ),
            0,
        ),
        (
            format!(
                "SELECT count(*) FROM consents WHERE participant_id = {p2} AND recipient_relative_id = {also_other} AND withdrawn_on IS NULL"
            ),
            1,
        ),
    ];
    for (sql, expected) in facts {
        assert_eq!(app.scalar_i64(&sql).await, expected, "{sql}");
    }
    // Audited as changes to the record, the sign-in, the network and the consents.
    for kind in ["record", "access", "network", "consents"] {
        let rows = app
            .audit_count(&format!(
                "action = 'change' AND outcome = 'allowed' AND record_kind = '{kind}' AND subject_participant_id = {p}"
            ))
            .await;
        assert!(rows >= 1, "no audit row for {kind}");
    }
    // Staff still read the record.
    let record = app.call(&staff, "participant_record", &[("participant_id", &id)]).await;
    assert_eq!(record.status(), StatusCode::OK);
    let record: serde_json::Value = record.json().await.unwrap();
    assert_eq!(record["discharged"], serde_json::json!([on, "employment"]));
    let page = staff.get(app.url(&format!("/personal/deltagare/{p}/steg"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
}

/// An administrator outside the units, signed in with a password and a second factor.
async fn admin_client(app: &TestApp) -> reqwest::Client {
    let email = app::domain::Email::parse("admin.gallring@example.se").unwrap();
    let name = app::domain::PersonName::parse("Påhittad Administratör").unwrap();
    let password = app::domain::Password::parse(mina_steg_tests::STAFF_PASSWORD).unwrap();
    app.access.create_admin(&email, &name, &password).await.expect("admin");
    let client = app.client();
    app.sign_in_registering_totp(&client, email.as_str(), mina_steg_tests::STAFF_PASSWORD).await;
    client
}

/// The condition for the rows of `table` that name any of `participants`.
fn naming_any(app: &TestApp, table: &str, columns: &[String], participants: &[i64]) -> Option<String> {
    let conditions: Vec<String> = participants
        .iter()
        .filter_map(|p| naming(app, table, columns, *p).unwrap_or_else(|e| panic!("{e}")))
        .map(|c| format!("({c})"))
        .collect();
    (!conditions.is_empty()).then(|| conditions.join(" OR "))
}

/// The relatives whom only `participants` name (links, consents, meeting
/// invitations): nobody else's rows keep them, so they go with them.
async fn named_only_by(app: &TestApp, participants: &[i64]) -> Vec<i64> {
    let ps = participants.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let theirs = naming_any(app, "relatives", &["id".to_owned()], participants).expect("relatives rule");
    let mut only = Vec::new();
    for r in strings(app, &format!("SELECT CAST(id AS TEXT) FROM relatives WHERE {theirs} ORDER BY id")).await {
        let others = app
            .scalar_i64(&format!(
                "SELECT (SELECT count(*) FROM participant_relatives WHERE relative_id = {r} AND participant_id NOT IN ({ps}))
                      + (SELECT count(*) FROM consents WHERE recipient_relative_id = {r} AND participant_id NOT IN ({ps}))
                      + (SELECT count(*) FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
                          WHERE a.relative_id = {r} AND m.participant_id NOT IN ({ps}))"
            ))
            .await;
        if others == 0 {
            only.push(r.parse().unwrap());
        }
    }
    only
}

/// The rows of `table` that belong to one of `relatives`: the relative, their account and what hangs on it.
fn relatives_rows(table: &str, columns: &[String], relatives: &[i64]) -> Option<String> {
    if relatives.is_empty() {
        return None;
    }
    let rs = relatives.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let mut conditions: Vec<String> = columns
        .iter()
        .filter_map(|c| {
            if c.ends_with("relative_id") {
                Some(format!("{c} IN ({rs})"))
            } else if c == "account_id" || c.ends_with("_account_id") {
                Some(format!("{c} IN (SELECT id FROM accounts WHERE relative_id IN ({rs}))"))
            } else {
                None
            }
        })
        .collect();
    if table == "relatives" {
        conditions.push(format!("id IN ({rs})"));
    }
    (!conditions.is_empty()).then(|| conditions.join(" OR "))
}

/// Per table: every row, and the rows that name any of `participants` or
/// belong to one of `relatives` (a relative someone else is linked to is
/// theirs too, and stays: only `relatives` count in that table).
async fn census(app: &TestApp, participants: &[i64], relatives: &[i64]) -> BTreeMap<String, (i64, i64)> {
    let mut out = BTreeMap::new();
    for (table, columns) in schema(app).await {
        let all = app.scalar_i64(&format!("SELECT count(*) FROM {table}")).await;
        let named = match table.as_str() {
            "relatives" if !participants.is_empty() && !relatives.is_empty() => None,
            _ => naming_any(app, &table, &columns, participants),
        };
        let conditions: Vec<String> = [named, relatives_rows(&table, &columns, relatives)]
            .into_iter()
            .flatten()
            .map(|c| format!("({c})"))
            .collect();
        let theirs = match conditions.is_empty() {
            false => app.scalar_i64(&format!("SELECT count(*) FROM {table} WHERE {}", conditions.join(" OR "))).await,
            true => 0,
        };
        out.insert(table, (all, theirs));
    }
    out
}

/// A census without what grows with every request: the audit log and the sessions.
fn stable(mut census: BTreeMap<String, (i64, i64)>) -> BTreeMap<String, (i64, i64)> {
    census.retain(|table, _| table != "audit_log" && !table.starts_with("tower_sessions"));
    census
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: p, .. }) => {
            sqlx::query_scalar(sql).fetch_all(p).await.expect(sql)
        }
        app::server::Store::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.expect(sql),
    }
}

/// Rows anywhere in the database with `text` in any column.
async fn rows_containing(app: &TestApp, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, columns) in schema(app).await {
        let any: Vec<String> = columns.iter().map(|c| format!("CAST(\"{c}\" AS TEXT) LIKE '%{text}%'")).collect();
        let n = app.scalar_i64(&format!("SELECT count(*) FROM {table} WHERE {}", any.join(" OR "))).await;
        if n > 0 {
            found.push(format!("{table}: {n}"));
        }
    }
    found
}

/// Moves every date and time in the rows that name the participant ten years
/// back (the audit log and revisions are append-only and stay), as if their
/// record had last been written to ten years ago.
async fn age_ten_years(app: &TestApp, participant: i64) {
    for (table, columns) in schema(app).await {
        if ["audit_log", "revisions"].contains(&table.as_str()) {
            continue;
        }
        let Some(condition) = naming_any(app, &table, &columns, &[participant]) else { continue };
        let dated: Vec<&String> = columns
            .iter()
            .filter(|c| {
                c.ends_with("_at")
                    || c.ends_with("_on")
                    || ["since", "until", "period_start", "period_end"].contains(&c.as_str())
            })
            .collect();
        if dated.is_empty() {
            continue;
        }
        let sets: Vec<String> = dated
            .iter()
            .map(|c| {
                if sqlite(app) {
                    format!(
                        "{c} = CASE WHEN length({c}) = 10 THEN date({c}, '-10 years')
                                    ELSE strftime('%Y-%m-%dT%H:%M:%S+00:00', {c}, '-10 years') END"
                    )
                } else {
                    format!("{c} = {c} - interval '10 years'")
                }
            })
            .collect();
        app.execute(&format!("UPDATE {table} SET {} WHERE {condition}", sets.join(", "))).await;
    }
}

/// Keeps an earlier value the way the app does, dated long ago.
async fn old_revision(app: &TestApp, kind: &str, record_id: i64, old_value: &str) -> i64 {
    app.execute(&format!(
        "INSERT INTO revisions (record_kind, record_id, old_value, changed_at)
         VALUES ('{kind}', {record_id}, '{old_value}', '2015-06-01T10:00:00+00:00')"
    ))
    .await;
    app.scalar_i64("SELECT max(id) FROM revisions").await
}

async fn overview(app: &TestApp, admin: &reqwest::Client) -> serde_json::Value {
    let response = app.call(admin, "retention", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn listed(overview: &serde_json::Value) -> Vec<i64> {
    overview["candidates"].as_array().unwrap().iter().map(|c| c["participant_id"].as_i64().unwrap()).collect()
}

async fn retention_deletes_exactly_the_participants_past_the_rule_in_one_transaction(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let first_unit = "(SELECT min(id) FROM units)";
    // Two to delete, with meetings and contact persons (the first also attendance); one recently
    // discharged; one discharged long ago but written to lately; one in DV.
    let rich = |unit: &str, not: &str| {
        format!(
            "SELECT min(p.id) FROM participants p
              WHERE p.discharged_on IS NULL AND p.unit_id {unit} AND p.id NOT IN ({not})
                AND EXISTS (SELECT 1 FROM meetings m WHERE m.participant_id = p.id)
                AND EXISTS (SELECT 1 FROM contact_persons c WHERE c.participant_id = p.id)"
        )
    };
    let attended = "AND EXISTS (SELECT 1 FROM attendance a WHERE a.participant_id = p.id)";
    let old1 = app.scalar_i64(&format!("{} {attended}", rich(&format!("= {first_unit}"), "0"))).await;
    // The second one still holds a place in a round (see the failure below).
    let enrolled = "AND EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id AND e.status = 'enrolled')";
    let old2 = app.scalar_i64(&format!("{} {enrolled}", rich(&format!("<> {first_unit}"), "0"))).await;
    let session =
        app.scalar_i64(&format!("SELECT min(session_id) FROM attendance WHERE participant_id = {old1}")).await;
    let live = app
        .scalar_i64(&format!(
            "SELECT coalesce(min(participant_id), 0) FROM attendance WHERE session_id = {session} AND participant_id <> {old1}"
        ))
        .await;
    let live =
        if live != 0 { live } else { app.scalar_i64(&rich(&format!("= {first_unit}"), &old1.to_string())).await };
    let written_lately = app.scalar_i64(&rich(&format!("= {first_unit}"), &format!("{old1}, {live}"))).await;
    let recent = app.scalar_i64(&rich(&format!("<> {first_unit}"), &old2.to_string())).await;

    // Old1's network: a relative only they have, and a god man shared with a participant who stays.
    let staff = app.staff_client(&app.staff_email_for_participant(old1).await).await;
    let only_theirs = link_relative(&app, &staff, &[old1], "bara.gallras@example.se").await;
    let shared = link_relative(&app, &staff, &[old1, live], "delad.godman@example.se").await;
    for (participant, relative) in [(old1, only_theirs), (old1, shared), (live, shared)] {
        share_meetings(&app, &staff, participant, relative).await;
    }
    let relative_account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE relative_id = {only_theirs}")).await;
    app.execute(&format!(
        "INSERT INTO passkeys (account_id, credential_id, credential, label, created_at)
         VALUES ({relative_account}, 'cred-anhorig', '{{}}', 'Mobilen', '2015-01-01T00:00:00+00:00')"
    ))
    .await;
    app.new_code(&staff, old1).await;
    // Each with a personnummer to look for afterwards.
    for (p, number) in [(old1, "190001010017"), (old2, "190001020016"), (live, "190001030015")] {
        app.execute(&format!("UPDATE participants SET personal_number = '{number}' WHERE id = {p}")).await;
    }

    // Discharged ten years ago (old1 first); the other one discharged ten
    // years ago has a correction from this week, which is an entry.
    let today = today();
    for (p, days) in [(old1, 30), (old2, 20), (written_lately, 10)] {
        let on = today - chrono::Days::new(days);
        app.execute(&format!(
            "UPDATE participants SET discharged_on = '{on}', discharge_outcome = 'employment' WHERE id = {p}"
        ))
        .await;
        age_ten_years(&app, p).await;
    }
    app.execute(&format!(
        "INSERT INTO revisions (record_kind, record_id, old_value, changed_at)
         VALUES ('participant_dv', {written_lately}, '{{}}', '{}')",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S+00:00")
    ))
    .await;
    // Discharged a year ago, through the app: recorded today.
    let recent_staff = app.staff_client(&app.staff_email_for_participant(recent).await).await;
    let (id, on) = (recent.to_string(), (today - chrono::Days::new(365)).to_string());
    let form = [("participant_id", id.as_str()), ("on", on.as_str()), ("outcome", "studies")];
    assert_eq!(app.call(&recent_staff, "discharge", &form).await.status(), StatusCode::OK);

    // Earlier values of their records, of every kind the app keeps, and of those who stay.
    let meeting = app.scalar_i64(&format!("SELECT min(id) FROM meetings WHERE participant_id = {old1}")).await;
    let contact = app.scalar_i64(&format!("SELECT min(id) FROM contact_persons WHERE participant_id = {old1}")).await;
    let gone = vec![
        old_revision(&app, "participant_dv", old1, r#"{"dv_form":"group","hours_per_week":20}"#).await,
        old_revision(&app, "participant_discharge", old2, r#"{"discharged_on":null}"#).await,
        old_revision(&app, "meeting", meeting, r#"{"title":"Avstämning"}"#).await,
        old_revision(&app, "contact_person", contact, r#"{"role_in_case":"Handläggare"}"#).await,
        old_revision(&app, "attendance", session, &format!(r#"{{"mark":"absent","participant_id":{old1}}}"#)).await,
    ];
    let kept = vec![
        old_revision(&app, "attendance", session, &format!(r#"{{"mark":"present","participant_id":{live}}}"#)).await,
        old_revision(&app, "participant_dv", live, r#"{"dv_form":"group","hours_per_week":10}"#).await,
    ];
    let names: Vec<String> = {
        let mut names = Vec::new();
        for p in [old1, old2] {
            names.push(app.scalar_text(&format!("SELECT name FROM participants WHERE id = {p}")).await);
        }
        names.extend(["190001010017".to_owned(), "190001020016".to_owned()]);
        names
    };
    for name in &names {
        assert!(!rows_containing(&app, name).await.is_empty(), "{name} is in the database before");
    }

    // The dry run lists exactly the two, oldest discharge first, and deletes nothing.
    let admin = admin_client(&app).await;
    let going = named_only_by(&app, &[old1, old2]).await;
    assert!(going.contains(&only_theirs) && !going.contains(&shared), "{going:?}");
    let before = census(&app, &[old1, old2], &going).await;
    let dry = overview(&app, &admin).await;
    assert_eq!(dry["years"], 5, "the default rule");
    assert_eq!(listed(&dry), vec![old1, old2], "{dry}");
    let first = &dry["candidates"][0];
    let meetings = app.scalar_i64(&format!("SELECT count(*) FROM meetings WHERE participant_id = {old1}")).await;
    let counts = first["counts"].as_array().unwrap();
    assert!(counts.contains(&serde_json::json!({ "kind": "Meetings", "count": meetings })), "{first}");
    let relatives = named_only_by(&app, &[old1]).await.len();
    assert!(counts.contains(&serde_json::json!({ "kind": "Relatives", "count": relatives })), "{first}");
    assert!(counts.contains(&serde_json::json!({ "kind": "Revisions", "count": 4 })), "{first}");
    let html = admin.get(app.url("/admin/gallring")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("<th scope=\"row\">{old1}</th>")), "listed on the page");
    assert!(!html.contains(&names[0]) && !html.contains(&names[1]), "no names on the page");
    let confirm = admin.get(app.url("/admin/gallring/bekrafta")).send().await.unwrap().text().await.unwrap();
    assert!(confirm.contains("2 deltagare"), "the confirmation page counts them");
    assert_eq!(stable(census(&app, &[old1, old2], &going).await), stable(before.clone()), "looking deleted nothing");
    for p in [old1, old2] {
        let read = format!("action = 'read' AND record_kind = 'retention' AND subject_participant_id = {p}");
        assert!(app.audit_count(&read).await >= 1, "the dry run's read of {p} is audited");
    }

    // The wrong number, or a list that is not today's, deletes nothing.
    let ids = format!("{old1},{old2}");
    for (form, what) in [
        (vec![("ids", ids.as_str()), ("count", "3")], "wrong count"),
        (vec![("ids", &ids[..ids.find(',').unwrap()]), ("count", "1")], "not today's list"),
    ] {
        let response = app.call(&admin, "apply_retention", &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{what}");
    }
    assert_eq!(stable(census(&app, &[old1, old2], &going).await), stable(before.clone()), "refused, nothing deleted");

    // A failure half-way leaves everything, the first one's rows included:
    // the second one's round says no one is enrolled, so giving their place
    // back would take its count below zero, which the database refuses.
    let round = app
        .scalar_i64(&format!(
            "SELECT min(round_id) FROM enrolments WHERE participant_id = {old2} AND status = 'enrolled'"
        ))
        .await;
    let places = app.scalar_i64(&format!("SELECT enrolled FROM programme_rounds WHERE id = {round}")).await;
    app.execute(&format!("UPDATE programme_rounds SET enrolled = 0 WHERE id = {round}")).await;
    let response = app.post_form(&admin, "apply_retention", &[("ids", &ids), ("count", "2")]).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    app.execute(&format!("UPDATE programme_rounds SET enrolled = {places} WHERE id = {round}")).await;
    assert_eq!(
        stable(census(&app, &[old1, old2], &going).await),
        stable(before.clone()),
        "one transaction: nothing deleted"
    );
    assert_eq!(app.audit_count("action = 'delete' AND record_kind = 'retention'").await, 0, "no tombstone");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM retention_purges").await, 0);

    // Confirmed with the right number: deleted, one tombstone each.
    let live_before = census(&app, &[live], &[]).await;
    let response = app.post_form(&admin, "apply_retention", &[("ids", &ids), ("count", "2")]).await;
    assert_eq!(location(&response), "/admin/gallring");
    let page = admin.get(app.url("/admin/gallring")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Uppgifterna om 2 deltagare är raderade."), "the notice");
    let after = census(&app, &[old1, old2], &going).await;
    let mut wrong = Vec::new();
    for (table, (all, theirs)) in &before {
        let (all_after, theirs_after) = after[table];
        match table.as_str() {
            // Kept, and grows: the tombstones, and who looked.
            "audit_log" => {}
            // Sessions come and go with every request.
            "tower_sessions" | "tower_sessions.session" => {}
            // Every row that named them (or a relative who goes with them) is gone, and nothing else.
            _ => {
                if theirs_after != 0 || all - all_after != *theirs {
                    wrong.push(format!(
                        "{table}: {theirs_after} still name them, {} deleted of {theirs}",
                        all - all_after
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for name in &names {
        assert_eq!(rows_containing(&app, name).await, Vec::<String>::new(), "{name} is gone everywhere");
    }
    for id in &gone {
        assert_eq!(
            app.scalar_i64(&format!("SELECT count(*) FROM revisions WHERE id = {id}")).await,
            0,
            "revision {id}"
        );
    }
    for id in &kept {
        assert_eq!(
            app.scalar_i64(&format!("SELECT count(*) FROM revisions WHERE id = {id}")).await,
            1,
            "revision {id}"
        );
    }
    assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM relatives WHERE id = {shared}")).await, 1);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM participant_relatives WHERE relative_id = {shared} AND participant_id = {live}"
        ))
        .await,
        1,
        "the shared god man keeps the one who stays"
    );
    // The one who stays is untouched, table by table.
    let live_after = census(&app, &[live], &[]).await;
    for (table, (_, theirs)) in &live_before {
        if table != "audit_log" && !table.starts_with("tower_sessions") {
            assert_eq!(live_after[table].1, *theirs, "{table}: rows of the participant who stays");
        }
    }
    // A tombstone each: the id and unit, no name (the search above found none).
    for (p, candidate) in [(old1, &dry["candidates"][0]), (old2, &dry["candidates"][1])] {
        let unit = candidate["unit_id"].as_i64().unwrap();
        let tombstone = format!(
            "action = 'delete' AND record_kind = 'retention' AND outcome = 'allowed'
             AND subject_participant_id = {p} AND unit_id = {unit}"
        );
        assert_eq!(app.audit_count(&tombstone).await, 1, "the tombstone of {p}");
    }
    assert_eq!(app.scalar_i64("SELECT count(*) FROM retention_purges").await, 0);
    // Nothing more is due; the others are still there.
    assert_eq!(listed(&overview(&app, &admin).await), Vec::<i64>::new());
    for p in [live, recent, written_lately] {
        assert_eq!(app.scalar_i64(&format!("SELECT count(*) FROM participants WHERE id = {p}")).await, 1);
    }
    // `mina-steg retention` says the same, and deletes nothing with a wrong number.
    let said = app.access.retention_command(None).await.expect("the dry run");
    assert!(said.ends_with("Ingenting ska raderas i dag."), "{said}");
    assert!(app.access.retention_command(Some(1)).await.is_err(), "nothing is due");
}

async fn revisions_stay_append_only_outside_a_purge(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let p = app.participant_in_unit(1, 0).await;
    let revision = old_revision(&app, "participant_dv", p, r#"{"dv_form":"group"}"#).await;
    let count = format!("SELECT count(*) FROM revisions WHERE id = {revision}");
    match &app.store {
        app::server::Store::Sqlite(app::server::SqliteDb { write: pool, .. }) => {
            assert!(sqlx::query(&format!("DELETE FROM revisions WHERE id = {revision}")).execute(pool).await.is_err());
            // A purge that does not delete the participant cannot commit.
            let mut tx = pool.begin().await.unwrap();
            sqlx::query(&format!("INSERT INTO retention_purges (participant_id) VALUES ({p})"))
                .execute(&mut *tx)
                .await
                .unwrap();
            sqlx::query(&format!("DELETE FROM revisions WHERE id = {revision}")).execute(&mut *tx).await.unwrap();
            let ended = sqlx::query(&format!("DELETE FROM retention_purges WHERE participant_id = {p}"))
                .execute(&mut *tx)
                .await;
            assert!(ended.is_err(), "the purge row stays while the participant does");
            assert!(tx.commit().await.is_err(), "and it cannot be committed");
        }
        app::server::Store::Postgres(pool) => {
            assert!(sqlx::query(&format!("DELETE FROM revisions WHERE id = {revision}")).execute(pool).await.is_err());
            let mut tx = pool.begin().await.unwrap();
            sqlx::query(&format!("SELECT purge_participant_revisions({p})")).execute(&mut *tx).await.unwrap();
            assert!(tx.commit().await.is_err(), "a purge that leaves the participant cannot commit");
            // The flag alone lets nothing through for whoever lacks DELETE on revisions; the
            // function turns it off again when it is done.
            let mut tx = pool.begin().await.unwrap();
            sqlx::query(&format!("SELECT purge_participant_revisions({p})")).execute(&mut *tx).await.unwrap();
            let flag: Option<String> = sqlx::query_scalar("SELECT current_setting('mina_steg.purging', true)")
                .fetch_one(&mut *tx)
                .await
                .unwrap();
            assert_eq!(flag.as_deref(), Some("off"));
            tx.rollback().await.unwrap();
        }
    }
    assert_eq!(app.scalar_i64(&count).await, 1, "the revision is still there");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM retention_purges").await, 0);
}

on_both_backends!(
    discharge_ends_the_participants_and_the_relatives_access,
    retention_deletes_exactly_the_participants_past_the_rule_in_one_transaction,
    revisions_stay_append_only_outside_a_purge,
);
