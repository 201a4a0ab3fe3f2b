package dev.paas.controller.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.ApiCalls;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
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
 * Quotas through the API with small limits: each refusal names the limit, the use and the property to raise, and
 * changes nothing; admins are not limited (docs/security.md, "Quotas").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotasIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    UserRepository users;
    @Autowired
    TokenService tokens;

    ApiCalls api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "quotas-it");
        registry.add("paas.quotas.apps-per-user", () -> "2");
        registry.add("paas.quotas.containers-per-user", () -> "3");
        registry.add("paas.quotas.config-bytes-per-app", () -> "64");
        registry.add("paas.quotas.domains-per-app", () -> "1");
        // Scales answer without waiting for containers that no agent will start.
        registry.add("paas.deploy-timeout", () -> "1s");
    }

    @BeforeAll
    void client() {
        api = new ApiCalls(port, json);
    }

    @Test
    void appsPerUser() throws Exception {
        String ana = tokenOf("q-ana", false);
        api.call("POST", "/v1/apps", ana, Map.of("name", "q-ana-one"), 201);
        api.call("POST", "/v1/apps", ana, Map.of("name", "q-ana-two"), 201);
        assertThat(api.call("POST", "/v1/apps", ana, Map.of("name", "q-ana-three"), 422).get("message").asText())
                .isEqualTo("You own 2 apps, the limit per user (2): destroy one with 'paas destroy', or ask an admin"
                        + " to raise it ('paas quotas:set q-ana apps=N').");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM apps WHERE name = 'q-ana-three'", Integer.class)).isZero();

        api.call("DELETE", "/v1/apps/q-ana-two", ana, null, 204);
        api.call("POST", "/v1/apps", ana, Map.of("name", "q-ana-three"), 201);

        String admin = tokenOf("q-admin", true);
        for (String name : new String[] {"q-adm-one", "q-adm-two", "q-adm-three"}) {
            api.call("POST", "/v1/apps", admin, Map.of("name", name), 201);
        }
    }

    @Test
    void containersPerUserAcrossTheirApps() throws Exception {
        String bo = tokenOf("q-bo", false);
        api.call("POST", "/v1/apps", bo, Map.of("name", "q-bo-api"), 201);
        api.call("POST", "/v1/apps", bo, Map.of("name", "q-bo-web"), 201);
        jdbc.update("UPDATE apps SET structure = '{\"web\": 2}' WHERE name = 'q-bo-api'");
        assertThat(api.call("POST", "/v1/apps/q-bo-web/scale", bo, Map.of("counts", Map.of("web", 2)), 422)
                .get("message").asText()).isEqualTo("Scaling q-bo-web would make 4 containers across the apps of q-bo"
                        + " (2 now), over the limit of 3 per user: scale something down, or ask an admin to raise"
                        + " it ('paas quotas:set q-bo containers=N').");
        assertThat(jdbc.queryForObject("SELECT structure FROM apps WHERE name = 'q-bo-web'", String.class))
                .isEqualTo("{}");
        // Within the quota the scale goes on to its own checks (this app has no release yet).
        assertThat(api.call("POST", "/v1/apps/q-bo-web/scale", bo, Map.of("counts", Map.of("web", 1)), 409)
                .get("message").asText()).contains("has no release yet");
        // An admin scaling it is not limited by the owner's quota.
        api.call("POST", "/v1/apps/q-bo-web/scale", tokenOf("q-admin", true), Map.of("counts", Map.of("web", 2)), 409);
    }

    @Test
    void configBytesPerApp() throws Exception {
        String cy = tokenOf("q-cy", false);
        api.call("POST", "/v1/apps", cy, Map.of("name", "q-cy-app"), 201);
        api.call("POST", "/v1/apps/q-cy-app/config", cy, Map.of("set", Map.of("GREETING", "hi")), 200);
        assertThat(api.call("POST", "/v1/apps/q-cy-app/config", cy, Map.of("set", Map.of("BLOB", "x".repeat(60))), 422)
                .get("message").asText()).isEqualTo("The config of q-cy-app would be 74 bytes of keys and values"
                        + " (10 now), over the limit of 64 per app: unset something, or ask an admin to raise"
                        + " it ('paas quotas:set q-cy config-bytes=N').");
        assertThat(api.call("GET", "/v1/apps/q-cy-app/config", cy, null, 200)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM releases r JOIN apps a ON a.id = r.app_id"
                + " WHERE a.name = 'q-cy-app' AND r.summary LIKE '%BLOB%'", Integer.class)).isZero();
    }

    @Test
    void domainsPerApp() throws Exception {
        String di = tokenOf("q-di", false);
        api.call("POST", "/v1/apps", di, Map.of("name", "q-di-app"), 201);
        api.call("POST", "/v1/apps/q-di-app/domains", di, Map.of("hostname", "one.q-di.example"), 201);
        assertThat(api.call("POST", "/v1/apps/q-di-app/domains", di, Map.of("hostname", "two.q-di.example"), 422)
                .get("message").asText()).isEqualTo("q-di-app has 1 custom domains, the limit per app (1): remove one"
                        + " with 'paas domains:remove', or ask an admin to raise it ('paas quotas:set q-di domains=N').");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domains WHERE hostname = 'two.q-di.example'",
                Integer.class)).isZero();
    }

    @Test
    void concurrentCreatesScalesAndDomainsNeverPassTheLimit() throws Exception {
        String race = tokenOf("q-race", false);
        List<Integer> creates = concurrently(8, i -> api.send("POST", "/v1/apps", race, Map.of(),
                Map.of("name", "q-race-" + i)).statusCode());
        assertThat(creates).containsOnly(201, 422).contains(201, 422);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM apps a JOIN users u ON u.id = a.owner_id"
                + " WHERE u.username = 'q-race'", Integer.class)).isEqualTo(2);

        // Two apps with a release each, on a node with room for all: only the quota stops a scale.
        api.registerNode(ApiCalls.NODE_TOKEN, Map.of("name", "q-node", "address", "127.0.0.1",
                "capacityMb", 1_000_000));
        List<String> apps = jdbc.queryForList("SELECT a.name FROM apps a JOIN users u ON u.id = a.owner_id"
                + " WHERE u.username = 'q-race' ORDER BY a.name", String.class);
        apps.forEach(this::release);
        // Each app asks for 2 or 3 of the user's 3 containers, five times each, all at once.
        List<Integer> scales = concurrently(10, i -> api.send("POST", "/v1/apps/" + apps.get(i % 2) + "/scale",
                race, Map.of(), Map.of("counts", Map.of("web", 2 + i % 3 / 2))).statusCode());
        assertThat(scales).containsOnly(200, 422).contains(200, 422);
        int total = 0;
        for (String app : apps) {
            total += json.readTree(jdbc.queryForObject("SELECT structure FROM apps WHERE name = ?", String.class, app))
                    .path("web").asInt();
        }
        assertThat(total).as("containers of q-race after the race").isBetween(2, 3);

        List<Integer> domains = concurrently(6, i -> api.send("POST", "/v1/apps/" + apps.get(0) + "/domains", race,
                Map.of(), Map.of("hostname", "d" + i + ".q-race.example")).statusCode());
        assertThat(domains).containsOnly(201, 422).contains(201, 422);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domains WHERE hostname LIKE '%.q-race.example'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void anAdminSetsAUsersOwnLimitsWhichTheUserCanRead() throws Exception {
        String ov = tokenOf("q-ov", false);
        String admin = tokenOf("q-admin", true);
        api.call("POST", "/v1/apps", ov, Map.of("name", "q-ov-one"), 201);
        api.call("POST", "/v1/apps", ov, Map.of("name", "q-ov-two"), 201);
        api.call("POST", "/v1/apps", ov, Map.of("name", "q-ov-three"), 422);

        assertThat(api.call("POST", "/v1/users/q-ov/quotas", ov, Map.of("limits", Map.of("apps", 50)), 403)
                .get("message").asText()).isEqualTo("Only admins set quotas: ask one to run 'paas quotas:set q-ov"
                        + " NAME=N'.");
        JsonNode set = api.call("POST", "/v1/users/q-ov/quotas", admin, Map.of("limits", Map.of("apps", 3,
                "domains", 4)), 200);
        assertThat(set.get("quotas").get(0).toString())
                .isEqualTo("{\"name\":\"apps\",\"scope\":\"user\",\"limit\":3,\"used\":2,\"custom\":true}");
        api.call("POST", "/v1/apps", ov, Map.of("name", "q-ov-three"), 201);
        assertThat(api.call("POST", "/v1/apps", ov, Map.of("name", "q-ov-four"), 422).get("message").asText())
                .isEqualTo("You own 3 apps, the limit per user (3): destroy one with 'paas destroy', or ask an admin"
                        + " to raise it ('paas quotas:set q-ov apps=N').");
        api.call("POST", "/v1/apps/q-ov-one/domains", ov, Map.of("hostname", "a.q-ov.example"), 201);
        api.call("POST", "/v1/apps/q-ov-one/domains", ov, Map.of("hostname", "b.q-ov.example"), 201);

        JsonNode own = api.call("GET", "/v1/users/q-ov/quotas", ov, null, 200);
        assertThat(own.get("username").asText()).isEqualTo("q-ov");
        assertThat(own.get("quotas").toString()).isEqualTo("[{\"name\":\"apps\",\"scope\":\"user\",\"limit\":3,"
                + "\"used\":3,\"custom\":true},{\"name\":\"containers\",\"scope\":\"user\",\"limit\":3,"
                + "\"used\":0,\"custom\":false},{\"name\":\"config-bytes\",\"scope\":\"app\",\"limit\":64,"
                + "\"used\":0,\"custom\":false},{\"name\":\"domains\",\"scope\":\"app\",\"limit\":4,"
                + "\"used\":2,\"custom\":true}]");
        assertThat(api.call("GET", "/v1/users/q-ana/quotas", ov, null, 403).get("message").asText())
                .contains("You see your own quotas");
        api.call("GET", "/v1/users/q-ov/quotas", admin, null, 200);
        api.call("GET", "/v1/users/q-nobody/quotas", admin, null, 404);

        // Back to the default; a name that is no quota, or a negative limit, changes nothing.
        assertThat(api.call("POST", "/v1/users/q-ov/quotas", admin, Map.of("reset", List.of("apps")), 200)
                .get("quotas").get(0).get("limit").asInt()).isEqualTo(2);
        assertThat(api.call("POST", "/v1/users/q-ov/quotas", admin, Map.of("limits", Map.of("cpus", 4)), 422)
                .get("message").asText()).isEqualTo("There is no quota 'cpus': apps, containers, config-bytes, domains.");
        api.call("POST", "/v1/users/q-ov/quotas", admin, Map.of("limits", Map.of("domains", -1)), 422);
        assertThat(jdbc.queryForMap("SELECT apps_per_user, domains_per_app FROM user_quotas q JOIN users u"
                + " ON u.id = q.user_id WHERE u.username = 'q-ov'")).containsEntry("domains_per_app", 4)
                .containsEntry("apps_per_user", null);
    }

    /** Runs {@code call(0..n-1)} on n threads released at once; answers each one's result. */
    private static <T> List<T> concurrently(int n, Attempt<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    interface Attempt<T> {
        T run(int index) throws Exception;
    }

    /** A build and a succeeded release with a web process, written directly: no build runs in this test. */
    private void release(String app) {
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = ?", Long.class, app);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by,"
                + " process_types) VALUES (?, 'abc', 'succeeded', 'img', 'q-race', '{\"web\": \"true\"}') RETURNING id",
                Long.class, appId);
        jdbc.update("INSERT INTO releases (app_id, version, build_id, summary, created_by, status)"
                + " VALUES (?, 1, ?, 'Deploy abc', 'q-race', 'succeeded')", appId, buildId);
    }

    private String tokenOf(String username, boolean admin) {
        User user = users.findByUsername(username)
                .orElseGet(() -> users.save(new User(username, "no-password", admin)));
        return tokens.issue(user);
    }

}
