//! `/personal/deltagare/{id}/steg`: a step on the ladder, a change within
//! daily activity (group or placement, hours), extended support after
//! employment, and discharge with its outcome.

use super::{ParticipantIdField, RecordNav, StepLink, options, typed_or};
use crate::components::{Banner, BannerKind, SelectField, SubmitButton, TextArea, TextField};
use crate::domain::{DischargeOutcome, DvForm, LadderStep, Road};
use crate::functions::record::{
    AddExtendedSupport, ChangeDv, ChangeRoad, DISCHARGE_FORM, DV_FORM, Discharge, EXTENDED_FORM, ROAD_FORM, RecordStep,
    STEP_FORM, load_record_steps,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, RecordSteps};
use crate::paths::RecordPart;
use crate::routes::{feedback, id_param};
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordStepsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_steps(id).await?;
            let road = feedback(take_form_feedback(ROAD_FORM.to_owned()).await);
            let step = feedback(take_form_feedback(STEP_FORM.to_owned()).await);
            let dv = feedback(take_form_feedback(DV_FORM.to_owned()).await);
            let extended = feedback(take_form_feedback(EXTENDED_FORM.to_owned()).await);
            let discharge = feedback(take_form_feedback(DISCHARGE_FORM.to_owned()).await);
            Ok((record, [road, step, dv, extended, discharge]))
        },
        |(record, [road, step, dv, extended, discharge]): (RecordSteps, [FormFeedback; 5])| {
            view! { <Steps record road step dv extended discharge/> }
        },
    )
}

#[component]
fn Steps(
    record: RecordSteps,
    road: FormFeedback,
    step: FormFeedback,
    dv: FormFeedback,
    extended: FormFeedback,
    discharge: FormFeedback,
) -> impl IntoView {
    let id = record.participant_id;
    let today = record.today.to_string();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Steps.segment()/>
        <p>{text::STEP_NOW}<StepLink step=record.step/>"."</p>
        <NextSteps next=record.way.next_steps(record.step)/>
        <p>{text::STEP_LINKS_TO_MANUAL}</p>
        <h2>{text::ROAD_TITLE}</h2>
        <p>{text::road_now(record.way.road.label_sv())}</p>
        <p>{text::ROAD_ABOUT}</p>
        <Banner kind=BannerKind::Error message=road.message.clone()/>
        <form method="post" action=ChangeRoad::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="road" label=text::ROAD options=options(Road::ALL, None)
                value=typed_or(&road, "road", record.way.road.as_str().to_owned()) error=road.error("road")/>
            <SubmitButton icon="footprints" label=text::ROAD_SAVE secondary=true/>
        </form>
        <h2>{text::STEPS_SO_FAR}</h2>
        <ul>
            {record.moves.iter().rev().map(|m| view! { <li>{text::step_taken_on(m.on)}<StepLink step=m.step/></li> })
                .collect_view()}
        </ul>
        <h2>{text::STEP_ADD_TITLE}</h2>
        <Banner kind=BannerKind::Error message=step.message.clone()/>
        <form method="post" action=RecordStep::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="step" label=text::STEP_NEW options=options(LadderStep::ALL, Some(text::CHOOSE_STEP))
                value=step.value("step") error=step.error("step")/>
            <TextField name="on" label=text::DATE kind="date" value=typed_or(&step, "on", today.clone())
                error=step.error("on")/>
            <TextArea name="note" label=text::STEP_NOTE value=step.value("note") error=step.error("note")/>
            <SubmitButton icon="footprints" label=text::STEP_SAVE/>
        </form>
        <h2>{text::DV_CHANGE_TITLE}</h2>
        <Banner kind=BannerKind::Error message=dv.message.clone()/>
        <form method="post" action=ChangeDv::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="dv_form" label=text::FORM options=options(DvForm::ALL, None)
                value=typed_or(&dv, "dv_form", record.dv_form.as_str().to_owned()) error=dv.error("dv_form")/>
            <TextField name="hours_per_week" label=text::HOURS_PER_WEEK kind="number"
                value=typed_or(&dv, "hours_per_week", record.hours_per_week.to_string())
                error=dv.error("hours_per_week")/>
            <TextField name="on" label=text::DV_CHANGE_ON kind="date" value=typed_or(&dv, "on", today.clone())
                error=dv.error("on")/>
            <label class="choice"><input type="checkbox" name="new_place" value="1"
                checked=!dv.value("new_place").is_empty()/><span>{text::DV_CHANGE_NEW_PLACE}</span></label>
            <SubmitButton label=text::DV_CHANGE_SAVE secondary=true/>
        </form>
        <h2>{text::EXTENDED_SUPPORT_TITLE}</h2>
        <p>{text::EXTENDED_SUPPORT_ABOUT}</p>
        <ul>
            {record.extended_support.iter().map(|e| view! {
                <li>{text::extended_support(&e.employer, e.starts_on, e.ends_on)}</li>
            }).collect_view()}
        </ul>
        <Banner kind=BannerKind::Error message=extended.message.clone()/>
        <form method="post" action=AddExtendedSupport::url() class="form">
            <ParticipantIdField participant_id=id/>
            <TextField name="employer" label=text::EXTENDED_SUPPORT_EMPLOYER value=extended.value("employer")
                error=extended.error("employer")/>
            <TextField name="starts_on" label=text::FROM kind="date"
                value=typed_or(&extended, "starts_on", today.clone()) error=extended.error("starts_on")/>
            <SubmitButton label=text::EXTENDED_SUPPORT_SAVE secondary=true/>
        </form>
        <h2>{text::DISCHARGE_TITLE}</h2>
        {record.discharged.map(|(on, outcome)| view! { <p>{text::discharged(on, outcome.label_sv())}</p> })}
        <p>{text::DISCHARGE_ENDS_ACCESS}</p>
        <Banner kind=BannerKind::Error message=discharge.message.clone()/>
        <form method="post" action=Discharge::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="outcome" label=text::DISCHARGE_OUTCOME
                options=options(DischargeOutcome::ALL, Some(text::CHOOSE)) value=discharge.value("outcome")
                error=discharge.error("outcome")/>
            <TextField name="on" label=text::DISCHARGE_ON kind="date" value=typed_or(&discharge, "on", today)
                error=discharge.error("on")/>
            <SubmitButton label=text::DISCHARGE_SAVE secondary=true/>
        </form>
    }
}

/// The steps the participant's road offers after this one, each linked to the manual.
#[component]
fn NextSteps(next: &'static [LadderStep]) -> impl IntoView {
    (!next.is_empty()).then(|| {
        let last = next.len() - 1;
        view! {
            <p>
                {text::STEP_NEXT}
                {next.iter().enumerate().map(|(i, &step)| view! {
                    <StepLink step/>{if i == last { "." } else { ", " }}
                }).collect_view()}
            </p>
        }
    })
}
