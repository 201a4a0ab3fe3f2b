package dev.paas.agent;

import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.FakeContainerEngine;
import dev.paas.api.DesiredContainer;
import dev.paas.api.NodeReport;
import dev.paas.api.ObservedContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static dev.paas.agent.Fixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole agent against an in-memory controller (over real HTTP) and the fake engine. */
class AgentLoopTest {

    private static final Timing FAST = new Timing(Duration.ofMillis(50), Duration.ofMillis(500), 2,
            Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(500));

    private final FakeContainerEngine engine = new FakeContainerEngine();
    private FakeController controller;
    private Thread agent;

    @AfterEach
    void stop() throws InterruptedException {
        agent.interrupt();
        agent.join(5000);
        controller.close();
    }

    @Test
    void waitsForTheControllerThenConvergesAndReportsEveryChange() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String foreign = engine.addForeign(ContainerSpec.of("n1", desired("x.v1.web.1"), "127.0.0.1", 29599),
                Map.of("paas.node", "n1"));
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n1", "127.0.0.1",
                29500, 29598, "default", "runtime", 4096);
        // Until the controller is up, it closes every connection unanswered: the agent must keep trying.
        controller = new FakeController(port, "T");
        controller.down = true;
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST), "agent");
        agent.start();
        eventually(() -> controller.unanswered.get() >= 3);
        assertThat(controller.registrations).isEmpty();
        engine.withHeldRuns();
        controller.down = false;
        List<DesiredContainer> six = IntStream.rangeClosed(1, 6).mapToObj(i -> desired("hello.v1.web." + i)).toList();
        controller.desire(six);

        // Every run is held until all six are in flight together: runs one after another would never get there.
        eventually(() -> engine.runsInFlight() == 6);
        engine.finishRuns();
        eventually(() -> upNames(controller.lastReport()).size() == 6);
        assertThat(controller.registrations).singleElement()
                .satisfies(r -> assertThat(r.name()).isEqualTo("n1"));
        assertThat(engine.maxConcurrentRuns()).isEqualTo(6);
        assertThat(controller.lastReport().containers()).extracting(ObservedContainer::hostPort)
                .doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isBetween(29500, 29598));

        controller.desire(six.subList(0, 2));
        eventually(() -> controller.lastReport().containers().size() == 2);
        assertThat(upNames(controller.lastReport())).containsExactlyInAnyOrder("hello.v1.web.1", "hello.v1.web.2");

        String crashedId = engine.list("n1").get(0).id();
        engine.crash(engine.list("n1").get(0).name());
        eventually(() -> upNames(controller.lastReport()).size() == 2
                && controller.lastReport().containers().stream().noneMatch(c -> c.dockerId().equals(crashedId)));

        assertThat(engine.exists(foreign)).isTrue();
        assertThat(controller.unauthorized).isEmpty();
    }

    @Test
    void stopsWhenItsTokenIsRevokedAfterItJoined() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n3", "127.0.0.1",
                29500, 29598, null, null, 4096);
        AgentLoop loop = NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST);
        agent = new Thread(loop, "agent");
        agent.start();
        eventually(() -> controller.reports.size() >= 1);

        controller.revokeToken();

        eventually(() -> !agent.isAlive());
        assertThat(loop.refused()).isTrue();
        assertThat(controller.unauthorized).isNotEmpty();
    }

    @Test
    void presentsItsTokenOnlyToRegisterAndThenItsOwnCredential() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n5", "127.0.0.1",
                29500, 29598, null, null, 4096);
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST), "agent");
        agent.start();
        eventually(() -> controller.reports.size() >= 2);

        assertThat(controller.registrations).hasSize(1);
        assertThat(controller.registrations.get(0).firstPort()).isEqualTo(29500);
        assertThat(controller.registrations.get(0).lastPort()).isEqualTo(29598);
        assertThat(controller.presented.get(0)).isEqualTo("/v1/nodes/register Bearer T");
        assertThat(controller.presented.subList(1, controller.presented.size()))
                .allMatch(p -> p.endsWith(" Bearer pnc_n5_1"), "every later request presents the credential")
                .anyMatch(p -> p.startsWith("/v1/nodes/n5/observed"))
                .anyMatch(p -> p.startsWith("/v1/nodes/n5/desired"));
        assertThat(controller.unauthorized).isEmpty();
    }

    @Test
    void registersAgainWithItsTokenWhenItsCredentialIsRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n6", "127.0.0.1",
                29500, 29598, null, null, 4096);
        AgentLoop loop = NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST);
        agent = new Thread(loop, "agent");
        agent.start();
        eventually(() -> controller.reports.size() >= 1);

        controller.replaceCredential();

        eventually(() -> controller.registrations.size() >= 2);
        int reports = controller.reports.size();
        eventually(() -> controller.reports.size() > reports);
        assertThat(agent.isAlive()).isTrue();
        assertThat(loop.refused()).isFalse();
        assertThat(controller.presented.get(controller.presented.size() - 1)).endsWith(" Bearer "
                + controller.credential());
    }

    @Test
    void retriesARegistrationDeferredWhileItsNodeStillLooksLive() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        controller.stillLive.set(3);
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n7", "127.0.0.1",
                29500, 29598, null, null, 4096);
        AgentLoop loop = NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST);
        agent = new Thread(loop, "agent");
        agent.start();

        eventually(() -> controller.reports.size() >= 1);
        assertThat(controller.stillLive.get()).isZero();
        assertThat(controller.registrations).hasSize(1);
        assertThat(loop.refused()).isFalse();
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void stopsWhenTheControllerRefusesItsRegistration() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        controller.nameTaken = true;
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n4", "127.0.0.1",
                29500, 29598, null, null, 4096);
        AgentLoop loop = NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST);
        agent = new Thread(loop, "agent");
        agent.start();

        eventually(() -> !agent.isAlive());
        assertThat(loop.refused()).isTrue();
        assertThat(controller.registrations).isEmpty();
        assertThat(controller.reports).isEmpty();
    }

    @Test
    void keepsHeartbeatingWhileSettled() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n2", "127.0.0.1",
                29500, 29598, "default", "runtime", 4096);
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, FAST), "agent");
        agent.start();

        eventually(() -> controller.reports.size() >= 1);
        int before = controller.reports.size();

        // Settled, nothing changes: steps send nothing new, and the 1 s heartbeat still reports.
        eventually(() -> controller.reports.size() - before >= 3);
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void heartbeatsWhileALongApplyBlocksTheLoop() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        FakeContainerEngine slow = new FakeContainerEngine().withHeldRuns();
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n3", "127.0.0.1",
                29500, 29598, "default", "runtime", 4096);
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", slow, (host, p) -> true, FAST), "agent");
        agent.start();
        eventually(() -> controller.reports.size() >= 1);

        controller.desire(List.of(desired("hello.v1.web.1")));
        eventually(() -> slow.runsInFlight() == 1);
        int before = controller.reports.size();

        // The loop is stuck in a create until the test lets it finish; the 1 s heartbeat keeps the node alive.
        try {
            eventually(() -> controller.reports.size() - before >= 2);
            assertThat(slow.runsInFlight()).as("still stuck in the create").isEqualTo(1);
            assertThat(slow.list("n3")).isEmpty();
        } finally {
            slow.finishRuns();
        }
        eventually(() -> upNames(controller.lastReport()).size() == 1);
    }

    @Test
    void aNewVersionWithTheSameContainersTakesNoStep() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        // Settled steps and heartbeats (each a listing) are far apart, so any listing here comes from a poll answer.
        Timing quiet = new Timing(Duration.ofMillis(50), Duration.ofSeconds(60), 1, Duration.ofSeconds(60),
                Duration.ofMillis(100), Duration.ofMillis(500));
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", "n5", "127.0.0.1",
                29500, 29598, "default", "runtime", 4096);
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", engine, (host, p) -> true, quiet), "agent");
        agent.start();
        List<DesiredContainer> one = List.of(desired("hello.v1.web.1"));
        controller.desire(one);
        eventually(() -> upNames(controller.lastReport()).size() == 1);
        int listings = settledListings();

        for (int i = 0; i < 3; i++) {
            long version = controller.desire(one);
            eventually(() -> controller.polledSince.contains(version));
        }

        // A poll with since=version is made only once the answer of that version was weighed: by now the agent
        // has decided about all three. Another node's report or a router's ack moves the version only: no Docker listing, no report.
        assertThat(engine.listings()).isEqualTo(listings);
        // A real change is still acted on at once, long before the 60 s settled step.
        controller.desire(List.of(desired("hello.v1.web.1"), desired("hello.v1.web.2")));
        eventually(() -> upNames(controller.lastReport()).size() == 2);
    }

    /** Waits (up to 20 s) until the agent stops listing Docker, i.e. it has settled; returns the count then. */
    private int settledListings() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int before;
        do {
            before = engine.listings();
            Thread.sleep(300);
            assertThat(System.nanoTime()).as("the agent did not settle within 20 s").isLessThan(deadline);
        } while (engine.listings() != before);
        return before;
    }

    private static List<String> upNames(NodeReport report) {
        return report == null ? List.of() : report.containers().stream()
                .filter(c -> ObservedContainer.UP.equals(c.state())).map(ObservedContainer::name).toList();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
