-- Issue 13: what SUS (Finsam's national follow-up) asks of each participant in
-- a Finsam-financed activity, at its start and at its end, so that the
-- registration sheet can be typed into SUS's web forms from it. The intake did
-- not ask these. One activity open at a time per participant.
CREATE TABLE sus_registrations (
    id                INTEGER PRIMARY KEY,
    participant_id    INTEGER NOT NULL REFERENCES participants(id),
    starts_on         TEXT NOT NULL,
    occupation_before TEXT NOT NULL
        CHECK (occupation_before IN ('unemployed','work','studies','daily_activity','sick_leave','other')),
    income_before     TEXT NOT NULL CHECK (income_before IN ('activity_compensation','sickness_compensation',
        'social_assistance','unemployment_benefit','wage','none','other')),
    education         TEXT NOT NULL CHECK (education IN ('compulsory','upper_secondary','post_secondary','unknown')),
    time_in_support   TEXT NOT NULL CHECK (time_in_support IN ('under_1','1_2','3_5','over_5')),
    recorded_by       INTEGER,
    recorded_at       TEXT NOT NULL,
    ends_on           TEXT,
    end_reason        TEXT CHECK (end_reason IN ('completed','work','studies','other_measure','illness','moved','other')),
    occupation_after  TEXT
        CHECK (occupation_after IN ('unemployed','work','studies','daily_activity','sick_leave','other')),
    income_after      TEXT CHECK (income_after IN ('activity_compensation','sickness_compensation',
        'social_assistance','unemployment_benefit','wage','none','other')),
    hours_after       INTEGER CHECK (hours_after BETWEEN 0 AND 40),
    ended_by          INTEGER,
    ended_at          TEXT,
    -- The end's answers come together, on or after the start.
    CHECK ((ends_on IS NULL) = (end_reason IS NULL) AND (ends_on IS NULL) = (occupation_after IS NULL)
           AND (ends_on IS NULL) = (income_after IS NULL) AND (ends_on IS NULL) = (hours_after IS NULL)
           AND (ends_on IS NULL) = (ended_at IS NULL)),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX sus_registrations_participant ON sus_registrations(participant_id, starts_on);
CREATE UNIQUE INDEX sus_registrations_open ON sus_registrations(participant_id) WHERE ends_on IS NULL;
