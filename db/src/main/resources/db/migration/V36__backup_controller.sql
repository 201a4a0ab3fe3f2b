-- The controller that takes an add-on backup (its cluster.ClusterId), so that a backup left 'running' by a controller
-- that died is failed by the leader (addon.OrphanedBackups), or by a controller that starts alone. Null for backups
-- made before V36: those are failed only at a start alone.
ALTER TABLE addon_backups ADD COLUMN controller TEXT;
