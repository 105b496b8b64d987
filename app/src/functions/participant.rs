//! What participants (and relatives, within consent) read.

use crate::errors::AppError;
use crate::models::{ContactList, Ladder, MeetingCard, MeetingList, ParticipantStart, PlanPage, ProgrammePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{Req, req};

/// Whose pages to show: a participant sees their own; a relative names the
/// participant, or gets the first one they are linked to; staff name one.
#[cfg(feature = "ssr")]
pub(super) async fn whose(req: &Req, participant_id: Option<i64>) -> Result<i64, AppError> {
    use crate::policy::Actor;
    req.require_signed_in()?;
    match (req.ctx.actor, participant_id) {
        (_, Some(id)) => Ok(id),
        (Actor::Participant { participant_id, .. }, None) => Ok(participant_id),
        (Actor::Relative { .. }, None) => {
            match req.state.access.first_linked_participant(&req.ctx).await.map_err(|e| req.fail(e))? {
                Some(id) => Ok(id),
                None => {
                    super::set_status(404);
                    Err(AppError::NotFound)
                }
            }
        }
        _ => {
            super::set_status(404);
            Err(AppError::NotFound)
        }
    }
}

/// The start page. A participant sees their own; a relative names the
/// participant (`participant_id`) and sees what the consent shares.
#[server(endpoint = "participant_start")]
pub async fn load_participant_start(
    #[server(default)] participant_id: Option<i64>,
) -> Result<ParticipantStart, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.participant_start(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// "Arbetsnärmande programmet".
#[server(endpoint = "programme")]
pub async fn load_programme(#[server(default)] participant_id: Option<i64>) -> Result<ProgrammePage, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.programme(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// "Jag vill vara med", from a plain form on the programme page.
#[server(endpoint = "express_interest")]
pub async fn express_interest() -> Result<(), AppError> {
    let req = req().await?;
    let id = whose(&req, None).await?;
    req.state.access.express_interest(&req.ctx, id).await.map_err(|e| req.fail(e))?;
    leptos_axum::redirect(crate::paths::PROGRAMME);
    Ok(())
}

/// "Min plan".
#[server(endpoint = "plan")]
pub async fn load_plan(#[server(default)] participant_id: Option<i64>) -> Result<PlanPage, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.plan(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// "Mina kontakter".
#[server(endpoint = "contacts")]
pub async fn load_contacts(#[server(default)] participant_id: Option<i64>) -> Result<ContactList, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.contacts(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// "Stegen".
#[server(endpoint = "ladder")]
pub async fn load_ladder(#[server(default)] participant_id: Option<i64>) -> Result<Ladder, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.ladder(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// "Mina möten".
#[server(endpoint = "meetings")]
pub async fn load_meetings(#[server(default)] participant_id: Option<i64>) -> Result<MeetingList, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    req.state.access.meetings(&req.ctx, id).await.map_err(|e| req.fail(e))
}

/// One meeting.
#[server(endpoint = "meeting")]
pub async fn load_meeting(#[server(default)] meeting_id: i64) -> Result<MeetingCard, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.meeting(&req.ctx, meeting_id).await.map_err(|e| req.fail(e))
}

#[cfg(feature = "ssr")]
const ANSWER_KEY: &str = "meeting_answer";

/// "Jag kommer" / "Jag kan inte komma", from a plain form on the meeting page.
/// Back on the page, a message says what happened.
#[server(endpoint = "answer_meeting")]
pub async fn answer_meeting(
    #[server(default)] meeting_id: i64,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    use crate::domain::MeetingAnswer;
    use crate::server::AccessError;
    use crate::texts::sv;
    let req = req().await?;
    req.require_signed_in()?;
    let Ok(answer) = MeetingAnswer::parse(&answer) else {
        super::set_status(422);
        return Err(AppError::invalid("answer", sv::ANSWER_MISSING));
    };
    let message = match req.state.access.answer_meeting(&req.ctx, meeting_id, answer).await {
        Ok(()) => sv::ANSWER_SAVED,
        Err(AccessError::Invalid { message, .. }) => message,
        Err(e) => return Err(req.fail(e)),
    };
    req.flash(ANSWER_KEY, &(meeting_id, message)).await?;
    leptos_axum::redirect(&crate::paths::meeting(meeting_id));
    Ok(())
}

/// What just happened to the answer on this meeting's page (shown once).
#[server(endpoint = "take_answer_message")]
pub async fn take_answer_message(#[server(default)] meeting_id: i64) -> Result<Option<String>, AppError> {
    let req = req().await?;
    let flashed: Option<(i64, String)> = req.take_flash(ANSWER_KEY).await;
    Ok(flashed.filter(|(id, _)| *id == meeting_id).map(|(_, message)| message))
}
