package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paas.api.LogBatch;
import dev.paas.api.NodeRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A joined router registers with its join token, then presents its node's credential for everything else. */
class ControllerClientTest {

    private static final String JOIN = "pjt_join";

    private HttpServer server;
    private final List<String> presented = new CopyOnWriteArrayList<>();
    /** What the fake accepts besides the join token at registration; null: the join token everywhere (a legacy one). */
    private volatile String credential;
    private volatile boolean answersCredentials = true;
    private volatile boolean tokenRevoked;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void presentsTheJoinTokenOnlyToRegisterThenItsCredential() throws Exception {
        ControllerClient client = client();
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        client.heartbeat("edge-1");
        client.routes(-1, Duration.ZERO);
        client.acknowledge("edge-1", 3);
        client.logs("edge-1", new LogBatch(List.of()));
        assertThat(presented).containsExactly("/v1/nodes/register Bearer " + JOIN,
                "/v1/nodes/edge-1/observed Bearer pnc_1", "/v1/routes Bearer pnc_1",
                "/v1/routers/edge-1/applied Bearer pnc_1", "/v1/routers/edge-1/logs Bearer pnc_1");
        assertThat(client.mustRegisterAgain()).isFalse();
    }

    @Test
    void aRefusedCredentialIsForgottenAndTheRouterRegistersAgain() throws Exception {
        ControllerClient client = client();
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        credential = "pnc_other";

        assertThatThrownBy(() -> client.heartbeat("edge-1")).isInstanceOf(IOException.class)
                .isNotInstanceOf(ControllerClient.RefusedException.class).hasMessageContaining("registering again");
        assertThat(client.mustRegisterAgain()).isTrue();
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        assertThat(client.mustRegisterAgain()).isFalse();
        client.heartbeat("edge-1");
        assertThat(presented.get(presented.size() - 1)).isEqualTo("/v1/nodes/edge-1/observed Bearer " + credential);
    }

    @Test
    void aRevokedJoinTokenEndsInARefusalAtTheNextRegistration() throws Exception {
        ControllerClient client = client();
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        tokenRevoked = true;
        credential = "pnc_revoked";
        assertThatThrownBy(() -> client.heartbeat("edge-1")).isNotInstanceOf(ControllerClient.RefusedException.class);
        assertThatThrownBy(() -> client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0)))
                .isInstanceOf(ControllerClient.RefusedException.class).hasMessageContaining("was revoked");
    }

    @Test
    void aControllerWithoutCredentialsKeepsGettingTheToken() throws Exception {
        answersCredentials = false;
        ControllerClient client = client();
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        client.heartbeat("edge-1");
        assertThat(presented).containsExactly("/v1/nodes/register Bearer " + JOIN,
                "/v1/nodes/edge-1/observed Bearer " + JOIN);
    }

    @Test
    void movesToTheNextControllerWhenOneCannotBeReached() throws Exception {
        int dead;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = closed.getLocalPort();
        }
        dev.paas.api.ControllerUrls urls = dev.paas.api.ControllerUrls.parse("http://127.0.0.1:" + dead
                + ",http://127.0.0.1:" + server.getAddress().getPort());
        ControllerClient client = new ControllerClient(urls, JOIN);

        assertThatThrownBy(() -> client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0)))
                .isInstanceOf(IOException.class);
        // The router's loop retries: the retry reaches the live controller, and so does everything after it.
        client.register(new NodeRegistration("edge-1", "127.0.0.1", null, null, 0));
        client.routes(-1, Duration.ZERO);
        assertThat(presented).containsExactly("/v1/nodes/register Bearer " + JOIN, "/v1/routes Bearer pnc_1");
    }

    private ControllerClient client() {
        return new ControllerClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), JOIN);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            presented.add(path + " " + bearer);
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/v1/nodes/register")) {
                if (tokenRevoked || !bearer.equals("Bearer " + JOIN)) {
                    send(exchange, 401, "{\"message\":\"Join token 1 (pjt_join...) was revoked by admin.\"}");
                } else if (!answersCredentials) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    credential = "pnc_" + presented.stream().filter(p -> p.startsWith("/v1/nodes/register")).count();
                    send(exchange, 200, "{\"node\":\"edge-1\",\"credential\":\"" + credential + "\"}");
                }
                return;
            }
            String expected = answersCredentials ? credential : JOIN;
            if (!("Bearer " + expected).equals(bearer)) {
                send(exchange, 401, "{\"message\":\"Unknown node credential: register again.\"}");
            } else if (path.equals("/v1/routes")) {
                send(exchange, 200, "{\"version\":1,\"routes\":[]}");
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
