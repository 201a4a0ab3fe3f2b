package dev.paas.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST API against real PostgreSQL with the Flyway schema: auth, apps, keys, and the node and router
 * protocol that turns observed containers into routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerApiIT {

    static final String NODE_TOKEN = ApiCalls.NODE_TOKEN;
    static Path dataDir;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    ApiCalls api;
    String token;
    String router;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = ApiCalls.properties(registry, "controller-it");
    }

    @BeforeAll
    void login() throws Exception {
        api = new ApiCalls(port, json);
        JsonNode answer = api.call("POST", "/v1/login", null, Map.of("username", "admin", "password", "admin-pw"), 200);
        token = answer.get("token").asText();
        assertThat(token).hasSizeGreaterThan(30);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        List<String> hashes = jdbc.queryForList("SELECT token_hash FROM api_tokens", String.class);
        assertThat(hashes).isNotEmpty().doesNotContain(token);
    }

    @Test
    void refusesRequestsWithoutAValidToken() throws Exception {
        assertThat(api.call("GET", "/v1/apps", null, null, 401).get("message").asText()).contains("paas login");
        assertThat(api.call("GET", "/v1/apps", "wrong", null, 401).get("message").asText()).contains("rejected");
        api.call("POST", "/v1/login", null, Map.of("username", "admin", "password", "nope"), 401);
        api.call("GET", "/v1/nodes/x/desired", token, null, 401);
    }

    @Test
    void createsListsAndDestroysAnAppWithItsRepository() throws Exception {
        JsonNode created = api.call("POST", "/v1/apps", token, Map.of("name", "api-hello"), 201);
        assertThat(created.get("gitUrl").asText()).endsWith("/api-hello.git").startsWith("ssh://git@127.0.0.1:");
        assertThat(created.get("webUrl").asText()).isEqualTo("http://api-hello.localhost:8080");
        assertThat(dataDir.resolve("repos/api-hello.git/HEAD")).exists();
        assertThat(api.call("GET", "/v1/apps", token, null, 200).findValuesAsText("name")).contains("api-hello");

        assertThat(api.call("POST", "/v1/apps", token, Map.of("name", "api-hello"), 409).get("message").asText())
                .contains("already taken");
        assertThat(api.call("POST", "/v1/apps", token, Map.of("name", "Bad_Name"), 422).get("message").asText())
                .contains("'Bad_Name' is invalid");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM apps WHERE name = 'bad_name' OR name = 'Bad_Name'", Integer.class)).isZero();

        api.call("DELETE", "/v1/apps/api-hello", token, null, 204);
        assertThat(dataDir.resolve("repos/api-hello.git")).doesNotExist();
        assertThat(api.call("GET", "/v1/apps/api-hello", token, null, 404).get("message").asText()).contains("not found");
    }

    @Test
    void registersSshKeysOnceWithTheirFingerprint() throws Exception {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdDOTbzJrMoIsUtWW5gPD9z7GtvlEBtZg7mSBhgcRqc me@laptop";
        JsonNode added = api.call("POST", "/v1/keys", token, Map.of("publicKey", key), 201);
        assertThat(added.get("fingerprint").asText()).startsWith("SHA256:");
        assertThat(added.get("comment").asText()).isEqualTo("me@laptop");
        assertThat(api.call("POST", "/v1/keys", token, Map.of("publicKey", key), 409).get("message").asText())
                .contains("already registered");
        assertThat(api.call("POST", "/v1/keys", token, Map.of("publicKey", "not a key"), 400).get("message").asText())
                .contains("SSH public key");

        String fingerprint = added.get("fingerprint").asText();
        api.call("DELETE", "/v1/keys?key=" + java.net.URLEncoder.encode(fingerprint, java.nio.charset.StandardCharsets.UTF_8),
                token, null, 204);
        assertThat(api.call("GET", "/v1/keys", token, null, 200).findValuesAsText("fingerprint")).doesNotContain(fingerprint);
        assertThat(api.call("DELETE", "/v1/keys?key=me@laptop", token, null, 404).get("message").asText())
                .contains("no SSH key 'me@laptop'");
    }

    @Test
    void automaticCertificatesAreRefusedWithoutAnAcmeDirectoryAndChangeNothing() throws Exception {
        api.call("POST", "/v1/apps", token, Map.of("name", "acme-off"), 201);
        // Written directly: adding it through the API would wait for routers some other test of this class registered.
        jdbc.update("INSERT INTO domains (app_id, hostname, created_by) SELECT id, 'www.acme-off.example', 'admin'"
                + " FROM apps WHERE name = 'acme-off'");

        JsonNode refused = api.call("POST", "/v1/apps/acme-off/certs/auto", token, null, 422);
        JsonNode status = api.call("GET", "/v1/apps/acme-off/certs/auto", token, null, 200);

        assertThat(refused.get("message").asText()).startsWith("Automatic certificates are not set up on this platform:"
                + " an admin sets the ACME directory URL (PAAS_ACME_DIRECTORY)");
        assertThat(status.get("enabled").asBoolean()).isFalse();
        assertThat(status.get("domains").toString()).isEqualTo("[\"www.acme-off.example\"]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM acme_apps a JOIN apps p ON p.id = a.app_id"
                + " WHERE p.name = 'acme-off'", Integer.class)).isZero();
        api.call("DELETE", "/v1/apps/acme-off/certs/auto", token, null, 404);
    }

    @Test
    void domainsAreValidatedOwnedByOneAppRoutedAndRemovedWithTheApp() throws Exception {
        api.call("POST", "/v1/apps", token, Map.of("name", "dom-one"), 201);
        api.call("POST", "/v1/apps", token, Map.of("name", "dom-two"), 201);
        // A current release with a web type makes dom-one appear in the route table (no build runs in this test).
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = 'dom-one'", Long.class);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by, process_types)"
                + " VALUES (?, 'abc', 'succeeded', 'img', 'admin', '{\"web\": \"python3 app.py\"}') RETURNING id",
                Long.class, appId);
        jdbc.update("INSERT INTO releases (app_id, version, build_id, summary, created_by, status)"
                + " VALUES (?, 1, ?, 'Deploy abc', 'admin', 'succeeded')", appId, buildId);

        JsonNode added = api.call("POST", "/v1/apps/dom-one/domains", token, Map.of("hostname", "WWW.Example.com."), 201);
        assertThat(added.get("hostname").asText()).isEqualTo("www.example.com");
        assertThat(added.get("type").asText()).isEqualTo("custom");
        api.call("POST", "/v1/apps/dom-one/domains", token, Map.of("hostname", "api.example.com"), 201);
        JsonNode listed = api.call("GET", "/v1/apps/dom-one/domains", token, null, 200);
        assertThat(listed.findValuesAsText("hostname")).containsExactly("dom-one.localhost", "api.example.com", "www.example.com");
        assertThat(listed.get(0).get("type").asText()).isEqualTo("default");
        assertThat(routeDomains("dom-one")).containsExactly("dom-one.localhost", "api.example.com", "www.example.com");

        assertThat(api.call("POST", "/v1/apps/dom-two/domains", token, Map.of("hostname", "www.example.com"), 409)
                .get("message").asText()).contains("already used by app dom-one");
        assertThat(api.call("POST", "/v1/apps/dom-one/domains", token, Map.of("hostname", "www.example.com"), 409)
                .get("message").asText()).contains("already a domain of dom-one");
        assertThat(api.call("POST", "/v1/apps/dom-two/domains", token, Map.of("hostname", "bad_name.com"), 422)
                .get("message").asText()).contains("'bad_name.com' is invalid");
        assertThat(api.call("POST", "/v1/apps/dom-two/domains", token, Map.of("hostname", "dom-one.localhost"), 422)
                .get("message").asText()).contains("platform's own domain");
        assertThat(api.call("DELETE", "/v1/apps/dom-one/domains/dom-one.localhost", token, null, 422)
                .get("message").asText()).contains("default domain of dom-one");
        assertThat(api.call("DELETE", "/v1/apps/dom-two/domains/www.example.com", token, null, 404)
                .get("message").asText()).contains("not a domain of dom-two");
        assertThat(api.call("GET", "/v1/apps/dom-two/domains", token, null, 200).findValuesAsText("hostname"))
                .containsExactly("dom-two.localhost");

        api.call("DELETE", "/v1/apps/dom-one/domains/API.example.com", token, null, 204);
        assertThat(routeDomains("dom-one")).containsExactly("dom-one.localhost", "www.example.com");

        api.call("DELETE", "/v1/apps/dom-one", token, null, 204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domains WHERE hostname = 'www.example.com'", Integer.class)).isZero();
        api.call("POST", "/v1/apps/dom-two/domains", token, Map.of("hostname", "www.example.com"), 201);
        api.call("DELETE", "/v1/apps/dom-two", token, null, 204);
    }

    private void report(String node, String credential, String container, String state, int hostPort)
            throws Exception {
        api.call("PUT", "/v1/nodes/" + node + "/observed", credential, Map.of("containers",
                List.of(Map.of("name", container, "dockerId", "d0c", "state", state, "hostPort", hostPort))), 204);
    }

    /** The credential of a router on the node token: it reads every formation's routes. */
    private String router() throws Exception {
        if (router == null) {
            router = api.registerNode(NODE_TOKEN, Map.of("name", "it-router", "address", "127.0.0.1", "layer", "proxy"));
        }
        return router;
    }

    /** The backends of one app in the route table, as host:port; empty when the app has a route without any. */
    private List<String> backends(String app) throws Exception {
        for (JsonNode route : api.call("GET", "/v1/routes?since=-1&wait=0", router(), null, 200).get("routes")) {
            if (route.get("app").asText().equals(app)) {
                List<String> found = new java.util.ArrayList<>();
                route.get("backends").forEach(b -> found.add(b.get("host").asText() + ":" + b.get("port").asInt()));
                return found;
            }
        }
        throw new AssertionError(app + " is not in the route table");
    }

    private List<String> routeDomains(String app) throws Exception {
        for (JsonNode route : api.call("GET", "/v1/routes?since=-1&wait=0", router(), null, 200).get("routes")) {
            if (route.get("app").asText().equals(app)) {
                return json.convertValue(route.get("domains"), json.getTypeFactory().constructCollectionType(List.class, String.class));
            }
        }
        throw new AssertionError(app + " is not in the route table");
    }

    @Test
    void logoutRevokesTheTokenOnTheServer() throws Exception {
        String second = api.login("admin", ApiCalls.ADMIN_PASSWORD);
        api.call("GET", "/v1/whoami", second, null, 200);
        api.call("POST", "/v1/logout", second, null, 204);
        api.call("GET", "/v1/whoami", second, null, 401);
        api.call("POST", "/v1/logout", second, null, 401);
        api.call("GET", "/v1/whoami", token, null, 200);
    }

    @Test
    void aTokenUnusedForThirtyDaysStopsWorking() throws Exception {
        String idle = api.login("admin", ApiCalls.ADMIN_PASSWORD);
        jdbc.update("UPDATE api_tokens SET last_used_at = now() - interval '31 days' WHERE token_hash = ?",
                dev.paas.controller.user.TokenService.sha256(idle));
        api.call("GET", "/v1/whoami", idle, null, 401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_tokens WHERE token_hash = ?", Long.class,
                dev.paas.controller.user.TokenService.sha256(idle))).as("deleted once found expired").isZero();
    }

    @Test
    void aPasswordHashInTheEarlierFormatSignsInAndIsReplaced() throws Exception {
        // "correct horse", PBKDF2 as stored before hashes carried an algorithm id
        jdbc.update("INSERT INTO users (username, password_hash, admin) VALUES ('olduser',"
                + " 'pbkdf2$1000$MDEyMzQ1Njc4OWFiY2RlZg==$cBg8D2DungRB9k76szThf5ehfyBz991ay6PT8Srwk4M=', false)");
        api.call("POST", "/v1/login", null, Map.of("username", "olduser", "password", "correct horse"), 200);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM users WHERE username = 'olduser'", String.class))
                .startsWith("{pbkdf2@SpringSecurity_v5_8}");
        api.call("POST", "/v1/login", null, Map.of("username", "olduser", "password", "correct horse"), 200);
    }

    @Test
    void repeatedFailedLoginsAreRefusedWith429UntilTheWindowPasses() throws Exception {
        jdbc.update("INSERT INTO users (username, password_hash, admin) VALUES ('brute',"
                + " 'pbkdf2$1000$MDEyMzQ1Njc4OWFiY2RlZg==$cBg8D2DungRB9k76szThf5ehfyBz991ay6PT8Srwk4M=', false)");
        for (int i = 0; i < 10; i++) {
            api.call("POST", "/v1/login", null, Map.of("username", "brute", "password", "guess-" + i), 401);
        }
        HttpResponse<String> refused = api.send("POST", "/v1/login", null, Map.of(),
                Map.of("username", "Brute", "password", "correct horse"));
        assertThat(refused.statusCode()).as("even the right password, under any spelling of the name").isEqualTo(429);
        // The window, and at most one 30 s bucket more (user.LoginThrottle).
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 930L);
        assertThat(refused.body()).contains("Too many failed sign-ins");
        // Another user from the same address is not locked out by it.
        api.call("POST", "/v1/login", null, Map.of("username", "admin", "password", "admin-pw"), 200);
    }

    @Test
    void aHugeConfigIsRefusedBeforeItsBodyIsRead() throws Exception {
        api.call("POST", "/v1/apps", token, Map.of("name", "api-huge"), 201);
        HttpResponse<String> declared = api.send("POST", "/v1/apps/api-huge/config", token, Map.of(),
                Map.of("set", Map.of("HUGE", "x".repeat(1_500_000))));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json.readTree(declared.body()).get("message").asText()).startsWith("The request body of 15000")
                .endsWith(" bytes is over the API's limit of 1048576 bytes: nothing was changed.");

        // Without a Content-Length (chunked), the body is cut off at the limit and the request fails.
        byte[] chunked = json.writeValueAsBytes(Map.of("set", Map.of("HUGE", "x".repeat(1_500_000))));
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/apps/api-huge/config"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertThat(api.call("GET", "/v1/apps/api-huge/config", token, null, 200)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM releases r JOIN apps a ON a.id = r.app_id"
                + " WHERE a.name = 'api-huge'", Integer.class)).isZero();
        api.call("DELETE", "/v1/apps/api-huge", token, null, 204);
    }

    @Test
    void sshInfoGivesTheHostKeysToTrust() throws Exception {
        JsonNode ssh = api.call("GET", "/v1/ssh", token, null, 200);
        assertThat(ssh.get("hostKeys").get(0).asText()).startsWith("ssh-");
    }

    @Test
    void nodesReceiveDesiredStateAndRoutesFollowWhatTheyReport() throws Exception {
        String node = api.registerNode(NODE_TOKEN, Map.of("name", "it-node", "address", "127.0.0.1", "formation",
                "default", "layer", "runtime", "capacityMb", 1024));
        JsonNode desired = api.call("GET", "/v1/nodes/it-node/desired?since=-1&wait=0", node, null, 200);
        assertThat(desired.get("containers")).isEmpty();
        long version = desired.get("version").asLong();

        long started = System.nanoTime();
        JsonNode same = api.call("GET", "/v1/nodes/it-node/desired?since=" + version + "&wait=1", node, null, 200);
        assertThat(System.nanoTime() - started).as("a long poll waits while nothing changes").isGreaterThan(500_000_000L);
        assertThat(same.get("version").asLong()).isEqualTo(version);

        // A formation of its own, so the other tests' nodes never receive this app's container.
        api.call("POST", "/v1/formations", token, Map.of("name", "it-routes"), 201);
        String routesNode = api.registerNode(NODE_TOKEN, Map.of("name", "it-routes-node", "address", "10.9.8.7",
                "formation", "it-routes", "layer", "runtime", "capacityMb", 1024));
        api.call("POST", "/v1/apps", token, Map.of("name", "routed", "formation", "it-routes"), 201);
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = 'routed'", Long.class);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by, process_types)"
                + " VALUES (?, 'abc', 'succeeded', 'img', 'admin', '{\"web\": \"python3 app.py\"}') RETURNING id",
                Long.class, appId);
        jdbc.update("INSERT INTO releases (app_id, version, build_id, summary, created_by, status)"
                + " VALUES (?, 1, ?, 'Deploy abc', 'admin', 'succeeded')", appId, buildId);
        assertThat(backends("routed")).isEmpty();

        // The scale waits for the new container to be reported up, as it does with a real agent.
        var scaled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return api.call("POST", "/v1/apps/routed/scale", token, Map.of("counts", Map.of("web", 1)), 200);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String name = null;
        long seen = -1;
        for (int i = 0; i < 30 && name == null; i++) {
            JsonNode placed = api.call("GET", "/v1/nodes/it-routes-node/desired?since=" + seen + "&wait=2", routesNode, null, 200);
            seen = placed.get("version").asLong();
            name = placed.get("containers").isEmpty() ? null : placed.get("containers").get(0).get("name").asText();
        }
        assertThat(name).as("the scaled container reaches its node's desired state").isEqualTo("routed.v1.web.1");

        report("it-routes-node", routesNode, name, "starting", 20123);
        assertThat(backends("routed")).as("a starting container takes no traffic").isEmpty();
        report("it-routes-node", routesNode, name, "up", 20123);
        assertThat(backends("routed")).containsExactly("10.9.8.7:20123");
        assertThat(scaled.get(30, java.util.concurrent.TimeUnit.SECONDS).get("up").asBoolean()).isTrue();
        report("it-routes-node", routesNode, name, "unhealthy", 20123);
        assertThat(backends("routed")).as("an unhealthy container takes no traffic").isEmpty();
        report("it-routes-node", routesNode, name, "up", 20124);
        assertThat(backends("routed")).as("the port it is published on now").containsExactly("10.9.8.7:20124");
        api.call("PUT", "/v1/nodes/it-routes-node/observed", routesNode, Map.of("containers", List.of()), 204);
        assertThat(backends("routed")).as("a container its node no longer reports takes no traffic").isEmpty();

        JsonNode routes = api.call("GET", "/v1/routes?since=-1&wait=0", router(), null, 200);
        api.call("POST", "/v1/routers/it-router/applied", router(), Map.of("version", routes.get("version").asLong()), 204);
        // The tokens only register: after that a node speaks with its credential.
        for (String path : List.of("/v1/nodes/it-node/desired?wait=0", "/v1/routes?wait=0")) {
            assertThat(api.call("GET", path, NODE_TOKEN, null, 403).get("message").asText())
                    .startsWith("The node token only registers a node");
        }
        api.call("PUT", "/v1/nodes/it-node/observed", NODE_TOKEN, Map.of("containers", List.of()), 403);
    }

    @Test
    void joinTokensDecideTheFormationAndLayerOfWhoeverPresentsThem() throws Exception {
        api.call("POST", "/v1/formations", token, Map.of("name", "it-edge"), 201);
        JsonNode made = api.call("POST", "/v1/formations/it-edge/join-tokens", token, Map.of("layer", "proxy"), 201);
        String join = made.get("token").asText();
        assertThat(join).startsWith("pjt_");
        assertThat(made.get("layer").asText()).isEqualTo("proxy");
        assertThat(jdbc.queryForList("SELECT token_hash FROM join_tokens", String.class)).isNotEmpty().doesNotContain(join);
        assertThat(api.call("POST", "/v1/formations/it-edge/join-tokens", token, Map.of("layer", "storage"), 422)
                .get("message").asText()).contains("'runtime' (node-agents) or 'proxy' (routers)");
        api.call("POST", "/v1/formations/nowhere/join-tokens", token, Map.of("layer", "runtime"), 404);

        // What the registration says about formation and layer gives way to the token.
        String proxyNode = api.registerNode(join, Map.of("name", "it-proxy", "address", "127.0.0.1",
                "formation", "default", "layer", "runtime", "capacityMb", 0));
        JsonNode proxy = null;
        for (JsonNode node : api.call("GET", "/v1/nodes", token, null, 200)) {
            if (node.get("name").asText().equals("it-proxy")) {
                proxy = node;
            }
        }
        assertThat(proxy).isNotNull();
        assertThat(proxy.get("formation").asText()).isEqualTo("it-edge");
        assertThat(proxy.get("layer").asText()).isEqualTo("proxy");
        api.call("PUT", "/v1/nodes/it-proxy/observed", proxyNode, Map.of("containers", List.of()), 204);
        assertThat(api.call("PUT", "/v1/nodes/it-proxy/observed", join, Map.of("containers", List.of()), 403)
                .get("message").asText()).startsWith("A join token only registers a node");

        // A join token registers nodes of its own formation and layer only.
        api.call("POST", "/v1/nodes/register", NODE_TOKEN, Map.of("name", "it-default-node", "address", "127.0.0.1"), 200);
        assertThat(api.call("POST", "/v1/nodes/register", join, Map.of("name", "it-default-node", "address", "127.0.0.1"),
                409).get("message").asText()).contains("cannot move it");

        assertThat(api.call("POST", "/v1/nodes/register", "pjt_wrong", Map.of("name", "it-intruder", "address", "127.0.0.1"),
                401).get("message").asText()).contains("Invalid join token").contains("paas formations:token");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM nodes WHERE name = 'it-intruder'", Integer.class)).isZero();
    }

    @Test
    void joinTokensAreListedWithoutTheirSecretAndARevokedOneIsRefused() throws Exception {
        api.call("POST", "/v1/formations", token, Map.of("name", "it-rev"), 201);
        String runtime = api.call("POST", "/v1/formations/it-rev/join-tokens", token, Map.of("layer", "runtime"), 201)
                .get("token").asText();
        String proxy = api.call("POST", "/v1/formations/it-rev/join-tokens", token, Map.of("layer", "proxy"), 201)
                .get("token").asText();
        String revNode = api.registerNode(runtime, Map.of("name", "it-rev-node", "address", "127.0.0.1"));

        JsonNode listed = api.call("GET", "/v1/join-tokens?formation=it-rev", token, null, 200);
        assertThat(listed).hasSize(2);
        JsonNode first = listed.get(0);
        assertThat(first.get("prefix").asText()).isEqualTo(runtime.substring(0, 10)).isNotEqualTo(runtime);
        assertThat(first.get("formation").asText()).isEqualTo("it-rev");
        assertThat(first.get("layer").asText()).isEqualTo("runtime");
        assertThat(first.get("createdBy").asText()).isEqualTo("admin");
        assertThat(first.get("lastUsedAt").isNull()).isFalse();
        assertThat(listed.get(1).get("lastUsedAt").isNull()).isTrue();
        assertThat(listed.toString()).doesNotContain(runtime).doesNotContain(proxy);
        api.call("GET", "/v1/join-tokens?formation=nowhere", token, null, 404);

        // A runtime token does not make its holder a router.
        assertThat(api.call("GET", "/v1/routes?wait=0", revNode, null, 403).get("message").asText())
                .contains("only routers (proxy layer) read routes");
        String revRouter = api.registerNode(proxy, Map.of("name", "it-rev-router", "address", "127.0.0.1"));

        long id = first.get("id").asLong();
        api.call("DELETE", "/v1/join-tokens/" + id, token, null, 200);
        assertThat(api.call("PUT", "/v1/nodes/it-rev-node/observed", revNode, Map.of("containers", List.of()), 401)
                .get("message").asText()).contains("Join token " + id).contains("was revoked by admin")
                .contains("paas formations:token it-rev --layer runtime");
        assertThat(api.call("POST", "/v1/nodes/register", runtime, Map.of("name", "it-rev-node", "address", "127.0.0.1"),
                401).get("message").asText()).contains("Join token " + id).contains("was revoked by admin");
        assertThat(api.call("GET", "/v1/join-tokens?formation=it-rev", token, null, 200)).hasSize(1);
        assertThat(api.call("DELETE", "/v1/join-tokens/" + id, token, null, 404).get("message").asText())
                .contains("No join token " + id);
        api.call("GET", "/v1/routes?wait=0", revRouter, null, 200);
    }

    @Test
    void aJoinedRouterLogsOnlyForItsFormationsApps() throws Exception {
        api.call("POST", "/v1/formations", token, Map.of("name", "it-logs"), 201);
        api.call("POST", "/v1/apps", token, Map.of("name", "it-logs-own", "formation", "it-logs"), 201);
        api.call("POST", "/v1/apps", token, Map.of("name", "it-logs-other"), 201);
        String proxy = api.call("POST", "/v1/formations/it-logs/join-tokens", token, Map.of("layer", "proxy"), 201)
                .get("token").asText();
        String joined = api.registerNode(proxy, Map.of("name", "it-logs-router", "address", "127.0.0.1"));

        api.call("POST", "/v1/routers/it-logs-router/logs", joined, Map.of("lines", List.of(
                Map.of("app", "it-logs-own", "text", "own line"))), 204);
        assertThat(api.call("POST", "/v1/routers/it-logs-router/logs", joined, Map.of("lines", List.of(
                Map.of("app", "it-logs-own", "text", "own again"), Map.of("app", "it-logs-other", "text", "foreign"))),
                403).get("message").asText()).contains("may not log for it-logs-other");
        // A router's credential speaks only for itself: no posing as another router to acknowledge.
        assertThat(api.call("POST", "/v1/routers/never-joined/applied", joined, Map.of("version", Long.MAX_VALUE), 403)
                .get("message").asText()).contains("it speaks only for it-logs-router");
        // A router on the cluster's node token speaks for every formation.
        api.call("POST", "/v1/routers/it-router/logs", router(), Map.of("lines", List.of(
                Map.of("app", "it-logs-other", "text", "via node token"))), 204);

        assertThat(jdbc.queryForList("SELECT text FROM log_lines l JOIN apps a ON a.id = l.app_id"
                + " WHERE l.source = 'router' AND a.name IN ('it-logs-own', 'it-logs-other') ORDER BY l.id", String.class))
                .containsExactly("own line", "via node token");
    }

    @Test
    void appsAreCreatedInTheNamedFormationOrTheDefaultOne() throws Exception {
        api.call("POST", "/v1/formations", token, Map.of("name", "it-prod"), 201);
        assertThat(api.call("POST", "/v1/apps", token, Map.of("name", "it-prod-app", "formation", "it-prod"), 201)
                .get("formation").asText()).isEqualTo("it-prod");
        assertThat(api.call("GET", "/v1/apps/it-prod-app", token, null, 200).get("formation").asText()).isEqualTo("it-prod");
        assertThat(api.call("POST", "/v1/apps", token, Map.of("name", "it-plain-app"), 201).get("formation").asText())
                .isEqualTo("default");
        assertThat(api.call("POST", "/v1/apps", token, Map.of("name", "it-lost-app", "formation", "nowhere"), 422)
                .get("message").asText()).startsWith("Unknown formation 'nowhere'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM apps WHERE name = 'it-lost-app'", Integer.class)).isZero();
        assertThat(dataDir.resolve("repos/it-lost-app.git")).doesNotExist();
    }

}
