-- Issue 14: reminders before meetings, by the app (Web Push) and by SMS.
-- The same schema as PostgreSQL's 0016.

-- What each person chose for one participant's meetings: the participant
-- for their own, a relative or god man whose consent shares the meetings for
-- the participant's. No row: no reminders.
CREATE TABLE reminder_choices (
    participant_id    INTEGER NOT NULL REFERENCES participants(id),
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    -- The day before, at this many minutes after midnight (Swedish time); NULL: not that one.
    day_before_minute INTEGER CHECK (day_before_minute BETWEEN 0 AND 1439),
    two_hours_before INTEGER NOT NULL CHECK (two_hours_before IN (0, 1)),
    by_push INTEGER NOT NULL CHECK (by_push IN (0, 1)),
    by_sms INTEGER NOT NULL CHECK (by_sms IN (0, 1)),
    lock_screen       TEXT NOT NULL CHECK (lock_screen IN ('what_and_when','only_that')),
    updated_by        INTEGER,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (participant_id, account_id)
);

-- A phone's push subscription (the browser's PushSubscription), for the account signed in on it.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX push_subscriptions_account ON push_subscriptions(account_id);

-- The outbox: one message to one person by one way. Scheduled from meetings
-- and choices in the transaction that changed them; claimed and sent by a
-- worker in every server instance. The idempotency key is made once, from what
-- the message is, and goes with every try of it.
CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    -- NULL for "Skicka en påminnelse nu".
    meeting_id      INTEGER REFERENCES meetings(id),
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    channel         TEXT NOT NULL CHECK (channel IN ('push','sms')),
    kind            TEXT NOT NULL CHECK (kind IN ('day_before','two_hours','moved','cancelled','test')),
    due_at          TEXT NOT NULL,
    -- delivered: the phone's service worker said it showed the notification.
    status          TEXT NOT NULL CHECK (status IN ('pending','sending','sent','delivered','failed','cancelled')),
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    -- While sending: which instance, and until when its claim holds (then another may try).
    claimed_by      TEXT,
    lease_until     TEXT,
    -- Why it failed, was cancelled or was retried (a code, never personal data).
    outcome         TEXT,
    sent_at         TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((kind = 'test') = (meeting_id IS NULL)),
    CHECK ((status = 'sending') = (lease_until IS NOT NULL)),
    CHECK ((status IN ('sent','delivered')) = (sent_at IS NOT NULL)),
    CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX reminders_due ON reminders(next_attempt_at) WHERE status IN ('pending','sending');
CREATE INDEX reminders_meeting ON reminders(meeting_id);
CREATE INDEX reminders_participant ON reminders(participant_id, due_at);
