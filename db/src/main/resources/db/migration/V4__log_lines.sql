-- Each app's recent log history: its containers' output, the platform's events and router access lines.
-- The controller prunes it to a bounded number of lines per app, oldest first; ids only grow, so followers
-- resume with "after id N", even across a controller restart.
CREATE TABLE log_lines (
    id        BIGSERIAL PRIMARY KEY,
    app_id    BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    time      TIMESTAMPTZ NOT NULL,
    source    TEXT        NOT NULL CHECK (source IN ('app', 'platform', 'router')),
    process   TEXT        NOT NULL,
    release   INTEGER,
    text      TEXT        NOT NULL
);
CREATE INDEX log_lines_app ON log_lines (app_id, id);
