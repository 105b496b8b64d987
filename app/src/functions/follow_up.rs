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

#[cfg(feature = "ssr")]
pub use download::{csv_handler, people_csv_handler};

#[cfg(feature = "ssr")]
mod download {
    use crate::domain::follow_up::{Cell, Share};
    use crate::models::{FigureTable, FollowUpPage, FollowUpQuery, figure_tables, programme_table, work_tables};
    use crate::policy::Actor;
    use crate::server::access::follow_up::PeopleFile;
    use crate::server::{AccessError, AppState, RequestCtx, context::Asking};
    use crate::texts::{follow_up as text, sv};
    use axum::extract::{Query, State};
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use std::collections::HashMap;

    /// What both files do: the one asking signed in, the address read as the
    /// page reads it, the access layer asked (which audits), then the file
    /// written, or why not in Swedish. `write` gives the file's name and
    /// bytes, `None` when the period could not be read.
    async fn download<T>(
        asking: Asking,
        address: &HashMap<String, String>,
        fetch: impl AsyncFnOnce(&RequestCtx, &FollowUpQuery) -> Result<T, AccessError>,
        write: impl FnOnce(&T) -> Option<(String, Result<Vec<u8>, csv::Error>)>,
    ) -> Response {
        let ctx = asking.ctx;
        if ctx.actor == Actor::Anonymous {
            return (StatusCode::UNAUTHORIZED, text::DOWNLOAD_SIGN_IN).into_response();
        }
        let typed = |key: &str| address.get(key).map(|v| v.chars().take(40).collect()).unwrap_or_default();
        let query = FollowUpQuery { from: typed("fran"), until: typed("till"), unit: typed("enhet") };
        let found = match fetch(&ctx, &query).await {
            Ok(found) => found,
            Err(AccessError::Denied) => return (StatusCode::FORBIDDEN, text::DOWNLOAD_DENIED).into_response(),
            Err(e) => {
                tracing::error!(request_id = %ctx.request_id, error = %e, "follow-up file failed");
                return (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response();
            }
        };
        match write(&found) {
            None => (StatusCode::BAD_REQUEST, text::DOWNLOAD_BAD_PERIOD).into_response(),
            Some((name, Ok(body))) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                ],
                body,
            )
                .into_response(),
            Some((_, Err(_))) => {
                tracing::error!(request_id = %ctx.request_id, "a follow-up file could not be written");
                (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response()
            }
        }
    }

    /// `GET /personal/uppfoljning.csv?fran=&till=&enhet=`: every table of the
    /// page as one file to hand on, small numbers suppressed. On record as an
    /// export of the unit's follow-up.
    pub async fn csv_handler(
        State(state): State<AppState>,
        asking: Asking,
        Query(address): Query<HashMap<String, String>>,
    ) -> Response {
        let fetch = async |ctx: &RequestCtx, query: &FollowUpQuery| state.access.follow_up_export(ctx, query).await;
        download(asking, &address, fetch, |page| {
            let period = page.period?;
            Some((format!("uppfoljning-{}-{}.csv", period.from, period.until), csv(page)?))
        })
        .await
    }

    /// `GET /personal/uppfoljning-personer.csv?fran=&till=`: who is behind
    /// the figures of the enhetschef's unit, a line a person with what was
    /// counted of them; each person listed is an audit row.
    pub async fn people_csv_handler(
        State(state): State<AppState>,
        asking: Asking,
        Query(address): Query<HashMap<String, String>>,
    ) -> Response {
        let fetch = async |ctx: &RequestCtx, query: &FollowUpQuery| state.access.follow_up_people(ctx, query).await;
        download(asking, &address, fetch, |file| {
            let period = file.period?;
            Some((format!("uppfoljning-personer-{}-{}.csv", period.from, period.until), people_csv(file)))
        })
        .await
    }

    fn people_csv(file: &PeopleFile) -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(b"\xEF\xBB\xBF".to_vec());
        if let (Some(unit), Some(period)) = (&file.unit_name, file.period) {
            out.write_record([text::UNIT_FIELD, unit])?;
            out.write_record([text::PERIOD_FIELD, &period.from.to_string(), &period.until.to_string()])?;
        }
        out.write_record([""])?;
        out.write_record(text::PEOPLE_HEADERS)?;
        for p in &file.people {
            let (f, c) = (&p.facts, &p.counted);
            let yes = |b: bool| if b { text::YES } else { text::NO }.to_owned();
            let steps: Vec<String> = c.dv_steps.iter().map(|(on, step)| format!("{on} {}", step.label_sv())).collect();
            out.write_record([
                p.id.to_string(),
                p.name.clone().unwrap_or_else(|| text::PROTECTED.to_owned()),
                f.gender.map_or(String::new(), |g| g.label_sv().to_owned()),
                c.age.label_sv().to_owned(),
                f.entered_on.to_string(),
                f.form_at_entry.label_sv().to_owned(),
                f.benefit_at_entry.label_sv().to_owned(),
                text::road(f.road).to_owned(),
                steps.join(", "),
                yes(c.assessment_held),
                yes(c.assessment_planned),
                c.discharged.map_or(String::new(), |(on, _)| on.to_string()),
                c.discharged.map_or(String::new(), |(_, o)| o.label_sv().to_owned()),
                yes(c.towards_work),
                yes(c.moved_up),
                yes(c.into_work),
                c.days_to_first_job.map_or(String::new(), |d| d.to_string()),
                c.job_hours.map_or(String::new(), |h| h.to_string()),
            ])?;
        }
        out.into_inner().map_err(|e| e.into_error().into())
    }

    /// The file: a byte order mark (so Excel reads UTF-8), `;` between fields;
    /// what it covers first, then each table under its title with its column
    /// headings, and a blank line between. `None` when the period could not be read.
    fn csv(page: &FollowUpPage) -> Option<Result<Vec<u8>, csv::Error>> {
        let (period, tables) = (page.period?, page.tables.as_ref()?);
        let write = || {
            let mut out =
                csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(b"\xEF\xBB\xBF".to_vec());
            let unit = page.unit_name.clone().unwrap_or_else(|| text::ALL_UNITS.to_owned());
            out.write_record([text::UNIT_FIELD, &unit])?;
            out.write_record([text::PERIOD_FIELD, &period.from.to_string(), &period.until.to_string()])?;
            out.write_record([text::SUPPRESSION_TITLE, text::SUPPRESSION_NOTE])?;
            write_share(&mut out, text::SHARE_OF_ALL, tables.towards_work_of_all)?;
            write_share(&mut out, text::SHARE_OF_DISCHARGED, tables.towards_work_of_discharged)?;
            for table in figure_tables(tables) {
                write_table(&mut out, &table)?;
            }
            let work = &tables.work;
            for table in work_tables(work) {
                write_table(&mut out, &table)?;
            }
            write_share(&mut out, text::EMPLOYMENT_RATE, work.employment_rate())?;
            write_share(&mut out, text::AT_LEAST_20_HOURS, work.at_least_20_hours())?;
            out.write_record([""])?;
            write_median(&mut out, text::MEDIAN_DAYS_TO_JOB, &work.days_to_first_job)?;
            write_median(&mut out, text::MEDIAN_MONTHS_WITH_SUPPORT, &work.months_with_support)?;
            if let Some(programme) = &page.programme {
                write_table(&mut out, &programme_table(programme))?;
                write_median(&mut out, text::MEDIAN_WAIT, &programme.waits_in_days)?;
            }
            out.into_inner().map_err(|e| e.into_error().into())
        };
        Some(write())
    }

    fn count(n: usize) -> u32 {
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// A share under its label: the count and what it is of, suppressed as
    /// a row of two, and the per cent only where both are shown.
    fn write_share(out: &mut csv::Writer<Vec<u8>>, label: &str, share: Share) -> Result<(), csv::Error> {
        out.write_record([""])?;
        let cells = crate::domain::follow_up::suppress(&[vec![share.count, share.of]], false, false);
        let per_cent = match (&cells[0][..], share.per_cent()) {
            ([Cell::Shown(_), Cell::Shown(_)], Some(p)) => p.to_string(),
            _ => String::new(),
        };
        out.write_record([label, text::SHARE_COUNT, text::SHARE_OF, text::SHARE_PER_CENT])?;
        out.write_record([String::new(), shown(cells[0][0]), shown(cells[0][1]), per_cent])
    }

    /// A median and how many it is of. A median of fewer than five is close
    /// to one person's own value: left out.
    fn write_median(out: &mut csv::Writer<Vec<u8>>, label: &str, values: &[u32]) -> Result<(), csv::Error> {
        let median = match crate::domain::follow_up::median(values) {
            Some(m) if values.len() >= 5 => m.to_string(),
            _ => String::new(),
        };
        let people = shown(crate::domain::follow_up::suppress(&[vec![count(values.len())]], false, false)[0][0]);
        out.write_record([label, &median, text::PEOPLE, &people])
    }

    fn shown(cell: Cell) -> String {
        match cell {
            Cell::Shown(n) => n.to_string(),
            Cell::Small => text::SMALL.to_owned(),
            Cell::Hidden => text::HIDDEN.to_owned(),
        }
    }

    fn write_table(out: &mut csv::Writer<Vec<u8>>, table: &FigureTable) -> Result<(), csv::Error> {
        out.write_record([""])?;
        out.write_record([table.title])?;
        out.write_record(std::iter::once(text::COLUMN_WHAT).chain(table.columns.iter().copied()))?;
        for ((label, _), cells) in table.rows.iter().zip(table.suppressed()) {
            out.write_record(std::iter::once(label.clone()).chain(cells.into_iter().map(shown)))?;
        }
        Ok(())
    }
}
