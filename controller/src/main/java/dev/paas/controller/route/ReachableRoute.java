package dev.paas.controller.route;

import java.util.List;

import dev.paas.api.RouteTable;

/**
 * One app of the route table with every way to reach its backends, read once for all routers; each router is given
 * the addresses it can use ({@link #forRouter}).
 */
record ReachableRoute(String app, List<String> domains, List<Reach> backends, RouteTable.Edge edge,
                      RouteTable.Tls tls, List<RouteTable.AcmeChallenge> challenges) {

    RouteTable.Route forRouter(String routerHost) {
        return new RouteTable.Route(app, domains, backends.stream().map(b -> b.forRouter(routerHost)).toList(), edge,
                tls, challenges);
    }

    static List<RouteTable.Route> forRouter(List<ReachableRoute> routes, String routerHost) {
        return routes.stream().map(r -> r.forRouter(routerHost)).toList();
    }
}
