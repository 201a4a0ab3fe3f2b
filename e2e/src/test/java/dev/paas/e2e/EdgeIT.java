package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The router's edge on the Node.js sample examples/node-websocket: a WebSocket that lives through a rollout, an
 * event stream passed on unbuffered, the forwarded headers and request id (also in the router's log lines),
 * maintenance mode and the per-app body limit.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EdgeIT {

    private final String app = "edge-" + UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;
    private Path dir;

    @BeforeAll
    void deploy() {
        cluster = SharedCluster.cluster();
        try {
            user = User.loggedIn(cluster);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        dir = user.checkout("node-websocket", app);
        Shell.Result push = Shell.timed("EdgeIT: node-websocket push", () -> user.push(dir));
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(cluster.curl(app).out()).isEqualTo("WebSocket echo, release first\n200");
    }

    /**
     * The connection goes to the old container, which the rollout retires: the router never cuts it (backends change
     * without a reload), and the app, told to stop, finishes its open connections within the stop grace period.
     */
    @Test
    void aWebSocketOpenedBeforeARolloutStillEchoesAfterIt() throws Exception {
        try (WebSocketClient socket = new WebSocketClient(cluster.routerPort, host())) {
            assertThat(socket.echo("before the rollout")).isEqualTo("before the rollout");

            Shell.Result set = paas("config:set", "RELEASE_NOTE=second");
            assertThat(cluster.curl(app).out()).isEqualTo("WebSocket echo, release second\n200");

            assertThat(socket.echo("after the rollout")).isEqualTo("after the rollout");
            assertThat(set.out()).contains("v2");
        }
        try (WebSocketClient fresh = new WebSocketClient(cluster.routerPort, host())) {
            assertThat(fresh.echo("on the new release")).isEqualTo("on the new release");
        }
    }

    /** The app sends one event at once and the next two seconds later; the stream stays open for minutes. */
    @Test
    void serverSentEventsArriveAsTheAppSendsThem() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", cluster.routerPort), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /events HTTP/1.1\r\nHost: " + host() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            assertThat(in.readLine()).startsWith("HTTP/1.1 200 ");
            String line = in.readLine();
            for (int i = 0; i < 50 && line != null && !line.startsWith("data: "); i++) {
                line = in.readLine();
            }
            assertThat(line).startsWith("data: event 1 from ");
        }
    }

    @Test
    void theAppSeesForwardedHeadersAndTheRequestIdWhichTheRouterLogs() {
        String id = "edge-e2e-" + UUID.randomUUID();
        Shell.Result headers = Shell.run(dir, java.util.Map.of(), "curl", "-sS", "--max-time", "5",
                "-H", "Host: " + host(), "-H", "X-Request-Id: " + id, "http://127.0.0.1:" + cluster.routerPort + "/headers");
        Shell.Result made = cluster.curl(app, "/headers");

        assertThat(headers.out()).as(headers.all()).contains("\"x-request-id\":\"" + id + "\"",
                "\"x-forwarded-for\":\"127.0.0.1\"", "\"x-forwarded-proto\":\"http\"",
                "\"x-forwarded-port\":\"" + cluster.routerPort + "\"");
        assertThat(made.out()).containsPattern("\"x-request-id\":\"[0-9a-f]{32}\"");
        Wait.until(Duration.ofSeconds(30), () -> paas("logs", "-n", "500").out()
                .contains("path=\"/headers\" host=" + host() + " status=200"));
        assertThat(paas("logs", "-n", "500").out()).contains("request_id=" + id + "\n");
    }

    @Test
    void maintenanceAnswers503WithoutAReleaseAndOffServesTheSameContainersAgain() throws Exception {
        String releases = paas("releases").out();
        String ps = processes();

        paas("maintenance:on");
        Shell.Result platformPage = cluster.curl(app, "/anything");
        Path page = Files.writeString(dir.resolve("down.html"), "<h1>" + app + " is moving house</h1>\n");
        paas("maintenance:on", "--page", page.toString());
        Shell.Result ownPage = cluster.curl(app);
        Shell.Result shown = paas("maintenance");
        Shell.Result webSocket = Shell.run(dir, java.util.Map.of(), "curl", "-sS", "--max-time", "5", "-o", "/dev/null",
                "-w", "%{http_code}", "-H", "Host: " + host(), "-H", "Upgrade: websocket", "-H", "Connection: Upgrade",
                "http://127.0.0.1:" + cluster.routerPort + "/");
        paas("maintenance:off");

        assertThat(platformPage.out()).contains(app + " is down for maintenance").endsWith("503");
        assertThat(ownPage.out()).isEqualTo("<h1>" + app + " is moving house</h1>\n503");
        assertThat(shown.out()).contains("Maintenance of " + app + ": on (every request answers 503 with the app's own page");
        assertThat(webSocket.out()).isEqualTo("503");
        assertThat(cluster.curl(app).out()).endsWith("200");
        assertThat(paas("releases").out()).as("no release was made").isEqualTo(releases);
        assertThat(processes()).as("the same containers serve").isEqualTo(ps);
        assertThat(paas("logs", "-n", "500").out()).contains("Maintenance on by admin", "Maintenance off by admin");
    }

    @Test
    void aBodyOverTheAppsLimitIsRefusedByTheRouter() throws Exception {
        Path body = dir.resolve("body.bin");
        Files.write(body, new byte[2 * 1024 * 1024]);
        String url = "http://127.0.0.1:" + cluster.routerPort + "/";

        Shell.Result limits = paas("router:limits:set", "--body-mb", "1");
        Shell.Result refused = Shell.run(dir, java.util.Map.of(), "curl", "-sS", "--max-time", "10", "-o", "/dev/null",
                "-w", "%{http_code}", "-H", "Host: " + host(), "--data-binary", "@" + body, url);
        paas("router:limits:set", "--body-mb", "0");
        Shell.Result taken = Shell.run(dir, java.util.Map.of(), "curl", "-sS", "--max-time", "10", "-o", "/dev/null",
                "-w", "%{http_code}", "-H", "Host: " + host(), "--data-binary", "@" + body, url);

        assertThat(limits.out()).contains("Request body: up to 1 MB\n");
        assertThat(refused.out()).isEqualTo("413");
        assertThat(taken.out()).isEqualTo("200");
        assertThat(paas("router:limits").out()).contains("Request body: up to 100 MB (default)");
    }

    /** {@code paas ps} without the SINCE column, which changes as time passes. */
    private String processes() {
        // Name, state, release and node of each process: the columns after them (how long since, limits) may change.
        return String.join("\n", paas("ps").out().lines()
                .map(l -> String.join(" ", java.util.Arrays.stream(l.trim().split("\\s+")).limit(4).toList())).toList());
    }

    private String host() {
        return app + ".localhost";
    }

    private Shell.Result paas(String... args) {
        String[] withApp = java.util.Arrays.copyOf(args, args.length + 2);
        withApp[args.length] = "-a";
        withApp[args.length + 1] = app;
        Shell.Result result = user.paas(dir, null, withApp);
        assertThat(result.exit()).as(result.all()).isZero();
        return result;
    }
}
