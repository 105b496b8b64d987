//! Staff's second step of sign-in: the code from an authenticator app, or
//! registering the first factor; and the staff member's own security page.
//!
//! Between the password and the second factor the server-side session holds a
//! [`PendingFactor`] (which account, until when); nobody is signed in until the
//! factor passes.

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{Req, req};
#[cfg(feature = "ssr")]
use crate::texts::factors as text;

pub const VERIFY_FORM: &str = "sign_in_totp";
pub const REGISTER_FORM: &str = "register_totp";

/// A new authenticator secret to show: as a QR code and as text to type.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TotpEnrolment {
    pub qr_svg: String,
    /// The base32 secret in groups of four.
    pub grouped: String,
}

/// What the second-step pages show.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum SecondStep {
    /// No pending sign-in (never started, or more than 5 minutes ago).
    Expired,
    /// Verify: the account has a factor (`totp`: an authenticator app among them).
    Verify { totp: bool },
    /// Register: the account has none yet.
    Register(TotpEnrolment),
}

/// The session's record of a right password waiting for its second factor.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PendingFactor {
    pub account_id: i64,
    pub email: String,
    /// Unix seconds.
    pub expires_at: i64,
}

#[cfg(feature = "ssr")]
pub(crate) const PENDING_KEY: &str = "pending_second_factor";
/// The authenticator secret being registered: (account id, base32 secret).
#[cfg(feature = "ssr")]
const ENROLMENT_KEY: &str = "totp_enrolment";

#[cfg(feature = "ssr")]
fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// After a right password: sign out whoever this browser had signed in, start
/// a fresh session that only holds the pending step, and go to the second step.
#[cfg(feature = "ssr")]
pub(crate) async fn begin_second_step(
    req: &mut Req,
    account_id: i64,
    email: String,
    has_factor: bool,
) -> Result<(), AppError> {
    use crate::server::access::factors::PENDING_SECONDS;
    let internal = |_| AppError::Internal { request_id: req.ctx.request_id.clone() };
    // A new, empty session: nothing from before the password comes along.
    req.auth.logout().await.map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    let pending = PendingFactor { account_id, email, expires_at: unix_now() + PENDING_SECONDS };
    req.session.insert(PENDING_KEY, pending).await.map_err(internal)?;
    leptos_axum::redirect(if has_factor {
        crate::paths::STAFF_SIGN_IN_VERIFY
    } else {
        crate::paths::STAFF_SIGN_IN_REGISTER
    });
    Ok(())
}

/// The pending step, if there is one and it has not expired.
#[cfg(feature = "ssr")]
pub(crate) async fn pending(req: &Req) -> Option<PendingFactor> {
    let pending: PendingFactor = req.session.get(PENDING_KEY).await.ok().flatten()?;
    (pending.expires_at > unix_now()).then_some(pending)
}

/// The secret this session is registering for `account_id`, made on first ask
/// and kept, so a reload or a wrong code shows the same QR code.
#[cfg(feature = "ssr")]
async fn enrolment_secret(req: &Req, account_id: i64) -> Result<String, AppError> {
    let kept: Option<(i64, String)> = req.session.get(ENROLMENT_KEY).await.ok().flatten();
    if let Some((id, secret)) = kept
        && id == account_id
    {
        return Ok(secret);
    }
    let secret = crate::server::access::factors::new_totp_secret();
    req.flash(ENROLMENT_KEY, &(account_id, secret.clone())).await?;
    Ok(secret)
}

#[cfg(feature = "ssr")]
fn enrolment(req: &Req, secret: &str, email: &str) -> Result<TotpEnrolment, AppError> {
    let uri = crate::server::access::factors::otpauth_uri(secret, email);
    let qr_svg = qrcode::QrCode::new(uri.as_bytes())
        .map(|qr| qr.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).build())
        .map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    Ok(TotpEnrolment { qr_svg, grouped: text::grouped(secret) })
}

/// What the second-step pages show: nothing pending, verify, or register (with
/// the new secret).
#[server(endpoint = "load_second_step")]
pub async fn load_second_step() -> Result<SecondStep, AppError> {
    let req = req().await?;
    let Some(pending) = pending(&req).await else { return Ok(SecondStep::Expired) };
    let (totp, passkeys) = req.state.access.factors_of(&req.ctx, pending.account_id).await.map_err(|e| req.fail(e))?;
    if totp || passkeys {
        return Ok(SecondStep::Verify { totp });
    }
    let secret = enrolment_secret(&req, pending.account_id).await?;
    Ok(SecondStep::Register(enrolment(&req, &secret, &pending.email)?))
}

/// The second step: the code from the authenticator app.
#[server(endpoint = "sign_in_totp")]
pub async fn sign_in_totp(#[server(default)] code: String) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    use crate::server::access::factors::parse_code;
    let mut req = req().await?;
    let mut feedback = FormFeedback::new(VERIFY_FORM);
    let Some(pending) = pending(&req).await else {
        feedback.message = Some(text::PENDING_EXPIRED.into());
        return req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await;
    };
    let code = match parse_code(&code) {
        Ok(code) => code,
        Err(message) => {
            feedback.errors.push(("code".into(), message.into()));
            return req.reject(feedback, crate::paths::STAFF_SIGN_IN_VERIFY).await;
        }
    };
    let access = req.state.access.clone();
    let signed_in = access.sign_in_with_totp(&req.ctx, pending.account_id, &pending.email, &code, &req.address).await;
    match signed_in {
        Ok(account) => super::auth::start_session(&mut req, account).await,
        Err(e) => req.refused(e, feedback, crate::paths::STAFF_SIGN_IN_VERIFY).await,
    }
}

/// Connects an authenticator app with a code it shows: the first factor of a
/// pending sign-in (then signs in), or, signed in, from the security page.
#[server(endpoint = "register_totp")]
pub async fn register_totp(#[server(default)] code: String) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    use crate::server::access::factors::parse_code;
    let mut req = req().await?;
    let mut feedback = FormFeedback::new(REGISTER_FORM);
    let signed_in = req.auth.user.as_ref().filter(|u| u.is_staff_like()).map(|u| u.account_id);
    let (account_id, page) = match (signed_in, pending(&req).await) {
        (Some(id), _) => (id, crate::paths::STAFF_SECURITY),
        (None, Some(pending)) => (pending.account_id, crate::paths::STAFF_SIGN_IN_REGISTER),
        (None, None) => {
            feedback.message = Some(text::PENDING_EXPIRED.into());
            return req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await;
        }
    };
    let kept: Option<(i64, String)> = req.session.get(ENROLMENT_KEY).await.ok().flatten();
    let Some(secret) = kept.filter(|(id, _)| *id == account_id).map(|(_, s)| s) else {
        // The page that shows the secret was never opened in this session.
        feedback.message = Some(text::PENDING_EXPIRED.into());
        return req.reject(feedback, page).await;
    };
    let code = match parse_code(&code) {
        Ok(code) => code,
        Err(message) => {
            feedback.errors.push(("code".into(), message.into()));
            return req.reject(feedback, page).await;
        }
    };
    let access = req.state.access.clone();
    if signed_in.is_some() {
        return match access.replace_totp(&req.ctx, &secret, &code).await {
            Ok(()) => {
                let _ = req.session.remove_value(ENROLMENT_KEY).await;
                req.done(crate::paths::STAFF_SECURITY, text::TOTP_SAVED).await
            }
            Err(e) => req.refused(e, feedback, page).await,
        };
    }
    let Some(pending) = pending(&req).await else { return Err(AppError::NotSignedIn) };
    let registered = access
        .sign_in_registering_totp(&req.ctx, pending.account_id, &pending.email, &secret, &code, &req.address)
        .await;
    match registered {
        Ok(account) => {
            let _ = req.session.remove_value(ENROLMENT_KEY).await;
            super::auth::start_session(&mut req, account).await
        }
        Err(e) => req.refused(e, feedback, page).await,
    }
}

/// What the security page shows: whether an app is connected, a new secret to
/// connect one (or replace it) with.
#[server(endpoint = "security_page")]
pub async fn security_page() -> Result<(bool, TotpEnrolment), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let (email, has_totp) = req.state.access.security_facts(&req.ctx).await.map_err(|e| req.fail(e))?;
    let account_id = req.ctx.actor.account_id().ok_or(AppError::NotSignedIn)?;
    let secret = enrolment_secret(&req, account_id).await?;
    Ok((has_totp, enrolment(&req, &secret, &email)?))
}
