-- Issue 13, the follow-up.
--
-- What exactly a row of the audit log was about where its kind and unit do
-- not say it: the period of a follow-up looked at or handed on as a file
-- ("who exported what, for which period and unit"). Never personal data.
-- Signed with the row when present (see storage::audit::canonical); rows
-- without it keep the encoding they were signed with.
ALTER TABLE audit_log ADD COLUMN detail TEXT;

-- When a participant got their seat in a round (the follow-up's wait from
-- interest to a seat). Set from now on when a seat is taken, directly or
-- from the waiting list. Earlier seats: the enrolment's own time, which is
-- the day of the seat for those seated at once and the day they joined the
-- queue for those seated from it (the day they moved up was not kept).
ALTER TABLE enrolments ADD COLUMN seated_at TEXT;
UPDATE enrolments SET seated_at = created_at WHERE status IN ('enrolled', 'completed');

-- The follow-up reads the interests of a unit's people (the wait for a seat):
-- until now only the open ones had an index.
CREATE INDEX expressions_of_interest_participant ON expressions_of_interest(participant_id, created_at);
