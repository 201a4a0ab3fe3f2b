package dev.paas.controller.web;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The path as Spring MVC matches it against its mappings: parsed from the request URI the way
 * {@code ServletRequestPathUtils} does, each segment decoded and stripped of {@code ;} parameters. Access is decided
 * on this, never on the raw URI, so that the rule and the handler always agree on which endpoint a request is.
 */
record RoutedPath(String value) {

    /** The only /v1 paths anyone may call without a token. */
    private static final Set<String> PUBLIC = Set.of("/v1/login");

    static RoutedPath of(HttpServletRequest request) {
        RequestPath parsed = RequestPath.parse(request.getRequestURI(), request.getContextPath());
        StringBuilder path = new StringBuilder();
        for (PathContainer.Element element : parsed.pathWithinApplication().elements()) {
            path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return new RoutedPath(path.toString());
    }

    boolean isApi() {
        return value.equals("/v1") || value.startsWith("/v1/");
    }

    boolean isPublic() {
        return PUBLIC.contains(value);
    }

    /** Node-agents' and routers' endpoints: a node's credential (a token only registers), never a user's token. */
    boolean isNodeEndpoint() {
        return value.startsWith("/v1/nodes/") || isRouterEndpoint();
    }

    /** The one node endpoint a join token or the node token opens: the node gets its credential there. */
    boolean isRegistration() {
        return value.equals("/v1/nodes/register");
    }

    boolean isRouterEndpoint() {
        return value.equals("/v1/routes") || value.startsWith("/v1/routers/");
    }

    /**
     * The node named in /v1/nodes/{node}/... or /v1/routers/{router}/... (a joined router is a proxy node of the
     * same name), or by a router's X-Paas-Router header on /v1/routes, if the request names one.
     */
    Optional<String> node(HttpServletRequest request) {
        if (value.equals("/v1/routes")) {
            return Optional.ofNullable(request.getHeader("X-Paas-Router"));
        }
        String[] parts = value.split("/");
        return parts.length >= 5 && (parts[2].equals("nodes") || parts[2].equals("routers"))
                ? Optional.of(parts[3]) : Optional.empty();
    }
}
