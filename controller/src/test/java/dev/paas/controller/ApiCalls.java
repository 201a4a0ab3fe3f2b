package dev.paas.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the controller's API integration tests share: the properties of a controller on the one test database, and
 * JSON calls to its API that assert the status they answer.
 */
public final class ApiCalls {

    /** The same in every IT: they share one database, where the first context to start made the admin. */
    public static final String ADMIN_PASSWORD = "admin-pw";
    public static final String NODE_TOKEN = "node-secret";

    private final int port;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiCalls(int port, ObjectMapper json) {
        this.port = port;
        this.json = json;
    }

    /** A controller on the shared PostgreSQL, on 127.0.0.1, with a data directory of its own, which it answers. */
    public static Path properties(DynamicPropertyRegistry registry, String name) throws IOException {
        TestPostgres.register(registry);
        Path dataDir = Files.createTempDirectory("paas-" + name);
        registry.add("paas.data-dir", dataDir::toString);
        registry.add("paas.ssh-port", ApiCalls::freePort);
        registry.add("paas.node-token", () -> NODE_TOKEN);
        registry.add("paas.admin-password", () -> ADMIN_PASSWORD);
        registry.add("server.address", () -> "127.0.0.1");
        return dataDir;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in and answers the API token. */
    public String login(String username, String password) throws Exception {
        return call("POST", "/v1/login", null, Map.of("username", username, "password", password), 200)
                .get("token").asText();
    }

    /** Registers a node with {@code token} (the node token or a join token) and answers its credential. */
    public String registerNode(String token, Map<String, Object> registration) throws Exception {
        return call("POST", "/v1/nodes/register", token, registration, 200).get("credential").asText();
    }

    public JsonNode call(String method, String path, String bearer, Object body, int status) throws Exception {
        return call(method, path, bearer, Map.of(), body, status);
    }

    /** The answer's JSON (a null node when it has no body), after asserting its status. */
    public JsonNode call(String method, String path, String bearer, Map<String, String> headers, Object body,
                         int status) throws Exception {
        HttpResponse<String> response = send(method, path, bearer, headers, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    /** The answer as it came, whatever its status. */
    public HttpResponse<String> send(String method, String path, String bearer, Map<String, String> headers,
                                     Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
