package dev.paas.agent.apply;

import dev.paas.agent.engine.FakeContainerEngine;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.Reconciler;
import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.paas.agent.Fixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ApplierTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final FakeContainerEngine engine = new FakeContainerEngine();
    private final Applier applier = new Applier(engine, new PortAllocator(20000, 20999, port -> true), "n1",
            "127.0.0.1", pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private int converge(List<DesiredContainer> desired) {
        List<NodeContainer> observed = engine.list("n1");
        return applier.apply(Reconciler.plan(desired, observed), observed);
    }

    @Test
    void startsSixContainersAtOnceOnDistinctPortsPullingTheImageOnce() throws Exception {
        List<DesiredContainer> six = IntStream.rangeClosed(1, 6).mapToObj(i -> desired("hello.v1.web." + i)).toList();
        engine.withHeldRuns();

        // Every run is held until all six are in flight together: runs one after another would never get there.
        CompletableFuture<Integer> applied = CompletableFuture.supplyAsync(() -> converge(six));
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.runsInFlight() == 6);
        engine.finishRuns();

        assertThat(applied.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(engine.maxConcurrentRuns()).isEqualTo(6);
        assertThat(engine.list("n1")).extracting(NodeContainer::hostPort).doesNotHaveDuplicates().hasSize(6);
        assertThat(engine.pulls()).containsExactly("127.0.0.1:5000/hello:v1");
    }

    @Test
    void anAddonsServiceIsPublishedAtItsOwnPortOutsideTheRange() {
        DesiredContainer plain = desired("hello.v1.web.9");
        DesiredContainer service = new DesiredContainer("addon.redis-amber-42", "redis-amber-42", 0, "addon", 1, plain.image(),
                List.of(), java.util.Map.of("REDIS_PORT", "19000"), 19000, null, 256, 0,
                List.of("paas-addon-redis-amber-42"), new dev.paas.api.ServiceParts("redis-amber-42",
                        "paas-addon-redis-amber-42", "/var/lib/redis", "redis", 19000));

        assertThat(converge(List.of(service, desired("hello.v1.web.1")))).isZero();

        java.util.Map<String, Integer> ports = engine.list("n1").stream()
                .collect(java.util.stream.Collectors.toMap(NodeContainer::name, NodeContainer::hostPort));
        assertThat(ports.get("addon.redis-amber-42")).isEqualTo(19000);
        assertThat(ports.get("hello.v1.web.1")).isBetween(20000, 20999);
    }

    @Test
    void anAddonsImageMissingHereIsPulledFromTheClusterRegistryOnce() {
        DesiredContainer plain = desired("hello.v1.web.9");
        DesiredContainer service = new DesiredContainer("addon.redis-amber-42", "redis-amber-42", 0, "addon", 1,
                "paas/addon-redis:7-r2", List.of(), java.util.Map.of("REDIS_PORT", "19000"), 19000, null, 256, 0,
                List.of("paas-addon-redis-amber-42"), new dev.paas.api.ServiceParts("redis-amber-42",
                        "paas-addon-redis-amber-42", "/var/lib/redis", "redis", 19000,
                        "10.0.0.1:5000/paas/addon-redis:7-r2"));

        assertThat(converge(List.of(service, desired("hello.v1.web.1")))).isZero();

        assertThat(engine.pulls()).containsExactlyInAnyOrder("10.0.0.1:5000/paas/addon-redis:7-r2", plain.image());
        assertThat(engine.list("n1")).extracting(NodeContainer::name)
                .containsExactlyInAnyOrder("addon.redis-amber-42", "hello.v1.web.1");
        engine.remove(engine.list("n1").stream().filter(c -> c.name().startsWith("addon.")).findFirst()
                .orElseThrow().id());
        assertThat(converge(List.of(service, desired("hello.v1.web.1")))).isZero();
        assertThat(engine.pulls()).as("the image is there now, under its own name").hasSize(2);
    }

    @Test
    void restartsACrashedContainerOnItsOldPort() {
        converge(List.of(desired("hello.v1.web.1"), desired("hello.v1.web.2")));
        NodeContainer before = engine.list("n1").get(0);
        engine.crash(before.name());

        List<NodeContainer> observed = engine.list("n1");
        List<Action> plan = Reconciler.plan(List.of(desired("hello.v1.web.1"), desired("hello.v1.web.2")), observed);
        assertThat(plan).hasSize(1).first().isInstanceOf(Action.Restart.class);
        assertThat(applier.apply(plan, observed)).isZero();

        NodeContainer after = engine.list("n1").stream().filter(c -> c.name().equals(before.name())).findFirst()
                .orElseThrow();
        assertThat(after.running()).isTrue();
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(after.hostPort()).isEqualTo(before.hostPort());
    }

    @Test
    void startsTheNextReleaseWhileTheOldOneIsStillInItsGracePeriod() {
        engine.withSlowStops();
        converge(List.of(desired("hello.v1.web.1")));
        String old = engine.list("n1").get(0).id();

        assertThat(converge(List.of(desired("hello.v2.web.1")))).isZero();
        assertThat(engine.list("n1")).extracting(NodeContainer::name)
                .containsExactlyInAnyOrder("hello.v1.web.1", "hello.v2.web.1");
        assertThat(engine.list("n1")).extracting(NodeContainer::hostPort).doesNotHaveDuplicates();

        // A second round while it still stops neither stops it again nor touches the new one.
        assertThat(converge(List.of(desired("hello.v2.web.1")))).isZero();
        engine.finishStops();
        pool.shutdown();
        assertThat(awaitQuietPool()).isTrue();
        assertThat(engine.removals()).containsExactly(old);
        assertThat(engine.list("n1")).extracting(NodeContainer::name).containsExactly("hello.v2.web.1");
    }

    /** The agent steps often while busy: a listing may still show a container whose stop has just finished. */
    @Test
    void aListingTakenBeforeAStopFinishedDoesNotStopTheContainerAgain() throws InterruptedException {
        converge(List.of(desired("hello.v1.web.1")));
        List<NodeContainer> stale = engine.list("n1");
        String old = stale.get(0).id();

        applier.apply(Reconciler.plan(List.of(), stale), stale);
        for (int i = 0; i < 200 && !engine.list("n1").isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(engine.list("n1")).isEmpty();
        applier.apply(Reconciler.plan(List.of(), stale), stale);

        pool.shutdown();
        assertThat(awaitQuietPool()).isTrue();
        assertThat(engine.removals()).containsExactly(old);
    }

    private boolean awaitQuietPool() {
        try {
            return pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void countsFailuresAndCarriesOnWithTheRest() {
        Applier tiny = new Applier(engine, new PortAllocator(20000, 20000, port -> true), "n1", "127.0.0.1", pool);
        List<NodeContainer> observed = engine.list("n1");

        int failures = tiny.apply(Reconciler.plan(List.of(desired("a.v1.web.1"), desired("a.v1.web.2")), observed),
                observed);

        assertThat(failures).isEqualTo(1);
        assertThat(engine.list("n1")).hasSize(1);
    }
}
