//! What participants (and relatives, within consent) read.

use crate::errors::AppError;
use crate::models::ParticipantStart;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::req;

/// The start page. A participant sees their own; a relative names the
/// participant (`participant_id`) and sees what the consent shares.
#[server(endpoint = "participant_start")]
pub async fn load_participant_start(
    #[server(default)] participant_id: Option<i64>,
) -> Result<ParticipantStart, AppError> {
    use crate::policy::Actor;
    let req = req().await?;
    req.require_signed_in()?;
    let id = match (req.ctx.actor, participant_id) {
        (_, Some(id)) => id,
        (Actor::Participant { participant_id, .. }, None) => participant_id,
        (Actor::Relative { .. }, None) => {
            match req.state.access.first_linked_participant(&req.ctx).await.map_err(|e| req.fail(e))? {
                Some(id) => id,
                None => {
                    super::set_status(404);
                    return Err(AppError::NotFound);
                }
            }
        }
        _ => {
            super::set_status(404);
            return Err(AppError::NotFound);
        }
    };
    req.state.access.participant_start(&req.ctx, id).await.map_err(|e| req.fail(e))
}
