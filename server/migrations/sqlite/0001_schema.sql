-- Mina steg, SQLite schema. Timestamps are UTC RFC 3339 text, dates ISO text,
-- enumerations are the `as_str()` codes of the domain types in app/src/domain.

CREATE TABLE instance_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER REFERENCES units(id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','admin')),
    phone      TEXT,
    email      TEXT,
    photo_path TEXT,
    created_at TEXT NOT NULL,
    -- Staff belong to a unit; only administrators stand outside the units.
    CHECK ((role = 'admin') = (unit_id IS NULL))
);

CREATE TABLE participants (
    id                INTEGER PRIMARY KEY,
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    name              TEXT NOT NULL,
    preferred_name    TEXT NOT NULL,
    phone             TEXT,
    email             TEXT,
    photo_path        TEXT,
    benefit_kind      TEXT NOT NULL CHECK (benefit_kind IN ('activity_compensation','sickness_compensation','social_assistance','none')),
    benefit_until     TEXT,
    dv_form           TEXT NOT NULL CHECK (dv_form IN ('group','individual_placement')),
    hours_per_week    INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    ladder_step       TEXT NOT NULL,
    gender            TEXT CHECK (gender IN ('woman','man','other')),
    entered_on        TEXT NOT NULL,
    discharged_on     TEXT,
    discharge_outcome TEXT CHECK (discharge_outcome IN ('enhanced_collaboration','employment','studies','back_to_dv','job_seeking')),
    created_by        INTEGER,
    created_at        TEXT NOT NULL,
    CHECK ((benefit_kind = 'activity_compensation') = (benefit_until IS NOT NULL))
);
CREATE INDEX participants_unit ON participants(unit_id);

CREATE TABLE external_contacts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL CHECK (organisation IN ('fk','af','asf','healthcare','housing','other')),
    title        TEXT NOT NULL,
    phone        TEXT,
    email        TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE relatives (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    phone      TEXT,
    email      TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE participant_relatives (
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    relative_id    INTEGER NOT NULL REFERENCES relatives(id),
    relation_kind  TEXT NOT NULL CHECK (relation_kind IN ('parent','sibling','partner','child','other_relative','good_man','administrator')),
    since          TEXT NOT NULL,
    PRIMARY KEY (participant_id, relative_id)
);

-- A person who signs in. Exactly one link, matching the role.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    role           TEXT NOT NULL CHECK (role IN ('participant','relative','staff','admin')),
    staff_id       INTEGER UNIQUE REFERENCES staff(id),
    participant_id INTEGER UNIQUE REFERENCES participants(id),
    relative_id    INTEGER UNIQUE REFERENCES relatives(id),
    email          TEXT UNIQUE,
    password_hash  TEXT,
    -- Changing this ends every session of the account (it feeds the session auth hash).
    session_secret TEXT NOT NULL,
    disabled_at    TEXT,
    created_at     TEXT NOT NULL,
    CHECK ((role IN ('staff','admin')) = (staff_id IS NOT NULL)),
    CHECK ((role = 'participant') = (participant_id IS NOT NULL)),
    CHECK ((role = 'relative') = (relative_id IS NOT NULL))
);

CREATE TABLE sign_in_codes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    code_hash  TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_by INTEGER NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL
);

CREATE TABLE sign_in_attempts (
    id        INTEGER PRIMARY KEY,
    key_kind  TEXT NOT NULL CHECK (key_kind IN ('account','address')),
    key_hash  TEXT NOT NULL,
    at        TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts(key_kind, key_hash, at);

CREATE TABLE contact_persons (
    id                  INTEGER PRIMARY KEY,
    participant_id      INTEGER NOT NULL REFERENCES participants(id),
    staff_id            INTEGER REFERENCES staff(id),
    external_contact_id INTEGER REFERENCES external_contacts(id),
    role_in_case        TEXT NOT NULL,
    since               TEXT NOT NULL,
    until               TEXT,
    created_by          INTEGER,
    created_at          TEXT NOT NULL,
    CHECK ((staff_id IS NULL) <> (external_contact_id IS NULL))
);
CREATE INDEX contact_persons_participant ON contact_persons(participant_id);

-- Versioned: a save is a new row; old versions stay readable.
CREATE TABLE joint_plans (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    version        INTEGER NOT NULL,
    goal           TEXT NOT NULL,
    goal_reason    TEXT NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT,
    days_per_week  INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 7),
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    other_notes    TEXT NOT NULL,
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (participant_id, version),
    CHECK (period_end IS NULL OR period_end >= period_start)
);

CREATE TABLE plan_activities (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES joint_plans(id),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL
);

CREATE TABLE plan_follow_ups (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES joint_plans(id),
    due_on  TEXT NOT NULL,
    what    TEXT NOT NULL
);

CREATE TABLE meetings (
    id                 INTEGER PRIMARY KEY,
    participant_id     INTEGER NOT NULL REFERENCES participants(id),
    -- Set when the meeting is a programme session the participant is enrolled in.
    programme_session_id INTEGER REFERENCES programme_sessions(id),
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    starts_at          TEXT NOT NULL,
    ends_at            TEXT NOT NULL,
    place              TEXT,
    video_link         TEXT,
    bring              TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('planned','held','cancelled')),
    participant_answer TEXT NOT NULL CHECK (participant_answer IN ('none','coming','not_coming')),
    answered_at        TEXT,
    created_by         INTEGER,
    created_at         TEXT NOT NULL,
    updated_by         INTEGER,
    updated_at         TEXT,
    CHECK (ends_at > starts_at),
    CHECK (place IS NOT NULL OR video_link IS NOT NULL)
);
CREATE INDEX meetings_participant_start ON meetings(participant_id, starts_at);

CREATE TABLE meeting_attendees (
    id                  INTEGER PRIMARY KEY,
    meeting_id          INTEGER NOT NULL REFERENCES meetings(id),
    staff_id            INTEGER REFERENCES staff(id),
    external_contact_id INTEGER REFERENCES external_contacts(id),
    relative_id         INTEGER REFERENCES relatives(id),
    CHECK ((staff_id IS NOT NULL) + (external_contact_id IS NOT NULL) + (relative_id IS NOT NULL) = 1)
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id);

CREATE TABLE ladder_moves (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    from_step      TEXT,
    to_step        TEXT NOT NULL,
    moved_on       TEXT NOT NULL,
    note           TEXT NOT NULL,
    recorded_by    INTEGER,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX ladder_moves_participant ON ladder_moves(participant_id, moved_on);

CREATE TABLE consents (
    id                     INTEGER PRIMARY KEY,
    participant_id         INTEGER NOT NULL REFERENCES participants(id),
    scope                  TEXT NOT NULL,
    recipient_organisation TEXT CHECK (recipient_organisation IN ('fk','af','asf','healthcare','housing','other')),
    recipient_relative_id  INTEGER REFERENCES relatives(id),
    -- For share_with_relative: which parts of the participant's pages the relative sees.
    shared_sections        TEXT NOT NULL,
    method                 TEXT NOT NULL CHECK (method IN ('oral','written')),
    given_on               TEXT NOT NULL,
    recorded_by            INTEGER,
    recorded_at            TEXT NOT NULL,
    withdrawn_on           TEXT,
    withdrawn_recorded_by  INTEGER,
    CHECK ((recipient_organisation IS NULL) <> (recipient_relative_id IS NULL))
);
CREATE INDEX consents_participant ON consents(participant_id);

CREATE TABLE programme_rounds (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    name       TEXT NOT NULL,
    form       TEXT NOT NULL CHECK (form IN ('group','individual')),
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 20),
    enrolled   INTEGER NOT NULL DEFAULT 0,
    place      TEXT NOT NULL,
    responsible_staff_id INTEGER REFERENCES staff(id),
    starts_on  TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    CHECK (enrolled BETWEEN 0 AND capacity)
);

CREATE TABLE programme_sessions (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES programme_rounds(id),
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    theme     TEXT NOT NULL,
    place     TEXT NOT NULL,
    -- A visit from Försäkringskassan or Arbetsförmedlingen at this session.
    visit_from TEXT CHECK (visit_from IN ('fk','af')),
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_programme_session ON meetings(programme_session_id);

CREATE TABLE expressions_of_interest (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    round_id       INTEGER REFERENCES programme_rounds(id),
    created_by     INTEGER,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    handled_at     TEXT,
    handled_by     INTEGER
);

-- One open expression of interest per participant: a form sent twice is one.
CREATE UNIQUE INDEX expressions_of_interest_open ON expressions_of_interest(participant_id) WHERE handled_at IS NULL;

CREATE TABLE enrolments (
    id               INTEGER PRIMARY KEY,
    round_id         INTEGER NOT NULL REFERENCES programme_rounds(id),
    participant_id   INTEGER NOT NULL REFERENCES participants(id),
    status           TEXT NOT NULL CHECK (status IN ('enrolled','waiting','withdrawn','completed')),
    waiting_position INTEGER,
    created_by       INTEGER,
    created_at       TEXT NOT NULL,
    UNIQUE (round_id, participant_id)
);

CREATE TABLE attendance (
    session_id     INTEGER NOT NULL REFERENCES programme_sessions(id),
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    mark           TEXT NOT NULL CHECK (mark IN ('present','absent_notified','absent')),
    recorded_by    INTEGER,
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);

CREATE TABLE extended_support (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    employer       TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    consent_id     INTEGER NOT NULL REFERENCES consents(id),
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    CHECK (ends_on > starts_on)
);

-- Earlier versions of corrected records: a correction never overwrites silently.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    old_value   TEXT NOT NULL,
    changed_by  INTEGER,
    changed_at  TEXT NOT NULL
);

-- Append-only: who, what, whose, when. Triggers refuse updates and deletes.
CREATE TABLE audit_log (
    id                INTEGER PRIMARY KEY,
    at                TEXT NOT NULL,
    actor_account_id  INTEGER,
    actor_role        TEXT NOT NULL,
    action            TEXT NOT NULL,
    outcome           TEXT NOT NULL CHECK (outcome IN ('allowed','denied')),
    subject_participant_id INTEGER,
    record_kind       TEXT NOT NULL,
    record_id         INTEGER,
    unit_id           INTEGER,
    request_id        TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_participant_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor_account_id, at);

CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Only `demo-data` writes here: what each demo account shows off, for /demo.
CREATE TABLE demo_accounts (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts(id),
    description TEXT NOT NULL
);
