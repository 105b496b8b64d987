//! Texts. Participant-facing text lives in `sv.rs` (the pages) and
//! `reminders.rs` (the messages sent to their phones) only, so a language
//! editor can change every word a participant reads without touching any page.

pub mod admin;
pub mod extract;
pub mod factors;
pub mod follow_up;
pub mod lix;
pub mod log;
pub mod manual;
pub mod reminders;
pub mod staff;
pub mod sus;
pub mod sv;

use chrono::{DateTime, Datelike, Timelike, Utc};

/// "tisdag 3 december klockan 10" or "… klockan 10.30", in Swedish time.
pub fn day_and_time_in_words(at: DateTime<Utc>) -> String {
    format!("{} {} {}", day_in_words(at), sv::AT_CLOCK, time_in_words(at))
}

/// "tisdag 3 december", in Swedish time.
pub fn day_in_words(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Stockholm);
    let weekday = sv::WEEKDAYS[local.weekday().num_days_from_monday() as usize];
    let month = sv::MONTHS[local.month0() as usize];
    format!("{weekday} {} {month}", local.day())
}

/// "Tisdag 3 december klockan 13 till 14.30": a meeting's time on a line of its own.
pub fn span_in_words(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{} {} {}", capitalise(&day_and_time_in_words(start)), sv::UNTIL, time_in_words(end))
}

/// "klockan 13 till 14.30": the time of day only, for a line under the day.
pub fn clock_span_in_words(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{} {} {} {}", sv::AT_CLOCK, time_in_words(start), sv::UNTIL, time_in_words(end))
}

/// "Klockan 10 till 11.30" style end time: just the time.
pub fn time_in_words(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Stockholm);
    if local.minute() == 0 { format!("{}", local.hour()) } else { format!("{}.{:02}", local.hour(), local.minute()) }
}

/// "3 december 2026".
pub fn date_in_words(date: chrono::NaiveDate) -> String {
    format!("{} {} {}", date.day(), sv::MONTHS[date.month0() as usize], date.year())
}

/// "2026-12-03 13:00–14:30" in Swedish time: compact, for staff tables.
pub fn staff_time_span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, e) = (start.with_timezone(&chrono_tz::Europe::Stockholm), end.with_timezone(&chrono_tz::Europe::Stockholm));
    let day = sv::WEEKDAYS[s.weekday().num_days_from_monday() as usize];
    format!("{day} {} {}–{}", s.format("%Y-%m-%d"), s.format("%H:%M"), e.format("%H:%M"))
}

/// "2026-12-03 13:00" in Swedish time.
pub fn staff_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Stockholm).format("%Y-%m-%d %H:%M").to_string()
}

/// Capitalises the first letter (for the start of a line).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn winter_time_is_utc_plus_one() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert_eq!(day_and_time_in_words(at), "tisdag 1 december klockan 10");
    }

    #[test]
    fn summer_time_is_utc_plus_two_and_minutes_show() {
        let at = Utc.with_ymd_and_hms(2026, 6, 3, 8, 30, 0).unwrap();
        assert_eq!(day_and_time_in_words(at), "onsdag 3 juni klockan 10.30");
    }

    #[test]
    fn a_span_reads_as_one_line_or_as_day_and_clock() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let end = start + chrono::TimeDelta::minutes(90);
        assert_eq!(span_in_words(start, end), "Tisdag 1 december klockan 13 till 14.30");
        assert_eq!(day_in_words(start), "tisdag 1 december");
        assert_eq!(clock_span_in_words(start, end), "klockan 13 till 14.30");
    }

    #[test]
    fn staff_times_are_swedish_local_across_summer_time() {
        let winter = Utc.with_ymd_and_hms(2026, 3, 24, 12, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 3, 31, 11, 0, 0).unwrap();
        assert_eq!(staff_time_span(winter, winter + chrono::TimeDelta::minutes(90)), "tisdag 2026-03-24 13:00–14:30");
        assert_eq!(staff_time(summer), "2026-03-31 13:00");
    }

    #[test]
    fn capitalise_handles_swedish_letters() {
        assert_eq!(capitalise("öppet"), "Öppet");
        assert_eq!(capitalise(""), "");
    }
}
