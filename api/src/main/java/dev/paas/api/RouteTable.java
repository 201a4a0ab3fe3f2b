package dev.paas.api;

import java.util.List;

/** Every routed app with the backends that should receive its traffic; {@code version} changes with it. */
public record RouteTable(long version, List<Route> routes) {

    /**
     * One app: the host names it answers to, where its healthy web containers listen, and how the router treats
     * its requests ({@code edge}: null, or absent in a table from an older controller, means the router's defaults).
     */
    public record Route(String app, List<String> domains, List<Backend> backends, Edge edge) {

        public Route(String app, List<String> domains, List<Backend> backends) {
            this(app, domains, backends, null);
        }
    }

    public record Backend(String host, int port) {
    }

    /**
     * An app's edge settings. {@code maintenance}: every request answers 503 with {@code maintenancePage} (the app's
     * own HTML, or null for the platform's page). Limits: null means the router's default.
     */
    public record Edge(boolean maintenance, String maintenancePage, Integer maxBodyMb, Integer readTimeoutSeconds) {

        public static final Edge DEFAULTS = new Edge(false, null, null, null);
    }
}
