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
