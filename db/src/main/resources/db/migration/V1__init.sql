-- The walking skeleton's schema. Changed only by new migrations, never by JPA.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    admin         BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a token is stored; the token itself is shown once, at login.
CREATE TABLE api_tokens (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ssh_keys (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    fingerprint TEXT        NOT NULL UNIQUE,
    public_key  TEXT        NOT NULL,
    comment     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE formations (
    id   BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO formations (name) VALUES ('default');

CREATE TABLE nodes (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    formation_id   BIGINT      NOT NULL REFERENCES formations (id),
    layer          TEXT        NOT NULL CHECK (layer IN ('runtime', 'proxy')),
    address        TEXT        NOT NULL,
    capacity_mb    INTEGER     NOT NULL,
    last_heartbeat TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE apps (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE,
    owner_id     BIGINT      NOT NULL REFERENCES users (id),
    formation_id BIGINT      NOT NULL REFERENCES formations (id),
    -- process type -> count, e.g. {"web": 1}
    structure    TEXT        NOT NULL DEFAULT '{}',
    -- the config every new release starts from: {"KEY": "value"}
    config       TEXT        NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE builds (
    id             BIGSERIAL PRIMARY KEY,
    app_id         BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    git_sha        TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('building', 'succeeded', 'failed')),
    image          TEXT,
    -- process type -> command, from the Procfile
    process_types  TEXT        NOT NULL DEFAULT '{}',
    port           INTEGER,
    log            TEXT        NOT NULL DEFAULT '',
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);

-- A release is an immutable pair of one build and one config.
CREATE TABLE releases (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    version    INTEGER     NOT NULL,
    build_id   BIGINT      NOT NULL REFERENCES builds (id),
    config     TEXT        NOT NULL DEFAULT '{}',
    summary    TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (app_id, version)
);

-- Desired containers: a row exists while the container should run. Observed fields come from the node.
CREATE TABLE containers (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    app_id         BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    app_name       TEXT        NOT NULL,
    release_id     BIGINT      NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    process_type   TEXT        NOT NULL,
    idx            INTEGER     NOT NULL,
    node_id        BIGINT      NOT NULL REFERENCES nodes (id),
    observed_state TEXT        NOT NULL DEFAULT 'pending',
    host_port      INTEGER,
    docker_id      TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX containers_node ON containers (node_id);
CREATE INDEX containers_app ON containers (app_id);
