-- Issue 9, "in service" (kept in step with migrations/postgres/0002). SQLite
-- cannot change a CHECK in place, so staff, participants and
-- participant_relatives are rebuilt as SQLite's documentation prescribes
-- (create, copy, drop, rename); `db::migrate` runs migrations with foreign
-- keys off and checks every reference afterwards.
-- Additive: a database made by 0001 keeps every row.

ALTER TABLE units ADD COLUMN closed_at TEXT;

CREATE TABLE staff_new (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER REFERENCES units(id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','unit_manager','admin')),
    phone      TEXT,
    email      TEXT,
    photo_path TEXT,
    created_at TEXT NOT NULL,
    -- Staff belong to a unit; an administrator may, or may stand outside the units.
    CHECK (role = 'admin' OR unit_id IS NOT NULL)
);
INSERT INTO staff_new (id, unit_id, name, role, phone, email, photo_path, created_at)
    SELECT id, unit_id, name, role, phone, email, photo_path, created_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

-- The handle a passkey carries for its account (WebAuthn user.id), made at the first passkey.
ALTER TABLE accounts ADD COLUMN webauthn_handle TEXT;
CREATE UNIQUE INDEX accounts_webauthn_handle ON accounts(webauthn_handle);

CREATE TABLE participants_new (
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
    gender            TEXT CHECK (gender IN ('woman','man','other','unspecified')),
    entered_on        TEXT NOT NULL,
    discharged_on     TEXT,
    discharge_outcome TEXT CHECK (discharge_outcome IN ('enhanced_collaboration','employment','studies','back_to_dv','job_seeking')),
    created_by        INTEGER,
    created_at        TEXT NOT NULL,
    -- Personnummer or samordningsnummer, 12 digits (ÅÅÅÅMMDDNNNN). One record per person.
    personal_number   TEXT UNIQUE CHECK (length(personal_number) = 12 AND personal_number NOT GLOB '*[^0-9]*'),
    -- Skyddade personuppgifter: only the participant's contact persons see them.
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    CHECK ((benefit_kind = 'activity_compensation') = (benefit_until IS NOT NULL))
);
INSERT INTO participants_new (id, unit_id, name, preferred_name, phone, email, photo_path, benefit_kind,
        benefit_until, dv_form, hours_per_week, ladder_step, gender, entered_on, discharged_on,
        discharge_outcome, created_by, created_at)
    SELECT id, unit_id, name, preferred_name, phone, email, photo_path, benefit_kind,
        benefit_until, dv_form, hours_per_week, ladder_step, gender, entered_on, discharged_on,
        discharge_outcome, created_by, created_at FROM participants;
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_unit ON participants(unit_id);

-- A link to a relative can end; the ended link stays as history.
CREATE TABLE participant_relatives_new (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    relative_id    INTEGER NOT NULL REFERENCES relatives(id),
    relation_kind  TEXT NOT NULL CHECK (relation_kind IN ('parent','sibling','partner','child','other_relative','good_man','administrator','housing_staff')),
    since          TEXT NOT NULL,
    -- For a god man or förvaltare: what the mandate covers, as the decision says.
    mandate        TEXT,
    ended_on       TEXT,
    ended_by       INTEGER,
    CHECK (ended_on IS NULL OR ended_on >= since)
);
INSERT INTO participant_relatives_new (participant_id, relative_id, relation_kind, since)
    SELECT participant_id, relative_id, relation_kind, since FROM participant_relatives;
DROP TABLE participant_relatives;
ALTER TABLE participant_relatives_new RENAME TO participant_relatives;
CREATE UNIQUE INDEX participant_relatives_open
    ON participant_relatives(participant_id, relative_id) WHERE ended_on IS NULL;
CREATE INDEX participant_relatives_relative ON participant_relatives(relative_id);

-- A single-use link that lets a new staff member choose a password and a
-- second factor. Only the hash of the token is kept.
CREATE TABLE invitations (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_by INTEGER NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL
);
CREATE INDEX invitations_account ON invitations(account_id);

-- A TOTP authenticator (RFC 6238). `confirmed_at` is set when the first code
-- from the app was right; `last_step` refuses a code used twice.
CREATE TABLE totp_factors (
    account_id   INTEGER PRIMARY KEY REFERENCES accounts(id),
    secret       TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER,
    created_at   TEXT NOT NULL
);

-- A passkey (WebAuthn credential). `credential` is webauthn-rs's own record
-- (public key, counter); `label` is what staff and the person see.
CREATE TABLE passkeys (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    credential_id TEXT NOT NULL UNIQUE,
    credential    TEXT NOT NULL,
    label         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    removed_at    TEXT,
    removed_by    INTEGER
);
CREATE INDEX passkeys_account ON passkeys(account_id);

-- A participant moved between units: both units see it in the record's history.
CREATE TABLE unit_moves (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    from_unit_id   INTEGER NOT NULL REFERENCES units(id),
    to_unit_id     INTEGER NOT NULL REFERENCES units(id),
    moved_by       INTEGER,
    moved_at       TEXT NOT NULL,
    CHECK (from_unit_id <> to_unit_id)
);
CREATE INDEX unit_moves_participant ON unit_moves(participant_id);
