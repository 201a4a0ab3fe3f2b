package dev.paas.router.nginx;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.paas.api.RouteTable.Backend;

/**
 * What may reach the nginx configuration from the route table. Everything is matched against a whitelist, never
 * escaped: a name that is not plainly valid is refused, so no quote, brace, semicolon, space or variable can ever
 * be injected.
 */
final class Names {

    /** Reserved (RFC 2606) for the router's own probe requests, so it can never collide with an app's domain. */
    static final String PROBE_HOST = "paas-router-probe.invalid";

    private static final Pattern APP = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private Names() {
    }

    static boolean isAppName(String app) {
        return app != null && APP.matcher(app).matches();
    }

    /** The domain in lower case, or empty when it is not a plain host name. Wildcards are not supported. */
    static Optional<String> domain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > 253) {
            return Optional.empty();
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".invalid") || lower.endsWith(".")) {
            return Optional.empty();
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(lower);
    }

    /**
     * The backend as an upstream {@code server} address, or empty when invalid. Only IP literals are accepted: nginx
     * resolves host names once, at reload, and a name it cannot resolve would fail the whole configuration.
     */
    static Optional<String> backend(Backend backend) {
        if (backend == null || backend.port() < 1 || backend.port() > 65535 || backend.host() == null) {
            return Optional.empty();
        }
        String host = backend.host();
        if (ListenAddress.isValidHost(host) && !host.equals("*") && !host.startsWith("[")) {
            return Optional.of(host + ":" + backend.port());
        }
        if (IPV6.matcher(host).matches()) {
            return Optional.of("[" + host + "]:" + backend.port());
        }
        return Optional.empty();
    }
}
