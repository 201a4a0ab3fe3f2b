-- Custom domains an app is served under, besides its default <app>.<platform domain> (which is not stored).
-- A host name belongs to at most one app; destroying the app removes its domains.
CREATE TABLE domains (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    hostname   TEXT        NOT NULL UNIQUE,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX domains_app ON domains (app_id);
