//! `/personal/programmet/tillfalle/{id}`: attendance for the whole group on one screen.

use crate::components::{BackLink, Icon, SubmitButton};
use crate::domain::AttendanceMark;
use crate::functions::programme::{RecordAttendance, load_attendance_sheet};
use crate::layouts::staff_page;
use crate::models::AttendanceSheet;
use crate::paths;
use crate::routes::id_param;
use crate::texts::{staff as text, staff_time_span};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AttendancePage() -> impl IntoView {
    let id = id_param();
    staff_page(move || load_attendance_sheet(id), |sheet: AttendanceSheet| view! { <Attendance sheet/> })
}

#[component]
fn Attendance(sheet: AttendanceSheet) -> impl IntoView {
    let s = sheet.session.clone();
    let unmarked = sheet.rows.iter().any(|r| r.mark.is_none());
    view! {
        <h1><Icon name="list-checks"/>{text::attendance_title(sheet.number)}</h1>
        <p>{text::session_summary(&sheet.round_name, &staff_time_span(s.starts_at, s.ends_at), &s.theme)}</p>
        {if sheet.rows.is_empty() {
            view! { <p>{text::ATTENDANCE_NOBODY}</p> }.into_any()
        } else {
            view! {
                {unmarked.then(|| view! { <p>{text::ATTENDANCE_DEFAULT}</p> })}
                <form method="post" action=RecordAttendance::url() class="form attendance">
                    <input type="hidden" name="session_id" value=s.id.to_string()/>
                    {sheet.rows.iter().map(|row| {
                        // Nobody marked yet: present is the likely answer, so it is chosen.
                        let current = row.mark.unwrap_or(AttendanceMark::Present);
                        let pid = row.participant_id;
                        view! {
                            <fieldset class="attendance-row">
                                <legend>{row.name.clone()}</legend>
                                {AttendanceMark::ALL.iter().map(|m| {
                                    let id = format!("mark-{pid}-{}", m.as_str());
                                    view! {
                                        <label class="choice">
                                            <input type="radio" id=id name=format!("marks[{pid}]") value=m.as_str()
                                                checked=*m == current/>
                                            <span>{m.label_sv()}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }
                    }).collect_view()}
                    <SubmitButton icon="circle-check" label=text::ATTENDANCE_SAVE/>
                </form>
            }.into_any()
        }}
        <BackLink href=paths::round(sheet.round_id) label=text::BACK_TO_ROUND/>
    }
}
