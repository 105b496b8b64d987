//! `/personal/deltagare/{id}/steg`: a step on the ladder, a change within
//! daily activity (group or placement, hours), paid work, extended support
//! after employment, and discharge with its outcome. Each form's date has an
//! id of its own: the page has several.

use super::{ParticipantIdField, RecordNav, StepLink, options, typed_or};
use crate::components::{Banner, BannerKind, SelectField, SubmitButton, TextArea, TextField};
use crate::domain::{DischargeOutcome, DvForm, EmployerKind, LadderStep, Road};
use crate::functions::record::{
    AddEmployment, AddExtendedSupport, ChangeDv, ChangeRoad, DISCHARGE_FORM, DV_FORM, Discharge, EMPLOYMENT_END_FORM,
    EMPLOYMENT_FORM, EXTENDED_FORM, EndEmployment, ROAD_FORM, RecordStep, STEP_FORM, load_record_steps,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{EmploymentEntry, FormFeedback, RecordSteps};
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
            let job = feedback(take_form_feedback(EMPLOYMENT_FORM.to_owned()).await);
            let job_end = feedback(take_form_feedback(EMPLOYMENT_END_FORM.to_owned()).await);
            let discharge = feedback(take_form_feedback(DISCHARGE_FORM.to_owned()).await);
            Ok((record, [road, step, dv, extended, job, job_end, discharge]))
        },
        |(record, [road, step, dv, extended, job, job_end, discharge]): (RecordSteps, [FormFeedback; 7])| {
            view! { <Steps record road step dv extended job job_end discharge/> }
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
    job: FormFeedback,
    job_end: FormFeedback,
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
            <TextField name="on" id="step-on".to_owned() label=text::DATE kind="date"
                value=typed_or(&step, "on", today.clone()) error=step.error("on")/>
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
            <TextField name="on" id="dv-on".to_owned() label=text::DV_CHANGE_ON kind="date"
                value=typed_or(&dv, "on", today.clone()) error=dv.error("on")/>
            <label class="choice"><input type="checkbox" name="new_place" value="1"
                checked=!dv.value("new_place").is_empty()/><span>{text::DV_CHANGE_NEW_PLACE}</span></label>
            <SubmitButton label=text::DV_CHANGE_SAVE secondary=true/>
        </form>
        <Employments participant_id=id jobs=record.employments.clone() job job_end today=today.clone()/>
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
            <TextField name="starts_on" id="support-starts_on".to_owned() label=text::FROM kind="date"
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
            <TextField name="on" id="discharge-on".to_owned() label=text::DISCHARGE_ON kind="date"
                value=typed_or(&discharge, "on", today.clone()) error=discharge.error("on")/>
            <SubmitButton label=text::DISCHARGE_SAVE secondary=true/>
        </form>
    }
}

/// Paid work: what is recorded, an end for each job still running, and a new job.
#[component]
fn Employments(
    participant_id: i64,
    jobs: Vec<EmploymentEntry>,
    job: FormFeedback,
    job_end: FormFeedback,
    today: String,
) -> impl IntoView {
    let running: Vec<EmploymentEntry> = jobs.iter().filter(|e| e.job.ends_on.is_none()).cloned().collect();
    view! {
        <h2>{text::EMPLOYMENT_TITLE}</h2>
        <p>{text::EMPLOYMENT_ABOUT}</p>
        {if jobs.is_empty() {
            view! { <p>{text::EMPLOYMENT_NONE}</p> }.into_any()
        } else {
            view! { <ul>{jobs.iter().map(|e| view! { <li>{text::employment(&e.job)}</li> }).collect_view()}</ul> }
                .into_any()
        }}
        {running.into_iter().map(|e| {
            // The end form that came back is the one whose job it named.
            let this = job_end.value("employment_id") == e.id.to_string();
            let (message, error) = if this { (job_end.message.clone(), job_end.error("ends_on")) } else { (None, None) };
            let value = if this { typed_or(&job_end, "ends_on", today.clone()) } else { today.clone() };
            view! {
                <Banner kind=BannerKind::Error message/>
                <form method="post" action=EndEmployment::url() class="form">
                    <ParticipantIdField participant_id/>
                    <input type="hidden" name="employment_id" value=e.id.to_string()/>
                    <TextField name="ends_on" id=format!("job-{}-ends_on", e.id)
                        label=text::employment_end_on(e.job.starts_on) kind="date" value error/>
                    <SubmitButton label=text::EMPLOYMENT_END_SAVE secondary=true/>
                </form>
            }
        }).collect_view()}
        <Banner kind=BannerKind::Error message=job.message.clone()/>
        <form method="post" action=AddEmployment::url() class="form">
            <ParticipantIdField participant_id/>
            <TextField name="starts_on" id="job-starts_on".to_owned() label=text::EMPLOYMENT_STARTS_ON kind="date"
                value=typed_or(&job, "starts_on", today) error=job.error("starts_on")/>
            <TextField name="ends_on" id="job-ends_on".to_owned() label=text::EMPLOYMENT_ENDS_ON kind="date"
                value=job.value("ends_on") error=job.error("ends_on")/>
            <TextField name="hours_per_week" id="job-hours_per_week".to_owned() label=text::EMPLOYMENT_HOURS
                kind="number" value=job.value("hours_per_week") error=job.error("hours_per_week")/>
            <SelectField name="employer_kind" label=text::EMPLOYMENT_EMPLOYER
                options=options(EmployerKind::ALL, Some(text::CHOOSE)) value=job.value("employer_kind")
                error=job.error("employer_kind")/>
            <SubmitButton icon="briefcase" label=text::EMPLOYMENT_SAVE secondary=true/>
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
