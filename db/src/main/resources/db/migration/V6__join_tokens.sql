-- Join tokens: an admin makes one for a formation and a layer; a node-agent (runtime) or a router (proxy) that
-- presents it joins that formation in that layer. As with API tokens, only the SHA-256 is stored.
CREATE TABLE join_tokens (
    id           BIGSERIAL PRIMARY KEY,
    token_hash   TEXT        NOT NULL UNIQUE,
    formation_id BIGINT      NOT NULL REFERENCES formations (id) ON DELETE CASCADE,
    layer        TEXT        NOT NULL CHECK (layer IN ('runtime', 'proxy')),
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
