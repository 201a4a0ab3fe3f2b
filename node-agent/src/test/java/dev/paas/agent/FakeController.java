package dev.paas.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paas.api.DesiredContainer;
import dev.paas.api.DesiredState;
import dev.paas.api.NodeRegistered;
import dev.paas.api.NodeRegistration;
import dev.paas.api.NodeReport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's node API as docs/architecture.md describes it, in memory, for testing the agent's loop: the token
 * registers and the registration answers a credential, the only thing the other endpoints accept.
 */
final class FakeController implements AutoCloseable {

    private static final Pattern DESIRED = Pattern.compile("since=(-?\\d+)&wait=(\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private volatile String token;
    /** The credential of the last registration; null before the first. */
    private volatile String credential;
    /** "PATH BEARER" of every request, in order. */
    final List<String> presented = new CopyOnWriteArrayList<>();
    final List<NodeRegistration> registrations = new CopyOnWriteArrayList<>();
    final List<NodeReport> reports = new CopyOnWriteArrayList<>();
    final List<String> unauthorized = new CopyOnWriteArrayList<>();
    /** The {@code since} of every desired-state request. */
    final List<Long> polledSince = new CopyOnWriteArrayList<>();
    private DesiredState desired = new DesiredState(1, List.of());

    FakeController(int port, String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/nodes/", this::handle);
        server.start();
    }

    /** While set, every request's connection is closed unanswered, as by a controller that is not up yet. */
    volatile boolean down;
    /** Requests closed unanswered while {@link #down}. */
    final AtomicInteger unanswered = new AtomicInteger();

    /** When set, registration answers 409, as for a node name another formation already has. */
    volatile boolean nameTaken;

    /** Registrations still to answer 423, as for a node the controller still heard from moments ago. */
    final AtomicInteger stillLive = new AtomicInteger();

    /** From now on the agent's token is refused, as after {@code paas formations:tokens:revoke}. */
    void revokeToken() {
        token = "revoked";
        credential = "refused with the token";
    }

    /** As if the node registered again elsewhere (a restart of its process): the agent's credential is refused. */
    void replaceCredential() {
        credential = "pnc_replaced";
    }

    String credential() {
        return credential;
    }

    /** Returns the new version. */
    synchronized long desire(List<DesiredContainer> containers) {
        desired = new DesiredState(desired.version() + 1, containers);
        notifyAll();
        return desired.version();
    }

    NodeReport lastReport() {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                unanswered.incrementAndGet();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            presented.add(path + " " + bearer);
            String expected = path.equals("/v1/nodes/register") || credential == null ? token : credential;
            if (!("Bearer " + expected).equals(bearer)) {
                unauthorized.add(exchange.getRequestURI().toString());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (path.equals("/v1/nodes/register") && nameTaken) {
                byte[] body = "{\"message\":\"Node 'n4' is in formation prod (runtime layer): choose another name.\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(409, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.equals("/v1/nodes/register") && stillLive.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                byte[] body = "{\"message\":\"Node 'n7' is live (heard from 3s ago): ... A restarted node retries.\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(423, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.equals("/v1/nodes/register")) {
                NodeRegistration registration = json.readValue(exchange.getRequestBody(), NodeRegistration.class);
                registrations.add(registration);
                credential = "pnc_" + registration.name() + "_" + registrations.size();
                byte[] body = json.writeValueAsBytes(new NodeRegistered(registration.name(), credential));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.endsWith("/observed")) {
                reports.add(json.readValue(exchange.getRequestBody(), NodeReport.class));
                exchange.sendResponseHeaders(204, -1);
            } else if (path.endsWith("/desired")) {
                Matcher query = DESIRED.matcher(exchange.getRequestURI().getQuery());
                if (!query.matches()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                polledSince.add(Long.parseLong(query.group(1)));
                byte[] body = json.writeValueAsBytes(
                        await(Long.parseLong(query.group(1)), Integer.parseInt(query.group(2))));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The long poll: hold the answer while the version still equals {@code since}, at most {@code wait} s. */
    private synchronized DesiredState await(long since, int wait) throws InterruptedException {
        long deadline = System.currentTimeMillis() + wait * 1000L;
        while (desired.version() == since && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return desired;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
