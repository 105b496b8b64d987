-- Issue 11: the staff caseload asks, for its unit, who has a gemensam
-- kartläggning planned without the consent it needs. On the national data set
-- PostgreSQL answered that by reading all two million meetings (260 ms; the
-- planned assessments are few, so it expected to find them fast that way).
-- This small index holds only the planned assessments. Kept the same on both backends.
CREATE INDEX meetings_planned_assessments ON meetings(participant_id)
    WHERE status = 'planned' AND kind IN ('joint_assessment_1', 'joint_assessment_2', 'joint_assessment_3');
