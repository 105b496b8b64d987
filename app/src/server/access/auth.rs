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
/// Failed attempts allowed per account, and per address, in the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

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
        matches!(self.actor, Actor::Staff { .. } | Actor::Admin { .. })
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
        let mut work = self.read_only(&ctx).await?;
        let row = storage::accounts::by_id(work.tx()?, account_id).await?;
        work.commit().await?;
        Ok(row.and_then(SessionAccount::from_row))
    }

    pub(super) async fn too_many_failures(
        &self,
        work: &mut super::Work<'_>,
        keys: &[(&str, &str, i64)],
    ) -> Result<bool, AccessError> {
        let since = storage::now() - Duration::minutes(FAILURE_WINDOW_MINUTES);
        for (kind, key, _) in keys {
            storage::accounts::lock_attempt_key(work.tx()?, &self.keys.keyed_hash(kind, key)).await?;
        }
        for (kind, key, max) in keys {
            let n =
                storage::accounts::failures_since(work.tx()?, kind, &self.keys.keyed_hash(kind, key), since).await?;
            if n >= *max {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(super) async fn record_attempts(
        &self,
        work: &mut super::Work<'_>,
        keys: &[(&str, &str)],
        ok: bool,
    ) -> Result<Vec<i64>, AccessError> {
        let at = storage::now();
        storage::accounts::prune_attempts(work.tx()?, at - Duration::minutes(FAILURE_WINDOW_MINUTES)).await?;
        let mut ids = Vec::with_capacity(keys.len());
        for (kind, key) in keys {
            ids.push(
                storage::accounts::record_attempt(work.tx()?, kind, &self.keys.keyed_hash(kind, key), at, ok).await?,
            );
        }
        Ok(ids)
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
        let keys =
            [("account", email.as_str(), MAX_FAILURES_PER_ACCOUNT), ("address", address, MAX_FAILURES_PER_ADDRESS)];
        // Look up first, then hash with no transaction open: Argon2 takes a while,
        // and on SQLite an open write transaction would stall every other request.
        let mut work = self.work(&ctx).await?;
        if self.too_many_failures(&mut work, &keys).await? {
            work.audit_event(Actor::Anonymous, "sign_in", "denied", "rate_limited").await?;
            work.commit().await?;
            return Err(AccessError::RateLimited);
        }
        let row = storage::accounts::by_email(work.tx()?, email.as_str()).await?;
        // Counted as a failure until proven otherwise, in the same transaction as
        // the count: parallel attempts see each other.
        let attempts =
            self.record_attempts(&mut work, &[("account", email.as_str()), ("address", address)], false).await?;
        work.commit().await?;

        let stored = row.as_ref().and_then(|r| r.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.clone());
        let password = password.to_owned();
        let verified = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        let account = row.filter(|_| verified).and_then(SessionAccount::from_row).filter(SessionAccount::is_staff_like);

        let mut work = self.work(&ctx).await?;
        let Some(account) = account else {
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
        let keys = [("address", address, MAX_FAILURES_PER_ADDRESS)];
        if self.too_many_failures(&mut work, &keys).await? {
            work.audit_event(Actor::Anonymous, "sign_in", "denied", "rate_limited").await?;
            work.commit().await?;
            return Err(AccessError::RateLimited);
        }
        let account_id = storage::accounts::redeem_code(work.tx()?, &self.code_hash(code), storage::now()).await?;
        let account = match account_id {
            Some(id) => storage::accounts::by_id(work.tx()?, id).await?.and_then(SessionAccount::from_row),
            None => None,
        }
        .filter(|a| !a.is_staff_like());
        self.record_attempts(&mut work, &[("address", address)], account.is_some()).await?;
        match account {
            Some(account) => {
                work.audit_event(account.actor, "sign_in", "allowed", "sign_in_code").await?;
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
        let (code, expires_at) = self.new_code(&mut work, account.id, created_by).await?;
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
        let (code, expires_at) = self.new_code(&mut work, account.id, created_by).await?;
        work.commit().await?;
        Ok((code, expires_at))
    }

    async fn new_code(
        &self,
        work: &mut super::Work<'_>,
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
        storage::accounts::insert_code(work.tx()?, account_id, &self.code_hash(&code), expires_at, created_by).await?;
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
    /// A request refused before any use-case ran (a cross-site POST).
    pub async fn record_refused_request(&self, ctx: &RequestCtx, what: &'static str) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.audit_event(ctx.actor, "change", "denied", what).await?;
        work.commit().await
    }
}
