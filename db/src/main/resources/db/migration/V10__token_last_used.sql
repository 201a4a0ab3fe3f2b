-- An API token stops working after a configurable time without use (paas.login.token-idle-expiry).
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMPTZ NOT NULL DEFAULT now();
