package dev.paas.api;

import java.util.List;

/** Every routed app with the backends that should receive its traffic; {@code version} changes with it. */
public record RouteTable(long version, List<Route> routes) {

    /**
     * One app: the host names it answers to, where its healthy web containers listen, and how the router treats
     * its requests ({@code edge}: null, or absent in a table from an older controller, means the router's defaults).
     * {@code challenges}: the ACME HTTP-01 challenges pending for its custom domains (null or empty: none).
     */
    public record Route(String app, List<String> domains, List<Backend> backends, Edge edge, Tls tls,
                        List<AcmeChallenge> challenges) {

        public Route(String app, List<String> domains, List<Backend> backends) {
            this(app, domains, backends, null, null, null);
        }

        public Route(String app, List<String> domains, List<Backend> backends, Edge edge) {
            this(app, domains, backends, edge, null, null);
        }

        public Route(String app, List<String> domains, List<Backend> backends, Edge edge, Tls tls) {
            this(app, domains, backends, edge, tls, null);
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

    /**
     * An ACME HTTP-01 challenge the router answers on plain HTTP: a request for
     * {@code /.well-known/acme-challenge/<token>} with {@code Host: <domain>} gets {@code keyAuthorization} (the token
     * and the ACME account key's thumbprint: nothing secret). Any other host gets no answer from it.
     */
    public record AcmeChallenge(String domain, String token, String keyAuthorization) {
    }
}
