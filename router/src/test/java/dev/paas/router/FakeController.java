package dev.paas.router;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paas.api.RouteTable;
import dev.paas.api.RouterAck;

/**
 * The controller's two router endpoints on 127.0.0.1, as the REST contract describes them: the route table is
 * answered at once when its version differs from {@code since}, else after the wait (cut short here).
 */
public final class FakeController implements AutoCloseable {

    public static final String TOKEN = "node-token";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    /** Several threads: a long poll must not hold up an acknowledgement. */
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile RouteTable table = new RouteTable(0, List.of());
    final List<String> polls = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> acks = new LinkedBlockingQueue<>();
    /** Requests refused for their token. */
    final AtomicInteger refused = new AtomicInteger();

    public FakeController() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/routes", this::routes);
        server.createContext("/v1/routers/", this::applied);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void publish(RouteTable next) {
        table = next;
    }

    /** The next acknowledgement as "router:version", or null if none comes within 10 seconds. */
    public String nextAck() throws InterruptedException {
        return acks.poll(10, TimeUnit.SECONDS);
    }

    private void routes(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        polls.add(query);
        long since = Long.parseLong(query.replaceAll(".*since=(-?\\d+).*", "$1"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (table.version() == since && System.nanoTime() < deadline) {
            sleep();
        }
        send(exchange, 200, json.writeValueAsString(table));
    }

    private void applied(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String router = exchange.getRequestURI().getPath().replaceAll("/v1/routers/([^/]+)/applied", "$1");
        RouterAck ack = json.readValue(exchange.getRequestBody(), RouterAck.class);
        acks.add(router + ":" + ack.version());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        refused.incrementAndGet();
        send(exchange, 401, "{\"message\":\"Invalid node token.\"}");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
