-- Failed sign-ins, shared by every controller of the database (user.LoginFailures), so that spreading guesses over
-- several controllers gains nothing. One row per user name or source address and time bucket (a thirtieth of the
-- window): a failure adds one to its bucket's row (INSERT ... ON CONFLICT DO UPDATE, so two controllers racing count
-- both). Rows per key are bounded by the buckets of one window; the leader deletes buckets that no longer count, and
-- the oldest beyond a cap (user.LoginFailuresSweep).
CREATE TABLE login_failures (
    scope    TEXT        NOT NULL CHECK (scope IN ('user', 'address')),
    key      TEXT        NOT NULL CHECK (length(key) <= 100),
    bucket   TIMESTAMPTZ NOT NULL,
    failures INTEGER     NOT NULL CHECK (failures > 0),
    PRIMARY KEY (scope, key, bucket)
);

CREATE INDEX login_failures_bucket ON login_failures (bucket);
