package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Memory and CPU per process type end to end, on examples/python-memory with web=2: limits:set restarts web with no
 * failed request and Docker runs the containers with the limits; bad sizes change nothing; a process pushed past its
 * memory is reported out of memory and restarted; ps:stop and ps:start pause web and bring back its count. (That 50
 * apps with web=2 fit the default platform, and serve under load, is bench/many-apps: docs/performance.md.)
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LimitsIT {

    static final String APP = "lim-" + UUID.randomUUID().toString().substring(0, 6);
    static final Duration WAIT = Duration.ofSeconds(60);

    Cluster cluster;
    User user;
    Path dir;

    @BeforeAll
    void deployWithTwoWebs() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
        dir = user.checkout("python-memory", APP);
        Shell.Result push = user.push(dir);
        assertThat(push.exit()).as(push.all()).isZero();
        ok("scale", "web=2");
    }

    @Test
    @Order(1)
    void limitsSetRestartsWebWithNoFailedRequestAndDockerAppliesThem() throws Exception {
        assertThat(ok("limits").out()).containsPattern("web\\s+256 MB\\s+shared\\s+default");

        LoadProbe load = LoadProbe.start(cluster, APP, body -> body.startsWith("Memory sample"));
        Shell.Result set = ok("limits:set", "web=96M", "--cpu", "web=0.5");
        LoadProbe.Result served = load.stop();

        assertThat(set.out()).contains("done in").containsPattern("web\\s+96 MB\\s+0.5\\s+app");
        assertThat(served.failed()).as(served.toString()).isZero();
        assertThat(served.total()).isPositive();
        assertThat(ok("ps").out()).containsPattern("web.1\\s+up .* 96 MB\\s+0.5").containsPattern("web.2\\s+up .* 96 MB");
        assertThat(ok("info").out()).containsPattern("web\\s+96 MB\\s+0.5\\s+app");
        // The originals stop once their replacements serve: wait for Docker to have only the two new ones.
        Wait.until(WAIT, () -> inspect("{{.Id}}").size() == 2);
        List<String> inspected = inspect("{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}}");
        assertThat(inspected).hasSize(2).allMatch(line -> line.equals(96L * 1024 * 1024 + " " + 96L * 1024 * 1024
                + " 500000000"));
        assertThat(ok("logs", "-s", "platform", "-n", "50").out())
                .contains("Limits web=96M, web cpu=0.5 by admin, restarted web in");
    }

    @Test
    @Order(2)
    void badLimitsAreRefusedAndChangeNothing() {
        String before = ok("limits").out();
        refused("'abc' for web is invalid: give a size such as 512M or 1G", "limits:set", "web=abc");
        refused("Memory 1M for web is too small: at least 32M", "limits:set", "web=1M");
        refused("CPU '-0.5' for web is invalid", "limits:set", "--cpu", "web=-0.5");
        refused("is more than any runtime node of formation default holds: the most one offers is", "limits:set",
                "web=1000G");
        refused("Process type 'Web!' is invalid", "limits:set", "Web!=256M");
        refused("No limits set for clock", "limits:unset", "clock");
        assertThat(ok("limits").out()).isEqualTo(before);
        assertThat(inspect("{{.HostConfig.Memory}}")).hasSize(2).allMatch(m -> m.equals(Long.toString(96L * 1024 * 1024)));

        // A type not in the Procfile yet may be preset; it restarts nothing.
        assertThat(ok("limits:set", "worker=512M").out()).containsPattern("worker\\s+512 MB\\s+shared\\s+app");
        assertThat(ok("limits:unset", "worker").out()).doesNotContain("worker");
    }

    @Test
    @Order(3)
    void aProcessPastItsMemoryIsReportedOutOfMemoryAndRestarted() {
        // Through the router: one of the two webs takes it, holds 200 MB of its 96 and is killed.
        cluster.curl(APP, "/allocate?mb=200");

        Wait.until(WAIT, () -> user.paas(dir, null, "logs", "-s", "platform", "-n", "100").out()
                .matches("(?s).*web\\.[12] was killed: out of memory \\(limit 96 MB\\).*"));
        Wait.until(WAIT, () -> ok("ps").out().contains("out of memory"));
        Wait.until(WAIT, () -> upWebs() == 2);
        assertThat(cluster.curl(APP).out()).contains("Memory sample").endsWith("200");
        // One kill, one line: the agent reports the exit with every observation, the controller logs it once. (nginx
        // may retry the request on the other web, which is then killed too: a line each.)
        List<String> kills = ok("logs", "-s", "platform", "-n", "200").out().lines()
                .filter(line -> line.contains("was killed: out of memory"))
                .map(line -> line.substring(line.indexOf("web.", line.indexOf("]:")))).toList();
        assertThat(kills).doesNotHaveDuplicates().hasSizeBetween(1, 2);
    }

    @Test
    @Order(4)
    void psStopPausesWebAndPsStartBringsBackItsCount() {
        assertThat(ok("ps:stop", "web").out()).contains("web 2 -> 0");
        Wait.until(WAIT, () -> cluster.curl(APP).out().endsWith("503"));
        Wait.until(WAIT, () -> ok("ps").out().contains("None"));
        refused("web of " + APP + " is already stopped (2 to start again)", "ps:stop", "web");

        assertThat(ok("ps:start", "web").out()).contains("web 0 -> 2");
        assertThat(upWebs()).isEqualTo(2);
        assertThat(cluster.curl(APP).out()).endsWith("200");
        refused("web of " + APP + " was not stopped with 'paas ps:stop'", "ps:start", "web");
        Wait.until(WAIT, () -> inspect("{{.Id}}").size() == 2);
        assertThat(inspect("{{.HostConfig.Memory}}")).as("the limits stay").hasSize(2)
                .allMatch(m -> m.equals(Long.toString(96L * 1024 * 1024)));
    }

    private long upWebs() {
        return ok("ps").out().lines().filter(line -> line.matches("web\\.\\d+\\s+up\\s.*")).count();
    }

    /** One line per running container of the app, by docker inspect's format. */
    private List<String> inspect(String format) {
        String ids = cluster.ok("docker", "ps", "-q", "--filter", "label=paas.app=" + APP).out().strip();
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] command = new String[] {"docker", "inspect", "-f", format};
        String[] all = Arrays.copyOf(command, command.length + ids.split("\\s+").length);
        System.arraycopy(ids.split("\\s+"), 0, all, command.length, ids.split("\\s+").length);
        return cluster.ok(all).out().strip().lines().toList();
    }

    private void refused(String message, String... args) {
        Shell.Result result = user.paas(dir, null, args);
        assertThat(result.exit()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains(message).doesNotContain("Exception");
    }

    private Shell.Result ok(String... args) {
        Shell.Result result = user.paas(dir, null, args);
        assertThat(result.exit()).as("paas " + String.join(" ", args) + ": " + result.all()).isZero();
        return result;
    }
}
