//! Reminders (issue 14): the messages themselves, in easy Swedish. They are
//! read on a locked phone, so they say at most what kind of meeting and when
//! (never who comes, never the title staff typed, which may name an official
//! or a benefit), and with "Bara att du har ett möte" not even that.

use super::sv;
use crate::domain::{LockScreen, ReminderKind};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Stockholm;

/// What a message is made from.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    pub kind: ReminderKind,
    pub lock_screen: LockScreen,
    /// The first name of the one who gets it.
    pub hello: &'a str,
    /// For a relative or god man: the participant's first name. `None`: the
    /// message is to the participant.
    pub about: Option<&'a str>,
    /// When the meeting starts (none for "Skicka en påminnelse nu"). Never
    /// its kind: it can name an agency or hint at a benefit.
    pub meeting: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

const SEE_MORE_SMS: &str = "Öppna Mina steg för att se mer.";
const SEE_MORE_PUSH: &str = "Tryck för att se mer.";

/// The first word of a name ("Anna Berg" → "Anna").
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("")
}

/// "Elins", "Jonas" (a name ending in s, x or z takes no s).
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) { name.to_owned() } else { format!("{name}s") }
}

/// "i dag klockan 10", "i morgon klockan 13.30", "på fredag klockan 9",
/// "den 14 december klockan 10": the way people say it.
pub fn when(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let (local, today) = (at.with_timezone(&Stockholm), now.with_timezone(&Stockholm).date_naive());
    let day = match (local.date_naive() - today).num_days() {
        0 => "i dag".to_owned(),
        1 => "i morgon".to_owned(),
        2..=6 => format!("på {}", sv::WEEKDAYS[local.weekday().num_days_from_monday() as usize]),
        _ => format!("den {} {}", local.day(), sv::MONTHS[local.month0() as usize]),
    };
    format!("{day} {} {}", sv::AT_CLOCK, super::time_in_words(at))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The SMS: "Hej Elin! I morgon klockan 10 har du möte. Öppna Mina steg för att se mer."
pub fn sms(m: &Message<'_>) -> String {
    let hello = format!("Hej {}!", m.hello);
    let who = m.about.unwrap_or("du");
    let shown = m.lock_screen == LockScreen::WhatAndWhen;
    let middle = match (m.kind, m.meeting) {
        (ReminderKind::Test, _) | (_, None) => "Så här ser en påminnelse ut.".to_owned(),
        (ReminderKind::DayBefore | ReminderKind::TwoHours, Some(at)) if shown => {
            format!("{} har {who} möte.", capitalised(&when(at, m.now)))
        }
        (ReminderKind::DayBefore | ReminderKind::TwoHours, _) => {
            format!("{} har snart ett möte.", capitalised(who))
        }
        (ReminderKind::Moved, Some(at)) if shown => {
            format!("Mötet är flyttat. Nu är det {}.", when(at, m.now))
        }
        (ReminderKind::Moved, _) => "Ett möte är flyttat.".to_owned(),
        (ReminderKind::Cancelled, Some(at)) if shown => match m.about {
            None => format!("Mötet {} är inställt.", when(at, m.now)),
            Some(name) => format!("{} möte {} är inställt.", genitive(name), when(at, m.now)),
        },
        (ReminderKind::Cancelled, _) => "Ett möte är inställt.".to_owned(),
    };
    format!("{hello} {middle} {SEE_MORE_SMS}")
}

/// The app's notification: a title and a line under it.
pub fn push(m: &Message<'_>) -> (String, String) {
    let shown = m.lock_screen == LockScreen::WhatAndWhen;
    match (m.kind, m.meeting) {
        (ReminderKind::Test, _) | (_, None) => ("Så här ser en påminnelse ut".to_owned(), SEE_MORE_PUSH.to_owned()),
        // "Vad" is "a meeting": the kind of meeting can name an agency or hint
        // at a benefit, and a locked phone is read by whoever holds it.
        (ReminderKind::DayBefore | ReminderKind::TwoHours, Some(at)) if shown => match m.about {
            None => (format!("Möte {}", when(at, m.now)), SEE_MORE_PUSH.to_owned()),
            Some(name) => (format!("{name} har möte {}", when(at, m.now)), SEE_MORE_PUSH.to_owned()),
        },
        (ReminderKind::DayBefore | ReminderKind::TwoHours, _) => match m.about {
            None => ("Du har snart ett möte".to_owned(), SEE_MORE_PUSH.to_owned()),
            Some(name) => (format!("{name} har snart ett möte"), SEE_MORE_PUSH.to_owned()),
        },
        (ReminderKind::Moved, Some(at)) if shown => {
            ("Mötet är flyttat".to_owned(), format!("Nu är det {}. {SEE_MORE_PUSH}", when(at, m.now)))
        }
        (ReminderKind::Moved, _) => ("Ett möte är flyttat".to_owned(), SEE_MORE_PUSH.to_owned()),
        (ReminderKind::Cancelled, Some(at)) if shown => {
            ("Mötet är inställt".to_owned(), format!("Det var {}. {SEE_MORE_PUSH}", when(at, m.now)))
        }
        (ReminderKind::Cancelled, _) => ("Ett möte är inställt".to_owned(), SEE_MORE_PUSH.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reminder::swedish_instant;
    use chrono::{NaiveDate, NaiveTime};

    fn se(d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        swedish_instant(NaiveDate::from_ymd_opt(2026, 12, d).unwrap(), NaiveTime::from_hms_opt(h, mi, 0).unwrap())
    }

    fn message(kind: ReminderKind, lock_screen: LockScreen, about: Option<&'static str>) -> Message<'static> {
        Message {
            kind,
            lock_screen,
            hello: if about.is_some() { "Anna" } else { "Elin" },
            about,
            meeting: Some(se(10, 10, 0)),
            // Wednesday 9 December, 18.00.
            now: se(9, 18, 0),
        }
    }

    #[test]
    fn the_sms_says_when_in_everyday_words() {
        use LockScreen::*;
        use ReminderKind::*;
        assert_eq!(
            sms(&message(DayBefore, WhatAndWhen, None)),
            "Hej Elin! I morgon klockan 10 har du möte. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&message(DayBefore, WhatAndWhen, Some("Elin"))),
            "Hej Anna! I morgon klockan 10 har Elin möte. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&message(TwoHours, OnlyThat, None)),
            "Hej Elin! Du har snart ett möte. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&message(Moved, WhatAndWhen, None)),
            "Hej Elin! Mötet är flyttat. Nu är det i morgon klockan 10. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&message(Cancelled, WhatAndWhen, Some("Jonas"))),
            "Hej Anna! Jonas möte i morgon klockan 10 är inställt. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&message(Cancelled, OnlyThat, None)),
            "Hej Elin! Ett möte är inställt. Öppna Mina steg för att se mer."
        );
        assert_eq!(
            sms(&Message { meeting: None, ..message(Test, WhatAndWhen, None) }),
            "Hej Elin! Så här ser en påminnelse ut. Öppna Mina steg för att se mer."
        );
    }

    #[test]
    fn days_and_times_are_said_as_people_say_them() {
        let now = se(9, 18, 0);
        assert_eq!(when(se(9, 20, 0), now), "i dag klockan 20");
        assert_eq!(when(se(10, 13, 30), now), "i morgon klockan 13.30");
        assert_eq!(when(se(11, 9, 5), now), "på fredag klockan 9.05");
        assert_eq!(when(se(15, 9, 0), now), "på tisdag klockan 9");
        assert_eq!(when(se(16, 9, 0), now), "den 16 december klockan 9");
    }

    #[test]
    fn the_notification_never_shows_more_than_was_chosen() {
        use LockScreen::*;
        use ReminderKind::*;
        assert_eq!(
            push(&message(DayBefore, WhatAndWhen, None)),
            ("Möte i morgon klockan 10".to_owned(), "Tryck för att se mer.".to_owned())
        );
        assert_eq!(push(&message(DayBefore, OnlyThat, None)).0, "Du har snart ett möte");
        assert_eq!(push(&message(TwoHours, WhatAndWhen, Some("Elin"))).0, "Elin har möte i morgon klockan 10");
        for kind in [DayBefore, TwoHours, Moved, Cancelled] {
            let (title, body) = push(&message(kind, OnlyThat, None));
            for word in ["klockan", "morgon", "plan", "Arbetsförmedlingen"] {
                assert!(!title.contains(word) && !body.contains(word), "{kind:?}: {title} / {body}");
            }
            let text = sms(&message(kind, OnlyThat, None));
            assert!(!text.contains("klockan"), "{text}");
        }
    }

    #[test]
    fn every_message_is_easy_to_read() {
        use LockScreen::*;
        use ReminderKind::*;
        for kind in [DayBefore, TwoHours, Moved, Cancelled, Test] {
            for lock in [WhatAndWhen, OnlyThat] {
                for about in [None, Some("Elin")] {
                    let m = message(kind, lock, about);
                    let (title, body) = push(&m);
                    for text in [sms(&m), format!("{title}. {body}")] {
                        let lix = crate::texts::lix::lix(&text);
                        assert!(lix <= 30.0, "LIX {lix:.0}: {text}");
                        assert!(text.chars().count() <= 160, "one SMS: {text}");
                    }
                }
            }
        }
    }
}
