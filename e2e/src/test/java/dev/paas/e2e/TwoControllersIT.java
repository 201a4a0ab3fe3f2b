package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
 * Two controllers on one PostgreSQL (issue 16): controller A (started first, so the leader) and controller B share the
 * git repositories and the SSH host key; the node-agent and the router are given both. Pushes and config changes go
 * through each; a {@code paas logs -f} held on B sees what a change through A wrote; then A is killed (SIGKILL) while
 * a release rolls out and while A builds a push of its own: the rollout finishes under B, with no failed request
 * through the router, and B fails A's build. Prints a {@code FAILOVER |} line with the time B took to lead and to
 * finish the rollout, and a {@code DEAD BUILD |} line with the time it took to fail the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Isolated // runs alone (junit-platform.properties): it counts failed requests while it kills the leading controller
class TwoControllersIT {

    Cluster cluster;
    /** The admin through controller A (its cli config names A), and through B. */
    User throughA;
    User throughB;
    ControllerFaultsIT.FaultApp app;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.startedWithTwoControllers();
        throughA = User.loggedIn(cluster);
        throughB = User.of(cluster).login("admin", Cluster.ADMIN_PASSWORD, cluster.api2());
        app = ControllerFaultsIT.FaultApp.of(SampleApp.create(throughA, "two-" + UUID.randomUUID().toString().substring(0, 6)));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void pushesAndConfigChangesGoThroughEitherController() throws Exception {
        assertThat(log(Cluster.CONTROLLER)).contains("is now the leader");
        assertThat(log(Cluster.CONTROLLER_2)).doesNotContain("is now the leader");

        app.code("r1");
        Shell.Result first = app.push();
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.all()).contains("Deployed v1");
        Wait.until(Duration.ofSeconds(60), () -> app.serves("Hello", "r1"));

        // The same repository through B: B's SSH port, A's host key (known_hosts has only A's, and checking is strict).
        trustSameHostKeyOnB();
        Shell.ok(app.app().dir, app.app().user.git, "git", "remote", "add", "paas-b",
                "ssh://git@127.0.0.1:" + cluster.ssh2Port + "/" + app.name() + ".git");
        app.code("r2");
        Shell.Result second = Shell.run(app.app().dir, app.app().user.git, "git", "push", "paas-b", "master");
        assertThat(second.exit()).as(second.all()).isZero();
        assertThat(second.all()).contains("Deployed v2");
        Wait.until(Duration.ofSeconds(60), () -> app.serves("Hello", "r2"));

        // A follower on B; the change through A wakes it (its lines were stored by A).
        Path followed = throughB.work.resolve("logs-on-b.txt");
        Process follow = throughB.paasInBackground(followed, "logs", "-f", "-s", "platform", "-a", app.name());
        try {
            Wait.until(Duration.ofSeconds(30), () -> ControllerFaultsIT.read(followed).contains("Deployed v2"));
            Shell.Result viaA = app.paas("config:set", "GREETING=Hi");
            assertThat(viaA.exit()).as(viaA.all()).isZero();
            Wait.until(Duration.ofSeconds(30), () -> ControllerFaultsIT.read(followed).contains("Release v3 created"));
        } finally {
            follow.destroy();
        }
        Wait.until(Duration.ofSeconds(30), () -> app.serves("Hi", "r2"));

        Shell.Result viaB = throughB.paas(throughB.work, null, "config:set", "GREETING=Hey", "-a", app.name());
        assertThat(viaB.exit()).as(viaB.all()).isZero();
        assertThat(viaB.all()).contains("v4");
        Wait.until(Duration.ofSeconds(30), () -> app.serves("Hey", "r2"));
        assertThat(app.okPaas("releases").out()).contains("v4").doesNotContain("deploying");
    }

    @Test
    @Order(2)
    void theLeaderKilledDuringARolloutTheOtherFinishesIt() throws Exception {
        // A's own build, in its compile when A dies: B, leading then, must fail it (deploy.OrphanedBuilds).
        SampleApp slow = slowBuildThroughA();
        Path pushed = throughA.work.resolve("push-killed-" + slow.name + ".txt");
        Process push = Shell.spawn(List.of("git", "-C", slow.dir.toString(), "push", "paas", "master"), slow.user.git,
                pushed);
        Wait.until(Duration.ofMinutes(2), () -> ControllerFaultsIT.read(pushed).contains("Slow compile started"));
        String serving = app.curlBody();
        LoadProbe load = LoadProbe.start(cluster, app.name(), body -> body.equals(serving));
        // Through B, which survives: its answer is the rollout's outcome. New containers take 10 s to listen.
        Path output = throughB.work.resolve("config-during-failover.txt");
        Process config = throughB.paasInBackground(output, "config:set", "START_DELAY=10", "-a", app.name());
        Wait.until(Duration.ofMinutes(2), () -> app.containers() == 2);

        Instant killed = Instant.now();
        cluster.kill(Cluster.CONTROLLER);
        Wait.until(Duration.ofSeconds(30), () -> log(Cluster.CONTROLLER_2).contains("is now the leader"));
        // From the kill to the time B logged taking the lock (its log's own clock: the machine's).
        Instant leads = Instant.parse(log(Cluster.CONTROLLER_2).lines().filter(l -> l.contains("is now the leader"))
                .findFirst().orElseThrow().split("\\s+")[0]);
        double takeover = Duration.between(killed, leads).toMillis() / 1000.0;

        assertThat(config.waitFor(3, TimeUnit.MINUTES)).as("config:set through B answers").isTrue();
        double finished = secondsSince(killed);
        String answer = ControllerFaultsIT.read(output);
        Wait.until(Duration.ofSeconds(60), () -> app.containers() == 1);
        LoadProbe.Result result = load.stop();

        String releases = throughB.paas(throughB.work, null, "releases", "-a", app.name()).out();
        System.out.printf(Locale.ROOT, "FAILOVER | leader SIGKILLed during a rollout | B leads after %.1f s | rollout"
                        + " finished (config:set through B answered) %.1f s after the kill | %d of %d requests failed%n",
                takeover, finished, result.failed(), result.total());
        assertThat(config.exitValue()).as(answer).isZero();
        assertThat(answer).contains("v5");
        assertThat(releases).doesNotContain("deploying");
        assertThat(releases.lines().filter(l -> l.startsWith("v5")).findFirst().orElseThrow()).contains("succeeded");
        assertThat(app.serves("Hey", "r2")).isTrue();
        assertThat(result.failed()).as(result.answers().toString()).isZero();
        assertThat(result.total()).isPositive();

        try {
            assertThat(push.waitFor(30, TimeUnit.SECONDS)).as("git push through A ends when A dies").isTrue();
            assertThat(push.exitValue()).as(ControllerFaultsIT.read(pushed)).isNotZero();
            Wait.until(Duration.ofSeconds(60), () -> builds(slow).contains("interrupted: the controller stopped"));
            System.out.printf(Locale.ROOT, "DEAD BUILD | A SIGKILLed during a build of its own | failed by B %.1f s"
                    + " after the kill%n", secondsSince(killed));
            assertThat(builds(slow)).doesNotContain("building");
        } finally {
            // A would remove its build container at its next start; it does not start again here.
            String left = cluster.ok("docker", "ps", "-aq", "--filter", "label=paas.build=" + slow.name).out().strip();
            if (!left.isEmpty()) {
                List<String> rm = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
                rm.addAll(List.of(left.split("\\s+")));
                cluster.ok(rm.toArray(String[]::new));
            }
        }
    }

    /** An app of the admin's through A whose build's compile takes 90 s (a local buildpack), committed, not pushed. */
    private SampleApp slowBuildThroughA() throws IOException {
        SampleApp slow = SampleApp.create(throughA, "slow-" + UUID.randomUUID().toString().substring(0, 6));
        Path pack = Files.createDirectories(cluster.buildpacksDir.resolve("slow-two/bin"));
        script(pack.resolve("detect"), "echo Slow");
        script(pack.resolve("compile"), "echo '-----> Slow compile started'; sleep 90");
        Files.writeString(slow.dir.resolve(".buildpacks"), pack.getParent() + "\n");
        Shell.ok(slow.dir, slow.user.git, "git", "add", "-A");
        Shell.ok(slow.dir, slow.user.git, "git", "commit", "-q", "-m", "a build that takes its time");
        return slow;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        // Builds run as uid 10000: the scripts must be readable and executable by others.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code paas builds} of {@code app} through B. */
    private String builds(SampleApp app) {
        return throughB.paas(throughB.work, null, "builds", "-a", app.name).out();
    }

    /** Adds B's host:port to known_hosts with the key the cli wrote for A: a push to B works only if B's key is A's. */
    private void trustSameHostKeyOnB() throws IOException {
        Path knownHosts = throughA.home.resolve(".ssh/known_hosts");
        String forA = "[127.0.0.1]:" + cluster.sshPort + " ";
        String forB = Files.readAllLines(knownHosts).stream().filter(l -> l.startsWith(forA))
                .map(l -> "[127.0.0.1]:" + cluster.ssh2Port + " " + l.substring(forA.length()))
                .collect(Collectors.joining("\n"));
        assertThat(forB).as("known_hosts of A in " + knownHosts).isNotEmpty();
        Files.writeString(knownHosts, forB + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    private String log(String controller) {
        try {
            return Files.readString(cluster.logs.resolve(controller + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
