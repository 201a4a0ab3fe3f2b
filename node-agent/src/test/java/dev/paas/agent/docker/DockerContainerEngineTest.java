package dev.paas.agent.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.paas.agent.apply.Applier;
import dev.paas.agent.apply.PortAllocator;
import dev.paas.agent.engine.ContainerEngine;
import dev.paas.agent.engine.ContainerEngineContract;
import dev.paas.agent.engine.ContainerSpec;
import dev.paas.agent.engine.Labels;
import dev.paas.agent.engine.NodeContainer;
import dev.paas.agent.observe.Observation;
import dev.paas.agent.observe.Observer;
import dev.paas.agent.observe.PortProbe;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.Reconciler;
import dev.paas.api.DesiredContainer;
import dev.paas.api.ProcessCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real engine against the local dockerd; skipped when there is no Docker or no stack image. */
class DockerContainerEngineTest extends ContainerEngineContract {

    private static final String IMAGE = LocalDocker.STACK_IMAGE;
    private static DockerContainerEngine engine;

    @BeforeAll
    static void dockerWithTheStackImage() throws InterruptedException {
        engine = LocalDocker.engineWith(IMAGE);
    }

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    @Override
    protected String image() {
        return IMAGE;
    }

    @Test
    void goesFromStartingToUpAndServesThroughThePublishedPort() throws Exception {
        DesiredContainer slow = serve("hello.v1.web.1");
        slow = new DesiredContainer(slow.name(), slow.app(), slow.release(), slow.processType(), slow.index(), IMAGE,
                List.of("/bin/sh", "-c", "sleep 1; exec python3 -m http.server $PORT"), slow.env(), slow.port());
        ContainerSpec spec = spec(node, slow);
        Observer observer = new Observer(engine, node, PortProbe.tcp(Duration.ofMillis(200)));

        engine.run(spec);
        List<String> states = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!states.contains("up") && System.nanoTime() < deadline) {
            states.add(observer.observe().get(0).state());
            Thread.sleep(100);
        }

        assertThat(states).first().isEqualTo("starting");
        assertThat(states).last().isEqualTo("up");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.hostPort() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    /**
     * A Procfile command run as the platform runs it ({@link ProcessCommand}) gets the stop signal itself, so an app
     * can finish its requests on SIGTERM: the exit code is the app's own (7), not the shell's death by signal (143).
     */
    @Test
    void aProcessCommandReceivesTheStopSignalItself() throws Exception {
        DesiredContainer d = serve("graceful.v1.web.1");
        Map<String, String> env = new java.util.HashMap<>(d.env());
        env.put("SCRIPT", "import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *a: sys.exit(7))\n"
                + "print('ready', flush=True)\ntime.sleep(60)");
        String id = engine.run(spec(node, new DesiredContainer(d.name(), d.app(), d.release(), d.processType(),
                d.index(), IMAGE, ProcessCommand.argv("GREETING=hi python3 -c \"$SCRIPT\""), env, d.port())));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!docker("logs", id).contains("ready") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            docker("stop", "-t", "20", id);
            assertThat(docker("inspect", "-f", "{{.State.ExitCode}}", id).strip()).isEqualTo("7");
        } finally {
            engine.remove(id);
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void aContainerWhoseProcessEndsIsExited() throws Exception {
        DesiredContainer d = serve("crash.v1.web.1");
        engine.run(spec(node, new DesiredContainer(d.name(), d.app(), d.release(), d.processType(), d.index(),
                IMAGE, List.of("/bin/sh", "-c", "exit 3"), d.env(), d.port())));
        Observer observer = new Observer(engine, node, PortProbe.tcp(Duration.ofMillis(200)));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Observation> seen = observer.observe();
        while (!"exited".equals(seen.get(0).state()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = observer.observe();
        }

        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo("exited");
            assertThat(o.container().running()).isFalse();
        });
        assertThat(Reconciler.plan(List.of(d), List.of(seen.get(0).container())))
                .singleElement().isInstanceOf(Action.Restart.class);
    }

    @Test
    void memoryAndCpuLimitsAreDockersAndAnOutOfMemoryKillIsSeen() throws Exception {
        DesiredContainer d = serve("oom.v1.web.1");
        // 64 MB with swap; the process asks for 256 MB and the kernel kills it.
        String id = engine.run(spec(node, new DesiredContainer(d.name(), d.app(), d.release(), d.processType(),
                d.index(), IMAGE, List.of("/bin/sh", "-c", "sleep 1; python3 -c 'x = bytearray(256 * 1024 * 1024)'"),
                d.env(), d.port(), null, 64, 500)));

        var host = engine.client().inspectContainerCmd(id).exec().getHostConfig();
        assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getMemorySwap()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<NodeContainer> seen = engine.list(node);
        while (seen.get(0).running() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = engine.list(node);
        }

        assertThat(seen).singleElement().satisfies(c -> {
            assertThat(c.running()).isFalse();
            assertThat(c.exit()).isNotNull();
            assertThat(c.exit().outOfMemory()).isTrue();
            assertThat(c.exit().at()).isAfter(java.time.Instant.now().minusSeconds(60));
        });
    }

    @Test
    void neverListsOrTouchesContainersWithoutItsLabels() {
        List<String> foreign = List.of(
                foreign("paas." + node + ".foreign", Map.of(Labels.NODE, node, Labels.NAME, "x.v1.web.1")),
                foreign(node + "-other-node", Map.of(Labels.MANAGED, "true", Labels.NODE, otherNode)),
                foreign(node + "-unlabelled", Map.of()));
        try {
            String ours = engine.run(spec(node, serve("hello.v1.web.1")));

            assertThat(engine.list(node)).extracting(NodeContainer::id).containsExactly(ours);
            // Nothing desired: the plan removes everything the node owns, and only that.
            List<NodeContainer> observed = engine.list(node);
            int failures = new Applier(engine, new PortAllocator(29000, 29999, port -> true), node, "127.0.0.1",
                    Runnable::run).apply(Reconciler.plan(List.of(), observed), observed);

            assertThat(failures).isZero();

            assertThat(engine.list(node)).isEmpty();
            foreign.forEach(id -> assertThat(engine.client().inspectContainerCmd(id).exec().getId()).isEqualTo(id));
        } finally {
            foreign.forEach(engine::remove);
        }
    }

    @Test
    void pullsAMissingImageFromALoopbackRegistry() throws Exception {
        assumeTrue(Files.isExecutable(LoopbackRegistry.BINARY), "docker-registry is not installed");
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            String repository = registry.host() + "/agent-test";
            String image = repository + ":it";
            buildTinyImage(image);
            engine.client().pushImageCmd(repository).withTag("it")
                    .exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion(2, TimeUnit.MINUTES);
            engine.client().removeImageCmd(image).exec();
            assertThat(hasImage(image)).isFalse();
            try {
                assertThat(engine.ensureImage(image)).isTrue();
                assertThat(hasImage(image)).isTrue();
                assertThat(engine.ensureImage(image)).isFalse();
            } finally {
                engine.client().removeImageCmd(image).exec();
            }
            // An add-on's image: pulled under its registry name, tagged with the name the container uses.
            String local = "paas-agent-test/addon:it";
            try {
                assertThat(engine.ensureImage(local, image)).isTrue();
                assertThat(hasImage(local)).isTrue();
                assertThat(engine.ensureImage(local, image)).isFalse();
            } finally {
                engine.client().removeImageCmd(local).exec();
                engine.client().removeImageCmd(image).exec();
            }
        }
    }

    /** FROM scratch plus one file: nothing to pull, and the push and pull move only a few kilobytes. */
    private static void buildTinyImage(String tag) throws Exception {
        Path dir = Files.createTempDirectory("paas-agent-image");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
            Files.writeString(dir.resolve("hello.txt"), "hello\n");
            engine.client().buildImageCmd(dir.toFile()).withTags(Set.of(tag)).start().awaitImageId();
        } finally {
            Files.delete(dir.resolve("Dockerfile"));
            Files.delete(dir.resolve("hello.txt"));
            Files.delete(dir);
        }
    }

    private String foreign(String name, Map<String, String> labels) {
        return engine.client().createContainerCmd(IMAGE).withName(name).withLabels(labels)
                .withCmd("sleep", "300").exec().getId();
    }

    private static boolean hasImage(String image) {
        return LocalDocker.hasImage(engine, image);
    }
}
