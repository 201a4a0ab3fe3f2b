package dev.paas.router.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import dev.paas.api.LogLine;
import dev.paas.api.RouteTable;
import dev.paas.router.nginx.ListenAddress;
import dev.paas.router.nginx.NginxRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipper rotating the access log of a real nginx under requests: the files stay bounded, no line is lost. */
class AccessLogRotationTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final long MAX_BYTES = 2000;
    private static final Pattern PATH = Pattern.compile("path=\"(/(r|warm)-\\d+)\"");

    @TempDir
    Path dir;
    private NginxRouter router;
    private HttpServer backend;
    private Thread shipping;

    @AfterEach
    void stop() throws Exception {
        if (shipping != null) {
            shipping.interrupt();
            shipping.join(5000);
        }
        if (router != null) {
            router.stop();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void rotatesPastTheLimitWithNginxReopeningAndShipsEveryLineOnce() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at " + NGINX);
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        backend.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // nginx's workers (nobody, under a root master) reopen the logs themselves, so they must reach the directory,
        // as they can in deploy/up's /var/lib/paas/nginx; JUnit's temporary directory is private to its owner.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nginxDir = dir.resolve("nginx");
        router = NginxRouter.create(NGINX, nginxDir, new ListenAddress("127.0.0.1", port));
        router.start();
        RouteTable table = new RouteTable(1, List.of(new RouteTable.Route("a", List.of("a.localhost"),
                List.of(new RouteTable.Backend("127.0.0.1", backend.getAddress().getPort())))));
        router.apply(table);

        Map<String, AtomicInteger> shipped = new ConcurrentHashMap<>();
        AtomicInteger reopens = new AtomicInteger();
        Path log = nginxDir.resolve("access-paas.log");
        var rotation = new AccessLogShipper.Rotation(MAX_BYTES, List.of(nginxDir.resolve("error.log")), () -> {
            reopens.incrementAndGet();
            router.reopenLogs();
        });
        shipping = new Thread(new AccessLogShipper(log, () -> table, batch -> {
            for (LogLine line : batch.lines()) {
                Matcher path = PATH.matcher(line.text());
                if (path.find()) {
                    shipped.computeIfAbsent(path.group(1), p -> new AtomicInteger()).incrementAndGet();
                }
            }
        }, rotation), "access-log");
        // The shipper starts at the file's end: send until it sees a request, so none after that is skipped.
        get(port, "/warm-0");
        shipping.start();
        int warmUp = 0;
        while (shipped.isEmpty() && warmUp < 100) {
            get(port, "/warm-" + ++warmUp);
            Thread.sleep(100);
        }
        assertThat(shipped).as("no access line shipped after %d requests", warmUp).isNotEmpty();

        int batches = 8;
        int perBatch = 50;
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < perBatch; i++) {
                assertThat(get(port, "/r-" + (b * perBatch + i))).isEqualTo(200);
            }
            int expected = (b + 1) * perBatch;
            eventually(() -> requests(shipped).size() >= expected);
        }

        assertThat(requests(shipped)).hasSize(batches * perBatch);
        assertThat(requests(shipped).values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        // Each batch writes more than twice the limit, so nearly every batch rotates; at least a few did.
        assertThat(reopens.get()).as(() -> sizes(nginxDir)).isGreaterThanOrEqualTo(3);
        assertThat(nginxDir.resolve("access-paas.log.1")).exists();
        assertThat(nginxDir.resolve("error.log.1")).exists();
        assertThat(nginxDir.resolve("access.log")).as("one access log write per request").doesNotExist();
        // Bounded: the limit plus what one poll found past it (at most a batch of lines).
        long bound = MAX_BYTES + perBatch * 200L;
        assertThat(Files.size(nginxDir.resolve("access-paas.log.1"))).isLessThan(bound);
        assertThat(Files.exists(log) ? Files.size(log) : 0).isLessThan(bound);
    }

    private static String sizes(Path nginxDir) {
        try (var files = Files.list(nginxDir)) {
            return files.map(f -> f.getFileName() + "=" + f.toFile().length()).sorted().toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Map<String, AtomicInteger> requests(Map<String, AtomicInteger> shipped) {
        return shipped.entrySet().stream().filter(e -> e.getKey().startsWith("/r-"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One request through nginx with the app's host name; the response status. */
    private static int get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: a.localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
