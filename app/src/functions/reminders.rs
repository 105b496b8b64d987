//! Reminders: the "Påminnelser" page (participants, and relatives whose
//! consent shares the meetings), the phone's subscription to the app's
//! notifications (from `public/reminders.js`), and the record's view for staff.

use super::forms::reminders::ReminderForm;
use crate::errors::AppError;
use crate::models::{RecordReminders, ReminderSettings};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{forms::Form, participant::whose, req};

pub const REMINDER_FORM: &str = "reminders";

/// "Påminnelser": the choice of the one asking, and the key their phone subscribes with.
#[server(endpoint = "reminders")]
pub async fn load_reminders(#[server(default)] participant_id: Option<i64>) -> Result<ReminderSettings, AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    let mut settings = req.state.access.reminder_settings(&req.ctx, id).await.map_err(|e| req.fail(e))?;
    settings.push_key = req.state.push_key.as_deref().map(str::to_owned);
    settings.notice = req.take_notice(crate::paths::REMINDERS).await;
    settings.feedback = req.take_feedback(REMINDER_FORM).await;
    Ok(settings)
}

/// Saves the choice; back on the page, a message says so.
#[server(endpoint = "save_reminders")]
pub async fn save_reminders(
    #[server(default)] participant_id: Option<i64>,
    #[server(flatten)] form: ReminderForm,
) -> Result<(), AppError> {
    use crate::domain::ReminderChoice;
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    let page = crate::paths::REMINDERS;
    let choice = match ReminderChoice::try_from(form.clone()) {
        Ok(choice) => choice,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.save_reminder_choice(&req.ctx, id, &choice).await {
        Ok(()) => req.done(page, crate::texts::sv::REMINDERS_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}

/// "Skicka en påminnelse nu".
#[server(endpoint = "test_reminder")]
pub async fn test_reminder(#[server(default)] participant_id: Option<i64>) -> Result<(), AppError> {
    let req = req().await?;
    let id = whose(&req, participant_id).await?;
    let page = crate::paths::REMINDERS;
    match req.state.access.send_test_reminder(&req.ctx, id).await {
        Ok(_) => req.done(page, crate::texts::sv::REMINDER_TEST_SENT).await,
        // Nothing chosen to send by: said on the page, where the choice is made.
        Err(crate::server::AccessError::Invalid { message, .. }) if req.is_form_post() => req.done(page, message).await,
        Err(e) => Err(req.fail(e)),
    }
}

/// The phone's push subscription, as `PushSubscription.toJSON()` gives it.
#[server(endpoint = "subscribe_push")]
pub async fn subscribe_push(
    #[server(default)] endpoint: String,
    #[server(default)] p256dh: String,
    #[server(default)] auth: String,
) -> Result<(), AppError> {
    use crate::server::access::reminders::PushSubscription;
    let req = req().await?;
    req.require_signed_in()?;
    let loopback = req.state.push_loopback;
    let subscription = PushSubscription::parse(&endpoint, &p256dh, &auth, loopback).map_err(|e| req.fail(e))?;
    req.state.access.add_push_subscription(&req.ctx, &subscription).await.map_err(|e| req.fail(e))
}

/// The phone showed a notification (from the service worker, `public/sw.js`).
#[server(endpoint = "reminder_shown")]
pub async fn reminder_shown(#[server(default)] key: String) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.reminder_shown(&req.ctx, &key).await.map_err(|e| req.fail(e))
}

/// On the record: reminders on or off, and whether the latest went out.
#[server(endpoint = "record_reminders")]
pub async fn load_record_reminders(#[server(default)] participant_id: i64) -> Result<RecordReminders, AppError> {
    let req = req().await?;
    req.state.access.record_reminders(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// Staff switch SMS reminders on or off, with the participant's say-so.
#[server(endpoint = "set_sms_reminders")]
pub async fn set_sms_reminders(
    #[server(default)] participant_id: i64,
    #[server(default)] sms: String,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let on = match sms.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            super::set_status(422);
            return Err(AppError::invalid("sms", crate::texts::staff::REMINDER_SMS_CHOOSE));
        }
    };
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Meetings);
    let notice = if on { crate::texts::staff::REMINDER_SMS_ON } else { crate::texts::staff::REMINDER_SMS_OFF };
    match req.state.access.set_sms_reminders(&req.ctx, participant_id, on).await {
        Ok(()) => req.done(&page, notice).await,
        Err(e) => req.refused(e, crate::models::FormFeedback::new(REMINDER_SMS_FORM), &page).await,
    }
}

pub const REMINDER_SMS_FORM: &str = "reminder_sms";
