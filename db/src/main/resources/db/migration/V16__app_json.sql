-- app.json (Heroku's and Dokku's fields), read from the root of each pushed tree.
-- The file as it was in each build: cron entries are read from the current release's build.
ALTER TABLE builds ADD COLUMN app_json TEXT;
-- Dokku's healthchecks "content": text the check's response must contain.
ALTER TABLE health_checks ADD COLUMN content TEXT;
-- The checks of a build's app.json: they gate the containers of that build's releases (over the app's own checks of
-- the same type), so a new release's check never judges the containers of the release still serving.
CREATE TABLE build_health_checks (
    build_id        BIGINT  NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    process_type    TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    timeout_seconds INTEGER NOT NULL,
    attempts        INTEGER NOT NULL,
    content         TEXT,
    PRIMARY KEY (build_id, process_type)
);
-- What app.json last did to an app: the formation it applied (JSON, so a scale by hand is kept until the file's
-- value changes) and whether Heroku's scripts.postdeploy (first deploy only) has run.
CREATE TABLE app_json_state (
    app_id             BIGINT  PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    formation          TEXT,
    postdeploy_done    BOOLEAN NOT NULL DEFAULT false
);
-- The last run of each cron entry, for 'paas cron'.
CREATE TABLE cron_runs (
    app_id      BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    exit_code   INTEGER,
    PRIMARY KEY (app_id, name)
);
