-- Issue 10: a tamper-evident audit log, and rows an investigation can use.
-- Additive: rows written before this migration keep their content and stay
-- unsigned (seq and mac NULL); the chain starts at the first signed row.

-- The hash chain: `seq` counts signed rows without gaps (1, 2, 3, ...), so a
-- removed row shows as a gap; `mac` is the HMAC-SHA-256 (hex) with the audit
-- key, kept outside the database, over the row's content and the previous
-- row's mac (see app/src/server/storage/audit.rs). Anyone with this file can
-- drop the triggers below, but cannot make a changed row verify without the key.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN mac TEXT;
-- Who, from where, in which session: the actor's own unit (staff), the
-- client's network (IPv4 /24, IPv6 /48) and a keyed hash of the session id.
ALTER TABLE audit_log ADD COLUMN actor_unit_id INTEGER;
ALTER TABLE audit_log ADD COLUMN source TEXT;
ALTER TABLE audit_log ADD COLUMN session_ref TEXT;

CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);

-- Every new row is signed and numbered.
CREATE TRIGGER audit_log_signed BEFORE INSERT ON audit_log
WHEN NEW.seq IS NULL OR NEW.seq < 1 OR NEW.mac IS NULL OR length(NEW.mac) <> 64
BEGIN SELECT RAISE(ABORT, 'audit_log rows carry seq and mac'); END;
