-- Issue 13: the steps within DV the follow-up counts ("stegförflyttningar inom
-- DV": group to enskild plats, enskild plats to another, group to another
-- group, more hours).
--
-- Each change of form or hours is a row with the day it took effect and
-- whether the participant moved to another group or placement (the form alone
-- cannot tell a new group from the old one). The earlier value also stays in
-- `revisions` as before.
CREATE TABLE dv_changes (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    changed_on     TEXT NOT NULL,
    from_form      TEXT NOT NULL CHECK (from_form IN ('group','individual_placement')),
    to_form        TEXT NOT NULL CHECK (to_form IN ('group','individual_placement')),
    from_hours     INTEGER NOT NULL,
    to_hours       INTEGER NOT NULL,
    new_place      INTEGER NOT NULL CHECK (new_place IN (0, 1)),
    recorded_by    INTEGER,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX dv_changes_participant ON dv_changes(participant_id, changed_on);

-- The changes made before this migration, from their revisions: each revision
-- holds the value a change replaced, so the next revision (or today's value)
-- is what it became. Their day is the day (UTC) they were saved; whether the
-- place changed was never asked, so it is recorded as not.
INSERT INTO dv_changes (participant_id, changed_on, from_form, to_form, from_hours, to_hours, new_place,
                        recorded_by, recorded_at)
SELECT r.record_id,
       date(r.changed_at),
       json_extract(r.old_value, '$.dv_form'),
       COALESCE(LEAD(json_extract(r.old_value, '$.dv_form')) OVER w, p.dv_form),
       json_extract(r.old_value, '$.hours_per_week'),
       COALESCE(LEAD(json_extract(r.old_value, '$.hours_per_week')) OVER w, p.hours_per_week),
       0,
       r.changed_by,
       r.changed_at
FROM revisions r JOIN participants p ON p.id = r.record_id
WHERE r.record_kind = 'participant_dv'
WINDOW w AS (PARTITION BY r.record_id ORDER BY r.id);
