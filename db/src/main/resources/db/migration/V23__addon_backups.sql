-- Backups of add-ons: dumps taken from the running service, kept as files on the controller's host
-- (paas.addons.backup-dir), one row each; a failed one keeps its reason. addons.backup_at/backup_keep are the
-- daily schedule ('HH:MM' UTC) and how many scheduled backups to keep.
CREATE TABLE addon_backups (
    id          BIGSERIAL PRIMARY KEY,
    addon_id    BIGINT      NOT NULL REFERENCES addons (id) ON DELETE CASCADE,
    addon_type  TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    made_by     TEXT        NOT NULL,
    scheduled   BOOLEAN     NOT NULL DEFAULT false,
    size_bytes  BIGINT,
    failure     TEXT,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
CREATE INDEX addon_backups_addon ON addon_backups (addon_id, id);

ALTER TABLE addons ADD COLUMN backup_at TEXT CHECK (backup_at ~ '^[0-2][0-9]:[0-5][0-9]$');
ALTER TABLE addons ADD COLUMN backup_keep INTEGER CHECK (backup_keep BETWEEN 1 AND 100);
