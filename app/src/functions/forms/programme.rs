//! The work-preparation programme's staff forms, as typed and parsed.

use serde::{Deserialize, Serialize};

/// A new round with weekly sessions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewRoundForm {
    pub name: String,
    /// Group or individual.
    pub form: String,
    pub place: String,
    /// A staff id, or empty for none.
    pub responsible: String,
    pub capacity: String,
    pub first_date: String,
    pub start_time: String,
    pub minutes: String,
    pub count: String,
}

/// A new number of places for a round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapacityForm {
    pub capacity: String,
}

/// Staff put a participant in the interest queue (chosen in a list, so the id
/// is a field of the form and a wrong one is said next to it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterestForm {
    pub participant_id: String,
    pub note: String,
}

/// One session: a changed one, or a new one in a round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub theme: String,
    pub place: String,
    /// A visit from FK or AF, or none.
    pub visit: String,
}

#[cfg(feature = "ssr")]
pub(crate) use parse::*;

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::{
        Capacity, LongText, MeetingTime, RoundForm, SessionCount, SessionMinutes, SessionVisit, ShortText,
        parse_iso_date,
    };
    use crate::functions::forms::{Form, named_forms};
    use crate::functions::programme::{CAPACITY_FORM, INTEREST_FORM, NEW_ROUND_FORM, SESSION_FORM};
    use crate::models::FormFeedback;
    use crate::server::access::programme::{NewRound, SessionUpdate};
    use crate::texts::staff as text;

    // A new session is the same form as a changed one, under `NEW_SESSION_FORM`.
    named_forms!(
        NewRoundForm => NEW_ROUND_FORM,
        CapacityForm => CAPACITY_FORM,
        InterestForm => INTEREST_FORM,
        SessionForm => SESSION_FORM,
    );

    impl TryFrom<NewRoundForm> for NewRound {
        type Error = FormFeedback;

        fn try_from(form: NewRoundForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let name = fb.check("name", ShortText::parse(&form.name));
            let round_form = fb.check("form", RoundForm::parse(&form.form));
            let place = fb.check("place", ShortText::parse(&form.place));
            let responsible = if form.responsible.trim().is_empty() {
                Some(None)
            } else {
                let id = form.responsible.trim().parse::<i64>();
                fb.check("responsible", id.map(Some).map_err(|_| text::PERSON_NOT_LISTED))
            };
            let capacity = fb.check("capacity", Capacity::parse(&form.capacity));
            let first = fb.check("first_date", parse_iso_date(&form.first_date));
            let minutes = fb.check("minutes", SessionMinutes::parse(&form.minutes));
            let count = fb.check("count", SessionCount::parse(&form.count));
            let sessions = match (first, minutes, count) {
                (Some(first), Some(minutes), Some(count)) => {
                    fb.check("start_time", MeetingTime::weekly(first, &form.start_time, minutes.get(), count.get()))
                }
                _ => None,
            };
            let round = match (name, round_form, place, responsible, capacity, sessions) {
                (Some(name), Some(form), Some(place), Some(responsible_staff_id), Some(capacity), Some(sessions)) => {
                    Some(NewRound { name, form, place, responsible_staff_id, capacity, sessions })
                }
                _ => None,
            };
            fb.finish(round)
        }
    }

    impl TryFrom<CapacityForm> for Capacity {
        type Error = FormFeedback;

        fn try_from(form: CapacityForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let capacity = fb.check("capacity", Capacity::parse(&form.capacity));
            fb.finish(capacity)
        }
    }

    /// A place in the interest queue, parsed.
    #[derive(Debug)]
    pub(crate) struct NewInterest {
        pub participant_id: i64,
        pub note: LongText,
    }

    impl TryFrom<InterestForm> for NewInterest {
        type Error = FormFeedback;

        fn try_from(form: InterestForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let id = form.participant_id.trim().parse::<i64>().map_err(|_| text::PARTICIPANT_NOT_LISTED);
            let participant_id = fb.check("participant_id", id);
            let note = fb.check("note", LongText::parse(&form.note));
            fb.finish(participant_id.zip(note).map(|(participant_id, note)| NewInterest { participant_id, note }))
        }
    }

    impl TryFrom<SessionForm> for SessionUpdate {
        type Error = FormFeedback;

        fn try_from(form: SessionForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let time = fb.check("date", MeetingTime::parse_local(&form.date, &form.start, &form.end));
            let theme = fb.check("theme", ShortText::parse(&form.theme));
            let place = fb.check("place", ShortText::parse(&form.place));
            let visit = fb.check("visit", SessionVisit::parse(&form.visit));
            let session = match (time, theme, place, visit) {
                (Some(time), Some(theme), Some(place), Some(visit)) => {
                    Some(SessionUpdate { time, theme, place, visit })
                }
                _ => None,
            };
            fb.finish(session)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn round() -> NewRoundForm {
            NewRoundForm {
                name: "Våren 2026".into(),
                form: "group".into(),
                place: "Verkstaden".into(),
                responsible: String::new(),
                capacity: "6".into(),
                first_date: "2026-03-17".into(),
                start_time: "13:00".into(),
                minutes: "90".into(),
                count: "4".into(),
            }
        }

        #[test]
        fn a_good_round_has_its_weekly_sessions() {
            let round = NewRound::try_from(round()).expect("a good round");
            assert_eq!((round.sessions.len(), round.responsible_staff_id, round.capacity.get()), (4, None, 6));
        }

        #[test]
        fn a_bad_round_names_every_wrong_field_and_keeps_what_was_typed() {
            let form = NewRoundForm {
                form: "stor".into(),
                responsible: "Anna".into(),
                capacity: "30".into(),
                start_time: "1 pm".into(),
                ..round()
            };
            let fb = NewRound::try_from(form).expect_err("refused");
            assert_eq!(fb.form, NEW_ROUND_FORM);
            let wrong: Vec<_> = fb.errors.iter().map(|(field, _)| field.as_str()).collect();
            assert_eq!(wrong, ["form", "responsible", "capacity", "start_time"]);
            assert_eq!(fb.error("responsible").as_deref(), Some("Välj en person i listan."));
            assert_eq!((fb.value("capacity"), fb.value("start_time")), ("30".into(), "1 pm".into()));
            assert_eq!(fb.values.len(), 9);
        }

        #[test]
        fn a_session_and_an_interest_name_their_wrong_fields() {
            let session = SessionForm {
                date: "2026-03-17".into(),
                start: "13:00".into(),
                end: "14:30".into(),
                ..Default::default()
            };
            let fb = SessionUpdate::try_from(session).expect_err("refused");
            assert_eq!(fb.form, SESSION_FORM);
            let wrong: Vec<_> = fb.errors.iter().map(|(field, _)| field.as_str()).collect();
            assert_eq!(wrong, ["theme", "place", "visit"]);
            let fb = NewInterest::try_from(InterestForm { participant_id: "x".into(), note: String::new() })
                .expect_err("refused");
            assert_eq!(fb.errors, [("participant_id".to_owned(), "Välj en deltagare i listan.".to_owned())]);
            assert_eq!(fb.value("participant_id"), "x");
        }
    }
}
