//! What staff read and do.

use crate::errors::AppError;
use crate::models::StaffHome;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::req;
#[cfg(feature = "ssr")]
use crate::texts::staff as text;

/// The staff start page: the participants of the signed-in staff member's unit.
#[server(endpoint = "staff_home")]
pub async fn load_staff_home() -> Result<StaffHome, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let home = req.state.access.staff_home(&req.ctx).await.map_err(|e| req.fail(e));
    // An administrator outside the units, the dataskyddsombud and the steering
    // group have their own start page: a browser goes there (the refusal above
    // is audited all the same).
    use crate::policy::Actor;
    if home.is_err()
        && matches!(
            req.ctx.actor,
            Actor::Admin { unit_id: None, .. } | Actor::DataProtectionOfficer { .. } | Actor::SteeringGroup { .. }
        )
    {
        leptos_axum::redirect(crate::paths::home_for(&req.ctx.actor));
    }
    home
}

/// `/personal/handbok`: the manual's text is in the page; this asks whether
/// the one asking may read it.
#[server(endpoint = "manual")]
pub async fn load_manual() -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.manual(&req.ctx).await.map_err(|e| req.fail(e))
}

/// Signs the participant out on every phone (a lost or shared phone).
#[server(endpoint = "end_participant_sessions")]
pub async fn end_participant_sessions(#[server(default)] participant_id: i64) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.end_participant_sessions(&req.ctx, participant_id).await.map_err(|e| req.fail(e))?;
    req.flash(SESSIONS_ENDED_KEY, &participant_id).await?;
    leptos_axum::redirect(&crate::paths::record(participant_id, crate::paths::RecordPart::Code));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) const SESSIONS_ENDED_KEY: &str = "sessions_ended";

/// Signs one of the participant's relatives out everywhere.
#[server(endpoint = "end_relative_sessions")]
pub async fn end_relative_sessions(
    #[server(default)] participant_id: i64,
    #[server(default)] relative_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.end_relative_sessions(&req.ctx, participant_id, relative_id).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Code), text::RELATIVE_SIGNED_OUT).await
}
