//! `/personal/deltagare/{id}/samtycken`: record a consent (oral or written, to
//! whom, what it shares, when, by whom) and withdraw one (sharing stops at once).

use super::{ParticipantIdField, RecordNav, options, relative_choice, typed_or};
use crate::components::{Banner, BannerKind, Checkboxes, DataTable, PostButton, SelectField, SubmitButton, TextField};
use crate::domain::{ConsentMethod, ConsentScope, Organisation};
use crate::functions::record::{AddConsent, CONSENT_FORM, WithdrawConsent, load_record_consents};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{ConsentEntry, FormFeedback, RecordConsents};
use crate::paths::RecordPart;
use crate::policy::Section;
use crate::routes::{feedback, id_param};
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordConsentsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_consents(id).await?;
            Ok((record, feedback(take_form_feedback(CONSENT_FORM.to_owned()).await)))
        },
        |(record, fb): (RecordConsents, FormFeedback)| view! { <Consents record fb/> },
    )
}

/// Whether a consent holds, and for one not withdrawn the button that withdraws it.
#[component]
fn ConsentStatus(participant_id: i64, consent: ConsentEntry, today: chrono::NaiveDate) -> impl IntoView {
    let c = consent;
    let status = match c.withdrawn_on {
        Some(on) => text::consent_withdrawn(on),
        None if c.in_force(today) => text::CONSENT_IN_FORCE.to_owned(),
        None => text::CONSENT_IN_FORCE_FROM_DATE.to_owned(),
    };
    let hidden = vec![("participant_id", participant_id.to_string()), ("consent_id", c.id.to_string())];
    view! {
        {status}
        {c.withdrawn_on.is_none().then(|| view! {
            <PostButton action=WithdrawConsent::url() hidden label=text::CONSENT_WITHDRAW secondary=true
                aria_label=text::consent_withdraw(c.scope.label_sv(), &c.recipient)/>
        })}
    }
}

#[component]
fn Consents(record: RecordConsents, fb: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let today = record.today;
    let relatives: Vec<(String, String)> = std::iter::once((String::new(), text::CHOOSE_PERSON.to_owned()))
        .chain(record.relatives.iter().map(|r| (r.id.to_string(), relative_choice(r))))
        .collect();
    let sections: Vec<(String, String, bool)> = Section::SHAREABLE
        .iter()
        .map(|s| {
            let key = s.as_str().to_owned();
            let on = !fb.value(&format!("sections[{key}]")).is_empty();
            (key, s.label_sv().to_owned(), on)
        })
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Consents.segment()/>
        <p>{text::CONSENTS_WITHDRAWN_STOP}</p>
        <DataTable label=text::CONSENTS_LABEL rows=record.consents.clone()
            columns=&[text::CONSENT_APPLIES, text::CONSENT_TO, text::CONSENT_SHOWS, text::CONSENT_HOW,
                text::CONSENT_GIVEN, text::CONSENT_RECORDED_BY, text::CONSENT_STATUS]
            row=move |c: ConsentEntry| view! {
                <td>{c.scope.label_sv()}</td>
                <td>{c.recipient.clone()}</td>
                <td>{text::listed(&c.sections)}</td>
                <td>{c.method.label_sv()}</td>
                <td>{c.given_on.to_string()}</td>
                <td>{c.recorded_by.clone().unwrap_or_default()}</td>
                <td><ConsentStatus participant_id=id consent=c today/></td>
            }/>
        <h2>{text::CONSENT_ADD_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=AddConsent::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="scope" label=text::CONSENT_SCOPE options=options(ConsentScope::ALL, Some(text::CHOOSE))
                value=fb.value("scope") error=fb.error("scope")/>
            <SelectField name="organisation" label=text::CONSENT_ORGANISATION hint=text::CONSENT_ORGANISATION_HINT
                options=options(Organisation::ALL, Some(text::CHOOSE_ORGANISATION)) value=fb.value("organisation")
                error=fb.error("organisation")/>
            <SelectField name="relative_id" label=text::CONSENT_RELATIVE hint=text::CONSENT_RELATIVE_HINT
                options=relatives value=fb.value("relative_id") error=fb.error("relative_id")/>
            <Checkboxes name="sections" legend=text::CONSENT_SECTIONS options=sections error=fb.error("sections")/>
            <SelectField name="method" label=text::CONSENT_METHOD
                options=options(ConsentMethod::ALL, Some(text::CHOOSE)) value=fb.value("method")
                error=fb.error("method")/>
            <TextField name="given_on" label=text::DATE kind="date" value=typed_or(&fb, "given_on", today.to_string())
                error=fb.error("given_on")/>
            <SubmitButton icon="circle-check" label=text::CONSENT_SAVE/>
        </form>
    }
}
