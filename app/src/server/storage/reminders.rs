//! Reminders (issue 14): the choices, the phones' push subscriptions, and the
//! outbox the workers send from.
//!
//! The outbox is kept in step with the meetings in the transaction that
//! changes them: [`sync`] after a meeting is booked, moved, cancelled or
//! answered, or a choice or consent changes; [`notify`] for "Mötet är flyttat"
//! and "Mötet är inställt". So a reminder is never scheduled for a meeting
//! that did not commit, and never left behind by one that moved.

use super::{Tx, on_conn};
use crate::domain::reminder::{self, Channel, LockScreen, ReminderChoice, ReminderKind, Scheduled, TimeOfDay};
use crate::server::access::Permitted;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
struct ChoiceRow {
    account_id: i64,
    day_before_minute: Option<i64>,
    two_hours_before: bool,
    by_push: bool,
    by_sms: bool,
    lock_screen: LockScreen,
}

impl ChoiceRow {
    fn choice(&self) -> ReminderChoice {
        ReminderChoice {
            day_before: self.day_before_minute.and_then(TimeOfDay::from_minutes),
            two_hours_before: self.two_hours_before,
            by_push: self.by_push,
            by_sms: self.by_sms,
            lock_screen: self.lock_screen,
        }
    }
}

const CHOICE_SELECT: &str = "SELECT rc.account_id, rc.day_before_minute, rc.two_hours_before, rc.by_push,
    rc.by_sms, rc.lock_screen FROM reminder_choices rc";

/// What `account_id` chose for the permitted participant's meetings (`None`: never chose).
pub(crate) async fn choice(
    tx: &mut Tx,
    participant: Permitted,
    account_id: i64,
) -> Result<Option<ReminderChoice>, sqlx::Error> {
    let sql = format!("{CHOICE_SELECT} WHERE rc.participant_id = $1 AND rc.account_id = $2");
    let row: Option<ChoiceRow> =
        on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant.id()).bind(account_id).fetch_optional(c).await)?;
    Ok(row.map(|r| r.choice()))
}

/// Saves a choice (replacing the one before) and schedules the reminders it asks for.
pub(crate) async fn set_choice(
    tx: &mut Tx,
    participant: Permitted,
    account_id: i64,
    choice: &ReminderChoice,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    save_choice(tx, participant.id(), account_id, choice, by, now).await
}

/// The choice made at intake, for a participant registered in the permitted
/// unit in this same transaction (there is no record to hold a permit for yet).
pub(crate) async fn set_choice_at_intake(
    tx: &mut Tx,
    _unit: crate::server::access::PermittedUnit,
    participant_id: i64,
    account_id: i64,
    choice: &ReminderChoice,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    save_choice(tx, participant_id, account_id, choice, by, now).await
}

async fn save_choice(
    tx: &mut Tx,
    participant_id: i64,
    account_id: i64,
    choice: &ReminderChoice,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO reminder_choices (participant_id, account_id, day_before_minute, two_hours_before, by_push,
             by_sms, lock_screen, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (participant_id, account_id) DO UPDATE SET day_before_minute = excluded.day_before_minute,
             two_hours_before = excluded.two_hours_before, by_push = excluded.by_push, by_sms = excluded.by_sms,
             lock_screen = excluded.lock_screen, updated_by = excluded.updated_by, updated_at = excluded.updated_at"
    )
    .bind(participant_id)
    .bind(account_id)
    .bind(choice.day_before.map(TimeOfDay::minutes))
    .bind(choice.two_hours_before)
    .bind(choice.by_push)
    .bind(choice.by_sms)
    .bind(choice.lock_screen)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    sync(tx, participant_id, now).await
}

/// The participant's own account, if they have one.
pub(crate) async fn participant_account(tx: &mut Tx, participant: Permitted) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar("SELECT id FROM accounts WHERE participant_id = $1")
        .bind(participant.id())
        .fetch_optional(c)
        .await)
}

/// Everyone whose reminders for this participant's meetings may be scheduled:
/// the participant, and relatives linked to them whose consent in force shares
/// the meetings. A pre-selection only: each message is authorized again, by
/// the policy, when it is sent (a consent withdrawn meanwhile stops it).
async fn recipients(tx: &mut Tx, participant_id: i64, now: DateTime<Utc>) -> Result<Vec<ChoiceRow>, sqlx::Error> {
    let today = now.with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let sql = format!(
        "{CHOICE_SELECT} JOIN accounts a ON a.id = rc.account_id
         WHERE rc.participant_id = $1 AND a.disabled_at IS NULL
           AND (a.participant_id = $1 OR EXISTS (
                SELECT 1 FROM participant_relatives pr JOIN consents c ON c.recipient_relative_id = pr.relative_id
                WHERE pr.participant_id = $1 AND pr.relative_id = a.relative_id AND pr.ended_on IS NULL
                  AND c.participant_id = $1 AND c.scope = 'share_with_relative'
                  AND c.given_on <= $2 AND (c.withdrawn_on IS NULL OR c.withdrawn_on > $2)
                  AND (',' || REPLACE(c.shared_sections, ' ', '') || ',') LIKE '%,meetings,%'))
         ORDER BY rc.account_id"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(participant_id).bind(today).fetch_all(c).await)
}

/// The key every try of one message carries: the push service's topic (a
/// message still waiting there is replaced, not doubled), the notification's
/// tag (the phone shows it once), the SMS gateway's idempotency key. Made from
/// what the message is, so scheduling the same message again finds its row.
/// 32 characters of hex: a push topic may have at most 32, from base64url.
fn key(parts: std::fmt::Arguments<'_>) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(parts.to_string().as_bytes());
    hash.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

struct NewReminder {
    key: String,
    participant_id: i64,
    meeting_id: Option<i64>,
    account_id: i64,
    due: Scheduled,
}

/// Puts a message in the outbox. A message already there is left as it is,
/// unless it was cancelled: then it is due again (a "Jag kan inte komma"
/// taken back brings its reminders back).
async fn insert(tx: &mut Tx, r: &NewReminder, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO reminders (idempotency_key, participant_id, meeting_id, account_id, channel, kind, due_at,
             status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $7, $8)
         ON CONFLICT (idempotency_key) DO UPDATE SET status = 'pending', outcome = NULL, attempts = 0,
             next_attempt_at = excluded.next_attempt_at
         WHERE reminders.status = 'cancelled'"
    )
    .bind(&r.key)
    .bind(r.participant_id)
    .bind(r.meeting_id)
    .bind(r.account_id)
    .bind(r.due.channel)
    .bind(r.due.kind)
    .bind(r.due.at)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Brings the participant's scheduled reminders in step with their planned
/// meetings and everyone's choices: what should be sent and is not in the
/// outbox is added, what waits there and should no longer be sent (the
/// meeting moved, was cancelled or answered "Jag kan inte komma", the choice
/// changed, the consent ended) is cancelled. Sent messages are history.
pub(crate) async fn sync(tx: &mut Tx, participant_id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    // One at a time per participant on PostgreSQL: two changes committing
    // side by side (a choice saved while staff move a meeting) would each put
    // back what the other cancelled. The lock waits for the other to commit;
    // then this one reads what it wrote. SQLite has one writer already.
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT id FROM participants WHERE id = $1 FOR UPDATE")
            .bind(participant_id)
            .execute(&mut **t)
            .await?;
    }
    let people = recipients(tx, participant_id, now).await?;
    let meetings: Vec<(i64, DateTime<Utc>)> = if people.iter().any(|p| p.choice().is_on()) {
        on_conn!(tx, |c| sqlx::query_as(
            "SELECT id, starts_at FROM meetings
             WHERE participant_id = $1 AND status = 'planned' AND participant_answer <> 'not_coming'
               AND starts_at > $2 ORDER BY starts_at"
        )
        .bind(participant_id)
        .bind(now)
        .fetch_all(c)
        .await)?
    } else {
        Vec::new()
    };
    // Every reminder the meetings and choices give, whether its time has come
    // or not: one already due (waiting for the worker, or for its next try)
    // stays while the meeting and the choice stand.
    let mut wanted = Vec::new();
    for person in &people {
        let choice = person.choice();
        for &(meeting_id, starts_at) in &meetings {
            for due in reminder::planned(&choice, starts_at) {
                wanted.push(NewReminder {
                    key: reminder_key(meeting_id, person.account_id, &due),
                    participant_id,
                    meeting_id: Some(meeting_id),
                    account_id: person.account_id,
                    due,
                });
            }
        }
    }
    let waiting: Vec<(i64, String)> = on_conn!(tx, |c| sqlx::query_as(
        "SELECT id, idempotency_key FROM reminders
         WHERE participant_id = $1 AND status = 'pending' AND kind IN ('day_before', 'two_hours')"
    )
    .bind(participant_id)
    .fetch_all(c)
    .await)?;
    for (id, waiting_key) in waiting {
        if !wanted.iter().any(|w| w.key == waiting_key) {
            on_conn!(tx, |c| {
                sqlx::query(
                "UPDATE reminders SET status = 'cancelled', outcome = 'no_longer_due' WHERE id = $1 AND status = 'pending'"
            )
            .bind(id)
            .execute(c)
            .await
            .map(|_| ())
            })?;
        }
    }
    // New ones only for what is still to come: one whose time passed before
    // it was scheduled is not sent late.
    for reminder in wanted.iter().filter(|w| w.due.at > now) {
        insert(tx, reminder, now).await?;
    }
    Ok(())
}

/// The key of a reminder before a meeting: the meeting, who, which way, which
/// reminder, and when (a meeting moved gives new keys).
pub(crate) fn reminder_key(meeting_id: i64, account_id: i64, due: &Scheduled) -> String {
    key(format_args!("{meeting_id}:{account_id}:{}:{}:{}", due.channel.as_str(), due.kind.as_str(), due.at.timestamp()))
}

/// "Mötet är flyttat" or "Mötet är inställt" to everyone with reminders on
/// for the participant's meetings, then the reminders in step.
pub(crate) async fn notify(
    tx: &mut Tx,
    participant_id: i64,
    meeting_id: i64,
    kind: ReminderKind,
    starts_at: DateTime<Utc>,
    was_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for person in recipients(tx, participant_id, now).await? {
        for due in reminder::notice(&person.choice(), kind, starts_at, was_at, now) {
            let reminder = NewReminder {
                key: key(format_args!(
                    "{meeting_id}:{}:{}:{}:{}:{}",
                    person.account_id,
                    due.channel.as_str(),
                    kind.as_str(),
                    starts_at.timestamp(),
                    now.timestamp()
                )),
                participant_id,
                meeting_id: Some(meeting_id),
                account_id: person.account_id,
                due,
            };
            insert(tx, &reminder, now).await?;
        }
    }
    sync(tx, participant_id, now).await
}

/// "Skicka en påminnelse nu": one message now by each way chosen (even in the
/// quiet hours: the person asked for it this minute). Returns how many.
pub(crate) async fn enqueue_test(
    tx: &mut Tx,
    participant: Permitted,
    account_id: i64,
    channels: &[Channel],
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let nonce: i64 =
        on_conn!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM reminders WHERE account_id = $1 AND kind = 'test'")
            .bind(account_id)
            .fetch_one(c)
            .await)?;
    for &channel in channels {
        let reminder = NewReminder {
            key: key(format_args!("test:{}:{account_id}:{}:{nonce}", participant.id(), channel.as_str())),
            participant_id: participant.id(),
            meeting_id: None,
            account_id,
            due: Scheduled { kind: ReminderKind::Test, channel, at: now },
        };
        insert(tx, &reminder, now).await?;
    }
    Ok(channels.len())
}

/// A phone's subscription, kept for the account signed in on it. The same
/// phone subscribing again (or another account on it) replaces the row.
pub(crate) async fn add_subscription(
    tx: &mut Tx,
    account_id: i64,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO push_subscriptions (account_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, p256dh = excluded.p256dh,
             auth = excluded.auth, created_at = excluded.created_at"
    )
    .bind(account_id)
    .bind(endpoint)
    .bind(p256dh)
    .bind(auth)
    .bind(now)
    .execute(c)
    .await
    .map(|_| ()))?;
    // A person has a phone or two: the newest five are kept.
    on_conn!(tx, |c| sqlx::query(
        "DELETE FROM push_subscriptions WHERE account_id = $1 AND id NOT IN
             (SELECT id FROM push_subscriptions WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 5)"
    )
    .bind(account_id)
    .execute(c)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SubscriptionRow {
    pub id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The phones an account gets notifications on.
pub(crate) async fn subscriptions(tx: &mut Tx, account_id: i64) -> Result<Vec<SubscriptionRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE account_id = $1 ORDER BY id"
    )
    .bind(account_id)
    .fetch_all(c)
    .await)
}

/// A subscription the push service says is gone (404, 410).
pub(crate) async fn remove_subscription(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    on_conn!(tx, |c| sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// A message a worker has claimed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ClaimedRow {
    pub id: i64,
    pub idempotency_key: String,
    pub participant_id: i64,
    pub meeting_id: Option<i64>,
    pub account_id: i64,
    pub channel: Channel,
    pub kind: ReminderKind,
    pub attempts: i64,
}

/// Claims up to `limit` messages that are due (or whose claim by another
/// instance ran out: it stopped mid-send), for `lease` from now. On
/// PostgreSQL rows another instance is claiming are skipped, not waited for
/// (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, so claims never overlap.
pub(crate) async fn claim(
    tx: &mut Tx,
    instance: &str,
    limit: i64,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Vec<ClaimedRow>, sqlx::Error> {
    let lock = match tx {
        Tx::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        Tx::Sqlite(_) => "",
    };
    let sql = format!(
        "UPDATE reminders SET status = 'sending', claimed_by = $1, lease_until = $2, attempts = attempts + 1
         WHERE id IN (SELECT id FROM reminders
                      WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until <= $3)
                      ORDER BY next_attempt_at, id LIMIT $4 {lock})
         RETURNING id, idempotency_key, participant_id, meeting_id, account_id, channel, kind, attempts"
    );
    on_conn!(tx, |c| sqlx::query_as(&sql).bind(instance).bind(lease_until).bind(now).bind(limit).fetch_all(c).await)
}

/// How a try ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finish {
    Sent,
    /// Try again at this time.
    Retry {
        at: DateTime<Utc>,
        outcome: &'static str,
    },
    Failed {
        outcome: &'static str,
    },
    /// No longer to be sent (the meeting was cancelled after the claim).
    Cancelled {
        outcome: &'static str,
    },
}

/// Records how a claimed message's try ended, if the claim is still this
/// instance's (a claim that ran out and was taken over is the other's now).
pub(crate) async fn finish(
    tx: &mut Tx,
    id: i64,
    instance: &str,
    finish: Finish,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let (status, outcome, next, sent_at) = match finish {
        Finish::Sent => ("sent", None, None, Some(now)),
        Finish::Retry { at, outcome } => ("pending", Some(outcome), Some(at), None),
        Finish::Failed { outcome } => ("failed", Some(outcome), None, None),
        Finish::Cancelled { outcome } => ("cancelled", Some(outcome), None, None),
    };
    let done = on_conn!(tx, |c| sqlx::query(
        "UPDATE reminders SET status = $3, outcome = $4, next_attempt_at = COALESCE($5, next_attempt_at),
             sent_at = $6, lease_until = NULL
         WHERE id = $1 AND status = 'sending' AND claimed_by = $2"
    )
    .bind(id)
    .bind(instance)
    .bind(status)
    .bind(outcome)
    .bind(next)
    .bind(sent_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct MessageFacts {
    /// The participant's preferred name.
    pub participant_name: String,
    /// The recipient's name: the participant's preferred name, or the relative's name.
    pub recipient_name: String,
    pub recipient_is_participant: bool,
    pub phone: Option<String>,
    pub lock_screen: Option<LockScreen>,
}

/// What a message needs besides the meeting: names, the phone number, what
/// may show on a locked screen. Read under the permit the message was sent with.
pub(crate) async fn message_facts(
    tx: &mut Tx,
    participant: Permitted,
    account_id: i64,
) -> Result<Option<MessageFacts>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT p.preferred_name AS participant_name,
                COALESCE(r.name, p.preferred_name) AS recipient_name,
                a.participant_id IS NOT NULL AS recipient_is_participant,
                CASE WHEN a.participant_id IS NOT NULL THEN p.phone ELSE r.phone END AS phone,
                rc.lock_screen
         FROM accounts a
         JOIN participants p ON p.id = $1
         LEFT JOIN relatives r ON r.id = a.relative_id
         LEFT JOIN reminder_choices rc ON rc.participant_id = $1 AND rc.account_id = a.id
         WHERE a.id = $2"
    )
    .bind(participant.id())
    .bind(account_id)
    .fetch_optional(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RecipientRow {
    pub participant_id: Option<i64>,
    pub relative_id: Option<i64>,
    pub disabled: bool,
}

/// Who an account is, to send as them through the policy.
pub(crate) async fn recipient(tx: &mut Tx, account_id: i64) -> Result<Option<RecipientRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT participant_id, relative_id, disabled_at IS NOT NULL AS disabled FROM accounts WHERE id = $1"
    )
    .bind(account_id)
    .fetch_optional(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct OutboxRow {
    pub account_id: i64,
    pub channel: Channel,
    pub kind: ReminderKind,
    pub due_at: DateTime<Utc>,
    pub status: crate::domain::ReminderStatus,
    pub outcome: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// The permitted participant's latest messages that were tried (newest first), for the record.
pub(crate) async fn latest(tx: &mut Tx, participant: Permitted, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_as(
        "SELECT account_id, channel, kind, due_at, status, outcome, sent_at, delivered_at FROM reminders
         WHERE participant_id = $1 AND attempts > 0
         ORDER BY next_attempt_at DESC, id DESC LIMIT $2"
    )
    .bind(participant.id())
    .bind(limit)
    .fetch_all(c)
    .await)
}

/// How many others (relatives, gode män whose consent shares the meetings)
/// have reminders on for the participant's meetings: the record says so,
/// without naming them.
pub(crate) async fn others_on(tx: &mut Tx, participant: Permitted, own: Option<i64>) -> Result<usize, sqlx::Error> {
    let people = recipients(tx, participant.id(), super::now()).await?;
    Ok(people.iter().filter(|r| Some(r.account_id) != own && r.choice().is_on()).count())
}

/// The instance's VAPID key when none is configured (demo mode): the first
/// instance to start stores `candidate`; every instance uses the one stored,
/// so phones subscribed through one instance get messages sent by another.
pub(crate) async fn stored_vapid_key(tx: &mut Tx, candidate: &str) -> Result<String, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query(
        "INSERT INTO instance_meta (key, value) VALUES ('vapid_private_key', $1) ON CONFLICT (key) DO NOTHING"
    )
    .bind(candidate)
    .execute(c)
    .await
    .map(|_| ()))?;
    on_conn!(tx, |c| sqlx::query_scalar("SELECT value FROM instance_meta WHERE key = 'vapid_private_key'")
        .fetch_one(c)
        .await)
}

/// The phone showed the notification with this key (its service worker said
/// so, signed in as the one it was for). Only our messages carry the key, so
/// it was sent, whatever the sender managed to record: shown before the
/// sender recorded it, or after a try that timed out but reached the phone.
pub(crate) async fn mark_delivered(
    tx: &mut Tx,
    account_id: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = on_conn!(tx, |c| sqlx::query(
        "UPDATE reminders SET status = 'delivered', delivered_at = $3, sent_at = COALESCE(sent_at, $3),
             lease_until = NULL
         WHERE idempotency_key = $1 AND account_id = $2 AND channel = 'push' AND attempts > 0
           AND status IN ('pending', 'sending', 'sent', 'failed')"
    )
    .bind(key)
    .bind(account_id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// How many times the account asked for a test message since `since`: each
/// time gives one message by each way chosen.
pub(crate) async fn tests_since(tx: &mut Tx, account_id: i64, since: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_conn!(tx, |c| sqlx::query_scalar(
        "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM reminders
             WHERE account_id = $1 AND kind = 'test' AND created_at > $2 GROUP BY channel) per_way"
    )
    .bind(account_id)
    .bind(since)
    .fetch_one(c)
    .await)
}
