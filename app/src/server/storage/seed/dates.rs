//! Dates and times of the demo data: everything follows from `today`.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Stockholm;

/// A Swedish local time on `day`, as the UTC instant stored (whole seconds).
pub(super) fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN));
    // Daytime never falls in the DST gap; `earliest` also settles the autumn fold.
    match Stockholm.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => local.and_utc(),
    }
}

pub(super) fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + TimeDelta::days(n)
}

pub(super) fn months(d: NaiveDate, n: u32) -> NaiveDate {
    d + Months::new(n)
}

pub(super) fn end_of_month(d: NaiveDate) -> NaiveDate {
    let first = days(d, -i64::from(d.day0()));
    days(months(first, 1), -1)
}

pub(super) fn weekday_forward(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => days(d, 2),
        Weekday::Sun => days(d, 1),
        _ => d,
    }
}

pub(super) fn weekday_back(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => days(d, -1),
        Weekday::Sun => days(d, -2),
        _ => d,
    }
}

/// A weekday 2-5 days ahead (three if possible): the demo's "next meeting soon".
pub(super) fn soon_weekday(today: NaiveDate) -> NaiveDate {
    [3, 4, 2, 5]
        .into_iter()
        .map(|n| days(today, n))
        .find(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        // Four days in a row always hold a weekday; this is never used.
        .unwrap_or(days(today, 3))
}

pub(super) fn next_weekday(from: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    days(from, i64::from(ahead))
}
