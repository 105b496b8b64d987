//! Passkeys (WebAuthn with user verification, webauthn-rs): saved by staff as a
//! second factor (or instead of the password), and by participants and
//! relatives on their phone instead of a new code. Signing in with a passkey
//! is discoverable: the authenticator names the account.

use super::auth::{AttemptKey, SessionAccount};
use super::{Access, AccessError, RequestCtx, Want, Work};
use crate::policy::{Action, Actor, Section};
use crate::server::storage;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};

/// The relying party for the site's address: its host is the RP id. `None`
/// when the address has no domain name (browsers refuse passkeys on an IP address).
pub fn relying_party(origin: &str) -> Option<Webauthn> {
    let url = Url::parse(origin).ok()?;
    let host = url.domain()?.to_owned();
    WebauthnBuilder::new(&host, &url).ok()?.rp_name(super::factors::ISSUER).build().ok()
}

/// One of a person's saved passkeys, as staff and the person see it.
#[derive(Debug, Clone)]
pub struct PasskeyInfo {
    pub id: i64,
    /// Whose it is, when it is a relative's rather than the participant's own.
    pub relative_id: Option<i64>,
    pub label: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_handle() -> Uuid {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    // A version 4 (random) UUID.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

/// The options as the browser takes them, asking for a discoverable
/// credential: "Logga in med mobilen" finds it without a name or a code.
fn registration_options(ccr: &impl serde::Serialize) -> Result<String, AccessError> {
    let mut options = serde_json::to_value(ccr).map_err(|_| AccessError::Corrupt("passkey options"))?;
    if let Some(selection) = options.pointer_mut("/publicKey/authenticatorSelection").and_then(|s| s.as_object_mut()) {
        selection.insert("residentKey".into(), "required".into());
        selection.insert("requireResidentKey".into(), true.into());
        selection.insert("userVerification".into(), "required".into());
    }
    Ok(options.to_string())
}

fn passkeys(rows: &[storage::factors::PasskeyRow]) -> Vec<(i64, Passkey)> {
    rows.iter().filter_map(|r| serde_json::from_str::<Passkey>(&r.credential).ok().map(|p| (r.id, p))).collect()
}

impl Access {
    /// Starts saving a passkey for `account_id` (the signed-in account, or a
    /// pending staff sign-in with no factor yet): the browser's options (JSON)
    /// and the state to keep in the server-side session until it answers.
    pub async fn passkey_registration_start(
        &self,
        asked: &RequestCtx,
        webauthn: &Webauthn,
        account_id: i64,
    ) -> Result<(String, PasskeyRegistration), AccessError> {
        let ctx = asked.as_actor(Actor::System);
        let mut work = self.work(&ctx).await?;
        let account = storage::accounts::by_id(work.tx()?, account_id)
            .await?
            .and_then(SessionAccount::from_row)
            .ok_or(AccessError::Denied)?;
        let handle = match storage::factors::webauthn_handle(work.tx()?, account_id).await? {
            Some(handle) => Uuid::parse_str(&handle).map_err(|_| AccessError::Corrupt("accounts.webauthn_handle"))?,
            None => {
                let handle = new_handle();
                storage::factors::set_webauthn_handle(work.tx()?, account_id, &handle.to_string()).await?;
                handle
            }
        };
        let existing = storage::factors::passkeys_of(work.tx()?, account_id).await?;
        let exclude: Vec<_> = passkeys(&existing).iter().map(|(_, p)| p.cred_id().clone()).collect();
        let user_name =
            storage::accounts::email_of(work.tx()?, account_id).await?.unwrap_or_else(|| account.display_name.clone());
        work.commit().await?;
        let (ccr, state) = webauthn
            .start_passkey_registration(handle, &user_name, &account.display_name, Some(exclude))
            .map_err(|_| AccessError::Corrupt("passkey registration"))?;
        Ok((registration_options(&ccr)?, state))
    }

    /// Saves the passkey the browser made. With `first_factor` (a pending staff
    /// sign-in), only while the account has no factor, and it signs them in.
    pub async fn passkey_registration_finish(
        &self,
        asked: &RequestCtx,
        webauthn: &Webauthn,
        account_id: i64,
        credential: &RegisterPublicKeyCredential,
        state: &PasskeyRegistration,
        first_factor: bool,
    ) -> Result<SessionAccount, AccessError> {
        let failed = AccessError::Invalid { field: "passkey", message: crate::texts::factors::PASSKEY_FAILED };
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.work(&ctx).await?;
        let Some(account) = storage::accounts::by_id(work.tx()?, account_id).await?.and_then(SessionAccount::from_row)
        else {
            return Err(AccessError::Denied);
        };
        let passkey = match webauthn.finish_passkey_registration(credential, state) {
            Ok(passkey) => passkey,
            Err(_) => {
                work.audit_event(account.actor, "create", "denied", "passkey").await?;
                work.commit().await?;
                return Err(failed);
            }
        };
        if first_factor && Self::has_second_factor(&mut work, account_id).await? {
            work.audit_event(account.actor, "create", "denied", "passkey").await?;
            work.commit().await?;
            return Err(AccessError::Denied);
        }
        let credential_id = hex(passkey.cred_id().as_ref());
        if storage::factors::credential_taken(work.tx()?, &credential_id).await? {
            work.audit_event(account.actor, "create", "denied", "passkey").await?;
            work.commit().await?;
            return Err(failed);
        }
        let stored = serde_json::to_string(&passkey).map_err(|_| AccessError::Corrupt("passkey"))?;
        let label = crate::texts::factors::passkey_label(crate::server::today());
        storage::factors::insert_passkey(work.tx()?, account_id, &credential_id, &stored, &label, storage::now())
            .await?;
        work.audit_event(account.actor, "create", "allowed", "passkey").await?;
        if first_factor {
            work.audit_event(account.actor, "sign_in", "allowed", "passkey").await?;
        }
        work.commit().await?;
        Ok(account)
    }

    /// Starts a sign-in with a passkey (discoverable: no name asked).
    pub fn passkey_sign_in_start(webauthn: &Webauthn) -> Result<(String, DiscoverableAuthentication), AccessError> {
        let (rcr, state) =
            webauthn.start_discoverable_authentication().map_err(|_| AccessError::Corrupt("passkey options"))?;
        let mut options = serde_json::to_value(&rcr).map_err(|_| AccessError::Corrupt("passkey options"))?;
        // A button press, not the browser's autofill list.
        if let Some(o) = options.as_object_mut() {
            o.remove("mediation");
        }
        Ok((options.to_string(), state))
    }

    /// Signs in with a passkey: the authenticator names the account, its
    /// signature proves the key and that the person unlocked the device. A
    /// failure counts as a failed attempt of the address and is audited (past
    /// the address's limit, only counted in the hour's refusals).
    pub async fn sign_in_with_passkey(
        &self,
        asked: &RequestCtx,
        webauthn: &Webauthn,
        credential: &PublicKeyCredential,
        state: DiscoverableAuthentication,
        address: &str,
    ) -> Result<SessionAccount, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        // Never refused for earlier failures: a passkey cannot be guessed, and
        // it is how staff still get in while someone tries their password.
        let keys = [AttemptKey::Address(address)];
        let mut work = self.work(&ctx).await?;
        match Self::check_passkey(&mut work, webauthn, credential, state).await? {
            Some(account) => {
                self.record_attempts(&mut work, &keys, true).await?;
                work.audit_event(account.actor, "sign_in", "allowed", "passkey").await?;
                work.commit().await?;
                Ok(account)
            }
            None => {
                if self.attempt_refusal(&mut work, &keys).await?.is_some() {
                    self.count_refusal(&mut work, "sign_in_rate_limited").await?;
                } else {
                    // Counts against the address's other sign-ins too.
                    self.record_attempts(&mut work, &keys, false).await?;
                    work.audit_event(Actor::Anonymous, "sign_in", "denied", "passkey").await?;
                }
                work.commit().await?;
                Err(AccessError::Invalid { field: "passkey", message: crate::texts::factors::PASSKEY_UNKNOWN })
            }
        }
    }

    async fn check_passkey(
        work: &mut Work<'_>,
        webauthn: &Webauthn,
        credential: &PublicKeyCredential,
        state: DiscoverableAuthentication,
    ) -> Result<Option<SessionAccount>, AccessError> {
        let Ok((handle, _)) = webauthn.identify_discoverable_authentication(credential) else { return Ok(None) };
        let Some(account_id) = storage::factors::account_by_handle(work.tx()?, &handle.to_string()).await? else {
            return Ok(None);
        };
        let rows = storage::factors::passkeys_of(work.tx()?, account_id).await?;
        let mut keys = passkeys(&rows);
        let discoverable: Vec<DiscoverableKey> = keys.iter().map(|(_, p)| DiscoverableKey::from(p)).collect();
        let Ok(result) = webauthn.finish_discoverable_authentication(credential, state, &discoverable) else {
            return Ok(None);
        };
        if !result.user_verified() {
            return Ok(None);
        }
        let Some((id, passkey)) = keys.iter_mut().find(|(_, p)| p.cred_id() == result.cred_id()) else {
            return Ok(None);
        };
        passkey.update_credential(&result);
        let stored = serde_json::to_string(&passkey).map_err(|_| AccessError::Corrupt("passkey"))?;
        storage::factors::passkey_used(work.tx()?, *id, &stored, storage::now()).await?;
        Ok(storage::accounts::by_id(work.tx()?, account_id).await?.and_then(SessionAccount::from_row))
    }

    /// The signed-in account's own passkeys.
    pub async fn my_passkeys(&self, ctx: &RequestCtx) -> Result<Vec<PasskeyInfo>, AccessError> {
        let account_id = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let mut work = self.reading(ctx).await?;
        let rows = storage::factors::passkeys_of(work.tx()?, account_id).await?;
        work.commit().await?;
        Ok(rows.into_iter().map(info).collect())
    }

    /// Staff see the devices where a participant of their unit, or one of the
    /// relatives linked to them, saved a passkey.
    pub async fn participant_passkeys(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<Vec<PasskeyInfo>, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Access, record_id: None })
            .await?;
        let rows = storage::factors::passkeys_of_participant(work.tx()?, permit.participant()?).await?;
        work.commit().await?;
        Ok(rows
            .into_iter()
            .map(|r| PasskeyInfo {
                id: r.id,
                relative_id: r.relative_id,
                label: r.label,
                created_at: r.created_at,
                last_used_at: r.last_used_at,
            })
            .collect())
    }

    /// The lost phone: staff remove a participant's passkey (kept as history,
    /// marked removed), and every session of the account ends.
    pub async fn remove_participant_passkey(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        passkey_id: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work
            .authorize(
                Action::Change,
                Want::Participant { participant_id, section: Section::Access, record_id: Some(passkey_id) },
            )
            .await?;
        let removed_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        // Only a passkey of this participant or of a relative linked to them.
        let rows = storage::factors::passkeys_of_participant(work.tx()?, permit.participant()?).await?;
        let Some(account_id) = rows.iter().find(|r| r.id == passkey_id).map(|r| r.account_id) else {
            return Err(work.refuse(permit, "passkey").await);
        };
        if !storage::factors::remove_passkey(work.tx()?, passkey_id, account_id, removed_by, storage::now()).await? {
            return Err(work.refuse(permit, "passkey").await);
        }
        storage::accounts::set_session_secret(work.tx()?, account_id, &super::auth::new_session_secret()).await?;
        work.commit().await
    }
}

fn info(row: storage::factors::PasskeyRow) -> PasskeyInfo {
    PasskeyInfo {
        id: row.id,
        relative_id: None,
        label: row.label,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
    }
}
