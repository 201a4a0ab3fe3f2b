package dev.paas.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.ApiCalls;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
import dev.paas.controller.web.EndpointAccessTable.Expect;
import dev.paas.controller.web.EndpointAccessTable.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the controller maps, found at run time, called by every kind of {@link Caller} and checked against
 * {@link EndpointAccessTable}; then called again through encoded spellings of its path, which must all be refused
 * before any handler runs. An endpoint added without a row fails {@link #everyMappedEndpointHasARow()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessIT {

    /** The same as the other ITs': they share one database, where the first context to start made the admin. */
    static final String ADMIN_PASSWORD = ApiCalls.ADMIN_PASSWORD;
    static final String NODE_TOKEN = ApiCalls.NODE_TOKEN;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserRepository users;
    @Autowired
    TokenService tokenService;

    RawHttp http;
    final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "access-it");
    }

    /**
     * Three non-admin users, the owner's app shared with one of them, the join tokens, and a node and a router of the
     * default formation with their credentials.
     */
    @BeforeAll
    void fixture() throws Exception {
        http = new RawHttp(port);
        tokens.put(Caller.OWNER, tokenOf("acl-owner"));
        tokens.put(Caller.OTHER_USER, tokenOf("acl-stranger"));
        tokens.put(Caller.COLLABORATOR, tokenOf("acl-collaborator"));
        tokens.put(Caller.ADMIN, json.readTree(expect(200, "POST", "/v1/login", null,
                Map.of("username", "admin", "password", ADMIN_PASSWORD))).get("token").asText());
        tokens.put(Caller.NODE, NODE_TOKEN);
        String admin = tokens.get(Caller.ADMIN);
        expect(201, "POST", "/v1/formations", admin, Map.of("name", "acl-other"));
        tokens.put(Caller.RUNTIME_JOIN_OTHER, joinToken(admin, "acl-other", "runtime"));
        tokens.put(Caller.PROXY_JOIN, joinToken(admin, "default", "proxy"));
        tokens.put(Caller.NODE_CREDENTIAL, credential(expect(200, "POST", "/v1/nodes/register", NODE_TOKEN,
                Map.of("name", "acl-node", "address", "127.0.0.1", "formation", "default", "layer", "runtime",
                        "capacityMb", 1024))));
        tokens.put(Caller.ROUTER_CREDENTIAL, credential(expect(200, "POST", "/v1/nodes/register",
                tokens.get(Caller.PROXY_JOIN), Map.of("name", "acl-router", "address", "127.0.0.1"))));
        ensureTheAppExists();
    }

    @Test
    void everyMappedEndpointHasARow() {
        TreeSet<String> missing = new TreeSet<>(mappedEndpoints());
        EndpointAccessTable.ROWS.forEach(row -> missing.remove(row.endpoint()));
        assertThat(missing).as("endpoints without a row in EndpointAccessTable: decide who may call them").isEmpty();
        TreeSet<String> stale = new TreeSet<>();
        EndpointAccessTable.ROWS.forEach(row -> stale.add(row.endpoint()));
        stale.removeAll(mappedEndpoints());
        assertThat(stale).as("rows for endpoints that are no longer mapped").isEmpty();
    }

    @Test
    void everyCallerGetsWhatTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : EndpointAccessTable.ROWS) {
            for (Caller caller : Caller.values()) {
                RawHttp.Answer answer = call(row, EndpointAccessTable.concretePath(row) + row.query(), caller);
                if (row.endpoint().startsWith("DELETE ")) {
                    ensureTheAppExists(); // for the next caller, whom it would otherwise answer 404 for nothing
                }
                Expect expected = row.expect(caller);
                if (!matches(expected, answer)) {
                    wrong.add(row.endpoint() + " as " + caller + ": expected " + expected + ", got " + answer.status()
                            + " " + answer.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyEndpointRefusesEncodedSpellingsOfItsPath() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : EndpointAccessTable.ROWS) {
            for (String variant : EncodedPaths.of(EndpointAccessTable.concretePath(row))) {
                for (Caller caller : new Caller[] {Caller.NONE, row.anAllowedCaller().orElse(Caller.NONE)}) {
                    RawHttp.Answer answer = call(row, variant + row.query(), caller);
                    if (answer.status() != 400) {
                        wrong.add(row.endpoint() + " as " + variant + " by " + caller + ": " + answer.status());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theRouteTableIsNotServedThroughAnEncodedPath() throws Exception {
        RawHttp.Answer answer = http.send("GET", "/%761/routes?wait=0", null, null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json.readTree(answer.body()).get("message").asText()).contains("encoded 'v' (%76)");
        assertThat(http.send("GET", "/%761/routes?wait=0", tokens.get(Caller.OWNER), null).status()).isEqualTo(400);
        assertThat(http.send("GET", "/v1/routes?wait=0", null, null).status()).isEqualTo(401);
    }

    @Test
    void aNodesDesiredStateIsNotReadThroughAnEncodedPath() throws Exception {
        for (String path : List.of("/%761/nodes/acl-node/desired?wait=0", "/v1/nodes/acl-node/%64esired?wait=0",
                "/v1/%6Eodes/acl-node/desired?wait=0", "/v1/nodes/acl-node/desired;x=y?wait=0")) {
            assertThat(http.send("GET", path, null, null).status()).as(path).isEqualTo(400);
        }
    }

    @Test
    void aNodeIsNotReRegisteredThroughAnEncodedPath() throws Exception {
        String moved = json.writeValueAsString(Map.of("name", "acl-node", "address", "10.9.9.9"));
        for (String path : List.of("/%761/nodes/register", "/v1/nodes/%72egister", "/v1//nodes/register")) {
            assertThat(http.send("POST", path, null, moved).status()).as(path).isEqualTo(400);
        }
        assertThat(jdbc.queryForObject("SELECT address FROM nodes WHERE name = 'acl-node'", String.class))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void logLinesAreNotIngestedThroughAnEncodedPath() throws Exception {
        String forged = json.writeValueAsString(Map.of("lines", List.of(Map.of("app", "acl-app", "text", "acl-forged"))));
        for (String path : List.of("/%761/nodes/acl-node/logs", "/v1/nodes/acl-node/%6Cogs",
                "/%761/routers/acl-router/logs", "/v1/routers/acl-router/./logs")) {
            assertThat(http.send("POST", path, null, forged).status()).as(path).isEqualTo(400);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM log_lines WHERE text = 'acl-forged'", Integer.class)).isZero();
    }

    private RawHttp.Answer call(Row row, String target, Caller caller) throws IOException {
        String method = row.endpoint().substring(0, row.endpoint().indexOf(' ')).replace("*", "GET");
        Object body = row.body().apply(caller);
        return http.send(method, target, tokenFor(row, caller), body == null ? null : json.writeValueAsString(body));
    }

    /** A logout revokes the token it carries: a user's call to it gets a token of its own, not the shared one. */
    private String tokenFor(Row row, Caller caller) {
        if (!row.endpoint().equals("POST /v1/logout")) {
            return tokens.get(caller);
        }
        return switch (caller) {
            case OWNER -> tokenOf("acl-owner");
            case OTHER_USER -> tokenOf("acl-stranger");
            case COLLABORATOR -> tokenOf("acl-collaborator");
            case ADMIN -> tokenOf("admin");
            default -> tokens.get(caller);
        };
    }

    private static boolean matches(Expect expected, RawHttp.Answer answer) {
        boolean denied = answer.status() == 401 || answer.status() == 403
                || answer.status() == 302 && answer.location().endsWith("/login");
        return switch (expected) {
            case A -> !denied;
            case D -> denied;
            case H -> answer.status() == 404;
        };
    }

    /** "METHOD /path" of every handler method in every MVC mapping (the API, the dashboard, the actuator). */
    private TreeSet<String> mappedEndpoints() {
        TreeSet<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : methods.isEmpty() ? List.of("*") : methods) {
                        endpoints.add(method + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    private void ensureTheAppExists() throws IOException {
        if (http.send("GET", "/v1/apps/acl-app", tokens.get(Caller.ADMIN), null).status() == 404) {
            expect(201, "POST", "/v1/apps", tokens.get(Caller.OWNER), Map.of("name", "acl-app"));
            expect(201, "POST", "/v1/apps/acl-app/access", tokens.get(Caller.OWNER), Map.of("username", "acl-collaborator"));
        }
    }

    private String tokenOf(String username) {
        User user = users.findByUsername(username).orElseGet(() -> users.save(new User(username, "no-password", false)));
        return tokenService.issue(user);
    }

    private String credential(String registered) throws IOException {
        return json.readTree(registered).get("credential").asText();
    }

    private String joinToken(String admin, String formation, String layer) throws IOException {
        return json.readTree(expect(201, "POST", "/v1/formations/" + formation + "/join-tokens", admin,
                Map.of("layer", layer))).get("token").asText();
    }

    private String expect(int status, String method, String path, String bearer, Object body) throws IOException {
        RawHttp.Answer answer = http.send(method, path, bearer, body == null ? null : json.writeValueAsString(body));
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        return answer.body();
    }

}
