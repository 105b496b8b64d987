//! Reminders (issue 14): each person's choice, the phones' subscriptions,
//! and the worker's side: claiming due messages, making each one under the
//! recipient's own permit (so the policy decides, at the moment it leaves,
//! whether they may still be told about the meeting), and keeping the result.

use super::{Access, AccessError, Actor, Origin, RequestCtx, Want, Work};
use crate::domain::{Channel, LockScreen, ReminderChoice, ReminderKind};
use crate::models::{RecordReminders, ReminderSettings, SentReminder};
use crate::policy::{Action, Section};
use crate::server::storage::{self, reminders::Finish};

/// Bad input on the "Påminnelser" page, next to the field it is about.
pub mod text {
    pub const NO_PHONE: &str = "Vi har inget nummer till din mobil. Be din kontaktperson att skriva in det.";
    pub const NO_WAY: &str = "Välj först hur påminnelsen ska komma.";
    pub const NO_ACCOUNT: &str = "Deltagaren har inget konto än. Gör en kod för inloggning först.";
    pub const BAD_SUBSCRIPTION: &str = "Mobilen kunde inte slå på påminnelser.";
    pub const TESTS_USED: &str = "Du har provat tre gånger i dag. Prova igen i morgon.";
}

/// "Skicka en påminnelse nu" at most this many times a day per person.
const TESTS_A_DAY: i64 = 3;

/// A phone's push subscription as the browser gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscription {
    pub endpoint: String,
    /// The phone's P-256 public key, base64url (65 bytes).
    pub p256dh: String,
    /// The phone's auth secret, base64url (16 bytes).
    pub auth: String,
}

impl PushSubscription {
    /// A push service is reached over https. Plain http only on this machine
    /// (the tests' own push service); anything else would hand the message's
    /// metadata to whoever is on the network.
    pub fn parse(endpoint: &str, p256dh: &str, auth: &str, loopback: bool) -> Result<Self, AccessError> {
        let url = url::Url::parse(endpoint).ok();
        let host = url.as_ref().and_then(|u| u.host_str()).unwrap_or("").to_ascii_lowercase();
        let secure = match url.as_ref().map(|u| u.scheme()) {
            // No user or password in it: the host is the host.
            _ if url.as_ref().is_some_and(|u| !u.username().is_empty() || u.password().is_some()) => false,
            Some("https") => {
                PUSH_SERVICES.iter().any(|service| host == *service || host.ends_with(&format!(".{service}")))
            }
            Some("http") => loopback && matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]"),
            _ => false,
        };
        let key_ok = decoded_len(p256dh) == Some(65) && decoded_len(auth) == Some(16);
        if !secure || !key_ok || endpoint.len() > 2048 {
            return Err(AccessError::Invalid { field: "push", message: text::BAD_SUBSCRIPTION });
        }
        Ok(PushSubscription { endpoint: endpoint.to_owned(), p256dh: p256dh.to_owned(), auth: auth.to_owned() })
    }
}

/// The push services browsers subscribe with (Chrome and Edge's, Firefox's,
/// Safari's, Windows'), and their subdomains. The worker sends to the address
/// a phone gives: any other host would let a signed-in person make the
/// server send requests into the municipality's own network.
const PUSH_SERVICES: &[&str] =
    &["fcm.googleapis.com", "google.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

/// How many bytes a base64url text (padding optional) holds; `None` if it is not base64url.
fn decoded_len(text: &str) -> Option<usize> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok().map(|b| b.len())
}

/// Whose choice a request is about: the asking participant's or relative's
/// own. Staff read and switch a participant's reminders on the record.
fn chooser(actor: &Actor) -> Option<i64> {
    match *actor {
        Actor::Participant { account_id, .. } | Actor::Relative { account_id, .. } => Some(account_id),
        _ => None,
    }
}

impl Access {
    /// "Påminnelser": what the one asking chose for the participant's meetings.
    pub async fn reminder_settings(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<ReminderSettings, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::ReminderChoice, record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let Some(account_id) = chooser(&ctx.actor) else {
            return Err(work.refuse(permit, "reminder_choice").await);
        };
        let who = permit.participant()?;
        let choice = storage::reminders::choice(work.tx()?, who, account_id).await?;
        let facts = storage::reminders::message_facts(work.tx()?, who, account_id).await?;
        let phones = storage::reminders::subscriptions(work.tx()?, account_id).await?.len();
        work.commit().await?;
        Ok(ReminderSettings {
            participant_id,
            choice,
            has_phone: facts.as_ref().is_some_and(|f| f.phone.is_some()),
            phones_with_app: phones,
            push_key: None,
            for_someone_else: !matches!(ctx.actor, Actor::Participant { .. }),
            notice: None,
            feedback: None,
        })
    }

    /// Saves the choice of the one asking (the participant, or a relative who
    /// sees the meetings) and schedules what it asks for.
    pub async fn save_reminder_choice(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        choice: &ReminderChoice,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::ReminderChoice, record_id: None };
        let permit = work.authorize(Action::Change, want).await?;
        let Some(account_id) = chooser(&ctx.actor) else {
            return Err(work.refuse(permit, "reminder_choice").await);
        };
        let who = permit.participant()?;
        if choice.by_sms {
            let facts = storage::reminders::message_facts(work.tx()?, who, account_id).await?;
            if facts.and_then(|f| f.phone).is_none() {
                return Err(AccessError::Invalid { field: "by_sms", message: text::NO_PHONE });
            }
        }
        storage::reminders::set_choice(work.tx()?, who, account_id, choice, Some(account_id), storage::now()).await?;
        work.commit().await
    }

    /// "Skicka en påminnelse nu": one message at once, by each way chosen.
    pub async fn send_test_reminder(&self, ctx: &RequestCtx, participant_id: i64) -> Result<usize, AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::ReminderChoice, record_id: None };
        let permit = work.authorize(Action::Create, want).await?;
        let Some(account_id) = chooser(&ctx.actor) else {
            return Err(work.refuse(permit, "reminder_choice").await);
        };
        let who = permit.participant()?;
        let channels =
            storage::reminders::choice(work.tx()?, who, account_id).await?.map(|c| c.channels()).unwrap_or_default();
        if channels.is_empty() {
            return Err(AccessError::Invalid { field: "test", message: text::NO_WAY });
        }
        // Each one may be a paid SMS: a few a day are enough to see what they look like.
        let today = storage::reminders::tests_since(work.tx()?, account_id, storage::now() - chrono::Duration::days(1));
        if today.await? >= TESTS_A_DAY {
            return Err(AccessError::Invalid { field: "test", message: text::TESTS_USED });
        }
        let sent = storage::reminders::enqueue_test(work.tx()?, who, account_id, &channels, storage::now()).await?;
        work.commit().await?;
        Ok(sent)
    }

    /// The phone the one asking is signed in on gets the app's notifications.
    /// Their own device, no one else's data: on record as an event.
    pub async fn add_push_subscription(&self, ctx: &RequestCtx, sub: &PushSubscription) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let Some(account_id) = chooser(&ctx.actor) else {
            // Staff phones get no reminders: refused, and on record.
            work.audit_event(ctx.actor, "create", "denied", "push_subscription").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        };
        storage::reminders::add_subscription(
            work.tx()?,
            account_id,
            &sub.endpoint,
            &sub.p256dh,
            &sub.auth,
            storage::now(),
        )
        .await?;
        work.audit_event(ctx.actor, "create", "allowed", "push_subscription").await?;
        work.commit().await
    }

    /// The phone this account is signed in on showed the notification with
    /// `key` (its service worker says so): the record shows it was delivered.
    /// A key that is not the asker's changes nothing, and is answered the same.
    pub async fn reminder_shown(&self, ctx: &RequestCtx, key: &str) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let Some(account_id) = chooser(&ctx.actor) else {
            work.audit_event(ctx.actor, "change", "denied", "reminder_shown").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        };
        if key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
            let shown = storage::reminders::mark_delivered(work.tx()?, account_id, key, storage::now()).await?;
            if shown {
                work.audit_event(ctx.actor, "change", "allowed", "reminder_shown").await?;
            }
        }
        work.commit().await
    }

    /// On the record: the participant's own choice, and the latest messages.
    pub async fn record_reminders(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<RecordReminders, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::Reminders, record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let who = permit.participant()?;
        let own = storage::reminders::participant_account(work.tx()?, who).await?;
        let choice = match own {
            Some(account) => storage::reminders::choice(work.tx()?, who, account).await?,
            None => None,
        };
        let has_phone = match own {
            Some(account) => storage::reminders::message_facts(work.tx()?, who, account).await?.and_then(|f| f.phone),
            None => None,
        }
        .is_some();
        let others_on = storage::reminders::others_on(work.tx()?, who, own).await?;
        let latest = storage::reminders::latest(work.tx()?, who, 5)
            .await?
            .into_iter()
            .map(|r| SentReminder {
                channel: r.channel,
                kind: r.kind,
                due_at: r.due_at,
                status: r.status,
                outcome: r.outcome,
                sent_at: r.sent_at,
                delivered_at: r.delivered_at,
                to_participant: Some(r.account_id) == own,
            })
            .collect();
        work.commit().await?;
        Ok(RecordReminders { participant_id, choice, has_phone, others_on, latest })
    }

    /// Staff switch the participant's SMS reminders on or off, with the
    /// participant's say-so (at intake, or when asked). Switching on with
    /// nothing chosen yet gives the evening before at 18.00.
    pub async fn set_sms_reminders(&self, ctx: &RequestCtx, participant_id: i64, on: bool) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::Reminders, record_id: None };
        let permit = work.authorize(Action::Change, want).await?;
        let who = permit.participant()?;
        let Some(account) = storage::reminders::participant_account(work.tx()?, who).await? else {
            return Err(AccessError::Invalid { field: "sms", message: text::NO_ACCOUNT });
        };
        let before = storage::reminders::choice(work.tx()?, who, account).await?;
        let mut choice = before.unwrap_or(ReminderChoice { by_push: false, ..ReminderChoice::SUGGESTED });
        choice.by_sms = on;
        if on && choice.day_before.is_none() && !choice.two_hours_before {
            choice.day_before = ReminderChoice::SUGGESTED.day_before;
        }
        if on && storage::reminders::message_facts(work.tx()?, who, account).await?.and_then(|f| f.phone).is_none() {
            return Err(AccessError::Invalid { field: "sms", message: crate::texts::staff::REMINDER_NO_PHONE });
        }
        let by = ctx.actor.account_id();
        storage::reminders::set_choice(work.tx()?, who, account, &choice, by, storage::now()).await?;
        work.commit().await
    }
}

impl Access {
    /// The VAPID key every instance signs with when none is configured
    /// (demo mode): the one stored first (see `storage::reminders`).
    pub async fn stored_vapid_key(&self, candidate: &str) -> Result<String, AccessError> {
        let mut tx = self.store().begin().await?;
        let key = storage::reminders::stored_vapid_key(&mut tx, candidate).await?;
        tx.commit().await?;
        Ok(key)
    }
}

/// A message a worker has claimed, to make and send.
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: i64,
    pub idempotency_key: String,
    pub channel: Channel,
    pub kind: ReminderKind,
    /// Tries so far, this one included.
    pub attempts: i64,
    participant_id: i64,
    meeting_id: Option<i64>,
    account_id: i64,
}

/// A message ready to leave.
#[derive(Debug, Clone)]
pub enum Outgoing {
    Sms {
        to: String,
        text: String,
    },
    /// The notification's JSON (what the service worker shows) and the
    /// phones to send it to: (subscription id, endpoint, p256dh, auth).
    Push {
        payload: String,
        phones: Vec<PushTarget>,
    },
}

#[derive(Debug, Clone)]
pub struct PushTarget {
    pub id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// How a claimed message ended, as the worker saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Delivered,
    /// A try failed in a way that may pass (a network error, 5xx, 429).
    TryAgain(&'static str),
    /// Refused for good (a 4xx other than 404/410/429).
    Refused(&'static str),
}

impl Access {
    /// Claims up to `limit` due messages for this instance, for `lease`.
    pub async fn claim_reminders(
        &self,
        instance: &str,
        limit: i64,
        lease: chrono::Duration,
    ) -> Result<Vec<Claim>, AccessError> {
        let now = storage::now();
        let mut tx = self.store().begin().await?;
        let rows = storage::reminders::claim(&mut tx, instance, limit, now, now + lease).await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .map(|r| Claim {
                id: r.id,
                idempotency_key: r.idempotency_key,
                channel: r.channel,
                kind: r.kind,
                attempts: r.attempts,
                participant_id: r.participant_id,
                meeting_id: r.meeting_id,
                account_id: r.account_id,
            })
            .collect())
    }

    /// Makes a claimed message, as the one it goes to: the policy is asked
    /// whether they may be told about the meeting now (a relative's consent
    /// may have been withdrawn since it was scheduled), and the audit row
    /// records the disclosure, with the way it went (`sms`, `push`). `Err`
    /// with the finish to record when it is not to be sent.
    pub async fn make_reminder(
        &self,
        claim: &Claim,
        instance: &str,
        quiet_hours: Option<(u32, u32)>,
    ) -> Result<Outgoing, AccessError> {
        // No SMS in the quiet hours (21-08), whenever it came due (a retry, a
        // claim taken over, a backlog after an outage): it waits until they
        // end. "Skicka en påminnelse nu" was asked for that very minute.
        let now = storage::now();
        let morning = quiet_hours.map_or(now, |(from, until)| crate::domain::reminder::after_quiet(now, from, until));
        if claim.channel == Channel::Sms && claim.kind != ReminderKind::Test && morning != now {
            let wait = Finish::Retry { at: morning, outcome: "quiet_hours" };
            self.finish_reminder(claim, instance, wait, &[]).await?;
            return Err(AccessError::NotFound);
        }
        let finish = |outcome| self.finish_reminder(claim, instance, Finish::Cancelled { outcome }, &[]);
        let account = {
            let mut tx = self.store().begin_read().await?;
            let row = storage::reminders::recipient(&mut tx, claim.account_id).await?;
            tx.rollback().await?;
            row
        };
        let actor = match account {
            Some(a) if a.disabled => None,
            Some(storage::reminders::RecipientRow { participant_id: Some(participant_id), .. }) => {
                Some(Actor::Participant { account_id: claim.account_id, participant_id })
            }
            Some(storage::reminders::RecipientRow { relative_id: Some(relative_id), .. }) => {
                Some(Actor::Relative { account_id: claim.account_id, relative_id })
            }
            _ => None,
        };
        let Some(actor) = actor else {
            finish("account_closed").await?;
            return Err(AccessError::NotFound);
        };
        let ctx = RequestCtx { actor, request_id: format!("reminder-{}", claim.id), origin: Origin::default() };
        let made = self.make_as_recipient(&ctx, claim).await;
        match made {
            Ok(Ok(outgoing)) => Ok(outgoing),
            Ok(Err(outcome)) => {
                finish(outcome).await?;
                Err(AccessError::NotFound)
            }
            // Refused by the policy (and on record as refused): no longer shared.
            Err(AccessError::Denied) => {
                finish("not_shared").await?;
                Err(AccessError::Denied)
            }
            Err(e) => Err(e),
        }
    }

    /// `Ok(Err(outcome))`: not to be sent, and why.
    async fn make_as_recipient(
        &self,
        ctx: &RequestCtx,
        claim: &Claim,
    ) -> Result<Result<Outgoing, &'static str>, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (section, record_id) = match claim.meeting_id {
            Some(id) => (Section::Meetings, Some(id)),
            None => (Section::ReminderChoice, None),
        };
        let want = Want::Participant { participant_id: claim.participant_id, section, record_id };
        let permit = work.authorize(Action::Export, want).await?;
        work.describe(&permit, claim.channel.as_str().to_owned());
        let who = permit.participant()?;
        let meeting = match claim.meeting_id {
            Some(id) => match storage::meetings::by_id(work.tx()?, who, id).await? {
                Some(m) => Some(m),
                None => return Ok(Err("meeting_gone")),
            },
            None => None,
        };
        if let Some(m) = &meeting {
            use crate::domain::{MeetingAnswer, MeetingStatus};
            // A reminder is for a meeting still to come that they will come to.
            let still = match claim.kind {
                ReminderKind::Cancelled => m.status == MeetingStatus::Cancelled,
                _ => {
                    m.status == MeetingStatus::Planned
                        && m.participant_answer != MeetingAnswer::NotComing
                        && m.starts_at > storage::now()
                }
            };
            if !still {
                return Ok(Err("meeting_changed"));
            }
            // A reminder is sent only while the meeting's time and the person's
            // choice still give it (a change committed beside its scheduling
            // could have left one for an old time).
            if matches!(claim.kind, ReminderKind::DayBefore | ReminderKind::TwoHours) {
                let choice = storage::reminders::choice(work.tx()?, who, claim.account_id).await?;
                let planned = choice.map(|c| crate::domain::reminder::planned(&c, m.starts_at)).unwrap_or_default();
                let wanted = planned
                    .iter()
                    .any(|due| storage::reminders::reminder_key(m.id, claim.account_id, due) == claim.idempotency_key);
                if !wanted {
                    return Ok(Err("no_longer_due"));
                }
            }
        }
        let Some(facts) = storage::reminders::message_facts(work.tx()?, who, claim.account_id).await? else {
            return Ok(Err("account_closed"));
        };
        let recipient_first = crate::texts::reminders::first_name(&facts.recipient_name).to_owned();
        let participant_first = crate::texts::reminders::first_name(&facts.participant_name).to_owned();
        let message = crate::texts::reminders::Message {
            kind: claim.kind,
            lock_screen: facts.lock_screen.unwrap_or(LockScreen::WhatAndWhen),
            hello: &recipient_first,
            about: (!facts.recipient_is_participant).then_some(participant_first.as_str()),
            meeting: meeting.as_ref().map(|m| m.starts_at),
            now: storage::now(),
        };
        let outgoing = match claim.channel {
            Channel::Sms => match facts.phone {
                Some(to) => Outgoing::Sms { to, text: crate::texts::reminders::sms(&message) },
                None => return Ok(Err("no_phone")),
            },
            Channel::Push => {
                let phones: Vec<PushTarget> = storage::reminders::subscriptions(work.tx()?, claim.account_id)
                    .await?
                    .into_iter()
                    .map(|s| PushTarget { id: s.id, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth })
                    .collect();
                if phones.is_empty() {
                    return Ok(Err("no_app"));
                }
                let (title, body) = crate::texts::reminders::push(&message);
                let url = match claim.meeting_id {
                    Some(id) => crate::paths::meeting(id),
                    None => crate::paths::REMINDERS.to_owned(),
                };
                let payload = serde_json::json!({
                    "title": title,
                    "body": body,
                    "tag": claim.idempotency_key,
                    "url": url,
                })
                .to_string();
                Outgoing::Push { payload, phones }
            }
        };
        work.commit().await?;
        Ok(Ok(outgoing))
    }

    /// Keeps how a try ended; `gone` are subscriptions the push service no
    /// longer knows (404, 410), removed in the same transaction. A failed try
    /// is tried again later, while tries are left and the meeting has not begun.
    pub async fn reminder_sent(
        &self,
        claim: &Claim,
        instance: &str,
        sent: Sent,
        gone: &[i64],
    ) -> Result<(), AccessError> {
        let now = storage::now();
        let finish = match sent {
            Sent::Delivered => Finish::Sent,
            Sent::Refused(outcome) => Finish::Failed { outcome },
            Sent::TryAgain(outcome) => match crate::domain::reminder::retry_after(claim.attempts) {
                Some(wait) => Finish::Retry { at: now + wait, outcome },
                None => Finish::Failed { outcome },
            },
        };
        self.finish_reminder(claim, instance, finish, gone).await
    }

    async fn finish_reminder(
        &self,
        claim: &Claim,
        instance: &str,
        finish: Finish,
        gone: &[i64],
    ) -> Result<(), AccessError> {
        let mut tx = self.store().begin().await?;
        for &id in gone {
            storage::reminders::remove_subscription(&mut tx, id).await?;
        }
        storage::reminders::finish(&mut tx, claim.id, instance, finish, storage::now()).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Work<'_> {
    /// Says more in the permit's audit row (the way a reminder went).
    pub(crate) fn describe(&mut self, permit: &super::Permit, detail: String) {
        if let Some(entry) = permit.audit_row.and_then(|i| self.audit.get_mut(i)) {
            entry.detail = Some(detail);
        }
    }
}
