package dev.paas.api;

import java.util.List;

/** Every routed app with the backends that should receive its traffic; {@code version} changes with it. */
public record RouteTable(long version, List<Route> routes) {

    /**
     * One app: the host names it answers to, where its healthy web containers listen, and how the router treats
     * its requests ({@code edge}: null, or absent in a table from an older controller, means the router's defaults).
     */
    public record Route(String app, List<String> domains, List<Backend> backends, Edge edge, Tls tls) {

        public Route(String app, List<String> domains, List<Backend> backends) {
            this(app, domains, backends, null, null);
        }

        public Route(String app, List<String> domains, List<Backend> backends, Edge edge) {
            this(app, domains, backends, edge, null);
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

    /**
     * How an app is served over HTTPS: which certificate serves which of its host names (a host name in none is not
     * served over HTTPS), whether plain HTTP requests to those names are redirected to HTTPS, and whether HTTPS answers
     * carry HSTS. Null, or absent from an older controller's table: no HTTPS.
     */
    public record Tls(boolean redirect, boolean hsts, List<TlsCert> certs) {
    }

    /**
     * One certificate and the host names it serves. {@code id}: the SHA-256 fingerprint (hex) of its server
     * certificate, under which the router fetches the chain and key from the controller.
     */
    public record TlsCert(String id, List<String> domains) {
    }
}
