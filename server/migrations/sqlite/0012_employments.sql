-- Issue 13: paid work a participant got, for the outcomes supported-employment
-- (IPS) programmes report: ever employed, days to the first job, hours a week
-- and the share at 20 hours or more, months in work while förlängt stöd lasts,
-- and the employment rate. Recorded on the record's steps page.
--
-- Nothing is backfilled: a discharge to employment or förlängt stöd says a job
-- was found, but not its day, hours or employer, and a guessed row would be
-- counted as a fact.
CREATE TABLE employments (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT,
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    employer_kind  TEXT NOT NULL
        CHECK (employer_kind IN ('private', 'public', 'social_enterprise', 'municipal_employment')),
    recorded_by    INTEGER,
    recorded_at    TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX employments_participant ON employments(participant_id, starts_on);
