//! The work-preparation programme, staff side: rounds, the queue, enrolment
//! and attendance. Forms are plain POSTs: on success the browser goes back to
//! the page with a notice; on bad input back to the form with what was typed.

// A form's fields are the server function's arguments, one each.
#![allow(clippy::too_many_arguments)]

use crate::errors::AppError;
use crate::models::{AttendanceSheet, EnrolOutcome, ProgrammeOverview, RoundDetail};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use super::req;

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
pub async fn create_round(
    #[server(default)] name: String,
    #[server(default)] form: String,
    #[server(default)] place: String,
    #[server(default)] responsible: String,
    #[server(default)] capacity: String,
    #[server(default)] first_date: String,
    #[server(default)] start_time: String,
    #[server(default)] minutes: String,
    #[server(default)] count: String,
) -> Result<(), AppError> {
    use crate::domain::{Capacity, MeetingTime, RoundForm, SessionCount, SessionMinutes, ShortText, parse_iso_date};
    use crate::models::FormFeedback;
    use crate::server::{AccessError, access::programme::NewRound};
    let req = req().await?;
    req.require_signed_in()?;
    let mut fb = FormFeedback::new(NEW_ROUND_FORM);
    for (k, v) in [
        ("name", &name),
        ("form", &form),
        ("place", &place),
        ("responsible", &responsible),
        ("capacity", &capacity),
        ("first_date", &first_date),
        ("start_time", &start_time),
        ("minutes", &minutes),
        ("count", &count),
    ] {
        fb.keep(k, v);
    }
    let name = fb.check("name", ShortText::parse(&name));
    let round_form = fb.check("form", RoundForm::parse(&form));
    let place = fb.check("place", ShortText::parse(&place));
    let responsible = if responsible.trim().is_empty() {
        Some(None)
    } else {
        fb.check("responsible", responsible.trim().parse::<i64>().map(Some).map_err(|_| "Välj en person i listan."))
    };
    let capacity = fb.check("capacity", Capacity::parse(&capacity));
    let first = fb.check("first_date", parse_iso_date(&first_date));
    let minutes = fb.check("minutes", SessionMinutes::parse(&minutes));
    let count = fb.check("count", SessionCount::parse(&count));
    let sessions = match (first, minutes, count) {
        (Some(first), Some(minutes), Some(count)) => {
            fb.check("start_time", MeetingTime::weekly(first, &start_time, minutes.get(), count.get()))
        }
        _ => None,
    };
    let (Some(name), Some(form), Some(place), Some(responsible), Some(capacity), Some(sessions)) =
        (name, round_form, place, responsible, capacity, sessions)
    else {
        return req.reject(fb, "/personal/programmet/ny-omgang").await;
    };
    let round = NewRound { name, form, place, responsible_staff_id: responsible, capacity, sessions };
    match req.state.access.create_round(&req.ctx, &round).await {
        Ok(id) => req.done(&format!("/personal/programmet/omgang/{id}"), "Omgången är skapad.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, "/personal/programmet/ny-omgang").await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// A new number of places for a round.
#[server(endpoint = "set_round_capacity")]
pub async fn set_round_capacity(
    #[server(default)] round_id: i64,
    #[server(default)] capacity: String,
) -> Result<(), AppError> {
    use crate::domain::Capacity;
    use crate::models::FormFeedback;
    use crate::server::AccessError;
    let req = req().await?;
    req.require_signed_in()?;
    let page = format!("/personal/programmet/omgang/{round_id}");
    let mut fb = FormFeedback::new(CAPACITY_FORM);
    fb.keep("capacity", &capacity);
    let Some(capacity) = fb.check("capacity", Capacity::parse(&capacity)) else {
        return req.reject(fb, &page).await;
    };
    match req.state.access.set_round_capacity(&req.ctx, round_id, capacity).await {
        Ok(()) => req.done(&page, "Antalet platser är ändrat.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
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
        EnrolOutcome::Enrolled => "Personen är antagen.".to_owned(),
        EnrolOutcome::Waiting { position } => format!("Omgången är full. Personen står på plats {position} i kön."),
        EnrolOutcome::AlreadyThere => "Personen är redan med i omgången eller i kön.".to_owned(),
    };
    req.done(&format!("/personal/programmet/omgang/{round_id}"), &notice).await?;
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
    req.done(&format!("/personal/programmet/omgang/{round_id}"), "Personen är avanmäld.").await
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
    req.done(&format!("/personal/programmet/omgang/{round_id}"), "Personen har fått platsen.").await
}

/// Staff put a participant in the interest queue.
#[server(endpoint = "register_interest")]
pub async fn register_interest(
    #[server(default)] participant_id: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::domain::LongText;
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = "/personal/programmet";
    let mut fb = FormFeedback::new(INTEREST_FORM);
    fb.keep("participant_id", &participant_id);
    fb.keep("note", &note);
    let id =
        fb.check("participant_id", participant_id.trim().parse::<i64>().map_err(|_| "Välj en deltagare i listan."));
    let note = fb.check("note", LongText::parse(&note));
    let (Some(id), Some(note)) = (id, note) else {
        return req.reject(fb, page).await;
    };
    let added = req.state.access.register_interest(&req.ctx, id, &note).await.map_err(|e| req.fail(e))?;
    let notice = if added { "Intresseanmälan är sparad." } else { "Personen står redan i kön." };
    req.done(page, notice).await
}

/// Takes a participant out of the interest queue without a place.
#[server(endpoint = "dismiss_interest")]
pub async fn dismiss_interest(#[server(default)] participant_id: i64) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.dismiss_interest(&req.ctx, participant_id).await.map_err(|e| req.fail(e))?;
    req.done("/personal/programmet", "Personen är borttagen ur kön.").await
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
            return Err(AppError::invalid("marks", "Välj närvaro för varje person."));
        };
        parsed.push((id, mark));
    }
    parsed.sort_by_key(|(id, _)| *id);
    req.state.access.record_attendance(&req.ctx, session_id, &parsed).await.map_err(|e| req.fail(e))?;
    req.done(&format!("/personal/programmet/tillfalle/{session_id}"), "Närvaron är sparad.").await
}

/// Changes one session: time, theme, room, a visit from FK or AF.
#[server(endpoint = "update_session")]
pub async fn update_session(
    #[server(default)] session_id: i64,
    #[server(default)] date: String,
    #[server(default)] start: String,
    #[server(default)] end: String,
    #[server(default)] theme: String,
    #[server(default)] place: String,
    #[server(default)] visit: String,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = format!("/personal/programmet/tillfalle/{session_id}/andra");
    let (change, fb) = parse_session(SESSION_FORM, [&date, &start, &end, &theme, &place, &visit]);
    let Some(change) = change else {
        return req.reject(fb, &page).await;
    };
    let round_id = req.state.access.update_session(&req.ctx, session_id, &change).await.map_err(|e| req.fail(e))?;
    req.done(&format!("/personal/programmet/omgang/{round_id}"), "Tillfället är ändrat.").await
}

/// Adds a session to a round.
#[server(endpoint = "add_round_session")]
pub async fn add_round_session(
    #[server(default)] round_id: i64,
    #[server(default)] date: String,
    #[server(default)] start: String,
    #[server(default)] end: String,
    #[server(default)] theme: String,
    #[server(default)] place: String,
    #[server(default)] visit: String,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = format!("/personal/programmet/omgang/{round_id}");
    let (session, fb) = parse_session(NEW_SESSION_FORM, [&date, &start, &end, &theme, &place, &visit]);
    let Some(session) = session else {
        return req.reject(fb, &page).await;
    };
    req.state.access.add_round_session(&req.ctx, round_id, &session).await.map_err(|e| req.fail(e))?;
    req.done(&page, "Tillfället är tillagt.").await
}

/// A session's form fields (date, start, end, theme, place, visit), parsed,
/// with what was typed and what is wrong kept for the form.
#[cfg(feature = "ssr")]
fn parse_session(
    form: &str,
    fields: [&String; 6],
) -> (Option<crate::server::access::programme::SessionUpdate>, crate::models::FormFeedback) {
    use crate::domain::{MeetingTime, SessionVisit, ShortText};
    let mut fb = crate::models::FormFeedback::new(form);
    let names = ["date", "start", "end", "theme", "place", "visit"];
    for (k, v) in names.iter().zip(fields) {
        fb.keep(k, v);
    }
    let [date, start, end, theme, place, visit] = fields;
    let time = fb.check("date", MeetingTime::parse_local(date, start, end));
    let theme = fb.check("theme", ShortText::parse(theme));
    let place = fb.check("place", ShortText::parse(place));
    let visit = fb.check("visit", SessionVisit::parse(visit));
    let session = match (time, theme, place, visit) {
        (Some(time), Some(theme), Some(place), Some(visit)) => {
            Some(crate::server::access::programme::SessionUpdate { time, theme, place, visit })
        }
        _ => None,
    };
    (session, fb)
}
