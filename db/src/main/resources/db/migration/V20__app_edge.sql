-- How the routers treat an app's requests (paas maintenance:on/off, paas limits:set). No row: the defaults.
-- maintenance_page is the app's own HTML page (at most 64 KiB), kept while maintenance is off; NULL limits are the
-- router's defaults. Destroying the app removes its row.
CREATE TABLE app_edge (
    app_id               BIGINT      PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    maintenance          BOOLEAN     NOT NULL DEFAULT FALSE,
    maintenance_page     TEXT,
    max_body_mb          INTEGER,
    read_timeout_seconds INTEGER,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
