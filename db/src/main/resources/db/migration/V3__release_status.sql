-- Issue 4: a release's rollout outcome, and since when a container has been in its observed state (uptime in ps).
-- Releases stored before this migration had served, so they count as succeeded.
ALTER TABLE releases
    ADD COLUMN status  TEXT NOT NULL DEFAULT 'succeeded'
        CHECK (status IN ('deploying', 'succeeded', 'failed')),
    ADD COLUMN failure TEXT;
ALTER TABLE releases ALTER COLUMN status SET DEFAULT 'deploying';

ALTER TABLE containers ADD COLUMN state_since TIMESTAMPTZ NOT NULL DEFAULT now();

-- A container leaving service (scale down, drain) first leaves the route table; it is removed once every
-- router has acknowledged a table at least this new (a ChangeFeed version). NULL while it serves.
ALTER TABLE containers ADD COLUMN retiring_since BIGINT;
-- A container started to take over from another (drain); the other retires once this one is up.
ALTER TABLE containers ADD COLUMN replaces_id BIGINT REFERENCES containers (id) ON DELETE SET NULL;

-- A drained node gets no new containers; its containers move elsewhere.
ALTER TABLE nodes ADD COLUMN drained BOOLEAN NOT NULL DEFAULT FALSE;

-- HTTP health checks per app and process type; without a row a container is up once its port accepts connections.
CREATE TABLE health_checks (
    app_id          BIGINT  NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    process_type    TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    timeout_seconds INTEGER NOT NULL,
    attempts        INTEGER NOT NULL,
    PRIMARY KEY (app_id, process_type)
);
