//! "Påminnelser": when and how I am reminded of my meetings, and what a
//! locked phone may show. A relative whose consent shares the meetings
//! chooses the same for the participant's meetings, for their own phone.
//!
//! A plain form: it works without JavaScript. With it, `public/reminders.js`
//! asks the phone for notifications and subscribes it (through the service
//! worker) before the form is sent, when "I appen" is ticked.

use crate::components::Icon;
use crate::domain::{LockScreen, ReminderChoice, TimeOfDay};
use crate::functions::reminders::{SaveReminders, TestReminder, load_reminders};
use crate::layouts::participant_page;
use crate::models::ReminderSettings;
use crate::texts::sv;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RemindersPage() -> impl IntoView {
    participant_page(load_reminders, |page, _| view! { <RemindersView page/> })
}

/// What the form shows: what was sent back with an error, else what is saved, else a suggestion.
struct Shown {
    day_before: bool,
    day_before_at: String,
    two_hours: bool,
    by_push: bool,
    by_sms: bool,
    only_that: bool,
}

impl Shown {
    fn of(page: &ReminderSettings) -> Self {
        if let Some(fb) = &page.feedback {
            let ticked = |name: &str| fb.values.iter().any(|(k, v)| k == name && !v.is_empty());
            let typed = fb.values.iter().find(|(k, _)| k == "day_before_at").map(|(_, v)| v.clone());
            return Shown {
                day_before: ticked("day_before"),
                day_before_at: typed.unwrap_or_default(),
                two_hours: ticked("two_hours_before"),
                by_push: ticked("by_push"),
                by_sms: ticked("by_sms"),
                only_that: fb.values.iter().any(|(k, v)| k == "lock_screen" && v == LockScreen::OnlyThat.as_str()),
            };
        }
        let choice = page.choice.unwrap_or(ReminderChoice::SUGGESTED);
        Shown {
            day_before: choice.day_before.is_some(),
            day_before_at: choice.day_before.unwrap_or(TimeOfDay::EVENING).display().replace('.', ":"),
            two_hours: choice.two_hours_before,
            by_push: choice.by_push,
            by_sms: choice.by_sms,
            only_that: choice.lock_screen == LockScreen::OnlyThat,
        }
    }
}

#[component]
fn RemindersView(page: ReminderSettings) -> impl IntoView {
    let shown = Shown::of(&page);
    let error = |field: &str| {
        page.feedback.as_ref().and_then(|fb| fb.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
    };
    let time_error = error("day_before_at");
    let sms_error = error("by_sms");
    let status = match page.choice {
        None => Some(sv::REMINDERS_NOT_CHOSEN),
        Some(c) if !c.is_on() => Some(sv::REMINDERS_OFF),
        Some(_) => None,
    };
    let participant_id = page.participant_id.to_string();
    view! {
        <h1><Icon name="bell"/>{sv::REMINDERS_TITLE}</h1>
        <p>{if page.for_someone_else { sv::REMINDERS_ABOUT_OTHER } else { sv::REMINDERS_ABOUT }}</p>
        {page.notice.map(|n| view! { <p class="notice-banner" role="status"><Icon name="circle-check" size=24/><span>{n}</span></p> })}
        {status.map(|s| view! { <p class="panel">{s}</p> })}
        <form method="post" action=SaveReminders::url() class="reminders-form" data-push-key=page.push_key.clone()>
            <input type="hidden" name="participant_id" value=participant_id.clone()/>
            <fieldset class="field choices">
                <legend><Icon name="calendar-days" size=24/><span>{sv::REMINDERS_WHEN}</span></legend>
                <label class="choice">
                    <input type="checkbox" name="day_before" value="on" checked=shown.day_before/>
                    <span>{sv::REMINDERS_DAY_BEFORE}</span>
                </label>
                <div class="field" class:field-error=time_error.is_some()>
                    <label for="field-day_before_at">{sv::REMINDERS_DAY_BEFORE_AT}</label>
                    {time_error.clone().map(|e| view! {
                        <p class="error-message" id="field-day_before_at-error">
                            <Icon name="triangle-alert" size=24/><span>{e}</span>
                        </p>
                    })}
                    <input type="time" id="field-day_before_at" name="day_before_at" value=shown.day_before_at
                        aria-describedby=time_error.is_some().then_some("field-day_before_at-error")
                        aria-invalid=time_error.is_some().then_some("true")/>
                </div>
                <label class="choice">
                    <input type="checkbox" name="two_hours_before" value="on" checked=shown.two_hours/>
                    <span>{sv::REMINDERS_TWO_HOURS}</span>
                </label>
            </fieldset>
            <fieldset class="field choices" class:field-error=sms_error.is_some()>
                <legend><Icon name="smartphone" size=24/><span>{sv::REMINDERS_HOW}</span></legend>
                {sms_error.clone().map(|e| view! {
                    <p class="error-message" id="field-by_sms-error"><Icon name="triangle-alert" size=24/><span>{e}</span></p>
                })}
                <label class="choice">
                    <input type="checkbox" name="by_push" value="on" checked=shown.by_push disabled=page.push_key.is_none()/>
                    <span>{sv::REMINDERS_BY_PUSH}</span>
                </label>
                <p class="hint" data-no-app hidden=page.push_key.is_some()>{sv::REMINDERS_NO_APP}</p>
                <label class="choice">
                    <input type="checkbox" name="by_sms" value="on" checked=shown.by_sms
                        aria-describedby=sms_error.is_some().then_some("field-by_sms-error")/>
                    <span>{sv::REMINDERS_BY_SMS}</span>
                </label>
                <p class="hint">{if page.has_phone { sv::REMINDERS_SMS_QUIET } else { sv::REMINDERS_NO_PHONE }}</p>
            </fieldset>
            <fieldset class="field choices">
                <legend><Icon name="eye" size=24/><span>{sv::REMINDERS_LOCKED}</span></legend>
                <label class="choice">
                    <input type="radio" name="lock_screen" value=LockScreen::WhatAndWhen.as_str() checked=!shown.only_that/>
                    <span>{sv::REMINDERS_WHAT_AND_WHEN}</span>
                </label>
                <label class="choice">
                    <input type="radio" name="lock_screen" value=LockScreen::OnlyThat.as_str() checked=shown.only_that/>
                    <span>{sv::REMINDERS_ONLY_THAT}</span>
                </label>
            </fieldset>
            <button type="submit" class="button">
                <Icon name="circle-check" size=24/><span>{sv::REMINDERS_SAVE}</span>
            </button>
        </form>
        {page.choice.is_some_and(|c| c.is_on()).then(|| view! {
            <section aria-labelledby="try">
                <h2 id="try"><Icon name="bell-ring"/>{sv::REMINDERS_TRY}</h2>
                <form method="post" action=TestReminder::url()>
                    <input type="hidden" name="participant_id" value=participant_id/>
                    <button type="submit" class="button button-secondary">
                        <Icon name="bell-ring" size=24/><span>{sv::REMINDERS_TRY_BUTTON}</span>
                    </button>
                </form>
            </section>
        })}
        <script type="module" src="/reminders.js"></script>
    }
}
