-- The controller that runs a build (its cluster.ClusterId, e.g. 'c1a2b3c4'), so that the leader can fail the builds of
-- a controller that died while others keep running (deploy.OrphanedBuilds). Null for builds made before V33: those
-- are failed only by a controller that starts alone (deploy.InterruptedBuilds).
ALTER TABLE builds ADD COLUMN controller TEXT;
