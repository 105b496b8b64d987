//! The administrator's server functions (units, staff accounts, invitations)
//! and the invitation link's own two (the page and its password form).
//! Forms are plain POSTs: on success back to the page with a notice, on bad
//! input back to the form with what was typed and a message next to the field.

use super::forms::admin::{InviteForm, PasswordForm, PlacementForm, UnitForm};
use crate::errors::AppError;
use crate::models::{AdminHome, AdminStaffMember, InvitationView, NewInvitation, UnitSummary};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{Req, forms::Form, req};
#[cfg(feature = "ssr")]
use crate::paths;
#[cfg(feature = "ssr")]
use crate::texts::admin as text;

pub const UNIT_FORM: &str = "admin_unit";
pub const INVITE_FORM: &str = "admin_invite";
pub const PLACEMENT_FORM: &str = "admin_placement";
/// Refusals of the one-button forms on an account's page (deactivate, …).
pub const ACCOUNT_FORM: &str = "admin_account";
pub const PASSWORD_FORM: &str = "invitation_password";

#[cfg(feature = "ssr")]
const NEW_INVITATION_KEY: &str = "new_invitation";

/// `/admin`: the units and the staff accounts.
#[server(endpoint = "admin_home")]
pub async fn load_admin_home() -> Result<AdminHome, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.admin_home(&req.ctx).await.map_err(|e| req.fail(e))
}

/// `/admin/enheter/{id}`: one unit.
#[server(endpoint = "admin_unit")]
pub async fn load_admin_unit(#[server(default)] unit_id: i64) -> Result<UnitSummary, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.admin_unit(&req.ctx, unit_id).await.map_err(|e| req.fail(e))
}

/// `/admin/personal/{id}`: one staff account, and a link just made for it (once).
#[server(endpoint = "admin_staff_member")]
pub async fn load_admin_staff_member(#[server(default)] staff_id: i64) -> Result<AdminStaffMember, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let (member, units, is_me) =
        req.state.access.admin_staff_member(&req.ctx, staff_id).await.map_err(|e| req.fail(e))?;
    let flashed: Option<NewInvitation> = req.take_flash(NEW_INVITATION_KEY).await;
    let invitation = flashed.filter(|i| i.staff_id == staff_id);
    Ok(AdminStaffMember { member, units, is_me, invitation })
}

/// A new unit.
#[server(endpoint = "create_unit")]
pub async fn create_unit(#[server(flatten)] form: UnitForm) -> Result<(), AppError> {
    use crate::domain::ShortText;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::ADMIN_HOME;
    let name = match ShortText::try_from(form.clone()) {
        Ok(name) => name,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.create_unit(&req.ctx, &name).await {
        Ok(id) => req.done(&paths::admin_unit(id), text::UNIT_CREATED).await,
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}

/// A new name for a unit.
#[server(endpoint = "rename_unit")]
pub async fn rename_unit(#[server(default)] unit_id: i64, #[server(flatten)] form: UnitForm) -> Result<(), AppError> {
    use crate::domain::ShortText;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_unit(unit_id);
    let name = match ShortText::try_from(form.clone()) {
        Ok(name) => name,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.rename_unit(&req.ctx, unit_id, &name).await {
        Ok(()) => req.done(&page, text::UNIT_RENAMED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Closes a unit; the notice says how many people are still in it.
#[server(endpoint = "close_unit")]
pub async fn close_unit(#[server(default)] unit_id: i64) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_unit(unit_id);
    match req.state.access.close_unit(&req.ctx, unit_id).await {
        Ok(unit) => req.done(&page, &text::unit_closed_notice(unit.active_staff, unit.active_participants)).await,
        Err(e) => req.refused(e, FormFeedback::new(ACCOUNT_FORM), &page).await,
    }
}

/// Shows a new invitation once: a plain form goes to the account's page, a
/// script gets it in the answer.
#[cfg(feature = "ssr")]
async fn show_invitation(
    req: &Req,
    issued: crate::server::access::admin::IssuedInvitation,
    notice: &str,
) -> Result<Option<NewInvitation>, AppError> {
    // The phone's camera needs the whole address. The token is in the query,
    // which the request log never prints.
    let link = format!("{}{}", req.origin(), paths::invitation(&issued.token));
    let qr_svg = qrcode::QrCode::new(link.as_bytes())
        .map(|qr| qr.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).build())
        .map_err(|_| AppError::Internal { request_id: req.ctx.request_id.clone() })?;
    let invitation = NewInvitation { staff_id: issued.staff_id, link, qr_svg, expires_at: issued.expires_at };
    if req.is_form_post() {
        req.flash(NEW_INVITATION_KEY, &invitation).await?;
        req.done(&paths::admin_staff(issued.staff_id), notice).await?;
    }
    Ok(Some(invitation))
}

/// Invites a new staff member: the account is made, and a link to choose a password.
#[server(endpoint = "invite_staff")]
pub async fn invite_staff(#[server(flatten)] form: InviteForm) -> Result<Option<NewInvitation>, AppError> {
    use crate::server::access::admin::NewStaffInvite;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::ADMIN_INVITE;
    let invite = match NewStaffInvite::try_from(form.clone()) {
        Ok(invite) => invite,
        Err(fb) => return req.reject(fb, page).await.map(|_| None),
    };
    match req.state.access.invite_staff(&req.ctx, &invite).await {
        Ok(issued) => show_invitation(&req, issued, text::INVITED_NOTICE).await,
        Err(e) => req.refused(e, form.feedback(), page).await.map(|_| None),
    }
}

/// "Skicka ny inbjudan": the old link stops working and a new one is shown once.
#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(#[server(default)] staff_id: i64) -> Result<Option<NewInvitation>, AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    match req.state.access.resend_invitation(&req.ctx, staff_id).await {
        Ok(issued) => show_invitation(&req, issued, text::RESENT_NOTICE).await,
        Err(e) => req.refused(e, FormFeedback::new(ACCOUNT_FORM), &paths::admin_staff(staff_id)).await.map(|_| None),
    }
}

/// A staff member's new unit or role.
#[server(endpoint = "change_staff")]
pub async fn change_staff(
    #[server(default)] staff_id: i64,
    #[server(flatten)] form: PlacementForm,
) -> Result<(), AppError> {
    use crate::server::access::admin::StaffPlacement;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_staff(staff_id);
    let placement = match StaffPlacement::try_from(form.clone()) {
        Ok(placement) => placement,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.change_staff(&req.ctx, staff_id, placement).await {
        Ok(()) => req.done(&page, text::CHANGED_NOTICE).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Deactivates an account: every session of it ends at once.
#[server(endpoint = "deactivate_staff")]
pub async fn deactivate_staff(#[server(default)] staff_id: i64) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_staff(staff_id);
    match req.state.access.deactivate_staff(&req.ctx, staff_id).await {
        Ok(()) => req.done(&page, text::DEACTIVATED_NOTICE).await,
        Err(e) => req.refused(e, FormFeedback::new(ACCOUNT_FORM), &page).await,
    }
}

#[server(endpoint = "reactivate_staff")]
pub async fn reactivate_staff(#[server(default)] staff_id: i64) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_staff(staff_id);
    match req.state.access.reactivate_staff(&req.ctx, staff_id).await {
        Ok(()) => req.done(&page, text::REACTIVATED_NOTICE).await,
        Err(e) => req.refused(e, FormFeedback::new(ACCOUNT_FORM), &page).await,
    }
}

/// Removes a lost second factor; the next sign-in registers a new one.
#[server(endpoint = "reset_second_factor")]
pub async fn reset_second_factor(#[server(default)] staff_id: i64) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::admin_staff(staff_id);
    match req.state.access.reset_second_factor(&req.ctx, staff_id).await {
        Ok(()) => req.done(&page, text::FACTOR_RESET_NOTICE).await,
        Err(e) => req.refused(e, FormFeedback::new(ACCOUNT_FORM), &page).await,
    }
}

/// `/inbjudan?t=…`: whether the link works, and whom it is for.
#[server(endpoint = "invitation")]
pub async fn load_invitation(#[server(default)] token: String) -> Result<InvitationView, AppError> {
    let req = req().await?;
    let name = req.state.access.invitation(&req.ctx, &token).await.map_err(|e| req.fail(e))?;
    Ok(InvitationView { name })
}

/// The page a password form goes back to: the link's own address when the
/// token can be a token, so nothing odd goes into a header.
#[cfg(feature = "ssr")]
fn invitation_page(token: &str) -> String {
    let t = token.trim();
    if !t.is_empty() && t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        paths::invitation(t)
    } else {
        paths::INVITATION.to_owned()
    }
}

/// The new staff member chooses a password; the link is used up.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(#[server(flatten)] form: PasswordForm) -> Result<(), AppError> {
    use crate::domain::Password;
    use crate::models::FormFeedback;
    use crate::server::AccessError;
    let req = req().await?;
    let page = invitation_page(&form.token);
    let (token, password) = match <(String, Password)>::try_from(form) {
        Ok(parsed) => parsed,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.accept_invitation(&req.ctx, &token, &password).await {
        Ok(()) => req.done(paths::STAFF_SIGN_IN, text::PASSWORD_SAVED).await,
        Err(AccessError::Denied) => {
            let mut fb = FormFeedback::new(PASSWORD_FORM);
            fb.errors.push(("token".into(), text::INVITATION_UNUSABLE.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}
