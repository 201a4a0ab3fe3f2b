package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * Node identity as real processes (docs/security.md, "Nodes"): a node-agent joins a formation with a join token,
 * gets its own credential and runs an app with it; a second agent presenting the same join token under the first
 * one's name from another address is refused and exits, while the first keeps running and serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NodeIdentityIT {

    Cluster cluster;
    User user;
    SampleApp seed;
    SampleApp app;
    String joinToken;
    final String joined = "ident-" + UUID.randomUUID().toString().substring(0, 6);
    Process joinedAgent;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.started(1, Map.of());
        user = User.loggedIn(cluster);
        seed = SampleApp.create(user, "ident-seed-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aJoinedAgentRunsItsAppsWithItsOwnCredential() throws Exception {
        seed.okPaas(null, "formations:create", "ident");
        joinToken = seed.okPaas(null, "formations:token", "ident", "--layer", "runtime").out().strip();
        joinedAgent = cluster.startJoinedAgent(joined, joinToken);
        Wait.until(Duration.ofSeconds(60), () -> seed.okPaas(null, "nodes").out().lines()
                .anyMatch(l -> l.matches(joined + " +ident +runtime +127\\.0\\.0\\.1 .* up")));

        app = seed.another("ident-app-" + UUID.randomUUID().toString().substring(0, 6), "--formation", "ident");
        Shell.Result push = app.push();
        assertThat(push.exit()).as(push.all()).isZero();
        assertThat(app.curl()).endsWith("200");
        assertThat(app.okPaas(null, "ps").out().lines().filter(l -> l.matches("web\\.\\d .*")).toList())
                .hasSize(1).allMatch(l -> l.contains(" " + joined + " "));
        assertThat(Files.readString(agentLog(joined)))
                .contains("registered node " + joined + " at 127.0.0.1 with the controller: presenting its own node"
                        + " credential from now on")
                .doesNotContain("answered 401").doesNotContain("answered 403");
    }

    @Test
    @Order(2)
    void theSameJoinTokenCannotTakeTheNodesNameFromAnotherAddress() throws Exception {
        Path log = cluster.logs.resolve("node-agent-" + joined + "-impostor.log");
        int first = PortRanges.claim();
        Process impostor = Shell.spawn(Cluster.java("node-agent",
                "--controller", cluster.api(), "--join-token", joinToken, "--name", joined,
                "--address", "127.0.0.2", "--ports", first + "-" + (first + 199)), Map.of(), log);
        try {
            assertThat(impostor.waitFor(120, TimeUnit.SECONDS)).as("the refused agent exits").isTrue();
        } finally {
            impostor.destroyForcibly();
        }
        assertThat(impostor.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("The controller refused this node")
                .contains("Node '" + joined + "' is registered at 127.0.0.1, not 127.0.0.2");

        // The node keeps its address and its credential: it still heartbeats, runs and serves its app.
        assertThat(joinedAgent.isAlive()).isTrue();
        assertThat(seed.okPaas(null, "nodes").out().lines()
                .anyMatch(l -> l.matches(joined + " +ident +runtime +127\\.0\\.0\\.1 .* up"))).isTrue();
        assertThat(app.curl()).endsWith("200");
        app.okPaas(null, "scale", "web=2");
        assertThat(app.okPaas(null, "ps").out().lines().filter(l -> l.matches("web\\.\\d .*")).toList())
                .hasSize(2).allMatch(l -> l.contains(" " + joined + " "));
        assertThat(Files.readString(agentLog(joined))).doesNotContain("The controller refused this node");
    }

    private Path agentLog(String name) {
        return cluster.logs.resolve("node-agent-" + name + ".log");
    }
}
