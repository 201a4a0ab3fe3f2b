package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.paas.api.RouteTable;
import dev.paas.api.RouteTable.Backend;
import dev.paas.api.RouteTable.Edge;
import dev.paas.api.RouteTable.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the router's nginx does for requests beyond plain ones: upgrades, event streams, forwarded headers, ids. */
class NginxEdgeTest {

    @TempDir
    Path dir;
    private ListenAddress listen;
    private NginxRouter router;
    private RawBackend backend;

    @BeforeEach
    void startNginx() throws Exception {
        assumeTrue(Backends.nginxInstalled(), "nginx is not installed at " + Backends.NGINX);
        backend = new RawBackend();
        listen = new ListenAddress("127.0.0.1", Backends.freePort());
        router = NginxRouter.create(Backends.NGINX, dir.resolve("nginx"), listen);
        router.start();
        router.apply(table(1, List.of("edge.localhost"), backend.port()));
    }

    @AfterEach
    void stopNginx() throws Exception {
        if (router != null) {
            router.stop();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void anUpgradedConnectionSurvivesABackendChangeAndAReload() throws Exception {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "GET /socket HTTP/1.1\r\nHost: edge.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(RawBackend.head(in)).startsWith("HTTP/1.1 101 ");
            assertThat(echo(socket, in, "before\n")).isEqualTo("before\n");

            router.apply(table(2, List.of("edge.localhost"), backend.port(), Backends.freePort()));
            assertThat(echo(socket, in, "after the backends changed\n")).isEqualTo("after the backends changed\n");

            router.apply(table(3, List.of("edge.localhost", "www.edge.example"), backend.port()));
            assertThat(echo(socket, in, "after a reload\n")).isEqualTo("after a reload\n");
        }
    }

    @Test
    void aPlainRequestAsksTheBackendForNoUpgrade() throws Exception {
        String head = request("GET / HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n");

        assertThat(head).doesNotContainIgnoringCase("upgrade:").doesNotContainIgnoringCase("connection: upgrade");
    }

    @Test
    void anEventStreamIsPassedOnAsTheAppWritesIt() throws Exception {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "GET /events HTTP/1.1\r\nHost: edge.localhost\r\nAccept: text/event-stream\r\n\r\n");

            assertThat(RawBackend.head(in)).startsWith("HTTP/1.1 200 ").containsIgnoringCase("text/event-stream");
            // The backend keeps the stream open: a buffering proxy would make this read time out.
            byte[] event = in.readNBytes("d\r\ndata: first\n\n".length());
            assertThat(new String(event, StandardCharsets.US_ASCII)).contains("data: first\n\n");
        }
    }

    @Test
    void theAppLearnsWhoAskedHowAndUnderWhichRequestId() throws Exception {
        String sent = request("GET / HTTP/1.1\r\nHost: edge.localhost\r\nX-Request-Id: trace-42.a\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");

        assertThat(sent.toLowerCase(Locale.ROOT)).contains("\r\nx-request-id: trace-42.a\r\n",
                "\r\nx-forwarded-for: 203.0.113.9, 127.0.0.1\r\n", "\r\nx-forwarded-proto: http\r\n",
                "\r\nx-forwarded-port: " + listen.port() + "\r\n");
        assertThat(accessLogOnceWritten()).contains("\t/\t200\t").contains("\ttrace-42.a\n");
    }

    @Test
    void aMissingOrUnsafeRequestIdIsReplacedByNginxsOwn() throws Exception {
        String none = request("GET / HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n");
        String unsafe = request("GET / HTTP/1.1\r\nHost: edge.localhost\r\nX-Request-Id: a\"b c\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(none).containsPattern("\r\nX-Request-Id: [0-9a-f]{32}\r\n");
        assertThat(unsafe).containsPattern("\r\nX-Request-Id: [0-9a-f]{32}\r\n").doesNotContain("a\"b c");
    }

    @Test
    void maintenanceAnswers503WithThePlatformsPageThenTheAppsOwnAndEndsWithoutTouchingTheBackends() throws Exception {
        router.apply(edgeTable(2, new Edge(true, null, null, null)));
        String platform = raw("GET / HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n");
        router.apply(edgeTable(3, new Edge(true, "<h1>Back at noon</h1>\n", null, null)));
        String own = raw("GET /any/path HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n");
        router.apply(edgeTable(4, new Edge(true, "<h1>Back at one</h1>\n", null, null)));
        String changed = raw("GET / HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n");
        router.apply(edgeTable(5, new Edge(false, "<h1>Back at one</h1>\n", null, null)));

        assertThat(platform).startsWith("HTTP/1.1 503 ").contains("Retry-After: 120", "text/html")
                .contains("edge is down for maintenance");
        assertThat(own).startsWith("HTTP/1.1 503 ").endsWith("\r\n\r\n<h1>Back at noon</h1>\n");
        assertThat(changed).endsWith("\r\n\r\n<h1>Back at one</h1>\n");
        assertThat(request("GET / HTTP/1.1\r\nHost: edge.localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("GET / HTTP/1.1");
    }

    @Test
    void aBodyOverTheAppsLimitIsRefusedBeforeItReachesTheApp() throws Exception {
        router.apply(edgeTable(2, new Edge(false, null, 1, 30)));
        String body = "x".repeat(1024 * 1024 + 1);

        String refused = raw("POST / HTTP/1.1\r\nHost: edge.localhost\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n");
        String taken = raw("POST / HTTP/1.1\r\nHost: edge.localhost\r\nContent-Length: 3\r\n"
                + "Connection: close\r\n\r\nabc");

        router.apply(edgeTable(3, new Edge(false, null, 5, 30)));
        String large = raw("POST / HTTP/1.1\r\nHost: edge.localhost\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(refused).startsWith("HTTP/1.1 413 ");
        assertThat(taken).startsWith("HTTP/1.1 200 ");
        assertThat(large).as("streamed to the app, never written to a temporary file").startsWith("HTTP/1.1 200 ");
    }

    /** The access log is buffered (flushed at least every second): read it once the request's line is in. */
    private String accessLogOnceWritten() throws Exception {
        Path log = dir.resolve("nginx/access-paas.log");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        String text = Files.exists(log) ? Files.readString(log) : "";
        while (!text.contains("trace-42.a") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        return text;
    }

    private RouteTable edgeTable(long version, Edge edge) {
        return new RouteTable(version, List.of(new Route("edge", List.of("edge.localhost"),
                List.of(new Backend("127.0.0.1", backend.port())), edge)));
    }

    /** The whole answer to {@code request}, head and body, on a connection nginx closes. */
    private String raw(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The backend's answer to {@code request}, which echoes the head it received. */
    private String request(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200 ");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", listen.port()), 2000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String echo(Socket socket, InputStream in, String text) throws IOException {
        send(socket, text);
        return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    private static RouteTable table(long version, List<String> domains, int... ports) {
        List<Backend> backends = java.util.Arrays.stream(ports).mapToObj(p -> new Backend("127.0.0.1", p)).toList();
        return new RouteTable(version, List.of(new Route("edge", domains, backends)));
    }
}
