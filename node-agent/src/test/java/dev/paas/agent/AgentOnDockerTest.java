package dev.paas.agent;

import dev.paas.agent.docker.DockerContainerEngine;
import dev.paas.agent.docker.LocalDocker;
import dev.paas.agent.observe.PortProbe;
import dev.paas.api.DesiredContainer;
import dev.paas.api.NodeReport;
import dev.paas.api.ObservedContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole agent on the real Docker engine, driven by the in-memory controller. */
class AgentOnDockerTest {

    private static DockerContainerEngine engine;
    private final String node = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    private FakeController controller;
    private Thread agent;

    @BeforeAll
    static void docker() throws InterruptedException {
        engine = LocalDocker.engineWith(LocalDocker.STACK_IMAGE);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.interrupt();
            agent.join(10_000);
        }
        if (controller != null) {
            controller.close();
        }
        engine.list(node).forEach(c -> engine.remove(c.id()));
    }

    @Test
    void runsSixWebContainersReportsThemUpAndRemovesThemAgain() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controller = new FakeController(port, "T");
        AgentConfig config = new AgentConfig(URI.create("http://127.0.0.1:" + port), "T", node, "127.0.0.1",
                29600, 29699, "default", "runtime", 4096);
        Timing timing = new Timing(Duration.ofMillis(250), Duration.ofSeconds(1), 2, Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofSeconds(1));
        agent = new Thread(NodeAgent.create(config, "127.0.0.1", engine, PortProbe.tcp(Duration.ofMillis(200)),
                timing), "agent");
        agent.start();

        controller.desire(IntStream.rangeClosed(1, 6).mapToObj(this::web).toList());

        eventually(() -> up(controller.lastReport()).size() == 6);
        HttpClient http = HttpClient.newHttpClient();
        for (ObservedContainer c : up(controller.lastReport())) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + c.hostPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(c.name()).isEqualTo(200);
        }

        controller.desire(List.of());

        eventually(() -> controller.lastReport().containers().isEmpty());
        assertThat(engine.list(node)).isEmpty();
    }

    private DesiredContainer web(int index) {
        return new DesiredContainer("hello.v1.web." + index, "hello", 1, "web", index, LocalDocker.STACK_IMAGE,
                List.of("/bin/sh", "-c", "exec python3 -m http.server $PORT"), Map.of("PORT", "8080"), 8080);
    }

    private static List<ObservedContainer> up(NodeReport report) {
        return report == null ? List.of()
                : report.containers().stream().filter(c -> ObservedContainer.UP.equals(c.state())).toList();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 90 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
