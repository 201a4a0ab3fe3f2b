package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Faults of the machines under running apps (issue 12, faults 3, 8, 9 and 10), with load on one app through the
 * router during each: {@link FaultLoad} counts the requests that failed (no answer, not 200, or an answer from a
 * release that should not serve), and each test prints a "FAULT ..." line with its figures. Two node-agents; the
 * app runs web=2, one instance on each node. Its build cache lives on a small tmpfs so it can be filled up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): it counts failed requests (3 s timeout) while it kills parts of its platform
class NodeFaultsIT {

    /** Room for a few builds' cache (each writes 1 MiB), small enough to fill in a moment. */
    private static final String CACHE_SIZE = "8m";

    Cluster cluster;
    User user;
    SampleApp app;
    Path cache;
    boolean mounted;

    @BeforeAll
    void start() throws Exception {
        long began = System.nanoTime();
        // The default node timeout (20 s): an agent that is back within it keeps its node's containers.
        cluster = Cluster.started(2, Map.of());
        user = User.loggedIn(cluster);
        cache = Files.createDirectories(cluster.dataDir.resolve("cache"));
        Shell.ok(user.work, Map.of(), "mount", "-t", "tmpfs", "-o", "size=" + CACHE_SIZE, "tmpfs", cache.toString());
        mounted = true;
        app = SampleApp.create(user, "nfault-" + java.util.UUID.randomUUID().toString().substring(0, 6));
        // Like pip or npm, a buildpack that keeps what it downloaded in the cache: written aside, then renamed.
        Path pack = Files.createDirectories(cluster.buildpacksDir.resolve("depcache/bin"));
        script(pack.resolve("detect"), "echo Dependency cache");
        script(pack.resolve("compile"), "echo '-----> Caching dependencies'\n"
                + "head -c 1048576 /dev/urandom > \"$2/deps.new\"\nmv \"$2/deps.new\" \"$2/deps.bin\"");
        Files.writeString(app.dir.resolve(".buildpacks"), pack.getParent() + "\npython\n");
        commit("cache dependencies");
        Shell.Result push = app.push();
        assertThat(push.exit()).as(push.all()).isZero();
        app.okPaas(null, "scale", "web=2");
        Wait.until(Duration.ofSeconds(60), () -> nodesServing().size() == 2);
        phase("platform up, app pushed and scaled to web=2 on both nodes", began);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (mounted) {
            Shell.run(Path.of("/"), Map.of(), "umount", "-l", cache.toString());
        }
    }

    /** Fault 9: the router starts nginx again within a second and pushes the saved backend table into it. */
    @Test
    @Order(1)
    void theRoutersNginxKilledIsStartedAgainWithItsBackends() throws Exception {
        long began = System.nanoTime();
        FaultLoad load = FaultLoad.start(app, "Hello");
        Thread.sleep(1000);
        load.fault();
        long killed = cluster.killRouterNginx();
        Wait.until(Duration.ofSeconds(30), () -> cluster.routerNginxMaster() > 0);
        long back = System.nanoTime();
        Thread.sleep(2000);
        load.stop();

        assertThat(cluster.routerNginxMaster()).isNotEqualTo(killed);
        // router.log is shared by every platform of the run: this one's nginx directory names its lines.
        assertThat(Files.readString(cluster.logs.resolve("router.log")))
                .contains("nginx in " + cluster.nginxDir + " is not running: starting it again")
                .containsPattern("Restored backend table v\\d+ from " + cluster.nginxDir.resolve("backends.table"));
        assertThat(app.curl()).startsWith("Hello from web.").endsWith("200");
        // The killed master's workers serve until the new master takes over: at most a request or two meets the
        // moment between them.
        assertThat(load.failed()).as(load.samples().toString()).isLessThanOrEqualTo(3);
        double recovery = Math.max(load.recoverySeconds(), seconds(loadFaultAt(load, back)));
        System.out.println(load.report("9 router's nginx SIGKILLed", "restarted, backends restored", recovery));
        phase("fault 9", began);
    }

    /** Fault 8: a push whose build cannot write its cache fails saying why; the running release goes on serving. */
    @Test
    @Order(2)
    void aFullBuildCacheDiskFailsThePushAndLeavesTheAppServing() throws Exception {
        long began = System.nanoTime();
        String releases = app.okPaas(null, "releases").out();
        FaultLoad load = FaultLoad.start(app, "Hello");
        load.fault();
        Shell.run(user.work, Map.of(), "dd", "if=/dev/zero", "of=" + cache.resolve("filler"), "bs=1M");
        assertThat(Shell.ok(user.work, Map.of(), "df", "--output=avail", "-B1", cache.toString()).out()
                .lines().skip(1).findFirst().orElseThrow().strip()).isEqualTo("0");
        commit("a push while the cache's disk is full");
        Shell.Result refused = app.push();
        long failedPush = System.nanoTime();

        assertThat(refused.exit()).as(refused.all()).isNotZero();
        assertThat(refused.err()).contains("No space left on device").contains("[remote rejected]");
        assertThat(app.okPaas(null, "releases").out()).isEqualTo(releases);
        assertThat(app.curl()).startsWith("Hello from web.").endsWith("200");

        Files.delete(cache.resolve("filler"));
        Shell.Result push = app.push();
        long pushed = System.nanoTime();
        load.stop();
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(push.err()).contains("-----> Caching dependencies");
        assertThat(app.okPaas(null, "releases").out()).isNotEqualTo(releases);
        assertThat(load.failed()).as(load.samples().toString()).isZero();
        System.out.println(load.report("8 build cache disk full", String.format(Locale.ROOT,
                "push refused (No space left on device) in %.1fs, app untouched; next push ok in %.1fs after freeing",
                seconds(failedPush - began), seconds(pushed - failedPush)), 0));
        phase("fault 8", began);
    }

    /** Fault 3: an agent SIGKILLed while it starts a new release's container, back 3 s later. */
    @Test
    @Order(3)
    void aNodeAgentKilledDuringARolloutLetsItFinishOnceBack() throws Exception {
        long began = System.nanoTime();
        FaultLoad load = FaultLoad.start(app, "Hello", "r3");
        int before = settledContainers().size();
        CompletableFuture<Shell.Result> rollout = CompletableFuture.supplyAsync(() -> app.paas("config:set", "GREETING=r3"));
        Wait.until(Duration.ofSeconds(60), () -> containers(null).size() > before);
        load.fault();
        String node = cluster.nodes.get(0);
        cluster.kill(node);
        Thread.sleep(3000);
        cluster.startAgent(node);
        Shell.Result result = rollout.get(4, TimeUnit.MINUTES);
        long done = System.nanoTime();
        String outcome = outcome(result, "r3");
        String current = result.exit() == 0 ? "r3" : "Hello";
        // Back in time, the agent keeps its node's containers; back late, they were moved to the other node.
        Wait.until(Duration.ofSeconds(90), () -> upInstances().size() == 2 && containers(null).size() == 2);
        Thread.sleep(1000);
        load.stop();

        assertThat(app.curl()).startsWith(current + " from web.").endsWith("200");
        assertThat(load.failed()).as(load.samples().toString()).isLessThanOrEqualTo(3);
        System.out.println(load.report("3 node-agent SIGKILLed during a rollout", outcome,
                Math.max(load.recoverySeconds(), seconds(loadFaultAt(load, done)))));
        phase("fault 3", began);
    }

    /** Fault 10: a node lost (agent and containers gone) while a rollout starts containers on it. */
    @Test
    @Order(4)
    void aNodeLostDuringARolloutLeavesTheAppServingOnTheOther() throws Exception {
        long began = System.nanoTime();
        String previous = app.curl().split(" from ")[0];
        FaultLoad load = FaultLoad.start(app, previous, "r4");
        List<String> before = settledContainers();
        CompletableFuture<Shell.Result> rollout = CompletableFuture.supplyAsync(() -> app.paas("config:set", "GREETING=r4"));
        Wait.until(Duration.ofSeconds(60), () -> containers(null).size() > before.size());
        load.fault();
        // The node a new container is starting on (the second one when both have one).
        List<String> starting = cluster.nodes.stream().filter(n -> !before.containsAll(containers(n))).toList();
        String lost = starting.isEmpty() ? cluster.nodes.get(1) : starting.get(starting.size() - 1);
        String remaining = cluster.nodes.stream().filter(n -> !n.equals(lost)).findFirst().orElseThrow();
        cluster.kill(lost);
        cluster.removeContainers(lost);
        Shell.Result result = rollout.get(4, TimeUnit.MINUTES);
        long done = System.nanoTime();
        String outcome = outcome(result, "r4");
        String current = result.exit() == 0 ? "r4" : previous;
        Wait.until(Duration.ofSeconds(90), () -> nodesServing().equals(List.of(remaining))
                && containers(null).size() == 2 && app.curl().startsWith(current + " from web."));
        Thread.sleep(1000);
        load.stop();

        assertThat(containers(lost)).isEmpty();
        assertThat(app.okPaas(null, "nodes").out()).containsPattern(lost + " .* down");
        assertThat(load.failed()).as(load.samples().toString()).isLessThanOrEqualTo(3);
        System.out.println(load.report("10 node lost during a rollout", outcome,
                Math.max(load.recoverySeconds(), seconds(loadFaultAt(load, done)))));
        phase("fault 10", began);
    }

    /** "completed (v5)" or "failed cleanly: ...": a rollout either serves the new release or says why it did not. */
    private String outcome(Shell.Result result, String greeting) {
        if (result.exit() == 0) {
            assertThat(app.curl()).startsWith(greeting + " from web.");
            return "rollout completed: " + result.out().strip().lines().reduce((a, b) -> b).orElse("");
        }
        assertThat(result.err()).as(result.all()).isNotBlank().doesNotContain("internal error");
        return "rollout failed cleanly: " + result.err().strip().lines().findFirst().orElse("");
    }

    /** `paas ps` lines of the up web instances. */
    private List<String> upInstances() {
        return app.okPaas(null, "ps").out().lines().filter(l -> l.startsWith("web.") && l.contains(" up ")).toList();
    }

    /** The nodes with an up web instance, per `paas ps`, sorted and distinct. */
    private List<String> nodesServing() {
        return upInstances().stream()
                .flatMap(l -> cluster.nodes.stream().filter(n -> l.contains(" " + n + " ")))
                .distinct().sorted().toList();
    }

    /**
     * The app's containers once only its two serving ones are left: the last rollout's old containers stop a moment
     * after it ends (an answer that only stops waits up to paas.node-stop-hold for a change to come with it), so a
     * count taken at once could include them.
     */
    private List<String> settledContainers() {
        Wait.until(Duration.ofSeconds(60), () -> containers(null).size() == 2);
        return containers(null);
    }

    /** The app's Docker containers (running or not), on one node or, with null, on any. */
    private List<String> containers(String node) {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "ps", "-aq", "--filter",
                "label=paas.app=" + app.name));
        if (node != null) {
            command.addAll(List.of("--filter", "label=paas.node=" + node));
        }
        String out = Shell.run(user.work, Map.of(), null, command).out().strip();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    private void commit(String message) {
        Shell.ok(app.dir, app.user.git, "git", "add", "-A");
        Shell.ok(app.dir, app.user.git, "git", "commit", "-q", "--allow-empty", "-m", message);
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\nset -e\n" + body + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Nanoseconds from the load's fault mark to {@code at}. */
    private static long loadFaultAt(FaultLoad load, long at) {
        return at - load.faultAt();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void phase(String what, long began) {
        System.out.printf(Locale.ROOT, "NodeFaultsIT: %s in %.1fs%n", what, seconds(System.nanoTime() - began));
    }
}
