package dev.paas.controller.edge;

import java.nio.charset.StandardCharsets;

import dev.paas.api.EdgeView;
import dev.paas.api.LimitsRequest;
import dev.paas.api.MaintenanceRequest;
import dev.paas.api.RouteTable.Edge;

/**
 * What a maintenance or limits request makes of an app's settings, or why it is refused. Pure: the bounds are the
 * router's (it checks them again before writing nginx's configuration).
 */
final class EdgeRules {

    /** nginx's client_max_body_size as the router's nginx.conf sets it for every app. */
    static final int DEFAULT_BODY_MB = 100;
    /** nginx's proxy_read_timeout default. */
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;
    static final int MAX_BODY_MB = 10_240;
    static final int MAX_READ_TIMEOUT_SECONDS = 3_600;
    static final int MAX_PAGE_BYTES = 64 * 1024;

    /** The new settings, or the reason the request is refused. */
    record Outcome(Edge edge, String problem) {
    }

    private EdgeRules() {
    }

    static Outcome maintenance(Edge current, MaintenanceRequest request) {
        String page = current.maintenancePage();
        if (request.page() != null) {
            int bytes = request.page().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PAGE_BYTES) {
                return new Outcome(current, "The maintenance page is " + bytes + " bytes; at most " + MAX_PAGE_BYTES
                        + " are allowed: keep images and styles outside it.");
            }
            page = request.page().isEmpty() ? null : request.page();
        }
        return new Outcome(new Edge(request.on(), page, current.maxBodyMb(), current.readTimeoutSeconds()), null);
    }

    static Outcome limits(Edge current, LimitsRequest request) {
        Integer body = current.maxBodyMb();
        Integer timeout = current.readTimeoutSeconds();
        if (request.maxBodyMb() != null) {
            if (request.maxBodyMb() < 0 || request.maxBodyMb() > MAX_BODY_MB) {
                return new Outcome(current, "The body limit must be from 1 to " + MAX_BODY_MB
                        + " MB (0 puts back the default, " + DEFAULT_BODY_MB + " MB).");
            }
            body = request.maxBodyMb() == 0 ? null : request.maxBodyMb();
        }
        if (request.readTimeoutSeconds() != null) {
            if (request.readTimeoutSeconds() < 0 || request.readTimeoutSeconds() > MAX_READ_TIMEOUT_SECONDS) {
                return new Outcome(current, "The read timeout must be from 1 to " + MAX_READ_TIMEOUT_SECONDS
                        + " seconds (0 puts back the default, " + DEFAULT_READ_TIMEOUT_SECONDS + " s).");
            }
            timeout = request.readTimeoutSeconds() == 0 ? null : request.readTimeoutSeconds();
        }
        return new Outcome(new Edge(current.maintenance(), current.maintenancePage(), body, timeout), null);
    }

    static EdgeView view(String app, Edge edge) {
        String page = edge.maintenancePage();
        return new EdgeView(app, edge.maintenance(), page != null,
                page == null ? 0 : page.getBytes(StandardCharsets.UTF_8).length,
                edge.maxBodyMb() == null ? DEFAULT_BODY_MB : edge.maxBodyMb(), edge.maxBodyMb() == null,
                edge.readTimeoutSeconds() == null ? DEFAULT_READ_TIMEOUT_SECONDS : edge.readTimeoutSeconds(),
                edge.readTimeoutSeconds() == null);
    }
}
