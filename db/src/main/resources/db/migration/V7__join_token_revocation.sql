-- Join tokens can be listed and revoked. A few characters of the token (never enough to use it) let an admin tell
-- which one a node holds; a revoked token stays, so whoever still presents it is told it was revoked.
ALTER TABLE join_tokens
    ADD COLUMN token_prefix TEXT,
    ADD COLUMN last_used_at TIMESTAMPTZ,
    ADD COLUMN revoked_at   TIMESTAMPTZ,
    ADD COLUMN revoked_by   TEXT;
