-- Sign-in limits (issue 10).

-- Old attempts are pruned by time, by a background task: without this index
-- each prune read the whole table.
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);

-- Requests refused before anyone signed in (another site's form, attempts
-- over a sign-in limit) are counted per hour and kind, one row each that is
-- incremented, instead of one audit row per request: anyone can send them,
-- and the audit log can never be cleaned. A signed-in refusal is still an
-- audit row of its own.
CREATE TABLE refusal_counts (
    window_start TIMESTAMPTZ NOT NULL,
    kind         TEXT NOT NULL,
    refusals     BIGINT NOT NULL,
    PRIMARY KEY (window_start, kind)
);
