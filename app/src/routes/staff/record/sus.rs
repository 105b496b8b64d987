//! `/personal/deltagare/{id}/sus`: what SUS (Finsam's national follow-up)
//! asks when a Finsam-financed activity starts and when it ends, and whether
//! the participant consented to being named in SUS.

use super::{ParticipantIdField, RecordNav, options, typed_or};
use crate::components::{Banner, BannerKind, SelectField, SubmitButton, TextField};
use crate::domain::sus::{Education, EndReason, IncomeSource, Occupation, SupportTime};
use crate::functions::sus::{EndSus, SUS_END_FORM, SUS_START_FORM, StartSus, load_record_sus};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, RecordSus, SusRegistration};
use crate::paths::{self, RecordPart};
use crate::routes::{feedback, id_param};
use crate::texts::sus as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordSusPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_sus(id).await?;
            let start = feedback(take_form_feedback(SUS_START_FORM.to_owned()).await);
            let end = feedback(take_form_feedback(SUS_END_FORM.to_owned()).await);
            Ok((record, [start, end]))
        },
        |(record, [start, end]): (RecordSus, [FormFeedback; 2])| view! { <Sus record start end/> },
    )
}

#[component]
fn Sus(record: RecordSus, start: FormFeedback, end: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let today = record.today.to_string();
    let open = record.open().is_some();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Sus.segment()/>
        <h2>{text::TITLE}</h2>
        <p>{text::ABOUT}</p>
        <p><a href=paths::SUS_SHEET>{text::SHEET_TITLE}</a></p>
        <p>{if record.consented { text::CONSENTED } else { text::NOT_CONSENTED }}</p>
        {if record.registrations.is_empty() {
            view! { <p>{text::NONE}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {record.registrations.iter().map(|r| view! { <li><Registration r=r.clone()/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {if open {
            view! {
                <h2>{text::END_TITLE}</h2>
                <Banner kind=BannerKind::Error message=end.message.clone()/>
                <form method="post" action=EndSus::url() class="form">
                    <ParticipantIdField participant_id=id/>
                    <TextField name="ends_on" label=text::ENDS_ON kind="date"
                        value=typed_or(&end, "ends_on", today.clone()) error=end.error("ends_on")/>
                    <SelectField name="end_reason" label=text::END_REASON
                        options=options(EndReason::ALL, Some(text::CHOOSE)) value=end.value("end_reason")
                        error=end.error("end_reason")/>
                    <SelectField name="occupation_after" label=text::OCCUPATION_AFTER
                        options=options(Occupation::ALL, Some(text::CHOOSE)) value=end.value("occupation_after")
                        error=end.error("occupation_after")/>
                    <SelectField name="income_after" label=text::INCOME_AFTER
                        options=options(IncomeSource::ALL, Some(text::CHOOSE)) value=end.value("income_after")
                        error=end.error("income_after")/>
                    <TextField name="hours_after" label=text::HOURS_AFTER hint=text::HOURS_AFTER_HINT kind="number"
                        value=end.value("hours_after") error=end.error("hours_after")/>
                    <SubmitButton icon="file-text" label=text::END_SAVE/>
                </form>
            }.into_any()
        } else {
            view! {
                <h2>{text::START_TITLE}</h2>
                <Banner kind=BannerKind::Error message=start.message.clone()/>
                <form method="post" action=StartSus::url() class="form">
                    <ParticipantIdField participant_id=id/>
                    <TextField name="starts_on" label=text::STARTS_ON kind="date"
                        value=typed_or(&start, "starts_on", today.clone()) error=start.error("starts_on")/>
                    <SelectField name="occupation_before" label=text::OCCUPATION_BEFORE hint=text::BEFORE_HINT
                        options=options(Occupation::ALL, Some(text::CHOOSE)) value=start.value("occupation_before")
                        error=start.error("occupation_before")/>
                    <SelectField name="income_before" label=text::INCOME_BEFORE hint=text::BEFORE_HINT
                        options=options(IncomeSource::ALL, Some(text::CHOOSE)) value=start.value("income_before")
                        error=start.error("income_before")/>
                    <SelectField name="education" label=text::EDUCATION
                        options=options(Education::ALL, Some(text::CHOOSE)) value=start.value("education")
                        error=start.error("education")/>
                    <SelectField name="time_in_support" label=text::TIME_IN_SUPPORT
                        options=options(SupportTime::ALL, Some(text::CHOOSE)) value=start.value("time_in_support")
                        error=start.error("time_in_support")/>
                    <SubmitButton icon="file-text" label=text::START_SAVE/>
                </form>
            }.into_any()
        }}
    }
}

/// One activity: its start and, when it has ended, its end, as SUS asks them.
#[component]
fn Registration(r: SusRegistration) -> impl IntoView {
    let s = r.start;
    view! {
        <p>
            <strong>{text::started(s.starts_on)}</strong>" "
            {format!("{}, {}, {}, {}.", s.occupation_before.label_sv(), s.income_before.label_sv(),
                s.education.label_sv(), s.time_in_support.label_sv())}
        </p>
        {match r.end {
            Some(e) => view! {
                <p>
                    <strong>{text::ended(e.ends_on)}</strong>" "
                    {format!("{}, {}, {}, {}.", e.reason.label_sv(), e.occupation_after.label_sv(),
                        e.income_after.label_sv(), text::hours(e.hours_after, e.work_share()))}
                </p>
            }.into_any(),
            None => view! { <p>{text::STILL_RUNNING}</p> }.into_any(),
        }}
    }
}
