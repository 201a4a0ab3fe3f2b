package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The node-agent's reconcile loop with real processes: a web instance that exits shortly after each start shows
 * as crashed while the agent restarts it with back-off, and restarting the node-agent or the controller leaves
 * healthy containers running untouched (same Docker ids and start times): the agent adopts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SelfHealingIT {

    Cluster cluster;
    User user;
    SampleApp app;

    @BeforeAll
    void start() throws Exception {
        // A scale that never becomes healthy answers after the deploy timeout: short here.
        cluster = Cluster.started(1, Map.of("PAAS_DEPLOY_TIMEOUT", "20s"));
        user = User.loggedIn(cluster);
        app = SampleApp.deployed(user, "heal");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aWebInstanceThatKeepsExitingShowsAsCrashedAndIsRestartedWithBackOff() {
        app.okPaas(null, "config:set", "CRASH_PROCESS=web.2");
        // web.2 may count as up for its one second, or not: either way the scale places it and it crash-loops.
        Shell.Result scale = app.paas("scale", "web=2");
        assertThat(scale.out()).as(scale.all()).contains("web 1 -> 2");

        Wait.until(Duration.ofSeconds(60), () -> psLine("web.2").contains(" crashed "));
        // Each attempt is a fresh container started by the agent and logs its line; web.1 serves throughout.
        Wait.until(Duration.ofSeconds(60), () -> app.okPaas(null, "logs", "-n", "500").out()
                .split("crash loop: web.2 exits in a second", -1).length > 3);
        assertThat(app.curl()).isEqualTo("Hello from web.1\n200");
        assertThat(psLine("web.1")).contains(" up ");
        assertThat(app.okPaas(null, "logs", "-n", "500").out()).contains("web.2 (v").contains("crashed");

        app.okPaas(null, "scale", "web=1");
        app.okPaas(null, "config:unset", "CRASH_PROCESS");
        Wait.until(Duration.ofSeconds(60), () -> psLine("web.2").isEmpty() && containers().size() == 1);
    }

    @Test
    @Order(2)
    void restartingTheNodeAgentLeavesHealthyContainersRunning() throws Exception {
        Wait.until(Duration.ofSeconds(60), () -> containers().size() == 1);
        List<String> before = containers();
        assertThat(before).hasSize(1);

        cluster.kill(cluster.node);
        cluster.startAgent(cluster.node);
        // The new agent has converged once it starts what a scale asks for.
        app.okPaas(null, "scale", "web=2");

        assertThat(containers()).hasSize(2).containsAll(before);
        assertThat(psLine("web.1")).contains(" up ");
        assertThat(app.curl()).endsWith("200");
    }

    @Test
    @Order(3)
    void restartingTheControllerLeavesHealthyContainersRunning() throws Exception {
        List<String> before = containers();
        assertThat(before).hasSize(2);

        cluster.restartController();
        // The scale may answer "not up yet" after the short deploy timeout when the host is busy; what matters is
        // that the new container comes up beside the two the restart left alone.
        Shell.Result scale = app.paas("scale", "web=3");
        assertThat(scale.all()).contains("web 2 -> 3");
        Wait.until(Duration.ofSeconds(90), () -> psLine("web.3").contains(" up "));

        assertThat(containers()).hasSize(3).containsAll(before);
        assertThat(app.curl()).endsWith("200");
    }

    /** "id started-at name" of each of the app's running containers, from Docker itself. */
    private List<String> containers() {
        String ids = Shell.run(user.work, Map.of(), "docker", "ps", "-q", "--filter", "label=paas.app=" + app.name)
                .out().strip();
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] inspect = {"docker", "inspect", "--format", "{{.Id}} {{.State.StartedAt}} {{.Name}}"};
        String[] command = Arrays.copyOf(inspect, inspect.length + ids.split("\\s+").length);
        System.arraycopy(ids.split("\\s+"), 0, command, inspect.length, ids.split("\\s+").length);
        return Shell.ok(user.work, Map.of(), command).out().lines().sorted().toList();
    }

    private String psLine(String process) {
        return app.okPaas(null, "ps").out().lines().filter(l -> l.startsWith(process + " ")).findFirst().orElse("");
    }
}
