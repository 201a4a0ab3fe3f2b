package dev.paas.controller.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may call each endpoint: one row per mapped method and path, one column per {@link Caller}. {@code A} allowed
 * (the handler answers, 404 or 4xx for a missing object included), {@code D} denied (401 or 403, or the dashboard's
 * redirect to its sign-in page: a bearer token is no dashboard session), {@code H} hidden (404: another user's app
 * is answered as if it did not exist). The bodies are valid JSON for the endpoint but change nothing that matters,
 * so that the handler's own checks run (a missing body would answer 400 before them).
 */
final class EndpointAccessTable {

    /** The values that {@link EndpointAccessIT} puts in place of each path variable. */
    static final Map<String, String> PATH_VARIABLES = Map.of("{app}", "acl-app", "{name}", "acl-app",
            "{node}", "acl-node", "{router}", "acl-router", "{formation}", "acl-other", "{id}", "999999",
            "{version}", "v1", "{hostname}", "www.acl.example", "{username}", "acl-no-such-user", "/**", "/ping");

    record Row(String endpoint, String query, String rules, Function<Caller, Object> body) {

        Expect expect(Caller caller) {
            return Expect.valueOf(rules.split("\\s+")[caller.ordinal()]);
        }

        /** The caller whose token the handler would obey, to prove an encoded path is refused even for them. */
        Optional<Caller> anAllowedCaller() {
            return Arrays.stream(Caller.values()).filter(c -> c != Caller.NONE && expect(c) == Expect.A).findFirst();
        }
    }

    enum Expect { A, D, H }

    private static final Map<String, Object> LOGIN = Map.of("username", "admin", "password", EndpointAccessIT.ADMIN_PASSWORD);
    private static final Map<String, Object> NO_LINES = Map.of("lines", List.of());

    static final List<Row> ROWS = List.of(
            //                                                      none other owner collab admin node runtime proxy nodecred routercred
            row("POST /v1/login", "",                               "A    A     A     A      A     A    A       A     A        A", LOGIN),
            row("POST /v1/logout", "",                              "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/whoami", "",                               "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/ssh", "",                                  "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/keys", "",                                 "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/keys", "",                                "D    A     A     A      A     D    D       D     D        D",
                    Map.of("publicKey", "not a key")),
            row("DELETE /v1/keys", "?key=acl-no-such-key",          "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps", "",                                 "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps", "",                                "D    A     A     A      A     D    D       D     D        D",
                    Map.of("name", "Bad_Name")),
            row("GET /v1/apps/{name}", "",                          "D    H     A     A      A     D    D       D     D        D", null),
            // Only the owner or an admin destroys an app or changes who has access; a collaborator is told so.
            row("DELETE /v1/apps/{name}", "",                       "D    H     A     D      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/access", "",                    "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/access", "",                   "D    H     A     D      A     D    D       D     D        D",
                    Map.of("username", "acl-no-such-user")),
            row("DELETE /v1/apps/{app}/access/{username}", "",      "D    H     A     D      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/config", "",                    "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/config", "",                   "D    H     A     A      A     D    D       D     D        D",
                    Map.of("unset", List.of("ACL_NEVER_SET"))),
            row("GET /v1/apps/{app}/ps", "",                        "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/scale", "",                    "D    H     A     A      A     D    D       D     D        D",
                    Map.of("counts", Map.of("web", 1))),
            row("GET /v1/apps/{app}/releases", "",                  "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/releases/{version}", "",        "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/rollback", "",                 "D    H     A     A      A     D    D       D     D        D",
                    Map.of("version", 99)),
            // Whoever may deploy both apps; the fixture's app to itself is a 422 for them.
            row("POST /v1/apps/{app}/promote", "",                  "D    H     A     A      A     D    D       D     D        D",
                    Map.of("to", "acl-app")),
            row("POST /v1/apps/{app}/restart", "",                  "D    H     A     A      A     D    D       D     D        D", Map.of()),
            row("GET /v1/apps/{app}/limits", "",                    "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/limits", "",                   "D    H     A     A      A     D    D       D     D        D",
                    Map.of("memory", Map.of("web", "1M"))),
            row("POST /v1/apps/{app}/ps/stop", "",                  "D    H     A     A      A     D    D       D     D        D",
                    Map.of("types", List.of("acl-no-such-type"))),
            row("POST /v1/apps/{app}/ps/start", "",                 "D    H     A     A      A     D    D       D     D        D",
                    Map.of("types", List.of("acl-no-such-type"))),
            row("GET /v1/apps/{app}/healthchecks", "",              "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/healthchecks", "",             "D    H     A     A      A     D    D       D     D        D", Map.of()),
            row("GET /v1/apps/{app}/builds", "",                    "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/builds/{id}", "",               "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/build-cache", "",               "D    H     A     A      A     D    D       D     D        D", null),
            row("DELETE /v1/apps/{app}/build-cache", "",            "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/run", "",                      "D    H     A     A      A     D    D       D     D        D",
                    Map.of("command", List.of("true"))),
            row("GET /v1/apps/{app}/cron", "",                      "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/cron/{name}/run", "",          "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/logs", "?n=1",                  "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/domains", "",                   "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/domains", "",                  "D    H     A     A      A     D    D       D     D        D",
                    Map.of("hostname", "bad_name.example")),
            row("DELETE /v1/apps/{app}/domains/{hostname}", "",     "D    H     A     A      A     D    D       D     D        D", null),
            // Maintenance off and no limits given change nothing: the call answers without waiting for routers.
            row("GET /v1/apps/{app}/maintenance", "",               "D    H     A     A      A     D    D       D     D        D", null),
            row("PUT /v1/apps/{app}/maintenance", "",               "D    H     A     A      A     D    D       D     D        D",
                    Map.of("on", false)),
            row("GET /v1/apps/{app}/router-limits", "",             "D    H     A     A      A     D    D       D     D        D", null),
            row("PUT /v1/apps/{app}/router-limits", "",             "D    H     A     A      A     D    D       D     D        D",
                    Map.of()),
            // Certificates: bodies that fail the checks, so nothing is stored; no private key is ever answered.
            row("GET /v1/apps/{app}/certs", "",                     "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/certs", "",                    "D    H     A     A      A     D    D       D     D        D",
                    Map.of("certificate", "not a certificate", "privateKey", "not a key")),
            row("DELETE /v1/apps/{app}/certs", "?domain=www.acl.example", "D H  A     A      A     D    D       D     D        D", null),
            // Automatic certificates: the tests' controller has no ACME directory, so enabling is refused, changing nothing.
            row("GET /v1/apps/{app}/certs/auto", "",                "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/apps/{app}/certs/auto", "",               "D    H     A     A      A     D    D       D     D        D", null),
            row("DELETE /v1/apps/{app}/certs/auto", "",             "D    H     A     A      A     D    D       D     D        D", null),
            row("GET /v1/apps/{app}/https", "",                     "D    H     A     A      A     D    D       D     D        D", null),
            row("PUT /v1/apps/{app}/https", "",                     "D    H     A     A      A     D    D       D     D        D",
                    Map.of()),
            row("GET /v1/platform/cert", "",                        "D    A     A     A      A     D    D       D     D        D", null),
            row("PUT /v1/platform/cert", "",                        "D    D     D     D      A     D    D       D     D        D",
                    Map.of("certificate", "not a certificate", "privateKey", "not a key")),
            // Add-ons: an app's list is the app's; one add-on is its owner's, an admin's, or its attached apps' users'
            // (anyone else gets the 404 of a name that does not exist, as every caller does for {name} here).
            row("GET /v1/apps/{app}/addons", "",                    "D    H     A     A      A     D    D       D     D        D", null),
            row("POST /v1/addons", "",                              "D    A     A     A      A     D    D       D     D        D",
                    Map.of("type", "acl-no-such-type", "app", "acl-app")),
            row("GET /v1/addons/{name}", "",                        "D    A     A     A      A     D    D       D     D        D", null),
            row("DELETE /v1/addons/{name}", "?confirm=acl-app",     "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/addons/{name}/attachments", "",           "D    A     A     A      A     D    D       D     D        D",
                    Map.of("app", "acl-app")),
            row("DELETE /v1/addons/{name}/attachments/{app}", "",   "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/addons/{name}/credentials/rotate", "",    "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/addons/{name}/backups", "",                "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/addons/{name}/backups", "",               "D    A     A     A      A     D    D       D     D        D", null),
            row("POST /v1/addons/{name}/backups/{id}/restore", "",  "D    A     A     A      A     D    D       D     D        D", null),
            row("GET /v1/addons/{name}/backups/{id}/download", "",  "D    A     A     A      A     D    D       D     D        D", null),
            row("PUT /v1/addons/{name}/backups/schedule", "",       "D    A     A     A      A     D    D       D     D        D",
                    Map.of("at", "02:00", "keep", 7)),
            row("GET /v1/users", "",                                "D    D     D     D      A     D    D       D     D        D", null),
            row("POST /v1/users", "",                               "D    D     D     D      A     D    D       D     D        D",
                    Map.of("username", "Bad_Name", "password", "not-used-at-all")),
            row("DELETE /v1/users/{username}", "",                  "D    D     D     D      A     D    D       D     D        D", null),
            // A user reads their own quotas (the fixture's user is none of the callers); only admins set them.
            row("GET /v1/users/{username}/quotas", "",              "D    D     D     D      A     D    D       D     D        D", null),
            row("POST /v1/users/{username}/quotas", "",             "D    D     D     D      A     D    D       D     D        D",
                    Map.of("limits", Map.of("apps", 1))),
            row("GET /v1/nodes", "",                                "D    D     D     D      A     D    D       D     D        D", null),
            row("POST /v1/drains", "",                              "D    D     D     D      A     D    D       D     D        D",
                    Map.of("node", "acl-no-such-node")),
            row("GET /v1/formations", "",                           "D    D     D     D      A     D    D       D     D        D", null),
            row("POST /v1/formations", "",                          "D    D     D     D      A     D    D       D     D        D",
                    Map.of("name", "Bad_Name")),
            row("POST /v1/formations/{formation}/join-tokens", "",  "D    D     D     D      A     D    D       D     D        D",
                    Map.of("layer", "storage")),
            row("GET /v1/formations/{formation}/limits", "",        "D    D     D     D      A     D    D       D     D        D", null),
            row("POST /v1/formations/{formation}/limits", "",       "D    D     D     D      A     D    D       D     D        D",
                    Map.of("overcommit", "99")),
            row("GET /v1/join-tokens", "",                          "D    D     D     D      A     D    D       D     D        D", null),
            row("DELETE /v1/join-tokens/{id}", "",                  "D    D     D     D      A     D    D       D     D        D", null),
            // The node token and each join token register a new node (of the token's own formation and layer) and do
            // nothing else: a node speaks with its credential after that, and a credential registers nothing.
            new Row("POST /v1/nodes/register", "",                  "D    D     D     D      D     A    A       A     D        D",
                    caller -> Map.of("name", "acl-reg-" + caller.ordinal(), "address", "127.0.0.1")),
            row("GET /v1/nodes/{node}/desired", "?wait=0",          "D    D     D     D      D     D    D       D     A        D", null),
            row("PUT /v1/nodes/{node}/observed", "",                "D    D     D     D      D     D    D       D     A        D",
                    Map.of("containers", List.of())),
            row("POST /v1/nodes/{node}/logs", "",                   "D    D     D     D      D     D    D       D     A        D", NO_LINES),
            row("GET /v1/routes", "?wait=0",                        "D    D     D     D      D     D    D       D     D        A", null),
            // A version no table reaches, so that no later change waits for this router to catch up.
            row("POST /v1/routers/{router}/applied", "",            "D    D     D     D      D     D    D       D     D        A",
                    Map.of("version", Long.MAX_VALUE)),
            row("POST /v1/routers/{router}/logs", "",               "D    D     D     D      D     D    D       D     D        A", NO_LINES),
            // Only a router's own credential reads key material (404 here: no such certificate).
            row("GET /v1/routers/{router}/certs/{id}", "",          "D    D     D     D      D     D    D       D     D        A", null),
            // The dashboard signs in with a session at /login, never with a bearer token.
            row("GET /login", "",                                   "A    A     A     A      A     A    A       A     A        A", null),
            row("GET /", "",                                        "D    D     D     D      D     D    D       D     D        D", null),
            row("GET /apps/{app}", "",                              "D    D     D     D      D     D    D       D     D        D", null),
            row("GET /apps/{app}/builds/{id}", "",                  "D    D     D     D      D     D    D       D     D        D", null),
            row("GET /apps/{app}/logs/stream", "",                  "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/config", "",                      "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/config/unset", "",                "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/scale", "",                       "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/rollback", "",                    "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/domains", "",                     "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/domains/remove", "",              "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/addons", "",                      "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/addons/attach", "",               "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/addons/detach", "",               "D    D     D     D      D     D    D       D     D        D", null),
            row("POST /apps/{app}/addons/backup", "",               "D    D     D     D      D     D    D       D     D        D", null),
            // Spring Boot's error page and the health check answer anyone.
            row("* /error", "",                                     "A    A     A     A      A     A    A       A     A        A", null),
            row("GET /actuator", "",                                "A    A     A     A      A     A    A       A     A        A", null),
            row("GET /actuator/health", "",                         "A    A     A     A      A     A    A       A     A        A", null),
            row("GET /actuator/health/**", "",                      "A    A     A     A      A     A    A       A     A        A", null));

    private EndpointAccessTable() {
    }

    private static Row row(String endpoint, String query, String rules, Object body) {
        return new Row(endpoint, query, rules, caller -> body);
    }

    static Optional<Row> find(String endpoint) {
        return ROWS.stream().filter(r -> r.endpoint().equals(endpoint)).findFirst();
    }

    /** The endpoint's path with every variable replaced by the fixture's value, and its query. */
    static String concretePath(Row row) {
        String path = row.endpoint().substring(row.endpoint().indexOf(' ') + 1);
        for (Map.Entry<String, String> variable : PATH_VARIABLES.entrySet()) {
            path = path.replace(variable.getKey(), variable.getValue());
        }
        if (path.contains("{") || path.contains("*")) {
            throw new AssertionError(row.endpoint() + ": add its path variable to EndpointAccessTable.PATH_VARIABLES");
        }
        return path;
    }
}
