//! Signing in and out, and the demo accounts.

use crate::errors::AppError;
use crate::models::{DemoAccount, NewSignInCode, Viewer};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{Req, req, set_status};
#[cfg(feature = "ssr")]
use crate::texts::staff as text;

pub const CODE_SIGN_IN_FORM: &str = "sign_in_code";
pub const STAFF_SIGN_IN_FORM: &str = "sign_in_staff";

/// Who is signed in, if anyone.
#[server(endpoint = "viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let req = req().await?;
    let Some(user) = req.auth.user.as_ref() else { return Ok(None) };
    let (subject, shares) = match user.actor {
        crate::policy::Actor::Participant { participant_id, .. } => (Some(participant_id), None),
        crate::policy::Actor::Relative { .. } => {
            let (first, shares) = req.state.access.relative_view(&req.ctx).await.map_err(|e| req.fail(e))?;
            (first, Some(shares))
        }
        _ => (None, None),
    };
    if matches!(user.actor, crate::policy::Actor::Participant { .. } | crate::policy::Actor::Relative { .. }) {
        tag_offline_copies(&req, subject, shares.as_deref());
    }
    // The menu shows the log follow-up to those the policy lets read the log of their unit (or all).
    let unit = match user.actor {
        crate::policy::Actor::Staff { unit_id, .. } => Some(unit_id),
        _ => None,
    };
    let follows_up_log = crate::policy::audit_log_rule(&user.actor, crate::policy::Action::Read, unit).is_ok();
    // The steering group follows up every unit together: their menu's first entry.
    let follows_up_outcomes = matches!(user.actor, crate::policy::Actor::SteeringGroup { .. })
        || unit.is_some() && crate::policy::follow_up_rule(&user.actor, crate::policy::Action::Read, unit).is_ok();
    let role = role_of(&user.actor);
    Ok(Some(Viewer {
        display_name: user.display_name.clone(),
        role,
        subject,
        shares,
        follows_up_log,
        follows_up_outcomes,
    }))
}

/// Marks a participant's or relative's page with whose offline copy it may
/// become (`x-mina-steg-viewer`, read by public/sw.js): a keyed hash of the
/// session id (the same sign-in) and of whose pages and which sections it may
/// show (the same access). The phone drops its copies when a page comes with
/// another tag or none, so a new sign-in or a withdrawn consent ends them. The
/// session id is the cookie's secret: only its keyed hash leaves the server
/// (the page could not read the HttpOnly cookie anyway).
#[cfg(feature = "ssr")]
fn tag_offline_copies(req: &Req, subject: Option<i64>, shares: Option<&[crate::policy::Section]>) {
    use axum::http::{HeaderName, HeaderValue};
    let Some(session_id) = req.session.id() else { return };
    // In a fixed order: the same access always gives the same tag.
    let mut sections: Vec<&str> = shares.unwrap_or_default().iter().map(|s| s.as_str()).collect();
    sections.sort_unstable();
    let access = format!("{session_id}|{subject:?}|{}|{}", shares.is_some(), sections.join(","));
    let tag = req.state.access.keys().keyed_hash("offline", &access);
    if let (Some(response), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&tag)) {
        response.insert_header(HeaderName::from_static("x-mina-steg-viewer"), value);
    }
}

#[cfg(feature = "ssr")]
fn role_of(actor: &crate::policy::Actor) -> crate::models::ViewerRole {
    use crate::models::ViewerRole;
    use crate::policy::Actor;
    match actor {
        Actor::Participant { .. } => ViewerRole::Participant,
        Actor::Relative { .. } => ViewerRole::Relative,
        Actor::Admin { .. } => ViewerRole::Admin,
        Actor::DataProtectionOfficer { .. } => ViewerRole::DataProtectionOfficer,
        Actor::SteeringGroup { .. } => ViewerRole::SteeringGroup,
        _ => ViewerRole::Staff,
    }
}

/// Signs the account in: after the second factor for staff, after the code or
/// a passkey for participants and relatives, at once for demo accounts.
#[cfg(feature = "ssr")]
pub(crate) async fn start_session(
    req: &mut Req,
    account: crate::server::access::auth::SessionAccount,
) -> Result<(), AppError> {
    let home = open_session(req, account).await?;
    leptos_axum::redirect(home);
    Ok(())
}

/// Signs the account in and says where its start page is (a script follows it).
#[cfg(feature = "ssr")]
pub(crate) async fn open_session(
    req: &mut Req,
    account: crate::server::access::auth::SessionAccount,
) -> Result<&'static str, AppError> {
    use crate::policy::Actor;
    use tower_sessions::Expiry;
    let internal = |_| AppError::Internal { request_id: req.ctx.request_id.clone() };
    // Whatever was half done (a pending second step, a ceremony) ends here.
    let _ = req.session.remove_value(super::factors::PENDING_KEY).await;
    req.auth.login(&account).await.map_err(internal)?;
    // Always a fresh session id at sign-in, also when someone else was signed in.
    req.session.cycle_id().await.map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    // Staff sessions end after 30 idle minutes; a participant's phone stays signed in
    // for at most 90 days (staff can end it earlier).
    let expiry = match account.actor {
        Actor::Participant { .. } | Actor::Relative { .. } => {
            Expiry::AtDateTime(time::OffsetDateTime::now_utc() + time::Duration::days(90))
        }
        _ => Expiry::OnInactivity(time::Duration::minutes(30)),
    };
    req.session.set_expiry(Some(expiry));
    req.session
        .insert(super::SIGNED_IN_AT_KEY, time::OffsetDateTime::now_utc().unix_timestamp())
        .await
        .map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    let home = match account.actor {
        Actor::Participant { .. } | Actor::Relative { .. } => "/",
        // An administrator outside the units manages accounts and units.
        Actor::Admin { unit_id: None, .. } => "/admin",
        _ => crate::paths::STAFF_HOME,
    };
    Ok(home)
}

/// Staff and admin sign in with e-mail and password.
#[server(endpoint = "sign_in_staff")]
pub async fn sign_in_staff(
    #[server(default)] email: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    use crate::domain::Email;
    use crate::models::FormFeedback;
    use crate::server::AccessError;
    let mut req = req().await?;
    let mut feedback = FormFeedback::new(STAFF_SIGN_IN_FORM);
    feedback.values.push(("email".into(), email.chars().take(254).collect()));
    let parsed = Email::parse(&email);
    if let Err(e) = &parsed {
        feedback.errors.push(("email".into(), e.message.into()));
    }
    if password.is_empty() {
        feedback.errors.push(("password".into(), text::SIGN_IN_PASSWORD_MISSING.into()));
    }
    if password.len() > 1024 {
        feedback.errors.push(("password".into(), text::SIGN_IN_PASSWORD_TOO_LONG.into()));
    }
    let Ok(email) = parsed else {
        return req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await;
    };
    if !feedback.errors.is_empty() {
        return req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await;
    }
    use crate::server::access::factors::PasswordOutcome;
    let access = req.state.access.clone();
    let demo = req.state.demo;
    match access.sign_in_with_password(&req.ctx, &email, &password, &req.address, demo).await {
        Ok(PasswordOutcome::SignedIn(account)) => start_session(&mut req, account).await,
        Ok(PasswordOutcome::SecondFactor { account_id, email, has_factor }) => {
            super::factors::begin_second_step(&mut req, account_id, email, has_factor).await
        }
        Err(AccessError::Denied) => {
            feedback.message = Some(text::SIGN_IN_FAILED.into());
            req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await
        }
        Err(e) => {
            feedback.message = Some(req.fail(e).to_string());
            req.back_to_form(crate::paths::STAFF_SIGN_IN, feedback).await
        }
    }
}

/// Participants and relatives sign in with the code staff gave them. A failed
/// attempt goes back to the form with what was typed and why, in a cookie of
/// its own (see [`code_feedback`]), never in a session: sending wrong codes
/// makes no session rows, and no code is kept on the server.
#[server(endpoint = "sign_in_code")]
pub async fn sign_in_code(#[server(default)] code: String) -> Result<(), AppError> {
    use crate::domain::SignInCode;
    use crate::server::AccessError;
    use code_feedback::Problem;
    let mut req = req().await?;
    let Ok(parsed) = SignInCode::parse(&code) else {
        return code_feedback::back_to_form(&req, Problem::Malformed, &code);
    };
    let access = req.state.access.clone();
    match access.sign_in_with_code(&req.ctx, &parsed, &req.address).await {
        Ok(account) => start_session(&mut req, account).await,
        Err(AccessError::Denied) => code_feedback::back_to_form(&req, Problem::Refused, &code),
        Err(AccessError::RateLimited) => code_feedback::back_to_form(&req, Problem::Wait, &code),
        Err(e) => Err(req.fail(e)),
    }
}

/// What a failed code sign-in leaves for the form: a short-lived cookie with
/// the reason and what was typed, signed with the server secret (so no other
/// site or script can put words on the sign-in page), read once.
#[cfg(feature = "ssr")]
pub(crate) mod code_feedback {
    use super::CODE_SIGN_IN_FORM;
    use crate::errors::AppError;
    use crate::functions::Req;
    use crate::models::FormFeedback;
    use crate::texts::sv;
    use axum::http::{HeaderValue, header};

    const COOKIE: &str = "mina-steg-kodfel";

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Problem {
        Malformed,
        Refused,
        Wait,
    }

    impl Problem {
        fn code(self) -> &'static str {
            match self {
                Problem::Malformed => "form",
                Problem::Refused => "kod",
                Problem::Wait => "vanta",
            }
        }

        fn from_code(code: &str) -> Option<Self> {
            [Problem::Malformed, Problem::Refused, Problem::Wait].into_iter().find(|p| p.code() == code)
        }
    }

    pub(crate) fn back_to_form(req: &Req, problem: Problem, typed: &str) -> Result<(), AppError> {
        let typed: String = typed.chars().take(40).collect();
        let payload = crate::server::keys::hex(format!("{}\n{typed}", problem.code()).as_bytes());
        let mac = req.state.access.keys().keyed_hash("code_feedback", &payload);
        set_cookie(req, &format!("{payload}.{mac}"), 120);
        leptos_axum::redirect(crate::paths::SIGN_IN);
        Ok(())
    }

    /// The feedback the last failed attempt left, once (the cookie is cleared).
    pub(crate) fn take(req: &Req) -> Option<FormFeedback> {
        let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
        let value = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('=').map(str::to_owned))?;
        set_cookie(req, "", 0);
        let (payload, mac) = value.split_once('.')?;
        if req.state.access.keys().keyed_hash("code_feedback", payload) != mac {
            return None;
        }
        let bytes = (0..payload.len())
            .step_by(2)
            .map(|i| payload.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect::<Option<Vec<u8>>>()?;
        let text = String::from_utf8(bytes).ok()?;
        let (code, typed) = text.split_once('\n')?;
        let mut feedback = FormFeedback::new(CODE_SIGN_IN_FORM);
        feedback.keep("code", typed);
        match Problem::from_code(code)? {
            Problem::Malformed => feedback.errors.push(("code".into(), sv::SIGN_IN_CODE_INVALID.into())),
            Problem::Refused => feedback.errors.push(("code".into(), sv::SIGN_IN_CODE_FAILED.into())),
            Problem::Wait => feedback.message = Some(sv::ERROR_RATE_LIMITED.into()),
        }
        Some(feedback)
    }

    fn set_cookie(req: &Req, value: &str, max_age: u32) {
        let secure = if req.state.https { "; Secure" } else { "" };
        let cookie = format!("{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}");
        if let (Some(response), Ok(cookie)) =
            (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
        {
            response.append_header(header::SET_COOKIE, cookie);
        }
    }
}

/// Signing out ends the session on the server.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let mut req = req().await?;
    let request_id = req.ctx.request_id.clone();
    let was_signed_in = req.auth.user.is_some();
    // The session ends first: a busy audit log must not keep anyone signed in.
    req.auth.logout().await.map_err(|_| AppError::Internal { request_id: request_id.clone() })?;
    if was_signed_in && let Err(e) = req.state.access.record_sign_out(&req.ctx).await {
        tracing::error!(request_id = %request_id, error = %e, "could not audit a sign-out");
    }
    leptos_axum::redirect(crate::paths::SIGN_IN);
    Ok(())
}

/// Staff make a single-use sign-in code for a participant of their unit, or
/// for one of the participant's relatives (`relative_id`).
#[server(endpoint = "create_sign_in_code")]
pub async fn create_sign_in_code(
    participant_id: i64,
    #[server(default)] relative_id: Option<i64>,
) -> Result<NewSignInCode, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let access = &req.state.access;
    let created = match relative_id {
        None => access.create_participant_code(&req.ctx, participant_id).await,
        Some(relative_id) => access.create_relative_code(&req.ctx, participant_id, relative_id).await,
    };
    let (code, expires_at) = created.map_err(|e| req.fail(e))?;
    let new_code = code_to_show(&req, &code, expires_at, relative_id)?;
    // A plain form POST comes back to the code page, which shows the code once,
    // and only on this participant's page. (A script has the code in the answer.)
    if req.is_form_post() {
        keep_for_the_code_page(&req, participant_id, &code, expires_at, relative_id).await?;
    }
    leptos_axum::redirect(&crate::paths::record(participant_id, crate::paths::RecordPart::Code));
    Ok(new_code)
}

/// The code as the code page shows it: as text, and as a QR code of the sign-in
/// link with the code in the fragment (`/logga-in#kod=…`). A browser never sends
/// the fragment, so the code stays out of server and proxy logs; the sign-in
/// page's script (public/sign-in-code.js) reads it.
#[cfg(feature = "ssr")]
fn code_to_show(
    req: &Req,
    code: &crate::domain::SignInCode,
    expires_at: chrono::DateTime<chrono::Utc>,
    relative_id: Option<i64>,
) -> Result<NewSignInCode, AppError> {
    // The phone's camera needs the whole address.
    let link = format!("{}{}#kod={}", req.origin(), crate::paths::SIGN_IN, code.as_str());
    let qr_svg = qrcode::QrCode::new(link.as_bytes())
        .map(|qr| qr.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).build())
        .map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    Ok(NewSignInCode {
        code: code.as_str().to_owned(),
        grouped: code.display_grouped(),
        expires_at,
        qr_svg,
        relative_id,
    })
}

#[cfg(feature = "ssr")]
const NEW_CODE_KEY: &str = "new_sign_in_code";
/// How long the code page has to show a new code after the form was sent.
#[cfg(feature = "ssr")]
const CODE_PAD_SECONDS: i64 = 300;

/// A new code, kept for the code page's one view after a plain form POST. The
/// session is a row in the database, so the code is not kept there: the session
/// holds the code XOR-ed with a random pad as long as the code, and the pad goes
/// to this browser alone, in a cookie sent only to this participant's code page,
/// for a few minutes, removed when the page has shown the code. Either half
/// alone says nothing about the code (a one-time pad).
#[cfg(feature = "ssr")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SealedCode {
    participant_id: i64,
    relative_id: Option<i64>,
    expires_at: chrono::DateTime<chrono::Utc>,
    sealed: Vec<u8>,
}

#[cfg(feature = "ssr")]
async fn keep_for_the_code_page(
    req: &Req,
    participant_id: i64,
    code: &crate::domain::SignInCode,
    expires_at: chrono::DateTime<chrono::Utc>,
    relative_id: Option<i64>,
) -> Result<(), AppError> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut pad = vec![0u8; code.as_str().len()];
    OsRng.fill_bytes(&mut pad);
    let sealed = code.as_str().bytes().zip(&pad).map(|(c, p)| c ^ p).collect();
    req.flash(NEW_CODE_KEY, &SealedCode { participant_id, relative_id, expires_at, sealed }).await?;
    let pad: String = pad.iter().map(|b| format!("{b:02x}")).collect();
    set_pad_cookie(req, participant_id, &pad, CODE_PAD_SECONDS);
    Ok(())
}

/// The pad's cookie: `__Secure-` over https (`__Host-` would need `Path=/`).
#[cfg(feature = "ssr")]
fn pad_cookie_name(req: &Req) -> &'static str {
    if req.state.https { "__Secure-mina-steg-kod" } else { "mina-steg-kod" }
}

#[cfg(feature = "ssr")]
fn set_pad_cookie(req: &Req, participant_id: i64, value: &str, max_age: i64) {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    let path = crate::paths::record(participant_id, crate::paths::RecordPart::Code);
    let secure = if req.state.https { "; Secure" } else { "" };
    let cookie =
        format!("{}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}", pad_cookie_name(req));
    if let (Some(response), Ok(cookie)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
    {
        response.append_header(SET_COOKIE, cookie);
    }
}

/// The code kept for this participant's code page, from the session's half and
/// the cookie's half; the cookie is removed (the flash is already taken).
#[cfg(feature = "ssr")]
fn unseal(req: &Req, kept: SealedCode) -> Option<crate::domain::SignInCode> {
    let name = pad_cookie_name(req);
    let pad = use_context::<axum::http::request::Parts>()?
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('=').map(str::to_owned))?;
    set_pad_cookie(req, kept.participant_id, "", 0);
    let pad: Vec<u8> = (0..pad.len())
        .step_by(2)
        .map(|i| pad.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<_>>()?;
    if pad.len() != kept.sealed.len() {
        return None;
    }
    let code: Vec<u8> = kept.sealed.iter().zip(&pad).map(|(s, p)| s ^ p).collect();
    crate::domain::SignInCode::parse(std::str::from_utf8(&code).ok()?).ok()
}

/// What just happened on this participant's code page, shown once: a new
/// code, and whether their phones were signed out.
#[server(endpoint = "take_new_sign_in_code")]
pub async fn take_new_sign_in_code(
    #[server(default)] participant_id: i64,
) -> Result<(Option<NewSignInCode>, bool), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let kept: Option<SealedCode> = req.take_flash(NEW_CODE_KEY).await;
    let ended: Option<i64> = req.take_flash(super::staff::SESSIONS_ENDED_KEY).await;
    let code = match kept.filter(|k| k.participant_id == participant_id) {
        Some(kept) => {
            let (expires_at, relative_id) = (kept.expires_at, kept.relative_id);
            match unseal(&req, kept) {
                Some(code) => Some(code_to_show(&req, &code, expires_at, relative_id)?),
                None => None,
            }
        }
        None => None,
    };
    Ok((code, ended == Some(participant_id)))
}

/// The demo accounts, only when the server runs with `--demo`.
#[server(endpoint = "demo_accounts")]
pub async fn demo_accounts() -> Result<Vec<DemoAccount>, AppError> {
    let req = req().await?;
    if !req.state.demo {
        set_status(404);
        return Err(AppError::NotFound);
    }
    req.state.access.demo_accounts().await.map_err(|e| req.fail(e))
}

/// One-click sign-in as a demo account, only with `--demo` on a demo database.
#[server(endpoint = "demo_sign_in")]
pub async fn demo_sign_in(#[server(default)] account_id: i64) -> Result<(), AppError> {
    let mut req = req().await?;
    if !req.state.demo {
        set_status(404);
        return Err(AppError::NotFound);
    }
    let access = req.state.access.clone();
    let account = access.demo_sign_in(&req.ctx, account_id).await.map_err(|e| req.fail(e))?;
    start_session(&mut req, account).await
}
