package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * bench/footprint's measurement (not part of the suite: its name is no *IT): the resident memory of the controller,
 * the node-agent and the router of a {@link Cluster} started with the JVM options of {@link Cluster#JAVA_OPTIONS},
 * after start, after 20 pushes of one app, and (the controller) with 100 apps. Each figure is appended to
 * e2e/target/footprint.tsv as "options phase service rss_mb load" and printed.
 */
class FootprintBench {

    static final int PUSHES = 20;
    static final int APPS = 100;
    static final Path RESULTS = Cluster.ROOT.resolve("e2e/target/footprint.tsv");

    @Test
    void residentMemoryAfterStartPushesAndApps() throws Exception {
        try (Cluster cluster = Cluster.started()) {
            User user = User.loggedIn(cluster);
            // started: the agent has registered and reported, the router has read its routes
            Wait.until(Duration.ofMinutes(2), () -> user.paas(user.work, null, "nodes").out().contains(" up"));
            measure(cluster, "start");

            SampleApp app = SampleApp.deployed(user, "footprint");
            for (int push = 2; push <= PUSHES; push++) {
                user.commitAll(app.dir, "push " + push);
                Shell.Result result = app.push();
                assertThat(result.exit()).as(result.all()).isZero();
            }
            assertThat(app.curl()).startsWith("Hello from web.1");
            measure(cluster, PUSHES + " pushes");

            HttpClient http = HttpClient.newHttpClient();
            String token = login(http, cluster);
            for (int i = 2; i <= APPS; i++) {
                call(http, cluster, token, "POST", "/v1/apps", "{\"name\":\"fp-" + i + "\"}", 201);
                call(http, cluster, token, "POST", "/v1/apps/fp-" + i + "/config",
                        "{\"set\":{\"GREETING\":\"hi " + i + "\"}}", -1);
            }
            assertThat(call(http, cluster, token, "GET", "/v1/apps", null, 200)).contains("fp-" + APPS);
            measure(cluster, APPS + " apps");
        }
    }

    private static void measure(Cluster cluster, String phase) throws IOException {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        Files.createDirectories(RESULTS.getParent());
        for (String service : new String[] {Cluster.CONTROLLER, cluster.node, Cluster.ROUTER}) {
            long pid = cluster.process(service).pid();
            String name = service.equals(cluster.node) ? "node-agent" : service;
            String line = String.join("\t", Cluster.JAVA_OPTIONS.getFileName().toString(), phase, name,
                    String.format("%.0f", rssMb(pid)), load);
            System.out.println("footprint " + line);
            Files.writeString(RESULTS, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** VmRSS of the process, in MB (the java process itself: Shell.spawn starts it directly). */
    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static String login(HttpClient http, Cluster cluster) throws Exception {
        String body = call(http, cluster, null, "POST", "/v1/login",
                "{\"username\":\"admin\",\"password\":\"" + Cluster.ADMIN_PASSWORD + "\"}", 200);
        return body.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The answer's body; {@code status} -1 takes any. */
    private static String call(HttpClient http, Cluster cluster, String token, String method, String path, String body,
                               int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.api() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (status != -1) {
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        }
        return response.body();
    }
}
