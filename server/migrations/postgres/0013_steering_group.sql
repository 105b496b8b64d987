-- Issue 13: a staff role for the steering group of the 2025 model, who follow
-- up the outcomes of every unit (counts only) and, like the dataskyddsombud,
-- belong to no unit. Additive: every row is kept. (SQLite's 0013 rebuilds the
-- table to the same rules.)

ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
    CHECK (role IN ('employment_consultant','supervisor','placement_supervisor','unit_manager','admin',
                    'data_protection_officer','steering_group'));
-- Staff belong to a unit; an administrator may, or may stand outside the units.
ALTER TABLE staff DROP CONSTRAINT staff_unit_check;
ALTER TABLE staff ADD CONSTRAINT staff_unit_check
    CHECK (role IN ('admin', 'data_protection_officer', 'steering_group') OR unit_id IS NOT NULL);
-- The dataskyddsombud and the steering group follow up every unit and work in none.
ALTER TABLE staff DROP CONSTRAINT staff_officer_unit_check;
ALTER TABLE staff ADD CONSTRAINT staff_officer_unit_check
    CHECK (role NOT IN ('data_protection_officer', 'steering_group') OR unit_id IS NULL);
