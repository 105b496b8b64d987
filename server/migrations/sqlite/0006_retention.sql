-- Issue 10, retention (gallring), kept in step with migrations/postgres/0006.
-- Additive: every row is kept; the revisions delete trigger is replaced by
-- one that also lets a purge through (below).

-- The retention rule per kind of record, which the administrator sets at
-- /admin/gallring. One kind today: a discharged participant's record as a
-- whole, counted from the last entry in it. `years` NULL: kept, never
-- deleted. The audit log is not a kind here: this feature never deletes it.
CREATE TABLE retention_rules (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('participant_record')),
    years      INTEGER CHECK (years BETWEEN 1 AND 100),
    changed_by INTEGER,
    changed_at TEXT NOT NULL
);
INSERT INTO retention_rules (kind, years, changed_at)
    VALUES ('participant_record', 5, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));

-- Which participant each revision is about (see the PostgreSQL migration):
-- per record_kind, the table that holds the record. A new kind of revision
-- needs a branch here (a test checks it).
CREATE VIEW participant_revisions (participant_id, revision_id) AS
    SELECT r.record_id, r.id FROM revisions r
    WHERE r.record_kind IN ('participant_dv', 'participant_discharge')
    UNION ALL
    SELECT m.participant_id, r.id FROM revisions r JOIN meetings m ON m.id = r.record_id
    WHERE r.record_kind = 'meeting'
    UNION ALL
    SELECT c.participant_id, r.id FROM revisions r JOIN contact_persons c ON c.id = r.record_id
    WHERE r.record_kind = 'contact_person'
    UNION ALL
    SELECT CASE WHEN r.record_kind = 'attendance' AND json_valid(r.old_value)
                THEN json_extract(r.old_value, '$.participant_id') END, r.id
    FROM revisions r
    WHERE r.record_kind = 'attendance';

-- The narrow door through the append-only `revisions`: a revision may be
-- deleted only while a row in `retention_purges` names its participant, and
-- such a row can never be committed (it references a table that is always
-- empty, checked at commit) and can only be deleted once the participant row
-- is gone. So a purge deletes the revisions (while the records they are about
-- still exist), then the records, then its own row, in one transaction, or
-- nothing is kept. Anyone with the database file can drop these triggers;
-- they keep the application itself from erasing the history of a record that
-- stays. The audit log has no such door.
CREATE TABLE retention_never (
    id INTEGER PRIMARY KEY
);
CREATE TRIGGER retention_never_empty BEFORE INSERT ON retention_never
BEGIN SELECT RAISE(ABORT, 'retention_never stays empty'); END;

CREATE TABLE retention_purges (
    participant_id INTEGER PRIMARY KEY,
    open           INTEGER NOT NULL DEFAULT 0 REFERENCES retention_never(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TRIGGER retention_purges_until_deleted BEFORE DELETE ON retention_purges
WHEN EXISTS (SELECT 1 FROM participants WHERE id = OLD.participant_id)
BEGIN SELECT RAISE(ABORT, 'a purge ends only once the participant is deleted'); END;

DROP TRIGGER revisions_no_delete;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
WHEN NOT EXISTS (
    SELECT 1 FROM participant_revisions v JOIN retention_purges rp ON rp.participant_id = v.participant_id
    WHERE v.revision_id = OLD.id
)
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
