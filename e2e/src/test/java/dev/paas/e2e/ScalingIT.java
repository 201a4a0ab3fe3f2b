package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Scaling and nodes with three node-agent processes on one Docker engine: instances spread across nodes,
 * a drain moves containers with no failed request, a node that stops heartbeating loses its containers to
 * the others, and a container removed by hand comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScalingIT {

    Cluster cluster;
    User user;
    SampleApp app;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(3, Map.of("PAAS_NODE_TIMEOUT", "15s"));
        user = User.loggedIn(cluster);
        app = SampleApp.deployed(user, "scl");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void scaleUpSpreadsInstancesAcrossNodes() {
        Shell.Result scale = app.paas("scale", "web=4");
        assertThat(scale.exit()).as(scale.all()).isZero();
        assertThat(scale.out()).containsPattern("web 1 -> 4, done in \\d+\\.\\ds");
        assertThat(app.okPaas(null, "logs", "-s", "platform", "-n", "100").out()).contains("Scaled web=4 (was 1) by admin");

        List<String> ps = upLines();
        assertThat(ps).hasSize(4);
        for (String node : cluster.nodes) {
            assertThat(ps).anyMatch(line -> line.contains(" " + node + " "));
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(app.curl());
        }
        assertThat(answers).allMatch(a -> a.endsWith("200"));
        assertThat(answers.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    @Order(2)
    void badScaleRequestsAreRefused() {
        assertThat(app.paas("scale", "web=many").exit()).isEqualTo(2);
        Shell.Result unknown = app.paas("scale", "worker=1");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("No process type worker");
        Shell.Result absurd = app.paas("ps:scale", "web=1000");
        assertThat(absurd.exit()).isEqualTo(1);
        assertThat(absurd.err()).contains("from 0 to 100");
        assertThat(upLines()).hasSize(4);
    }

    @Test
    @Order(3)
    void drainMovesContainersWithoutAFailedRequest() throws Exception {
        String drained = cluster.nodes.get(2);
        Traffic traffic = Traffic.start(app);
        Shell.Result drain = app.paas("nodes:drain", drained);
        traffic.stop();
        assertThat(drain.exit()).as(drain.all()).isZero();
        assertThat(drain.out()).contains("containers moved, done in");
        assertThat(traffic.failed()).as("failed of " + traffic.sent()).isZero();
        assertThat(traffic.sent()).isPositive();

        Wait.until(Duration.ofSeconds(30), () -> upLines().size() == 4);
        assertThat(upLines()).noneMatch(line -> line.contains(" " + drained + " "));
        assertThat(app.okPaas(null, "nodes").out()).containsPattern(drained + " +default +runtime .* 0 .* drained");
    }

    @Test
    @Order(4)
    void aNodeThatStopsHeartbeatingLosesItsContainersToTheOthers() throws Exception {
        String lost = cluster.nodes.get(1);
        cluster.kill(lost);
        cluster.removeContainers(lost);

        Wait.until(Duration.ofSeconds(90), () -> upLines().size() == 4
                && upLines().stream().allMatch(line -> line.contains(" " + cluster.nodes.get(0) + " ")));
        assertThat(app.curl()).endsWith("200");
        assertThat(app.okPaas(null, "nodes").out()).containsPattern(lost + " .* down");
    }

    @Test
    @Order(5)
    void aContainerRemovedByHandIsRecreated() {
        String id = Shell.run(user.work, Map.of(), "docker", "ps", "-q", "--filter",
                "label=paas.node=" + cluster.nodes.get(0), "--filter", "label=paas.app=" + app.name).out().strip()
                .split("\\s+")[0];
        Shell.ok(user.work, Map.of(), "docker", "rm", "-f", id);

        Wait.until(Duration.ofSeconds(60), () -> Shell.run(user.work, Map.of(), "docker", "ps", "-q",
                "--filter", "label=paas.app=" + app.name).out().strip().split("\\s+").length == 4
                && upLines().size() == 4);
    }

    @Test
    @Order(6)
    void scaleDownRetiresTheExtraContainers() {
        Shell.Result scale = app.paas("scale", "web=1");
        assertThat(scale.exit()).as(scale.all()).isZero();
        assertThat(scale.out()).contains("web 4 -> 1");
        Wait.until(Duration.ofSeconds(30), () -> upLines().size() == 1);
        assertThat(app.curl()).isEqualTo("Hello from web.1\n200");
    }

    private List<String> upLines() {
        return app.okPaas(null, "ps").out().lines().filter(l -> l.startsWith("web.") && l.contains(" up ")).toList();
    }

    /** curl through nginx in a loop (bounded to two minutes) while something else happens. */
    static final class Traffic {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final Set<String> answers = ConcurrentHashMap.newKeySet();
        private Thread thread;

        static Traffic start(SampleApp app) {
            Traffic t = new Traffic();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            t.thread = new Thread(() -> {
                while (t.running.get() && System.nanoTime() < deadline) {
                    t.sent.incrementAndGet();
                    String answer = app.curl();
                    t.answers.add(answer);
                    if (!answer.endsWith("200")) {
                        t.failed.incrementAndGet();
                    }
                }
            }, "traffic");
            t.thread.start();
            return t;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        int sent() {
            return sent.get();
        }

        int failed() {
            return failed.get();
        }

        /** Every distinct answer seen (body and status code, as {@link SampleApp#curl()} gives them). */
        Set<String> answers() {
            return Set.copyOf(answers);
        }
    }
}
