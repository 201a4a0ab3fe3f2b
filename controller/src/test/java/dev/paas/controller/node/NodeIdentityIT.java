package dev.paas.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.ApiCalls;
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
 * Node identity on the real controller and PostgreSQL: the credential a registration answers, what it may speak
 * for, re-registration from another address, and reports and log lines checked against what the controller placed
 * on the node (docs/security.md, "Nodes").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeIdentityIT {

    static final String NODE_TOKEN = ApiCalls.NODE_TOKEN;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    dev.paas.controller.ChangeFeed feed;

    ApiCalls api;
    String admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "node-identity-it");
    }

    @BeforeAll
    void login() throws Exception {
        api = new ApiCalls(port, json);
        admin = api.login("admin", ApiCalls.ADMIN_PASSWORD);
    }

    @Test
    void aRegistrationAnswersACredentialThatSpeaksOnlyForItsOwnNode() throws Exception {
        JsonNode registered = register(NODE_TOKEN, "id-one", "127.0.0.1", 200);
        String credential = registered.get("credential").asText();
        assertThat(registered.get("node").asText()).isEqualTo("id-one");
        assertThat(credential).startsWith("pnc_").hasSizeGreaterThan(40);
        assertThat(jdbc.queryForObject("SELECT credential_hash FROM nodes WHERE name = 'id-one'", String.class))
                .isNotNull().isNotEqualTo(credential).doesNotContain(credential);
        register(NODE_TOKEN, "id-two", "127.0.0.1", 200);

        api.call("GET", "/v1/nodes/id-one/desired?wait=0", credential, null, 200);
        api.call("PUT", "/v1/nodes/id-one/observed", credential, Map.of("containers", List.of()), 204);
        api.call("POST", "/v1/nodes/id-one/logs", credential, Map.of("lines", List.of()), 204);
        assertThat(api.call("GET", "/v1/nodes/id-two/desired?wait=0", credential, null, 403).get("message").asText())
                .isEqualTo("This credential is node 'id-one''s: it speaks only for id-one, not for 'id-two'.");
        api.call("PUT", "/v1/nodes/id-two/observed", credential, Map.of("containers", List.of()), 403);
        api.call("POST", "/v1/nodes/id-two/logs", credential, Map.of("lines", List.of()), 403);
        assertThat(api.call("GET", "/v1/routes?wait=0", credential, null, 403).get("message").asText())
                .contains("only routers (proxy layer) read routes");
        api.call("POST", "/v1/routers/id-one/applied", credential, Map.of("version", Long.MAX_VALUE), 403);
        assertThat(api.call("POST", "/v1/nodes/register", credential, Map.of("name", "id-three", "address", "127.0.0.1"),
                403).get("message").asText()).contains("A node credential does not register");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM nodes WHERE name = 'id-three'", Integer.class)).isZero();
        // A credential is no user token either.
        api.call("GET", "/v1/apps", credential, null, 401);
        api.call("GET", "/v1/nodes/id-one/desired?wait=0", "pnc_forged", null, 401);
    }

    @Test
    void aNodeRegistersAgainOnlyFromItsOwnAddressAndThenHasANewCredential() throws Exception {
        String first = register(NODE_TOKEN, "id-moved", "127.0.0.1", 200).get("credential").asText();
        assertThat(register(NODE_TOKEN, "id-moved", "10.66.0.9", 409).get("message").asText())
                .isEqualTo("Node 'id-moved' is registered at 127.0.0.1, not 10.66.0.9: a node registers again only"
                        + " from its own address (a restart). Start this one under another name; there is no command"
                        + " to remove a node yet ('paas nodes:drain id-moved' moves its containers away).");
        String join = api.call("POST", "/v1/formations/default/join-tokens", admin, Map.of("layer", "runtime"), 201)
                .get("token").asText();
        register(join, "id-moved", "10.66.0.9", 409);
        assertThat(jdbc.queryForObject("SELECT address FROM nodes WHERE name = 'id-moved'", String.class))
                .isEqualTo("127.0.0.1");
        api.call("GET", "/v1/nodes/id-moved/desired?wait=0", first, null, 200);

        // Once it has been silent (its agent restarted), a token registers it again, with a new credential.
        silence("id-moved", 13);
        String second = register(join, "id-moved", "127.0.0.1", 200).get("credential").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(api.call("GET", "/v1/nodes/id-moved/desired?wait=0", first, null, 401).get("message").asText())
                .contains("Unknown node credential").contains("register again");
        api.call("GET", "/v1/nodes/id-moved/desired?wait=0", second, null, 200);
    }

    @Test
    void aTokenCannotTakeTheCredentialOfALiveNodeAtItsOwnAddress() throws Exception {
        String join = api.call("POST", "/v1/formations/default/join-tokens", admin, Map.of("layer", "runtime"), 201)
                .get("token").asText();
        String live = register(join, "id-live", "127.0.0.1", 200).get("credential").asText();
        String hash = jdbc.queryForObject("SELECT credential_hash FROM nodes WHERE name = 'id-live'", String.class);
        // Silent for 5 s is still live: an agent reports every 5 s.
        silence("id-live", 5);
        for (String token : List.of(join, NODE_TOKEN)) {
            assertThat(register(token, "id-live", "127.0.0.1", 423).get("message").asText())
                    .startsWith("Node 'id-live' is live (heard from ").contains("s ago): it speaks with its own"
                            + " credential, and a token registers it again only once it has been silent for 12s"
                            + " (paas.node-reregister-after).");
        }
        assertThat(jdbc.queryForObject("SELECT credential_hash FROM nodes WHERE name = 'id-live'", String.class))
                .isEqualTo(hash);
        api.call("GET", "/v1/nodes/id-live/desired?wait=0", live, null, 200);
        // Its tokens read nothing of it either: they only register.
        assertThat(api.call("GET", "/v1/nodes/id-live/desired?wait=0", join, null, 403).get("message").asText())
                .isEqualTo("A join token only registers a node (POST /v1/nodes/register): a node speaks with the"
                        + " credential its registration answered (pnc_...) from then on.");
        api.call("GET", "/v1/nodes/id-live/desired?wait=0", NODE_TOKEN, null, 403);
        api.call("PUT", "/v1/nodes/id-live/observed", join, Map.of("containers", List.of()), 403);
        api.call("POST", "/v1/nodes/id-live/logs", NODE_TOKEN, Map.of("lines", List.of()), 403);
    }

    /** Makes the node look as if it last reported {@code seconds} ago. */
    private void silence(String node, int seconds) {
        jdbc.update("UPDATE nodes SET last_heartbeat = now() - make_interval(secs => ?) WHERE name = ?", seconds, node);
    }

    @Test
    void revokingTheJoinTokenRefusesTheCredentialsItGaveAndARouterCredentialReadsRoutes() throws Exception {
        api.call("POST", "/v1/formations", admin, Map.of("name", "id-edge"), 201);
        JsonNode made = api.call("POST", "/v1/formations/id-edge/join-tokens", admin, Map.of("layer", "proxy"), 201);
        String credential = register(made.get("token").asText(), "id-router", "127.0.0.1", 200)
                .get("credential").asText();
        register(NODE_TOKEN, "id-stranger", "127.0.0.1", 200);

        api.call("GET", "/v1/routes?wait=0", credential, null, 200);
        api.call("GET", "/v1/routes?wait=0", credential, Map.of("X-Paas-Router", "id-router"), null, 200);
        api.call("GET", "/v1/routes?wait=0", credential, Map.of("X-Paas-Router", "id-stranger"), null, 403);
        api.call("POST", "/v1/routers/id-router/applied", credential, Map.of("version", Long.MAX_VALUE), 204);
        api.call("POST", "/v1/routers/id-stranger/applied", credential, Map.of("version", Long.MAX_VALUE), 403);
        api.call("PUT", "/v1/nodes/id-stranger/observed", credential, Map.of("containers", List.of()), 403);

        long id = jdbc.queryForObject("SELECT join_token_id FROM nodes WHERE name = 'id-router'", Long.class);
        assertThat(jdbc.queryForObject("SELECT f.name FROM join_tokens t JOIN formations f ON f.id = t.formation_id"
                + " WHERE t.id = ?", String.class, id)).isEqualTo("id-edge");
        api.call("DELETE", "/v1/join-tokens/" + id, admin, null, 200);
        assertThat(api.call("GET", "/v1/routes?wait=0", credential, null, 401).get("message").asText())
                .contains("Join token " + id).contains("was revoked by admin");
    }

    @Test
    void reportsSpeakOnlyOfTheNodesOwnContainersOnItsOwnPorts() throws Exception {
        String placedOn = register(NODE_TOKEN, "id-home", "127.0.0.1", 200, 21000, 21009).get("credential").asText();
        String forger = register(NODE_TOKEN, "id-forger", "127.0.0.1", 200).get("credential").asText();
        String container = placeContainer("id-placed", "id-home");

        // Another node reports the container as up: ignored, it was placed elsewhere.
        api.call("PUT", "/v1/nodes/id-forger/observed", forger, Map.of("containers", List.of(
                observed(container, "up", 20500))), 204);
        assertThat(state(container)).isEqualTo(Map.of("observed_state", "pending"));

        // Its own node, on a port outside the range it registered with: refused whole, nothing stored.
        Timestamp heartbeat = jdbc.queryForObject("SELECT last_heartbeat FROM nodes WHERE name = 'id-home'",
                Timestamp.class);
        Thread.sleep(5);
        for (int bad : new int[] {22, 5432, 20999, 21010}) {
            assertThat(api.call("PUT", "/v1/nodes/id-home/observed", placedOn, Map.of("containers", List.of(
                    observed(container, "up", bad))), 422).get("message").asText())
                    .isEqualTo("Node 'id-home' reported " + container + " on port " + bad + ", outside the host ports"
                            + " it registered with (21000-21009): the report is refused.");
        }
        assertThat(state(container)).isEqualTo(Map.of("observed_state", "pending"));
        assertThat(jdbc.queryForObject("SELECT last_heartbeat FROM nodes WHERE name = 'id-home'", Timestamp.class))
                .isEqualTo(heartbeat);

        // The node token reports nothing: it only registers.
        api.call("PUT", "/v1/nodes/id-home/observed", NODE_TOKEN, Map.of("containers", List.of(
                observed(container, "up", 80))), 403);
        api.call("PUT", "/v1/nodes/id-home/observed", placedOn, Map.of("containers", List.of(
                observed(container, "up", 21003), observed("someone.v1.web.1", "up", 21004))), 204);
        assertThat(state(container)).isEqualTo(Map.of("observed_state", "up", "host_port", 21003));
    }

    @Test
    void aNodeLogsOnlyForAppsWithContainersOnIt() throws Exception {
        String home = register(NODE_TOKEN, "id-logs-home", "127.0.0.1", 200).get("credential").asText();
        String other = register(NODE_TOKEN, "id-logs-other", "127.0.0.1", 200).get("credential").asText();
        placeContainer("id-logged", "id-logs-home");

        api.call("POST", "/v1/nodes/id-logs-other/logs", other, Map.of("lines", List.of(
                Map.of("app", "id-logged", "text", "forged"))), 204);
        api.call("POST", "/v1/nodes/id-logs-other/logs", NODE_TOKEN, Map.of("lines", List.of(
                Map.of("app", "id-logged", "text", "forged with the node token"))), 403);
        api.call("POST", "/v1/nodes/id-logs-home/logs", home, Map.of("lines", List.of(
                Map.of("app", "id-logged", "text", "own"), Map.of("app", "id-placed-nowhere", "text", "stray"))), 204);
        assertThat(jdbc.queryForList("SELECT text FROM log_lines l JOIN apps a ON a.id = l.app_id"
                + " WHERE a.name = 'id-logged' AND l.source = 'app' ORDER BY l.id", String.class))
                .containsExactly("own");
    }

    @Test
    void aCredentialKeptInMemoryIsLookedUpAgainAfterAnyRegistrationAndARefusalIsNeverKept() throws Exception {
        String credential = register(NODE_TOKEN, "id-kept", "127.0.0.1", 200).get("credential").asText();
        api.call("GET", "/v1/nodes/id-kept/desired?wait=0", credential, null, 200);
        String hash = jdbc.queryForObject("SELECT credential_hash FROM nodes WHERE name = 'id-kept'", String.class);

        // Changed behind the controller's back (no registration, no revocation): the identity it keeps answers.
        jdbc.update("UPDATE nodes SET credential_hash = NULL WHERE name = 'id-kept'");
        api.call("GET", "/v1/nodes/id-kept/desired?wait=0", credential, null, 200);
        // Any registration (which replaces a node's credential) makes every kept identity be looked up again.
        register(NODE_TOKEN, "id-kept-other", "127.0.0.1", 200);
        assertThat(api.call("GET", "/v1/nodes/id-kept/desired?wait=0", credential, null, 401).get("message").asText())
                .contains("Unknown node credential");
        // The refusal was not kept.
        jdbc.update("UPDATE nodes SET credential_hash = ? WHERE name = 'id-kept'", hash);
        api.call("GET", "/v1/nodes/id-kept/desired?wait=0", credential, null, 200);

        // A revocation refuses at once a credential used (and so kept) a moment before.
        String join = api.call("POST", "/v1/formations/default/join-tokens", admin, Map.of("layer", "runtime"), 201)
                .get("token").asText();
        String joined = register(join, "id-kept-joined", "127.0.0.1", 200).get("credential").asText();
        api.call("PUT", "/v1/nodes/id-kept-joined/observed", joined, Map.of("containers", List.of()), 204);
        long id = jdbc.queryForObject("SELECT join_token_id FROM nodes WHERE name = 'id-kept-joined'", Long.class);
        api.call("DELETE", "/v1/join-tokens/" + id, admin, null, 200);
        assertThat(api.call("PUT", "/v1/nodes/id-kept-joined/observed", joined, Map.of("containers", List.of()), 401)
                .get("message").asText()).contains("was revoked by admin");
        api.call("GET", "/v1/nodes/id-kept/desired?wait=0", credential, null, 200);
    }

    @Test
    void aReportThatRepeatsTheLastIsASignOfLifeUntilTheFeedMovesAndReportTimesAreWrittenInBatches() throws Exception {
        String credential = register(NODE_TOKEN, "id-repeat", "127.0.0.1", 200, 21100, 21109)
                .get("credential").asText();
        String container = placeContainer("id-repeated", "id-repeat");
        Map<String, Object> report = Map.of("containers", List.of(observed(container, "up", 21101)));
        api.call("PUT", "/v1/nodes/id-repeat/observed", credential, report, 204);
        assertThat(state(container)).isEqualTo(Map.of("observed_state", "up", "host_port", 21101));

        // Stored again, changing nothing: remembered. Then the row changes behind the controller's back (nothing
        // moves the feed) and the same report is not read again, only counted as the node's sign of life. (Other
        // tests' silent nodes can move the feed meanwhile: then the step is tried again.)
        boolean skipped = false;
        for (int attempt = 0; attempt < 3 && !skipped; attempt++) {
            api.call("PUT", "/v1/nodes/id-repeat/observed", credential, report, 204);
            long version = feed.version();
            jdbc.update("UPDATE containers SET observed_state = 'pending' WHERE name = ?", container);
            // 15 s: older than the heartbeat check below, younger than paas.node-timeout (20 s). Silent longer, a
            // node watch (another test context's, on the same database) judged the node lost and moved its container
            // to the node registered below, whose repeat report then no longer named it.
            silence("id-repeat", 15);
            api.call("PUT", "/v1/nodes/id-repeat/observed", credential, report, 204);
            skipped = feed.version() == version;
            if (skipped) {
                assertThat(state(container)).isEqualTo(Map.of("observed_state", "pending", "host_port", 21101));
            }
        }
        assertThat(skipped).as("a repeat at an unmoved feed").isTrue();
        assertThat(awaitHeartbeatWithin("id-repeat", 10)).as("its report time, written in a batch").isTrue();

        // Once the feed moves (a registration, here), the same report is read in full again.
        register(NODE_TOKEN, "id-repeat-other", "127.0.0.1", 200);
        api.call("PUT", "/v1/nodes/id-repeat/observed", credential, report, 204);
        assertThat(state(container)).isEqualTo(Map.of("observed_state", "up", "host_port", 21101));
    }

    /** Waits (at most 15 s) until the node's last_heartbeat is less than {@code seconds} old. */
    private boolean awaitHeartbeatWithin(String node, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT last_heartbeat > now() - make_interval(secs => ?)"
                    + " FROM nodes WHERE name = ?", Boolean.class, seconds, node))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** An app with a release and one container placed on {@code node}; returns the container's name. */
    private String placeContainer(String app, String node) throws Exception {
        api.call("POST", "/v1/apps", admin, Map.of("name", app), 201);
        jdbc.update("UPDATE apps SET structure = '{\"web\": 1}' WHERE name = ?", app);
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = ?", Long.class, app);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by,"
                + " process_types) VALUES (?, 'abc', 'succeeded', 'img', 'admin', '{\"web\": \"true\"}') RETURNING id",
                Long.class, appId);
        Long releaseId = jdbc.queryForObject("INSERT INTO releases (app_id, version, build_id, summary, created_by,"
                + " status) VALUES (?, 1, ?, 'Deploy abc', 'admin', 'succeeded') RETURNING id", Long.class, appId,
                buildId);
        String name = app + ".v1.web.1";
        jdbc.update("INSERT INTO containers (name, app_id, app_name, release_id, process_type, idx, node_id)"
                + " VALUES (?, ?, ?, ?, 'web', 1, (SELECT id FROM nodes WHERE name = ?))", name, appId, app, releaseId,
                node);
        return name;
    }

    private Map<String, Object> state(String container) {
        Map<String, Object> row = new java.util.HashMap<>(jdbc.queryForMap(
                "SELECT observed_state, host_port FROM containers WHERE name = ?", container));
        row.values().removeIf(java.util.Objects::isNull);
        return row;
    }

    private static Map<String, Object> observed(String name, String state, int hostPort) {
        return Map.of("name", name, "dockerId", "d-" + name, "state", state, "hostPort", hostPort);
    }

    private JsonNode register(String token, String name, String address, int status) throws Exception {
        return api.call("POST", "/v1/nodes/register", token, Map.of("name", name, "address", address), status);
    }

    private JsonNode register(String token, String name, String address, int status, int first, int last)
            throws Exception {
        return api.call("POST", "/v1/nodes/register", token, Map.of("name", name, "address", address,
                "firstPort", first, "lastPort", last), status);
    }

}
