package dev.paas.controller.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.formation.JoinTokens;
import dev.paas.controller.node.NodeCredentials;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.user.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication for /v1, decided on the {@link RoutedPath} (the path Spring MVC matches, after
 * {@link RequestFirewall} refused every ambiguous one) and deny-by-default: every /v1 path needs a token but
 * {@link RoutedPath#isPublic() login}. Users present a login token; node-agents and routers register with the
 * cluster's node token or a join token, either of which opens registration and nothing else, and then present the
 * credential of their own node that the registration answered, which speaks only for that node. A join token also
 * decides the formation and layer its holder joins (see {@link JoinGrants}).
 */
@Component
class AuthFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final PaasProperties properties;
    private final ObjectMapper json;
    private final JoinTokens joinTokens;
    private final NodeCredentials nodeCredentials;

    AuthFilter(TokenService tokens, PaasProperties properties, ObjectMapper json, JoinTokens joinTokens,
               NodeCredentials nodeCredentials) {
        this.tokens = tokens;
        this.nodeCredentials = nodeCredentials;
        this.joinTokens = joinTokens;
        this.properties = properties;
        this.json = json;
    }

    /** Outside /v1 is the dashboard (Spring Security's session chain) and the health endpoint. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        RoutedPath path = RoutedPath.of(request);
        return !path.isApi() || path.isPublic();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RoutedPath path = RoutedPath.of(request);
        String token = bearer(request);
        if (token == null) {
            deny(response, "Missing token: log in with 'paas login URL'.");
            return;
        }
        if (path.isNodeEndpoint()) {
            if (token.startsWith(NodeCredentials.PREFIX)) {
                if (!ownNodeOnly(path, request, response, token)) {
                    return;
                }
            } else if (!registrationOnly(path, request, response, token)) {
                return;
            }
        } else {
            Optional<User> user = tokens.userForToken(token);
            if (user.isEmpty()) {
                deny(response, "Your token was rejected: run 'paas login' again.");
                return;
            }
            CurrentUser.set(request, user.get());
        }
        chain.doFilter(request, response);
    }

    /**
     * The node token and a join token register a node and do nothing else: after registering, a node speaks with the
     * credential the registration answered, so a token holder cannot read or report for a node that already runs.
     */
    private boolean registrationOnly(RoutedPath path, HttpServletRequest request, HttpServletResponse response,
                                     String token) throws IOException {
        Optional<JoinTokens.Grant> grant = Optional.empty();
        if (!nodeTokenMatches(token)) {
            JoinTokens.Presented presented = joinTokens.find(token);
            if (presented.grant().isEmpty()) {
                deny(response, presented.refusal());
                return false;
            }
            grant = presented.grant();
        }
        if (!path.isRegistration()) {
            deny(response, HttpServletResponse.SC_FORBIDDEN, (grant.isPresent() ? "A join token" : "The node token")
                    + " only registers a node (POST /v1/nodes/register): a node speaks with the credential its"
                    + " registration answered (pnc_...) from then on.");
            return false;
        }
        grant.ifPresent(g -> JoinGrants.set(request, g));
        return true;
    }

    /** A node credential speaks only for its own node, registers nothing, and opens the router endpoints of routers. */
    private boolean ownNodeOnly(RoutedPath path, HttpServletRequest request, HttpServletResponse response, String token)
            throws IOException {
        if (path.isRegistration()) {
            deny(response, HttpServletResponse.SC_FORBIDDEN, "A node credential does not register: a node registers"
                    + " with its join token (or the cluster's node token) and gets a new credential.");
            return false;
        }
        NodeCredentials.Presented presented = nodeCredentials.find(token);
        if (presented.identity().isEmpty()) {
            deny(response, presented.refusal());
            return false;
        }
        NodeCredentials.Identity node = presented.identity().get();
        String named = path.node(request).orElse(node.node());
        if (!named.equals(node.node())) {
            deny(response, HttpServletResponse.SC_FORBIDDEN, "This credential is node '" + node.node()
                    + "''s: it speaks only for " + node.node() + ", not for '" + named + "'.");
            return false;
        }
        if (path.isRouterEndpoint() && !node.layer().equals("proxy")) {
            deny(response, HttpServletResponse.SC_FORBIDDEN, "Node '" + node.node() + "' is in the " + node.layer()
                    + " layer: only routers (proxy layer) read routes.");
            return false;
        }
        node.grant().ifPresent(grant -> JoinGrants.set(request, grant));
        return true;
    }

    private boolean nodeTokenMatches(String token) {
        String expected = properties.nodeToken();
        return expected != null && !expected.isEmpty() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private void deny(HttpServletResponse response, String message) throws IOException {
        deny(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    private void deny(HttpServletResponse response, int status, String message) throws IOException {
        ErrorResponses.write(json, response, status, message);
    }
}
