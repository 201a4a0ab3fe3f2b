package dev.paas.controller.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.builder.build.BuildResult;
import dev.paas.controller.TestPostgres;
import dev.paas.controller.app.App;
import dev.paas.controller.build.Build;
import dev.paas.controller.change.ChangeWaiter;
import dev.paas.controller.release.Release;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Config changes racing a push's release for one app, from several threads, against real PostgreSQL: each gets
 * its own outcome (success, also when a later release replaced its own before it served and carries the change),
 * versions stay unique and contiguous, and the push is released with the newest config. A fake
 * node-agent (this test) reports every desired container up, so rollouts complete as they would on a node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentChangesIT {

    static final String NODE_TOKEN = "node-secret";
    static final String APP = "race-app";
    static final int CONFIG_CHANGES = 6;
    static final Logger log = LoggerFactory.getLogger(ConcurrentChangesIT.class);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ReleaseService releases;
    @Autowired
    ChangeWaiter waiter;

    final HttpClient http = HttpClient.newHttpClient();
    final ExecutorService threads = Executors.newCachedThreadPool();
    volatile boolean agentRuns = true;
    String token;
    /** The fake agent's: the node token only registers. */
    String nodeCredential;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.register(registry);
        registry.add("paas.data-dir", Files.createTempDirectory("paas-race-it")::toString);
        registry.add("paas.ssh-port", ConcurrentChangesIT::freePort);
        registry.add("paas.node-token", () -> NODE_TOKEN);
        registry.add("paas.admin-password", () -> "admin-pw");
        registry.add("server.address", () -> "127.0.0.1");
    }

    @BeforeAll
    void platform() throws Exception {
        token = send("POST", "/v1/login", null, Map.of("username", "admin", "password", "admin-pw")).body()
                .get("token").asText();
        // A formation of its own: other classes' nodes in this shared database (which may still look alive) must not
        // be given this app's containers, which only the fake agent below reports up.
        if (count("SELECT count(*) FROM formations WHERE name = 'race'") == 0) {
            assertThat(send("POST", "/v1/formations", token, Map.of("name", "race")).status()).isEqualTo(201);
        }
        assertThat(send("POST", "/v1/apps", token, Map.of("name", APP, "formation", "race")).status()).isEqualTo(201);
        Reply registered = send("POST", "/v1/nodes/register", NODE_TOKEN, Map.of("name", "race-node",
                "address", "127.0.0.1", "formation", "race", "layer", "runtime", "capacityMb", 1_000_000,
                "firstPort", 40_000, "lastPort", 49_999));
        assertThat(registered.status()).isEqualTo(200);
        nodeCredential = registered.body().get("credential").asText();
        threads.execute(this::fakeAgent);
    }

    @AfterAll
    void stop() {
        agentRuns = false;
        threads.shutdownNow();
    }

    @Test
    void configChangesDuringAPushEachGetTheirOutcomeAndThePushCarriesTheNewestConfig() throws Exception {
        App app = releases.app(APP);
        Release first = releases.release(app, releases.startBuild(app, "a".repeat(40), "admin"), built("v1"), "log",
                "admin", "Deploy aaaaaaa", locked -> locked.app().getConfig());
        assertThat(waiter.rollout(first, Duration.ofSeconds(30), () -> { }).getStatus())
                .isEqualTo(Release.Status.succeeded);

        Build pushed = releases.startBuild(app, "b".repeat(40), "admin");
        List<Future<Reply>> configs = new ArrayList<>();
        for (int i = 0; i < CONFIG_CHANGES; i++) {
            int n = i;
            configs.add(threads.submit(() -> send("POST", "/v1/apps/" + APP + "/config", token,
                    Map.of("set", Map.of("K" + n, "v" + n), "unset", List.of()))));
        }
        // The build ends while the config changes are being made: its release comes after some of them.
        Future<Release> push = threads.submit((Callable<Release>) () -> {
            while (count("SELECT count(*) FROM releases WHERE app_id = ?", app.getId()) < 3) {
                Thread.sleep(5);
            }
            Release made = releases.release(app, pushed, built("v2"), "log", "admin", "Deploy bbbbbbb",
                    locked -> locked.app().getConfig());
            return waiter.rollout(made, Duration.ofSeconds(60), () -> { });
        });

        for (Future<Reply> config : configs) {
            Reply reply = config.get(90, TimeUnit.SECONDS);
            log.info("config change: {} v{} {} {}", reply.status(), reply.body().path("release").path("version"),
                    reply.body().path("release").path("status").asText(), reply.body().path("release").path("failure"));
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
            JsonNode release = reply.body().get("release");
            // Replaced before it served or not, every change is live in a release that served: it succeeded.
            assertThat(release.get("status").asText()).as(release.toString()).isEqualTo("succeeded");
            assertThat(release.get("config").get("K" + configs.indexOf(config)).asText())
                    .isEqualTo("v" + configs.indexOf(config));
        }
        assertThat(jdbc.queryForList("SELECT failure FROM releases WHERE app_id = ? AND status = 'failed'",
                String.class, app.getId())).allMatch(f -> f.matches("v\\d+ was replaced by v\\d+ before it served"));
        Release pushRelease = push.get(90, TimeUnit.SECONDS);
        log.info("push: v{} {} {}, config {}", pushRelease.getVersion(), pushRelease.getStatus(),
                pushRelease.getFailure(), pushRelease.getConfig().keySet());
        assertThat(pushRelease.getStatus()).isIn(Release.Status.succeeded, Release.Status.failed);

        List<Integer> versions = jdbc.queryForList("SELECT version FROM releases WHERE app_id = ? ORDER BY version",
                Integer.class, app.getId());
        assertThat(versions).hasSize(CONFIG_CHANGES + 2);
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1);
        }
        int p = pushRelease.getVersion();
        assertThat(p).isGreaterThan(2);
        assertThat(pushRelease.getBuild().getId()).isEqualTo(pushed.getId());
        // The newest config when it was written: the one of the release just before it, which merged every change.
        assertThat(pushRelease.getConfig()).isEqualTo(configOf(app, p - 1)).hasSize(p - 2);
        for (int v = p + 1; v <= versions.size(); v++) {
            assertThat(buildOf(app, v)).as("v" + v + " is made from the current build").isEqualTo(pushed.getId());
        }
        assertThat(configOf(app, versions.size())).hasSize(CONFIG_CHANGES);
        assertThat(jdbc.queryForObject("SELECT status FROM builds WHERE id = ?", String.class, pushed.getId()))
                .isEqualTo("succeeded");
        assertThat(releases.servingWith(app, pushed)).as("the push's build serves, whichever release carries it")
                .isPresent();
    }

    private static BuildResult built(String tag) {
        return new BuildResult("127.0.0.1:5000/" + APP + ":" + tag, Map.of("web", "python3 app.py"), 5000, "test");
    }

    private Map<String, String> configOf(App app, int version) throws Exception {
        String config = jdbc.queryForObject("SELECT config FROM releases WHERE app_id = ? AND version = ?",
                String.class, app.getId(), version);
        return json.readValue(config, json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    private long buildOf(App app, int version) {
        return jdbc.queryForObject("SELECT build_id FROM releases WHERE app_id = ? AND version = ?", Long.class,
                app.getId(), version);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** A node-agent that runs nothing and reports every desired container up at once. */
    private void fakeAgent() {
        long version = -1;
        while (agentRuns) {
            try {
                JsonNode desired = send("GET", "/v1/nodes/race-node/desired?since=" + version + "&wait=1", nodeCredential,
                        null).body();
                version = desired.get("version").asLong();
                List<Map<String, Object>> observed = new ArrayList<>();
                int hostPort = 40_000;
                for (JsonNode c : desired.get("containers")) {
                    observed.add(Map.of("name", c.get("name").asText(), "dockerId", "d" + hostPort, "state", "up",
                            "hostPort", hostPort++));
                }
                send("PUT", "/v1/nodes/race-node/observed", nodeCredential, Map.of("containers", observed));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the controller is stopping, or busy: the next round reports again
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, JsonNode body) {
    }

    private Reply send(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
    }
}
