//! What staff read and do.

use crate::errors::AppError;
use crate::models::StaffHome;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::req;

/// The staff start page: the participants of the signed-in staff member's unit.
#[server(endpoint = "staff_home")]
pub async fn load_staff_home() -> Result<StaffHome, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.staff_home(&req.ctx).await.map_err(|e| req.fail(e))
}
