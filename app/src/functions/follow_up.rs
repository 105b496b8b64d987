//! The follow-up of outcomes (issue 13) for the enhetschef and the administrator.

use crate::errors::AppError;
use crate::models::{FollowUpPage, FollowUpQuery};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::req;

/// `/personal/uppfoljning`: the report's tables for a period and a unit.
#[server(endpoint = "follow_up")]
pub async fn follow_up(#[server(flatten)] query: FollowUpQuery) -> Result<FollowUpPage, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = req.state.access.follow_up(&req.ctx, &query).await.map_err(|e| req.fail(e))?;
    if !page.errors.is_empty() {
        super::set_status(422);
    }
    Ok(page)
}
