//! `/personal/programmet/omgang/{id}`: one round with its sessions, the group,
//! the waiting list, enrolment and the number of places.

use super::visit_options;
use crate::components::{
    BackLink, Banner, BannerKind, DataTable, Icon, PostButton, SelectField, SubmitButton, TextField,
};
use crate::functions::programme::{
    AddRoundSession, CAPACITY_FORM, EnrolParticipant, GiveSeat, NEW_SESSION_FORM, SetRoundCapacity,
    WithdrawParticipant, load_round,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, RoundDetail, RoundPerson, SessionInfo};
use crate::paths::{self, RecordPart};
use crate::routes::{feedback, id_param};
use crate::texts::{staff as text, staff_time_span};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RoundPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let round = load_round(id).await?;
            let capacity = feedback(take_form_feedback(CAPACITY_FORM.to_owned()).await);
            let session = feedback(take_form_feedback(NEW_SESSION_FORM.to_owned()).await);
            Ok((round, capacity, session))
        },
        |(round, fb, session): (RoundDetail, FormFeedback, FormFeedback)| view! { <Round detail=round fb session/> },
    )
}

/// The hidden fields of a button that acts on one person in this round.
fn person_fields(round_id: i64, participant_id: i64) -> Vec<(&'static str, String)> {
    vec![("round_id", round_id.to_string()), ("participant_id", participant_id.to_string())]
}

#[component]
fn Round(detail: RoundDetail, fb: FormFeedback, session: FormFeedback) -> impl IntoView {
    let r = detail.round.clone();
    let round_id = r.id;
    let capacity_value = if fb.values.is_empty() { r.capacity.to_string() } else { fb.value("capacity") };
    let offer = detail.offer().cloned();
    let candidates: Vec<(String, String)> = std::iter::once((String::new(), text::CHOOSE_PARTICIPANT.to_owned()))
        .chain(
            detail
                .candidates
                .iter()
                .map(|c| (c.id.to_string(), text::candidate(&c.name, detail.interested.contains(&c.id)))),
        )
        .collect();
    let numbered: Vec<(usize, SessionInfo)> =
        detail.sessions.iter().cloned().enumerate().map(|(i, s)| (i + 1, s)).collect();
    view! {
        <h1><Icon name="briefcase"/>{r.name.clone()}</h1>
        <dl class="facts">
            <dt>{text::FORM}</dt><dd>{r.form.label_sv()}</dd>
            <dt>{text::ROUND_PLACE}</dt><dd>{r.place.clone()}</dd>
            <dt>{text::RESPONSIBLE}</dt>
            <dd>{r.responsible.clone().unwrap_or_else(|| text::NOBODY_CHOSEN.to_owned())}</dd>
            <dt>{text::PLACES}</dt><dd>{text::round_places(r.enrolled, r.capacity, r.waiting)}</dd>
        </dl>

        {(!detail.follow_up_due.is_empty()).then(|| view! {
            <div class="panel" role="status">
                <h2><Icon name="calendar-days"/>{text::FOLLOW_UP_TITLE}</h2>
                <p>{text::FOLLOW_UP_ABOUT}</p>
                <ul>{detail.follow_up_due.iter().map(|p| view! {
                    <li><a href=paths::record(p.id, RecordPart::Meetings)>{text::follow_up_book(&p.name)}</a></li>
                }).collect_view()}</ul>
            </div>
        })}

        {offer.map(|first| view! {
            <div class="panel" role="status">
                <h2>{text::OFFER_TITLE}</h2>
                <p>{text::offer_first_in_line(&first.name)}</p>
                <PostButton action=GiveSeat::url() hidden=person_fields(round_id, first.participant_id)
                    label=text::offer_give_seat(&first.name)/>
            </div>
        })}

        <h2>{text::SESSIONS_TITLE}</h2>
        <DataTable label=text::SESSIONS_TITLE rows=numbered
            columns=&[text::SESSION_NUMBER, text::SESSION_WHEN, text::SESSION_THEME, text::SESSION_ROOM,
                text::SESSION_VISIT, text::SESSION_ATTENDANCE, text::SESSION_CHANGE]
            row=|(number, s): (usize, SessionInfo)| view! {
                <td>{number}</td>
                <td>{staff_time_span(s.starts_at, s.ends_at)}</td>
                <td>{s.theme.clone()}</td>
                <td>{s.place.clone()}</td>
                <td>{s.visit.label_sv()}</td>
                <td><a href=paths::session(s.id)>{text::session_attendance_link(number, s.marked)}</a></td>
                <td><a href=paths::session_edit(s.id)>{text::session_change(number)}</a></td>
            }/>

        <details class="inline-form" open=!session.values.is_empty()>
            <summary>{text::ADD_SESSION_TITLE}</summary>
            <Banner kind=BannerKind::Error message=session.message.clone()/>
            <form method="post" action=AddRoundSession::url() class="form">
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <TextField name="date" label=text::SESSION_DATE kind="date" value=session.value("date")
                    error=session.error("date")/>
                <TextField name="start" label=text::SESSION_START kind="time" value=session.value("start")/>
                <TextField name="end" label=text::SESSION_END kind="time" value=session.value("end")/>
                <TextField name="theme" label=text::SESSION_THEME value=session.value("theme")
                    error=session.error("theme")/>
                <TextField name="place" label=text::SESSION_ROOM
                    value=if session.values.is_empty() { r.place.clone() } else { session.value("place") }
                    error=session.error("place")/>
                <SelectField name="visit" label=text::SESSION_VISIT options=visit_options()
                    value=session.value("visit") error=session.error("visit")/>
                <SubmitButton label=text::ADD_SESSION secondary=true/>
            </form>
        </details>

        <h2>{text::counted(text::ENROLLED_TITLE, detail.enrolled.len())}</h2>
        <DataTable label=text::ENROLLED_TITLE rows=detail.enrolled.clone() empty=text::ENROLLED_NONE actions=true
            columns=&[text::NAME, text::ENROLLED_ATTENDANCE]
            row=move |p: RoundPerson| view! {
                <td><a href=paths::record(p.participant_id, RecordPart::Overview)>{p.name.clone()}</a></td>
                <td>{text::enrolled_attendance(p.present, p.absent)}</td>
                <td><PostButton action=WithdrawParticipant::url() hidden=person_fields(round_id, p.participant_id)
                    label=text::withdraw_enrolled(&p.name) secondary=true/></td>
            }/>

        <h2>{text::counted(text::WAITING_TITLE, detail.waiting.len())}</h2>
        <DataTable label=text::WAITING_TITLE rows=detail.waiting.clone() empty=text::WAITING_NONE actions=true
            columns=&[text::WAITING_POSITION, text::NAME]
            row=move |p: RoundPerson| view! {
                <td>{p.position.unwrap_or_default()}</td>
                <td>{p.name.clone()}</td>
                <td><PostButton action=WithdrawParticipant::url() hidden=person_fields(round_id, p.participant_id)
                    label=text::withdraw_waiting(&p.name) secondary=true/></td>
            }/>

        <h2>{text::ENROL_TITLE}</h2>
        <p>{text::ENROL_FULL}</p>
        <form method="post" action=EnrolParticipant::url() class="form">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <SelectField name="participant_id" label=text::PARTICIPANT options=candidates/>
            <SubmitButton icon="plus" label=text::ENROL/>
        </form>

        <h2>{text::CAPACITY}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=SetRoundCapacity::url() class="form">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <TextField name="capacity" label=text::CAPACITY hint=text::CAPACITY_HINT kind="number"
                value=capacity_value error=fb.error("capacity")/>
            <SubmitButton label=text::CAPACITY_SAVE secondary=true/>
        </form>
        <BackLink href=paths::STAFF_PROGRAMME label=text::BACK_TO_PROGRAMME/>
    }
}
