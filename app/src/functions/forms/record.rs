//! The participant record's forms (`/personal/deltagare/:id/…`), as typed and parsed.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A new version of the joint plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub goal: String,
    pub reason: String,
    pub from: String,
    pub until: String,
    pub days_per_week: String,
    pub hours_per_week: String,
    /// One activity a line.
    pub activities: String,
    pub follow_up_on: String,
    pub follow_up_what: String,
    pub other_notes: String,
}

/// A new meeting. Attendees are ticked boxes `attendees[s12]`, `attendees[e3]`,
/// `attendees[r7]` (staff, external contact, relative).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub kind: String,
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub video_link: String,
    pub bring: String,
    pub attendees: HashMap<String, String>,
}

/// A new time for a meeting (the meeting's id is an argument beside it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RescheduleForm {
    pub date: String,
    pub start: String,
    pub end: String,
}

/// A consent given. Sharing with a relative ticks boxes `sections[plan]` etc.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    pub scope: String,
    pub organisation: String,
    pub relative_id: String,
    pub sections: HashMap<String, String>,
    pub method: String,
    pub given_on: String,
}

/// A step on the ladder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepForm {
    pub step: String,
    pub on: String,
    pub note: String,
}

/// The participant's road (the AF/FK road or the ASF road).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoadForm {
    pub road: String,
}

/// A date of the transition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransitionForm {
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
    pub note: String,
}

/// A return to DV while the decision rests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnForm {
    pub on: String,
}

/// A step within DV: group or placement, hours a week, from which day, and
/// whether it is another group or placement (`new_place` is "1" when ticked).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DvChangeForm {
    pub dv_form: String,
    pub hours_per_week: String,
    pub on: String,
    pub new_place: String,
}

/// A new contact person. `who` is `s<staff id>`, `e<external id>` or `new`
/// (then the new officer's name, organisation and title are needed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactPersonForm {
    pub who: String,
    pub role_in_case: String,
    pub since: String,
    pub new_name: String,
    pub new_organisation: String,
    pub new_title: String,
    pub new_phone: String,
    pub new_email: String,
}

/// Extended support after employment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtendedSupportForm {
    pub employer: String,
    pub starts_on: String,
}

/// Paid work the participant got: from (and, if known, to) which day, hours
/// a week, the kind of employer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmploymentForm {
    pub starts_on: String,
    pub ends_on: String,
    pub hours_per_week: String,
    pub employer_kind: String,
}

/// The last day of an employment that was still running.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmploymentEndForm {
    pub employment_id: String,
    pub ends_on: String,
}

/// The participant leaves DV.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DischargeForm {
    pub on: String,
    pub outcome: String,
}

#[cfg(feature = "ssr")]
pub(crate) use parse::*;

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::{
        ClockKind, ConsentMethod, ConsentScope, DischargeOutcome, DvForm, Email, EmployerKind, Employment,
        HoursPerWeek, LadderStep, LongText, MeetingKind, MeetingTime, Organisation, PersonName, PhoneNumber, Road,
        ShortText, parse_iso_date,
    };
    use crate::functions::forms::{Form, named_forms};
    use crate::functions::record::{
        CONSENT_FORM, CONTACT_FORM, DISCHARGE_FORM, DV_FORM, EMPLOYMENT_END_FORM, EMPLOYMENT_FORM, EXTENDED_FORM,
        MEETING_FORM, PLAN_FORM, RESCHEDULE_FORM, RETURN_FORM, ROAD_FORM, STEP_FORM, TRANSITION_FORM,
    };
    use crate::models::FormFeedback;
    use crate::policy::Section;
    use crate::server::access::record::{
        ContactWho, NewConsent, NewContactPerson, NewMeeting, NewPlan, NewTransitionDate,
    };
    use crate::texts::staff as text;
    use chrono::NaiveDate;

    named_forms!(
        PlanForm => PLAN_FORM,
        MeetingForm => MEETING_FORM,
        RescheduleForm => RESCHEDULE_FORM,
        ConsentForm => CONSENT_FORM,
        StepForm => STEP_FORM,
        DvChangeForm => DV_FORM,
        RoadForm => ROAD_FORM,
        TransitionForm => TRANSITION_FORM,
        ReturnForm => RETURN_FORM,
        ContactPersonForm => CONTACT_FORM,
        ExtendedSupportForm => EXTENDED_FORM,
        EmploymentForm => EMPLOYMENT_FORM,
        EmploymentEndForm => EMPLOYMENT_END_FORM,
        DischargeForm => DISCHARGE_FORM,
    );

    /// An optional field: empty is `Some(None)`, otherwise parsed (or `None`
    /// with the message noted).
    fn optional<T, E: std::fmt::Display>(
        fb: &mut FormFeedback,
        field: &str,
        typed: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        if typed.trim().is_empty() { Some(None) } else { fb.check(field, parse(typed).map(Some)) }
    }

    impl TryFrom<PlanForm> for NewPlan {
        type Error = FormFeedback;

        fn try_from(form: PlanForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let goal = fb.check("goal", ShortText::parse(&form.goal));
            let reason = fb.check("reason", LongText::parse(&form.reason));
            let from = fb.check("from", parse_iso_date(&form.from));
            let until = optional(&mut fb, "until", &form.until, parse_iso_date);
            if let (Some(f), Some(Some(u))) = (from, until)
                && u < f
            {
                fb.errors.push(("until".into(), text::PLAN_UNTIL_BEFORE_FROM.into()));
            }
            let days = fb.check(
                "days_per_week",
                form.days_per_week
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (1..=7).contains(d))
                    .ok_or(text::PLAN_DAYS_PER_WEEK_RANGE),
            );
            let hours = fb.check("hours_per_week", HoursPerWeek::parse(&form.hours_per_week));
            let activities = fb.check("activities", LongText::parse(&form.activities)).map(|_| {
                let lines = form.activities.lines().map(str::trim).filter(|l| !l.is_empty());
                lines.map(|l| l.chars().take(200).collect()).collect()
            });
            let follow_up = match (form.follow_up_on.trim().is_empty(), form.follow_up_what.trim().is_empty()) {
                (true, true) => Some(None),
                (false, _) => {
                    let on = fb.check("follow_up_on", parse_iso_date(&form.follow_up_on));
                    let what = fb.check("follow_up_what", ShortText::parse(&form.follow_up_what));
                    on.zip(what).map(Some)
                }
                (true, false) => {
                    fb.errors.push(("follow_up_on".into(), text::PLAN_FOLLOW_UP_WHEN.into()));
                    None
                }
            };
            let other_notes = fb.check("other_notes", LongText::parse(&form.other_notes));
            let plan = match (goal, reason, from, until, days, hours, activities, follow_up, other_notes) {
                (
                    Some(goal),
                    Some(reason),
                    Some(from),
                    Some(until),
                    Some(days_per_week),
                    Some(hours_per_week),
                    Some(activities),
                    Some(follow_up),
                    Some(other_notes),
                ) => Some(NewPlan {
                    goal,
                    reason,
                    from,
                    until,
                    days_per_week,
                    hours_per_week,
                    activities,
                    follow_up,
                    other_notes,
                }),
                _ => None,
            };
            fb.finish(plan)
        }
    }

    impl TryFrom<MeetingForm> for NewMeeting {
        type Error = FormFeedback;

        fn try_from(form: MeetingForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let kind = fb.check(
                "kind",
                MeetingKind::parse(&form.kind)
                    .ok()
                    .filter(|k| *k != MeetingKind::ProgrammeSession)
                    .ok_or(text::MEETING_KIND_NOT_LISTED),
            );
            let title = fb.check("title", ShortText::parse(&form.title));
            let time = fb.check("date", MeetingTime::parse_local(&form.date, &form.start, &form.end));
            let place = optional(&mut fb, "place", &form.place, ShortText::parse);
            let video_link = optional(&mut fb, "video_link", form.video_link.trim(), |link| {
                let ok = link.starts_with("https://") && link.len() <= 500 && !link.chars().any(char::is_whitespace);
                ok.then(|| link.to_owned()).ok_or(text::MEETING_LINK_NOT_HTTPS)
            });
            if matches!((&place, &video_link), (Some(None), Some(None))) {
                fb.errors.push(("place".into(), text::MEETING_PLACE_OR_LINK.into()));
            }
            let bring = fb.check("bring", LongText::parse(&form.bring));
            let (mut staff, mut externals, mut relatives) = (Vec::new(), Vec::new(), Vec::new());
            for key in form.attendees.keys() {
                let (list, id) = match key.split_at_checked(1) {
                    Some(("s", id)) => (&mut staff, id),
                    Some(("e", id)) => (&mut externals, id),
                    Some(("r", id)) => (&mut relatives, id),
                    _ => {
                        fb.errors.push(("attendees".into(), text::MEETING_ONLY_LISTED_PEOPLE.into()));
                        continue;
                    }
                };
                match id.parse::<i64>() {
                    Ok(id) => list.push(id),
                    Err(_) => fb.errors.push(("attendees".into(), text::MEETING_ONLY_LISTED_PEOPLE.into())),
                }
            }
            let meeting = match (kind, title, time, place, video_link, bring) {
                (Some(kind), Some(title), Some(time), Some(place), Some(video_link), Some(bring)) => {
                    Some(NewMeeting { kind, title, time, place, video_link, bring, staff, externals, relatives })
                }
                _ => None,
            };
            fb.finish(meeting)
        }
    }

    impl TryFrom<RescheduleForm> for MeetingTime {
        type Error = FormFeedback;

        fn try_from(form: RescheduleForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let time = fb.check("date", MeetingTime::parse_local(&form.date, &form.start, &form.end));
            fb.finish(time)
        }
    }

    impl TryFrom<ConsentForm> for NewConsent {
        type Error = FormFeedback;

        fn try_from(form: ConsentForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let scope = fb.check("scope", ConsentScope::parse(&form.scope));
            let method = fb.check("method", ConsentMethod::parse(&form.method));
            let given_on = fb.check("given_on", parse_iso_date(&form.given_on));
            if given_on.is_some_and(|d| d > crate::server::today()) {
                fb.errors.push(("given_on".into(), text::CONSENT_GIVEN_IN_FUTURE.into()));
            }
            let (mut organisation, mut relative_id) = (None, None);
            let mut sections = Vec::new();
            match scope {
                Some(ConsentScope::ShareWithRelative) => {
                    relative_id = fb.check(
                        "relative_id",
                        form.relative_id.trim().parse::<i64>().map_err(|_| text::CONSENT_CHOOSE_RELATIVE),
                    );
                    for key in form.sections.keys() {
                        match Section::parse_shareable(key) {
                            Some(s) => sections.push(s),
                            None => fb.errors.push(("sections".into(), text::CONSENT_ONLY_LISTED_SECTIONS.into())),
                        }
                    }
                    if sections.is_empty() {
                        fb.errors.push(("sections".into(), text::CONSENT_CHOOSE_SECTION.into()));
                    }
                }
                Some(_) => organisation = fb.check("organisation", Organisation::parse(&form.organisation)),
                None => {}
            }
            if let (Some(scope), Some(ConsentMethod::Oral)) = (scope, method)
                && scope.requires_written()
            {
                fb.errors.push(("method".into(), text::CONSENT_MUST_BE_WRITTEN.into()));
            }
            sections.sort_by_key(|s| s.as_str());
            let consent = match (scope, method, given_on) {
                (Some(scope), Some(method), Some(given_on)) if organisation.is_some() || relative_id.is_some() => {
                    Some(NewConsent { scope, organisation, relative_id, sections, method, given_on })
                }
                _ => None,
            };
            fb.finish(consent)
        }
    }

    /// A step on the ladder, parsed.
    pub(crate) struct NewStep {
        pub step: LadderStep,
        pub on: NaiveDate,
        pub note: LongText,
    }

    impl TryFrom<StepForm> for NewStep {
        type Error = FormFeedback;

        fn try_from(form: StepForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let step = fb.check("step", LadderStep::parse(&form.step));
            let on = fb.check("on", parse_iso_date(&form.on));
            let note = fb.check("note", LongText::parse(&form.note));
            fb.finish(step.zip(on).zip(note).map(|((step, on), note)| NewStep { step, on, note }))
        }
    }

    impl TryFrom<RoadForm> for Road {
        type Error = FormFeedback;

        fn try_from(form: RoadForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let road = fb.check("road", Road::parse(&form.road));
            fb.finish(road)
        }
    }

    impl TryFrom<TransitionForm> for NewTransitionDate {
        type Error = FormFeedback;

        fn try_from(form: TransitionForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let kind = fb.check("kind", ClockKind::parse(&form.kind));
            let starts_on = fb.check("starts_on", parse_iso_date(&form.starts_on));
            let ends_on = optional(&mut fb, "ends_on", &form.ends_on, parse_iso_date);
            let note = optional(&mut fb, "note", &form.note, LongText::parse);
            // Only FSF's support has an end of its own; it comes after the start.
            if let (Some(kind), Some(Some(ends_on))) = (kind, ends_on) {
                if kind != ClockKind::FsfSupport {
                    fb.errors.push(("ends_on".into(), text::TRANSITION_ENDS_ONLY_FSF.into()));
                } else if starts_on.is_some_and(|s| ends_on <= s) {
                    fb.errors.push(("ends_on".into(), text::TRANSITION_ENDS_AFTER_START.into()));
                }
            }
            let new = match (kind, starts_on, ends_on, note) {
                (Some(kind), Some(starts_on), Some(ends_on), Some(note)) => {
                    Some(NewTransitionDate { kind, starts_on, ends_on, note })
                }
                _ => None,
            };
            fb.finish(new)
        }
    }

    /// A return to DV, parsed: its day.
    pub(crate) struct NewReturn {
        pub on: NaiveDate,
    }

    impl TryFrom<ReturnForm> for NewReturn {
        type Error = FormFeedback;

        fn try_from(form: ReturnForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let on = fb.check("on", parse_iso_date(&form.on));
            fb.finish(on.map(|on| NewReturn { on }))
        }
    }

    /// A step within DV, parsed.
    pub(crate) struct DvChange {
        pub form: DvForm,
        pub hours: HoursPerWeek,
        pub on: NaiveDate,
        pub new_place: bool,
    }

    impl TryFrom<DvChangeForm> for DvChange {
        type Error = FormFeedback;

        fn try_from(form: DvChangeForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let dv_form = fb.check("dv_form", DvForm::parse(&form.dv_form));
            let hours = fb.check("hours_per_week", HoursPerWeek::parse(&form.hours_per_week));
            let on = fb.check("on", parse_iso_date(&form.on));
            let new_place = !form.new_place.is_empty();
            fb.finish(dv_form.zip(hours).zip(on).map(|((form, hours), on)| DvChange { form, hours, on, new_place }))
        }
    }

    impl TryFrom<ContactPersonForm> for NewContactPerson {
        type Error = FormFeedback;

        fn try_from(form: ContactPersonForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let role_in_case = fb.check("role_in_case", ShortText::parse(&form.role_in_case));
            let since = fb.check("since", parse_iso_date(&form.since));
            let listed =
                |id: &str, who: fn(i64) -> ContactWho| id.parse().map(who).map_err(|_| text::PERSON_NOT_LISTED);
            let who = match form.who.split_at_checked(1) {
                Some(("s", id)) => fb.check("who", listed(id, ContactWho::Staff)),
                Some(("e", id)) => fb.check("who", listed(id, ContactWho::External)),
                _ if form.who == "new" => {
                    let name = fb.check("new_name", PersonName::parse(&form.new_name));
                    let organisation = fb.check("new_organisation", Organisation::parse(&form.new_organisation));
                    let title = fb.check("new_title", ShortText::parse(&form.new_title));
                    let phone = optional(&mut fb, "new_phone", &form.new_phone, PhoneNumber::parse);
                    let email = optional(&mut fb, "new_email", &form.new_email, Email::parse);
                    match (name, organisation, title, phone, email) {
                        (Some(name), Some(organisation), Some(title), Some(phone), Some(email)) => {
                            Some(ContactWho::NewExternal { name, organisation, title, phone, email })
                        }
                        _ => None,
                    }
                }
                _ => fb.check("who", Err::<ContactWho, _>(text::CONTACT_CHOOSE_WHO)),
            };
            let contact = match (who, role_in_case, since) {
                (Some(who), Some(role_in_case), Some(since)) => Some(NewContactPerson { who, role_in_case, since }),
                _ => None,
            };
            fb.finish(contact)
        }
    }

    /// Extended support after employment, parsed.
    pub(crate) struct NewExtendedSupport {
        pub employer: ShortText,
        pub starts_on: NaiveDate,
    }

    impl TryFrom<ExtendedSupportForm> for NewExtendedSupport {
        type Error = FormFeedback;

        fn try_from(form: ExtendedSupportForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let employer = fb.check("employer", ShortText::parse(&form.employer));
            let starts_on = fb.check("starts_on", parse_iso_date(&form.starts_on));
            fb.finish(employer.zip(starts_on).map(|(employer, starts_on)| NewExtendedSupport { employer, starts_on }))
        }
    }

    impl TryFrom<EmploymentForm> for Employment {
        type Error = FormFeedback;

        fn try_from(form: EmploymentForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let starts_on = fb.check("starts_on", parse_iso_date(&form.starts_on));
            let ends_on = optional(&mut fb, "ends_on", &form.ends_on, parse_iso_date);
            let hours = fb.check("hours_per_week", HoursPerWeek::parse(&form.hours_per_week));
            let employer = fb.check("employer_kind", EmployerKind::parse(&form.employer_kind));
            if let (Some(start), Some(Some(end))) = (starts_on, ends_on)
                && end < start
            {
                fb.errors.push(("ends_on".into(), text::EMPLOYMENT_ENDS_BEFORE_START.into()));
            }
            let job = match (starts_on, ends_on, hours, employer) {
                (Some(starts_on), Some(ends_on), Some(hours_per_week), Some(employer)) => {
                    Some(Employment { starts_on, ends_on, hours_per_week, employer })
                }
                _ => None,
            };
            fb.finish(job)
        }
    }

    /// The end of an employment, parsed.
    pub(crate) struct EmploymentEnd {
        pub employment_id: i64,
        pub ends_on: NaiveDate,
    }

    impl TryFrom<EmploymentEndForm> for EmploymentEnd {
        type Error = FormFeedback;

        fn try_from(form: EmploymentEndForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let id =
                fb.check("ends_on", form.employment_id.trim().parse::<i64>().map_err(|_| text::EMPLOYMENT_UNKNOWN));
            let ends_on = fb.check("ends_on", parse_iso_date(&form.ends_on));
            fb.finish(id.zip(ends_on).map(|(employment_id, ends_on)| EmploymentEnd { employment_id, ends_on }))
        }
    }

    /// A discharge from DV, parsed.
    pub(crate) struct NewDischarge {
        pub on: NaiveDate,
        pub outcome: DischargeOutcome,
    }

    impl TryFrom<DischargeForm> for NewDischarge {
        type Error = FormFeedback;

        fn try_from(form: DischargeForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let on = fb.check("on", parse_iso_date(&form.on));
            let outcome = fb.check("outcome", DischargeOutcome::parse(&form.outcome));
            fb.finish(on.zip(outcome).map(|(on, outcome)| NewDischarge { on, outcome }))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn plan() -> PlanForm {
            PlanForm {
                goal: "Jobba i ett kafé".into(),
                reason: "Jag tycker om att träffa folk.".into(),
                from: "2026-01-12".into(),
                until: String::new(),
                days_per_week: "4".into(),
                hours_per_week: "20".into(),
                activities: "Kafé på torsdagar\n\n  Praktik  \n".into(),
                follow_up_on: "2026-03-01".into(),
                follow_up_what: "Hur praktiken går".into(),
                other_notes: String::new(),
            }
        }

        fn fields_with_errors(fb: &FormFeedback) -> Vec<&str> {
            fb.errors.iter().map(|(field, _)| field.as_str()).collect()
        }

        #[test]
        fn a_good_plan_parses() {
            let plan = NewPlan::try_from(plan()).expect("a good plan");
            assert_eq!(plan.goal.as_str(), "Jobba i ett kafé");
            assert_eq!(plan.from, NaiveDate::from_ymd_opt(2026, 1, 12).unwrap());
            assert_eq!(plan.until, None);
            assert_eq!(plan.days_per_week, 4);
            assert_eq!(plan.activities, vec!["Kafé på torsdagar".to_owned(), "Praktik".to_owned()]);
            let (on, what) = plan.follow_up.expect("a follow-up");
            assert_eq!((on.to_string().as_str(), what.as_str()), ("2026-03-01", "Hur praktiken går"));
        }

        #[test]
        fn a_bad_plan_names_every_wrong_field_and_keeps_what_was_typed() {
            let form = PlanForm {
                goal: String::new(),
                from: "12/1".into(),
                days_per_week: "9".into(),
                hours_per_week: "många".into(),
                follow_up_on: String::new(),
                ..plan()
            };
            let fb = NewPlan::try_from(form.clone()).expect_err("refused");
            assert_eq!(fb.form, PLAN_FORM);
            assert_eq!(fields_with_errors(&fb), ["goal", "from", "days_per_week", "hours_per_week", "follow_up_on"]);
            assert_eq!(fb.error("days_per_week").as_deref(), Some("Skriv antal dagar, 1 till 7."));
            assert_eq!(fb.error("follow_up_on").as_deref(), Some("Skriv när uppföljningen ska vara."));
            for (field, typed) in [("goal", &form.goal), ("from", &form.from), ("activities", &form.activities)] {
                assert_eq!(&fb.value(field), typed, "{field}");
            }
            assert_eq!(fb.values.len(), 10, "every field is kept, the empty ones too");
        }

        #[test]
        fn a_plan_may_not_end_before_it_starts() {
            let fb = NewPlan::try_from(PlanForm { until: "2026-01-01".into(), ..plan() }).expect_err("refused");
            assert_eq!(fb.errors, [("until".to_owned(), "Slutdatumet måste vara efter startdatumet.".to_owned())]);
        }

        #[test]
        fn a_meeting_keeps_the_ticked_attendees_and_refuses_unknown_ones() {
            let attendees = [("s12", "on"), ("r7", "on"), ("x1", "on"), ("eabc", "on")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into();
            let form = MeetingForm {
                kind: "programme_session".into(),
                title: "Uppföljning".into(),
                date: "2026-02-03".into(),
                start: "10:00".into(),
                end: "11:00".into(),
                video_link: "http://inte-säker".into(),
                attendees,
                ..Default::default()
            };
            let fb = NewMeeting::try_from(form).expect_err("refused");
            assert_eq!(fb.form, MEETING_FORM);
            assert_eq!(fields_with_errors(&fb), ["kind", "video_link", "attendees", "attendees"]);
            for ticked in ["attendees[s12]", "attendees[r7]", "attendees[x1]", "attendees[eabc]"] {
                assert_eq!(fb.value(ticked), "on", "{ticked}");
            }
            assert_eq!(fb.value("title"), "Uppföljning");
        }

        #[test]
        fn a_meeting_needs_a_place_or_a_link() {
            let form = MeetingForm {
                kind: "other".into(),
                title: "Möte".into(),
                date: "2026-02-03".into(),
                start: "10:00".into(),
                end: "11:00".into(),
                ..Default::default()
            };
            let fb = NewMeeting::try_from(form.clone()).expect_err("refused");
            assert_eq!(
                fb.errors,
                [("place".to_owned(), "Skriv en plats, eller en länk till ett videomöte.".to_owned())]
            );
            let meeting = NewMeeting::try_from(MeetingForm {
                video_link: " https://möte.example/abc ".into(),
                attendees: [("e3".to_owned(), "on".to_owned())].into(),
                ..form
            })
            .expect("a video meeting");
            assert_eq!(meeting.video_link.as_deref(), Some("https://möte.example/abc"));
            assert_eq!((meeting.externals, meeting.place.is_none()), (vec![3], true));
        }

        #[test]
        fn a_consent_shared_with_a_relative_names_what_is_missing() {
            let form = ConsentForm {
                scope: "share_with_relative".into(),
                method: "oral".into(),
                given_on: "2026-01-05".into(),
                sections: [("plan".to_owned(), "on".to_owned()), ("profile".to_owned(), "on".to_owned())].into(),
                ..Default::default()
            };
            let fb = NewConsent::try_from(form.clone()).expect_err("refused");
            assert_eq!(fb.form, CONSENT_FORM);
            let mut wrong = fields_with_errors(&fb);
            wrong.sort();
            assert_eq!(wrong, ["relative_id", "sections"]);
            assert_eq!(fb.value("sections[plan]"), "on");
            let consent = NewConsent::try_from(ConsentForm {
                relative_id: " 7 ".into(),
                sections: [("ladder".to_owned(), "on".to_owned()), ("plan".to_owned(), "on".to_owned())].into(),
                ..form
            })
            .expect("a consent");
            assert_eq!(consent.relative_id, Some(7));
            assert_eq!(consent.sections, [Section::Ladder, Section::Plan]);
        }

        #[test]
        fn consent_to_extended_support_must_be_written() {
            let form = ConsentForm {
                scope: "extended_support".into(),
                organisation: "fk".into(),
                method: "oral".into(),
                given_on: "2026-01-05".into(),
                ..Default::default()
            };
            let fb = NewConsent::try_from(form).expect_err("refused");
            assert_eq!(fb.error("method").as_deref(), Some("Det här samtycket ska vara skriftligt."));
        }

        #[test]
        fn a_new_officer_needs_a_name_and_an_organisation() {
            let form = ContactPersonForm {
                who: "new".into(),
                role_in_case: "Handläggare".into(),
                since: "2026-01-05".into(),
                new_title: "Handläggare".into(),
                new_phone: "inte ett nummer".into(),
                ..Default::default()
            };
            let fb = NewContactPerson::try_from(form).expect_err("refused");
            assert_eq!(fb.form, CONTACT_FORM);
            assert_eq!(fields_with_errors(&fb), ["new_name", "new_organisation", "new_phone"]);
            assert_eq!(fb.value("new_phone"), "inte ett nummer");
            let staff = ContactPersonForm { who: "s12".into(), ..Default::default() };
            let fb = NewContactPerson::try_from(staff).expect_err("no role, no date");
            assert_eq!(fields_with_errors(&fb), ["role_in_case", "since"]);
        }
    }
}
