//! Passkeys: the browser's part is `public/passkey.js`, which calls these four
//! functions (start, then finish, for saving a key and for signing in with
//! one) and follows the address the finish answers with.
//!
//! The ceremony state between start and finish lives in the server-side
//! session, never in the browser: a stolen or replayed answer finds no state.

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{Req, req, set_status};

/// One of a person's saved passkeys.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Device {
    pub id: i64,
    /// A relative's device, not the participant's own.
    pub relative_id: Option<i64>,
    pub label: String,
    pub saved_on: String,
    pub last_used: Option<String>,
}

/// `/?sparad=1`: the start page after a passkey was saved.
pub const SAVED_PARAM: &str = "sparad";

#[cfg(feature = "ssr")]
const REGISTRATION_KEY: &str = "passkey_registration";
#[cfg(feature = "ssr")]
const AUTHENTICATION_KEY: &str = "passkey_authentication";

#[cfg(feature = "ssr")]
impl From<crate::server::access::passkeys::PasskeyInfo> for Device {
    fn from(p: crate::server::access::passkeys::PasskeyInfo) -> Self {
        Device {
            id: p.id,
            relative_id: p.relative_id,
            label: p.label,
            saved_on: crate::texts::day_in_words(p.created_at),
            last_used: p.last_used_at.map(crate::texts::day_in_words),
        }
    }
}

/// The relying party for this site's address, or 404 where passkeys cannot
/// work (an address without a domain name).
#[cfg(feature = "ssr")]
fn relying_party(req: &Req) -> Result<webauthn_rs::prelude::Webauthn, AppError> {
    crate::server::access::passkeys::relying_party(&req.origin()).ok_or_else(|| {
        tracing::warn!("passkeys need the site to be reached by a domain name");
        set_status(404);
        AppError::NotFound
    })
}

#[cfg(feature = "ssr")]
fn internal(req: &Req) -> AppError {
    AppError::Internal { request_id: req.ctx.request_id.clone() }
}

/// Whose passkey is being saved: the signed-in account, or a pending staff
/// sign-in with no factor yet (`true`: it signs in when saved).
#[cfg(feature = "ssr")]
async fn saving_for(req: &Req) -> Result<(i64, bool), AppError> {
    if let Some(account_id) = req.ctx.actor.account_id() {
        return Ok((account_id, false));
    }
    if let Some(pending) = super::factors::pending(req).await {
        let needs = req.state.access.needs_first_factor(&req.ctx, pending.account_id).await.map_err(|e| req.fail(e))?;
        if needs {
            return Ok((pending.account_id, true));
        }
    }
    set_status(401);
    Err(AppError::NotSignedIn)
}

/// Starts saving a passkey: the options for `navigator.credentials.create` (JSON).
#[server(endpoint = "passkey_register_start")]
pub async fn passkey_register_start() -> Result<String, AppError> {
    let req = req().await?;
    let (account_id, _) = saving_for(&req).await?;
    let webauthn = relying_party(&req)?;
    let (options, state) =
        req.state.access.passkey_registration_start(&req.ctx, &webauthn, account_id).await.map_err(|e| req.fail(e))?;
    req.session.insert(REGISTRATION_KEY, (account_id, state)).await.map_err(|_| internal(&req))?;
    Ok(options)
}

/// Saves the passkey the browser made (`credential`: its JSON). Answers the
/// address to go to next.
#[server(endpoint = "passkey_register_finish")]
pub async fn passkey_register_finish(#[server(default)] credential: String) -> Result<String, AppError> {
    use webauthn_rs::prelude::{PasskeyRegistration, RegisterPublicKeyCredential};
    let mut req = req().await?;
    let (account_id, first_factor) = saving_for(&req).await?;
    let webauthn = relying_party(&req)?;
    let kept: Option<(i64, PasskeyRegistration)> = req.session.remove(REGISTRATION_KEY).await.ok().flatten();
    let parsed: Option<RegisterPublicKeyCredential> = serde_json::from_str(&credential).ok();
    let (Some((for_account, state)), Some(parsed)) = (kept, parsed) else {
        set_status(422);
        return Err(AppError::invalid("passkey", crate::texts::factors::PASSKEY_FAILED));
    };
    if for_account != account_id {
        set_status(422);
        return Err(AppError::invalid("passkey", crate::texts::factors::PASSKEY_FAILED));
    }
    let access = req.state.access.clone();
    let account = access
        .passkey_registration_finish(&req.ctx, &webauthn, account_id, &parsed, &state, first_factor)
        .await
        .map_err(|e| req.fail(e))?;
    if first_factor {
        return super::auth::open_session(&mut req, account).await.map(str::to_owned);
    }
    if account.actor.works_the_process() {
        let page = crate::paths::STAFF_SECURITY;
        req.flash("notice", &(page.to_owned(), crate::texts::factors::PASSKEY_SAVED.to_owned())).await?;
        Ok(page.to_owned())
    } else {
        // The start page says it was saved (it checks that a passkey is there).
        Ok(format!("{}?{SAVED_PARAM}=1", crate::paths::PARTICIPANT_HOME))
    }
}

/// Starts signing in with a passkey: the options for `navigator.credentials.get` (JSON).
#[server(endpoint = "passkey_sign_in_start")]
pub async fn passkey_sign_in_start() -> Result<String, AppError> {
    let req = req().await?;
    let webauthn = relying_party(&req)?;
    let (options, state) = crate::server::Access::passkey_sign_in_start(&webauthn).map_err(|e| req.fail(e))?;
    req.session.insert(AUTHENTICATION_KEY, state).await.map_err(|_| internal(&req))?;
    Ok(options)
}

/// Signs in with the passkey the browser used (`credential`: its JSON).
/// Answers the account's start page.
#[server(endpoint = "passkey_sign_in_finish")]
pub async fn passkey_sign_in_finish(#[server(default)] credential: String) -> Result<String, AppError> {
    use webauthn_rs::prelude::{DiscoverableAuthentication, PublicKeyCredential};
    let mut req = req().await?;
    let webauthn = relying_party(&req)?;
    let state: Option<DiscoverableAuthentication> = req.session.remove(AUTHENTICATION_KEY).await.ok().flatten();
    let parsed: Option<PublicKeyCredential> = serde_json::from_str(&credential).ok();
    let (Some(state), Some(parsed)) = (state, parsed) else {
        set_status(422);
        return Err(AppError::invalid("passkey", crate::texts::factors::PASSKEY_FAILED));
    };
    let access = req.state.access.clone();
    let account = access
        .sign_in_with_passkey(&req.ctx, &webauthn, &parsed, state, &req.address)
        .await
        .map_err(|e| req.fail(e))?;
    super::auth::open_session(&mut req, account).await.map(str::to_owned)
}

/// Whether the start page offers to save a passkey on this phone: a
/// participant or relative who has none yet.
#[server(endpoint = "passkey_offer")]
pub async fn passkey_offer() -> Result<bool, AppError> {
    use crate::policy::Actor;
    let req = req().await?;
    if !matches!(req.ctx.actor, Actor::Participant { .. } | Actor::Relative { .. }) {
        return Ok(false);
    }
    let mine = req.state.access.my_passkeys(&req.ctx).await.map_err(|e| req.fail(e))?;
    Ok(mine.is_empty())
}

/// The signed-in staff member's own passkeys (the security page).
#[server(endpoint = "my_passkeys")]
pub async fn my_passkeys() -> Result<Vec<Device>, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let mine = req.state.access.my_passkeys(&req.ctx).await.map_err(|e| req.fail(e))?;
    Ok(mine.into_iter().map(Device::from).collect())
}

/// The devices where a participant saved a passkey (the record's access page).
#[server(endpoint = "participant_devices")]
pub async fn participant_devices(#[server(default)] participant_id: i64) -> Result<Vec<Device>, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let devices = req.state.access.participant_passkeys(&req.ctx, participant_id).await.map_err(|e| req.fail(e))?;
    Ok(devices.into_iter().map(Device::from).collect())
}

/// Staff remove a participant's passkey (a lost phone); their sessions end.
#[server(endpoint = "remove_device")]
pub async fn remove_device(
    #[server(default)] participant_id: i64,
    #[server(default)] passkey_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.remove_participant_passkey(&req.ctx, participant_id, passkey_id).await.map_err(|e| req.fail(e))?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Code);
    req.done(&page, crate::texts::factors::DEVICE_REMOVED).await
}
