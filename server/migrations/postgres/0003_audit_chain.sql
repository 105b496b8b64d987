-- Issue 10: a tamper-evident audit log, and rows an investigation can use.
-- Additive: rows written before this migration keep their content and stay
-- unsigned (seq and mac NULL); the chain starts at the first signed row.

-- The hash chain: `seq` counts signed rows without gaps (1, 2, 3, ...), so a
-- removed row shows as a gap (identity ids have gaps after rollbacks, so `id`
-- cannot tell); `mac` is the HMAC-SHA-256 (hex) with the audit key, kept
-- outside the database, over the row's content and the previous row's mac
-- (see app/src/server/storage/audit.rs). Writers take an advisory lock before
-- reading the previous row, so chain order is commit order.
-- Who, from where, in which session: the actor's own unit (staff), the
-- client's network (IPv4 /24, IPv6 /48) and a keyed hash of the session id.
ALTER TABLE audit_log
    ADD COLUMN seq BIGINT,
    ADD COLUMN mac TEXT,
    ADD COLUMN actor_unit_id BIGINT,
    ADD COLUMN source TEXT,
    ADD COLUMN session_ref TEXT;

CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);

-- Every new row is signed and numbered; NOT VALID leaves the older rows be.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_signed
    CHECK (seq IS NOT NULL AND seq >= 1 AND mac ~ '^[0-9a-f]{64}$') NOT VALID;

-- revisions refused updates and deletes row by row; TRUNCATE skips row
-- triggers, so it is refused on its own (as audit_log's already was).
CREATE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'revisions are append-only'; END $$;
CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
FOR EACH STATEMENT EXECUTE FUNCTION revisions_append_only();
