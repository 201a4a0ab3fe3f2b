package dev.paas.controller.addon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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
 * Add-ons on the real controller and PostgreSQL, without a node-agent: what create, attach, detach and destroy
 * write (config vars, the node's desired state) and every bad input refused with nothing changed. Apps without a
 * build take config changes without a release, so no rollout is needed here (the e2e AddonsIT rolls them out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddonsIT {

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
    @Autowired
    dev.paas.controller.schedule.Scheduler scheduler;

    ApiCalls api;
    String owner;
    String stranger;
    String node;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiCalls.properties(registry, "addons-it");
        registry.add("paas.addons.ready-wait", () -> "0s");
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new ApiCalls(port, json);
        owner = tokenOf("addons-owner");
        stranger = tokenOf("addons-stranger");
        node = api.registerNode(ApiCalls.NODE_TOKEN, Map.of("name", "addons-node", "address", "127.0.0.1",
                "capacityMb", 4096));
        for (String app : List.of("addons-shop", "addons-admin", "addons-taken")) {
            if (jdbc.queryForObject("SELECT count(*) FROM apps WHERE name = ?", Integer.class, app) == 0) {
                api.call("POST", "/v1/apps", owner, Map.of("name", app), 201);
            }
        }
    }

    @Test
    void createAttachDetachDestroy() throws Exception {
        heartbeat();
        JsonNode created = api.call("POST", "/v1/addons", owner, Map.of("type", "postgres", "app", "addons-shop"), 201);
        String name = created.at("/addon/name").asText();
        assertThat(name).matches("postgres-[a-z]+-[0-9]{2}");
        assertThat(created.at("/addon/node").asText()).isNotEmpty();
        assertThat(created.at("/addon/attachments/0/var").asText()).isEqualTo("DATABASE_URL");
        String url = config("addons-shop").get("DATABASE_URL");
        assertThat(url).matches("postgres://u[a-z0-9]{11}:[a-z0-9]{32}@" + name + ":19[0-9]{3}/d[a-z0-9]{11}");

        // The node that runs it is told to, with its volume, network, user and memory limit.
        String runsOn = created.at("/addon/node").asText();
        if (runsOn.equals("addons-node")) {
            JsonNode service = serviceIn(desired(), name);
            assertThat(service.get("image").asText()).isEqualTo("paas/addon-postgres:15-r2");
            assertThat(service.get("memoryMb").asInt()).isEqualTo(256);
            assertThat(service.at("/service/volume").asText()).isEqualTo("paas-addon-" + name);
            assertThat(service.at("/service/user").asText()).isEqualTo("postgres");
            assertThat(service.at("/env/POSTGRES_PASSWORD").asText()).isEqualTo(url.split("[:@]")[2]);
        }

        // Attached elsewhere under an alias; twice is refused; an existing var is never overwritten.
        api.call("POST", "/v1/addons/" + name + "/attachments", owner, Map.of("app", "addons-admin", "as", "ANALYTICS"), 200);
        assertThat(config("addons-admin").get("ANALYTICS_URL")).isEqualTo(url);
        assertThat(api.call("POST", "/v1/addons/" + name + "/attachments", owner,
                Map.of("app", "addons-admin", "as", "OTHER"), 409).get("message").asText())
                .isEqualTo(name + " is already attached to addons-admin: 'paas addons -a addons-admin' lists it.");
        api.call("POST", "/v1/apps/addons-taken/config", owner, Map.of("set", Map.of("DATABASE_URL", "mine")), 200);
        assertThat(api.call("POST", "/v1/addons/" + name + "/attachments", owner, Map.of("app", "addons-taken"), 409)
                .get("message").asText()).contains("addons-taken already has DATABASE_URL, which is left as it is")
                .contains("--as NAME");
        assertThat(config("addons-taken")).containsEntry("DATABASE_URL", "mine").doesNotContainKey("ANALYTICS_URL");
        assertThat(api.call("POST", "/v1/addons/" + name + "/attachments", owner,
                Map.of("app", "addons-taken", "as", "bad-alias"), 422).get("message").asText())
                .contains("Alias 'bad-alias' is invalid");

        // The app lists it; a stranger cannot see it at all.
        JsonNode listed = api.call("GET", "/v1/apps/addons-shop/addons", owner, null, 200);
        assertThat(listed.get(0).get("name").asText()).isEqualTo(name);
        assertThat(listed.get(0).get("plan").asText()).isEqualTo("hobby");
        api.call("GET", "/v1/addons/" + name, stranger, null, 404);
        api.call("POST", "/v1/addons/" + name + "/attachments", stranger, Map.of("app", "addons-admin"), 404);

        // Destroy: confirmed, refused while attached, detached, then gone; its volume is discarded on its node.
        api.call("DELETE", "/v1/addons/" + name, owner, null, 400);
        assertThat(api.call("DELETE", "/v1/addons/" + name + "?confirm=" + name, owner, null, 409).get("message")
                .asText()).contains("attached to addons-shop, addons-admin").contains("--force");
        api.call("DELETE", "/v1/addons/" + name + "/attachments/addons-admin", owner, null, 200);
        assertThat(config("addons-admin")).doesNotContainKey("ANALYTICS_URL");
        api.call("DELETE", "/v1/addons/" + name + "?confirm=" + name + "&force=true", owner, null, 204);
        assertThat(config("addons-shop")).doesNotContainKey("DATABASE_URL");
        api.call("GET", "/v1/addons/" + name, owner, null, 404);
        if (runsOn.equals("addons-node")) {
            JsonNode after = desired();
            assertThat(serviceIn(after, name)).isNull();
            assertThat(after.get("discarded").toString()).contains(name);
        }
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        heartbeat();
        int before = jdbc.queryForObject("SELECT count(*) FROM addons", Integer.class);
        assertThat(api.call("POST", "/v1/addons", owner, Map.of("type", "mongodb", "app", "addons-shop"), 422)
                .get("message").asText()).isEqualTo("Unknown add-on type 'mongodb': use one of postgres, mysql, redis.");
        assertThat(api.call("POST", "/v1/addons", owner, Map.of("type", "postgres", "app", "addons-shop", "plan",
                "gigantic"), 422).get("message").asText()).startsWith("Unknown plan 'gigantic': use one of hobby");
        assertThat(api.call("POST", "/v1/addons", owner, Map.of("type", "postgres", "app", "addons-shop", "as",
                "PAAS_DB"), 422).get("message").asText()).contains("Alias 'PAAS_DB' is invalid");
        api.call("POST", "/v1/addons", stranger, Map.of("type", "postgres", "app", "addons-shop"), 404);
        api.call("POST", "/v1/addons", owner, Map.of("app", "addons-shop"), 400);
        api.call("POST", "/v1/apps/addons-taken/config", owner, Map.of("set", Map.of("DATABASE_URL", "mine")), 200);
        assertThat(api.call("POST", "/v1/addons", owner, Map.of("type", "postgres", "app", "addons-taken"), 409)
                .get("message").asText()).contains("already has DATABASE_URL").contains("--as NAME");
        api.call("GET", "/v1/addons/postgres-no-such-99", owner, null, 404);
        assertThat(api.send("GET", "/v1/addons/..%2Fetc", owner, Map.of(), null).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM addons", Integer.class)).isEqualTo(before);
        assertThat(config("addons-taken")).containsEntry("DATABASE_URL", "mine");
    }

    @Test
    void mysqlAndRedisAttachUnderTheirOwnNamesAndRotationGivesEveryAttachedAppTheNewPassword() throws Exception {
        heartbeat();
        api.call("POST", "/v1/apps", owner, Map.of("name", "addons-cache"), 201);
        String mysql = api.call("POST", "/v1/addons", owner, Map.of("type", "mysql", "app", "addons-cache"), 201)
                .at("/addon/name").asText();
        JsonNode created = api.call("POST", "/v1/addons", owner, Map.of("type", "redis", "app", "addons-cache"), 201);
        String redis = created.at("/addon/name").asText();
        assertThat(mysql).matches("mysql-[a-z]+-[0-9]{2}");
        assertThat(config("addons-cache").get("MYSQL_URL"))
                .matches("mysql://u[a-z0-9]{11}:[a-z0-9]{32}@" + mysql + ":19[0-9]{3}/d[a-z0-9]{11}");
        String before = config("addons-cache").get("REDIS_URL");
        assertThat(before).matches("redis://u[a-z0-9]{11}:[a-z0-9]{32}@" + redis + ":19[0-9]{3}");
        api.call("POST", "/v1/addons/" + redis + "/attachments", owner, Map.of("app", "addons-admin", "as", "CACHE"),
                200);
        if (created.at("/addon/node").asText().equals("addons-node")) {
            JsonNode service = serviceIn(desired(), redis);
            assertThat(service.get("image").asText()).isEqualTo("paas/addon-redis:7-r2");
            assertThat(service.at("/service/user").asText()).isEqualTo("redis");
        }

        // Only the owner (or an admin) may rotate: it changes every attached app. A collaborator on one is refused.
        api.call("POST", "/v1/apps/addons-cache/access", owner, Map.of("username", "addons-stranger"), 201);
        try {
            assertThat(api.call("POST", "/v1/addons/" + redis + "/credentials/rotate", stranger, null, 403)
                    .get("message").asText()).contains("Only " + redis + "'s owner or an admin");
        } finally {
            api.call("DELETE", "/v1/apps/addons-cache/access/addons-stranger", owner, null, 204);
        }
        api.call("POST", "/v1/addons/" + redis + "/credentials/rotate", stranger, null, 404);
        api.call("POST", "/v1/addons/redis-no-such-99/credentials/rotate", owner, null, 404);
        assertThat(config("addons-cache").get("REDIS_URL")).isEqualTo(before);

        JsonNode rotated = api.call("POST", "/v1/addons/" + redis + "/credentials/rotate", owner, null, 200);
        assertThat(rotated.at("/apps/0/app").asText()).isEqualTo("addons-cache");
        assertThat(rotated.at("/apps/1/var").asText()).isEqualTo("CACHE_URL");
        String after = config("addons-cache").get("REDIS_URL");
        assertThat(after).isNotEqualTo(before).startsWith(before.substring(0, before.indexOf(':', 8) + 1))
                .endsWith(before.substring(before.lastIndexOf('@')));
        assertThat(config("addons-admin").get("CACHE_URL")).isEqualTo(after);
        if (created.at("/addon/node").asText().equals("addons-node")) {
            JsonNode desired = desired();
            assertThat(serviceIn(desired, redis)).isNull();
            JsonNode service = serviceNamed(desired, "addon." + redis + ".c2");
            assertThat(service.at("/env/REDIS_PASSWORD").asText()).isEqualTo(after.split("[:@]")[2]);
        }
        api.call("DELETE", "/v1/addons/" + redis + "?confirm=" + redis + "&force=true", owner, null, 204);
        api.call("DELETE", "/v1/addons/" + mysql + "?confirm=" + mysql + "&force=true", owner, null, 204);
        assertThat(config("addons-admin")).doesNotContainKey("CACHE_URL");
        api.call("DELETE", "/v1/apps/addons-cache", owner, null, 204);
    }

    @Test
    void aNodesAddonServicesCountAgainstTheMemoryAppContainersArePlacedIn() throws Exception {
        String admin = api.login("admin", ApiCalls.ADMIN_PASSWORD);
        if (jdbc.queryForObject("SELECT count(*) FROM formations WHERE name = 'addons-mem'", Integer.class) == 0) {
            api.call("POST", "/v1/formations", admin, Map.of("name", "addons-mem"), 201);
        }
        // Room for one app container at the platform's default limit and 128 MB more: not for a 256 MB add-on too.
        Long formationId = jdbc.queryForObject("SELECT id FROM formations WHERE name = 'addons-mem'", Long.class);
        jdbc.update("UPDATE formations SET memory_overcommit = 1.0 WHERE id = ?", formationId);
        int capacity = scheduler.containerMemoryMb() + 128;
        String memNode = api.registerNode(ApiCalls.NODE_TOKEN, Map.of("name", "addons-mem-node", "address",
                "127.0.0.1", "formation", "addons-mem", "layer", "runtime", "capacityMb", capacity));
        api.call("PUT", "/v1/nodes/addons-mem-node/observed", memNode, Map.of("containers", List.of()), 204);
        api.call("POST", "/v1/apps", owner, Map.of("name", "addons-mem-app", "formation", "addons-mem"), 201);
        // Attached before the app's first release, so no container is placed yet.
        String name = api.call("POST", "/v1/addons", owner, Map.of("type", "redis", "app", "addons-mem-app", "as",
                "CACHE"), 201).at("/addon/name").asText();
        assertThat(api.call("GET", "/v1/addons/" + name, owner, null, 200).get("node").asText())
                .isEqualTo("addons-mem-node");
        Long appId = jdbc.queryForObject("SELECT id FROM apps WHERE name = 'addons-mem-app'", Long.class);
        Long buildId = jdbc.queryForObject("INSERT INTO builds (app_id, git_sha, status, image, created_by,"
                + " process_types) VALUES (?, 'abc', 'succeeded', 'img', 'admin', '{\"web\": \"python3 app.py\"}')"
                + " RETURNING id", Long.class, appId);
        jdbc.update("INSERT INTO releases (app_id, version, build_id, summary, created_by, status)"
                + " VALUES (?, 1, ?, 'Deploy abc', 'admin', 'succeeded')", appId, buildId);
        assertThat(api.call("POST", "/v1/apps/addons-mem-app/scale", owner, Map.of("counts", Map.of("web", 1)), 409)
                .get("message").asText()).startsWith("No capacity in formation addons-mem for web");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM containers WHERE app_id = ?", Integer.class, appId))
                .isZero();
        // Destroying the app detaches the add-on without a release (a detach's release would be placed while the
        // add-on still holds its memory).
        api.call("DELETE", "/v1/apps/addons-mem-app", owner, null, 204);
        api.call("DELETE", "/v1/addons/" + name + "?confirm=" + name, owner, null, 204);
    }

    @Test
    void destroyingAnAppDetachesItsAddonsButKeepsThem() throws Exception {
        heartbeat();
        api.call("POST", "/v1/apps", owner, Map.of("name", "addons-doomed"), 201);
        String name = api.call("POST", "/v1/addons", owner, Map.of("type", "postgres", "app", "addons-doomed"), 201)
                .at("/addon/name").asText();
        api.call("DELETE", "/v1/apps/addons-doomed", owner, null, 204);
        JsonNode info = api.call("GET", "/v1/addons/" + name, owner, null, 200);
        assertThat(info.get("attachments")).isEmpty();
        api.call("DELETE", "/v1/addons/" + name + "?confirm=" + name, owner, null, 204);
    }

    private Map<String, String> config(String app) throws Exception {
        return json.convertValue(api.call("GET", "/v1/apps/" + app + "/config", owner, null, 200),
                json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    private JsonNode desired() throws Exception {
        return api.call("GET", "/v1/nodes/addons-node/desired?wait=0", node, null, 200);
    }

    private static JsonNode serviceIn(JsonNode desired, String name) {
        return serviceNamed(desired, "addon." + name);
    }

    private static JsonNode serviceNamed(JsonNode desired, String containerName) {
        for (JsonNode container : desired.get("containers")) {
            if (container.get("name").asText().equals(containerName)) {
                return container;
            }
        }
        return null;
    }

    /** Other ITs' nodes may be live too; this one must be, for placement. */
    private void heartbeat() throws Exception {
        api.call("PUT", "/v1/nodes/addons-node/observed", node, Map.of("containers", List.of()), 204);
    }

    private String tokenOf(String username) {
        User user = users.findByUsername(username).orElseGet(() -> users.save(new User(username, "no-password", false)));
        return tokens.issue(user);
    }
}
