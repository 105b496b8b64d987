-- Issue 13 (kept in step with migrations/postgres/0013): a staff role for the
-- steering group of the 2025 model, who follow up the outcomes of every unit
-- (counts only) and, like the dataskyddsombud, belong to no unit. SQLite
-- cannot change a CHECK in place: staff is rebuilt as in 0005 (`db::migrate`
-- runs migrations with foreign keys off and checks every reference
-- afterwards). Additive: every row is kept.

CREATE TABLE staff_new (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER REFERENCES units(id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','unit_manager','admin','data_protection_officer','steering_group')),
    phone      TEXT,
    email      TEXT,
    photo_path TEXT,
    created_at TEXT NOT NULL,
    -- Staff belong to a unit; an administrator may, or may stand outside the units.
    CHECK (role IN ('admin', 'data_protection_officer', 'steering_group') OR unit_id IS NOT NULL),
    -- The dataskyddsombud and the steering group follow up every unit and work in none.
    CHECK (role NOT IN ('data_protection_officer', 'steering_group') OR unit_id IS NULL)
);
INSERT INTO staff_new (id, unit_id, name, role, phone, email, photo_path, created_at)
    SELECT id, unit_id, name, role, phone, email, photo_path, created_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

-- Dropped with the old table (0007): the unit's staff by name.
CREATE INDEX staff_unit ON staff(unit_id, name);
