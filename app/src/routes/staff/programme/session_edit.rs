//! `/personal/programmet/tillfalle/{id}/andra`: time, theme, room and visits of one session.

use super::{round_path, visit_options};
use crate::components::{FormMessage, Icon, SelectField, TextField};
use crate::functions::programme::{SESSION_FORM, UpdateSession, load_attendance_sheet};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{AttendanceSheet, FormFeedback};
use crate::routes::{feedback, id_param};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/personal/programmet/tillfalle/:id/andra`: time, theme, room and visits of one session.
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
    let value = |field: &str, now: String| if fb.values.is_empty() { now } else { fb.value(field) };
    let visits = visit_options();
    view! {
        <h1><Icon name="calendar-days"/>{format!("Ändra tillfälle {}", sheet.number)}</h1>
        <p>{sheet.round_name.clone()}</p>
        <p>"De antagna får den nya tiden i sin app. Har tiden ändrats får de svara igen."</p>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=UpdateSession::url() class="form">
            <input type="hidden" name="session_id" value=s.id.to_string()/>
            <TextField name="date" label="Datum" kind="date" value=value("date", start.format("%Y-%m-%d").to_string()) error=fb.error("date")/>
            <TextField name="start" label="Start" kind="time" value=value("start", start.format("%H:%M").to_string())/>
            <TextField name="end" label="Slut" kind="time" value=value("end", end.format("%H:%M").to_string())/>
            <TextField name="theme" label="Tema" value=value("theme", s.theme.clone()) error=fb.error("theme")/>
            <TextField name="place" label="Lokal" value=value("place", s.place.clone()) error=fb.error("place")/>
            <SelectField name="visit" label="Besök" options=visits value=value("visit", s.visit.as_str().to_owned()) error=fb.error("visit")/>
            <button type="submit" class="button"><Icon name="circle-check" size=24/><span>"Spara tillfället"</span></button>
        </form>
        <p class="aside"><a href=round_path(sheet.round_id)><Icon name="arrow-left" size=24/>"Tillbaka till omgången"</a></p>
    }
}
