package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 17's "50 apps with web=2 fit on the default platform of this machine": a cluster of its own with default
 * settings (so the node declares what deploy/up's does: the host's memory less the agent's reserve, and nothing
 * else runs on it), one push of examples/tiny-web, 49 more apps promoted from it (the image copied in the registry,
 * no build), web=2 for each; then 100 web containers run and every app answers through the router. The cluster is
 * closed at the end (which removes its containers), so later classes do not share the host with 100 containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): 100 containers and 49 promotions load the machine on their own
class ManyAppsIT {

    static final int APPS = 50;
    /** The agent's default --reserve-mb (AgentConfig). */
    static final int DEFAULT_RESERVE_MB = 2048;
    static final Duration WAIT = Duration.ofMinutes(4);
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final String run = UUID.randomUUID().toString().substring(0, 4);
    private final List<String> apps = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Four at a time: the controller waits for each rollout, and two cores start the containers. */
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private Cluster cluster;
    private User user;
    private String token;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = Cluster.started();
        user = User.loggedIn(cluster);
        Matcher m = TOKEN.matcher(Files.readString(user.home.resolve(".paas/config.json")));
        assertThat(m.find()).isTrue();
        token = m.group(1);
    }

    /**
     * Closing the cluster removes its node's containers (all 100) with one {@code docker rm -f}: destroying the
     * apps one by one through the API first would do the same work again and cost more than a minute.
     */
    @AfterAll
    void close() {
        pool.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fiftyAppsWithTwoWebsEachFitTheDefaultNodeAndAnswerThroughTheRouter() throws Exception {
        int hostMb = (int) (Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0)
                .replaceAll("\\D", "")) / 1024);
        int declared = Math.max(hostMb - DEFAULT_RESERVE_MB, hostMb / 4);
        assertThat(okPaas("nodes")).containsPattern(cluster.node + " .* " + declared + " MB ");

        String first = "many-" + run + "-01";
        Path dir = user.checkout("tiny-web", first);
        apps.add(first);
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();

        List<Callable<String>> promotions = new ArrayList<>();
        for (int i = 2; i <= APPS; i++) {
            String app = String.format("many-%s-%02d", run, i);
            promotions.add(() -> {
                HttpResponse<String> created = call("POST", "/v1/apps", "{\"name\": \"" + app + "\"}");
                assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
                apps.add(app);
                HttpResponse<String> promoted = call("POST", "/v1/apps/" + first + "/promote",
                        "{\"to\": \"" + app + "\"}");
                assertThat(promoted.statusCode()).as(app + ": " + promoted.body()).isEqualTo(200);
                assertThat(promoted.body()).as(app).contains("\"status\":\"succeeded\"", "Promote " + first + " v1");
                return app;
            });
        }
        all(promotions);

        List<Callable<String>> scales = new ArrayList<>();
        for (String app : List.copyOf(apps)) {
            scales.add(() -> {
                HttpResponse<String> scaled = call("POST", "/v1/apps/" + app + "/scale", "{\"counts\": {\"web\": 2}}");
                assertThat(scaled.statusCode()).as(app + ": " + scaled.body()).isEqualTo(200);
                return app;
            });
        }
        all(scales);

        assertThat(apps).hasSize(APPS);
        // Up as the controller sees them, and running as Docker does: 100 web containers, nothing else on the node.
        Wait.until(WAIT, () -> apps.stream().allMatch(app -> upWebs(app) == 2));
        Wait.until(WAIT, () -> cluster.ok("docker", "ps", "-q", "--filter", "label=paas.node=" + cluster.node,
                "--filter", "status=running").out().strip().lines().count() == 2L * APPS);
        for (String app : apps) {
            assertThat(cluster.curl(app).out()).as(app).matches(app + " from web\\.[12]\\n200");
        }
        // Each container reserves the platform's 256 MB on the node.
        assertThat(okPaas("nodes")).containsPattern(cluster.node + " .* " + declared + " MB +" + (2 * APPS * 256)
                + " MB ");
    }

    private long upWebs(String app) {
        try {
            String body = call("GET", "/v1/apps/" + app + "/ps", null).body();
            return Pattern.compile("\"state\"\\s*:\\s*\"up\"").matcher(body).results().count();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private <T> void all(List<Callable<T>> tasks) throws Exception {
        for (Future<T> done : pool.invokeAll(tasks, 12, TimeUnit.MINUTES)) {
            done.get();
        }
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.api() + path))
                .timeout(Duration.ofMinutes(3)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String okPaas(String... args) {
        Shell.Result result = user.paas(user.work, null, args);
        assertThat(result.exit()).as(result.all()).isZero();
        return result.out();
    }
}
