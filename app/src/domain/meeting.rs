//! Meetings: what kind, their status, a participant's answer and when they happen.

use super::ParseError;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The meetings of the collaboration process (domain.md, steps 2-11) and of
    /// the ASF road of the 2025 model.
    pub enum MeetingKind (unknown = "Välj en mötestyp i listan.") {
        Intake = "intake" => "Kartläggningsmöte",
        JointPlanning = "joint_planning" => "Planeringsmöte (gemensam plan)",
        FollowUp = "follow_up" => "Uppföljning",
        JointAssessment1 = "joint_assessment_1" => "Gemensam kartläggning 1",
        JointAssessment2 = "joint_assessment_2" => "Gemensam kartläggning 2",
        JointAssessment3 = "joint_assessment_3" => "Gemensam kartläggning 3",
        CheckIn = "check_in" => "Avstämningsmöte",
        AfEnrolment = "af_enrolment" => "Inskrivningsmöte på Arbetsförmedlingen",
        Handover = "handover" => "Överlämning",
        AsfCaseRaised = "asf_case_raised" => "Aktualiseringsmöte med ASF",
        AsfJointPlanning = "asf_joint_planning" => "Gemensam planering ASF och FSF",
        Transition = "transition" => "Omställningsmöte FK och AF (ASF inbjuden)",
        ProgrammeSession = "programme_session" => "Tillfälle i arbetsnärmande programmet",
        Other = "other" => "Annat möte",
    }
}

impl MeetingKind {
    /// GK 1-3, counted as "GK held and planned" in the follow-up tables.
    pub const fn is_joint_assessment(self) -> bool {
        matches!(self, Self::JointAssessment1 | Self::JointAssessment2 | Self::JointAssessment3)
    }
}

code_enum! {
    pub enum MeetingStatus (unknown = "Välj en status i listan.") {
        Planned = "planned" => "Planerat",
        Held = "held" => "Genomfört",
        Cancelled = "cancelled" => "Inställt",
    }
}

code_enum! {
    /// The participant's reply to a meeting invitation.
    pub enum MeetingAnswer (unknown = "Välj om du kommer eller inte.") {
        NoAnswer = "none" => "Inget svar",
        Coming = "coming" => "Kommer",
        NotComing = "not_coming" => "Kommer inte",
    }
}

/// When a meeting happens: an instant span in UTC, end after start, at most
/// 12 hours long. Stored in UTC; shown in Swedish time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawMeetingTime")]
pub struct MeetingTime {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Unchecked shape used only so deserialization goes through [`MeetingTime::new`].
#[derive(Deserialize)]
struct RawMeetingTime {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TryFrom<RawMeetingTime> for MeetingTime {
    type Error = ParseError;
    fn try_from(raw: RawMeetingTime) -> Result<Self, Self::Error> {
        Self::new(raw.start, raw.end)
    }
}

impl MeetingTime {
    pub const MAX_HOURS: i64 = 12;

    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, ParseError> {
        if end <= start {
            return Err(ParseError::new("Sluttiden måste vara efter starttiden."));
        }
        if end - start > TimeDelta::hours(Self::MAX_HOURS) {
            return Err(ParseError::new("Ett möte kan vara högst 12 timmar. Kontrollera start- och sluttiden."));
        }
        Ok(Self { start, end })
    }

    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub const fn end(&self) -> DateTime<Utc> {
        self.end
    }

    pub fn duration(&self) -> TimeDelta {
        self.end - self.start
    }
}

// Local time needs the tz database (~100 kB of wasm); it stays out of the
// browser build as long as no island uses it.
mod local {
    use super::{MeetingTime, ParseError};
    use crate::domain::parse_iso_date;
    use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
    use chrono_tz::Europe::Stockholm;
    use chrono_tz::Tz;

    /// Reads `HH:MM` as sent by `<input type="time">`; also `H:MM` and `HH.MM`,
    /// the way times are often written in Swedish.
    pub(super) fn parse_time(s: &str) -> Result<NaiveTime, ParseError> {
        const FORMAT: ParseError = ParseError::new("Skriv tiden som timmar och minuter, till exempel 09:30.");
        let s = s.trim();
        let (h, m) = s.split_once([':', '.']).ok_or(FORMAT)?;
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        if !(digits(h) && h.len() <= 2 && digits(m) && m.len() == 2) {
            return Err(FORMAT);
        }
        let (h, m) = (h.parse().map_err(|_| FORMAT)?, m.parse().map_err(|_| FORMAT)?);
        NaiveTime::from_hms_opt(h, m, 0).ok_or(FORMAT)
    }

    fn to_utc(date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, ParseError> {
        match Stockholm.from_local_datetime(&date.and_time(time)) {
            LocalResult::Single(t) => Ok(t.to_utc()),
            // When the clock goes back, 02:00-03:00 happens twice; the first
            // (summer time) is what a person planning ahead most likely means.
            LocalResult::Ambiguous(a, b) => Ok(a.min(b).to_utc()),
            LocalResult::None => Err(ParseError::new(
                "Den tiden finns inte den dagen, för klockan ställs fram en timme på natten. Välj en annan tid.",
            )),
        }
    }

    impl MeetingTime {
        /// From form fields: a date (`YYYY-MM-DD`) and start and end times
        /// (`HH:MM`) in Swedish local time (Europe/Stockholm).
        pub fn parse_local(date: &str, start: &str, end: &str) -> Result<Self, ParseError> {
            let date = parse_iso_date(date)?;
            let start = to_utc(date, parse_time(start)?)?;
            let end = to_utc(date, parse_time(end)?)?;
            Self::new(start, end)
        }

        /// `count` meetings a week apart from `first`, each starting at `start`
        /// Swedish time and lasting `minutes`: the clock time stays the same
        /// across a change to or from summer time.
        pub fn weekly(first: NaiveDate, start: &str, minutes: i64, count: usize) -> Result<Vec<Self>, ParseError> {
            let time = parse_time(start)?;
            (0..count)
                .map(|week| {
                    let date = first + chrono::Days::new(7 * week as u64);
                    let start = to_utc(date, time)?;
                    Self::new(start, start + chrono::TimeDelta::minutes(minutes))
                })
                .collect()
        }

        pub fn start_local(&self) -> DateTime<Tz> {
            self.start.with_timezone(&Stockholm)
        }

        pub fn end_local(&self) -> DateTime<Tz> {
            self.end.with_timezone(&Stockholm)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn code_enums() {
        check_code_enum::<MeetingKind>();
        check_code_enum::<MeetingStatus>();
        check_code_enum::<MeetingAnswer>();
        assert_eq!(MeetingKind::JointAssessment2.as_str(), "joint_assessment_2");
        assert_eq!(MeetingKind::CheckIn.label_sv(), "Avstämningsmöte");
        assert_eq!(MeetingAnswer::NoAnswer.as_str(), "none");
        assert_eq!(MeetingKind::ALL.iter().filter(|k| k.is_joint_assessment()).count(), 3);
    }

    #[test]
    fn new_checks_order_and_length() {
        let t = MeetingTime::new(utc(2026, 5, 4, 8, 0), utc(2026, 5, 4, 9, 30)).unwrap();
        assert_eq!(t.duration(), TimeDelta::minutes(90));
        assert_eq!(t.start(), utc(2026, 5, 4, 8, 0));
        assert_eq!(t.end(), utc(2026, 5, 4, 9, 30));
        assert!(MeetingTime::new(utc(2026, 5, 4, 8, 0), utc(2026, 5, 4, 20, 0)).is_ok());
        assert!(MeetingTime::new(utc(2026, 5, 4, 8, 0), utc(2026, 5, 4, 20, 1)).is_err());
        assert!(MeetingTime::new(utc(2026, 5, 4, 8, 0), utc(2026, 5, 4, 8, 0)).is_err());
        assert_eq!(
            MeetingTime::new(utc(2026, 5, 4, 9, 0), utc(2026, 5, 4, 8, 0)).unwrap_err().message,
            "Sluttiden måste vara efter starttiden."
        );
    }

    mod local_time {
        use super::*;
        use crate::domain::meeting::local::parse_time;
        use chrono::NaiveDate;

        fn rfc(t: DateTime<chrono_tz::Tz>) -> String {
            t.to_rfc3339()
        }

        #[test]
        fn weekly_keeps_the_clock_time_across_summer_time() {
            // 2026-03-29 the clocks go forward: 13:00 stays 13:00 Swedish time.
            let first = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
            let times = MeetingTime::weekly(first, "13:00", 90, 4).unwrap();
            let local: Vec<String> = times.iter().map(|t| rfc(t.start_local())).collect();
            assert_eq!(
                local,
                [
                    "2026-03-17T13:00:00+01:00",
                    "2026-03-24T13:00:00+01:00",
                    "2026-03-31T13:00:00+02:00",
                    "2026-04-07T13:00:00+02:00"
                ]
            );
            assert_eq!(times[2].start(), utc(2026, 3, 31, 11, 0));
            assert!(times.iter().all(|t| t.duration() == TimeDelta::minutes(90)));
            // And back in October.
            let autumn = MeetingTime::weekly(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(), "09:30", 60, 2).unwrap();
            assert_eq!(rfc(autumn[1].start_local()), "2026-10-27T09:30:00+01:00");
            assert!(MeetingTime::weekly(first, "25:00", 90, 4).is_err());
        }

        #[test]
        fn winter_and_summer_offsets() {
            let winter = MeetingTime::parse_local("2026-01-15", "10:00", "11:30").unwrap();
            assert_eq!(winter.start(), utc(2026, 1, 15, 9, 0));
            assert_eq!(rfc(winter.start_local()), "2026-01-15T10:00:00+01:00");
            assert_eq!(rfc(winter.end_local()), "2026-01-15T11:30:00+01:00");
            let summer = MeetingTime::parse_local("2026-06-15", "10:00", "11:30").unwrap();
            assert_eq!(summer.start(), utc(2026, 6, 15, 8, 0));
            assert_eq!(rfc(summer.start_local()), "2026-06-15T10:00:00+02:00");
        }

        #[test]
        fn spring_forward_gap_is_refused() {
            // 2026-03-29: clocks go from 02:00 to 03:00.
            let err = MeetingTime::parse_local("2026-03-29", "02:30", "04:00").unwrap_err();
            assert!(err.message.contains("finns inte"), "{err}");
            assert!(MeetingTime::parse_local("2026-03-29", "01:00", "02:00").is_err());
            assert!(MeetingTime::parse_local("2026-03-29", "01:00", "02:59").is_err());
            // Around the gap: 01:30 is +01, 03:30 is +02, so only one real hour passes.
            let t = MeetingTime::parse_local("2026-03-29", "01:30", "03:30").unwrap();
            assert_eq!(t.start(), utc(2026, 3, 29, 0, 30));
            assert_eq!(t.end(), utc(2026, 3, 29, 1, 30));
            assert_eq!(t.duration(), TimeDelta::hours(1));
            assert_eq!(rfc(t.end_local()), "2026-03-29T03:30:00+02:00");
        }

        #[test]
        fn fall_back_ambiguity_takes_the_earlier() {
            // 2026-10-25: 02:00-03:00 happens twice, first at +02, then at +01.
            let t = MeetingTime::parse_local("2026-10-25", "02:30", "02:45").unwrap();
            assert_eq!(t.start(), utc(2026, 10, 25, 0, 30));
            assert_eq!(rfc(t.start_local()), "2026-10-25T02:30:00+02:00");
            assert_eq!(t.duration(), TimeDelta::minutes(15));
            // 01:30 (+02) to 03:30 (+01) is three real hours.
            let t = MeetingTime::parse_local("2026-10-25", "01:30", "03:30").unwrap();
            assert_eq!(t.start(), utc(2026, 10, 24, 23, 30));
            assert_eq!(t.end(), utc(2026, 10, 25, 2, 30));
            assert_eq!(t.duration(), TimeDelta::hours(3));
        }

        #[test]
        fn local_input_refused() {
            for (d, s, e) in [
                ("2026-05-04", "10:00", "09:00"),
                ("2026-05-04", "10:00", "10:00"),
                ("2026-05-04", "07:00", "19:01"),
                ("2026-05-04", "10:00", "24:00"),
                ("2026-05-04", "", "11:00"),
                ("2026-05-04", "10", "11:00"),
                ("2026-05-04", "10:0", "11:00"),
                ("2026-05-04", "1000", "11:00"),
                ("2026-05-04", "-1:00", "11:00"),
                ("2026-05-04", "10:60", "11:00"),
                ("2026-05-04", "10:00:00", "11:00"),
                ("2026-02-30", "10:00", "11:00"),
                ("4 maj", "10:00", "11:00"),
                ("", "10:00", "11:00"),
            ] {
                assert!(MeetingTime::parse_local(d, s, e).is_err(), "{d} {s}-{e}");
            }
            let huge = "1".repeat(10_000);
            assert!(MeetingTime::parse_local(&huge, &huge, &huge).is_err());
            assert!(MeetingTime::parse_local("2026-05-04", "07:00", "19:00").is_ok());
        }

        #[test]
        fn time_formats() {
            let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
            assert_eq!(parse_time("09:30"), Ok(t(9, 30)));
            assert_eq!(parse_time(" 9:30 "), Ok(t(9, 30)));
            assert_eq!(parse_time("09.30"), Ok(t(9, 30)));
            assert_eq!(parse_time("00:00"), Ok(t(0, 0)));
            assert_eq!(parse_time("23:59"), Ok(t(23, 59)));
            assert!(parse_time("+9:30").is_err());
        }
    }

    #[test]
    fn serde_goes_through_new() {
        use serde::de::value::{Error as ValueError, MapDeserializer};
        let de = |start: &str, end: &str| {
            let map = vec![("start", start.to_owned()), ("end", end.to_owned())];
            MeetingTime::deserialize(MapDeserializer::<_, ValueError>::new(map.into_iter()))
        };
        let ok = de("2026-05-04T08:00:00Z", "2026-05-04T09:00:00Z").unwrap();
        assert_eq!(ok.duration(), TimeDelta::hours(1));
        assert!(de("2026-05-04T09:00:00Z", "2026-05-04T08:00:00Z").is_err());
        assert!(de("2026-05-04T08:00:00Z", "2026-05-05T08:00:00Z").is_err());
    }
}
