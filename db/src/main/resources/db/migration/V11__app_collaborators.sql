-- Users who may work on an app they do not own (push, config, scale, logs...). Only the owner or an admin
-- destroys the app or changes this list. Goes with the app; a removed user's collaborations go with them.
CREATE TABLE app_collaborators (
    id         BIGSERIAL PRIMARY KEY,
    app_id     BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (app_id, user_id)
);
CREATE INDEX app_collaborators_user ON app_collaborators (user_id);
