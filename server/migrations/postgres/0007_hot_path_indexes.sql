-- Issue 11: indexes the hot paths lacked, found by the query-plan test
-- (tests/tests/suite/query_plans.rs), which plans every statement of the most
-- opened pages with sequential scans switched off. Kept the same on both backends.
CREATE INDEX plan_activities_plan ON plan_activities(plan_id, position);
CREATE INDEX plan_follow_ups_plan ON plan_follow_ups(plan_id, due_on);
CREATE INDEX staff_unit ON staff(unit_id, name);
CREATE INDEX extended_support_participant ON extended_support(participant_id, starts_on);
CREATE INDEX programme_rounds_unit ON programme_rounds(unit_id, starts_on);
CREATE INDEX programme_sessions_round ON programme_sessions(round_id, starts_at);
