//! Paid work a participant got (issue 13's supported-employment outcomes):
//! when it started and ended, the hours a week and the kind of employer.
//! Recorded by staff on the record's steps page.

use super::HoursPerWeek;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

code_enum! {
    /// Who employs them. A time-limited municipal employment is ASF's
    /// measure of last resort (domain.md, the 2025 model); it is paid work.
    pub enum EmployerKind (unknown = "Välj vilken sorts arbetsgivare.") {
        Private = "private" => "Privat arbetsgivare",
        Public = "public" => "Offentlig arbetsgivare (kommun, region eller stat)",
        SocialEnterprise = "social_enterprise" => "Socialt företag",
        MunicipalEmployment = "municipal_employment" => "Tidsbegränsad kommunal anställning (ASF)",
    }
}

/// Paid hours that make a first job count, as supported-employment
/// programmes now measure it.
pub const PAID_HOURS_TO_COUNT: u32 = 4;

/// One employment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employment {
    pub starts_on: NaiveDate,
    /// `None` while it lasts.
    pub ends_on: Option<NaiveDate>,
    pub hours_per_week: HoursPerWeek,
    pub employer: EmployerKind,
}

impl Employment {
    /// The day the job counts as paid work: the day its fourth paid hour is
    /// worked, with the week's hours spread over its five weekdays (with 2
    /// hours a week that is the tenth working day). `None` when it ended
    /// before that.
    pub fn counts_from(&self) -> Option<NaiveDate> {
        let hours = u32::from(self.hours_per_week.get());
        let mut days_needed = (PAID_HOURS_TO_COUNT * 5).div_ceil(hours);
        let mut day = self.starts_on;
        loop {
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                days_needed -= 1;
                if days_needed == 0 {
                    break;
                }
            }
            day = day.checked_add_days(Days::new(1))?;
        }
        self.ends_on.is_none_or(|end| end >= day).then_some(day)
    }

    /// Whether the job runs on this day (started, not yet ended).
    pub fn runs_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| end >= day)
    }

    /// Days of the job within `from..=until`, both included.
    pub fn days_within(&self, from: NaiveDate, until: NaiveDate) -> u32 {
        let start = self.starts_on.max(from);
        let end = self.ends_on.map_or(until, |e| e.min(until));
        u32::try_from((end - start).num_days() + 1).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(starts_on: &str, ends_on: Option<&str>, hours: u8) -> Employment {
        Employment {
            starts_on: starts_on.parse().unwrap(),
            ends_on: ends_on.map(|e| e.parse().unwrap()),
            hours_per_week: HoursPerWeek::new(hours).unwrap(),
            employer: EmployerKind::Private,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_job_counts_from_its_fourth_paid_hour() {
        // 2026-03-02 is a Monday.
        assert_eq!(job("2026-03-02", None, 20).counts_from(), Some(day("2026-03-02")), "4 hours a day");
        assert_eq!(job("2026-03-02", None, 10).counts_from(), Some(day("2026-03-03")), "2 hours a day");
        // 1 hour a week is 0.2 hours a day: the 20th weekday, four weeks on.
        assert_eq!(job("2026-03-02", None, 1).counts_from(), Some(day("2026-03-27")));
        // Starting on a Saturday: the first working day is Monday.
        assert_eq!(job("2026-02-28", None, 40).counts_from(), Some(day("2026-03-02")));
        // 3 hours a week: 7 weekdays (Friday to the next Monday but one).
        assert_eq!(job("2026-03-06", None, 3).counts_from(), Some(day("2026-03-16")));
    }

    #[test]
    fn a_job_ended_before_its_fourth_hour_never_counts() {
        assert_eq!(job("2026-03-02", Some("2026-03-02"), 10).counts_from(), None);
        assert_eq!(job("2026-03-02", Some("2026-03-03"), 10).counts_from(), Some(day("2026-03-03")));
    }

    #[test]
    fn days_within_a_span() {
        let j = job("2026-03-10", Some("2026-03-20"), 20);
        assert_eq!(j.days_within(day("2026-03-01"), day("2026-03-31")), 11);
        assert_eq!(j.days_within(day("2026-03-15"), day("2026-03-31")), 6);
        assert_eq!(j.days_within(day("2026-03-21"), day("2026-03-31")), 0);
        assert_eq!(j.days_within(day("2026-01-01"), day("2026-03-09")), 0);
        assert!(j.runs_on(day("2026-03-20")) && !j.runs_on(day("2026-03-21")) && !j.runs_on(day("2026-03-09")));
    }
}
