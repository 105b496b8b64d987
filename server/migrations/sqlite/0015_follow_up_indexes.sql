-- Issue 13, measured at national scale (tests/bench/follow-up.mjs): the
-- follow-up of every unit read the gemensam kartläggning meetings by scanning
-- every meeting (243 ms of 1.7 million on PostgreSQL); this partial index
-- holds only those meetings, in the follow-up's own condition.
CREATE INDEX meetings_joint_assessment ON meetings(participant_id, starts_at)
    WHERE kind IN ('joint_assessment_1', 'joint_assessment_2', 'joint_assessment_3') AND status <> 'cancelled';
