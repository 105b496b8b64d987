//! The work-preparation programme: rounds, places, sign-ups and attendance.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Places in a programme round, 1..=20 (groups are 5-6 people in practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8")]
pub struct Capacity(u8);

impl Capacity {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 20;
    const MESSAGE: &'static str = "Antal platser ska vara mellan 1 och 20.";

    pub fn new(places: u8) -> Result<Self, ParseError> {
        if (Self::MIN..=Self::MAX).contains(&places) { Ok(Self(places)) } else { Err(ParseError::new(Self::MESSAGE)) }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        s.trim().parse::<u8>().map_err(|_| ParseError::new(Self::MESSAGE)).and_then(Self::new)
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Capacity {
    type Error = ParseError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::new(n)
    }
}

impl fmt::Display for Capacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

code_enum! {
    /// Whether a round is run as a group or for one person.
    pub enum RoundForm (unknown = "Välj grupp eller enskilt.") {
        Group = "group" => "Grupp",
        Individual = "individual" => "Enskilt",
    }
}

code_enum! {
    /// A participant's place in a round, from expression of interest onwards.
    pub enum EnrolmentStatus (unknown = "Välj en status i listan.") {
        Interested = "interested" => "Intresseanmälan",
        Enrolled = "enrolled" => "Antagen",
        Waiting = "waiting" => "På kölista",
        Withdrawn = "withdrawn" => "Avanmäld",
        Completed = "completed" => "Har gått klart",
    }
}

impl EnrolmentStatus {
    /// Statuses that take one of the round's places (the capacity check counts these).
    pub const fn takes_place(self) -> bool {
        matches!(self, Self::Enrolled | Self::Completed)
    }
}

code_enum! {
    /// Attendance at one session.
    pub enum AttendanceMark (unknown = "Välj närvaro i listan.") {
        Present = "present" => "Närvarande",
        AbsentNotified = "absent_notified" => "Frånvarande, anmält",
        Absent = "absent" => "Frånvarande, inte anmält",
    }
}

code_enum! {
    /// A visit at a session from one of the agencies (domain.md: FK and AF come to the group).
    pub enum SessionVisit (unknown = "Välj ett besök i listan.") {
        None = "none" => "Inget besök",
        Fk = "fk" => "Besök från Försäkringskassan",
        Af = "af" => "Besök från Arbetsförmedlingen",
    }
}

impl SessionVisit {
    /// Stored as NULL when there is no visit.
    pub fn code(self) -> Option<&'static str> {
        (self != Self::None).then(|| self.as_str())
    }

    pub fn from_code(code: Option<&str>) -> Self {
        code.and_then(|c| Self::parse(c).ok()).unwrap_or(Self::None)
    }
}

/// The theme of sessions beyond the list below (a longer round).
pub const EXTRA_SESSION_THEME: &str = "Fortsättning";

/// The themes of the sessions, in the order a round usually takes them.
pub const SESSION_THEMES: &[&str] = &[
    "Arbetslivet",
    "Vad krävs för att nå ett arbete",
    "Vägarna till arbetsmarknaden",
    "Aktivitetsersättning och förstärkt samarbete med AF och FK",
    "Min väg vidare",
    "Avslutning och uppföljning",
];

/// How many sessions a new round gets: 1..=12 (4-6 is usual).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCount(u8);

impl SessionCount {
    pub const DEFAULT: u8 = 5;
    const MESSAGE: &'static str = "Antal tillfällen ska vara mellan 1 och 12.";

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s.trim().parse::<u8>() {
            Ok(n @ 1..=12) => Ok(Self(n)),
            _ => Err(ParseError::new(Self::MESSAGE)),
        }
    }

    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

/// How long one session is: 60-90 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionMinutes(u8);

impl SessionMinutes {
    pub const DEFAULT: u8 = 90;
    const MESSAGE: &'static str = "Ett tillfälle ska vara mellan 60 och 90 minuter.";

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s.trim().parse::<u8>() {
            Ok(n @ 60..=90) => Ok(Self(n)),
            _ => Err(ParseError::new(Self::MESSAGE)),
        }
    }

    pub const fn get(self) -> i64 {
        self.0 as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;
    use serde::de::value::{Error as ValueError, U8Deserializer};

    #[test]
    fn code_enums() {
        check_code_enum::<RoundForm>();
        check_code_enum::<EnrolmentStatus>();
        check_code_enum::<AttendanceMark>();
        check_code_enum::<SessionVisit>();
        assert_eq!(SessionVisit::None.code(), None);
        assert_eq!(SessionVisit::from_code(Some("af")), SessionVisit::Af);
        assert_eq!(SessionVisit::from_code(None), SessionVisit::None);
    }

    #[test]
    fn session_count_and_length() {
        assert_eq!(SessionCount::parse("5").unwrap().get(), 5);
        assert_eq!(SessionMinutes::parse(" 60").unwrap().get(), 60);
        for bad in ["0", "13", "", "fem", "-1", "300"] {
            assert!(SessionCount::parse(bad).is_err(), "{bad:?}");
        }
        for bad in ["59", "91", "", "1,5", "600"] {
            assert!(SessionMinutes::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn capacity() {
        assert_eq!(Capacity::parse("1").unwrap().get(), 1);
        assert_eq!(Capacity::parse(" 6 ").unwrap().get(), 6);
        assert_eq!(Capacity::new(20).unwrap().to_string(), "20");
        for bad in ["0", "21", "-3", "", "sex", "5.5", "300", &"2".repeat(10_000)] {
            assert_eq!(Capacity::parse(bad).unwrap_err().message, "Antal platser ska vara mellan 1 och 20.", "{bad:?}");
        }
        let de = |n: u8| Capacity::deserialize(U8Deserializer::<ValueError>::new(n));
        assert!(de(6).is_ok());
        assert!(de(0).is_err());
        assert!(de(21).is_err());
    }

    #[test]
    fn places() {
        let taking: Vec<_> = EnrolmentStatus::ALL.iter().filter(|s| s.takes_place()).collect();
        assert_eq!(taking, [&EnrolmentStatus::Enrolled, &EnrolmentStatus::Completed]);
    }
}
