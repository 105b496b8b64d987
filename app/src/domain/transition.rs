//! The clocks of the transition out of DV (domain.md, the process steps 9-13
//! and the 2025 model): dates staff record, and the day each one runs out.
//! Dates are Swedish calendar dates, so the arithmetic is on dates, never on
//! instants: a clock runs out on the same day on either side of summer time.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

code_enum! {
    /// What a recorded date is (one a kind a participant; a new date replaces the old).
    pub enum ClockKind (unknown = "Välj vad datumet gäller i listan.") {
        WorkTrainingStart = "work_training_start" => "Arbetsträning hos Arbetsförmedlingen börjar",
        RestingDecision = "resting_decision" => "Beslutet om daglig verksamhet vilar från (avbrott i verkställighet)",
        HandoverEnd = "handover_end" => "Överlämningsperioden slutar",
        AsfMeasureStart = "asf_measure_start" => "Arbetsmarknadsinsats genom ASF börjar",
        FsfSupport = "fsf_support" => "Fortsatt stöd från FSF (funktionsstöd) börjar",
    }
}

/// The DV place is kept four weeks from the start of AF's work training.
pub const PLACE_KEPT: Days = Days::new(28);
/// The DV decision can rest three months; a return within them needs no new application.
pub const RESTING: Months = Months::new(3);
/// Förlängt stöd lasts twelve months from the employment.
pub const EXTENDED_SUPPORT: Months = Months::new(12);
/// "Att göra" lists what falls due within two weeks.
pub const DUE_WITHIN: Days = Days::new(14);

/// One recorded date of the transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionDate {
    pub kind: ClockKind,
    pub starts_on: NaiveDate,
    /// Only FSF's support has an end of its own (when known).
    pub ends_on: Option<NaiveDate>,
    /// Stopped before it ran out: the participant came back to DV while the decision rested.
    pub closed_on: Option<NaiveDate>,
}

/// What a date means for staff: the day something happens that they must act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Due {
    /// Four weeks after the work training started, the DV place is released.
    PlaceReleased(NaiveDate),
    /// The resting decision ends: until then a return needs no new application.
    RestingEnds(NaiveDate),
    /// The handover period ends: the arbetskonsulent tells the LSS authority DV ends.
    HandoverEnds(NaiveDate),
    /// The ASF measure starts: DV ends by law that day.
    MeasureStarts(NaiveDate),
    /// FSF's continuous support ends.
    FsfSupportEnds(NaiveDate),
    /// Förlängt stöd's twelve months end.
    ExtendedSupportEnds(NaiveDate),
}

impl Due {
    pub const fn on(self) -> NaiveDate {
        match self {
            Self::PlaceReleased(d)
            | Self::RestingEnds(d)
            | Self::HandoverEnds(d)
            | Self::MeasureStarts(d)
            | Self::FsfSupportEnds(d)
            | Self::ExtendedSupportEnds(d) => d,
        }
    }

    /// Falls due from today up to two weeks ahead.
    pub fn is_soon(self, today: NaiveDate) -> bool {
        self.on() >= today && today.checked_add_days(DUE_WITHIN).is_some_and(|limit| self.on() <= limit)
    }
}

impl TransitionDate {
    /// The day this clock runs out, if it is running: `None` once stopped, or
    /// for FSF's support without a known end.
    pub fn due(self) -> Option<Due> {
        if self.closed_on.is_some() {
            return None;
        }
        let d = self.starts_on;
        match self.kind {
            ClockKind::WorkTrainingStart => d.checked_add_days(PLACE_KEPT).map(Due::PlaceReleased),
            ClockKind::RestingDecision => resting_until(d).map(Due::RestingEnds),
            ClockKind::HandoverEnd => Some(Due::HandoverEnds(d)),
            ClockKind::AsfMeasureStart => Some(Due::MeasureStarts(d)),
            ClockKind::FsfSupport => self.ends_on.map(Due::FsfSupportEnds),
        }
    }

    /// The last day a participant whose decision rests may come back without
    /// applying again, while that is still ahead (or today).
    pub fn may_return_until(self, today: NaiveDate) -> Option<NaiveDate> {
        match (self.kind, self.due()) {
            (ClockKind::RestingDecision, Some(Due::RestingEnds(until)))
                if self.starts_on <= today && today <= until =>
            {
                Some(until)
            }
            _ => None,
        }
    }
}

/// The last day of a resting decision that began on `from`: three months on
/// (a month without that day ends on its last day: 30 November → 28 February).
pub fn resting_until(from: NaiveDate) -> Option<NaiveDate> {
    from.checked_add_months(RESTING)
}

/// The end of förlängt stöd that began on `from`.
pub fn extended_support_until(from: NaiveDate) -> Option<NaiveDate> {
    from.checked_add_months(EXTENDED_SUPPORT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn date(kind: ClockKind, starts_on: &str) -> TransitionDate {
        TransitionDate { kind, starts_on: d(starts_on), ends_on: None, closed_on: None }
    }

    #[test]
    fn code_enum() {
        check_code_enum::<ClockKind>();
    }

    #[test]
    fn each_clock_runs_out_on_its_day() {
        // Work training from 9 March 2027: the place is released four weeks on,
        // across the change to summer time (28 March).
        assert_eq!(date(ClockKind::WorkTrainingStart, "2027-03-09").due(), Some(Due::PlaceReleased(d("2027-04-06"))));
        // And across the change back (31 October 2027).
        assert_eq!(date(ClockKind::WorkTrainingStart, "2027-10-20").due(), Some(Due::PlaceReleased(d("2027-11-17"))));
        assert_eq!(date(ClockKind::RestingDecision, "2026-12-12").due(), Some(Due::RestingEnds(d("2027-03-12"))));
        // A month without the day: the end of the month.
        assert_eq!(resting_until(d("2026-11-30")), Some(d("2027-02-28")));
        assert_eq!(date(ClockKind::HandoverEnd, "2027-05-03").due(), Some(Due::HandoverEnds(d("2027-05-03"))));
        assert_eq!(date(ClockKind::AsfMeasureStart, "2027-01-11").due(), Some(Due::MeasureStarts(d("2027-01-11"))));
        assert_eq!(date(ClockKind::FsfSupport, "2027-01-11").due(), None, "no end known");
        let fsf = TransitionDate { ends_on: Some(d("2027-07-01")), ..date(ClockKind::FsfSupport, "2027-01-11") };
        assert_eq!(fsf.due(), Some(Due::FsfSupportEnds(d("2027-07-01"))));
        assert_eq!(extended_support_until(d("2026-04-01")), Some(d("2027-04-01")));
        // A stopped clock falls due no more.
        let closed =
            TransitionDate { closed_on: Some(d("2027-01-05")), ..date(ClockKind::RestingDecision, "2026-12-12") };
        assert_eq!(closed.due(), None);
    }

    #[test]
    fn soon_is_today_to_two_weeks_ahead() {
        let today = d("2027-03-20");
        assert!(Due::PlaceReleased(today).is_soon(today));
        assert!(Due::PlaceReleased(d("2027-04-03")).is_soon(today), "14 days ahead");
        assert!(!Due::PlaceReleased(d("2027-04-04")).is_soon(today), "15 days ahead");
        assert!(!Due::PlaceReleased(d("2027-03-19")).is_soon(today), "yesterday");
    }

    #[test]
    fn a_return_needs_no_application_while_the_decision_rests() {
        let resting = date(ClockKind::RestingDecision, "2026-12-12");
        assert_eq!(resting.may_return_until(d("2026-12-12")), Some(d("2027-03-12")));
        assert_eq!(resting.may_return_until(d("2027-03-12")), Some(d("2027-03-12")), "the last day counts");
        assert_eq!(resting.may_return_until(d("2027-03-13")), None, "a new application after");
        assert_eq!(resting.may_return_until(d("2026-12-11")), None, "not resting yet");
        let closed = TransitionDate { closed_on: Some(d("2027-01-05")), ..resting };
        assert_eq!(closed.may_return_until(d("2027-01-06")), None, "came back already");
        assert_eq!(date(ClockKind::HandoverEnd, "2026-12-12").may_return_until(d("2026-12-20")), None);
    }
}
