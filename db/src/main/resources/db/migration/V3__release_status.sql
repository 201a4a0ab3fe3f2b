-- Issue 4: a release's rollout outcome, and since when a container has been in its observed state (uptime in ps).
-- Releases stored before this migration had served, so they count as succeeded.
ALTER TABLE releases
    ADD COLUMN status  TEXT NOT NULL DEFAULT 'succeeded'
        CHECK (status IN ('deploying', 'succeeded', 'failed')),
    ADD COLUMN failure TEXT;
ALTER TABLE releases ALTER COLUMN status SET DEFAULT 'deploying';

ALTER TABLE containers ADD COLUMN state_since TIMESTAMPTZ NOT NULL DEFAULT now();
