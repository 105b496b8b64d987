//! The audit log: the log follow-up for the enhetschef and the dataskyddsombud
//! (a page and a CSV file), and "Vem har tittat?" for the participant.

use crate::errors::AppError;
use crate::models::{LogPage, LogQuery, WhoLooked};
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Streaming};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::req;

/// The search as the form sends it: text, parsed by the access layer (a bad
/// date comes back as a message next to its field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogForm {
    pub participant: String,
    /// One participant, from a link in the results (digits; anything else is ignored).
    pub participant_id: String,
    pub staff: String,
    pub from: String,
    pub until: String,
    pub action: String,
    /// Not empty: only the rows with a flag.
    pub unusual: String,
    /// Where the next page starts (made by the previous page).
    pub after: String,
}

impl From<LogForm> for LogQuery {
    fn from(f: LogForm) -> Self {
        LogQuery {
            participant_id: f.participant_id.trim().parse().ok(),
            participant: f.participant,
            staff: f.staff,
            from: f.from,
            until: f.until,
            action: f.action,
            unusual: !f.unusual.is_empty(),
            after: f.after,
        }
    }
}

impl From<&LogQuery> for LogForm {
    fn from(q: &LogQuery) -> Self {
        LogForm {
            participant: q.participant.clone(),
            participant_id: q.participant_id.map(|id| id.to_string()).unwrap_or_default(),
            staff: q.staff.clone(),
            from: q.from.clone(),
            until: q.until.clone(),
            action: q.action.clone(),
            unusual: if q.unusual { "1".to_owned() } else { String::new() },
            after: q.after.clone(),
        }
    }
}

/// `/personal/logg`: one page of the log follow-up.
#[server(endpoint = "log_search")]
pub async fn log_search(#[server(flatten)] form: LogForm) -> Result<LogPage, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = req.state.access.log_search(&req.ctx, &form.into()).await.map_err(|e| req.fail(e))?;
    if !page.errors.is_empty() {
        super::set_status(422);
    }
    Ok(page)
}

/// The search as a CSV file (UTF-8 with a byte order mark, `;` between
/// fields: what Excel opens in Swedish settings). A plain form's POST: the
/// browser saves the file.
#[server(endpoint = "log_export", output = Streaming)]
pub async fn log_export(#[server(flatten)] form: LogForm) -> Result<ByteStream<AppError>, AppError> {
    use axum::http::{HeaderValue, header};
    let req = req().await?;
    req.require_signed_in()?;
    // An export starts from the newest row, whatever page was on the screen.
    let search = LogQuery { after: String::new(), ..form.into() };
    let rows = req.state.access.log_export(&req.ctx, &search).await.map_err(|e| req.fail(e))?;
    let csv = ssr::csv(&rows).map_err(|_| {
        tracing::error!(request_id = %req.ctx.request_id, "the log's CSV could not be written");
        super::set_status(500);
        AppError::Internal { request_id: req.ctx.request_id.clone() }
    })?;
    // A plain form's POST is answered with a redirect back to the page
    // (server_fn's form redirects); an explicit 200 makes it the file instead.
    super::set_status(200);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        let disposition = format!("attachment; filename=\"{}\"", crate::texts::log::CSV_FILE_NAME);
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            response.insert_header(header::CONTENT_DISPOSITION, value);
        }
    }
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(leptos::server_fn::Bytes::from(csv)) })))
}

/// "Vem har tittat på mina uppgifter?" A participant sees their own; a
/// relative names the participant, and sees it when the consent shares it.
#[server(endpoint = "who_looked")]
pub async fn load_who_looked(#[server(default)] participant_id: Option<i64>) -> Result<WhoLooked, AppError> {
    let req = req().await?;
    let id = super::participant::whose(&req, participant_id).await?;
    req.state.access.who_looked(&req.ctx, id).await.map_err(|e| req.fail(e))
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::models::LogRow;
    use crate::texts::{log as text, staff_time};

    /// The rows as CSV: a byte order mark (so Excel reads UTF-8), a header
    /// line, one line a row; `;` between fields, quotes where a field needs them.
    pub(super) fn csv(rows: &[LogRow]) -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(b"\xEF\xBB\xBF".to_vec());
        out.write_record(text::CSV_HEADERS)?;
        for r in rows {
            let (subject_id, subject_name) = match &r.subject {
                Some((id, name)) => (id.to_string(), name.clone().unwrap_or_else(|| text::SHIELDED.to_owned())),
                None => (String::new(), String::new()),
            };
            out.write_record([
                staff_time(r.at),
                r.actor_name.clone().unwrap_or_default(),
                text::actor_kind_label(&r.actor).to_owned(),
                r.actor_unit.clone().unwrap_or_default(),
                text::action_label(&r.action).to_owned(),
                text::kind_label(&r.record_kind),
                if r.denied { text::DENIED } else { text::OUTCOME_ALLOWED }.to_owned(),
                r.record_id.map(|id| id.to_string()).unwrap_or_default(),
                subject_name,
                subject_id,
                r.unit.clone().unwrap_or_default(),
                r.source.clone().unwrap_or_default(),
                text::flags_text(&r.flags),
                r.request_id.clone(),
                r.detail.as_deref().map(text::detail).unwrap_or_default(),
            ])?;
        }
        out.into_inner().map_err(|e| e.into_error().into())
    }
}
