//! The work-preparation programme, staff side: rounds, the queue, enrolment
//! and attendance. Forms are plain POSTs: on success the browser goes back to
//! the page with a notice; on bad input back to the form with what was typed.

use super::forms::programme::{CapacityForm, InterestForm, NewRoundForm, SessionForm};
use crate::errors::AppError;
use crate::models::{AttendanceSheet, EnrolOutcome, ProgrammeOverview, RoundDetail};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use super::{forms::Form, req};
#[cfg(feature = "ssr")]
use crate::texts::staff as text;

pub const NEW_ROUND_FORM: &str = "new_round";
pub const CAPACITY_FORM: &str = "round_capacity";
pub const INTEREST_FORM: &str = "register_interest";
pub const SESSION_FORM: &str = "session";
pub const NEW_SESSION_FORM: &str = "new_session";

/// `/personal/programmet`.
#[server(endpoint = "programme_overview")]
pub async fn load_programme_overview() -> Result<ProgrammeOverview, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.programme_overview(&req.ctx).await.map_err(|e| req.fail(e))
}

/// `/personal/programmet/:id`.
#[server(endpoint = "round")]
pub async fn load_round(#[server(default)] round_id: i64) -> Result<RoundDetail, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.round(&req.ctx, round_id).await.map_err(|e| req.fail(e))
}

/// A new round with weekly sessions.
#[server(endpoint = "create_round")]
pub async fn create_round(#[server(flatten)] form: NewRoundForm) -> Result<(), AppError> {
    use crate::server::access::programme::NewRound;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::NEW_ROUND;
    let round = match NewRound::try_from(form.clone()) {
        Ok(round) => round,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.create_round(&req.ctx, &round).await {
        Ok(id) => req.done(&crate::paths::round(id), text::ROUND_CREATED).await,
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}

/// A new number of places for a round.
#[server(endpoint = "set_round_capacity")]
pub async fn set_round_capacity(
    #[server(default)] round_id: i64,
    #[server(flatten)] form: CapacityForm,
) -> Result<(), AppError> {
    use crate::domain::Capacity;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::round(round_id);
    let capacity = match Capacity::try_from(form.clone()) {
        Ok(capacity) => capacity,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.set_round_capacity(&req.ctx, round_id, capacity).await {
        Ok(()) => req.done(&page, text::CAPACITY_CHANGED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Enrol a participant into a programme round (a seat, or the waiting list).
#[server(endpoint = "enrol_participant")]
pub async fn enrol_participant(
    #[server(default)] round_id: i64,
    #[server(default)] participant_id: i64,
) -> Result<EnrolOutcome, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let outcome = req.state.access.enrol(&req.ctx, round_id, participant_id).await.map_err(|e| req.fail(e))?;
    let notice = match outcome {
        EnrolOutcome::Enrolled => text::PERSON_ENROLLED.to_owned(),
        EnrolOutcome::Waiting { position } => text::enrolled_waiting(position),
        EnrolOutcome::AlreadyThere => text::PERSON_ALREADY_ENROLLED.to_owned(),
    };
    req.done(&crate::paths::round(round_id), &notice).await?;
    Ok(outcome)
}

/// The participant leaves the round or its waiting list.
#[server(endpoint = "withdraw_participant")]
pub async fn withdraw_participant(
    #[server(default)] round_id: i64,
    #[server(default)] participant_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.withdraw(&req.ctx, round_id, participant_id).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::round(round_id), text::PERSON_WITHDRAWN).await
}

/// Staff confirm the free seat for the first in the waiting list.
#[server(endpoint = "give_seat")]
pub async fn give_seat(
    #[server(default)] round_id: i64,
    #[server(default)] participant_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.give_seat(&req.ctx, round_id, participant_id).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::round(round_id), text::SEAT_GIVEN).await
}

/// Staff put a participant in the interest queue.
#[server(endpoint = "register_interest")]
pub async fn register_interest(#[server(flatten)] form: InterestForm) -> Result<(), AppError> {
    use super::forms::programme::NewInterest;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::STAFF_PROGRAMME;
    let NewInterest { participant_id, note } = match NewInterest::try_from(form) {
        Ok(interest) => interest,
        Err(fb) => return req.reject(fb, page).await,
    };
    let added = req.state.access.register_interest(&req.ctx, participant_id, &note).await.map_err(|e| req.fail(e))?;
    let notice = if added { text::INTEREST_SAVED } else { text::INTEREST_ALREADY_QUEUED };
    req.done(page, notice).await
}

/// Takes a participant out of the interest queue without a place.
#[server(endpoint = "dismiss_interest")]
pub async fn dismiss_interest(#[server(default)] participant_id: i64) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.dismiss_interest(&req.ctx, participant_id).await.map_err(|e| req.fail(e))?;
    req.done(crate::paths::STAFF_PROGRAMME, text::INTEREST_DISMISSED).await
}

/// `/personal/programmet/tillfalle/:id`.
#[server(endpoint = "attendance_sheet")]
pub async fn load_attendance_sheet(#[server(default)] session_id: i64) -> Result<AttendanceSheet, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.attendance_sheet(&req.ctx, session_id).await.map_err(|e| req.fail(e))
}

/// Attendance for the whole group: `mark_<participant id>` = present / absent_notified / absent.
#[server(endpoint = "record_attendance")]
pub async fn record_attendance(
    #[server(default)] session_id: i64,
    #[server(default)] marks: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::AttendanceMark;
    let req = req().await?;
    req.require_signed_in()?;
    let mut parsed = Vec::with_capacity(marks.len());
    for (participant, mark) in &marks {
        let (Ok(id), Ok(mark)) = (participant.parse::<i64>(), AttendanceMark::parse(mark)) else {
            super::set_status(422);
            return Err(AppError::invalid("marks", text::ATTENDANCE_MARK_EACH));
        };
        parsed.push((id, mark));
    }
    parsed.sort_by_key(|(id, _)| *id);
    req.state.access.record_attendance(&req.ctx, session_id, &parsed).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::session(session_id), text::ATTENDANCE_SAVED).await
}

/// Changes one session: time, theme, room, a visit from FK or AF.
#[server(endpoint = "update_session")]
pub async fn update_session(
    #[server(default)] session_id: i64,
    #[server(flatten)] form: SessionForm,
) -> Result<(), AppError> {
    use crate::server::access::programme::SessionUpdate;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::session_edit(session_id);
    let change = match SessionUpdate::try_from(form.clone()) {
        Ok(change) => change,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.update_session(&req.ctx, session_id, &change).await {
        Ok(round_id) => req.done(&crate::paths::round(round_id), text::SESSION_CHANGED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Adds a session to a round.
#[server(endpoint = "add_round_session")]
pub async fn add_round_session(
    #[server(default)] round_id: i64,
    #[server(flatten)] form: SessionForm,
) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    use crate::server::access::programme::SessionUpdate;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::round(round_id);
    // The same fields as a changed session, shown with the round's own form.
    let for_round = |fb: FormFeedback| FormFeedback { form: NEW_SESSION_FORM.to_owned(), ..fb };
    let session = match SessionUpdate::try_from(form.clone()) {
        Err(fb) => return req.reject(for_round(fb), &page).await,
        Ok(session) => session,
    };
    match req.state.access.add_round_session(&req.ctx, round_id, &session).await {
        Ok(()) => req.done(&page, text::SESSION_ADDED).await,
        Err(e) => req.refused(e, for_round(form.feedback()), &page).await,
    }
}
