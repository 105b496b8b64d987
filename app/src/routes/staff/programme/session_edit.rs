//! `/personal/programmet/tillfalle/{id}/andra`: time, theme, room and visits of one session.

use super::visit_options;
use crate::components::{BackLink, Banner, BannerKind, Icon, SelectField, SubmitButton, TextField};
use crate::functions::programme::{SESSION_FORM, UpdateSession, load_attendance_sheet};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{AttendanceSheet, FormFeedback};
use crate::paths;
use crate::routes::{feedback, id_param};
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn SessionEditPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let sheet = load_attendance_sheet(id).await?;
            Ok((sheet, feedback(take_form_feedback(SESSION_FORM.to_owned()).await)))
        },
        |(sheet, fb): (AttendanceSheet, FormFeedback)| view! { <SessionEdit sheet fb/> },
    )
}

#[component]
fn SessionEdit(sheet: AttendanceSheet, fb: FormFeedback) -> impl IntoView {
    let s = sheet.session.clone();
    let start = s.starts_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let end = s.ends_at.with_timezone(&chrono_tz::Europe::Stockholm);
    // The session as it is now, or what was typed when the change failed.
    let value = |field: &str, now: String| if fb.values.is_empty() { now } else { fb.value(field) };
    view! {
        <h1><Icon name="calendar-days"/>{text::session_change(sheet.number)}</h1>
        <p>{sheet.round_name.clone()}</p>
        <p>{text::SESSION_EDIT_ABOUT}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=UpdateSession::url() class="form">
            <input type="hidden" name="session_id" value=s.id.to_string()/>
            <TextField name="date" label=text::SESSION_DATE kind="date"
                value=value("date", start.format("%Y-%m-%d").to_string()) error=fb.error("date")/>
            <TextField name="start" label=text::SESSION_START kind="time"
                value=value("start", start.format("%H:%M").to_string())/>
            <TextField name="end" label=text::SESSION_END kind="time"
                value=value("end", end.format("%H:%M").to_string())/>
            <TextField name="theme" label=text::SESSION_THEME value=value("theme", s.theme.clone())
                error=fb.error("theme")/>
            <TextField name="place" label=text::SESSION_ROOM value=value("place", s.place.clone())
                error=fb.error("place")/>
            <SelectField name="visit" label=text::SESSION_VISIT options=visit_options()
                value=value("visit", s.visit.as_str().to_owned()) error=fb.error("visit")/>
            <SubmitButton icon="circle-check" label=text::SESSION_SAVE/>
        </form>
        <BackLink href=paths::round(sheet.round_id) label=text::BACK_TO_ROUND/>
    }
}
