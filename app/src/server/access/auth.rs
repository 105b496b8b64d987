//! Sign-in use-cases: passwords for staff, single-use codes for participants and
//! relatives, device sessions, and the accounts a session loads.

use super::factors::PasswordOutcome;
use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::{Email, SignInCode, StaffRole};
use crate::policy::{Action, Actor, Section};
use crate::server::storage::{self, accounts::AccountRow};
use crate::texts::staff as text;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// How long a sign-in code lives.
pub const CODE_LIFETIME_MINUTES: i64 = 10;
/// Failed attempts count for this long.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// Wrong passwords for one account from one address, and failures of any kind
/// from one address, before that address is refused (for the window).
pub const MAX_FAILURES_PER_ACCOUNT_AT_ADDRESS: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// Wrong second-step codes for one account, from anywhere: only someone who
/// knew the password gets that far.
pub const MAX_SECOND_STEP_FAILURES: i64 = 5;
/// Wrong passwords for one account, from any addresses, before each further
/// attempt for it must wait a little (1 s, then doubling up to a minute).
/// Staff e-mail addresses are shown to participants, so anyone can make these:
/// the account slows down, it is never locked, and a passkey always works.
/// One address alone never gets here: it is refused after 5.
pub const SLOW_DOWN_AFTER_FAILURES: i64 = 10;
pub const MAX_SLOW_DOWN_SECONDS: i64 = 60;
/// Refusals before anyone signed in are counted per window this long.
const REFUSAL_WINDOW_SECONDS: i64 = 3600;

/// How long attempts for an account wait after its newest failure, when it
/// has `failures` in the window.
pub fn slow_down(failures: i64) -> Duration {
    if failures < SLOW_DOWN_AFTER_FAILURES {
        return Duration::zero();
    }
    let doublings = (failures - SLOW_DOWN_AFTER_FAILURES).min(16) as u32;
    Duration::seconds((1i64 << doublings).min(MAX_SLOW_DOWN_SECONDS))
}

/// What failed sign-in attempts are counted by.
#[derive(Debug, Clone, Copy)]
pub(super) enum AttemptKey<'a> {
    /// Passwords tried for an e-mail address, from anywhere: slows down.
    Account(&'a str),
    /// Passwords tried for an e-mail address from one client address: refused.
    AccountAt(&'a str, &'a str),
    /// Second-step codes tried for an account (its e-mail): refused.
    SecondStep(&'a str),
    /// Anything tried from one client address: refused.
    Address(&'a str),
}

impl AttemptKey<'_> {
    /// The table's `key_kind` knows 'account' and 'address' only (0001's
    /// CHECK); the keyed hash's own kind keeps the account keys apart.
    fn column(self) -> &'static str {
        match self {
            AttemptKey::Address(_) => "address",
            _ => "account",
        }
    }

    fn hash(self, keys: &crate::server::Keys) -> String {
        match self {
            AttemptKey::Account(email) => keys.keyed_hash("account", email),
            AttemptKey::AccountAt(email, address) => keys.keyed_hash("account_at", &format!("{address}\n{email}")),
            AttemptKey::SecondStep(email) => keys.keyed_hash("second_step", email),
            AttemptKey::Address(address) => keys.keyed_hash("address", address),
        }
    }

    /// Failures that refuse the key for the rest of the window (`None`: it slows down instead).
    fn refused_after(self) -> Option<i64> {
        match self {
            AttemptKey::Account(_) => None,
            AttemptKey::AccountAt(..) => Some(MAX_FAILURES_PER_ACCOUNT_AT_ADDRESS),
            AttemptKey::SecondStep(_) => Some(MAX_SECOND_STEP_FAILURES),
            AttemptKey::Address(_) => Some(MAX_FAILURES_PER_ADDRESS),
        }
    }
}

/// The keys a password attempt counts on.
pub(super) fn password_keys<'a>(email: &'a str, address: &'a str) -> [AttemptKey<'a>; 3] {
    [AttemptKey::Account(email), AttemptKey::AccountAt(email, address), AttemptKey::Address(address)]
}

/// Argon2 takes about as long as a core can give it: no more run at once
/// than there are cores, so a flood of sign-ins cannot take every core from
/// the rest of the server. A sign-in that finds no slot soon is told to come back.
static HASHING_SLOTS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::sync::Arc::new(tokio::sync::Semaphore::new(cores))
});
/// How long a sign-in waits for a hashing slot before it is told to come back.
const HASHING_SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// A slot to run Argon2 in, or `Busy`. Taken before anything is read or
/// counted, so a sign-in sent away unheard counts as no attempt.
pub(super) async fn hashing_slot() -> Result<tokio::sync::OwnedSemaphorePermit, AccessError> {
    match tokio::time::timeout(HASHING_SLOT_WAIT, HASHING_SLOTS.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => {
            tracing::warn!("every password-hashing slot is busy; a sign-in was asked to come back");
            Err(AccessError::Busy)
        }
    }
}

/// What a session carries about its account (loaded fresh on every request).
#[derive(Debug, Clone)]
pub struct SessionAccount {
    pub account_id: i64,
    pub actor: Actor,
    pub display_name: String,
    /// Changes when the account's sessions are ended or it is disabled.
    pub auth_hash: Vec<u8>,
}

impl SessionAccount {
    pub(crate) fn from_row(row: AccountRow) -> Option<Self> {
        if row.disabled {
            return None;
        }
        let actor = match (row.role.as_str(), row.participant_id, row.relative_id, row.staff_id, row.staff_role) {
            ("participant", Some(participant_id), ..) => Actor::Participant { account_id: row.id, participant_id },
            ("relative", _, Some(relative_id), ..) => Actor::Relative { account_id: row.id, relative_id },
            ("admin", _, _, Some(staff_id), Some(StaffRole::Admin)) => {
                Actor::Admin { account_id: row.id, staff_id, unit_id: row.unit_id }
            }
            ("staff", _, _, Some(staff_id), Some(StaffRole::DataProtectionOfficer)) => {
                Actor::DataProtectionOfficer { account_id: row.id, staff_id }
            }
            ("staff", _, _, Some(staff_id), Some(StaffRole::SteeringGroup)) => {
                Actor::SteeringGroup { account_id: row.id, staff_id }
            }
            ("staff", _, _, Some(staff_id), Some(role)) if role != StaffRole::Admin => {
                Actor::Staff { account_id: row.id, staff_id, unit_id: row.unit_id?, role }
            }
            _ => return None,
        };
        Some(SessionAccount {
            account_id: row.id,
            actor,
            display_name: row.display_name,
            auth_hash: Sha256::digest(row.session_secret.as_bytes()).to_vec(),
        })
    }

    pub fn is_staff_like(&self) -> bool {
        self.actor.works_the_process()
    }
}

/// A fresh random secret; changing an account's secret ends all its sessions.
pub(crate) fn new_session_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    crate::server::keys::hex(&bytes)
}

pub fn hash_password(password: &crate::domain::Password) -> Result<String, AccessError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose_secret().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AccessError::Invalid { field: "password", message: text::PASSWORD_NOT_SAVED })
}

// A real Argon2 hash to verify against when no account matches, so a wrong
// e-mail takes as long as a wrong password.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(b"no such account", &salt).map(|h| h.to_string()).unwrap_or_default()
});

impl Access {
    /// A code is stored as a keyed hash: a 40-bit code's plain hash could be
    /// reversed by trying every code.
    fn code_hash(&self, code: &SignInCode) -> String {
        self.keys.keyed_hash("sign_in_code", code.as_str())
    }

    /// Loads the account behind a session; `None` ends the session.
    pub async fn session_account(&self, account_id: i64) -> Result<Option<SessionAccount>, AccessError> {
        let ctx = RequestCtx::system("session");
        let mut work = self.reading(&ctx).await?;
        let row = storage::accounts::by_id(work.tx()?, account_id).await?;
        work.commit().await?;
        Ok(row.and_then(SessionAccount::from_row))
    }

    /// Whether an attempt on `keys` must be refused (a key over its limit) or
    /// wait (an account slowed down). Locks the keys until the transaction
    /// ends, so parallel attempts see each other's failures.
    pub(super) async fn attempt_refusal(
        &self,
        work: &mut super::Work<'_>,
        keys: &[AttemptKey<'_>],
    ) -> Result<Option<AccessError>, AccessError> {
        let now = storage::now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let mut hashed: Vec<(AttemptKey<'_>, String)> = keys.iter().map(|k| (*k, k.hash(&self.keys))).collect();
        // Always locked in the same order, so two attempts cannot wait for each other.
        hashed.sort_by(|a, b| a.1.cmp(&b.1));
        for (_, hash) in &hashed {
            storage::accounts::lock_attempt_key(work.tx()?, hash).await?;
        }
        let mut refusal = None;
        for (key, hash) in &hashed {
            let failures = storage::accounts::failures_since(work.tx()?, key.column(), hash, since).await?;
            match key.refused_after() {
                Some(max) if failures >= max => return Ok(Some(AccessError::RateLimited)),
                Some(_) => {}
                None if failures >= SLOW_DOWN_AFTER_FAILURES => {
                    let last = storage::accounts::last_failure_since(work.tx()?, key.column(), hash, since).await?;
                    if last.is_some_and(|last| now < last + slow_down(failures)) {
                        refusal = Some(AccessError::TryAgainSoon);
                    }
                }
                None => {}
            }
        }
        Ok(refusal)
    }

    /// Ends an attempt refused by [`Self::attempt_refusal`]: counted per hour,
    /// not audited one by one (anyone can send them), and returned to answer with.
    pub(super) async fn refuse_attempt(&self, mut work: super::Work<'_>, refusal: AccessError) -> AccessError {
        let kind = match refusal {
            AccessError::TryAgainSoon => "sign_in_slowed_down",
            _ => "sign_in_rate_limited",
        };
        let counted = async {
            self.count_refusal(&mut work, kind).await?;
            work.commit().await
        };
        match counted.await {
            Ok(()) => refusal,
            Err(e) => e,
        }
    }

    /// Counts one refusal of `kind` in this hour's row.
    pub(super) async fn count_refusal(&self, work: &mut super::Work<'_>, kind: &str) -> Result<(), AccessError> {
        Ok(storage::accounts::count_refusal(work.tx()?, refusal_window(storage::now()), kind).await?)
    }

    pub(super) async fn record_attempts(
        &self,
        work: &mut super::Work<'_>,
        keys: &[AttemptKey<'_>],
        ok: bool,
    ) -> Result<Vec<i64>, AccessError> {
        let at = storage::now();
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            ids.push(storage::accounts::record_attempt(work.tx()?, key.column(), &key.hash(&self.keys), at, ok).await?);
        }
        Ok(ids)
    }

    /// Deletes attempts that count for nothing any more; a background task
    /// calls it now and then (every attempt used to, reading the whole table).
    pub async fn prune_sign_in_attempts(&self) -> Result<u64, AccessError> {
        let ctx = RequestCtx::system("prune");
        let mut work = self.work(&ctx).await?;
        let before = storage::now() - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let pruned = storage::accounts::prune_attempts(work.tx()?, before).await?;
        work.commit().await?;
        Ok(pruned)
    }

    /// Staff and admin: e-mail and password, the first of two steps. A demo
    /// account (listed in `demo_accounts` of a database `demo-data` made) signs
    /// in with the password alone when the server runs with `--demo` (`demo`),
    /// and not at all without it: the demo password is public.
    pub async fn sign_in_with_password(
        &self,
        asked: &RequestCtx,
        email: &Email,
        password: &str,
        address: &str,
        demo: bool,
    ) -> Result<PasswordOutcome, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let keys = password_keys(email.as_str(), address);
        let slot = hashing_slot().await?;
        // Look up first, then hash with no transaction open: Argon2 takes a while,
        // and on SQLite an open write transaction would stall every other request.
        let mut work = self.work(&ctx).await?;
        if let Some(refusal) = self.attempt_refusal(&mut work, &keys).await? {
            return Err(self.refuse_attempt(work, refusal).await);
        }
        let row = storage::accounts::by_email(work.tx()?, email.as_str()).await?;
        // Counted as a failure until proven otherwise, in the same transaction as
        // the count: parallel attempts see each other.
        let attempts = self.record_attempts(&mut work, &keys, false).await?;
        work.commit().await?;

        let stored = row.as_ref().and_then(|r| r.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.clone());
        let password = password.to_owned();
        let verified = tokio::task::spawn_blocking(move || {
            // Held until the hash is done, even if the request is dropped meanwhile.
            let _slot = slot;
            PasswordHash::new(&stored)
                .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        let account = row.filter(|_| verified).and_then(SessionAccount::from_row).filter(SessionAccount::is_staff_like);

        let mut work = self.work(&ctx).await?;
        let Some(account) = account else {
            let known = storage::now();
            for id in &attempts {
                storage::accounts::mark_attempt_failed_at(work.tx()?, *id, known).await?;
            }
            work.audit_event(Actor::Anonymous, "sign_in", "denied", "password").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        };
        let demo_database = storage::meta::get(work.tx()?, super::system::DEMO_MARK).await?.as_deref() == Some("true");
        let demo_account =
            demo_database && storage::meta::demo_account(work.tx()?, account.account_id).await?.is_some();
        if demo_account && !demo {
            // Stays counted as a failure: the public password guessed nothing.
            work.audit_event(account.actor, "sign_in", "denied", "demo_password").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        }
        for id in &attempts {
            storage::accounts::mark_attempt_succeeded(work.tx()?, *id).await?;
        }
        work.audit_event(account.actor, "sign_in", "allowed", "password").await?;
        let outcome = if demo_account {
            PasswordOutcome::SignedIn(account)
        } else {
            let has_factor = Self::has_second_factor(&mut work, account.account_id).await?;
            PasswordOutcome::SecondFactor {
                account_id: account.account_id,
                email: email.as_str().to_owned(),
                has_factor,
            }
        };
        work.commit().await?;
        Ok(outcome)
    }

    /// Participants and relatives: a single-use code that staff made for them.
    pub async fn sign_in_with_code(
        &self,
        asked: &RequestCtx,
        code: &SignInCode,
        address: &str,
    ) -> Result<SessionAccount, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.work(&ctx).await?;
        let keys = [AttemptKey::Address(address)];
        if let Some(refusal) = self.attempt_refusal(&mut work, &keys).await? {
            return Err(self.refuse_attempt(work, refusal).await);
        }
        let redeemed = storage::accounts::redeem_code(work.tx()?, &self.code_hash(code), storage::now()).await?;
        let account = match &redeemed {
            Some(r) => storage::accounts::by_id(work.tx()?, r.account_id).await?.and_then(SessionAccount::from_row),
            None => None,
        }
        .filter(|a| !a.is_staff_like());
        self.record_attempts(&mut work, &keys, account.is_some()).await?;
        match account.zip(redeemed) {
            Some((account, code)) => {
                // The code used, and the staff member who made it.
                work.audit_event_naming(account.actor, "sign_in", "allowed", "sign_in_code", Some(code.id)).await?;
                let made_by = Some(code.created_by);
                work.audit_event_naming(account.actor, "sign_in", "allowed", "sign_in_code_maker", made_by).await?;
                work.commit().await?;
                Ok(account)
            }
            None => {
                work.audit_event(Actor::Anonymous, "sign_in", "denied", "sign_in_code").await?;
                work.commit().await?;
                Err(AccessError::Denied)
            }
        }
    }

    pub async fn record_sign_out(&self, ctx: &RequestCtx) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.audit_event(ctx.actor, "sign_out", "allowed", "session").await?;
        work.commit().await
    }

    /// Staff make a code for a participant in their unit. The code itself is
    /// returned once and only its hash is stored.
    pub async fn create_participant_code(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<(SignInCode, DateTime<Utc>), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work
            .authorize(Action::Create, Want::Participant { participant_id, section: Section::Access, record_id: None })
            .await?;
        let Some(account) = storage::accounts::by_participant(work.tx()?, permit.participant_id()?).await? else {
            return Err(work.refuse(permit, "participant_account").await);
        };
        let created_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let (code, expires_at) = self.new_code(&mut work, &permit, account.id, created_by).await?;
        work.commit().await?;
        Ok((code, expires_at))
    }

    /// Staff make a code for a relative or god man of a participant in their unit.
    pub async fn create_relative_code(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        relative_id: i64,
    ) -> Result<(SignInCode, DateTime<Utc>), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work
            .authorize(Action::Create, Want::Participant { participant_id, section: Section::Access, record_id: None })
            .await?;
        let participant_id = permit.participant_id()?;
        let linked =
            storage::participants::participants_of_relative(work.tx()?, relative_id).await?.contains(&participant_id);
        let account = match linked {
            true => storage::accounts::by_relative(work.tx()?, relative_id).await?,
            false => None,
        };
        let Some(account) = account else {
            return Err(work.refuse(permit, "relative_account").await);
        };
        let created_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let (code, expires_at) = self.new_code(&mut work, &permit, account.id, created_by).await?;
        work.commit().await?;
        Ok((code, expires_at))
    }

    /// Makes the code; the permit's audit row names for whom (the account),
    /// and a row beside it the code, which its sign-in names too.
    async fn new_code(
        &self,
        work: &mut super::Work<'_>,
        permit: &super::Permit,
        account_id: i64,
        created_by: i64,
    ) -> Result<(SignInCode, DateTime<Utc>), AccessError> {
        let mut bytes = [0u8; 7];
        OsRng.fill_bytes(&mut bytes);
        let code = SignInCode::from_random_bytes(&bytes);
        let now = storage::now();
        let expires_at = now + Duration::minutes(CODE_LIFETIME_MINUTES);
        // Only the newest code works: one handed out earlier stops working.
        storage::accounts::retire_codes(work.tx()?, account_id, now).await?;
        let id = storage::accounts::insert_code(work.tx()?, account_id, &self.code_hash(&code), expires_at, created_by)
            .await?;
        work.names(permit, account_id);
        work.also_names(permit, "sign_in_code", id);
        Ok((code, expires_at))
    }

    /// Ends every device session of a participant (a lost phone).
    pub async fn end_participant_sessions(&self, ctx: &RequestCtx, participant_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work
            .authorize(Action::Change, Want::Participant { participant_id, section: Section::Access, record_id: None })
            .await?;
        let Some(account) = storage::accounts::by_participant(work.tx()?, permit.participant_id()?).await? else {
            return Err(work.refuse(permit, "participant_account").await);
        };
        storage::accounts::set_session_secret(work.tx()?, account.id, &new_session_secret()).await?;
        work.commit().await
    }

    /// Signs a relative of the participant out everywhere (a lost phone, or a
    /// relative who should no longer be signed in).
    pub async fn end_relative_sessions(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        relative_id: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work
            .authorize(Action::Change, Want::Participant { participant_id, section: Section::Access, record_id: None })
            .await?;
        let linked = storage::participants::participants_of_relative(work.tx()?, relative_id)
            .await?
            .contains(&permit.participant_id()?);
        let account = match linked {
            true => storage::accounts::by_relative(work.tx()?, relative_id).await?,
            false => None,
        };
        let Some(account) = account else {
            return Err(work.refuse(permit, "relative_account").await);
        };
        storage::accounts::set_session_secret(work.tx()?, account.id, &new_session_secret()).await?;
        work.commit().await
    }
}

impl Access {
    /// A request refused before any use-case ran (a cross-site POST). A
    /// signed-in person's refusal is an audit row of its own (their session was
    /// used); an anonymous one only counts in its hour's row: anyone can send
    /// those, and every audit row is kept for good.
    pub async fn record_refused_request(&self, ctx: &RequestCtx, what: &'static str) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        if ctx.actor == Actor::Anonymous {
            self.count_refusal(&mut work, what).await?;
        } else {
            work.audit_event(ctx.actor, "change", "denied", what).await?;
        }
        work.commit().await
    }
}

/// The start of the window that a refusal at `at` is counted in.
fn refusal_window(at: DateTime<Utc>) -> DateTime<Utc> {
    let seconds = at.timestamp();
    DateTime::from_timestamp(seconds - seconds.rem_euclid(REFUSAL_WINDOW_SECONDS), 0).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_slows_down_from_the_tenth_failure_doubling_up_to_a_minute() {
        assert_eq!(slow_down(0), Duration::zero());
        assert_eq!(slow_down(SLOW_DOWN_AFTER_FAILURES - 1), Duration::zero());
        assert_eq!(slow_down(SLOW_DOWN_AFTER_FAILURES), Duration::seconds(1));
        assert_eq!(slow_down(SLOW_DOWN_AFTER_FAILURES + 1), Duration::seconds(2));
        assert_eq!(slow_down(SLOW_DOWN_AFTER_FAILURES + 5), Duration::seconds(32));
        assert_eq!(slow_down(SLOW_DOWN_AFTER_FAILURES + 6), Duration::seconds(MAX_SLOW_DOWN_SECONDS));
        assert_eq!(slow_down(10_000), Duration::seconds(MAX_SLOW_DOWN_SECONDS));
    }

    #[test]
    fn refusals_are_counted_per_hour() {
        let at = DateTime::parse_from_rfc3339("2025-03-04T10:59:59Z").unwrap().with_timezone(&Utc);
        assert_eq!(refusal_window(at).to_rfc3339(), "2025-03-04T10:00:00+00:00");
    }

    #[test]
    fn attempt_keys_of_one_email_are_kept_apart() {
        let keys = crate::server::Keys::demo();
        let hashes: std::collections::BTreeSet<String> = [
            AttemptKey::Account("a@example.se"),
            AttemptKey::AccountAt("a@example.se", "203.0.113.7"),
            AttemptKey::SecondStep("a@example.se"),
            AttemptKey::Address("203.0.113.7"),
        ]
        .into_iter()
        .map(|k| k.hash(&keys))
        .collect();
        assert_eq!(hashes.len(), 4);
    }
}
