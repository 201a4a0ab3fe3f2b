-- Add-ons: backing services (PostgreSQL, MySQL, Redis) the platform runs as containers with a named volume, and
-- the apps they are attached to (as NAME_URL config vars). A destroyed add-on keeps its row (destroyed_at set)
-- so the node it ran on is told to remove its volume; its name is never handed out again.
CREATE TABLE addons (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    type           TEXT        NOT NULL,
    plan           TEXT        NOT NULL,
    owner_id       BIGINT      NOT NULL REFERENCES users (id),
    formation_id   BIGINT      NOT NULL REFERENCES formations (id),
    node_id        BIGINT      REFERENCES nodes (id),
    username       TEXT        NOT NULL,
    password       TEXT        NOT NULL,
    database       TEXT        NOT NULL,
    observed_state TEXT        NOT NULL DEFAULT 'pending',
    state_since    TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX addons_node ON addons (node_id);

-- Destroying an app detaches its add-ons (the rows go), but does not destroy them.
CREATE TABLE addon_attachments (
    id         BIGSERIAL PRIMARY KEY,
    addon_id   BIGINT      NOT NULL REFERENCES addons (id) ON DELETE CASCADE,
    app_id     BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    var_name   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (addon_id, app_id),
    UNIQUE (app_id, var_name)
);

-- An add-on's state changes are lines of source 'addon' in each attached app's log.
ALTER TABLE log_lines DROP CONSTRAINT log_lines_source_check;
ALTER TABLE log_lines ADD CONSTRAINT log_lines_source_check
    CHECK (source IN ('app', 'platform', 'router', 'addon'));
