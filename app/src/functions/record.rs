//! The participant record, staff side: the overview, and forms that keep the
//! plan, meetings, consents and steps. Plain POST forms: success goes back to
//! the page with a notice, bad input back to the form with what was typed.

// A form's fields are the server function's arguments, one each.
#![allow(clippy::too_many_arguments)]

use crate::errors::AppError;
use crate::models::{
    ParticipantRecord, PlanHistory, RecordAccess, RecordConsents, RecordContacts, RecordMeetings, RecordSteps,
};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use super::req;

pub const PLAN_FORM: &str = "plan";
pub const MEETING_FORM: &str = "new_meeting";
pub const RESCHEDULE_FORM: &str = "reschedule";
pub const CONSENT_FORM: &str = "consent";
pub const STEP_FORM: &str = "step";
pub const DV_FORM: &str = "dv";
pub const CONTACT_FORM: &str = "contact_person";
pub const EXTENDED_FORM: &str = "extended_support";
pub const DISCHARGE_FORM: &str = "discharge";

pub fn record_path(participant_id: i64, part: &str) -> String {
    if part.is_empty() {
        format!("/personal/deltagare/{participant_id}")
    } else {
        format!("/personal/deltagare/{participant_id}/{part}")
    }
}

// One server function per record page: each reads, and so audits, only the
// parts its page shows.

/// `/personal/deltagare/:id`: the overview.
#[server(endpoint = "participant_record")]
pub async fn load_record(#[server(default)] participant_id: i64) -> Result<ParticipantRecord, AppError> {
    let req = req().await?;
    req.state.access.participant_record(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/plan`.
#[server(endpoint = "plan_history")]
pub async fn load_plan_history(#[server(default)] participant_id: i64) -> Result<PlanHistory, AppError> {
    let req = req().await?;
    req.state.access.plan_history(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/moten`.
#[server(endpoint = "record_meetings")]
pub async fn load_record_meetings(#[server(default)] participant_id: i64) -> Result<RecordMeetings, AppError> {
    let req = req().await?;
    req.state.access.record_meetings(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/kontakter`.
#[server(endpoint = "record_contacts")]
pub async fn load_record_contacts(#[server(default)] participant_id: i64) -> Result<RecordContacts, AppError> {
    let req = req().await?;
    req.state.access.record_contacts(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/samtycken`.
#[server(endpoint = "record_consents")]
pub async fn load_record_consents(#[server(default)] participant_id: i64) -> Result<RecordConsents, AppError> {
    let req = req().await?;
    req.state.access.record_consents(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/steg`.
#[server(endpoint = "record_steps")]
pub async fn load_record_steps(#[server(default)] participant_id: i64) -> Result<RecordSteps, AppError> {
    let req = req().await?;
    req.state.access.record_steps(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// `/personal/deltagare/:id/kod`.
#[server(endpoint = "record_access")]
pub async fn load_record_access(#[server(default)] participant_id: i64) -> Result<RecordAccess, AppError> {
    let req = req().await?;
    req.state.access.record_access(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// Saves the joint plan as a new version.
#[server(endpoint = "save_plan")]
pub async fn save_plan(
    #[server(default)] participant_id: i64,
    #[server(default)] goal: String,
    #[server(default)] reason: String,
    #[server(default)] from: String,
    #[server(default)] until: String,
    #[server(default)] days_per_week: String,
    #[server(default)] hours_per_week: String,
    #[server(default)] activities: String,
    #[server(default)] follow_up_on: String,
    #[server(default)] follow_up_what: String,
    #[server(default)] other_notes: String,
) -> Result<(), AppError> {
    use crate::domain::{HoursPerWeek, LongText, ShortText, parse_iso_date};
    use crate::models::FormFeedback;
    use crate::server::access::record::NewPlan;
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "plan");
    let mut fb = FormFeedback::new(PLAN_FORM);
    for (k, v) in [
        ("goal", &goal),
        ("reason", &reason),
        ("from", &from),
        ("until", &until),
        ("days_per_week", &days_per_week),
        ("hours_per_week", &hours_per_week),
        ("activities", &activities),
        ("follow_up_on", &follow_up_on),
        ("follow_up_what", &follow_up_what),
        ("other_notes", &other_notes),
    ] {
        fb.keep(k, v);
    }
    let goal = fb.check("goal", ShortText::parse(&goal));
    let reason = fb.check("reason", LongText::parse(&reason));
    let from_date = fb.check("from", parse_iso_date(&from));
    let until = if until.trim().is_empty() { Some(None) } else { fb.check("until", parse_iso_date(&until).map(Some)) };
    if let (Some(f), Some(Some(u))) = (from_date, until)
        && u < f
    {
        fb.errors.push(("until".into(), "Slutdatumet måste vara efter startdatumet.".into()));
    }
    let days = fb.check(
        "days_per_week",
        days_per_week.trim().parse::<i64>().ok().filter(|d| (1..=7).contains(d)).ok_or("Skriv antal dagar, 1 till 7."),
    );
    let hours = fb.check("hours_per_week", HoursPerWeek::parse(&hours_per_week));
    let lines: Vec<String> =
        activities.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| l.chars().take(200).collect()).collect();
    let activities_ok = fb.check("activities", LongText::parse(&activities)).map(|_| lines);
    let follow_up = match (follow_up_on.trim().is_empty(), follow_up_what.trim().is_empty()) {
        (true, true) => Some(None),
        (false, _) => {
            let on = fb.check("follow_up_on", parse_iso_date(&follow_up_on));
            let what = fb.check("follow_up_what", ShortText::parse(&follow_up_what));
            on.zip(what).map(Some)
        }
        (true, false) => {
            fb.errors.push(("follow_up_on".into(), "Skriv när uppföljningen ska vara.".into()));
            None
        }
    };
    let notes = fb.check("other_notes", LongText::parse(&other_notes));
    let parsed = (goal, reason, from_date, until, days, hours, activities_ok, follow_up, notes);
    let (
        Some(goal),
        Some(reason),
        Some(from),
        Some(until),
        Some(days),
        Some(hours),
        Some(activities),
        Some(follow_up),
        Some(notes),
    ) = parsed
    else {
        return req.reject(fb, &page).await;
    };
    if !fb.errors.is_empty() {
        return req.reject(fb, &page).await;
    }
    let plan = NewPlan {
        goal,
        reason,
        from,
        until,
        days_per_week: days,
        hours_per_week: hours,
        activities,
        follow_up,
        other_notes: notes,
    };
    let version = req.state.access.save_plan(&req.ctx, participant_id, &plan).await.map_err(|e| req.fail(e))?;
    req.done(&page, &format!("Planen är sparad som version {version}.")).await
}

/// A new meeting. Attendees come as `attendees[s12]`, `attendees[e3]`, `attendees[r7]`
/// (staff, external contact, relative).
#[server(endpoint = "create_meeting")]
pub async fn create_meeting(
    #[server(default)] participant_id: i64,
    #[server(default)] kind: String,
    #[server(default)] title: String,
    #[server(default)] date: String,
    #[server(default)] start: String,
    #[server(default)] end: String,
    #[server(default)] place: String,
    #[server(default)] video_link: String,
    #[server(default)] bring: String,
    #[server(default)] attendees: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::{LongText, MeetingKind, MeetingTime, ShortText};
    use crate::models::FormFeedback;
    use crate::server::{AccessError, access::record::NewMeeting};
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "moten");
    let mut fb = FormFeedback::new(MEETING_FORM);
    for (k, v) in [
        ("kind", &kind),
        ("title", &title),
        ("date", &date),
        ("start", &start),
        ("end", &end),
        ("place", &place),
        ("video_link", &video_link),
        ("bring", &bring),
    ] {
        fb.keep(k, v);
    }
    for key in attendees.keys().take(100) {
        fb.keep(&format!("attendees[{key}]"), "on");
    }
    let kind = fb.check(
        "kind",
        MeetingKind::parse(&kind)
            .ok()
            .filter(|k| *k != MeetingKind::ProgrammeSession)
            .ok_or("Välj en mötestyp i listan."),
    );
    let title = fb.check("title", ShortText::parse(&title));
    let time = fb.check("date", MeetingTime::parse_local(&date, &start, &end));
    let place =
        if place.trim().is_empty() { Some(None) } else { fb.check("place", ShortText::parse(&place).map(Some)) };
    let link = video_link.trim();
    let video = if link.is_empty() {
        Some(None)
    } else {
        let ok = link.starts_with("https://") && link.len() <= 500 && !link.chars().any(char::is_whitespace);
        fb.check("video_link", ok.then(|| Some(link.to_owned())).ok_or("Skriv en länk som börjar med https://"))
    };
    if matches!((&place, &video), (Some(None), Some(None))) {
        fb.errors.push(("place".into(), "Skriv en plats, eller en länk till ett videomöte.".into()));
    }
    let bring = fb.check("bring", LongText::parse(&bring));
    let (mut staff, mut externals, mut relatives) = (Vec::new(), Vec::new(), Vec::new());
    for key in attendees.keys() {
        let (list, id) = match key.split_at_checked(1) {
            Some(("s", id)) => (&mut staff, id),
            Some(("e", id)) => (&mut externals, id),
            Some(("r", id)) => (&mut relatives, id),
            _ => {
                fb.errors.push(("attendees".into(), "Välj bara personer i listan.".into()));
                continue;
            }
        };
        match id.parse::<i64>() {
            Ok(id) => list.push(id),
            Err(_) => fb.errors.push(("attendees".into(), "Välj bara personer i listan.".into())),
        }
    }
    let (Some(kind), Some(title), Some(time), Some(place), Some(video_link), Some(bring)) =
        (kind, title, time, place, video, bring)
    else {
        return req.reject(fb, &page).await;
    };
    if !fb.errors.is_empty() {
        return req.reject(fb, &page).await;
    }
    let meeting = NewMeeting { kind, title, time, place, video_link, bring, staff, externals, relatives };
    match req.state.access.create_meeting(&req.ctx, participant_id, &meeting).await {
        Ok(_) => req.done(&page, "Mötet är bokat.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// A new time for a meeting. `participant_id` only says which page to go back
/// to; the meeting's own participant decides who may move it.
#[server(endpoint = "reschedule_meeting")]
pub async fn reschedule_meeting(
    #[server(default)] participant_id: i64,
    #[server(default)] meeting_id: i64,
    #[server(default)] date: String,
    #[server(default)] start: String,
    #[server(default)] end: String,
) -> Result<(), AppError> {
    use crate::domain::MeetingTime;
    use crate::models::FormFeedback;
    use crate::server::AccessError;
    let req = req().await?;
    let page = record_path(participant_id, "moten");
    let mut fb = FormFeedback::new(RESCHEDULE_FORM);
    fb.keep("meeting_id", &meeting_id.to_string());
    fb.keep("date", &date);
    fb.keep("start", &start);
    fb.keep("end", &end);
    let Some(time) = fb.check("date", MeetingTime::parse_local(&date, &start, &end)) else {
        return req.reject(fb, &page).await;
    };
    match req.state.access.reschedule_meeting(&req.ctx, meeting_id, time).await {
        Ok(owner) => req.done(&record_path(owner, "moten"), "Mötet har en ny tid.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// Cancel a meeting or mark it held (`status` = cancelled / held).
#[server(endpoint = "set_meeting_status")]
pub async fn set_meeting_status(
    #[server(default)] meeting_id: i64,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    use crate::domain::MeetingStatus;
    let req = req().await?;
    req.require_signed_in()?;
    let Ok(status) = MeetingStatus::parse(&status) else {
        super::set_status(422);
        return Err(AppError::invalid("status", "Välj inställt eller genomfört."));
    };
    let participant_id =
        req.state.access.set_meeting_status(&req.ctx, meeting_id, status).await.map_err(|e| req.fail(e))?;
    let notice =
        if status == MeetingStatus::Held { "Mötet är markerat som genomfört." } else { "Mötet är inställt." };
    req.done(&record_path(participant_id, "moten"), notice).await
}

/// Records a consent. `sections[plan]=on` etc. for sharing with a relative.
#[server(endpoint = "add_consent")]
pub async fn add_consent(
    #[server(default)] participant_id: i64,
    #[server(default)] scope: String,
    #[server(default)] organisation: String,
    #[server(default)] relative_id: String,
    #[server(default)] sections: HashMap<String, String>,
    #[server(default)] method: String,
    #[server(default)] given_on: String,
) -> Result<(), AppError> {
    use crate::domain::{ConsentMethod, ConsentScope, Organisation, parse_iso_date};
    use crate::models::FormFeedback;
    use crate::policy::Section;
    use crate::server::{AccessError, access::record::NewConsent};
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "samtycken");
    let mut fb = FormFeedback::new(CONSENT_FORM);
    for (k, v) in [
        ("scope", &scope),
        ("organisation", &organisation),
        ("relative_id", &relative_id),
        ("method", &method),
        ("given_on", &given_on),
    ] {
        fb.keep(k, v);
    }
    for key in sections.keys().take(10) {
        fb.keep(&format!("sections[{key}]"), "on");
    }
    let scope = fb.check("scope", ConsentScope::parse(&scope));
    let method = fb.check("method", ConsentMethod::parse(&method));
    let given_on = fb.check("given_on", parse_iso_date(&given_on));
    if given_on.is_some_and(|d| d > crate::server::today()) {
        fb.errors.push(("given_on".into(), "Ett samtycke kan inte vara givet i framtiden.".into()));
    }
    let mut recipient = (None, None);
    let mut shared = Vec::new();
    match scope {
        Some(ConsentScope::ShareWithRelative) => {
            recipient.1 =
                fb.check("relative_id", relative_id.trim().parse::<i64>().map_err(|_| "Välj vem som får se."));
            for key in sections.keys() {
                match Section::parse_shareable(key) {
                    Some(s) => shared.push(s),
                    None => fb.errors.push(("sections".into(), "Välj bara delar i listan.".into())),
                }
            }
            if shared.is_empty() {
                fb.errors.push(("sections".into(), "Välj minst en del som personen får se.".into()));
            }
        }
        Some(_) => recipient.0 = fb.check("organisation", Organisation::parse(&organisation)),
        None => {}
    }
    if let (Some(scope), Some(ConsentMethod::Oral)) = (scope, method)
        && scope.requires_written()
    {
        fb.errors.push(("method".into(), "Det här samtycket ska vara skriftligt.".into()));
    }
    let (Some(scope), Some(method), Some(given_on)) = (scope, method, given_on) else {
        return req.reject(fb, &page).await;
    };
    if !fb.errors.is_empty() || (recipient.0.is_none() && recipient.1.is_none()) {
        return req.reject(fb, &page).await;
    }
    shared.sort_by_key(|s| s.as_str());
    let consent =
        NewConsent { scope, organisation: recipient.0, relative_id: recipient.1, sections: shared, method, given_on };
    match req.state.access.add_consent(&req.ctx, participant_id, &consent).await {
        Ok(()) => req.done(&page, "Samtycket är sparat.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// Withdraws a consent: what it shared stops at once.
#[server(endpoint = "withdraw_consent")]
pub async fn withdraw_consent(
    #[server(default)] participant_id: i64,
    #[server(default)] consent_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.withdraw_consent(&req.ctx, participant_id, consent_id).await.map_err(|e| req.fail(e))?;
    req.done(&record_path(participant_id, "samtycken"), "Samtycket är återkallat.").await
}

/// A step on the ladder.
#[server(endpoint = "record_step")]
pub async fn record_step(
    #[server(default)] participant_id: i64,
    #[server(default)] step: String,
    #[server(default)] on: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::domain::{LadderStep, LongText, parse_iso_date};
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "steg");
    let mut fb = FormFeedback::new(STEP_FORM);
    fb.keep("step", &step);
    fb.keep("on", &on);
    fb.keep("note", &note);
    let step = fb.check("step", LadderStep::parse(&step));
    let on = fb.check("on", parse_iso_date(&on));
    let note = fb.check("note", LongText::parse(&note));
    let (Some(step), Some(on), Some(note)) = (step, on, note) else {
        return req.reject(fb, &page).await;
    };
    req.state.access.record_step(&req.ctx, participant_id, step, on, &note).await.map_err(|e| req.fail(e))?;
    req.done(&page, "Steget är sparat.").await
}

/// A step within DV: group or placement, hours a week.
#[server(endpoint = "change_dv")]
pub async fn change_dv(
    #[server(default)] participant_id: i64,
    #[server(default)] dv_form: String,
    #[server(default)] hours_per_week: String,
) -> Result<(), AppError> {
    use crate::domain::{DvForm, HoursPerWeek};
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "steg");
    let mut fb = FormFeedback::new(DV_FORM);
    fb.keep("dv_form", &dv_form);
    fb.keep("hours_per_week", &hours_per_week);
    let form = fb.check("dv_form", DvForm::parse(&dv_form));
    let hours = fb.check("hours_per_week", HoursPerWeek::parse(&hours_per_week));
    let (Some(form), Some(hours)) = (form, hours) else {
        return req.reject(fb, &page).await;
    };
    req.state.access.change_dv(&req.ctx, participant_id, form, hours).await.map_err(|e| req.fail(e))?;
    req.done(&page, "Ändringen i daglig verksamhet är sparad.").await
}

/// A new contact person. `who` is `s<staff id>`, `e<external id>` or `new`
/// (then the new officer's name, organisation and title are needed).
#[server(endpoint = "add_contact_person")]
pub async fn add_contact_person(
    #[server(default)] participant_id: i64,
    #[server(default)] who: String,
    #[server(default)] role_in_case: String,
    #[server(default)] since: String,
    #[server(default)] new_name: String,
    #[server(default)] new_organisation: String,
    #[server(default)] new_title: String,
    #[server(default)] new_phone: String,
    #[server(default)] new_email: String,
) -> Result<(), AppError> {
    use crate::domain::{Email, Organisation, PersonName, PhoneNumber, ShortText, parse_iso_date};
    use crate::models::FormFeedback;
    use crate::server::{
        AccessError,
        access::record::{ContactWho, NewContactPerson},
    };
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "kontakter");
    let mut fb = FormFeedback::new(CONTACT_FORM);
    for (k, v) in [
        ("who", &who),
        ("role_in_case", &role_in_case),
        ("since", &since),
        ("new_name", &new_name),
        ("new_organisation", &new_organisation),
        ("new_title", &new_title),
        ("new_phone", &new_phone),
        ("new_email", &new_email),
    ] {
        fb.keep(k, v);
    }
    let role = fb.check("role_in_case", ShortText::parse(&role_in_case));
    let since = fb.check("since", parse_iso_date(&since));
    let who = match who.split_at_checked(1) {
        Some(("s", id)) => fb.check("who", id.parse().map(ContactWho::Staff).map_err(|_| "Välj en person i listan.")),
        Some(("e", id)) => {
            fb.check("who", id.parse().map(ContactWho::External).map_err(|_| "Välj en person i listan."))
        }
        _ if who == "new" => {
            let name = fb.check("new_name", PersonName::parse(&new_name));
            let organisation = fb.check("new_organisation", Organisation::parse(&new_organisation));
            let title = fb.check("new_title", ShortText::parse(&new_title));
            let phone = if new_phone.trim().is_empty() {
                Some(None)
            } else {
                fb.check("new_phone", PhoneNumber::parse(&new_phone).map(Some))
            };
            let email = if new_email.trim().is_empty() {
                Some(None)
            } else {
                fb.check("new_email", Email::parse(&new_email).map(Some))
            };
            match (name, organisation, title, phone, email) {
                (Some(name), Some(organisation), Some(title), Some(phone), Some(email)) => {
                    Some(ContactWho::NewExternal { name, organisation, title, phone, email })
                }
                _ => None,
            }
        }
        _ => fb.check("who", Err::<ContactWho, _>("Välj vem som blir kontaktperson.")),
    };
    let (Some(who), Some(role_in_case), Some(since)) = (who, role, since) else {
        return req.reject(fb, &page).await;
    };
    match req
        .state
        .access
        .add_contact_person(&req.ctx, participant_id, &NewContactPerson { who, role_in_case, since })
        .await
    {
        Ok(()) => req.done(&page, "Kontaktpersonen är sparad.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// Ends a contact person's role today.
#[server(endpoint = "end_contact_person")]
pub async fn end_contact_person(
    #[server(default)] participant_id: i64,
    #[server(default)] contact_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.end_contact_person(&req.ctx, participant_id, contact_id).await.map_err(|e| req.fail(e))?;
    req.done(&record_path(participant_id, "kontakter"), "Kontaktpersonen är avslutad.").await
}

/// A new description of a contact person's role ("Din handläggare på Försäkringskassan").
#[server(endpoint = "change_contact_role")]
pub async fn change_contact_role(
    #[server(default)] participant_id: i64,
    #[server(default)] contact_id: i64,
    #[server(default)] role_in_case: String,
) -> Result<(), AppError> {
    use crate::domain::ShortText;
    let req = req().await?;
    req.require_signed_in()?;
    let Ok(role) = ShortText::parse(&role_in_case) else {
        super::set_status(422);
        return Err(AppError::invalid("role_in_case", "Skriv vad personen är för deltagaren."));
    };
    req.state.access.change_contact_role(&req.ctx, participant_id, contact_id, &role).await.map_err(|e| req.fail(e))?;
    req.done(&record_path(participant_id, "kontakter"), "Rollen är ändrad.").await
}

/// Extended support after employment (12 months; needs written consent).
#[server(endpoint = "add_extended_support")]
pub async fn add_extended_support(
    #[server(default)] participant_id: i64,
    #[server(default)] employer: String,
    #[server(default)] starts_on: String,
) -> Result<(), AppError> {
    use crate::domain::{ShortText, parse_iso_date};
    use crate::models::FormFeedback;
    use crate::server::AccessError;
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "steg");
    let mut fb = FormFeedback::new(EXTENDED_FORM);
    fb.keep("employer", &employer);
    fb.keep("starts_on", &starts_on);
    let employer = fb.check("employer", ShortText::parse(&employer));
    let starts_on = fb.check("starts_on", parse_iso_date(&starts_on));
    let (Some(employer), Some(starts_on)) = (employer, starts_on) else {
        return req.reject(fb, &page).await;
    };
    match req.state.access.add_extended_support(&req.ctx, participant_id, &employer, starts_on).await {
        Ok(()) => req.done(&page, "Förlängt stöd är registrerat i 12 månader.").await,
        Err(AccessError::Invalid { field, message }) => {
            fb.errors.push((field.into(), message.into()));
            req.reject(fb, &page).await
        }
        Err(e) => Err(req.fail(e)),
    }
}

/// The participant leaves DV, with the outcome.
#[server(endpoint = "discharge")]
pub async fn discharge(
    #[server(default)] participant_id: i64,
    #[server(default)] on: String,
    #[server(default)] outcome: String,
) -> Result<(), AppError> {
    use crate::domain::{DischargeOutcome, parse_iso_date};
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = record_path(participant_id, "steg");
    let mut fb = FormFeedback::new(DISCHARGE_FORM);
    fb.keep("on", &on);
    fb.keep("outcome", &outcome);
    let on = fb.check("on", parse_iso_date(&on));
    let outcome = fb.check("outcome", DischargeOutcome::parse(&outcome));
    let (Some(on), Some(outcome)) = (on, outcome) else {
        return req.reject(fb, &page).await;
    };
    req.state.access.discharge(&req.ctx, participant_id, on, outcome).await.map_err(|e| req.fail(e))?;
    req.done(&page, "Avslutet är registrerat.").await
}
