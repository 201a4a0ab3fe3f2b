-- TLS certificates (paas certs:add, paas certs:platform:set). app_id NULL: the platform's certificate, for the
-- default <app>.<domain> names. domain NULL: the app's certificate, for every custom domain it covers; else the one
-- custom domain it was added for. private_key is AES-256-GCM encrypted with the controller's key
-- (<data dir>/secrets/certificates.key), never stored in clear. One certificate per (app, domain), the platform's
-- included (NULLS NOT DISTINCT).
CREATE TABLE certificates (
    id          BIGSERIAL   PRIMARY KEY,
    app_id      BIGINT      REFERENCES apps (id) ON DELETE CASCADE,
    domain      TEXT,
    names       TEXT        NOT NULL,
    fingerprint CHAR(64)    NOT NULL,
    chain       TEXT        NOT NULL,
    private_key BYTEA       NOT NULL,
    subject     TEXT        NOT NULL,
    issuer      TEXT        NOT NULL,
    chain_subjects TEXT     NOT NULL,
    not_before  TIMESTAMPTZ NOT NULL,
    not_after   TIMESTAMPTZ NOT NULL,
    source      TEXT        NOT NULL DEFAULT 'uploaded',
    added_by    TEXT        NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT certificates_one_per_domain UNIQUE NULLS NOT DISTINCT (app_id, domain)
);
CREATE INDEX certificates_fingerprint ON certificates (fingerprint);

-- Per app, opt-in: plain HTTP to a host name served over HTTPS is redirected there; HTTPS answers carry HSTS.
CREATE TABLE app_https (
    app_id     BIGINT      PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    redirect   BOOLEAN     NOT NULL DEFAULT FALSE,
    hsts       BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
