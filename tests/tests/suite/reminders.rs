//! Reminders (issue 14), end to end: the worker of the real app sends to a
//! push service and an SMS gateway that the test starts on loopback. The push
//! service decrypts each message with the phone's private key (RFC 8291) and
//! checks the VAPID signature (RFC 8292) against the app's public key, as a
//! real push service and phone do; the SMS gateway keeps every request.

use base64::Engine;
use mina_steg_tests::{Backend, StatusCode, TestApp, on_both_backends};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// One request the push service got.
#[derive(Debug, Clone)]
struct Pushed {
    phone: String,
    authorization: String,
    topic: String,
    body: Vec<u8>,
}

/// One request the SMS gateway got, with the status it answered.
#[derive(Debug, Clone)]
struct Texted {
    basic_auth: String,
    key: String,
    form: HashMap<String, String>,
    status: u16,
}

/// The push service and the SMS gateway, on one loopback port.
#[derive(Clone, Default)]
struct Outside {
    pushed: Arc<Mutex<Vec<Pushed>>>,
    texted: Arc<Mutex<Vec<Texted>>>,
    /// Phones the push service no longer knows (answered 410).
    gone: Arc<Mutex<Vec<String>>>,
    /// How many SMS requests to answer 500 before answering 200.
    sms_failures: Arc<Mutex<usize>>,
    /// How long the SMS gateway takes to answer.
    sms_delay: Arc<Mutex<Duration>>,
    base: String,
}

impl Outside {
    async fn start() -> Outside {
        use axum::extract::{Path, State};
        use axum::http::HeaderMap;
        use axum::routing::post;
        let mut outside = Outside::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        outside.base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let header =
            |h: &HeaderMap, name: &str| h.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let router = axum::Router::new()
            .route(
                "/push/{phone}",
                post(
                    move |State(o): State<Outside>,
                          Path(phone): Path<String>,
                          h: HeaderMap,
                          body: axum::body::Bytes| async move {
                        if o.gone.lock().unwrap().contains(&phone) {
                            return StatusCode::GONE;
                        }
                        let pushed = Pushed {
                            phone,
                            authorization: header(&h, "authorization"),
                            topic: header(&h, "topic"),
                            body: body.to_vec(),
                        };
                        o.pushed.lock().unwrap().push(pushed);
                        StatusCode::CREATED
                    },
                ),
            )
            .route(
                "/sms",
                post(move |State(o): State<Outside>, h: HeaderMap, body: String| async move {
                    let delay = *o.sms_delay.lock().unwrap();
                    tokio::time::sleep(delay).await;
                    let status = {
                        let mut failures = o.sms_failures.lock().unwrap();
                        if *failures > 0 {
                            *failures -= 1;
                            500
                        } else {
                            200
                        }
                    };
                    let form = url_form(&body);
                    let texted = Texted {
                        basic_auth: header(&h, "authorization"),
                        key: header(&h, "idempotency-key"),
                        form,
                        status,
                    };
                    o.texted.lock().unwrap().push(texted);
                    StatusCode::from_u16(status).unwrap()
                }),
            )
            .with_state(outside.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        outside
    }

    fn pushed(&self) -> Vec<Pushed> {
        self.pushed.lock().unwrap().clone()
    }

    fn texted(&self) -> Vec<Texted> {
        self.texted.lock().unwrap().clone()
    }
}

fn url_form(body: &str) -> HashMap<String, String> {
    body.split('&').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect()
}

fn decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A phone: its push keys, as a browser makes them for a subscription.
struct Phone {
    name: String,
    keys: Box<dyn ece::crypto::LocalKeyPair>,
    auth: [u8; 16],
}

impl Phone {
    fn new(name: &str) -> Phone {
        let (keys, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        Phone { name: name.to_owned(), keys, auth }
    }

    fn subscription(&self, outside: &Outside) -> [(String, String); 3] {
        [
            ("endpoint".to_owned(), format!("{}/push/{}", outside.base, self.name)),
            ("p256dh".to_owned(), B64.encode(self.keys.pub_as_raw().unwrap())),
            ("auth".to_owned(), B64.encode(self.auth)),
        ]
    }

    /// The message as the phone reads it: decrypted with its own private key.
    fn read(&self, pushed: &Pushed) -> Value {
        let components = self.keys.raw_components().unwrap();
        let plain = ece::decrypt(&components, &self.auth, &pushed.body).expect("an RFC 8291 message for this phone");
        serde_json::from_slice(&plain).unwrap()
    }
}

/// The VAPID header: signed with the key whose public half the app gave the
/// phone, for this push service's origin, by someone to contact.
fn check_vapid(pushed: &Pushed, public_key: &str, audience: &str) {
    use jwt_simple::prelude::*;
    let rest = pushed.authorization.strip_prefix("vapid t=").expect("a VAPID authorization");
    let (token, key) = rest.split_once(", k=").expect("t and k");
    assert_eq!(key, public_key, "signed with the app's key");
    let verifier = ES256PublicKey::from_bytes(&B64.decode(key).unwrap()).unwrap();
    let options =
        VerificationOptions { allowed_audiences: Some(HashSet::from_strings(&[audience])), ..Default::default() };
    let claims = verifier.verify_token::<NoCustomClaims>(token, Some(options)).expect("a valid signature");
    assert!(claims.subject.is_some_and(|s| s.starts_with("mailto:")), "someone to contact");
    // A forged key is refused: the check can fail.
    let other = ES256KeyPair::generate().public_key();
    assert!(other.verify_token::<NoCustomClaims>(token, None).is_err());
}

async fn spawn(backend: Backend, outside: &Outside) -> TestApp {
    // The tests run at any hour: SMS go whenever they are due (the quiet hours
    // are tested with a window of their own).
    spawn_quiet(backend, outside, None).await
}

async fn spawn_quiet(backend: Backend, outside: &Outside, quiet_hours: Option<(u32, u32)>) -> TestApp {
    let vapid = server::reminders::PushSender::generate_private_key().unwrap();
    let sms_url = format!("{}/sms", outside.base);
    TestApp::spawn_configured(backend, true, move |s| {
        s.demo = true;
        s.reminders = server::config::ReminderConfig {
            vapid_private_key: Some(vapid),
            sms: Some(server::config::SmsConfig {
                url: sms_url,
                user: "kommunen".into(),
                password: "hemligt-lösen".into(),
                sender: "MinaSteg".into(),
            }),
            worker: true,
            poll: Duration::from_millis(100),
            loopback_push_service: true,
            quiet_hours,
            ..Default::default()
        }
    })
    .await
}

/// Waits until `sql` counts `expected` (the worker runs on its own).
async fn until(app: &TestApp, sql: &str, expected: i64) {
    for _ in 0..300 {
        if app.scalar_i64(sql).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{sql} never became {expected} (it is {})", app.scalar_i64(sql).await);
}

/// Time passes: what is scheduled for `condition` falls due now.
async fn make_due(app: &TestApp, condition: &str) {
    // Written as each database stores the app's instants (whole seconds; RFC 3339 in SQLite's text).
    let past = (chrono::Utc::now() - chrono::Duration::seconds(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let past = match app.store.backend_name() {
        "postgres" => format!("'{past}'::timestamptz"),
        _ => format!("'{past}'"),
    };
    app.execute(&format!("UPDATE reminders SET next_attempt_at = {past} WHERE status = 'pending' AND ({condition})"))
        .await;
}

/// An instant the database gives as text (SQLite's RFC 3339, PostgreSQL's `2026-12-04 17:00:00+00`).
async fn instant(app: &TestApp, sql: &str) -> chrono::DateTime<chrono::Utc> {
    let text = app.scalar_text(sql).await.replace(' ', "T");
    let text = if text.ends_with("+00") { format!("{text}:00") } else { text };
    chrono::DateTime::parse_from_rfc3339(&text).unwrap_or_else(|e| panic!("{text}: {e}")).to_utc()
}

/// A participant with a phone number and an account, signed in; their staff.
async fn participant(app: &TestApp) -> (i64, reqwest::Client, reqwest::Client) {
    let p = app.participant_in_unit(1, 2).await;
    app.execute(&format!("UPDATE participants SET phone = '070-123 45 67' WHERE id = {p}")).await;
    let phone = app.participant_client(p).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    (p, phone, staff)
}

async fn choose(app: &TestApp, client: &reqwest::Client, choice: &[(&str, &str)]) -> reqwest::Response {
    app.call(client, "save_reminders", choice).await
}

/// Books a meeting `days` from today at `time` (Swedish time); its id.
async fn book(app: &TestApp, staff: &reqwest::Client, p: i64, days: i64, time: &str) -> i64 {
    let date = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
        + chrono::Duration::days(days))
    .to_string();
    let id = p.to_string();
    let end = format!("{}:30", &time[..2]);
    let form = [
        ("participant_id", id.as_str()),
        ("kind", "joint_planning"),
        ("title", "Planering med handläggaren Eva Ek om sjukersättning"),
        ("date", date.as_str()),
        ("start", time),
        ("end", end.as_str()),
        ("place", "Kontoret"),
        ("video_link", ""),
        ("bring", ""),
    ];
    assert_eq!(app.call(staff, "create_meeting", &form).await.status(), StatusCode::OK);
    app.scalar_i64(&format!("SELECT max(id) FROM meetings WHERE participant_id = {p}")).await
}

async fn a_reminder_reaches_the_phone_and_the_sms_gateway_once_each(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, staff) = participant(&app).await;
    let settings: Value = app.call(&client, "reminders", &[]).await.json().await.unwrap();
    assert!(settings["choice"].is_null(), "nothing chosen yet");
    assert_eq!(settings["has_phone"], true);
    let public_key = settings["push_key"].as_str().expect("the app's VAPID key").to_owned();

    let phone = Phone::new("elins-mobil");
    let subscription = phone.subscription(&outside);
    let form: Vec<(&str, &str)> = subscription.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.call(&client, "subscribe_push", &form).await.status(), StatusCode::OK);
    let choice = [("day_before", "on"), ("day_before_at", "18.00"), ("by_push", "on"), ("by_sms", "on")];
    assert_eq!(choose(&app, &client, &choice).await.status(), StatusCode::OK);

    let meeting = book(&app, &staff, p, 3, "10:00").await;
    let due = app
        .scalar_ids(&format!(
            "SELECT id FROM reminders WHERE meeting_id = {meeting} AND status = 'pending' AND kind = 'day_before'
             ORDER BY channel"
        ))
        .await;
    assert_eq!(due.len(), 2, "the evening before, in the app and by SMS");
    let at = instant(&app, &format!("SELECT CAST(due_at AS TEXT) FROM reminders WHERE id = {}", due[0])).await;
    let local = at.with_timezone(&chrono_tz::Europe::Stockholm);
    assert_eq!(local.format("%H:%M").to_string(), "18:00", "at 18.00 Swedish time ({at})");
    let starts = instant(&app, &format!("SELECT CAST(starts_at AS TEXT) FROM meetings WHERE id = {meeting}")).await;
    assert_eq!(
        local.date_naive() + chrono::Duration::days(1),
        starts.with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
    );

    make_due(&app, &format!("meeting_id = {meeting}")).await;
    until(&app, &format!("SELECT count(*) FROM reminders WHERE meeting_id = {meeting} AND status = 'sent'"), 2).await;

    let pushed = outside.pushed();
    assert_eq!(pushed.len(), 1);
    check_vapid(&pushed[0], &public_key, &outside.base);
    let shown = phone.read(&pushed[0]);
    let when = app::texts::reminders::when(starts, chrono::Utc::now());
    assert_eq!(shown["title"], format!("Möte {when}"), "{shown}");
    assert_eq!(shown["body"], "Tryck för att se mer.", "a meeting, not which kind: it can name an agency");
    let push_key = app.scalar_text(&format!("SELECT idempotency_key FROM reminders WHERE id = {}", due[0])).await;
    assert_eq!(shown["tag"], push_key.as_str(), "the phone shows one notification per message");
    assert_eq!(pushed[0].topic, push_key, "the push service keeps one per message");
    assert_eq!(shown["url"], format!("/moten/{meeting}"), "a tap opens the meeting");
    let words = shown.to_string();
    assert!(!words.contains("Eva") && !words.contains("sjukersättning"), "never the title staff typed: {words}");

    let texted = outside.texted();
    assert_eq!(texted.len(), 1);
    assert_eq!(texted[0].form["to"], "+46701234567");
    assert_eq!(texted[0].form["from"], "MinaSteg");
    assert!(texted[0].form["message"].starts_with("Hej "), "{:?}", texted[0].form);
    assert!(texted[0].form["message"].contains("klockan 10 har du möte."), "{:?}", texted[0].form);
    assert_eq!(
        texted[0].basic_auth,
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("kommunen:hemligt-lösen"))
    );
    let sms_key = app.scalar_text(&format!("SELECT idempotency_key FROM reminders WHERE id = {}", due[1])).await;
    assert_eq!(texted[0].key, sms_key);

    // Each message is on record as a disclosure of the meeting, the way it went.
    for way in ["push", "sms"] {
        assert_eq!(
            app.audit_count(&format!(
                "action = 'export' AND outcome = 'allowed' AND record_kind = 'meetings' AND record_id = {meeting}
                   AND subject_participant_id = {p} AND actor_role = 'participant' AND detail = '{way}'"
            ))
            .await,
            1,
            "{way}"
        );
    }
    // Nothing more goes out: sent is sent.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!((outside.pushed().len(), outside.texted().len()), (1, 1));

    // The phone's service worker says it showed it: delivered. Another
    // person's phone cannot say so of this message.
    let status = |id: i64| {
        let (app, sql) = (&app, format!("SELECT status FROM reminders WHERE id = {id}"));
        async move { app.scalar_text(&sql).await }
    };
    let other = app.participant_client(app.participant_in_unit(1, 3).await).await;
    assert_eq!(app.call(&other, "reminder_shown", &[("key", &push_key)]).await.status(), StatusCode::OK);
    assert_eq!(status(due[0]).await, "sent");
    assert_eq!(app.call(&client, "reminder_shown", &[("key", &push_key)]).await.status(), StatusCode::OK);
    assert_eq!(status(due[0]).await, "delivered");
    let record: Value =
        app.call(&staff, "record_reminders", &[("participant_id", &p.to_string())]).await.json().await.unwrap();
    assert!(record["latest"].as_array().unwrap().iter().any(|r| r["status"] == "delivered"), "{record}");
}

/// Subscribes `phone` for the signed-in client and chooses `choice`.
async fn remind_me(app: &TestApp, client: &reqwest::Client, outside: &Outside, phone: &Phone, choice: &[(&str, &str)]) {
    let subscription = phone.subscription(outside);
    let form: Vec<(&str, &str)> = subscription.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.call(client, "subscribe_push", &form).await.status(), StatusCode::OK);
    assert_eq!(choose(app, client, choice).await.status(), StatusCode::OK);
}

fn count_of(condition: &str) -> String {
    format!("SELECT count(*) FROM reminders WHERE {condition}")
}

async fn moving_and_cancelling_tell_at_once_and_not_coming_stops_the_reminders(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, staff) = participant(&app).await;
    let phone = Phone::new("mobil");
    remind_me(&app, &client, &outside, &phone, &[("day_before", "on"), ("two_hours_before", "on"), ("by_push", "on")])
        .await;
    let meeting = book(&app, &staff, p, 3, "10:00").await;
    let waiting = format!("meeting_id = {meeting} AND status = 'pending'");
    assert_eq!(app.scalar_i64(&count_of(&waiting)).await, 2, "the evening before and two hours before");

    // Moved to another day: told at once; the reminders follow the new time.
    let date = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
        + chrono::Duration::days(4))
    .to_string();
    let (m, id) = (meeting.to_string(), p.to_string());
    let moved = [
        ("participant_id", id.as_str()),
        ("meeting_id", m.as_str()),
        ("date", &date),
        ("start", "13:00"),
        ("end", "14:00"),
    ];
    assert_eq!(app.call(&staff, "reschedule_meeting", &moved).await.status(), StatusCode::OK);
    until(&app, &count_of(&format!("meeting_id = {meeting} AND kind = 'moved' AND status = 'sent'")), 1).await;
    let notice = phone.read(&outside.pushed()[0]);
    assert_eq!(notice["title"], "Mötet är flyttat");
    assert!(notice["body"].as_str().unwrap().contains("klockan 13"), "{notice}");
    assert_eq!(
        app.scalar_i64(&count_of(&format!(
            "meeting_id = {meeting} AND status = 'cancelled' AND outcome = 'no_longer_due'"
        )))
        .await,
        2,
        "the old time's reminders are cancelled"
    );
    assert_eq!(app.scalar_i64(&count_of(&waiting)).await, 2, "and the new time's are waiting");

    // "Jag kan inte komma" stops them; "Jag kommer" brings them back.
    app.call(&client, "answer_meeting", &[("meeting_id", &m), ("answer", "not_coming")]).await;
    assert_eq!(app.scalar_i64(&count_of(&waiting)).await, 0, "no reminders for a meeting they will not come to");
    app.call(&client, "answer_meeting", &[("meeting_id", &m), ("answer", "coming")]).await;
    assert_eq!(app.scalar_i64(&count_of(&waiting)).await, 2);

    // Cancelled: told at once, and nothing more about it.
    let cancel = app.call(&staff, "set_meeting_status", &[("meeting_id", &m), ("status", "cancelled")]).await;
    assert_eq!(cancel.status(), StatusCode::OK);
    until(&app, &count_of(&format!("meeting_id = {meeting} AND kind = 'cancelled' AND status = 'sent'")), 1).await;
    assert_eq!(phone.read(&outside.pushed()[1])["title"], "Mötet är inställt");
    assert_eq!(app.scalar_i64(&count_of(&waiting)).await, 0);
    assert_eq!(outside.pushed().len(), 2, "only the two notices went out");

    // A meeting a month ahead that moves tells nobody now: its reminders will.
    let later = book(&app, &staff, p, 30, "10:00").await;
    let date = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
        + chrono::Duration::days(31))
    .to_string();
    let l = later.to_string();
    let moved = [
        ("participant_id", id.as_str()),
        ("meeting_id", l.as_str()),
        ("date", &date),
        ("start", "10:00"),
        ("end", "11:00"),
    ];
    assert_eq!(app.call(&staff, "reschedule_meeting", &moved).await.status(), StatusCode::OK);
    assert_eq!(app.scalar_i64(&count_of(&format!("meeting_id = {later} AND kind = 'moved'"))).await, 0);
}

async fn sms_keep_quiet_at_night_and_a_failing_gateway_is_tried_again_with_the_same_key(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, staff) = participant(&app).await;
    // The evening before at 22.00: in the app then, by SMS at 08.00 the day of the meeting.
    let choice = [("day_before", "on"), ("day_before_at", "22.00"), ("by_push", "on"), ("by_sms", "on")];
    remind_me(&app, &client, &outside, &Phone::new("mobil"), &choice).await;
    let meeting = book(&app, &staff, p, 3, "13:00").await;
    for (way, time) in [("push", "22:00"), ("sms", "08:00")] {
        let at = instant(
            &app,
            &format!("SELECT CAST(due_at AS TEXT) FROM reminders WHERE meeting_id = {meeting} AND channel = '{way}'"),
        )
        .await;
        assert_eq!(at.with_timezone(&chrono_tz::Europe::Stockholm).format("%H:%M").to_string(), time, "{way}");
    }

    // The gateway fails once (500), then takes it: tried again later, with the same key.
    *outside.sms_failures.lock().unwrap() = 1;
    let sms = format!("meeting_id = {meeting} AND channel = 'sms'");
    make_due(&app, &sms).await;
    until(
        &app,
        &count_of(&format!("{sms} AND status = 'pending' AND attempts = 1 AND outcome = 'sms_gateway_busy'")),
        1,
    )
    .await;
    let retry_in = instant(&app, &format!("SELECT CAST(next_attempt_at AS TEXT) FROM reminders WHERE {sms}")).await
        - chrono::Utc::now();
    assert!(
        retry_in > chrono::Duration::seconds(30) && retry_in <= chrono::Duration::minutes(1),
        "a minute later: {retry_in}"
    );
    make_due(&app, &sms).await;
    until(&app, &count_of(&format!("{sms} AND status = 'sent' AND attempts = 2")), 1).await;
    let texted = outside.texted();
    assert_eq!(texted.iter().map(|t| t.status).collect::<Vec<_>>(), vec![500, 200]);
    assert_eq!(texted[0].key, texted[1].key, "every try carries the message's key");
    assert_eq!(texted[0].key, app.scalar_text(&format!("SELECT idempotency_key FROM reminders WHERE {sms}")).await);
}

async fn a_phone_the_push_service_no_longer_knows_is_forgotten(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, staff) = participant(&app).await;
    remind_me(&app, &client, &outside, &Phone::new("gammal-mobil"), &[("day_before", "on"), ("by_push", "on")]).await;
    outside.gone.lock().unwrap().push("gammal-mobil".to_owned());
    let meeting = book(&app, &staff, p, 3, "10:00").await;
    let account = app.scalar_i64(&format!("SELECT id FROM accounts WHERE participant_id = {p}")).await;
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM push_subscriptions WHERE account_id = {account}")).await,
        1
    );
    make_due(&app, &format!("meeting_id = {meeting}")).await;
    until(&app, &count_of(&format!("meeting_id = {meeting} AND status = 'failed' AND outcome = 'app_gone'")), 1).await;
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM push_subscriptions WHERE account_id = {account}")).await,
        0
    );
    assert!(outside.pushed().is_empty());
    // The record says so to staff.
    let status: Value =
        app.call(&staff, "record_reminders", &[("participant_id", &p.to_string())]).await.json().await.unwrap();
    assert_eq!(status["latest"][0]["status"], "failed", "{status}");
    assert_eq!(status["latest"][0]["outcome"], "app_gone");
    assert_eq!(status["choice"]["by_push"], true);
}

async fn a_relative_is_reminded_only_while_the_consent_shares_the_meetings(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let consent = app
        .scalar_i64(
            "SELECT min(id) FROM consents WHERE scope = 'share_with_relative' AND withdrawn_on IS NULL
               AND shared_sections LIKE '%meetings%'",
        )
        .await;
    let relative = app.scalar_i64(&format!("SELECT recipient_relative_id FROM consents WHERE id = {consent}")).await;
    let p = app.scalar_i64(&format!("SELECT participant_id FROM consents WHERE id = {consent}")).await;
    let client = app.relative_client(p, relative).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let phone = Phone::new("mammas-mobil");
    let id = p.to_string();
    let subscription = phone.subscription(&outside);
    let form: Vec<(&str, &str)> = subscription.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.call(&client, "subscribe_push", &form).await.status(), StatusCode::OK);
    let choice = [("participant_id", id.as_str()), ("day_before", "on"), ("by_push", "on")];
    assert_eq!(choose(&app, &client, &choice).await.status(), StatusCode::OK);

    let first = book(&app, &staff, p, 3, "10:00").await;
    make_due(&app, &format!("meeting_id = {first}")).await;
    until(&app, &count_of(&format!("meeting_id = {first} AND status = 'sent'")), 1).await;
    assert_eq!(outside.pushed()[0].phone, "mammas-mobil", "to the relative's own phone");
    let shown = phone.read(&outside.pushed()[0]);
    let name = app.scalar_text(&format!("SELECT preferred_name FROM participants WHERE id = {p}")).await;
    let first_name = name.split_whitespace().next().unwrap();
    assert!(shown["title"].as_str().unwrap().starts_with(&format!("{first_name} har möte ")), "{shown}");
    assert_eq!(
        app.audit_count(&format!(
            "action = 'export' AND record_kind = 'meetings' AND record_id = {first} AND actor_role = 'relative'
               AND outcome = 'allowed' AND detail = 'push'"
        ))
        .await,
        1
    );

    // Withdrawn while a reminder waits (as if in the same moment it was claimed):
    // the policy refuses it when it is made, and nothing leaves.
    let second = book(&app, &staff, p, 4, "10:00").await;
    app.execute(&format!("UPDATE consents SET withdrawn_on = '2000-01-01' WHERE id = {consent}")).await;
    make_due(&app, &format!("meeting_id = {second}")).await;
    until(&app, &count_of(&format!("meeting_id = {second} AND status = 'cancelled' AND outcome = 'not_shared'")), 1)
        .await;
    assert_eq!(outside.pushed().len(), 1);
    assert_eq!(
        app.audit_count(&format!(
            "action = 'export' AND record_kind = 'meetings' AND record_id = {second} AND outcome = 'denied'"
        ))
        .await,
        1,
        "the refusal is on record"
    );
    // Withdrawn through the record: the waiting reminders go at once.
    app.execute(&format!("UPDATE consents SET withdrawn_on = NULL WHERE id = {consent}")).await;
    let third = book(&app, &staff, p, 5, "10:00").await;
    assert_eq!(app.scalar_i64(&count_of(&format!("meeting_id = {third} AND status = 'pending'"))).await, 1);
    let form = [("participant_id", id.as_str()), ("consent_id", &consent.to_string())];
    assert_eq!(app.call(&staff, "withdraw_consent", &form).await.status(), StatusCode::OK);
    assert_eq!(app.scalar_i64(&count_of(&format!("meeting_id = {third} AND status = 'pending'"))).await, 0);
    // And they may no longer choose.
    assert_eq!(choose(&app, &client, &choice).await.status(), StatusCode::FORBIDDEN);
}

async fn bad_choices_are_named_and_nothing_is_saved(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, _) = participant(&app).await;
    let response = choose(&app, &client, &[("day_before", "on"), ("day_before_at", "25.00"), ("by_push", "on")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Skriv en tid som 18.00."));
    // SMS with no number on record: said next to the choice.
    app.execute(&format!("UPDATE participants SET phone = NULL WHERE id = {p}")).await;
    let response = choose(&app, &client, &[("day_before", "on"), ("by_sms", "on")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Vi har inget nummer till din mobil."));
    assert_eq!(app.scalar_i64("SELECT count(*) FROM reminder_choices").await, 0, "nothing saved");
    // A test message needs a way first.
    let response = app.call(&client, "test_reminder", &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A subscription is a known push service's https address with the phone's real keys: one
    // wrong part at a time is refused (any other host would let the server be sent into the
    // municipality's own network).
    let (key, auth) = (Phone::new("x").subscription(&outside)[1].1.clone(), "BTBZMqHH6r4Tts7J_aSIgg");
    for (endpoint, p256dh, auth) in [
        ("https://10.0.0.1/push", key.as_str(), auth),
        ("https://intranet.kommun.se/push", key.as_str(), auth),
        ("https://fcm.googleapis.com.evil.example/x", key.as_str(), auth),
        ("https://fcm.googleapis.com@10.0.0.1/x", key.as_str(), auth),
        ("https://user@fcm.googleapis.com/x", key.as_str(), auth),
        ("http://fcm.googleapis.com/fcm/send/x", key.as_str(), auth),
        ("https://fcm.googleapis.com/fcm/send/x", "abc", auth),
        ("https://fcm.googleapis.com/fcm/send/x", key.as_str(), "def"),
    ] {
        let form = [("endpoint", endpoint), ("p256dh", p256dh), ("auth", auth)];
        let response = app.call(&client, "subscribe_push", &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint} {p256dh} {auth}");
    }
    assert_eq!(app.scalar_i64("SELECT count(*) FROM push_subscriptions").await, 0);
    let good = [("endpoint", "https://fcm.googleapis.com/fcm/send/x"), ("p256dh", key.as_str()), ("auth", auth)];
    assert_eq!(app.call(&client, "subscribe_push", &good).await.status(), StatusCode::OK);
}

async fn the_test_message_goes_at_once(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (_, client, _) = participant(&app).await;
    let phone = Phone::new("mobil");
    remind_me(&app, &client, &outside, &phone, &[("day_before", "on"), ("by_push", "on"), ("by_sms", "on")]).await;
    assert_eq!(app.call(&client, "test_reminder", &[]).await.status(), StatusCode::OK);
    until(&app, &count_of("kind = 'test' AND status = 'sent'"), 2).await;
    let shown = phone.read(&outside.pushed()[0]);
    assert_eq!(shown["title"], "Så här ser en påminnelse ut");
    assert_eq!(shown["url"], "/paminnelser");
    assert!(outside.texted()[0].form["message"].contains("Så här ser en påminnelse ut."));
    // Each may be a paid SMS: three a day.
    for _ in 0..2 {
        assert_eq!(app.call(&client, "test_reminder", &[]).await.status(), StatusCode::OK);
    }
    let fourth = app.call(&client, "test_reminder", &[]).await;
    assert_eq!(fourth.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fourth.text().await.unwrap().contains("Du har provat tre gånger i dag."));
}

async fn an_sms_due_in_the_quiet_hours_waits_until_they_end(backend: Backend) {
    // Quiet hours around the present, whatever hour the test runs at.
    let hour = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).format("%H").to_string();
    let hour: u32 = hour.parse().unwrap();
    let ends = (hour + 1) % 24;
    let outside = Outside::start().await;
    let app = spawn_quiet(backend, &outside, Some((hour, ends))).await;
    let (p, client, staff) = participant(&app).await;
    remind_me(
        &app,
        &client,
        &outside,
        &Phone::new("mobil"),
        &[("day_before", "on"), ("by_push", "on"), ("by_sms", "on")],
    )
    .await;
    let meeting = book(&app, &staff, p, 3, "10:00").await;
    make_due(&app, &format!("meeting_id = {meeting}")).await;
    let sms = format!("meeting_id = {meeting} AND channel = 'sms'");
    until(&app, &count_of(&format!("{sms} AND status = 'pending' AND outcome = 'quiet_hours'")), 1).await;
    until(&app, &count_of(&format!("meeting_id = {meeting} AND channel = 'push' AND status = 'sent'")), 1).await;
    assert!(outside.texted().is_empty(), "no SMS in the quiet hours");
    let next = instant(&app, &format!("SELECT CAST(next_attempt_at AS TEXT) FROM reminders WHERE {sms}")).await;
    let local = next.with_timezone(&chrono_tz::Europe::Stockholm);
    assert_eq!(local.format("%H:%M").to_string(), format!("{ends:02}:00"), "at the end of the quiet hours");
    assert!(next > chrono::Utc::now());
}

async fn staff_see_whether_reminders_are_on_and_switch_sms_with_the_participants_say_so(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (p, client, staff) = participant(&app).await;
    let page = |staff: reqwest::Client| {
        let url = app.url(&format!("/personal/deltagare/{p}/moten"));
        async move { mina_steg_tests::visible_text(&staff.get(url).send().await.unwrap().text().await.unwrap()) }
    };
    assert!(page(staff.clone()).await.contains("Deltagaren har inte valt påminnelser."));
    let on = [("participant_id", p.to_string()), ("sms", "on".to_owned())];
    let on: Vec<(&str, &str)> = on.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&staff, "set_sms_reminders", &on).await;
    assert_eq!(mina_steg_tests::location(&response), format!("/personal/deltagare/{p}/moten"));
    let text = page(staff.clone()).await;
    assert!(text.contains("Sms-påminnelser är på."), "the notice");
    assert!(text.contains("På: dagen före klockan 18.00; med sms."), "{text}");
    // The participant sees it on their page, and can change it.
    let settings: Value = app.call(&client, "reminders", &[]).await.json().await.unwrap();
    assert_eq!(settings["choice"]["by_sms"], true);
    assert_eq!(settings["choice"]["by_push"], false);
    // Sent and failed messages are listed with why.
    assert_eq!(app.call(&client, "test_reminder", &[]).await.status(), StatusCode::OK);
    until(&app, &count_of("kind = 'test' AND status = 'sent'"), 1).await;
    assert!(page(staff.clone()).await.contains("Skickad"));
    // Without a number on record, switching on is refused next to the button.
    app.execute(&format!("UPDATE participants SET phone = NULL WHERE id = {p}")).await;
    app.post_form(&staff, "set_sms_reminders", &[("participant_id", &p.to_string()), ("sms", "off")]).await;
    let response = app.call(&staff, "set_sms_reminders", &[("participant_id", &p.to_string()), ("sms", "on")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Skriv in deltagarens mobilnummer först."));
    // On the record as a change of the participant's reminders.
    assert!(
        app.audit_count(&format!(
            "action = 'change' AND record_kind = 'reminders' AND subject_participant_id = {p} AND actor_role = 'staff'"
        ))
        .await
            >= 2
    );
}

async fn sms_reminders_can_be_switched_on_at_intake(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let p = app.participant_in_unit(1, 0).await;
    let staff = app.staff_client(&app.staff_email_for_participant(p).await).await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive().to_string();
    let mut form = vec![
        ("name", "Påhittad Påminnelse"),
        ("preferred_name", ""),
        ("personal_number", "19121212-1212"),
        ("gender", "unspecified"),
        ("phone", ""),
        ("dv_form", "group"),
        ("hours_per_week", "20"),
        ("benefit_kind", "activity_compensation"),
        ("benefit_until", "2027-06-30"),
        ("entered_on", today.as_str()),
        ("fk_consent", "no"),
        ("sms_reminders", "on"),
    ];
    let response = app.post_form(&staff, "register_participant", &form).await;
    assert_eq!(mina_steg_tests::location(&response), "/personal/ny-deltagare", "no number: back to the form");
    let page = staff.get(app.url("/personal/ny-deltagare")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Skriv deltagarens mobilnummer för att skicka sms-påminnelser."));
    assert!(page.contains(r#"name="sms_reminders" value="on" checked"#), "the tick stays");
    form[4] = ("phone", "070-765 43 21");
    app.post_form(&staff, "register_participant", &form).await;
    let id = app.scalar_i64("SELECT id FROM participants WHERE personal_number = '191212121212'").await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM reminder_choices WHERE participant_id = {id} AND by_sms = {} AND by_push = {}
               AND day_before_minute = 1080",
            if backend == Backend::Postgres { "true" } else { "1" },
            if backend == Backend::Postgres { "false" } else { "0" },
        ))
        .await,
        1
    );
    assert_eq!(
        app.audit_count(&format!("action = 'create' AND record_kind = 'reminders' AND subject_participant_id = {id}"))
            .await,
        1
    );
}

async fn the_page_says_what_is_chosen_and_keeps_a_wrong_choice_with_its_message(backend: Backend) {
    let outside = Outside::start().await;
    let app = spawn(backend, &outside).await;
    let (_, client, _) = participant(&app).await;
    let start = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(start.contains("Välj påminnelser"), "the start page asks until they have chosen");
    let html = client.get(app.url("/paminnelser")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Du har inte valt än."), "nothing chosen yet");
    let key = html.split(r#"data-push-key=""#).nth(1).and_then(|rest| rest.split('"').next()).unwrap_or("");
    assert_eq!(key.len(), 87, "the key the phone subscribes with: an uncompressed P-256 point, base64url");
    assert!(html.contains(r#"name="day_before" value="on" checked"#), "the evening before is suggested");
    let response = app
        .post_form(&client, "save_reminders", &[("day_before", "on"), ("day_before_at", "kväll"), ("by_sms", "on")])
        .await;
    assert_eq!(mina_steg_tests::location(&response), "/paminnelser");
    let html = client.get(app.url("/paminnelser")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Skriv en tid som 18.00.") && html.contains(r#"value="kväll""#), "message and typed time");
    assert!(html.contains(r#"name="by_sms" value="on" checked"#), "the ways ticked stay ticked");
    let response = app
        .post_form(
            &client,
            "save_reminders",
            &[("two_hours_before", "on"), ("by_sms", "on"), ("lock_screen", "only_that")],
        )
        .await;
    assert_eq!(mina_steg_tests::location(&response), "/paminnelser");
    let html = client.get(app.url("/paminnelser")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Klart! Vi har sparat dina val."));
    assert!(html.contains(r#"name="two_hours_before" value="on" checked"#));
    assert!(html.contains(r#"value="only_that" checked"#));
    assert!(html.contains("Skicka en påminnelse nu"), "the test button, once something is on");
    let start = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(!start.contains("Välj påminnelser"), "asked once they have chosen: no more");
}

on_both_backends!(
    staff_see_whether_reminders_are_on_and_switch_sms_with_the_participants_say_so,
    sms_reminders_can_be_switched_on_at_intake,
    the_page_says_what_is_chosen_and_keeps_a_wrong_choice_with_its_message,
    a_reminder_reaches_the_phone_and_the_sms_gateway_once_each,
    moving_and_cancelling_tell_at_once_and_not_coming_stops_the_reminders,
    sms_keep_quiet_at_night_and_a_failing_gateway_is_tried_again_with_the_same_key,
    a_phone_the_push_service_no_longer_knows_is_forgotten,
    a_relative_is_reminded_only_while_the_consent_shares_the_meetings,
    bad_choices_are_named_and_nothing_is_saved,
    the_test_message_goes_at_once,
    an_sms_due_in_the_quiet_hours_waits_until_they_end,
);
