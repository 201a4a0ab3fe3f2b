package dev.paas.agent.observe;

import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.api.ObservedContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.paas.agent.Fixtures.exited;
import static dev.paas.agent.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class ObserverTest {

    /** An engine that lists fixed containers. */
    private static ContainerEngine listing(NodeContainer... containers) {
        return new ContainerEngine() {
            @Override
            public List<NodeContainer> list(String node) {
                return List.of(containers);
            }

            @Override
            public boolean ensureImage(String image, String pullFrom) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String run(ContainerSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void remove(String id) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A listing engine that counts its listings. */
    private static ContainerEngine counting(AtomicInteger listings, NodeContainer... containers) {
        ContainerEngine engine = listing(containers);
        return new ContainerEngine() {
            @Override
            public List<NodeContainer> list(String node) {
                listings.incrementAndGet();
                return engine.list(node);
            }

            @Override
            public boolean ensureImage(String image, String pullFrom) {
                return engine.ensureImage(image, pullFrom);
            }

            @Override
            public String run(ContainerSpec spec) {
                return engine.run(spec);
            }

            @Override
            public void remove(String id) {
                engine.remove(id);
            }
        };
    }

    @Test
    void runningAndAcceptingOnTheContainerAddressIsUp() {
        var observer = new Observer(listing(running("a.v1.web.1", 20000)), "n1",
                (host, port) -> host.equals("172.17.0.2") && port == 8080);

        assertThat(observer.observe()).extracting(Observation::toApi)
                .containsExactly(new ObservedContainer("a.v1.web.1", "id-a.v1.web.1", "up", 20000, null, null,
                        "172.17.0.2"));
    }

    @Test
    void runningButNotYetAcceptingIsStarting() {
        var observer = new Observer(listing(running("a.v1.web.1", 20000)), "n1", (host, port) -> false);

        assertThat(observer.observe()).extracting(Observation::state).containsExactly(ObservedContainer.STARTING);
    }

    @Test
    void runningWithoutAnAddressYetIsStarting() {
        var noIp = new NodeContainer("id", "a.v1.web.1", true, null, 8080, 20000);
        var observer = new Observer(listing(noIp), "n1", (host, port) -> true);

        assertThat(observer.observe()).extracting(Observation::state).containsExactly(ObservedContainer.STARTING);
    }

    @Test
    void aStartingContainerWhosePortOpensIsNoticedWithoutAListing() {
        var accepting = new AtomicBoolean();
        var listings = new AtomicInteger();
        var observer = new Observer(counting(listings, running("a.v1.web.1", 20000), exited("a.v1.web.2", 20001)),
                "n1", (host, port) -> accepting.get());
        List<Observation> seen = observer.observe();

        assertThat(observer.nowAccepting(seen)).isNull();
        accepting.set(true);
        assertThat(observer.nowAccepting(seen)).extracting(Observation::toApi).containsExactly(
                new ObservedContainer("a.v1.web.1", "id-a.v1.web.1", "up", 20000, null, null, "172.17.0.2"),
                new ObservedContainer("a.v1.web.2", "id-a.v1.web.2", "exited", 20001, null, null, null));
        assertThat(listings).as("probes only, no listing").hasValue(1);
        assertThat(observer.nowAccepting(observer.observe())).as("nothing starting any more").isNull();
    }

    @Test
    void aRunningContainerNoLongerDesiredIsStoppingAndNeverProbed() {
        var probed = new java.util.ArrayList<String>();
        var observer = new Observer(listing(running("a.v1.web.1", 20000), running("a.v1.web.2", 20001)), "n1",
                (host, port) -> probed.add(host + ":" + port));
        observer.expect(List.of(dev.paas.agent.Fixtures.desired("a.v1.web.1")));

        assertThat(observer.observe()).extracting(Observation::state)
                .containsExactly(ObservedContainer.UP, ObservedContainer.STOPPING);
        assertThat(probed).hasSize(1);
        assertThat(observer.nowAccepting(observer.observe())).as("a stopping container is not starting").isNull();
        assertThat(probed).hasSize(2);
    }

    @Test
    void notRunningIsExited() {
        var observer = new Observer(listing(exited("a.v1.web.1", 20000)), "n1", (host, port) -> true);

        assertThat(observer.observe()).extracting(Observation::toApi)
                .containsExactly(new ObservedContainer("a.v1.web.1", "id-a.v1.web.1", "exited", 20000));
    }

    @Test
    void aRunningWorkerIsUpWithoutListeningAndAWebContainerIsNot() {
        var probed = new java.util.ArrayList<String>();
        var observer = new Observer(listing(running("a.v1.worker.1", 20000), running("a.v1.web.1", 20001)), "n1",
                (host, port) -> !probed.add(host + ":" + port));
        observer.expect(List.of(dev.paas.agent.Fixtures.desired("a.v1.worker.1"),
                dev.paas.agent.Fixtures.desired("a.v1.web.1")));

        assertThat(observer.observe()).extracting(Observation::state)
                .containsExactly(ObservedContainer.UP, ObservedContainer.STARTING);
        assertThat(probed).as("only the web container is probed").hasSize(1);
    }

    @Test
    void anExitOutOfMemoryIsReportedAndStillReportedOnceTheContainerRunsAgain() {
        var at = java.time.Instant.parse("2026-12-04T05:00:00Z");
        var killed = new NodeContainer("id-1", "a.v1.web.1", false, null, 8080, 20000,
                new NodeContainer.Exit(true, 137, at));
        var engine = new java.util.concurrent.atomic.AtomicReference<NodeContainer>(killed);
        var observer = new Observer(new ContainerEngine() {
            @Override
            public List<NodeContainer> list(String node) {
                return List.of(engine.get());
            }

            @Override
            public boolean ensureImage(String image, String pullFrom) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String run(ContainerSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void remove(String id) {
                throw new UnsupportedOperationException();
            }
        }, "n1", (host, port) -> true);

        assertThat(observer.observe()).extracting(Observation::toApi).containsExactly(new ObservedContainer(
                "a.v1.web.1", "id-1", "exited", 20000, ObservedContainer.OUT_OF_MEMORY, at));
        engine.set(new NodeContainer("id-2", "a.v1.web.1", true, "172.17.0.2", 8080, 20000));
        assertThat(observer.observe()).extracting(Observation::toApi).containsExactly(new ObservedContainer(
                "a.v1.web.1", "id-2", "up", 20000, ObservedContainer.OUT_OF_MEMORY, at, "172.17.0.2"));
    }

    @Test
    void anOrdinaryExitIsACrashAndAContainerThatNeverExitedHasNoLastExit() {
        var at = java.time.Instant.parse("2026-12-04T05:00:00Z");
        var crashed = new NodeContainer("id-1", "a.v1.web.1", false, null, 8080, 20000,
                new NodeContainer.Exit(false, 3, at));
        var observer = new Observer(listing(crashed, running("a.v1.web.2", 20001)), "n1", (host, port) -> true);

        assertThat(observer.observe()).extracting(Observation::toApi).containsExactly(
                new ObservedContainer("a.v1.web.1", "id-1", "exited", 20000, ObservedContainer.CRASHED, at),
                new ObservedContainer("a.v1.web.2", "id-a.v1.web.2", "up", 20001, null, null, "172.17.0.2"));
    }

    @Test
    void aContainerCreatedButNotStartedYetIsStartingNotExited() {
        var created = new NodeContainer("id-1", "a.v1.web.1", false, null, 8080, 20000, NodeContainer.Exit.NOT_STARTED);
        var observer = new Observer(listing(created), "n1", (host, port) -> true);

        assertThat(observer.observe()).extracting(Observation::toApi)
                .containsExactly(new ObservedContainer("a.v1.web.1", "id-1", "starting", 20000));
    }
}
