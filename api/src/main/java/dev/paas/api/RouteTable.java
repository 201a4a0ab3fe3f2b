package dev.paas.api;

import java.util.List;

/** Every routed app with the backends that should receive its traffic; {@code version} changes with it. */
public record RouteTable(long version, List<Route> routes) {

    /** One app: the host names it answers to and where its healthy web containers listen. */
    public record Route(String app, List<String> domains, List<Backend> backends) {
    }

    public record Backend(String host, int port) {
    }
}
