//! `/personal/deltagare/{id}/overgang`: the dates of the transition out of DV
//! (AF's work training, the resting decision, the end of the handover, the ASF
//! measure, FSF's support) with the day each runs out, and a return to DV
//! while the decision rests.

use super::{ParticipantIdField, RecordNav, options, typed_or};
use crate::components::{Banner, BannerKind, SelectField, SubmitButton, TextArea, TextField};
use crate::domain::ClockKind;
use crate::functions::record::{
    RETURN_FORM, RecordTransitionDate, ReturnToDv, TRANSITION_FORM, load_record_transition,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, RecordTransition};
use crate::paths::RecordPart;
use crate::routes::{feedback, id_param};
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordTransitionPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_transition(id).await?;
            let date = feedback(take_form_feedback(TRANSITION_FORM.to_owned()).await);
            let back = feedback(take_form_feedback(RETURN_FORM.to_owned()).await);
            Ok((record, [date, back]))
        },
        |(record, [date, back]): (RecordTransition, [FormFeedback; 2])| view! { <Transition record date back/> },
    )
}

#[component]
fn Transition(record: RecordTransition, date: FormFeedback, back: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let today = record.today.to_string();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Transition.segment()/>
        <h2>{text::TRANSITION_TITLE}</h2>
        <p>{text::TRANSITION_ABOUT}</p>
        {if record.dates.is_empty() {
            view! { <p>{text::TRANSITION_NONE}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {record.dates.iter().map(|d| view! {
                        <li>
                            {text::transition_line(d.date.kind.label_sv(), d.date.starts_on, d.date.due())}
                            {d.date.closed_on.map(|on| view! { " " {text::transition_closed(on)} })}
                            {(!d.note.is_empty()).then(|| view! { " " {d.note.clone()} })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Banner kind=BannerKind::Error message=date.message.clone()/>
        <form method="post" action=RecordTransitionDate::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="kind" label=text::TRANSITION_KIND options=options(ClockKind::ALL, Some(text::CHOOSE))
                value=date.value("kind") error=date.error("kind")/>
            <TextField name="starts_on" label=text::TRANSITION_STARTS_ON kind="date"
                value=typed_or(&date, "starts_on", today.clone()) error=date.error("starts_on")/>
            <TextField name="ends_on" label=text::TRANSITION_ENDS_ON kind="date" value=date.value("ends_on")
                error=date.error("ends_on")/>
            <TextArea name="note" label=text::TRANSITION_NOTE value=date.value("note") error=date.error("note")/>
            <SubmitButton icon="calendar-days" label=text::TRANSITION_SAVE/>
        </form>
        {record.resting_ended.map(|until| view! {
            <h2>{text::RETURN_TITLE}</h2>
            <Banner kind=BannerKind::Error message=back.message.clone()/>
            <p>{text::return_needs_application(until)}</p>
        })}
        {record.may_return_until.map(|until| view! {
            <h2>{text::RETURN_TITLE}</h2>
            <p>{text::return_possible_until(until)}</p>
            <Banner kind=BannerKind::Error message=back.message.clone()/>
            <form method="post" action=ReturnToDv::url() class="form">
                <ParticipantIdField participant_id=id/>
                <TextField name="on" label=text::RETURN_ON kind="date" value=typed_or(&back, "on", today.clone())
                    error=back.error("on")/>
                <SubmitButton icon="house" label=text::RETURN_SAVE secondary=true/>
            </form>
        })}
    }
}
