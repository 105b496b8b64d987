//! "Lägg in i min kalender": one meeting as an iCalendar file (RFC 5545) with a
//! reminder the day before.
//!
//! Times are written in UTC (`…Z`). That is exact for every calendar program
//! and needs no VTIMEZONE block; the programs show them in Swedish time, and
//! `X-WR-TIMEZONE` names Europe/Stockholm for those that ask.

use super::{AppState, context::Asking};
use crate::models::MeetingCard;
use crate::policy::Actor;
use crate::texts::sv;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

/// The calendar file for one meeting.
pub fn meeting_ics(meeting: &MeetingCard, host: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut description = sv::meeting_kind_explained(meeting.kind).to_owned();
    if !meeting.bring.is_empty() {
        description.push_str(&format!("\n{}: {}", sv::MEETING_BRING, meeting.bring));
    }
    let mut event = Event::new();
    event
        .uid(&format!("meeting-{}@{host}", meeting.id))
        .timestamp(now)
        .summary(sv::meeting_kind_name(meeting.kind))
        .description(&description)
        .starts(meeting.starts_at)
        .ends(meeting.ends_at)
        .alarm(Alarm::display(sv::CALENDAR_REMINDER, Trigger::before_start(chrono::Duration::days(1))));
    if let Some(place) = &meeting.place {
        event.location(place);
    }
    if let Some(link) = &meeting.video_link {
        event.url(link);
        if meeting.place.is_none() {
            event.location(link);
        }
    }
    let mut calendar = Calendar::new();
    calendar.name(sv::APP_NAME).timezone("Europe/Stockholm").push(event.done());
    calendar.done().to_string()
}

/// `GET /moten/{id}/kalender.ics`: for whoever may read the meeting, audited as an export.
pub async fn ics_handler(
    State(state): State<AppState>,
    asking: Asking,
    headers: HeaderMap,
    Path(meeting_id): Path<String>,
) -> Response {
    let ctx = asking.ctx;
    if ctx.actor == Actor::Anonymous {
        return (StatusCode::UNAUTHORIZED, sv::CALENDAR_SIGN_IN).into_response();
    }
    let Ok(meeting_id) = meeting_id.parse::<i64>() else {
        return (StatusCode::NOT_FOUND, sv::NOT_FOUND_TEXT).into_response();
    };
    match state.access.meeting_export(&ctx, meeting_id).await {
        Ok(meeting) => {
            // The event's id names the site by its configured address, not by
            // whatever Host the request carried.
            let origin = state.origin(&headers);
            let host = origin.split_once("://").map(|(_, host)| host).unwrap_or("mina-steg");
            let body = meeting_ics(&meeting, host, chrono::Utc::now());
            (
                [
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"mote.ics\""),
                ],
                body,
            )
                .into_response()
        }
        Err(super::AccessError::Denied) => (StatusCode::FORBIDDEN, sv::CALENDAR_DENIED).into_response(),
        Err(e) => {
            // The error's text names a kind, never a stored value.
            tracing::error!(request_id = %ctx.request_id, error = %e, "calendar export failed");
            (StatusCode::INTERNAL_SERVER_ERROR, sv::ERROR_TITLE).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MeetingAnswer, MeetingKind, MeetingStatus};
    use chrono::TimeZone;
    use icalendar::{CalendarComponent, DatePerhapsTime};

    fn meeting(start: chrono::DateTime<chrono::Utc>) -> MeetingCard {
        MeetingCard {
            id: 7,
            kind: MeetingKind::JointPlanning,
            title: "Planering".into(),
            starts_at: start,
            ends_at: start + chrono::Duration::minutes(90),
            place: Some("Verkstadsgatan 4, rum 2".into()),
            video_link: None,
            bring: "Ditt schema".into(),
            people: vec![],
            status: MeetingStatus::Planned,
            answer: MeetingAnswer::NoAnswer,
        }
    }

    fn parse(ics: &str) -> icalendar::Event {
        let calendar: Calendar = ics.parse().expect("the file parses back");
        calendar
            .components
            .into_iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .expect("one event")
    }

    fn utc(d: Option<DatePerhapsTime>) -> chrono::DateTime<chrono::Utc> {
        match d {
            Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => t,
            other => panic!("expected a UTC time, got {other:?}"),
        }
    }

    #[test]
    fn winter_meeting_parses_back_with_times_and_a_reminder() {
        // 10:00 in Stockholm in December is 09:00 UTC.
        let start = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let ics = meeting_ics(&meeting(start), "example.test", start);
        let event = parse(&ics);
        assert_eq!(utc(event.get_start()), start);
        assert_eq!(utc(event.get_end()), start + chrono::Duration::minutes(90));
        let local = utc(event.get_start()).with_timezone(&chrono_tz::Europe::Stockholm);
        assert_eq!(local.format("%H:%M %z").to_string(), "10:00 +0100");
        assert_eq!(event.get_summary(), Some("Möte om din plan"));
        assert!(ics.contains("DTSTART:20261203T090000Z"), "{ics}");
        // The reminder: 24 hours (86 400 s) before the start.
        assert!(ics.contains("BEGIN:VALARM") && ics.contains("TRIGGER;RELATED=START:-PT86400S"), "{ics}");
        assert!(ics.contains("X-WR-TIMEZONE:Europe/Stockholm"));
        assert!(ics.contains("UID:meeting-7@example.test"));
    }

    #[test]
    fn summer_meeting_has_the_summer_offset() {
        // 10:00 in Stockholm in June is 08:00 UTC.
        let start = chrono::Utc.with_ymd_and_hms(2027, 6, 10, 8, 0, 0).unwrap();
        let event = parse(&meeting_ics(&meeting(start), "example.test", start));
        let local = utc(event.get_start()).with_timezone(&chrono_tz::Europe::Stockholm);
        assert_eq!(local.format("%H:%M %z").to_string(), "10:00 +0200");
    }
}
