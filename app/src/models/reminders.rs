//! Reminders (issue 14): what the "Påminnelser" page and the record show.

use crate::domain::{Channel, ReminderChoice, ReminderKind, ReminderStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// "Påminnelser": the choice of the one who asks, for one participant's meetings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderSettings {
    pub participant_id: i64,
    /// What they chose; `None`: they have not chosen yet (the page suggests).
    pub choice: Option<ReminderChoice>,
    /// A phone number to send SMS to is on record (theirs).
    pub has_phone: bool,
    /// Phones that get notifications from the app for this account.
    pub phones_with_app: usize,
    /// The server's public VAPID key (base64url), for the browser's
    /// subscription; `None` when the app's notifications are not set up.
    pub push_key: Option<String>,
    /// A relative choosing for the participant's meetings.
    pub for_someone_else: bool,
    /// What the last save or test did ("Klart! …"), once.
    pub notice: Option<String>,
    /// A choice that came back with something wrong: what was chosen and why.
    pub feedback: Option<crate::models::FormFeedback>,
}

/// One message of the participant's, as the record lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentReminder {
    pub channel: Channel,
    pub kind: ReminderKind,
    pub due_at: DateTime<Utc>,
    pub status: ReminderStatus,
    /// Why it failed (a code the record puts in words).
    pub outcome: Option<String>,
    /// When it left for the phone or the SMS gateway.
    pub sent_at: Option<DateTime<Utc>>,
    /// When the phone showed it (the app's notifications only).
    pub delivered_at: Option<DateTime<Utc>>,
    /// To the participant themselves (else to a relative or god man).
    pub to_participant: bool,
}

/// On the record: whether the participant has reminders on and whether the last ones went out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordReminders {
    pub participant_id: i64,
    /// The participant's own choice.
    pub choice: Option<ReminderChoice>,
    pub has_phone: bool,
    /// Relatives or gode män who have reminders on for the participant's meetings.
    pub others_on: usize,
    /// The latest messages, newest first.
    pub latest: Vec<SentReminder>,
}
