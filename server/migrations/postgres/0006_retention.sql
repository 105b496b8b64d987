-- Issue 10, retention (gallring), kept in step with migrations/sqlite/0006.
-- Additive: every row is kept; the revisions trigger is replaced by one that
-- also lets a purge through (below).

-- The retention rule per kind of record, which the administrator sets at
-- /admin/gallring. One kind today: a discharged participant's record as a
-- whole (profile, plans, meetings, consents, contacts, relatives' links,
-- steps, programme, account), counted from the last entry in it, as a
-- personakt is. `years` NULL: kept, never deleted (the municipality's archive
-- authority may decide that LSS records are kept). The audit log is not a
-- kind here: this feature never deletes it. The default, 5 years, is
-- explained in app/src/server/access/retention.rs.
CREATE TABLE retention_rules (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('participant_record')),
    years      BIGINT CHECK (years BETWEEN 1 AND 100),
    changed_by BIGINT,
    changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO retention_rules (kind, years, changed_at) VALUES ('participant_record', 5, now());

-- Which participant each revision is about. `revisions` names its record by
-- (record_kind, record_id); this is the one place that knows, per kind, where
-- that record is (grep `revisions::insert` in app/src/server/storage). An
-- attendance revision names the session, with the participant in its old
-- value. A new kind of revision needs a branch here (a test checks it).
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
    -- CASE, so the cast runs only on attendance rows, whatever order the planner picks.
    SELECT CASE WHEN r.record_kind = 'attendance' THEN (r.old_value::jsonb ->> 'participant_id')::BIGINT END, r.id
    FROM revisions r
    WHERE r.record_kind = 'attendance';

-- The narrow door through the append-only `revisions`. The server runs as a
-- role with only INSERT and SELECT on it; `purge_participant_revisions`,
-- owned by the migration owner and running with the owner's rights, deletes
-- the revisions about one participant, and nothing else:
--  * it works out which revisions from the participant's records itself, so
--    it is called while those records still exist, and takes no list of ids;
--  * it leaves a row in `retention_purges`, whose deferred check at commit
--    refuses the whole transaction unless the participant row is gone by
--    then, so the history of a record that stays can never be erased;
--  * the revisions trigger lets a delete through only while the function has
--    set the transaction-local flag `mina_steg.purging`; a role without
--    DELETE on `revisions` gains nothing by setting the flag itself.
-- The audit log has no such door: it is never deleted from.
CREATE FUNCTION revisions_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('mina_steg.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'revisions are append-only';
END $$;
DROP TRIGGER revisions_no_change ON revisions;
CREATE TRIGGER revisions_no_change BEFORE UPDATE OR DELETE ON revisions
FOR EACH ROW EXECUTE FUNCTION revisions_row_guard();

-- Open purges of this transaction; the check below empties it at commit.
CREATE TABLE retention_purges (
    participant_id BIGINT NOT NULL,
    txid           BIGINT NOT NULL DEFAULT txid_current()
);
REVOKE ALL ON retention_purges FROM PUBLIC;

CREATE FUNCTION retention_purge_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM participants WHERE id = NEW.participant_id) THEN
        RAISE EXCEPTION 'revisions were purged for a participant who is still on record';
    END IF;
    DELETE FROM retention_purges WHERE participant_id = NEW.participant_id AND txid = NEW.txid;
    RETURN NULL;
END $$;
-- Deferred: it runs at commit, and runs even if the row was deleted meanwhile.
CREATE CONSTRAINT TRIGGER retention_purges_complete AFTER INSERT ON retention_purges
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION retention_purge_check();

CREATE FUNCTION purge_participant_revisions(p_participant BIGINT) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    purged BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM participants WHERE id = p_participant) THEN
        RAISE EXCEPTION 'purge the revisions before the records they are about';
    END IF;
    INSERT INTO retention_purges (participant_id) VALUES (p_participant);
    PERFORM set_config('mina_steg.purging', 'on', true);
    DELETE FROM revisions
    WHERE id IN (SELECT revision_id FROM participant_revisions WHERE participant_id = p_participant);
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('mina_steg.purging', 'off', true);
    RETURN purged;
END $$;

-- A SECURITY DEFINER function must not find tables through the caller's
-- search path (a temporary table could stand in for `participants`): pin it
-- to the schema these migrations run in.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION purge_participant_revisions(BIGINT) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format('ALTER FUNCTION retention_purge_check() SET search_path = %I, pg_temp', current_schema());
END $$;
