//! Staff's second factor: a TOTP authenticator app (RFC 6238), checked after the
//! password, and the demo rule (demo staff sign in with the password alone,
//! and only when the server runs with `--demo`).

use super::auth::{AttemptKey, SessionAccount};
use super::{Access, AccessError, RequestCtx, Work};
use crate::policy::Actor;
use crate::server::storage;
use crate::texts::factors as text;
use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long a right password waits for its second factor.
pub const PENDING_SECONDS: i64 = 5 * 60;
/// The name the authenticator app shows above the code.
pub const ISSUER: &str = "Mina steg";
const TOTP_STEP_SECONDS: u64 = 30;

/// What a right password leads to.
#[derive(Debug)]
pub enum PasswordOutcome {
    /// A demo account on a demo server: signed in with the password alone.
    SignedIn(SessionAccount),
    /// The second step: verify a factor (`has_factor`), or register the first one.
    SecondFactor { account_id: i64, email: String, has_factor: bool },
}

/// A new authenticator secret: 160 random bits (RFC 4226 §4), base32 as the apps take it.
pub fn new_totp_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    totp_rs::Secret::from(bytes.to_vec()).to_base32()
}

/// The `otpauth://` address the QR code holds (Key Uri Format): SHA1, 6 digits, 30 s.
pub fn otpauth_uri(secret: &str, account_name: &str) -> String {
    let issuer = percent(ISSUER);
    format!(
        "otpauth://totp/{issuer}:{}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period={TOTP_STEP_SECONDS}",
        percent(account_name)
    )
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The code as typed, without spaces, if it is six digits.
pub fn parse_code(code: &str) -> Result<String, &'static str> {
    let code: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if code.is_empty() {
        return Err(text::CODE_MISSING);
    }
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(text::CODE_FORMAT);
    }
    Ok(code)
}

/// The time step a code belongs to, within one step either side (network
/// delay, a phone's clock), or `None` when it matches none of them.
fn matching_step(secret: &str, code: &str) -> Result<Option<i64>, AccessError> {
    let secret = totp_rs::Secret::try_from_base32(secret).map_err(|_| AccessError::Corrupt("totp_factors.secret"))?;
    let totp = totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(TOTP_STEP_SECONDS)
        .with_secret(secret)
        .build()
        .map_err(|_| AccessError::Corrupt("totp_factors.secret"))?;
    let now = storage::now().timestamp().max(0) as u64;
    Ok(totp.check(code, now).and_then(|step| i64::try_from(step).ok()))
}

const CODE_WRONG: AccessError = AccessError::Invalid { field: "code", message: text::CODE_WRONG };
const CODE_USED: AccessError = AccessError::Invalid { field: "code", message: text::CODE_USED };

impl Access {
    /// Whether the account has a second factor: a confirmed authenticator or a passkey.
    pub(crate) async fn has_second_factor(work: &mut Work<'_>, account_id: i64) -> Result<bool, AccessError> {
        Ok(storage::factors::confirmed_totp(work.tx()?, account_id).await?.is_some()
            || storage::factors::count_passkeys(work.tx()?, account_id).await? > 0)
    }

    /// The account a pending second step is for, if it is still a staff account.
    async fn pending_account(work: &mut Work<'_>, account_id: i64) -> Result<Option<SessionAccount>, AccessError> {
        Ok(storage::accounts::by_id(work.tx()?, account_id)
            .await?
            .and_then(SessionAccount::from_row)
            .filter(SessionAccount::is_staff_like))
    }

    /// Whether the pending account still has no second factor (then the
    /// sign-in asks it to register one, not to use one).
    pub async fn needs_first_factor(&self, asked: &RequestCtx, account_id: i64) -> Result<bool, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.reading(&ctx).await?;
        let has = Self::has_second_factor(&mut work, account_id).await?;
        work.commit().await?;
        Ok(!has)
    }

    /// The pending account's factors: (an authenticator app, passkeys).
    pub async fn factors_of(&self, asked: &RequestCtx, account_id: i64) -> Result<(bool, bool), AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.reading(&ctx).await?;
        let totp = storage::factors::confirmed_totp(work.tx()?, account_id).await?.is_some();
        let passkeys = storage::factors::count_passkeys(work.tx()?, account_id).await? > 0;
        work.commit().await?;
        Ok((totp, passkeys))
    }

    /// The second step of staff sign-in: a code from the authenticator app.
    /// A wrong code counts as a failed attempt; a code whose time step was
    /// already used is refused (each code works once).
    pub async fn sign_in_with_totp(
        &self,
        asked: &RequestCtx,
        account_id: i64,
        email: &str,
        code: &str,
        address: &str,
    ) -> Result<SessionAccount, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let keys = [AttemptKey::SecondStep(email), AttemptKey::Address(address)];
        let mut work = self.work(&ctx).await?;
        if let Some(refusal) = self.attempt_refusal(&mut work, &keys).await? {
            return Err(self.refuse_attempt(work, refusal).await);
        }
        let account = Self::pending_account(&mut work, account_id).await?;
        let factor = storage::factors::confirmed_totp(work.tx()?, account_id).await?;
        let step = match (&account, factor) {
            (Some(_), Some(factor)) => matching_step(&factor.secret, code)?,
            _ => None,
        };
        let result = match step {
            Some(step) => match storage::factors::use_step(work.tx()?, account_id, step).await? {
                true => Ok(()),
                false => Err(CODE_USED),
            },
            None => Err(CODE_WRONG),
        };
        self.record_attempts(&mut work, &keys, result.is_ok()).await?;
        match (result, account) {
            (Ok(()), Some(account)) => {
                work.audit_event(account.actor, "sign_in", "allowed", "totp").await?;
                work.commit().await?;
                Ok(account)
            }
            (result, account) => {
                let actor = account.map(|a| a.actor).unwrap_or(Actor::Anonymous);
                work.audit_event(actor, "sign_in", "denied", "totp").await?;
                work.commit().await?;
                Err(result.err().unwrap_or(CODE_WRONG))
            }
        }
    }

    /// The first second factor of an account that has none (a new account, or
    /// after an administrator's reset): the code proves the app has the secret.
    /// Refused when the account has a factor already, so a password alone can
    /// never replace one.
    pub async fn sign_in_registering_totp(
        &self,
        asked: &RequestCtx,
        account_id: i64,
        email: &str,
        secret: &str,
        code: &str,
        address: &str,
    ) -> Result<SessionAccount, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let keys = [AttemptKey::SecondStep(email), AttemptKey::Address(address)];
        let mut work = self.work(&ctx).await?;
        if let Some(refusal) = self.attempt_refusal(&mut work, &keys).await? {
            return Err(self.refuse_attempt(work, refusal).await);
        }
        let Some(account) = Self::pending_account(&mut work, account_id).await? else {
            work.audit_event(Actor::Anonymous, "sign_in", "denied", "totp_register").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        };
        if Self::has_second_factor(&mut work, account_id).await? {
            work.audit_event(account.actor, "sign_in", "denied", "totp_register").await?;
            work.commit().await?;
            return Err(AccessError::Invalid { field: "code", message: text::FACTOR_ALREADY_REGISTERED });
        }
        let Some(step) = matching_step(secret, code)? else {
            self.record_attempts(&mut work, &keys, false).await?;
            work.audit_event(account.actor, "sign_in", "denied", "totp_register").await?;
            work.commit().await?;
            return Err(CODE_WRONG);
        };
        storage::factors::save_totp(work.tx()?, account_id, secret, step, storage::now()).await?;
        self.record_attempts(&mut work, &keys, true).await?;
        work.audit_event(account.actor, "create", "allowed", "totp_factor").await?;
        work.audit_event(account.actor, "sign_in", "allowed", "totp").await?;
        work.commit().await?;
        Ok(account)
    }

    /// A signed-in staff member connects a (new) authenticator app from the
    /// security page; it replaces the one they had.
    pub async fn replace_totp(&self, ctx: &RequestCtx, secret: &str, code: &str) -> Result<(), AccessError> {
        let Some(account_id) = ctx.actor.account_id().filter(|_| ctx.actor.works_the_process()) else {
            return Err(AccessError::Denied);
        };
        let mut work = self.work(ctx).await?;
        let Some(step) = matching_step(secret, code)? else {
            work.audit_event(ctx.actor, "change", "denied", "totp_factor").await?;
            work.commit().await?;
            return Err(CODE_WRONG);
        };
        storage::factors::save_totp(work.tx()?, account_id, secret, step, storage::now()).await?;
        work.audit_event(ctx.actor, "change", "allowed", "totp_factor").await?;
        work.commit().await
    }

    /// The security page of a signed-in staff member or administrator: their
    /// e-mail address (the authenticator app shows it) and whether an app is
    /// connected. Anyone else is refused, on record.
    pub async fn security_facts(&self, ctx: &RequestCtx) -> Result<(String, bool), AccessError> {
        let mut work = self.reading(ctx).await?;
        let account_id = match ctx.actor.account_id() {
            Some(account_id) if ctx.actor.works_the_process() => account_id,
            _ => {
                let actor = ctx.actor;
                work.audit_event(actor, "read", "denied", "security_page").await?;
                work.commit().await?;
                return Err(AccessError::Denied);
            }
        };
        let email = storage::accounts::email_of(work.tx()?, account_id).await?.unwrap_or_default();
        let has_totp = storage::factors::confirmed_totp(work.tx()?, account_id).await?.is_some();
        work.commit().await?;
        Ok((email, has_totp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_spaces_allowed() {
        assert_eq!(parse_code(" 123 456 "), Ok("123456".to_owned()));
        assert_eq!(parse_code(""), Err(text::CODE_MISSING));
        assert_eq!(parse_code("12345"), Err(text::CODE_FORMAT));
        assert_eq!(parse_code("12345a"), Err(text::CODE_FORMAT));
    }

    #[test]
    fn the_uri_names_the_issuer_and_the_account() {
        let uri = otpauth_uri("JBSWY3DPEHPK3PXP", "anna.berg@example.se");
        assert_eq!(
            uri,
            "otpauth://totp/Mina%20steg:anna.berg@example.se?secret=JBSWY3DPEHPK3PXP&issuer=Mina%20steg\
             &algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn a_new_secret_is_160_bits_and_matches_its_own_code() {
        let secret = new_totp_secret();
        assert_eq!(secret.len(), 32);
        let bytes = totp_rs::Secret::try_from_base32(&secret).unwrap();
        let totp = totp_rs::Builder::new().with_secret(bytes).build().unwrap();
        let code = totp.generate(storage::now().timestamp() as u64).to_string();
        assert!(matching_step(&secret, &code).unwrap().is_some());
        assert!(matching_step(&secret, "000000").unwrap().is_none() || code == "000000");
    }
}
