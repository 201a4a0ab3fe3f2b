-- Add-ons reachable from every node of the formation (issue 14): each add-on gets a port of its own from
-- paas.addons.ports; its service listens there and is published on its node's address at the same port, so the one
-- URL works on the add-on's network (same node) and through the node's address (other nodes). Add-ons made before
-- keep a null port: their service keeps its type's port and stays reachable from its own node only, until
-- addons:credentials:rotate gives them one (with a release of every attached app carrying the new URL).
ALTER TABLE addons ADD COLUMN port INTEGER;
CREATE UNIQUE INDEX addons_live_port ON addons (port) WHERE destroyed_at IS NULL AND port IS NOT NULL;
