package dev.paas.router.nginx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Edge;
import dev.paas.api.RouteTable.Route;

/**
 * Turns a route table into the nginx {@code server} blocks that serve it, and the backend table nginx's Lua balancer
 * reads (see {@code paas_backends.lua}). The configuration depends only on the apps and their host names: an app's
 * backends, even none, are not part of it, so scaling and rollouts change the backend table alone and need no
 * reload. Pure: the same table and address always give the same result, and nothing is read or written.
 */
final class RoutesRenderer {

    /** Carried by the default server's answers so the router can tell when nginx serves a version. */
    static final String VERSION_HEADER = "X-Paas-Routes-Version";
    /** The default server's answers also carry the version of the backend table nginx holds. */
    static final String BACKENDS_VERSION_HEADER = "X-Paas-Backends-Version";

    private static final String INDENT = "    ";

    /**
     * Where and with what nginx serves HTTPS.
     *
     * @param listen    the HTTPS listen address
     * @param certDir   the directory of the certificate files ({@link CertFiles})
     * @param available the certificates whose files are there; the others are left out
     */
    record Https(ListenAddress listen, java.nio.file.Path certDir, Set<String> available) {
    }

    RenderedRoutes render(RouteTable table, ListenAddress listen) {
        return render(table, listen, null);
    }

    /** @param https null: plain HTTP only */
    RenderedRoutes render(RouteTable table, ListenAddress listen, Https https) {
        StringBuilder out = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        StringBuilder backends = new StringBuilder();
        StringBuilder pages = new StringBuilder();
        out.append("# Rendered by paas-router from route table version ").append(table.version())
                .append(". Do not edit: the next table replaces it.\n\n");
        defaultServer(out, table.version(), listen);
        if (https != null) {
            defaultHttpsServer(out, https.listen());
        }
        Set<String> taken = new HashSet<>();
        List<Route> routes = table.routes() == null ? List.of() : table.routes().stream()
                .sorted(Comparator.comparing(Route::app, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (Route route : routes) {
            if (!Names.isAppName(route.app())) {
                skipped.add("app '" + route.app() + "': not a valid app name");
                continue;
            }
            Set<String> domains = domains(route, taken, skipped);
            if (domains.isEmpty()) {
                skipped.add("app " + route.app() + ": no valid domain left to serve it on");
                continue;
            }
            taken.addAll(domains);
            Edge edge = EdgeSettings.checked(route, skipped);
            var challenges = AcmeChallenges.of(route, domains, skipped);
            List<TlsSettings.TlsServer> tls = https == null ? List.of() : TlsSettings.servers(route, domains, https.available(), skipped);
            Set<String> secure = new LinkedHashSet<>();
            tls.forEach(server -> secure.addAll(server.domains()));
            boolean redirect = route.tls() != null && route.tls().redirect() && !secure.isEmpty();
            Set<String> plain = new LinkedHashSet<>(domains);
            if (redirect) {
                plain.removeAll(secure);
                redirectServer(out, secure, listen, https.listen(), AcmeChallenges.locations(challenges, secure, INDENT));
            }
            String head = "listen " + listen + ";";
            if (!plain.isEmpty()) {
                appServer(out, route.app(), plain, head, edge, AcmeChallenges.locations(challenges, plain, INDENT));
            }
            for (TlsSettings.TlsServer server : tls) {
                String certs = head(https, server, route.tls().hsts());
                appServer(out, route.app(), server.domains(), certs, edge, "");
            }
            if (edge.maintenance() && edge.maintenancePage() != null) {
                pages.append(route.app()).append(' ').append(EdgeSettings.base64(edge.maintenancePage())).append('\n');
            }
            backends.append("app ").append(route.app());
            servers(route, skipped).forEach(server -> backends.append(' ').append(server));
            backends.append('\n');
        }
        return new RenderedRoutes(out.toString(), backends.toString(), List.copyOf(skipped), pages.toString());
    }

    /** Valid domains not already served by an earlier app: nginx would pick one of the two silently. */
    private static Set<String> domains(Route route, Set<String> taken, List<String> skipped) {
        Set<String> domains = new LinkedHashSet<>();
        for (String raw : route.domains() == null ? List.<String>of() : route.domains()) {
            var domain = Names.domain(raw);
            if (domain.isEmpty()) {
                skipped.add("app " + route.app() + ": domain '" + raw + "' is not a plain host name");
            } else if (taken.contains(domain.get())) {
                skipped.add("app " + route.app() + ": domain " + domain.get() + " is already routed to another app");
            } else {
                domains.add(domain.get());
            }
        }
        return domains;
    }

    private static Set<String> servers(Route route, List<String> skipped) {
        Set<String> servers = new LinkedHashSet<>();
        for (Backend backend : route.backends() == null ? List.<Backend>of() : route.backends()) {
            var server = Names.backend(backend);
            if (server.isEmpty()) {
                skipped.add("app " + route.app() + ": backend " + backend + " is not an IP address and port");
            } else {
                servers.add(server.get());
            }
        }
        return servers;
    }

    private static void defaultServer(StringBuilder out, long version, ListenAddress listen) {
        out.append("server {\n");
        line(out, 1, "listen " + listen + " default_server;");
        line(out, 1, "server_name _;");
        line(out, 1, "add_header " + VERSION_HEADER + " " + version + " always;");
        line(out, 1, "set_by_lua_block $paas_backends_version {");
        line(out, 2, "return require(\"paas_backends\").version()");
        line(out, 1, "}");
        line(out, 1, "add_header " + BACKENDS_VERSION_HEADER + " $paas_backends_version always;");
        line(out, 1, "return 404 \"No app is routed here\\n\";");
        out.append("}\n");
    }

    /** An HTTPS connection for a name no app serves is refused in the handshake: there is no certificate to show. */
    private static void defaultHttpsServer(StringBuilder out, ListenAddress https) {
        out.append("server {\n");
        line(out, 1, "listen " + https + " ssl default_server;");
        line(out, 1, "server_name _;");
        line(out, 1, "ssl_reject_handshake on;");
        out.append("}\n");
    }

    /** The lines that open an app's HTTPS server for one certificate. */
    private static String head(Https https, TlsSettings.TlsServer server, boolean hsts) {
        String dir = https.certDir().toString();
        StringBuilder head = new StringBuilder("listen " + https.listen() + " ssl;\n");
        line(head, 1, "ssl_certificate " + dir + "/" + server.id() + ".pem;");
        line(head, 1, "ssl_certificate_key " + dir + "/" + server.id() + ".key;");
        if (hsts) {
            // Only over HTTPS: browsers ignore it on plain HTTP. A year, as the usual preload lists ask.
            line(head, 1, "add_header Strict-Transport-Security \"max-age=31536000\" always;");
        }
        return head.toString().stripTrailing();
    }

    /** Plain HTTP to a name served over HTTPS: redirected there, method and body kept (308). */
    private static void redirectServer(StringBuilder out, Set<String> domains, ListenAddress listen, ListenAddress https,
                                       String challenges) {
        serverHead(out, domains, "listen " + listen + ";");
        out.append(challenges);
        String port = https.port() == 443 ? "" : ":" + https.port();
        line(out, 1, "location / {");
        line(out, 2, "return 308 https://$host" + port + "$request_uri;");
        line(out, 1, "}");
        out.append("}\n");
    }

    /** @param challenges the server's ACME challenge locations ({@link AcmeChallenges}), plain HTTP only */
    private static void appServer(StringBuilder out, String app, Set<String> domains, String head, Edge edge,
                                  String challenges) {
        if (edge.maintenance()) {
            maintenanceServer(out, app, domains, head, edge, challenges);
        } else {
            proxyServer(out, app, domains, head, edge, challenges);
        }
    }

    /**
     * Every request answers 503 with the maintenance page (paas_pages.lua); the containers keep running and the
     * backends stay in the shared dict, so switching maintenance off serves them again at the next reload.
     */
    private static void maintenanceServer(StringBuilder out, String app, Set<String> domains, String head, Edge edge,
                                          String challenges) {
        serverHead(out, domains, head);
        out.append(challenges);
        if (edge.maintenancePage() != null) {
            // Only so that a changed page changes the configuration (and reloads): the page is in maintenance.pages.
            line(out, 1, "# maintenance page sha256 " + EdgeSettings.sha256(edge.maintenancePage()));
        }
        line(out, 1, "location / {");
        line(out, 2, "content_by_lua_block {");
        line(out, 3, "require(\"paas_pages\").serve(\"" + app + "\")");
        line(out, 2, "}");
        line(out, 1, "}");
        out.append("}\n");
    }

    private static void proxyServer(StringBuilder out, String app, Set<String> domains, String head, Edge edge,
                                    String challenges) {
        serverHead(out, domains, head);
        out.append(challenges);
        if (edge.maxBodyMb() != null) {
            line(out, 1, "client_max_body_size " + edge.maxBodyMb() + "m;");
        }
        // Read by paas_backends.lua to find the app's backends.
        line(out, 1, "set $paas_app " + app + ";");
        line(out, 1, "location / {");
        // An app without backends answers 503 from here; the balancer cannot write a body.
        line(out, 2, "access_by_lua_block {");
        line(out, 3, "require(\"paas_backends\").require_backends()");
        line(out, 2, "}");
        line(out, 2, "proxy_pass http://paas_backends;");
        line(out, 2, "proxy_set_header Host $host;");
        // Appended to what the client sent, as Heroku's router does: the last address is the one the router saw.
        line(out, 2, "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        line(out, 2, "proxy_set_header X-Forwarded-Proto $scheme;");
        line(out, 2, "proxy_set_header X-Forwarded-Port $server_port;");
        line(out, 2, "proxy_set_header X-Request-Id $paas_request_id;");
        line(out, 2, "proxy_next_upstream error timeout http_502;");
        // A backend whose container vanished with its node (its bridge address or host gone) drops the SYN instead
        // of refusing it: without this, nginx's default 60 s would hold the request that long before the next try.
        // A live container accepts in well under a millisecond on its node's host and a few across a LAN.
        line(out, 2, "proxy_connect_timeout 2s;");
        // HTTP/1.1, with "Connection: upgrade" for WebSockets and an empty Connection header otherwise, which lets
        // the upstream's keepalive connections be reused ($paas_connection is mapped in nginx.conf).
        line(out, 2, "proxy_http_version 1.1;");
        line(out, 2, "proxy_set_header Upgrade $http_upgrade;");
        line(out, 2, "proxy_set_header Connection $paas_connection;");
        // Responses stream through as the app writes them (server-sent events, long polls, chunked progress), as
        // Heroku's router does; nginx still reads the upstream in proxy_buffer_size pieces.
        line(out, 2, "proxy_buffering off;");
        // Request bodies stream to the app too, and so never go to a temporary file, which the workers (nobody)
        // could not write where the router's directory is closed to them.
        line(out, 2, "proxy_request_buffering off;");
        if (edge.readTimeoutSeconds() != null) {
            // Also how long a WebSocket or event stream may stay silent before nginx closes it.
            line(out, 2, "proxy_read_timeout " + edge.readTimeoutSeconds() + "s;");
            line(out, 2, "proxy_send_timeout " + edge.readTimeoutSeconds() + "s;");
        }
        line(out, 1, "}");
        out.append("}\n");
    }

    private static void serverHead(StringBuilder out, Set<String> domains, String head) {
        out.append("\nserver {\n");
        line(out, 1, head);
        line(out, 1, "server_name " + String.join(" ", domains) + ";");
    }

    private static void line(StringBuilder out, int depth, String text) {
        out.append(INDENT.repeat(depth)).append(text).append('\n');
    }
}
