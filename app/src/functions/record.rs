//! The participant record, staff side: the overview, and forms that keep the
//! plan, meetings, consents and steps. Plain POST forms: success goes back to
//! the page with a notice, bad input back to the form with what was typed.

use super::forms::record::{
    ConsentForm, ContactPersonForm, DischargeForm, DvChangeForm, EmploymentEndForm, EmploymentForm,
    ExtendedSupportForm, MeetingForm, PlanForm, RescheduleForm, ReturnForm, RoadForm, StepForm, TransitionForm,
};
use crate::errors::AppError;
use crate::models::{
    ParticipantRecord, PlanHistory, RecordAccess, RecordConsents, RecordContacts, RecordMeetings, RecordSteps,
    RecordTransition,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{forms::Form, req};
#[cfg(feature = "ssr")]
use crate::texts::staff as text;

pub const PLAN_FORM: &str = "plan";
pub const MEETING_FORM: &str = "new_meeting";
pub const RESCHEDULE_FORM: &str = "reschedule";
pub const CONSENT_FORM: &str = "consent";
pub const STEP_FORM: &str = "step";
pub const DV_FORM: &str = "dv";
pub const ROAD_FORM: &str = "road";
pub const TRANSITION_FORM: &str = "transition_date";
pub const RETURN_FORM: &str = "return_to_dv";
pub const CONTACT_FORM: &str = "contact_person";
pub const EXTENDED_FORM: &str = "extended_support";
pub const EMPLOYMENT_FORM: &str = "employment";
pub const EMPLOYMENT_END_FORM: &str = "employment_end";
pub const DISCHARGE_FORM: &str = "discharge";

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
    #[server(flatten)] form: PlanForm,
) -> Result<(), AppError> {
    use crate::server::access::record::NewPlan;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Plan);
    let plan = match NewPlan::try_from(form.clone()) {
        Ok(plan) => plan,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.save_plan(&req.ctx, participant_id, &plan).await {
        Ok(version) => req.done(&page, &text::plan_saved_as(version)).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// A new meeting, with those who come.
#[server(endpoint = "create_meeting")]
pub async fn create_meeting(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: MeetingForm,
) -> Result<(), AppError> {
    use crate::server::access::record::NewMeeting;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Meetings);
    let meeting = match NewMeeting::try_from(form.clone()) {
        Ok(meeting) => meeting,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.create_meeting(&req.ctx, participant_id, &meeting).await {
        Ok(_) => req.done(&page, text::MEETING_BOOKED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// A new time for a meeting. `participant_id` only says which page to go back
/// to; the meeting's own participant decides who may move it.
#[server(endpoint = "reschedule_meeting")]
pub async fn reschedule_meeting(
    #[server(default)] participant_id: i64,
    #[server(default)] meeting_id: i64,
    #[server(flatten)] form: RescheduleForm,
) -> Result<(), AppError> {
    use crate::domain::MeetingTime;
    use crate::models::FormFeedback;
    let req = req().await?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Meetings);
    // The page lists several meetings, each with this form: the feedback says whose it is.
    let for_meeting = |mut fb: FormFeedback| {
        fb.keep("meeting_id", &meeting_id.to_string());
        fb
    };
    let time = match MeetingTime::try_from(form.clone()) {
        Ok(time) => time,
        Err(fb) => return req.reject(for_meeting(fb), &page).await,
    };
    match req.state.access.reschedule_meeting(&req.ctx, meeting_id, time).await {
        Ok(owner) => {
            req.done(&crate::paths::record(owner, crate::paths::RecordPart::Meetings), text::MEETING_MOVED).await
        }
        Err(e) => req.refused(e, for_meeting(form.feedback()), &page).await,
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
        return Err(AppError::invalid("status", text::MEETING_HELD_OR_CANCELLED));
    };
    let participant_id =
        req.state.access.set_meeting_status(&req.ctx, meeting_id, status).await.map_err(|e| req.fail(e))?;
    let notice = if status == MeetingStatus::Held { text::MEETING_MARKED_HELD } else { text::MEETING_CANCELLED };
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Meetings), notice).await
}

/// Records a consent.
#[server(endpoint = "add_consent")]
pub async fn add_consent(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: ConsentForm,
) -> Result<(), AppError> {
    use crate::server::access::record::NewConsent;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Consents);
    let consent = match NewConsent::try_from(form.clone()) {
        Ok(consent) => consent,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.add_consent(&req.ctx, participant_id, &consent).await {
        Ok(()) => req.done(&page, text::CONSENT_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
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
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Consents), text::CONSENT_WITHDRAWN).await
}

/// A step on the ladder.
#[server(endpoint = "record_step")]
pub async fn record_step(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: StepForm,
) -> Result<(), AppError> {
    use super::forms::record::NewStep;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let NewStep { step, on, note } = match NewStep::try_from(form.clone()) {
        Ok(step) => step,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.record_step(&req.ctx, participant_id, step, on, &note).await {
        Ok(()) => req.done(&page, text::STEP_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// The participant's road: the AF/FK road or the ASF road.
#[server(endpoint = "change_road")]
pub async fn change_road(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: RoadForm,
) -> Result<(), AppError> {
    use crate::domain::Road;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let kept = form.feedback();
    let road = match Road::try_from(form) {
        Ok(road) => road,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.change_road(&req.ctx, participant_id, road).await {
        Ok(()) => req.done(&page, text::ROAD_SAVED).await,
        Err(e) => req.refused(e, kept, &page).await,
    }
}

/// `/personal/deltagare/:id/overgang`.
#[server(endpoint = "record_transition")]
pub async fn load_record_transition(#[server(default)] participant_id: i64) -> Result<RecordTransition, AppError> {
    let req = req().await?;
    req.state.access.record_transition(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// A date of the transition (a new one of the same kind replaces the old, which is kept).
#[server(endpoint = "record_transition_date")]
pub async fn record_transition_date(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: TransitionForm,
) -> Result<(), AppError> {
    use crate::server::access::record::NewTransitionDate;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Transition);
    let kept = form.feedback();
    let new = match NewTransitionDate::try_from(form) {
        Ok(new) => new,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.record_transition_date(&req.ctx, participant_id, &new).await {
        Ok(()) => req.done(&page, text::TRANSITION_SAVED).await,
        Err(e) => req.refused(e, kept, &page).await,
    }
}

/// Back to DV while the decision rests: no new application.
#[server(endpoint = "return_to_dv")]
pub async fn return_to_dv(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: ReturnForm,
) -> Result<(), AppError> {
    use super::forms::record::NewReturn;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Transition);
    let kept = form.feedback();
    let NewReturn { on } = match NewReturn::try_from(form) {
        Ok(back) => back,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.return_to_dv(&req.ctx, participant_id, on).await {
        Ok(()) => req.done(&page, text::RETURN_SAVED).await,
        Err(e) => req.refused(e, kept, &page).await,
    }
}

/// A step within DV: group or placement, hours a week.
#[server(endpoint = "change_dv")]
pub async fn change_dv(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: DvChangeForm,
) -> Result<(), AppError> {
    use super::forms::record::DvChange;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let kept = form.feedback();
    let change = match DvChange::try_from(form) {
        Ok(change) => change,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.change_dv(&req.ctx, participant_id, &change).await {
        Ok(()) => req.done(&page, text::DV_CHANGE_SAVED).await,
        Err(e) => req.refused(e, kept, &page).await,
    }
}

/// A new contact person: one of the unit's staff, an officer on record, or a new officer.
#[server(endpoint = "add_contact_person")]
pub async fn add_contact_person(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: ContactPersonForm,
) -> Result<(), AppError> {
    use crate::server::access::record::NewContactPerson;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Contacts);
    let contact = match NewContactPerson::try_from(form.clone()) {
        Ok(contact) => contact,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.add_contact_person(&req.ctx, participant_id, &contact).await {
        Ok(()) => req.done(&page, text::CONTACT_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
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
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Contacts), text::CONTACT_ENDED).await
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
        return Err(AppError::invalid("role_in_case", text::CONTACT_WRITE_ROLE));
    };
    req.state.access.change_contact_role(&req.ctx, participant_id, contact_id, &role).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Contacts), text::CONTACT_ROLE_CHANGED)
        .await
}

/// Extended support after employment (12 months; needs written consent).
#[server(endpoint = "add_extended_support")]
pub async fn add_extended_support(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: ExtendedSupportForm,
) -> Result<(), AppError> {
    use super::forms::record::NewExtendedSupport;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let NewExtendedSupport { employer, starts_on } = match NewExtendedSupport::try_from(form.clone()) {
        Ok(support) => support,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.add_extended_support(&req.ctx, participant_id, &employer, starts_on).await {
        Ok(()) => req.done(&page, text::EXTENDED_SUPPORT_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Paid work the participant got (the follow-up's supported-employment outcomes).
#[server(endpoint = "add_employment")]
pub async fn add_employment(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: EmploymentForm,
) -> Result<(), AppError> {
    use crate::domain::Employment;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let job = match Employment::try_from(form.clone()) {
        Ok(job) => job,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.add_employment(&req.ctx, participant_id, &job).await {
        Ok(()) => req.done(&page, text::EMPLOYMENT_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// The last day of an employment that was still running.
#[server(endpoint = "end_employment")]
pub async fn end_employment(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: EmploymentEndForm,
) -> Result<(), AppError> {
    use super::forms::record::EmploymentEnd;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let end = match EmploymentEnd::try_from(form.clone()) {
        Ok(end) => end,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.end_employment(&req.ctx, participant_id, end.employment_id, end.ends_on).await {
        Ok(()) => req.done(&page, text::EMPLOYMENT_ENDED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// The participant leaves DV, with the outcome.
#[server(endpoint = "discharge")]
pub async fn discharge(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: DischargeForm,
) -> Result<(), AppError> {
    use super::forms::record::NewDischarge;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Steps);
    let NewDischarge { on, outcome } = match NewDischarge::try_from(form.clone()) {
        Ok(discharge) => discharge,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.discharge(&req.ctx, participant_id, on, outcome).await {
        Ok(()) => req.done(&page, text::DISCHARGE_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}
