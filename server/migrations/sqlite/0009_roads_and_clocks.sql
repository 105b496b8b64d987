-- Issue 12: two roads to work, and the clocks of the transition.
--
-- Each participant is on a road (the 2025 model): 'af_fk' (förstärkt
-- samarbete with AF and FK) or 'asf' (the municipality's labour-market road).
-- Existing participants get the road their benefit points to: försörjningsstöd
-- the ASF road, everyone else the AF/FK road. The ASF road adds two outcomes at
-- discharge: a labour-market measure (DV ends by law when it starts) and a
-- time-limited municipal employment. SQLite changes a CHECK only by rebuilding
-- the table (migrations run with foreign keys off; see 0002). The retention
-- trigger that names `participants` is set aside while the table is rebuilt
-- (SQLite checks every trigger when a table is renamed).
DROP TRIGGER retention_purges_until_deleted;
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
    discharge_outcome TEXT CHECK (discharge_outcome IN ('enhanced_collaboration','employment','studies','back_to_dv','job_seeking',
                                                        'labour_market_measure','municipal_employment')),
    created_by        INTEGER,
    created_at        TEXT NOT NULL,
    -- Personnummer or samordningsnummer, 12 digits (ÅÅÅÅMMDDNNNN). One record per person.
    personal_number   TEXT UNIQUE CHECK (length(personal_number) = 12 AND personal_number NOT GLOB '*[^0-9]*'),
    -- Skyddade personuppgifter: only the participant's contact persons see them.
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    -- No default: whoever adds a participant chooses (the app from the benefit).
    road              TEXT NOT NULL CHECK (road IN ('af_fk','asf')),
    CHECK ((benefit_kind = 'activity_compensation') = (benefit_until IS NOT NULL))
);
INSERT INTO participants_new (id, unit_id, name, preferred_name, phone, email, photo_path, benefit_kind,
        benefit_until, dv_form, hours_per_week, ladder_step, gender, entered_on, discharged_on,
        discharge_outcome, created_by, created_at, personal_number, protected_identity, road)
    SELECT id, unit_id, name, preferred_name, phone, email, photo_path, benefit_kind,
        benefit_until, dv_form, hours_per_week, ladder_step, gender, entered_on, discharged_on,
        discharge_outcome, created_by, created_at, personal_number, protected_identity,
        CASE WHEN benefit_kind = 'social_assistance' THEN 'asf' ELSE 'af_fk' END FROM participants;
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_unit ON participants(unit_id);
CREATE TRIGGER retention_purges_until_deleted BEFORE DELETE ON retention_purges
WHEN EXISTS (SELECT 1 FROM participants WHERE id = OLD.participant_id)
BEGIN SELECT RAISE(ABORT, 'a purge ends only once the participant is deleted'); END;

-- The clocks of the transition, one row a kind a participant (a new date for
-- the same kind replaces the row; the old one goes to `revisions`):
--   work_training_start  AF's work training starts; the DV place is kept four weeks from it
--   resting_decision     the DV decision rests from this day for three months (avbrott i
--                        verkställighet); a return within them needs no new application
--   handover_end         the handover period ends; the arbetskonsulent tells the LSS authority
--   asf_measure_start    the labour-market measure through ASF starts; DV ends by law
--   fsf_support          FSF's continuous support outside DV, from starts_on (to ends_on if known)
-- `closed_on`: the clock was stopped before its end (a return to DV while the decision rested).
CREATE TABLE transition_dates (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    kind           TEXT NOT NULL CHECK (kind IN ('work_training_start','resting_decision','handover_end',
                                                 'asf_measure_start','fsf_support')),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT CHECK (ends_on IS NULL OR (kind = 'fsf_support' AND ends_on > starts_on)),
    closed_on      TEXT,
    note           TEXT NOT NULL,
    recorded_by    INTEGER,
    recorded_at    TEXT NOT NULL,
    UNIQUE (participant_id, kind)
);

-- Two new kinds of revision: a participant's earlier road (record_id is the
-- participant) and a transition date's earlier value (record_id is the row in
-- transition_dates). Every kind has a branch here, so a purge finds it.
DROP VIEW participant_revisions;
CREATE VIEW participant_revisions (participant_id, revision_id) AS
    SELECT r.record_id, r.id FROM revisions r
    WHERE r.record_kind IN ('participant_dv', 'participant_discharge', 'participant_road')
    UNION ALL
    SELECT m.participant_id, r.id FROM revisions r JOIN meetings m ON m.id = r.record_id
    WHERE r.record_kind = 'meeting'
    UNION ALL
    SELECT c.participant_id, r.id FROM revisions r JOIN contact_persons c ON c.id = r.record_id
    WHERE r.record_kind = 'contact_person'
    UNION ALL
    SELECT t.participant_id, r.id FROM revisions r JOIN transition_dates t ON t.id = r.record_id
    WHERE r.record_kind = 'transition_date'
    UNION ALL
    SELECT CASE WHEN r.record_kind = 'attendance' AND json_valid(r.old_value)
                THEN json_extract(r.old_value, '$.participant_id') END, r.id
    FROM revisions r
    WHERE r.record_kind = 'attendance';

-- Issue 11: the record overview counts a participant's attendance; with only
-- the (session, participant) key PostgreSQL read all 314 000 attendance rows
-- of the national data set three times a view (50 ms).
CREATE INDEX attendance_participant ON attendance(participant_id);
