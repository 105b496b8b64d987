//! SUS, the national follow-up system for Finsam (domain.md): for each
//! participant in a Finsam-financed activity, what SUS's web forms ask at the
//! start and at the end, recorded here so the registration sheet can be typed
//! in from it. Identifying fields only with the participant's consent to SUS
//! registration; otherwise SUS takes an anonymous registration.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum! {
    /// What the person did just before the start (within a week of it), or after the end.
    pub enum Occupation (unknown = "Välj vad personen gjorde.") {
        Unemployed = "unemployed" => "Arbetslös eller arbetssökande",
        Work = "work" => "Arbete, också med lönestöd",
        Studies = "studies" => "Studier",
        DailyActivity = "daily_activity" => "Daglig verksamhet eller annan sysselsättning",
        SickLeave = "sick_leave" => "Sjukskriven",
        Other = "other" => "Annat",
    }
}

code_enum! {
    /// What the person lived on just before the start, or after the end.
    pub enum IncomeSource (unknown = "Välj vad personen levde på.") {
        ActivityCompensation = "activity_compensation" => "Aktivitetsersättning",
        SicknessCompensation = "sickness_compensation" => "Sjukersättning",
        SocialAssistance = "social_assistance" => "Försörjningsstöd",
        UnemploymentBenefit = "unemployment_benefit" => "A-kassa eller aktivitetsstöd",
        Wage = "wage" => "Lön",
        NoIncome = "none" => "Ingen egen försörjning",
        Other = "other" => "Annat",
    }
}

code_enum! {
    /// The highest education completed.
    pub enum Education (unknown = "Välj utbildning.") {
        Compulsory = "compulsory" => "Grundskola eller anpassad grundskola",
        UpperSecondary = "upper_secondary" => "Gymnasium eller anpassad gymnasieskola",
        PostSecondary = "post_secondary" => "Eftergymnasial utbildning",
        Unknown = "unknown" => "Okänd",
    }
}

code_enum! {
    /// How long the person has lived on public support before the start.
    pub enum SupportTime (unknown = "Välj hur länge.") {
        UnderOneYear = "under_1" => "Kortare än 1 år",
        OneToTwo = "1_2" => "1–2 år",
        ThreeToFive = "3_5" => "3–5 år",
        OverFive = "over_5" => "Längre än 5 år",
    }
}

code_enum! {
    /// Why the activity ended.
    pub enum EndReason (unknown = "Välj varför insatsen slutade.") {
        Completed = "completed" => "Insatsen är genomförd",
        Work = "work" => "Fick arbete",
        Studies = "studies" => "Började studera",
        OtherMeasure = "other_measure" => "Gick vidare till en annan insats",
        Illness = "illness" => "Sjukdom",
        Moved = "moved" => "Flyttade",
        Other = "other" => "Annat",
    }
}

/// What SUS asks at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SusStart {
    pub starts_on: NaiveDate,
    pub occupation_before: Occupation,
    pub income_before: IncomeSource,
    pub education: Education,
    pub time_in_support: SupportTime,
}

/// What SUS asks at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SusEnd {
    pub ends_on: NaiveDate,
    pub reason: EndReason,
    pub occupation_after: Occupation,
    pub income_after: IncomeSource,
    /// Hours a week in work after the end, 0 to 40.
    pub hours_after: u8,
}

/// A week of full-time work in SUS: 100 % is 40 hours.
pub const FULL_TIME_HOURS: u8 = 40;

impl SusEnd {
    /// The hours worked as SUS's share of full time, in whole per cent.
    pub fn work_share(&self) -> u32 {
        (u32::from(self.hours_after.min(FULL_TIME_HOURS)) * 100).div_ceil(u32::from(FULL_TIME_HOURS))
    }
}

/// Hours a week after the end: 0 to 40.
pub fn parse_hours_after(s: &str) -> Result<u8, super::ParseError> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|h| *h <= FULL_TIME_HOURS)
        .ok_or_else(|| super::ParseError::new("Skriv timmar i veckan som en siffra mellan 0 och 40."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    #[test]
    fn code_enums() {
        check_code_enum::<Occupation>();
        check_code_enum::<IncomeSource>();
        check_code_enum::<Education>();
        check_code_enum::<SupportTime>();
        check_code_enum::<EndReason>();
    }

    #[test]
    fn hours_are_a_share_of_forty() {
        let end = |hours_after| SusEnd {
            ends_on: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            reason: EndReason::Work,
            occupation_after: Occupation::Work,
            income_after: IncomeSource::Wage,
            hours_after,
        };
        assert_eq!(end(40).work_share(), 100);
        assert_eq!(end(20).work_share(), 50);
        assert_eq!(end(10).work_share(), 25);
        assert_eq!(end(0).work_share(), 0);
        assert_eq!(end(13).work_share(), 33, "32.5 rounded up");
        assert_eq!(
            parse_hours_after("41").map_err(|e| e.message),
            Err("Skriv timmar i veckan som en siffra mellan 0 och 40.")
        );
        assert_eq!(parse_hours_after(" 0 "), Ok(0));
        assert!(parse_hours_after("tjugo").is_err());
    }
}
