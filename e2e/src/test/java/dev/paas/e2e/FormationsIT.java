package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Formations with join tokens, as real processes: a node-agent and a router join a new formation "edge" with
 * join tokens (runtime and proxy layers), an app created in it runs only on its runtime node and is served by
 * its proxy, which serves no other formation's app; a wrong token is refused. Also {@code ps:restart TYPE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FormationsIT {

    Cluster cluster;
    User user;
    /** In the default formation, on the platform's own node-agent and router. */
    SampleApp plain;
    SampleApp edge;
    final String edgeNode = "edge-" + UUID.randomUUID().toString().substring(0, 6);
    final String edgeRouter = "edge-proxy-" + UUID.randomUUID().toString().substring(0, 6);
    final int edgePort = Cluster.freePort();
    Process edgeAgent;
    Process edgeRouterProcess;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(1, Map.of());
        user = User.loggedIn(cluster);
        plain = SampleApp.deployed(user, "plain");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aNodeAgentJoinsAFormationWithAJoinToken() throws Exception {
        plain.okPaas(null, "formations:create", "edge");
        Shell.Result token = plain.okPaas(null, "formations:token", "edge", "--layer", "runtime");
        assertThat(token.out().strip()).startsWith("pjt_");
        assertThat(token.err()).contains("runtime layer of formation edge");

        edgeAgent = cluster.startJoinedAgent(edgeNode, token.out().strip());
        Wait.until(Duration.ofSeconds(60), () -> plain.okPaas(null, "nodes").out().lines()
                .anyMatch(l -> l.matches(edgeNode + " +edge +runtime .* up")));
    }

    @Test
    @Order(2)
    void aWrongJoinTokenIsRefusedWithAClearMessage() throws Exception {
        Process agent = cluster.startJoinedAgent("refused-" + UUID.randomUUID().toString().substring(0, 6), "pjt_wrong");
        assertThat(agent.waitFor(120, TimeUnit.SECONDS)).as("the refused agent exits").isTrue();
        assertThat(agent.exitValue()).isEqualTo(1);
        String log = Files.readString(cluster.logs.resolve("node-agent-" + cluster.nodes.get(cluster.nodes.size() - 1) + ".log"));
        assertThat(log).contains("The controller refused this node").contains("Invalid join token");
        cluster.nodes.remove(cluster.nodes.size() - 1);
    }

    @Test
    @Order(3)
    void anAppCreatedInTheFormationRunsOnItsNodesOnly() throws Exception {
        Shell.Result unknown = plain.paas("create", "lost-" + UUID.randomUUID().toString().substring(0, 6),
                "--formation", "nowhere");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown formation 'nowhere'");

        edge = plain.another("edge-" + UUID.randomUUID().toString().substring(0, 6), "--formation", "edge");
        Files.writeString(edge.dir.resolve("Procfile"), "web: python3 app.py\nworker: python3 app.py\n");
        Shell.ok(edge.dir, edge.user.git, "git", "commit", "-q", "-am", "a worker too");
        Shell.Result push = edge.push();
        assertThat(push.exit()).as(push.all()).isZero();

        assertThat(edge.okPaas(null, "info").out()).contains("Formation: edge");
        assertThat(plain.okPaas(null, "info").out()).contains("Formation: default");
        edge.okPaas(null, "scale", "web=2", "worker=1");
        assertThat(edge.okPaas(null, "ps").out().lines().filter(l -> l.matches("(web|worker)\\.\\d .*")).toList())
                .hasSize(3).allMatch(l -> l.contains(" " + edgeNode + " "));
    }

    @Test
    @Order(4)
    void aRouterJoinsTheProxyLayerAndServesOnlyItsFormationsApps() throws Exception {
        String token = plain.okPaas(null, "formations:token", "edge", "--layer", "proxy").out().strip();
        edgeRouterProcess = cluster.startJoinedRouter(edgeRouter, token, edgePort);

        Wait.until(Duration.ofSeconds(60), () -> throughEdge(edge.name).endsWith("200"));
        assertThat(throughEdge(plain.name)).doesNotEndWith("200");
        // The platform's own router, with the cluster's node token, serves both.
        assertThat(edge.curl()).endsWith("200");
        assertThat(plain.curl()).endsWith("200");
        Wait.until(Duration.ofSeconds(30), () -> plain.okPaas(null, "nodes").out().lines()
                .anyMatch(l -> l.matches(edgeRouter + " +edge +proxy .* up")));
    }

    @Test
    @Order(5)
    void restartingOneProcessTypeReplacesOnlyItsContainersWithoutAFailedRequest() throws Exception {
        List<String> webBefore = ids("web");
        List<String> workerBefore = ids("worker");
        assertThat(webBefore).hasSize(2);

        ScalingIT.Traffic traffic = ScalingIT.Traffic.start(edge);
        Shell.Result restart = edge.paas("ps:restart", "web");
        traffic.stop();
        assertThat(restart.exit()).as(restart.all()).isZero();
        assertThat(restart.out()).contains("Restarting web processes of " + edge.name + "... done in");
        assertThat(traffic.failed()).as("failed of " + traffic.sent()).isZero();

        Wait.until(Duration.ofSeconds(30), () -> ids("web").size() == 2);
        assertThat(ids("web")).doesNotContainAnyElementsOf(webBefore);
        assertThat(ids("worker")).isEqualTo(workerBefore);
        assertThat(edge.okPaas(null, "releases").out()).doesNotContain("Restart");
        assertThat(edge.okPaas(null, "logs", "-s", "platform", "-n", "100").out()).containsPattern("Restarted web by admin in \\d+\\.\\ds");

        Shell.Result unknown = edge.paas("ps:restart", "clock");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("No process type clock");
    }

    @Test
    @Order(6)
    void tokensAreListedAndRevokingTheRuntimeOneStopsTheAgentHoldingIt() throws Exception {
        List<String> listed = plain.okPaas(null, "formations:tokens", "edge").out().lines().toList();
        assertThat(listed.get(0)).startsWith("ID").contains("TOKEN", "LAST USED");
        String runtime = listed.stream().filter(l -> l.matches("\\d+ +pjt_\\S+\\.\\.\\. +edge +runtime .*")).findFirst()
                .orElseThrow(() -> new AssertionError("no runtime token in " + listed));
        assertThat(runtime).doesNotEndWith("never");
        String id = runtime.split(" +")[0];

        assertThat(plain.okPaas(null, "formations:tokens:revoke", id).out()).isEqualTo("Revoked join token " + id + ".\n");

        assertThat(edgeAgent.waitFor(60, TimeUnit.SECONDS)).as("the agent holding the revoked token exits").isTrue();
        assertThat(edgeAgent.exitValue()).isEqualTo(1);
        assertThat(Files.readString(cluster.logs.resolve("node-agent-" + edgeNode + ".log")))
                .contains("Join token " + id + " (pjt_").contains("was revoked by admin");
        assertThat(plain.okPaas(null, "formations:tokens", "edge").out()).doesNotContain(" runtime ");
        // The router joined with the proxy token, which still works: it keeps running and still follows the route
        // table, so a host name added after the revocation is served through it.
        String host = "after-revoke-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        edge.okPaas(null, "domains:add", host);
        Wait.until(Duration.ofSeconds(60), () -> throughEdgeAs(host).endsWith("200"));
        assertThat(edgeRouterProcess.isAlive()).as("the router holding the proxy token still runs").isTrue();
        assertThat(Files.readString(cluster.logs.resolve("router-" + edgeRouter + ".log"))).doesNotContain("revoked");
    }

    private String throughEdge(String app) {
        return throughEdgeAs(app + ".localhost");
    }

    private String throughEdgeAs(String host) {
        return Shell.run(user.work, Map.of(), "curl", "-sS", "--max-time", "5", "-o", "-", "-w", "%{http_code}",
                "-H", "Host: " + host, "http://127.0.0.1:" + edgePort + "/").out();
    }

    /** Docker ids of the edge app's running containers of one type. */
    private List<String> ids(String type) {
        return Shell.run(user.work, Map.of(), "docker", "ps", "-q", "--no-trunc", "--filter",
                "label=paas.app=" + edge.name, "--filter", "label=paas.process=" + type).out().lines().sorted().toList();
    }
}
