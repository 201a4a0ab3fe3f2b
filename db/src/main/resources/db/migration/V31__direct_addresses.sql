-- Routers reach containers directly (issue 15): a node's network host (api.NetworkHost: its boot and network
-- namespace), and each container's address on its node's apps network. A router on the same network host as a
-- container's node is given that address and the container's own port instead of the published port.
ALTER TABLE nodes ADD COLUMN network_host TEXT;
ALTER TABLE containers ADD COLUMN ip TEXT;
