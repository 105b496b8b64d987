//! `/personal/deltagare/{id}/kontakter`: contact persons. Add one (unit
//! staff, an officer on record, or a new officer at FK, AF, ASF…), change the
//! role, end. Below them the people close to the participant: relatives,
//! gode män, förvaltare and housing staff; link one (or one already on
//! record with the same e-mail), end a link.

use super::{ParticipantIdField, RecordNav, options, typed_or};
use crate::components::{Banner, BannerKind, DataTable, PostButton, SelectField, SubmitButton, TextField};
use crate::domain::{Organisation, RelationKind};
use crate::functions::intake::{
    AddRelative, EndRelativeLink, RELATIVE_FORM, RecordRelatives, RelativeLink, load_record_relatives,
};
use crate::functions::record::{
    AddContactPerson, CONTACT_FORM, ChangeContactRole, EndContactPerson, load_record_contacts,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{ContactPersonEntry, FormFeedback, RecordContacts};
use crate::paths::RecordPart;
use crate::routes::{feedback, id_param};
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordContactsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_contacts(id).await?;
            let relatives = load_record_relatives(id).await?;
            let fb = feedback(take_form_feedback(CONTACT_FORM.to_owned()).await);
            Ok((record, (relatives, feedback(take_form_feedback(RELATIVE_FORM.to_owned()).await)), fb))
        },
        |(record, (relatives, relative_fb), fb): (RecordContacts, (RecordRelatives, FormFeedback), FormFeedback)| {
            view! {
                <Contacts record fb/>
                <Relatives relatives fb=relative_fb/>
            }
        },
    )
}

/// "Förvaltare (Bevaka rätt)": the relation, with the mandate when there is one.
fn relation_text(link: &RelativeLink) -> String {
    match &link.mandate {
        Some(mandate) => format!("{} ({mandate})", link.relation.label_sv()),
        None => link.relation.label_sv().to_owned(),
    }
}

/// The people close to the participant, and the form that links one more.
#[component]
fn Relatives(relatives: RecordRelatives, fb: FormFeedback) -> impl IntoView {
    let id = relatives.participant_id;
    let account = if fb.values.is_empty() { "no".to_owned() } else { fb.value("account") };
    view! {
        <h2>{text::RELATIVES_TITLE}</h2>
        <p>{text::RELATIVES_ABOUT}</p>
        <DataTable label=text::RELATIVES_LABEL rows=relatives.links.clone() actions=true
            columns=&[text::NAME, text::RELATIVE_RELATION, text::RELATIVE_CONTACT, text::RELATIVE_PERIOD]
            row=move |l: RelativeLink| view! {
                <td>{l.name.clone()}{l.has_account.then(|| view! { <br/><span class="hint">{text::RELATIVE_HAS_ACCOUNT}</span> })}</td>
                <td>{relation_text(&l)}</td>
                <td>{[l.phone.clone(), l.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")}</td>
                <td>{text::relative_period(l.since, l.ended_on)}</td>
                <td>
                    {l.ended_on.is_none().then(|| view! {
                        <PostButton action=EndRelativeLink::url()
                            hidden=vec![("participant_id", id.to_string()), ("link_id", l.link_id.to_string())]
                            label=text::RELATIVE_END secondary=true aria_label=text::relative_end(&l.name)/>
                    })}
                </td>
            }/>
        <h2>{text::RELATIVE_ADD_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=AddRelative::url() class="form">
            <ParticipantIdField participant_id=id/>
            <TextField name="name" label=text::NAME value=fb.value("name") error=fb.error("name")/>
            <SelectField name="relation" label=text::RELATIVE_RELATION
                options=options(RelationKind::ALL, Some(text::CHOOSE)) value=fb.value("relation")
                error=fb.error("relation")/>
            <TextField name="mandate" label=text::RELATIVE_MANDATE hint=text::RELATIVE_MANDATE_HINT
                value=fb.value("mandate") error=fb.error("mandate")/>
            <TextField name="phone" label=text::CONTACT_PHONE kind="tel" value=fb.value("phone")
                error=fb.error("phone")/>
            <TextField name="email" label=text::CONTACT_EMAIL hint=text::RELATIVE_EMAIL_HINT kind="email"
                value=fb.value("email") error=fb.error("email")/>
            <SelectField name="account" label=text::RELATIVE_ACCOUNT hint=text::RELATIVE_ACCOUNT_HINT
                options=vec![
                    ("no".to_owned(), text::RELATIVE_ACCOUNT_NO.to_owned()),
                    ("yes".to_owned(), text::RELATIVE_ACCOUNT_YES.to_owned()),
                ]
                value=account error=fb.error("account")/>
            <SubmitButton icon="users" label=text::RELATIVE_SAVE/>
        </form>
    }
}

/// The hidden fields of a form that acts on one contact person.
fn contact_fields(participant_id: i64, contact_id: i64) -> Vec<(&'static str, String)> {
    vec![("participant_id", participant_id.to_string()), ("contact_id", contact_id.to_string())]
}

/// A current contact's role, as a field to change it in place; an ended one's, as text.
#[component]
fn RoleCell(participant_id: i64, contact: ContactPersonEntry) -> impl IntoView {
    let c = contact;
    if c.until.is_some() {
        return view! { <span>{c.role_in_case}</span> }.into_any();
    }
    // Every row has this field: its id carries the contact's id.
    let field = format!("role-{}", c.id);
    view! {
        <form method="post" action=ChangeContactRole::url() class="row-actions">
            <ParticipantIdField participant_id/>
            <input type="hidden" name="contact_id" value=c.id.to_string()/>
            <div class="field">
                <label for=field.clone()>{text::contact_role_for(&c.name)}</label>
                <input id=field name="role_in_case" value=c.role_in_case.clone()/>
            </div>
            <SubmitButton label=text::CONTACT_ROLE_SAVE secondary=true/>
        </form>
    }
    .into_any()
}

#[component]
fn Contacts(record: RecordContacts, fb: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let who: Vec<(String, String)> = std::iter::once((String::new(), text::CHOOSE.to_owned()))
        .chain(record.staff.iter().map(|s| (format!("s{}", s.id), text::staff_choice(&s.name))))
        .chain(
            record
                .officers
                .iter()
                .map(|e| (format!("e{}", e.id), text::officer_choice(&e.name, &e.title, e.organisation.label_sv()))),
        )
        .chain(std::iter::once(("new".to_owned(), text::CONTACT_NEW_PERSON.to_owned())))
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Contacts.segment()/>
        <p>{text::CONTACTS_ABOUT}</p>
        <DataTable label=text::CONTACTS_LABEL rows=record.contact_persons.clone() actions=true
            columns=&[text::NAME, text::CONTACT_WHO, text::CONTACT_ROLE, text::CONTACT_SINCE]
            row=move |c: ContactPersonEntry| view! {
                <td>{c.name.clone()}</td>
                <td>{c.who.clone()}</td>
                <td><RoleCell participant_id=id contact=c.clone()/></td>
                <td>{text::contact_period(c.since, c.until)}</td>
                <td>
                    {c.until.is_none().then(|| view! {
                        <PostButton action=EndContactPerson::url() hidden=contact_fields(id, c.id)
                            label=text::CONTACT_END secondary=true aria_label=text::contact_end(&c.name)/>
                    })}
                </td>
            }/>
        <h2>{text::CONTACT_ADD_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=AddContactPerson::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="who" label=text::CONTACT_WHO options=who value=fb.value("who") error=fb.error("who")/>
            <TextField name="role_in_case" label=text::CONTACT_ROLE hint=text::CONTACT_ROLE_HINT
                value=fb.value("role_in_case") error=fb.error("role_in_case")/>
            <TextField name="since" label=text::FROM kind="date" value=typed_or(&fb, "since", record.today.to_string())
                error=fb.error("since")/>
            <fieldset class="choices">
                <legend>{text::CONTACT_NEW_LEGEND}</legend>
                <TextField name="new_name" label=text::NAME value=fb.value("new_name") error=fb.error("new_name")/>
                <SelectField name="new_organisation" label=text::CONTACT_ORGANISATION
                    options=options(Organisation::ALL, Some(text::CHOOSE)) value=fb.value("new_organisation")
                    error=fb.error("new_organisation")/>
                <TextField name="new_title" label=text::CONTACT_TITLE hint=text::CONTACT_TITLE_HINT
                    value=fb.value("new_title") error=fb.error("new_title")/>
                <TextField name="new_phone" label=text::CONTACT_PHONE kind="tel" value=fb.value("new_phone")
                    error=fb.error("new_phone")/>
                <TextField name="new_email" label=text::CONTACT_EMAIL kind="email" value=fb.value("new_email")
                    error=fb.error("new_email")/>
            </fieldset>
            <SubmitButton icon="users" label=text::CONTACT_SAVE/>
        </form>
    }
}
