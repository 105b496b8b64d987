//! SUS, Finsam's national follow-up: the record's SUS page and its two forms,
//! and the unit's registration sheet (a page and a file).

use super::forms::sus::{SusEndForm, SusStartForm};
use crate::errors::AppError;
use crate::models::{RecordSus, SusQuery, SusSheet};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{forms::Form, req};
#[cfg(feature = "ssr")]
use crate::texts::sus as text;

pub const SUS_START_FORM: &str = "sus_start";
pub const SUS_END_FORM: &str = "sus_end";

/// `/personal/deltagare/:id/sus`.
#[server(endpoint = "record_sus")]
pub async fn load_record_sus(#[server(default)] participant_id: i64) -> Result<RecordSus, AppError> {
    let req = req().await?;
    req.state.access.record_sus(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// The start of a Finsam-financed activity, with what SUS asks then.
#[server(endpoint = "start_sus")]
pub async fn start_sus(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: SusStartForm,
) -> Result<(), AppError> {
    use crate::domain::sus::SusStart;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Sus);
    let start = match SusStart::try_from(form.clone()) {
        Ok(start) => start,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.start_sus(&req.ctx, participant_id, &start).await {
        Ok(()) => req.done(&page, text::STARTED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// The end of the open activity, with what SUS asks then.
#[server(endpoint = "end_sus")]
pub async fn end_sus(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: SusEndForm,
) -> Result<(), AppError> {
    use crate::domain::sus::SusEnd;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Sus);
    let end = match SusEnd::try_from(form.clone()) {
        Ok(end) => end,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.end_sus(&req.ctx, participant_id, &end).await {
        Ok(()) => req.done(&page, text::ENDED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// `/personal/sus`: the unit's registration sheet for a period.
#[server(endpoint = "sus_sheet")]
pub async fn load_sus_sheet(#[server(flatten)] query: SusQuery) -> Result<SusSheet, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let action = crate::policy::Action::Read;
    let sheet = req.state.access.sus_sheet(&req.ctx, &query, action).await.map_err(|e| req.fail(e))?;
    if !sheet.errors.is_empty() {
        super::set_status(422);
    }
    Ok(sheet)
}

#[cfg(feature = "ssr")]
pub use download::csv_handler;

#[cfg(feature = "ssr")]
mod download {
    use crate::models::{SusLine, SusQuery, SusSheet};
    use crate::policy::{Action, Actor};
    use crate::server::{AccessError, AppState, context::Asking};
    use crate::texts::{sus as text, sv};
    use axum::extract::{Query, State};
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use std::collections::HashMap;

    /// `GET /personal/sus.csv?fran=&till=`: the sheet as a file (UTF-8 with a
    /// byte order mark, `;`), on record as an export of each person on it.
    pub async fn csv_handler(
        State(state): State<AppState>,
        asking: Asking,
        Query(address): Query<HashMap<String, String>>,
    ) -> Response {
        let ctx = asking.ctx;
        if ctx.actor == Actor::Anonymous {
            return (StatusCode::UNAUTHORIZED, text::DOWNLOAD_SIGN_IN).into_response();
        }
        let typed = |key: &str| address.get(key).map(|v| v.chars().take(40).collect()).unwrap_or_default();
        let query = SusQuery { from: typed("fran"), until: typed("till") };
        let sheet = match state.access.sus_sheet(&ctx, &query, Action::Export).await {
            Ok(sheet) => sheet,
            Err(AccessError::Denied) => return (StatusCode::FORBIDDEN, text::DOWNLOAD_DENIED).into_response(),
            Err(e) => {
                tracing::error!(request_id = %ctx.request_id, error = %e, "the SUS sheet failed");
                return (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response();
            }
        };
        let Some((from, until)) = sheet.period else {
            return (StatusCode::BAD_REQUEST, text::DOWNLOAD_BAD_PERIOD).into_response();
        };
        match csv(&sheet) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"sus-{from}-{until}.csv\"")),
                ],
                body,
            )
                .into_response(),
            Err(_) => {
                tracing::error!(request_id = %ctx.request_id, "the SUS sheet could not be written");
                (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response()
            }
        }
    }

    fn csv(sheet: &SusSheet) -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(b"\xEF\xBB\xBF".to_vec());
        out.write_record(text::CSV_HEADERS)?;
        for line in &sheet.lines {
            out.write_record(fields(line))?;
        }
        out.into_inner().map_err(|e| e.into_error().into())
    }

    /// A line as SUS's forms ask it; an anonymous one has no name or number.
    fn fields(line: &SusLine) -> [String; 15] {
        let (kind, name, number) = match &line.identified {
            Some(p) => (text::IDENTIFIED, p.name.clone(), p.personal_number.clone().unwrap_or_default()),
            None => (text::ANONYMOUS, String::new(), String::new()),
        };
        let (s, e) = (&line.start, line.end.as_ref());
        [
            kind.to_owned(),
            name,
            number,
            line.gender.map_or(String::new(), |g| g.label_sv().to_owned()),
            s.starts_on.to_string(),
            s.occupation_before.label_sv().to_owned(),
            s.income_before.label_sv().to_owned(),
            s.education.label_sv().to_owned(),
            s.time_in_support.label_sv().to_owned(),
            e.map_or(String::new(), |e| e.ends_on.to_string()),
            e.map_or(String::new(), |e| e.reason.label_sv().to_owned()),
            e.map_or(String::new(), |e| e.occupation_after.label_sv().to_owned()),
            e.map_or(String::new(), |e| e.income_after.label_sv().to_owned()),
            e.map_or(String::new(), |e| e.hours_after.to_string()),
            e.map_or(String::new(), |e| e.work_share().to_string()),
        ]
    }
}
