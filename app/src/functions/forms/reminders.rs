//! The "Påminnelser" form: when, how, and what a locked phone may show.

use serde::{Deserialize, Serialize};

/// Checkboxes send "on" when ticked and nothing when not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderForm {
    pub day_before: String,
    pub day_before_at: String,
    pub two_hours_before: String,
    pub by_push: String,
    pub by_sms: String,
    pub lock_screen: String,
}

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::{LockScreen, ReminderChoice, TimeOfDay};
    use crate::functions::forms::{Form, named_forms};
    use crate::functions::reminders::REMINDER_FORM;
    use crate::models::FormFeedback;

    named_forms!(ReminderForm => REMINDER_FORM);

    fn ticked(value: &str) -> bool {
        !value.trim().is_empty()
    }

    impl TryFrom<ReminderForm> for ReminderChoice {
        type Error = FormFeedback;

        fn try_from(form: ReminderForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            // The time counts only when "Dagen före" is ticked; left empty, it is 18.00.
            let day_before = if ticked(&form.day_before) {
                match form.day_before_at.trim() {
                    "" => Some(Some(TimeOfDay::EVENING)),
                    typed => fb.check("day_before_at", TimeOfDay::parse(typed)).map(Some),
                }
            } else {
                Some(None)
            };
            let lock_screen = match form.lock_screen.trim() {
                "" => Some(LockScreen::WhatAndWhen),
                typed => fb.check("lock_screen", LockScreen::parse(typed)),
            };
            let choice = match (day_before, lock_screen) {
                (Some(day_before), Some(lock_screen)) => Some(ReminderChoice {
                    day_before,
                    two_hours_before: ticked(&form.two_hours_before),
                    by_push: ticked(&form.by_push),
                    by_sms: ticked(&form.by_sms),
                    lock_screen,
                }),
                _ => None,
            };
            fb.finish(choice)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_form_becomes_a_choice_and_a_bad_time_is_named() {
            let form = ReminderForm {
                day_before: "on".into(),
                day_before_at: "19.30".into(),
                by_sms: "on".into(),
                lock_screen: "only_that".into(),
                ..Default::default()
            };
            let choice = ReminderChoice::try_from(form).unwrap();
            assert_eq!(choice.day_before.unwrap().display(), "19.30");
            assert!(choice.by_sms && !choice.by_push && !choice.two_hours_before);
            assert_eq!(choice.lock_screen, LockScreen::OnlyThat);

            let nothing = ReminderChoice::try_from(ReminderForm::default()).unwrap();
            assert!(!nothing.is_on());

            let bad = ReminderForm { day_before: "on".into(), day_before_at: "kväll".into(), ..Default::default() };
            let feedback = ReminderChoice::try_from(bad).unwrap_err();
            assert_eq!(feedback.errors[0].0, "day_before_at");
            assert!(feedback.values.iter().any(|(k, v)| k == "day_before_at" && v == "kväll"), "what was typed stays");
        }
    }
}
