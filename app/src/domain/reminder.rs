//! Reminders before meetings (issue 14): what a participant, or a relative
//! whose consent shares the meetings, chooses, and when each reminder is due.
//!
//! Pure: the outbox (storage) keeps the rows this computes, and the worker
//! sends them. Times are chosen and shown in Swedish time; instants are UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Stockholm;
use serde::{Deserialize, Serialize};

code_enum! {
    /// How a reminder reaches the phone.
    pub enum Channel (unknown = "Välj hur påminnelsen ska komma.") {
        /// A notification from the installed app (Web Push).
        Push = "push" => "I appen",
        Sms = "sms" => "Med sms",
    }
}

code_enum! {
    /// What a message is about.
    pub enum ReminderKind (unknown = "Okänd sorts påminnelse.") {
        DayBefore = "day_before" => "Dagen före",
        TwoHours = "two_hours" => "Två timmar före",
        /// "Mötet är flyttat": sent when staff move a meeting.
        Moved = "moved" => "Mötet är flyttat",
        /// "Mötet är inställt": sent when staff cancel a meeting.
        Cancelled = "cancelled" => "Mötet är inställt",
        /// "Skicka en påminnelse nu": the person sees what one looks like.
        Test = "test" => "Prov",
    }
}

code_enum! {
    /// What a message may show on a locked phone. Never the names of
    /// officials, benefits or what the plan says: at most the kind of
    /// meeting and its time.
    pub enum LockScreen (unknown = "Välj vad som får synas.") {
        WhatAndWhen = "what_and_when" => "Vad och när",
        OnlyThat = "only_that" => "Bara att du har ett möte",
    }
}

code_enum! {
    /// Where a message stands in the outbox.
    pub enum ReminderStatus (unknown = "Okänd status.") {
        Pending = "pending" => "Väntar",
        /// Claimed by a worker that is sending it now.
        Sending = "sending" => "Skickas",
        Sent = "sent" => "Skickad",
        /// The phone showed it (its service worker said so).
        Delivered = "delivered" => "Visades på mobilen",
        Failed = "failed" => "Gick inte fram",
        Cancelled = "cancelled" => "Behövs inte längre",
    }
}

/// A time of day in Swedish time, "18.00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// The default for the reminder the day before.
    pub const EVENING: TimeOfDay = TimeOfDay(18 * 60);

    pub fn parse(s: &str) -> Result<Self, super::ParseError> {
        const MESSAGE: &str = "Skriv en tid som 18.00.";
        let s = s.trim().replace(':', ".");
        let (h, m) = s.split_once('.').unwrap_or((&s, "00"));
        let (Ok(h), Ok(m)) = (h.parse::<u16>(), m.parse::<u16>()) else {
            return Err(super::ParseError::new(MESSAGE));
        };
        if h > 23 || m > 59 || s.len() > 5 {
            return Err(super::ParseError::new(MESSAGE));
        }
        Ok(TimeOfDay(h * 60 + m))
    }

    /// Minutes after midnight, as stored.
    pub fn from_minutes(minutes: i64) -> Option<Self> {
        u16::try_from(minutes).ok().filter(|&m| m < 24 * 60).map(TimeOfDay)
    }

    pub fn minutes(self) -> i64 {
        i64::from(self.0)
    }

    fn naive(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.0 / 60), u32::from(self.0 % 60), 0).unwrap_or(NaiveTime::MIN)
    }

    /// "18.00", as Swedish writes a time.
    pub fn display(self) -> String {
        format!("{:02}.{:02}", self.0 / 60, self.0 % 60)
    }
}

/// One person's choice for one participant's meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderChoice {
    /// The reminder the day before, at this time; `None`: not that one.
    pub day_before: Option<TimeOfDay>,
    pub two_hours_before: bool,
    pub by_push: bool,
    pub by_sms: bool,
    pub lock_screen: LockScreen,
}

impl ReminderChoice {
    /// Nothing chosen yet: no reminders.
    pub const OFF: ReminderChoice = ReminderChoice {
        day_before: None,
        two_hours_before: false,
        by_push: false,
        by_sms: false,
        lock_screen: LockScreen::WhatAndWhen,
    };

    /// What "Ja, påminn mig" starts from: the evening before, in the app.
    pub const SUGGESTED: ReminderChoice = ReminderChoice {
        day_before: Some(TimeOfDay::EVENING),
        two_hours_before: false,
        by_push: true,
        by_sms: false,
        lock_screen: LockScreen::WhatAndWhen,
    };

    /// Some reminder, some way.
    pub fn is_on(&self) -> bool {
        (self.day_before.is_some() || self.two_hours_before) && !self.channels().is_empty()
    }

    pub fn channels(&self) -> Vec<Channel> {
        let mut channels = Vec::new();
        if self.by_push {
            channels.push(Channel::Push);
        }
        if self.by_sms {
            channels.push(Channel::Sms);
        }
        channels
    }
}

/// SMS are not sent from 21.00 until 08.00 (Swedish time): a text that buzzes
/// at night wakes people, and many of our participants sleep badly already.
pub const QUIET_FROM: u32 = 21;
pub const QUIET_UNTIL: u32 = 8;

/// A Swedish wall-clock time as an instant. In the spring gap (02.00-03.00 does
/// not exist) the time after the gap; in the autumn overlap the first.
pub fn swedish_instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    match Stockholm.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => Stockholm
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// When an SMS due at `due` may go: at once outside the quiet hours, else at
/// 08.00 after them.
pub fn sms_time(due: DateTime<Utc>) -> DateTime<Utc> {
    after_quiet(due, QUIET_FROM, QUIET_UNTIL)
}

/// `due`, or the end of the quiet hours from `from` to `until` o'clock
/// (Swedish time) when it falls in them. `from > until` spans midnight;
/// `from == until` is no quiet hours at all.
pub fn after_quiet(due: DateTime<Utc>, from: u32, until: u32) -> DateTime<Utc> {
    let local = due.with_timezone(&Stockholm);
    let hour = local.hour();
    let quiet = match from.cmp(&until) {
        std::cmp::Ordering::Greater => hour >= from || hour < until,
        std::cmp::Ordering::Less => hour >= from && hour < until,
        std::cmp::Ordering::Equal => false,
    };
    if !quiet {
        return due;
    }
    let day = if from > until && hour >= from { local.date_naive() + Duration::days(1) } else { local.date_naive() };
    swedish_instant(day, NaiveTime::from_hms_opt(until, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// One message to send: what, which way, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheduled {
    pub kind: ReminderKind,
    pub channel: Channel,
    pub at: DateTime<Utc>,
}

/// The reminders of a meeting starting at `starts_at` for one person's choice,
/// as of `now`. A reminder whose time has passed is not sent late (the day
/// before at 18.00, for a meeting booked at 19.00 for tomorrow), and an SMS
/// that would fall in the quiet hours waits until 08.00, or is left out when
/// the meeting has begun by then.
pub fn schedule(choice: &ReminderChoice, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Scheduled> {
    planned(choice, starts_at).into_iter().filter(|due| due.at > now).collect()
}

/// Every reminder the choice gives a meeting starting at `starts_at`, whether
/// its time has come or not: a message waiting in the outbox (due, or being
/// tried again) is still wanted while it is one of these.
pub fn planned(choice: &ReminderChoice, starts_at: DateTime<Utc>) -> Vec<Scheduled> {
    let mut times = Vec::new();
    if let Some(time) = choice.day_before {
        let day = starts_at.with_timezone(&Stockholm).date_naive() - Duration::days(1);
        times.push((ReminderKind::DayBefore, swedish_instant(day, time.naive())));
    }
    if choice.two_hours_before {
        times.push((ReminderKind::TwoHours, starts_at - Duration::hours(2)));
    }
    let mut due = Vec::new();
    for (kind, at) in times {
        for channel in choice.channels() {
            let at = if channel == Channel::Sms { sms_time(at) } else { at };
            if at < starts_at {
                due.push(Scheduled { kind, channel, at });
            }
        }
    }
    due
}

/// How far ahead a move or a cancellation is told at once. Further ahead, the
/// reminders themselves come at the new time (or not at all), and someone
/// leaving a programme round is not sent one "inställt" per session.
pub const NOTICE_WITHIN_DAYS: i64 = 7;

/// A notice ("Mötet är flyttat", "Mötet är inställt") goes out now, by each
/// way the person chose; by SMS not in the quiet hours. `starts_at` is the
/// meeting's time (its new time, for a move); `was_at` its time before. Nothing
/// when the person has no reminders on, when neither time is within
/// [`NOTICE_WITHIN_DAYS`], or when the meeting has begun by the time the
/// message could go.
pub fn notice(
    choice: &ReminderChoice,
    kind: ReminderKind,
    starts_at: DateTime<Utc>,
    was_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Scheduled> {
    let horizon = now + Duration::days(NOTICE_WITHIN_DAYS);
    if !choice.is_on() || (starts_at > horizon && was_at > horizon) {
        return Vec::new();
    }
    choice
        .channels()
        .into_iter()
        .map(|channel| Scheduled { kind, channel, at: if channel == Channel::Sms { sms_time(now) } else { now } })
        .filter(|d| d.at < starts_at)
        .collect()
}

/// The most times a message is tried.
pub const MAX_ATTEMPTS: i64 = 6;

/// How long to wait before try number `attempts + 1`: one minute, then twice
/// as long each time, at most an hour. `None`: give up.
pub fn retry_after(attempts: i64) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = u32::try_from(attempts.clamp(1, 7) - 1).unwrap_or(0);
    Some(Duration::minutes((1i64 << exponent).min(60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn se(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        swedish_instant(NaiveDate::from_ymd_opt(y, mo, d).unwrap(), NaiveTime::from_hms_opt(h, mi, 0).unwrap())
    }

    fn choice(day_before: Option<&str>, two_hours: bool, push: bool, sms: bool) -> ReminderChoice {
        ReminderChoice {
            day_before: day_before.map(|t| TimeOfDay::parse(t).unwrap()),
            two_hours_before: two_hours,
            by_push: push,
            by_sms: sms,
            lock_screen: LockScreen::WhatAndWhen,
        }
    }

    #[test]
    fn a_time_of_day_is_typed_the_swedish_way() {
        assert_eq!(TimeOfDay::parse("18.00").unwrap().minutes(), 18 * 60);
        assert_eq!(TimeOfDay::parse("7:30").unwrap().display(), "07.30");
        assert_eq!(TimeOfDay::parse("9").unwrap().display(), "09.00");
        for bad in ["", "24.00", "18.60", "kväll", "18.000", "-1.00"] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(TimeOfDay::from_minutes(1439).unwrap().display(), "23.59");
        assert!(TimeOfDay::from_minutes(1440).is_none());
    }

    #[test]
    fn the_day_before_is_at_the_chosen_swedish_time_and_two_hours_before_is_two_hours_before() {
        let start = se(2026, 12, 10, 10, 0);
        let now = se(2026, 12, 1, 12, 0);
        let due = schedule(&choice(Some("18.00"), true, true, false), start, now);
        assert_eq!(
            due,
            vec![
                Scheduled { kind: ReminderKind::DayBefore, channel: Channel::Push, at: se(2026, 12, 9, 18, 0) },
                Scheduled { kind: ReminderKind::TwoHours, channel: Channel::Push, at: se(2026, 12, 10, 8, 0) },
            ]
        );
        // Winter time: 18.00 in Sweden is 17.00 UTC.
        assert_eq!(se(2026, 12, 9, 18, 0).to_rfc3339(), "2026-12-09T17:00:00+00:00");
    }

    #[test]
    fn the_evening_before_a_monday_after_the_clocks_go_back_is_in_winter_time() {
        // Sweden leaves summer time on 25 October 2026, at 03.00.
        let start = se(2026, 10, 26, 9, 0);
        let due = schedule(&choice(Some("18.00"), false, true, false), start, se(2026, 10, 1, 12, 0));
        assert_eq!(due[0].at.to_rfc3339(), "2026-10-25T17:00:00+00:00");
        let start = se(2026, 10, 25, 9, 0);
        let due = schedule(&choice(Some("18.00"), false, true, false), start, se(2026, 10, 1, 12, 0));
        assert_eq!(due[0].at.to_rfc3339(), "2026-10-24T16:00:00+00:00");
    }

    #[test]
    fn sms_wait_for_eight_in_the_morning_and_app_notifications_do_not() {
        // 09.30: two hours before is 07.30, in the quiet hours.
        let start = se(2026, 12, 10, 9, 30);
        let due = schedule(&choice(None, true, true, true), start, se(2026, 12, 1, 12, 0));
        assert_eq!(
            due,
            vec![
                Scheduled { kind: ReminderKind::TwoHours, channel: Channel::Push, at: se(2026, 12, 10, 7, 30) },
                Scheduled { kind: ReminderKind::TwoHours, channel: Channel::Sms, at: se(2026, 12, 10, 8, 0) },
            ]
        );
        // A meeting at 08.00 gets no SMS two hours before: it has begun at 08.00.
        let due = schedule(&choice(None, true, false, true), se(2026, 12, 10, 8, 0), se(2026, 12, 1, 12, 0));
        assert!(due.is_empty());
        // The evening before at 22.00 by SMS comes at 08.00 the day of the meeting, before a meeting at 13.
        let due = schedule(&choice(Some("22.00"), false, false, true), se(2026, 12, 10, 13, 0), se(2026, 12, 1, 12, 0));
        assert_eq!(due[0].at, se(2026, 12, 10, 8, 0));
        assert_eq!(sms_time(se(2026, 12, 10, 20, 59)), se(2026, 12, 10, 20, 59));
        assert_eq!(sms_time(se(2026, 12, 10, 21, 0)), se(2026, 12, 11, 8, 0));
        assert_eq!(sms_time(se(2026, 12, 11, 0, 15)), se(2026, 12, 11, 8, 0));
        // Other windows: within one day, and none.
        assert_eq!(after_quiet(se(2026, 12, 11, 13, 30), 13, 14), se(2026, 12, 11, 14, 0));
        assert_eq!(after_quiet(se(2026, 12, 11, 14, 0), 13, 14), se(2026, 12, 11, 14, 0));
        assert_eq!(after_quiet(se(2026, 12, 11, 3, 0), 8, 8), se(2026, 12, 11, 3, 0));
    }

    #[test]
    fn a_reminder_whose_time_has_passed_is_not_sent_late() {
        let start = se(2026, 12, 10, 10, 0);
        let booked = se(2026, 12, 9, 19, 0);
        let due = schedule(&choice(Some("18.00"), true, true, false), start, booked);
        assert_eq!(
            due,
            vec![Scheduled { kind: ReminderKind::TwoHours, channel: Channel::Push, at: se(2026, 12, 10, 8, 0) }]
        );
        assert!(schedule(&choice(Some("18.00"), true, true, false), start, start).is_empty());
    }

    #[test]
    fn a_reminder_whose_time_has_come_is_still_planned_while_the_meeting_stands() {
        let start = se(2026, 12, 10, 10, 0);
        let c = choice(Some("18.00"), true, true, false);
        let evening = se(2026, 12, 9, 19, 0);
        assert_eq!(planned(&c, start).len(), 2);
        assert_eq!(schedule(&c, start, evening).len(), 1, "only two hours before is still to come");
        // Moved a day later: the old evening's reminder is no longer planned.
        let moved = planned(&c, se(2026, 12, 11, 10, 0));
        assert!(!moved.iter().any(|d| d.at == se(2026, 12, 9, 18, 0)));
    }

    #[test]
    fn nothing_is_sent_without_a_time_and_a_way() {
        let start = se(2026, 12, 10, 10, 0);
        let now = se(2026, 12, 1, 12, 0);
        assert!(schedule(&ReminderChoice::OFF, start, now).is_empty());
        assert!(schedule(&choice(Some("18.00"), true, false, false), start, now).is_empty());
        assert!(schedule(&choice(None, false, true, true), start, now).is_empty());
        assert!(!choice(None, false, true, true).is_on());
        assert!(ReminderChoice::SUGGESTED.is_on());
    }

    #[test]
    fn a_notice_goes_now_by_each_way_and_an_sms_not_at_night() {
        let c = choice(Some("18.00"), false, true, true);
        let night = se(2026, 12, 9, 22, 30);
        let due = notice(&c, ReminderKind::Moved, se(2026, 12, 12, 10, 0), se(2026, 12, 11, 10, 0), night);
        assert_eq!(
            due,
            vec![
                Scheduled { kind: ReminderKind::Moved, channel: Channel::Push, at: night },
                Scheduled { kind: ReminderKind::Moved, channel: Channel::Sms, at: se(2026, 12, 10, 8, 0) },
            ]
        );
        // Moved to 07.00 tomorrow: the SMS could go only after it has begun.
        let due = notice(&c, ReminderKind::Moved, se(2026, 12, 10, 7, 0), se(2026, 12, 11, 10, 0), night);
        assert_eq!(due.len(), 1);
        let far = se(2026, 12, 12, 10, 0);
        assert!(notice(&ReminderChoice::OFF, ReminderKind::Cancelled, far, far, night).is_empty());
        // A meeting three weeks ahead moved to four weeks ahead: its reminders will tell.
        let (in_three_weeks, in_four_weeks) = (se(2026, 12, 30, 10, 0), se(2027, 1, 6, 10, 0));
        assert!(notice(&c, ReminderKind::Moved, in_four_weeks, in_three_weeks, night).is_empty());
        // Moved from four weeks ahead to tomorrow: told at once.
        assert_eq!(notice(&c, ReminderKind::Moved, se(2026, 12, 10, 10, 0), in_four_weeks, night).len(), 2);
    }

    #[test]
    fn retries_wait_longer_each_time_and_stop() {
        let waits: Vec<_> = (1..=MAX_ATTEMPTS).map(retry_after).collect();
        assert_eq!(
            waits,
            vec![
                Some(Duration::minutes(1)),
                Some(Duration::minutes(2)),
                Some(Duration::minutes(4)),
                Some(Duration::minutes(8)),
                Some(Duration::minutes(16)),
                None
            ]
        );
    }
}
