package dev.paas.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import dev.paas.agent.docker.DockerContainerEngine;
import dev.paas.agent.docker.LocalDocker;
import dev.paas.agent.engine.Labels;
import dev.paas.api.LogLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipper against the local dockerd: a container's output reaches the controller side with its labels. */
class LogShipperTest {

    static DockerClient docker;
    final String node = "logtest-" + UUID.randomUUID().toString().substring(0, 8);
    final List<LogLine> shipped = new CopyOnWriteArrayList<>();
    final LogShipper shipper = new LogShipper(docker, node, batch -> shipped.addAll(batch.lines()));

    @BeforeAll
    static void dockerWithTheStackImage() throws InterruptedException {
        docker = LocalDocker.engineWith(LocalDocker.STACK_IMAGE).client();
    }

    @AfterEach
    void removeContainers() {
        shipper.stop();
        for (String n : List.of(node, node + "-other")) {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, n)).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    @Test
    void shipsStdoutAndStderrOfRunningAndOfAlreadyExitedContainers() throws Exception {
        shipper.start();
        run("hello.v3.web.1", "echo out one; echo err one >&2; sleep 30");
        run("hello.v3.worker.1", "echo crashed at once; exit 1");
        // Not ours: another node's container is never read.
        run("hello.v3.web.2", "echo not mine; sleep 30", node + "-other");

        awaitLines(3, Duration.ofSeconds(20));

        assertThat(shipped).extracting(LogLine::text).containsExactlyInAnyOrder("out one", "err one", "crashed at once");
        assertThat(shipped).filteredOn(l -> l.text().equals("out one")).singleElement().satisfies(l -> {
            assertThat(l.app()).isEqualTo("hello");
            assertThat(l.source()).isEqualTo(LogLine.APP);
            assertThat(l.process()).isEqualTo("web.1");
            assertThat(l.release()).isEqualTo(3);
            assertThat(l.time()).isNotNull();
        });
        assertThat(shipped).filteredOn(l -> l.text().equals("crashed at once")).singleElement()
                .satisfies(l -> assertThat(l.process()).isEqualTo("worker.1"));
    }

    @Test
    void followsAContainerFromItsStartEventWithoutWaitingForAScan() throws Exception {
        // No periodic scan during the test: only Docker's start event can lead the shipper to this container.
        LogShipper eventsOnly = new LogShipper(docker, node, batch -> shipped.addAll(batch.lines()), Duration.ofHours(1));
        eventsOnly.start();
        try {
            assertThat(eventsOnly.awaitWatching(Duration.ofSeconds(20))).isTrue();
            run("hello.v5.web.1", "echo seen through the event; sleep 30");

            awaitLines(1, Duration.ofSeconds(20));

            assertThat(shipped).extracting(LogLine::text).containsExactly("seen through the event");
        } finally {
            eventsOnly.stop();
        }
    }

    @Test
    void aContainerThatPrintsAndExitsAtOnceHasItsLinesQueuedBeforeItsRemoval() throws Exception {
        shipper.start();
        var engine = new DockerContainerEngine(docker).whenStopped(shipper::drain);

        String id = run("hello.v7.web.1", "echo 'Error: Cannot find module express'; exit 1");
        // Removed straight away, as the agent's reconcile loop may do: the drain reads the log before Docker drops it.
        engine.remove(id);
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec()).isEmpty();

        awaitLines(1, Duration.ofSeconds(20));

        assertThat(shipped).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("Error: Cannot find module express");
            assertThat(l.app()).isEqualTo("hello");
            assertThat(l.process()).isEqualTo("web.1");
            assertThat(l.release()).isEqualTo(7);
        });
    }

    @Test
    void theDrainAloneReadsAStoppedContainersLogToItsEndBeforeItIsRemoved() throws Exception {
        // Neither the event stream nor the scan runs: only the removal's drain can read this container.
        shipper.startSending();
        var engine = new DockerContainerEngine(docker).whenStopped(shipper::drain);
        String id = run("hello.v9.worker.2", "echo one; echo 'Error: Cannot find module pg' >&2; exit 1");
        docker.waitContainerCmd(id).start().awaitStatusCode();

        engine.remove(id);
        awaitLines(2, Duration.ofSeconds(20));

        // Docker reads stdout and stderr through separate pipes: their relative order is not guaranteed.
        assertThat(shipped).extracting(LogLine::text).containsExactlyInAnyOrder("one", "Error: Cannot find module pg");
        assertThat(shipped).allSatisfy(l -> assertThat(l.process()).isEqualTo("worker.2"));
    }

    @Test
    void aRunningContainerStoppedForRemovalHasItsLastLinesShippedOnce() throws Exception {
        shipper.start();
        var engine = new DockerContainerEngine(docker).whenStopped(shipper::drain);
        // Prints its last words when told to stop, as an app shutting down does.
        String id = run("hello.v8.web.1", "trap 'echo stopping on SIGTERM; exit 0' TERM; "
                + "echo running; while true; do sleep 0.1; done");
        awaitLines(1, Duration.ofSeconds(20));

        engine.remove(id);
        awaitLines(2, Duration.ofSeconds(20));

        assertThat(shipped).extracting(LogLine::text).containsExactly("running", "stopping on SIGTERM");
    }

    private String run(String name, String script) {
        return run(name, script, node);
    }

    private String run(String name, String script, String onNode) {
        String[] parts = name.split("\\.");
        String id = docker.createContainerCmd(LocalDocker.STACK_IMAGE)
                .withName("paas." + onNode + "." + name)
                .withLabels(Map.of(Labels.MANAGED, "true", Labels.NODE, onNode, Labels.APP, parts[0],
                        Labels.RELEASE, parts[1].substring(1), Labels.PROCESS, parts[2], Labels.INDEX, parts[3],
                        Labels.NAME, name))
                .withCmd("/bin/sh", "-c", script).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private void awaitLines(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (shipped.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // A moment more, so a line that should not come has had the chance to.
        Thread.sleep(1000);
    }
}
