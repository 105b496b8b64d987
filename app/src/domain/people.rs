//! Who people are in the app and around the participant.

use super::{ParseError, parse_iso_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

code_enum! {
    /// What kind of account someone has; decides which pages they see.
    pub enum Role (unknown = "Välj en roll i listan.") {
        Participant = "participant" => "Deltagare",
        Relative = "relative" => "Anhörig eller god man",
        Staff = "staff" => "Personal",
        Admin = "admin" => "Administratör",
    }
}

code_enum! {
    /// A staff member's job in DV.
    pub enum StaffRole (unknown = "Välj en yrkesroll i listan.") {
        EmploymentConsultant = "employment_consultant" => "Arbetskonsulent",
        Supervisor = "supervisor" => "Handledare",
        PlacementSupervisor = "placement_supervisor" => "Handledare enskild plats",
        /// Enhetschef: reads everything of their unit, follows it up, moves participants.
        UnitManager = "unit_manager" => "Enhetschef",
        /// Runs units and accounts; reads no participant data unless also placed in a unit.
        Admin = "admin" => "Systemadministratör",
        /// Dataskyddsombud: follows up the access log of the whole municipality;
        /// works in no unit and opens no participant's record.
        DataProtectionOfficer = "data_protection_officer" => "Dataskyddsombud",
        /// A member of the steering group of the 2025 model (DV, ASF and the
        /// authorities): follows up the outcomes of every unit, in counts;
        /// works in no unit and opens no participant's record.
        SteeringGroup = "steering_group" => "Styrgrupp",
    }
}

impl StaffRole {
    /// Every role but these works in one unit.
    pub const fn needs_unit(self) -> bool {
        !matches!(self, Self::Admin | Self::DataProtectionOfficer | Self::SteeringGroup)
    }

    /// The dataskyddsombud and the steering group stand outside the units
    /// (the whole municipality), so that following up the log or the outcomes
    /// never comes with a unit's records.
    pub const fn takes_no_unit(self) -> bool {
        matches!(self, Self::DataProtectionOfficer | Self::SteeringGroup)
    }
}

code_enum! {
    /// Gender as the participant answers it at intake (counted in the follow-up tables).
    pub enum Gender (unknown = "Välj ett svar i listan.") {
        Woman = "woman" => "Kvinna",
        Man = "man" => "Man",
        Other = "other" => "Annat",
        Unspecified = "unspecified" => "Vill inte uppge",
    }
}

code_enum! {
    /// The participant's main income (counted at entry in the follow-up tables).
    pub enum BenefitKind (unknown = "Välj en ersättning i listan.") {
        ActivityCompensation = "activity_compensation" => "Aktivitetsersättning",
        SicknessCompensation = "sickness_compensation" => "Sjukersättning",
        SocialAssistance = "social_assistance" => "Försörjningsstöd",
        /// Named `NoBenefit`, not `None`, so it never reads like `Option::None`.
        NoBenefit = "none" => "Ingen ersättning",
    }
}

/// A benefit with its data. Activity compensation is always granted until a
/// date, and only it has one, so the date lives inside that variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Benefit {
    ActivityCompensation {
        granted_until: NaiveDate,
    },
    SicknessCompensation,
    SocialAssistance,
    #[serde(rename = "none")]
    NoBenefit,
}

impl Benefit {
    /// From form fields: `kind` is a [`BenefitKind`] code, `until` an ISO date
    /// (`yyyy-mm-dd`). An empty `until` counts as missing, as forms send "".
    pub fn parse(kind: &str, until: Option<&str>) -> Result<Self, ParseError> {
        let kind = BenefitKind::parse(kind)?;
        let until = until.map(str::trim).filter(|s| !s.is_empty());
        match (kind, until) {
            (BenefitKind::ActivityCompensation, Some(date)) => {
                Ok(Self::ActivityCompensation { granted_until: parse_iso_date(date)? })
            }
            (BenefitKind::ActivityCompensation, None) => Err(ParseError::new(
                "Skriv till vilket datum aktivitetsersättningen är beviljad, till exempel 2026-06-30.",
            )),
            (_, Some(_)) => Err(ParseError::new("Ta bort datumet. Ett datum behövs bara för aktivitetsersättning.")),
            (BenefitKind::SicknessCompensation, None) => Ok(Self::SicknessCompensation),
            (BenefitKind::SocialAssistance, None) => Ok(Self::SocialAssistance),
            (BenefitKind::NoBenefit, None) => Ok(Self::NoBenefit),
        }
    }

    pub const fn kind(self) -> BenefitKind {
        match self {
            Self::ActivityCompensation { .. } => BenefitKind::ActivityCompensation,
            Self::SicknessCompensation => BenefitKind::SicknessCompensation,
            Self::SocialAssistance => BenefitKind::SocialAssistance,
            Self::NoBenefit => BenefitKind::NoBenefit,
        }
    }

    pub const fn granted_until(self) -> Option<NaiveDate> {
        match self {
            Self::ActivityCompensation { granted_until } => Some(granted_until),
            _ => None,
        }
    }
}

code_enum! {
    /// The form of daily activity.
    pub enum DvForm (unknown = "Välj grupp eller enskild plats.") {
        Group = "group" => "Grupp med handledare",
        IndividualPlacement = "individual_placement" => "Enskild plats",
    }
}

/// Hours of daily activity per week, 1..=40.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8")]
pub struct HoursPerWeek(u8);

impl HoursPerWeek {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 40;
    const MESSAGE: &'static str = "Skriv antal timmar i veckan som en siffra mellan 1 och 40.";

    pub fn new(hours: u8) -> Result<Self, ParseError> {
        if (Self::MIN..=Self::MAX).contains(&hours) { Ok(Self(hours)) } else { Err(ParseError::new(Self::MESSAGE)) }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        s.trim().parse::<u8>().map_err(|_| ParseError::new(Self::MESSAGE)).and_then(Self::new)
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for HoursPerWeek {
    type Error = ParseError;
    fn try_from(h: u8) -> Result<Self, Self::Error> {
        Self::new(h)
    }
}

impl fmt::Display for HoursPerWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

code_enum! {
    /// How a person in the network map relates to the participant.
    pub enum RelationKind (unknown = "Välj en relation i listan.") {
        Parent = "parent" => "Förälder",
        Sibling = "sibling" => "Syskon",
        Partner = "partner" => "Partner",
        Child = "child" => "Barn",
        OtherRelative = "other_relative" => "Annan anhörig",
        GoodMan = "good_man" => "God man",
        Administrator = "administrator" => "Förvaltare",
        HousingStaff = "housing_staff" => "Boendepersonal",
    }
}

impl RelationKind {
    /// God man and förvaltare are appointed representatives and may act for
    /// the participant within their mandate; relatives may not by default.
    pub const fn is_legal_representative(self) -> bool {
        matches!(self, Self::GoodMan | Self::Administrator)
    }
}

code_enum! {
    /// Organisations in the participant's network and in meetings.
    pub enum Organisation (unknown = "Välj en organisation i listan.") {
        Fk = "fk" => "Försäkringskassan",
        Af = "af" => "Arbetsförmedlingen",
        Asf = "asf" => "Arbetsmarknadsavdelningen (ASF)",
        Healthcare = "healthcare" => "Vården",
        Housing = "housing" => "Boendet",
        Other = "other" => "Annan",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;
    use serde::de::value::{Error as ValueError, U8Deserializer};

    #[test]
    fn code_enums() {
        check_code_enum::<Role>();
        check_code_enum::<StaffRole>();
        check_code_enum::<Gender>();
        check_code_enum::<BenefitKind>();
        check_code_enum::<DvForm>();
        check_code_enum::<RelationKind>();
        check_code_enum::<Organisation>();
    }

    #[test]
    fn labels_and_codes() {
        assert_eq!(StaffRole::PlacementSupervisor.label_sv(), "Handledare enskild plats");
        assert_eq!(BenefitKind::NoBenefit.as_str(), "none");
        assert_eq!(BenefitKind::parse("none"), Ok(BenefitKind::NoBenefit));
        assert_eq!(Organisation::Asf.label_sv(), "Arbetsmarknadsavdelningen (ASF)");
        assert_eq!("individual_placement".parse::<DvForm>(), Ok(DvForm::IndividualPlacement));
        assert_eq!(Role::ALL.len(), 4);
        assert_eq!(RelationKind::ALL.len(), 8);
    }

    #[test]
    fn where_each_role_works() {
        let without_unit: Vec<_> = StaffRole::ALL.iter().filter(|r| !r.needs_unit()).collect();
        assert_eq!(without_unit, [&StaffRole::Admin, &StaffRole::DataProtectionOfficer, &StaffRole::SteeringGroup]);
        let never_in_unit: Vec<_> = StaffRole::ALL.iter().filter(|r| r.takes_no_unit()).collect();
        assert_eq!(never_in_unit, [&StaffRole::DataProtectionOfficer, &StaffRole::SteeringGroup]);
    }

    #[test]
    fn legal_representatives() {
        let reps: Vec<_> = RelationKind::ALL.iter().filter(|r| r.is_legal_representative()).collect();
        assert_eq!(reps, [&RelationKind::GoodMan, &RelationKind::Administrator]);
    }

    #[test]
    fn benefit_parse() {
        let ae = Benefit::parse("activity_compensation", Some("2027-01-31")).unwrap();
        assert_eq!(ae.kind(), BenefitKind::ActivityCompensation);
        assert_eq!(ae.granted_until(), NaiveDate::from_ymd_opt(2027, 1, 31));
        assert_eq!(Benefit::parse("sickness_compensation", None), Ok(Benefit::SicknessCompensation));
        assert_eq!(Benefit::parse("social_assistance", Some("  ")), Ok(Benefit::SocialAssistance));
        assert_eq!(Benefit::parse("none", Some("")), Ok(Benefit::NoBenefit));
        assert_eq!(Benefit::NoBenefit.granted_until(), None);
    }

    #[test]
    fn benefit_refuses() {
        assert!(Benefit::parse("activity_compensation", None).is_err());
        assert!(Benefit::parse("activity_compensation", Some("")).is_err());
        assert!(Benefit::parse("activity_compensation", Some("januari 2027")).is_err());
        assert!(Benefit::parse("activity_compensation", Some("2027-02-30")).is_err());
        assert!(Benefit::parse("sickness_compensation", Some("2027-01-31")).is_err());
        assert!(Benefit::parse("none", Some("2027-01-31")).is_err());
        assert!(Benefit::parse("", None).is_err());
        assert!(Benefit::parse("ae", None).is_err());
        assert!(Benefit::parse(&"x".repeat(10_000), Some(&"1".repeat(10_000))).is_err());
    }

    #[test]
    fn hours_per_week() {
        assert_eq!(HoursPerWeek::parse("1").unwrap().get(), 1);
        assert_eq!(HoursPerWeek::parse(" 40 ").unwrap().get(), 40);
        assert_eq!(HoursPerWeek::new(20).unwrap().to_string(), "20");
        for bad in ["0", "41", "-1", "", "7,5", "7.5", "tio", "256", &"9".repeat(10_000)] {
            assert!(HoursPerWeek::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(HoursPerWeek::new(0).is_err());
        let de = |n: u8| HoursPerWeek::deserialize(U8Deserializer::<ValueError>::new(n));
        assert_eq!(de(12).unwrap().get(), 12);
        assert!(de(41).is_err());
    }
}
