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
    /// A checkbox: SMS reminders before meetings, with the participant's say-so.
    pub sms_reminders: String,
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

/// The import template: its header row (the columns `parse_import` reads) and an example line.
pub const IMPORT_TEMPLATE: &str = "namn;tilltalsnamn;personnummer;skyddade_personuppgifter;kön;telefon;form;\
timmar_i_veckan;ersättning;ersättning_till;startdatum;samtycke_fk
Påhittad Person;Påhittad;19121212-1212;nej;Vill inte uppge;070-123 45 67;Grupp med handledare;20;\
Aktivitetsersättning;2027-06-30;2026-01-15;ja";

#[cfg(feature = "ssr")]
pub(crate) use parse::parse_import;

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
            NewParticipant::parse_on(form, crate::server::today())
        }
    }

    impl NewParticipant {
        /// The intake form parsed as of `today` (which decides a ten-digit
        /// personnummer's century and how far ahead a start date may be).
        pub(crate) fn parse_on(form: IntakeForm, today: chrono::NaiveDate) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
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
            // SMS reminders go to the number typed above: without one, said next to the choice.
            if ticked(&form.sms_reminders) && form.phone.trim().is_empty() {
                fb.errors.push(("sms_reminders".into(), text::INTAKE_SMS_NEEDS_PHONE.into()));
            }
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
                    sms_reminders: ticked(&form.sms_reminders),
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

    /// The import template's columns, in order: (column, the intake form's field).
    pub(crate) const IMPORT_COLUMNS: [(&str, &str); 12] = [
        ("namn", "name"),
        ("tilltalsnamn", "preferred_name"),
        ("personnummer", "personal_number"),
        ("skyddade_personuppgifter", "protected_identity"),
        ("kön", "gender"),
        ("telefon", "phone"),
        ("form", "dv_form"),
        ("timmar_i_veckan", "hours_per_week"),
        ("ersättning", "benefit_kind"),
        ("ersättning_till", "benefit_until"),
        ("startdatum", "entered_on"),
        ("samtycke_fk", "fk_consent"),
    ];

    /// The most lines one import takes.
    const IMPORT_MAX_LINES: usize = 2000;

    /// A code from its code or its Swedish label, any case ("Kvinna", "woman").
    fn code_of<T: crate::domain::CodeEnum>(typed: &str) -> String {
        let t = typed.trim().to_lowercase();
        T::ALL
            .iter()
            .find(|v| v.as_str() == t || v.label_sv().to_lowercase() == t)
            .map_or_else(|| typed.trim().to_owned(), |v| v.as_str().to_owned())
    }

    fn yes_no(typed: &str, yes: &str, no: &str, later: Option<&str>) -> String {
        match typed.trim().to_lowercase().as_str() {
            "ja" | "j" | "yes" | "x" | "1" => yes.to_owned(),
            "" | "nej" | "n" | "no" | "0" => no.to_owned(),
            "senare" | "later" => later.unwrap_or(typed).to_owned(),
            other => other.to_owned(),
        }
    }

    /// The lines of a CSV file (UTF-8, `;` or `,`, a header row with the
    /// template's columns in any order), each parsed as an intake; or what is
    /// wrong with the file as a whole.
    pub(crate) fn parse_import(
        text: &str,
        today: chrono::NaiveDate,
    ) -> Result<Vec<crate::server::access::intake::ImportLine>, &'static str> {
        use crate::server::access::intake::ImportLine;
        let text = text.trim_start_matches('\u{feff}');
        let header = text.lines().next().unwrap_or_default();
        if header.trim().is_empty() {
            return Err(text::IMPORT_EMPTY);
        }
        let delimiter = if header.matches(';').count() >= header.matches(',').count() { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
            Err(_) => return Err(text::IMPORT_NOT_CSV),
        };
        let mut columns = Vec::with_capacity(IMPORT_COLUMNS.len());
        for (column, _) in IMPORT_COLUMNS {
            match headers.iter().position(|h| h == column) {
                Some(i) => columns.push(i),
                None => return Err(text::IMPORT_COLUMNS_MISSING),
            }
        }
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(_) => return Err(text::IMPORT_NOT_CSV),
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if lines.len() >= IMPORT_MAX_LINES {
                return Err(text::IMPORT_TOO_MANY_LINES);
            }
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: usize| record.get(columns[i]).unwrap_or_default().to_owned();
            let form = IntakeForm {
                name: cell(0),
                preferred_name: cell(1),
                personal_number: cell(2),
                protected_identity: yes_no(&cell(3), "on", "", None),
                gender: code_of::<Gender>(&cell(4)),
                phone: cell(5),
                dv_form: code_of::<DvForm>(&cell(6)),
                hours_per_week: cell(7),
                benefit_kind: code_of::<BenefitKind>(&cell(8)),
                benefit_until: cell(9),
                entered_on: cell(10),
                fk_consent: yes_no(&cell(11), "yes", "no", Some("later")),
                // Reminders are chosen with each person, not by the file.
                sms_reminders: String::new(),
            };
            let name = form.name.chars().take(100).collect();
            let parsed = NewParticipant::parse_on(form, today).map_err(|fb| {
                fb.errors
                    .iter()
                    .map(|(field, message)| {
                        let column = IMPORT_COLUMNS.iter().find(|(_, f)| f == field).map_or(field.as_str(), |c| c.0);
                        format!("{column}: {message}")
                    })
                    .collect()
            });
            lines.push(ImportLine { line, name, parsed });
        }
        Ok(lines)
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
                sms_reminders: String::new(),
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
                sms_reminders: String::new(),
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
            // SMS reminders need the number to send them to.
            let sms = IntakeForm { sms_reminders: "on".into(), ..good() };
            assert!(NewParticipant::try_from(sms).expect_err("refused").error("sms_reminders").is_some());
            let sms = IntakeForm { sms_reminders: "on".into(), phone: "070-123 45 67".into(), ..good() };
            assert!(NewParticipant::try_from(sms).expect("parses").sms_reminders);
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
