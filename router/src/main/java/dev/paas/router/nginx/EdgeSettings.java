package dev.paas.router.nginx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.paas.api.RouteTable.Edge;
import dev.paas.api.RouteTable.Route;

/**
 * An app's edge settings as the router will render them: a value out of bounds is dropped (the router's default
 * serves) and noted, like an invalid domain. The controller checks the same bounds; the router checks again because
 * what it writes into nginx's configuration must be safe whatever the table says.
 */
final class EdgeSettings {

    static final int MAX_BODY_MB = 10_240;
    static final int MAX_READ_TIMEOUT_SECONDS = 3_600;
    static final int MAX_PAGE_BYTES = 64 * 1024;

    private EdgeSettings() {
    }

    static Edge checked(Route route, List<String> skipped) {
        Edge edge = route.edge();
        if (edge == null) {
            return Edge.DEFAULTS;
        }
        Integer body = edge.maxBodyMb();
        if (body != null && (body < 1 || body > MAX_BODY_MB)) {
            skipped.add("app " + route.app() + ": body limit " + body + " MB is out of 1 to " + MAX_BODY_MB);
            body = null;
        }
        Integer timeout = edge.readTimeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > MAX_READ_TIMEOUT_SECONDS)) {
            skipped.add("app " + route.app() + ": read timeout " + timeout + " s is out of 1 to "
                    + MAX_READ_TIMEOUT_SECONDS);
            timeout = null;
        }
        String page = edge.maintenancePage();
        if (page != null && page.getBytes(StandardCharsets.UTF_8).length > MAX_PAGE_BYTES) {
            skipped.add("app " + route.app() + ": maintenance page is larger than " + MAX_PAGE_BYTES + " bytes");
            page = null;
        }
        return new Edge(edge.maintenance(), edge.maintenance() ? page : null, body, timeout);
    }

    static String base64(String page) {
        return Base64.getEncoder().encodeToString(page.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String page) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(page.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
