//! The reminder worker (issue 14): in every instance, claims due messages
//! from the outbox, sends each by Web Push or SMS, and keeps the result.
//!
//! Exactly once, as far as the receivers can tell: a message is claimed for a
//! while (PostgreSQL skips rows another instance holds); an instance that
//! dies mid-send loses its claim when the lease runs out, and the next try
//! carries the same idempotency key (the push topic and the notification's
//! tag, the SMS gateway's `Idempotency-Key`), so a phone shows it once.

use app::server::Access;
use app::server::access::reminders::{Claim, Outgoing, PushTarget, Sent};
use std::sync::Arc;
use std::time::Duration;

/// How the worker runs.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Written in each claim, so an instance's claims are its own.
    pub instance: String,
    /// How long to sleep when nothing was due.
    pub poll: Duration,
    /// Messages claimed at a time.
    pub batch: i64,
    /// How long a claim holds: longer than any send may take (each HTTP
    /// request gives up after [`SEND_TIMEOUT`]).
    pub lease: Duration,
    /// No SMS from and until these hours, Swedish time (21, 8).
    pub quiet_hours: Option<(u32, u32)>,
}

/// A request to a push service or the SMS gateway gives up after this.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Messages of one batch sent side by side.
const IN_FLIGHT: usize = 8;

impl WorkerSettings {
    pub fn new(poll: Duration, lease: Duration, quiet_hours: Option<(u32, u32)>) -> Self {
        // No more claimed than are sent side by side: a claim's lease then covers
        // one round of sends (each request gives up after SEND_TIMEOUT), not a queue.
        WorkerSettings { instance: instance_name(), poll, batch: IN_FLIGHT as i64, lease, quiet_hours }
    }
}

/// This process, for the claims it makes: the host and process id, with a
/// random part so a restarted process with a reused id is another instance.
fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".to_owned());
    let nonce: u64 = {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
        h.finish()
    };
    format!("{host}-{}-{:08x}", std::process::id(), nonce as u32)
}

/// Web Push: the server's VAPID key and who to contact about it.
#[derive(Clone)]
pub struct PushSender {
    vapid: web_push::PartialVapidSignatureBuilder,
    /// `mailto:` or `https:` address the push services may write to.
    subject: String,
    http: reqwest::Client,
}

impl PushSender {
    /// From the raw private key, base64url (what `vapid-keys` tools print).
    pub fn new(private_key: &str, subject: &str, http: reqwest::Client) -> anyhow::Result<Self> {
        use base64::Engine;
        // Checked here: the signing crate panics on a key of another length.
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(private_key.trim().trim_end_matches('='));
        anyhow::ensure!(raw.is_ok_and(|k| k.len() == 32), "the VAPID private key must be 32 bytes, base64url");
        let vapid = web_push::VapidSignatureBuilder::from_base64_no_sub(private_key.trim())
            .map_err(|_| anyhow::anyhow!("the VAPID private key is not a base64url P-256 key"))?;
        Ok(PushSender { vapid, subject: subject.to_owned(), http })
    }

    /// The public key browsers subscribe with (base64url, uncompressed point).
    pub fn public_key(&self) -> String {
        base64url(&self.vapid.get_public_key())
    }

    /// A new private key, base64url (demo mode stores one in the database).
    pub fn generate_private_key() -> anyhow::Result<String> {
        let (pair, _) = ece::generate_keypair_and_auth_secret().map_err(|_| anyhow::anyhow!("no random key"))?;
        let components = pair.raw_components().map_err(|_| anyhow::anyhow!("no random key"))?;
        Ok(base64url(&scalar_bytes(components.private_key())?))
    }

    async fn send(&self, target: &PushTarget, payload: &str, key: &str) -> Result<(), PushError> {
        let info = web_push::SubscriptionInfo::new(&target.endpoint, &target.p256dh, &target.auth);
        let mut builder = web_push::WebPushMessageBuilder::new(&info);
        builder.set_payload(web_push::ContentEncoding::Aes128Gcm, payload.as_bytes());
        // Kept by the push service while the phone is off, for a day at most.
        builder.set_ttl(24 * 3600);
        builder.set_urgency(web_push::Urgency::High);
        // A message still waiting at the push service is replaced by a later
        // try of itself, not doubled.
        builder.set_topic(key.to_owned());
        let mut signature = self.vapid.clone().add_sub_info(&info);
        signature.add_claim("sub", self.subject.as_str());
        // The audience is the push service's origin (RFC 8292 §2), port
        // included when it is not the scheme's own; web-push leaves the port out.
        let origin = url::Url::parse(&target.endpoint)
            .map_err(|_| PushError::Rejected("bad_subscription"))?
            .origin()
            .ascii_serialization();
        signature.add_claim("aud", origin);
        builder.set_vapid_signature(signature.build().map_err(|_| PushError::Rejected("bad_subscription"))?);
        let message = builder.build().map_err(|_| PushError::Rejected("bad_subscription"))?;
        let request = web_push::request_builder::build_request::<Vec<u8>>(message);
        let mut outgoing = self.http.post(request.uri().to_string()).timeout(SEND_TIMEOUT);
        for (name, value) in request.headers() {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        let status = outgoing
            .body(request.into_body())
            .send()
            .await
            .map_err(|_| PushError::TryAgain("push_unreachable"))?
            .status()
            .as_u16();
        match status {
            200..=299 => Ok(()),
            404 | 410 => Err(PushError::Gone),
            429 | 500..=599 => Err(PushError::TryAgain("push_busy")),
            _ => Err(PushError::Rejected("push_refused")),
        }
    }
}

enum PushError {
    Gone,
    TryAgain(&'static str),
    Rejected(&'static str),
}

/// An SMS gateway with the common Swedish API shape: a form POST with basic
/// auth (`from`, `to`, `message`), the sender name shown on the phone.
#[derive(Clone)]
pub struct SmsGateway {
    url: String,
    user: String,
    password: String,
    sender: String,
    http: reqwest::Client,
}

impl SmsGateway {
    pub fn new(url: &str, user: &str, password: &str, sender: &str, http: reqwest::Client) -> Self {
        SmsGateway {
            url: url.to_owned(),
            user: user.to_owned(),
            password: password.to_owned(),
            sender: sender.to_owned(),
            http,
        }
    }

    async fn send(&self, to: &str, text: &str, key: &str) -> Sent {
        let form = [("from", self.sender.as_str()), ("to", &international(to)), ("message", text)];
        let answer = self
            .http
            .post(&self.url)
            .basic_auth(&self.user, Some(&self.password))
            .header("Idempotency-Key", key)
            .form(&form)
            .timeout(SEND_TIMEOUT)
            .send()
            .await;
        match answer.map(|r| r.status().as_u16()) {
            Ok(200..=299) => Sent::Delivered,
            Ok(429 | 500..=599) => Sent::TryAgain("sms_gateway_busy"),
            Ok(_) => Sent::Refused("sms_refused"),
            Err(_) => Sent::TryAgain("sms_gateway_unreachable"),
        }
    }
}

/// A Swedish mobile number as gateways want it: "070-123 45 67" → "+46701234567".
pub fn international(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    match digits.strip_prefix('0') {
        Some(rest) if !rest.starts_with('0') => format!("+46{rest}"),
        Some(rest) => format!("+{}", &rest[1..]),
        None => digits,
    }
}

/// The ways out this instance has.
#[derive(Clone, Default)]
pub struct Senders {
    pub push: Option<PushSender>,
    pub sms: Option<SmsGateway>,
}

/// Runs the worker until the process ends.
pub async fn run(access: Access, senders: Senders, settings: WorkerSettings) {
    let senders = Arc::new(senders);
    let lease = chrono::Duration::from_std(settings.lease).unwrap_or(chrono::Duration::minutes(2));
    loop {
        let claims = match access.claim_reminders(&settings.instance, settings.batch, lease).await {
            Ok(claims) => claims,
            Err(e) => {
                tracing::warn!(error = %e, "reminders could not be claimed");
                Vec::new()
            }
        };
        if claims.is_empty() {
            tokio::time::sleep(settings.poll).await;
            continue;
        }
        use futures::StreamExt;
        futures::stream::iter(claims)
            .for_each_concurrent(IN_FLIGHT, |claim| {
                let (access, senders, instance) = (&access, senders.clone(), settings.instance.as_str());
                let quiet = settings.quiet_hours;
                async move { deliver(access, &senders, instance, quiet, &claim).await }
            })
            .await;
    }
}

#[tracing::instrument(name = "reminder", skip_all, fields(id = claim.id, channel = claim.channel.as_str(), attempt = claim.attempts))]
async fn deliver(access: &Access, senders: &Senders, instance: &str, quiet: Option<(u32, u32)>, claim: &Claim) {
    let outgoing = match access.make_reminder(claim, instance, quiet).await {
        Ok(outgoing) => outgoing,
        // Not to be sent (recorded), or the database is away (the claim runs out and it is tried again).
        Err(_) => return,
    };
    let (sent, gone) = match (outgoing, senders) {
        (Outgoing::Sms { to, text }, Senders { sms: Some(gateway), .. }) => {
            (gateway.send(&to, &text, &claim.idempotency_key).await, Vec::new())
        }
        (Outgoing::Push { payload, phones }, Senders { push: Some(push), .. }) => {
            push_to_all(push, &phones, &payload, &claim.idempotency_key).await
        }
        (Outgoing::Sms { .. }, _) => (Sent::Refused("sms_not_configured"), Vec::new()),
        (Outgoing::Push { .. }, _) => (Sent::Refused("push_not_configured"), Vec::new()),
    };
    tracing::info!(outcome = ?sent, "reminder tried");
    if let Err(e) = access.reminder_sent(claim, instance, sent, &gone).await {
        tracing::warn!(error = %e, "the reminder's result could not be kept; it is tried again when its claim runs out");
    }
}

/// Sends to each of the account's phones: delivered if any phone's push
/// service took it; the phones whose service says they are gone are returned.
async fn push_to_all(push: &PushSender, phones: &[PushTarget], payload: &str, key: &str) -> (Sent, Vec<i64>) {
    let (mut delivered, mut gone, mut again, mut refused) = (false, Vec::new(), None, None);
    for phone in phones {
        match push.send(phone, payload, key).await {
            Ok(()) => delivered = true,
            Err(PushError::Gone) => gone.push(phone.id),
            Err(PushError::TryAgain(why)) => again = Some(why),
            Err(PushError::Rejected(why)) => refused = Some(why),
        }
    }
    let sent = match (delivered, again, refused) {
        (true, _, _) => Sent::Delivered,
        (false, Some(why), _) => Sent::TryAgain(why),
        (false, None, Some(why)) => Sent::Refused(why),
        (false, None, None) => Sent::Refused("app_gone"),
    };
    (sent, gone)
}

/// A P-256 private key as its 32 bytes. It comes as a number, and one in 256
/// has a leading zero byte left out (the signing crate panics on 31 bytes).
fn scalar_bytes(scalar: &[u8]) -> anyhow::Result<[u8; 32]> {
    anyhow::ensure!(scalar.len() <= 32, "a P-256 key has 32 bytes");
    let mut key = [0u8; 32];
    key[32 - scalar.len()..].copy_from_slice(scalar);
    Ok(key)
}

fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vapid_key_is_32_bytes_even_with_a_leading_zero() {
        let short = [0x11u8; 31];
        let key = scalar_bytes(&short).unwrap();
        assert_eq!((key[0], &key[1..]), (0, &short[..]));
        let http = reqwest::Client::new();
        PushSender::new(&base64url(&key), "mailto:test@example.se", http.clone()).expect("a key starting with 0");
        // A key of 31 bytes is refused with a message, not a panic.
        assert!(PushSender::new(&base64url(&short), "mailto:test@example.se", http.clone()).is_err());
        assert!(scalar_bytes(&[1u8; 33]).is_err());
        for _ in 0..20 {
            let key = PushSender::generate_private_key().unwrap();
            assert_eq!(key.len(), 43, "{key}");
            PushSender::new(&key, "mailto:test@example.se", http.clone()).unwrap();
        }
    }

    #[test]
    fn swedish_mobile_numbers_become_international() {
        assert_eq!(international("070-123 45 67"), "+46701234567");
        assert_eq!(international("+46 70 123 45 67"), "+46701234567");
        assert_eq!(international("0046701234567"), "+46701234567");
    }
}
