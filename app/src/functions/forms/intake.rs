//! The intake form (kartläggningsmöte DV) and the form that links a relative,
//! god man or förvaltare, as typed and parsed.

use serde::{Deserialize, Serialize};

/// A new participant. There is no unit field: the participant comes into the
/// unit of the staff member who registers them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeForm {
    pub name: String,
    pub preferred_name: String,
    pub personal_number: String,
    /// A checkbox: "on" when ticked.
    pub protected_identity: String,
    pub gender: String,
    pub phone: String,
    pub dv_form: String,
    pub hours_per_week: String,
    pub benefit_kind: String,
    pub benefit_until: String,
    pub entered_on: String,
    /// "DV får kontakta Försäkringskassan": yes, no or later.
    pub fk_consent: String,
}

/// A person close to the participant. `account`: "yes" gives them an account
/// (they sign in with a code that staff make).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RelativeForm {
    pub name: String,
    pub relation: String,
    pub mandate: String,
    pub phone: String,
    pub email: String,
    pub account: String,
}

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::{
        Benefit, BenefitKind, DvForm, Email, Gender, HoursPerWeek, PersonName, PersonalNumber, PhoneNumber,
        RelationKind, ShortText, parse_iso_date,
    };
    use crate::functions::forms::{Form, named_forms};
    use crate::functions::intake::{INTAKE_FORM, RELATIVE_FORM};
    use crate::models::FormFeedback;
    use crate::server::access::intake::{FkConsent, NewParticipant, NewRelative};
    use crate::texts::staff as text;

    named_forms!(
        IntakeForm => INTAKE_FORM,
        RelativeForm => RELATIVE_FORM,
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

    /// A checkbox or a yes/no choice.
    fn ticked(typed: &str) -> bool {
        matches!(typed.trim(), "on" | "yes" | "true" | "1")
    }

    impl TryFrom<IntakeForm> for NewParticipant {
        type Error = FormFeedback;

        fn try_from(form: IntakeForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let today = crate::server::today();
            let name = fb.check("name", PersonName::parse(&form.name));
            // Empty: the first name.
            let preferred = if form.preferred_name.trim().is_empty() {
                name.as_ref().and_then(|n| n.as_str().split_whitespace().next().and_then(|f| PersonName::parse(f).ok()))
            } else {
                fb.check("preferred_name", PersonName::parse(&form.preferred_name))
            };
            let personal_number = fb.check("personal_number", PersonalNumber::parse(&form.personal_number, today));
            let gender = fb.check("gender", Gender::parse(&form.gender));
            let phone = optional(&mut fb, "phone", &form.phone, PhoneNumber::parse);
            let dv_form = fb.check("dv_form", DvForm::parse(&form.dv_form));
            let hours = fb.check("hours_per_week", HoursPerWeek::parse(&form.hours_per_week));
            // A wrong kind is named at the kind, a wrong or missing date at the date.
            let benefit = match fb.check("benefit_kind", BenefitKind::parse(&form.benefit_kind)) {
                Some(_) => fb.check("benefit_until", Benefit::parse(&form.benefit_kind, Some(&form.benefit_until))),
                None => None,
            };
            let entered_on = fb.check("entered_on", parse_iso_date(&form.entered_on));
            if let Some(on) = entered_on
                && on > today + chrono::Days::new(366)
            {
                fb.errors.push(("entered_on".into(), text::INTAKE_START_TOO_LATE.into()));
            }
            let fk_consent = match form.fk_consent.trim() {
                "yes" => Some(FkConsent::Yes),
                "no" => Some(FkConsent::No),
                "later" => Some(FkConsent::Later),
                _ => {
                    fb.errors.push(("fk_consent".into(), text::INTAKE_CHOOSE_FK_CONSENT.into()));
                    None
                }
            };
            let parsed = (|| {
                Some(NewParticipant {
                    name: name?,
                    preferred_name: preferred?,
                    personal_number: personal_number?,
                    protected_identity: ticked(&form.protected_identity),
                    gender: gender?,
                    phone: phone?,
                    dv_form: dv_form?,
                    hours: hours?,
                    benefit: benefit?,
                    entered_on: entered_on?,
                    fk_consent: fk_consent?,
                })
            })();
            fb.finish(parsed)
        }
    }

    impl TryFrom<RelativeForm> for NewRelative {
        type Error = FormFeedback;

        fn try_from(form: RelativeForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let name = fb.check("name", PersonName::parse(&form.name));
            let relation = fb.check("relation", RelationKind::parse(&form.relation));
            let mandate = optional(&mut fb, "mandate", &form.mandate, ShortText::parse);
            if let (Some(kind), Some(Some(_))) = (relation, &mandate)
                && !kind.is_legal_representative()
            {
                fb.errors.push(("mandate".into(), text::RELATIVE_MANDATE_ONLY_FOR_REPRESENTATIVE.into()));
            }
            let phone = optional(&mut fb, "phone", &form.phone, PhoneNumber::parse);
            let email = optional(&mut fb, "email", &form.email, Email::parse);
            let account = match form.account.trim() {
                "yes" => Some(true),
                "no" | "" => Some(false),
                _ => {
                    fb.errors.push(("account".into(), text::RELATIVE_CHOOSE_ACCOUNT.into()));
                    None
                }
            };
            let parsed = (|| {
                Some(NewRelative {
                    name: name?,
                    relation: relation?,
                    mandate: mandate?,
                    phone: phone?,
                    email: email?,
                    account: account?,
                })
            })();
            fb.finish(parsed)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn good() -> IntakeForm {
            IntakeForm {
                name: "Påhittad Person".into(),
                preferred_name: String::new(),
                personal_number: "19121212-1212".into(),
                protected_identity: String::new(),
                gender: "unspecified".into(),
                phone: String::new(),
                dv_form: "group".into(),
                hours_per_week: "20".into(),
                benefit_kind: "activity_compensation".into(),
                benefit_until: "2027-06-30".into(),
                entered_on: "2026-01-15".into(),
                fk_consent: "later".into(),
            }
        }

        #[test]
        fn a_good_intake_parses_and_the_preferred_name_defaults_to_the_first_name() {
            let new = NewParticipant::try_from(good()).expect("parses");
            assert_eq!(new.preferred_name.as_str(), "Påhittad");
            assert_eq!(new.personal_number.as_str(), "191212121212");
            assert!(!new.protected_identity);
            assert_eq!(new.fk_consent, FkConsent::Later);
        }

        #[test]
        fn every_bad_field_is_named() {
            let bad = IntakeForm {
                name: String::new(),
                preferred_name: "x".repeat(500),
                personal_number: "19121212-1213".into(),
                protected_identity: "on".into(),
                gender: "robot".into(),
                phone: "12".into(),
                dv_form: "solo".into(),
                hours_per_week: "99".into(),
                benefit_kind: "activity_compensation".into(),
                benefit_until: String::new(),
                entered_on: "igår".into(),
                fk_consent: "kanske".into(),
            };
            let fb = NewParticipant::try_from(bad).expect_err("refused");
            for field in [
                "name",
                "preferred_name",
                "personal_number",
                "gender",
                "phone",
                "dv_form",
                "hours_per_week",
                "benefit_until",
                "entered_on",
                "fk_consent",
            ] {
                assert!(fb.error(field).is_some(), "{field} is named");
            }
            assert_eq!(fb.value("personal_number"), "19121212-1213", "what was typed stays");
            let wrong_kind = IntakeForm { benefit_kind: "lots".into(), ..good() };
            assert!(NewParticipant::try_from(wrong_kind).expect_err("refused").error("benefit_kind").is_some());
        }

        #[test]
        fn a_mandate_is_only_for_a_god_man_or_forvaltare() {
            let form = |relation: &str| RelativeForm {
                name: "Påhittad Förvaltare".into(),
                relation: relation.into(),
                mandate: "Bevaka rätt och förvalta egendom".into(),
                account: "yes".into(),
                ..Default::default()
            };
            assert!(NewRelative::try_from(form("administrator")).is_ok());
            assert!(NewRelative::try_from(form("parent")).expect_err("refused").error("mandate").is_some());
        }
    }
}
