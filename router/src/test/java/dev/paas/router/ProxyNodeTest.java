package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every router registers as a proxy node before it reads a route, also on the cluster's node token (which opens
 * registration and nothing else), and retries a registration the controller deferred.
 */
class ProxyNodeTest {

    private static final String TOKEN = "node-token";

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    private final List<String> heartbeats = new CopyOnWriteArrayList<>();
    private final AtomicInteger deferred = new AtomicInteger(1);
    private HttpServer server;
    private Thread node;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/nodes/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.interrupt();
            node.join(5_000);
        }
        server.stop(0);
    }

    @Test
    void aRouterOnTheNodeTokenRegistersAsAProxyNodeRetryingADeferralThenHeartbeatsWithItsCredential()
            throws Exception {
        ControllerClient client = new ControllerClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TOKEN);
        ProxyNode proxy = new ProxyNode(client, "router1", "127.0.0.1", Duration.ofMillis(100));
        node = new Thread(proxy, "proxy-node");
        node.start();

        CompletableFuture.runAsync(() -> {
            try {
                proxy.awaitRegistration();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(deferred.get()).as("the deferred registration was tried again").isZero();
        assertThat(registrations).hasSize(1);
        assertThat(registrations.get(0).get("name").asText()).isEqualTo("router1");
        assertThat(registrations.get(0).get("layer").asText()).isEqualTo("proxy");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heartbeats.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(heartbeats).isNotEmpty().allMatch(bearer -> bearer.equals("Bearer pnc_router1"));
    }

    /** A controller that restarts (connections refused for a while) must not end the heartbeat. */
    @Test
    void heartbeatsResumeWhenTheControllerIsBackAfterRefusingConnections() throws Exception {
        int port = server.getAddress().getPort();
        ControllerClient client = new ControllerClient(URI.create("http://127.0.0.1:" + port), TOKEN);
        ProxyNode proxy = new ProxyNode(client, "router1", "127.0.0.1", Duration.ofMillis(50));
        node = new Thread(proxy, "proxy-node");
        node.start();
        awaitHeartbeats(1);

        server.stop(0);
        Thread.sleep(500);  // several heartbeats meet a refused connection
        int before = heartbeats.size();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/nodes/", this::handle);
        server.start();

        awaitHeartbeats(before + 2);
        assertThat(node.isAlive()).isTrue();
        assertThat(heartbeats.size()).isGreaterThanOrEqualTo(before + 2);
    }

    private void awaitHeartbeats(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heartbeats.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1/nodes/register") && ("Bearer " + TOKEN).equals(bearer)) {
            if (deferred.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                send(exchange, 423, "{\"message\":\"Node 'router1' is live (heard from 2s ago) ...\"}");
                return;
            }
            registrations.add(json.readTree(exchange.getRequestBody()));
            send(exchange, 200, "{\"node\":\"router1\",\"credential\":\"pnc_router1\"}");
        } else if (path.equals("/v1/nodes/router1/observed")) {
            heartbeats.add(bearer);
            send(exchange, 204, null);
        } else {
            send(exchange, 403, "{\"message\":\"The node token only registers a node\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
