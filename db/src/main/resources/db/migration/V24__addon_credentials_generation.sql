-- addons:credentials:rotate: each rotation counts up the generation, which is part of the service container's
-- name, so the node-agent replaces the container and the new one starts with the new password.
ALTER TABLE addons ADD COLUMN credentials_generation INTEGER NOT NULL DEFAULT 1 CHECK (credentials_generation >= 1);
