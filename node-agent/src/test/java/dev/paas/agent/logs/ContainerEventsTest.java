package dev.paas.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.github.dockerjava.api.DockerClient;
import dev.paas.agent.docker.LocalDocker;
import dev.paas.agent.engine.Labels;
import dev.paas.agent.logs.ContainerEvents.ContainerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event stream against the local dockerd, reached through a proxy the test takes away like a restart. */
class ContainerEventsTest {

    static DockerClient docker;
    final String node = "eventtest-" + UUID.randomUUID().toString().substring(0, 8);
    final List<ContainerEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    Thread watcher;

    @BeforeAll
    static void dockerWithTheStackImage() throws InterruptedException {
        docker = LocalDocker.engineWith(LocalDocker.STACK_IMAGE).client();
    }

    @AfterEach
    void removeContainers() {
        if (watcher != null) {
            watcher.interrupt();
        }
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, node)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }

    @Test
    void reconnectsWhenDockerComesBackAndReplaysWhatHappenedWhileItWasAway() throws Exception {
        try (DockerProxy proxy = new DockerProxy()) {
            watcher = new Thread(new ContainerEvents(proxy.client(), node, Instant.now(), events::add,
                    connects::incrementAndGet), "events-under-test");
            watcher.setDaemon(true);
            watcher.start();
            awaitUntil(() -> connects.get() == 1);

            proxy.goAway();
            // Started and exited while the watcher could not hear of it.
            String id = run("echo while away; exit 2");
            docker.waitContainerCmd(id).start().awaitStatusCode();
            proxy.comeBack();
            awaitUntil(() -> actions(id).containsAll(List.of("start", "die")));

            assertThat(connects.get()).isGreaterThanOrEqualTo(2);
            assertThat(actions(id)).startsWith("start", "die");
            assertThat(events).filteredOn(e -> e.id().equals(id)).first()
                    .satisfies(e -> assertThat(e.labels()).containsEntry(Labels.APP, "hello")
                            .containsEntry(Labels.PROCESS, "web"));

            // And the stream is live again: a removal is heard at once.
            docker.removeContainerCmd(id).exec();
            awaitUntil(() -> actions(id).contains("destroy"));
        }
    }

    private List<String> actions(String id) {
        return events.stream().filter(e -> e.id().equals(id)).map(ContainerEvent::action).toList();
    }

    private String run(String script) {
        String id = docker.createContainerCmd(LocalDocker.STACK_IMAGE)
                .withLabels(Map.of(Labels.MANAGED, "true", Labels.NODE, node, Labels.APP, "hello",
                        Labels.RELEASE, "1", Labels.PROCESS, "web", Labels.INDEX, "1", Labels.NAME, "hello.v1.web.1"))
                .withCmd("/bin/sh", "-c", script).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 30 s").isTrue();
    }
}
