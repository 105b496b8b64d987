//! Staff forms as the browser sends them: one struct a form, each field as
//! typed (a `String`, or a map for a group of checkboxes such as
//! `attendees[s12]=on`). A server function takes its form with
//! `#[server(flatten)]`, so the names on the wire are the struct's fields.
//! Each form is parsed in one place, a `TryFrom` into what the access layer
//! takes; its error is the feedback the form shows again: what was typed and
//! a message next to each wrong field.
//!
//! Ids the page puts in the address or a hidden field (`participant_id`,
//! `meeting_id`, `round_id`) stay plain `i64` arguments beside the form:
//! serde_qs gives a flattened struct every value as a string, so a number
//! inside it would not deserialize.

pub mod admin;
pub mod intake;
pub mod programme;
pub mod record;
pub mod reminders;
pub mod sus;

#[cfg(feature = "ssr")]
pub(crate) use ssr::*;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::models::FormFeedback;
    use serde_json::Value;

    /// How many ticked boxes of one group are kept to show again: more than
    /// any form offers, few enough that a script cannot fill the session.
    const BOXES_KEPT: usize = 100;

    /// A form whose feedback keeps every field as typed, read from the
    /// struct itself, so a new field is kept without a list to update.
    pub(crate) trait Form: serde::Serialize {
        /// Which form on the page the feedback is for (`PLAN_FORM`, …).
        const NAME: &'static str;

        /// Feedback with every field as typed and no message yet.
        fn feedback(&self) -> FormFeedback {
            let mut feedback = FormFeedback::new(Self::NAME);
            // A struct of strings and string maps always serialises to an object.
            let fields = match serde_json::to_value(self) {
                Ok(Value::Object(fields)) => fields,
                _ => serde_json::Map::new(),
            };
            for (name, value) in fields {
                match value {
                    Value::String(typed) => feedback.keep(&name, &typed),
                    // A checkbox group: each ticked box, as the browser names it.
                    Value::Object(ticked) => {
                        for key in ticked.keys().take(BOXES_KEPT) {
                            feedback.keep(&format!("{name}[{key}]"), "on");
                        }
                    }
                    other => feedback.keep(&name, &other.to_string()),
                }
            }
            feedback
        }
    }

    /// Names forms: `named_forms!(PlanForm => PLAN_FORM, …)`.
    macro_rules! named_forms {
        ($($form:ty => $name:expr),+ $(,)?) => {
            $(impl $crate::functions::forms::Form for $form {
                const NAME: &'static str = $name;
            })+
        };
    }
    pub(crate) use named_forms;

    #[cfg(test)]
    mod tests {
        use super::Form;
        use std::collections::HashMap;

        #[derive(serde::Serialize)]
        struct Example {
            name: String,
            empty: String,
            boxes: HashMap<String, String>,
        }

        impl Form for Example {
            const NAME: &'static str = "example";
        }

        #[test]
        fn feedback_keeps_every_field_and_each_ticked_box() {
            let boxes = (0..150).map(|i| (format!("s{i}"), "on".to_owned())).collect();
            let form = Example { name: "x".repeat(6000), empty: String::new(), boxes };
            let fb = form.feedback();
            assert_eq!(fb.form, "example");
            assert!(fb.errors.is_empty());
            // Cut to a sane length, and an empty field is kept too (the page then
            // shows what was typed, not the stored value).
            assert_eq!(fb.value("name").chars().count(), 5000);
            assert!(fb.values.iter().any(|(k, v)| k == "empty" && v.is_empty()));
            let ticked: Vec<_> = fb.values.iter().filter(|(k, _)| k.starts_with("boxes[s")).collect();
            assert_eq!(ticked.len(), 100);
            assert!(ticked.iter().all(|(k, v)| k.ends_with(']') && v == "on"));
        }
    }
}
