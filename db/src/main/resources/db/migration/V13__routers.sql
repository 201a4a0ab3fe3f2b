-- The routers a controller heard from (route.StoredRouters), so that a controller starting again knows which ones
-- served until the previous one stopped and waits for their acknowledgements before it deletes containers they may
-- still send traffic to. Written at most every 10 seconds per router; formation_id is null for a router on the
-- cluster's node token (it serves every formation).
CREATE TABLE routers (
    name         TEXT PRIMARY KEY,
    formation_id BIGINT,
    seen_at      TIMESTAMPTZ NOT NULL
);
