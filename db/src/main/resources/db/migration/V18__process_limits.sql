-- Memory and CPU per process type (issue 17).

-- What the app's owner set with limits:set, by process type (MB; thousandths of a CPU), and the counts ps:stop
-- put aside for ps:start.
ALTER TABLE apps ADD COLUMN memory_limits TEXT NOT NULL DEFAULT '{}';
ALTER TABLE apps ADD COLUMN cpu_limits    TEXT NOT NULL DEFAULT '{}';
ALTER TABLE apps ADD COLUMN paused        TEXT NOT NULL DEFAULT '{}';

-- What each container was given; placement reserves its memory on the node. Null for containers placed before
-- this migration: they had the platform-wide paas.container-memory-mb and no CPU limit.
ALTER TABLE containers ADD COLUMN memory_mb    INTEGER;
ALTER TABLE containers ADD COLUMN cpu_millis   INTEGER;
-- Why it last stopped by itself ('out of memory', 'crashed') and when, as its node reported.
ALTER TABLE containers ADD COLUMN last_exit    TEXT;
ALTER TABLE containers ADD COLUMN last_exit_at TIMESTAMPTZ;

-- The CPUs a node offers, in thousandths; 0 when it did not say (agents before this migration).
ALTER TABLE nodes ADD COLUMN cpu_millis INTEGER NOT NULL DEFAULT 0;

-- A formation's defaults and maximums for app containers; null: the platform's (paas.container-memory-mb, no CPU
-- limit, no maximum but the nodes' size). memory_overcommit: how many times its memory a node takes in limits.
ALTER TABLE formations ADD COLUMN default_memory_mb  INTEGER;
ALTER TABLE formations ADD COLUMN max_memory_mb      INTEGER;
ALTER TABLE formations ADD COLUMN default_cpu_millis INTEGER;
ALTER TABLE formations ADD COLUMN max_cpu_millis     INTEGER;
ALTER TABLE formations ADD COLUMN memory_overcommit  NUMERIC(4, 2);
