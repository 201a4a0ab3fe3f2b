package dev.paas.controller.route;

import dev.paas.api.NetworkHost;
import dev.paas.api.RouteTable;

/**
 * Where a router reaches one web container. A router on the network host of the container's node (the same kernel and
 * network namespace, {@link NetworkHost}) connects to the container's bridge address and the app's own port: no
 * published port, no NAT, no docker-proxy on the path. Any other router uses the node's address and the published port,
 * which dockerd forwards in the kernel (deploy/lib/install.sh turns its userland proxy off). Pure.
 *
 * @param published   the node's address and the container's published host port
 * @param ip          the container's address on its node's apps network (checked by node.ReportCheck), or null
 * @param port        the port the app listens on inside the container (its build's)
 * @param networkHost the node's network host, or null when its agent did not say
 */
record Reach(RouteTable.Backend published, String ip, int port, String networkHost) {

    /** @param routerHost the polling router's network host, or null (an older router, or none it could tell) */
    RouteTable.Backend forRouter(String routerHost) {
        boolean sameHost = NetworkHost.valid(routerHost) && routerHost.equals(networkHost);
        return sameHost && ip != null && port > 0 ? new RouteTable.Backend(ip, port) : published;
    }
}
