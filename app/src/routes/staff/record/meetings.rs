//! `/personal/deltagare/{id}/moten`: book a meeting, move it, cancel it, mark
//! it held, and the participant's answer to each.

use super::{ParticipantIdField, RecordNav, answer_text, relative_choice};
use crate::components::{
    Banner, BannerKind, Checkboxes, DataTable, Icon, PostButton, SelectField, SubmitButton, TextArea, TextField,
};
use crate::domain::{MeetingKind, MeetingStatus};
use crate::functions::record::{
    CreateMeeting, MEETING_FORM, RESCHEDULE_FORM, RescheduleMeeting, SetMeetingStatus, load_record_meetings,
};
use crate::functions::reminders::{REMINDER_SMS_FORM, SetSmsReminders, load_record_reminders};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, MeetingCard, PersonRole, RecordMeetings, RecordReminders};
use crate::paths::RecordPart;
use crate::routes::{feedback, id_param};
use crate::texts::{staff as text, staff_time, staff_time_span};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RecordMeetingsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_meetings(id).await?;
            let reminders = load_record_reminders(id).await?;
            let new = feedback(take_form_feedback(MEETING_FORM.to_owned()).await);
            let moved = take_form_feedback(RESCHEDULE_FORM.to_owned()).await.ok().flatten();
            let sms = feedback(take_form_feedback(REMINDER_SMS_FORM.to_owned()).await);
            Ok((record, reminders, new, moved, sms))
        },
        |(record, reminders, fb, moved, sms): (
            RecordMeetings,
            RecordReminders,
            FormFeedback,
            Option<FormFeedback>,
            FormFeedback,
        )| {
            view! { <Meetings record fb moved/> <Reminders reminders fb=sms/> }
        },
    )
}

/// Everyone asked to the meeting, each with who they are.
fn who_comes(m: &MeetingCard) -> String {
    let people: Vec<String> = m
        .people
        .iter()
        .map(|p| {
            let role = match &p.role {
                PersonRole::Staff(role) => role.label_sv(),
                PersonRole::External { organisation, .. } => organisation.label_sv(),
                PersonRole::Relative(kind) => kind.label_sv(),
            };
            text::person_and_role(&p.name, role)
        })
        .collect();
    text::listed(&people)
}

/// One field of the "Ny tid" form; ids carry the meeting id, since every row has the form.
#[component]
fn RescheduleField(
    meeting_id: String,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let id = format!("{name}-{meeting_id}");
    let error_id = format!("{id}-error");
    let described = error.is_some().then(|| error_id.clone());
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id.clone()>{label}</label>
            {error.map(|e| view! {
                <p class="error-message" id=error_id><Icon name="triangle-alert" size=24/><span>{e}</span></p>
            })}
            <input id=id type=kind name=name value=value aria-describedby=described/>
        </div>
    }
}

/// A planned meeting's buttons: held, cancelled, or a new time.
#[component]
fn MeetingActions(participant_id: i64, meeting: MeetingCard, fb: Option<FormFeedback>) -> impl IntoView {
    let id = meeting.id.to_string();
    let local = meeting.starts_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let end = meeting.ends_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let label = text::meeting_kind_and_time(meeting.kind.label_sv(), &staff_time(meeting.starts_at));
    // After a refused "Ny tid": this row's form opens again with what was typed.
    let fb = fb.filter(|f| f.value("meeting_id") == id);
    let value = |field: &str, stored: String| fb.as_ref().map(|f| f.value(field)).unwrap_or(stored);
    let error = |field: &str| fb.as_ref().and_then(|f| f.error(field));
    let (date, start, end) = (
        value("date", local.format("%Y-%m-%d").to_string()),
        value("start", local.format("%H:%M").to_string()),
        value("end", end.format("%H:%M").to_string()),
    );
    let (date_error, start_error, end_error) = (error("date"), error("start"), error("end"));
    let open = fb.is_some();
    let status = |status: &str| vec![("meeting_id", id.clone()), ("status", status.to_owned())];
    (meeting.status == MeetingStatus::Planned).then(|| {
        view! {
            <div class="row-actions">
                <PostButton action=SetMeetingStatus::url() hidden=status("held") label=text::MEETING_HELD secondary=true
                    aria_label=text::meeting_held(&label)/>
                <PostButton action=SetMeetingStatus::url() hidden=status("cancelled") label=text::MEETING_CANCEL
                    secondary=true aria_label=text::meeting_cancel(&label)/>
                <details class="inline-form" open=open>
                    <summary>{text::MEETING_NEW_TIME}</summary>
                    <form method="post" action=RescheduleMeeting::url() class="form">
                        <ParticipantIdField participant_id/>
                        <input type="hidden" name="meeting_id" value=id.clone()/>
                        <RescheduleField meeting_id=id.clone() name="date" label=text::DATE kind="date" value=date
                            error=date_error/>
                        <RescheduleField meeting_id=id.clone() name="start" label=text::MEETING_START kind="time"
                            value=start error=start_error/>
                        <RescheduleField meeting_id=id.clone() name="end" label=text::MEETING_END kind="time" value=end
                            error=end_error/>
                        <SubmitButton label=text::MEETING_MOVE/>
                    </form>
                </details>
            </div>
        }
    })
}

/// Coming or past meetings, each row with its buttons (`fb`: a refused "Ny tid").
#[component]
fn MeetingTable(
    participant_id: i64,
    meetings: Vec<MeetingCard>,
    label: &'static str,
    empty: &'static str,
    #[prop(optional_no_strip)] fb: Option<FormFeedback>,
) -> impl IntoView {
    view! {
        <DataTable label rows=meetings empty actions=true
            columns=&[text::MEETING_WHEN, text::MEETING_COLUMN, text::MEETING_WHO_COMES,
                text::MEETING_ANSWER_AND_STATUS]
            row=move |m: MeetingCard| view! {
                <td>{staff_time_span(m.starts_at, m.ends_at)}</td>
                <td>{text::meeting_kind_and_title(m.kind.label_sv(), &m.title)}</td>
                <td>{who_comes(&m)}</td>
                <td>{answer_text(&m)}</td>
                <td><MeetingActions participant_id meeting=m.clone() fb=fb.clone()/></td>
            }/>
    }
}

#[component]
fn Meetings(record: RecordMeetings, fb: FormFeedback, moved: Option<FormFeedback>) -> impl IntoView {
    let id = record.participant_id;
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), text::CHOOSE_MEETING_KIND.to_owned()))
        .chain(
            MeetingKind::ALL
                .iter()
                .filter(|k| **k != MeetingKind::ProgrammeSession)
                .map(|k| (k.as_str().to_owned(), k.label_sv().to_owned())),
        )
        .collect();
    let checked = |key: &str| !fb.value(&format!("attendees[{key}]")).is_empty();
    let people: Vec<(String, String, bool)> = record
        .staff
        .iter()
        .map(|s| (format!("s{}", s.id), text::staff_choice(&s.name)))
        .chain(
            record
                .externals
                .iter()
                .map(|e| (format!("e{}", e.id), text::person_and_role(&e.name, e.organisation.label_sv()))),
        )
        .chain(record.relatives.iter().map(|r| (format!("r{}", r.id), relative_choice(r))))
        .map(|(k, t)| {
            let on = checked(&k);
            (k, t, on)
        })
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current=RecordPart::Meetings.segment()/>
        <h2>{text::COMING_MEETINGS}</h2>
        <MeetingTable participant_id=id meetings=record.coming.clone() label=text::COMING_MEETINGS
            empty=text::NO_MEETINGS_BOOKED fb=moved/>
        <h2>{text::MEETING_BOOK_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=CreateMeeting::url() class="form">
            <ParticipantIdField participant_id=id/>
            <SelectField name="kind" label=text::MEETING_KIND options=kinds value=fb.value("kind")
                error=fb.error("kind")/>
            <TextField name="title" label=text::MEETING_HEADING hint=text::MEETING_HEADING_HINT
                value=fb.value("title") error=fb.error("title")/>
            <TextField name="date" label=text::DATE kind="date" value=fb.value("date") error=fb.error("date")/>
            <TextField name="start" label=text::MEETING_START kind="time" value=fb.value("start")
                error=fb.error("start")/>
            <TextField name="end" label=text::MEETING_END kind="time" value=fb.value("end") error=fb.error("end")/>
            <TextField name="place" label=text::MEETING_PLACE value=fb.value("place") error=fb.error("place")/>
            <TextField name="video_link" label=text::MEETING_VIDEO_LINK kind="url" value=fb.value("video_link")
                error=fb.error("video_link")/>
            <TextArea name="bring" label=text::MEETING_BRING value=fb.value("bring") error=fb.error("bring")/>
            <Checkboxes name="attendees" legend=text::MEETING_WHO_COMES options=people error=fb.error("attendees")/>
            <SubmitButton icon="calendar-days" label=text::MEETING_BOOK/>
        </form>
        <h2>{text::PAST_MEETINGS}</h2>
        <MeetingTable participant_id=id meetings=record.past.clone() label=text::PAST_MEETINGS
            empty=text::NO_PAST_MEETINGS/>
    }
}

/// Whether the participant has reminders on, whether the latest went out, and
/// SMS reminders switched on or off with their say-so.
#[component]
fn Reminders(reminders: RecordReminders, fb: FormFeedback) -> impl IntoView {
    use crate::domain::ReminderStatus;
    let id = reminders.participant_id;
    let status = match reminders.choice {
        None => text::REMINDERS_NOT_CHOSEN.to_owned(),
        Some(c) if !c.is_on() => text::REMINDERS_OFF.to_owned(),
        Some(c) => text::reminders_on(&c),
    };
    let sms_on = reminders.choice.is_some_and(|c| c.is_on() && c.by_sms);
    let (label, value) =
        if sms_on { (text::REMINDERS_SMS_OFF_BUTTON, "off") } else { (text::REMINDERS_SMS_ON_BUTTON, "on") };
    let error = fb.error("sms").or(fb.message.clone());
    view! {
        <section aria-labelledby="reminders">
            <h2 id="reminders">{text::REMINDERS_HEADING}</h2>
            <p>{status}</p>
            {(reminders.others_on > 0).then(|| view! { <p>{text::reminders_others(reminders.others_on)}</p> })}
            <Banner kind=BannerKind::Error message=error/>
            <p class="hint">{text::REMINDERS_SMS_SAY_SO}</p>
            <PostButton action=SetSmsReminders::url() hidden=vec![("participant_id", id.to_string()), ("sms", value.to_owned())]
                label=label icon="bell" secondary=true/>
            <h3>{text::REMINDERS_LATEST}</h3>
            <DataTable label=text::REMINDERS_LATEST columns=text::REMINDERS_COLUMNS rows=reminders.latest
                empty=text::REMINDERS_NONE_SENT
                row=|r| {
                    let went = match (r.status, r.outcome.as_deref()) {
                        (ReminderStatus::Sent | ReminderStatus::Delivered, _) => r.status.label_sv().to_owned(),
                        (_, Some(code)) => format!("{}: {}", r.status.label_sv(), text::reminder_outcome(code)),
                        (status, None) => status.label_sv().to_owned(),
                    };
                    let to = if r.to_participant { text::REMINDER_TO_PARTICIPANT } else { text::REMINDER_TO_OTHER };
                    view! {
                        <td>{staff_time(r.delivered_at.or(r.sent_at).unwrap_or(r.due_at))}</td>
                        <td>{r.channel.label_sv()}</td>
                        <td>{r.kind.label_sv()}</td>
                        <td>{to}</td>
                        <td>{went}</td>
                    }
                }/>
        </section>
    }
}
