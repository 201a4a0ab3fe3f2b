-- Limits an admin set for one user ('paas quotas:set'), over the platform's defaults (paas.quotas.*). A null column
-- keeps the default. The per-app limits (config bytes, domains) apply to every app the user owns.
CREATE TABLE user_quotas (
    user_id              BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    apps_per_user        INTEGER     CHECK (apps_per_user >= 0),
    containers_per_user  INTEGER     CHECK (containers_per_user >= 0),
    config_bytes_per_app INTEGER     CHECK (config_bytes_per_app >= 0),
    domains_per_app      INTEGER     CHECK (domains_per_app >= 0),
    set_by               TEXT        NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
