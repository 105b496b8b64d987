-- Issue 10, the log follow-up: a new staff role, the dataskyddsombud, who
-- follows up the log of the whole municipality and so belongs to no unit;
-- indexes for the follow-up's searches. Additive: every row is kept.

ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
    CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','unit_manager','admin','data_protection_officer'));
-- Staff belong to a unit; an administrator may, or may stand outside the units.
ALTER TABLE staff DROP CONSTRAINT staff_unit_check;
ALTER TABLE staff ADD CONSTRAINT staff_unit_check CHECK (role IN ('admin', 'data_protection_officer') OR unit_id IS NOT NULL);
-- The dataskyddsombud follows up every unit and works in none.
ALTER TABLE staff ADD CONSTRAINT staff_officer_unit_check CHECK (role <> 'data_protection_officer' OR unit_id IS NULL);

-- The log follow-up searches a unit's rows, or every row, by period, newest
-- first, and pages by (at, id). The participant's and the staff member's
-- searches use audit_log_subject and audit_log_actor from 0001.
CREATE INDEX audit_log_unit_at ON audit_log(unit_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
