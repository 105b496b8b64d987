-- Issue 10, the log follow-up (kept in step with migrations/postgres/0005).
-- A new staff role, the dataskyddsombud, who follows up the log of the whole
-- municipality and so belongs to no unit. SQLite cannot change a CHECK in
-- place: staff is rebuilt as in 0002 (create, copy, drop, rename; `db::migrate`
-- runs migrations with foreign keys off and checks every reference afterwards).
-- Additive: every row is kept.

CREATE TABLE staff_new (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER REFERENCES units(id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','unit_manager','admin','data_protection_officer')),
    phone      TEXT,
    email      TEXT,
    photo_path TEXT,
    created_at TEXT NOT NULL,
    -- Staff belong to a unit; an administrator may, or may stand outside the units.
    CHECK (role IN ('admin', 'data_protection_officer') OR unit_id IS NOT NULL),
    -- The dataskyddsombud follows up every unit and works in none.
    CHECK (role <> 'data_protection_officer' OR unit_id IS NULL)
);
INSERT INTO staff_new (id, unit_id, name, role, phone, email, photo_path, created_at)
    SELECT id, unit_id, name, role, phone, email, photo_path, created_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

-- The log follow-up searches a unit's rows, or every row, by period, newest
-- first, and pages by (at, id). The participant's and the staff member's
-- searches use audit_log_subject and audit_log_actor from 0001.
CREATE INDEX audit_log_unit_at ON audit_log(unit_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
