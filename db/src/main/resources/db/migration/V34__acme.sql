-- Automatic certificates over ACME (paas certs:auto:enable). One row per app that asked: the certificate it gets is
-- stored in certificates like an uploaded one (the app's own, source 'acme'). state: 'pending' (none issued yet),
-- 'issued', 'failed' (last_error says why; retried after a back-off that grows with failures).
CREATE TABLE acme_apps (
    app_id       BIGINT      PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    enabled_by   TEXT        NOT NULL,
    enabled_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    state        TEXT        NOT NULL DEFAULT 'pending',
    failures     INT         NOT NULL DEFAULT 0,
    last_attempt TIMESTAMPTZ,
    last_error   TEXT
);

-- HTTP-01 challenges being validated: put in the route table, answered by the routers for that domain only.
CREATE TABLE acme_challenges (
    app_id            BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    domain            TEXT        NOT NULL,
    token             TEXT        NOT NULL,
    key_authorization TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (domain, token)
);

-- The platform's ACME account key per directory URL, encrypted like the certificates' keys.
CREATE TABLE acme_accounts (
    directory  TEXT        PRIMARY KEY,
    key_pair   BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
