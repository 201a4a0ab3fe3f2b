package dev.paas.controller.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.controller.TestPostgres;
import dev.paas.controller.user.TokenService;
import dev.paas.controller.user.User;
import dev.paas.controller.user.UserRepository;
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

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.register(registry);
        String dataDir = Files.createTempDirectory("paas-quotas-it").toString();
        registry.add("paas.data-dir", () -> dataDir);
        registry.add("paas.ssh-port", QuotasIT::freePort);
        registry.add("paas.node-token", () -> "node-secret");
        registry.add("paas.admin-password", () -> "admin-pw");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("paas.quotas.apps-per-user", () -> "2");
        registry.add("paas.quotas.containers-per-user", () -> "3");
        registry.add("paas.quotas.config-bytes-per-app", () -> "64");
        registry.add("paas.quotas.domains-per-app", () -> "1");
    }

    @Test
    void appsPerUser() throws Exception {
        String ana = tokenOf("q-ana", false);
        call("POST", "/v1/apps", ana, Map.of("name", "q-ana-one"), 201);
        call("POST", "/v1/apps", ana, Map.of("name", "q-ana-two"), 201);
        assertThat(call("POST", "/v1/apps", ana, Map.of("name", "q-ana-three"), 422).get("message").asText())
                .isEqualTo("You own 2 apps, the limit per user (2): destroy one with 'paas destroy', or ask an admin"
                        + " to raise paas.quotas.apps-per-user.");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM apps WHERE name = 'q-ana-three'", Integer.class)).isZero();

        call("DELETE", "/v1/apps/q-ana-two", ana, null, 204);
        call("POST", "/v1/apps", ana, Map.of("name", "q-ana-three"), 201);

        String admin = tokenOf("q-admin", true);
        for (String name : new String[] {"q-adm-one", "q-adm-two", "q-adm-three"}) {
            call("POST", "/v1/apps", admin, Map.of("name", name), 201);
        }
    }

    @Test
    void containersPerUserAcrossTheirApps() throws Exception {
        String bo = tokenOf("q-bo", false);
        call("POST", "/v1/apps", bo, Map.of("name", "q-bo-api"), 201);
        call("POST", "/v1/apps", bo, Map.of("name", "q-bo-web"), 201);
        jdbc.update("UPDATE apps SET structure = '{\"web\": 2}' WHERE name = 'q-bo-api'");
        assertThat(call("POST", "/v1/apps/q-bo-web/scale", bo, Map.of("counts", Map.of("web", 2)), 422)
                .get("message").asText()).isEqualTo("Scaling q-bo-web would make 4 containers across the apps of q-bo"
                        + " (2 now), over the limit of 3 per user: scale something down, or ask an admin to raise"
                        + " paas.quotas.containers-per-user.");
        assertThat(jdbc.queryForObject("SELECT structure FROM apps WHERE name = 'q-bo-web'", String.class))
                .isEqualTo("{}");
        // Within the quota the scale goes on to its own checks (this app has no release yet).
        assertThat(call("POST", "/v1/apps/q-bo-web/scale", bo, Map.of("counts", Map.of("web", 1)), 409)
                .get("message").asText()).contains("has no release yet");
        // An admin scaling it is not limited by the owner's quota.
        call("POST", "/v1/apps/q-bo-web/scale", tokenOf("q-admin", true), Map.of("counts", Map.of("web", 2)), 409);
    }

    @Test
    void configBytesPerApp() throws Exception {
        String cy = tokenOf("q-cy", false);
        call("POST", "/v1/apps", cy, Map.of("name", "q-cy-app"), 201);
        call("POST", "/v1/apps/q-cy-app/config", cy, Map.of("set", Map.of("GREETING", "hi")), 200);
        assertThat(call("POST", "/v1/apps/q-cy-app/config", cy, Map.of("set", Map.of("BLOB", "x".repeat(60))), 422)
                .get("message").asText()).isEqualTo("The config of q-cy-app would be 74 bytes of keys and values"
                        + " (10 now), over the limit of 64 per app: unset something, or ask an admin to raise"
                        + " paas.quotas.config-bytes-per-app.");
        assertThat(call("GET", "/v1/apps/q-cy-app/config", cy, null, 200)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM releases r JOIN apps a ON a.id = r.app_id"
                + " WHERE a.name = 'q-cy-app' AND r.summary LIKE '%BLOB%'", Integer.class)).isZero();
    }

    @Test
    void domainsPerApp() throws Exception {
        String di = tokenOf("q-di", false);
        call("POST", "/v1/apps", di, Map.of("name", "q-di-app"), 201);
        call("POST", "/v1/apps/q-di-app/domains", di, Map.of("hostname", "one.q-di.example"), 201);
        assertThat(call("POST", "/v1/apps/q-di-app/domains", di, Map.of("hostname", "two.q-di.example"), 422)
                .get("message").asText()).isEqualTo("q-di-app has 1 custom domains, the limit per app (1): remove one"
                        + " with 'paas domains:remove', or ask an admin to raise paas.quotas.domains-per-app.");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domains WHERE hostname = 'two.q-di.example'",
                Integer.class)).isZero();
    }

    private String tokenOf(String username, boolean admin) {
        User user = users.findByUsername(username)
                .orElseGet(() -> users.save(new User(username, "no-password", admin)));
        return tokens.issue(user);
    }

    private JsonNode call(String method, String path, String bearer, Object body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
