package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.paas.builder.buildpack.BuildpackRunner;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of a build, through the real Docker engine, each with short limits: a build container without
 * capabilities or new privileges, within its pids, memory and CPU limits, on the apps network; stopped when its time
 * is up, however it spends it (sleeping, forking, in a Dockerfile step); its output bounded; a Dockerfile that
 * starts from another app's image refused before Docker runs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BuildLimitsIntegrationTest {

    private static final String LABEL = "paas.build";

    private static DockerClient docker;
    private static TestRegistry registry;

    @TempDir
    Path dir;

    private final String app = "limits-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestRepo repo;

    @BeforeAll
    static void connect() throws Exception {
        docker = LocalDocker.connect();
        try {
            docker.pingCmd().exec();
            docker.inspectImageCmd(BuildpackBuilder.RUN_IMAGE).exec();
            docker.inspectImageCmd(BuildpackRunner.STACK_IMAGE).exec();
        } catch (NotFoundException e) {
            assumeTrue(false, "A stack image is missing: run deploy/lib/images.sh");
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker does not answer: " + e.getMessage());
        }
        registry = TestRegistry.clusterOrPrivate();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(dir.resolve(app + ".git"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        repo.close();
        for (String id : containers) {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        for (String image : images) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException neverBuilt) {
                continue;
            }
            String[] repoAndTag = image.substring(registry.address().length() + 1).split(":");
            registry.delete(repoAndTag[0], repoAndTag[1]);
        }
    }

    @Test
    void aBuildRunsWithoutCapabilitiesWithinItsLimitsOnTheAppsNetwork() throws Exception {
        BuildLimits limits = BuildLimits.defaults().withPidsLimit(128);
        limits = new BuildLimits(limits.timeout(), 512, 1.0, 128, limits.network(), limits.maxLogBytes(),
                limits.maxPushBytes(), dir, List.of());
        BuildpackBuilder builder = buildpacks(limits);
        Path pack = buildpack("""
                echo "uid $(id -u) gid $(id -g) home $HOME"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                echo "pids $(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max)"
                echo "memory $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max)"
                echo "cpu $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cat /sys/fs/cgroup/cpu.max)"
                """);

        builder.build(request(pack), log::add);

        assertThat(log).contains("uid 10000 gid 10000 home /tmp", "CapEff:\t0000000000000000", "NoNewPrivs:\t1", "pids 128",
                "memory " + (512L << 20));
        assertThat(log).anyMatch(line -> line.startsWith("cpu 100000"));

        // The built-ins run in a container started ahead for the app's next build: the same settings.
        ObjectId site = repo.tree().file("index.html", "<h1>hi</h1>\n").commit();
        builder.build(new BuildRequest(app, repo.repository, site, image("v2"), Map.of()), log::add);
        builder.pushEnded(app);
        HostConfig ahead = awaitBuildContainer().getHostConfig();
        assertThat(docker.inspectContainerCmd(awaitBuildContainer().getId()).exec().getConfig().getUser())
                .isEqualTo("10000:10000");
        assertThat(ahead.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(ahead.getSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(ahead.getPidsLimit()).isEqualTo(128L);
        assertThat(ahead.getMemory()).isEqualTo(512L << 20);
        assertThat(ahead.getNanoCPUs()).isEqualTo(1_000_000_000L);
        assertThat(ahead.getNetworkMode()).isEqualTo(limits.network());
    }

    @Test
    void aBuildOverItsTimeIsStoppedAndRefusedSayingSo() throws Exception {
        BuildpackBuilder builder = buildpacks(limits(Duration.ofSeconds(3), 1024));
        Path pack = buildpack("echo sleeping\nsleep 600\n");
        long started = System.nanoTime();

        assertThatThrownBy(() -> builder.build(request(pack), log::add)).isInstanceOf(BuildFailedException.class)
                .hasMessage("Build stopped: it ran longer than 3 seconds (paas.build.timeout).");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(log).contains("sleeping");
        awaitNoBuildContainer();
    }

    @Test
    void aForkBombStaysWithinThePidsLimitUntilTheBuildIsStopped() throws Exception {
        BuildpackBuilder builder = buildpacks(limits(Duration.ofSeconds(12), 64));
        Path pack = buildpack("bomb() { bomb | bomb & }; bomb; sleep 600\n");
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        closing.add(watcher::shutdownNow);
        AtomicInteger most = new AtomicInteger();
        Future<?> watching = watcher.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Container container : buildContainers()) {
                    try {
                        most.accumulateAndGet(docker.topContainerCmd(container.getId()).exec().getProcesses().length,
                                Math::max);
                    } catch (RuntimeException goneOrPaused) {
                        // the build ended meanwhile
                    }
                }
                Thread.sleep(200);
            }
            return null;
        });

        assertThatThrownBy(() -> builder.build(request(pack), log::add))
                .hasMessage("Build stopped: it ran longer than 12 seconds (paas.build.timeout).");
        watching.cancel(true);

        assertThat(most.get()).as("processes seen in the build container").isBetween(32, 64);
        awaitNoBuildContainer();
    }

    @Test
    void aBuildAndADockerfilesStepsCannotReachAnotherContainerButReachTheInternet() throws Exception {
        RunSandbox.ensureNetwork(docker, BuildLimits.defaults().network());
        String server = docker.createContainerCmd(BuildpackBuilder.RUN_IMAGE)
                .withCmd("python3", "-m", "http.server", "8000")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(BuildLimits.defaults().network()))
                .exec().getId();
        containers.add(server);
        docker.startContainerCmd(server).exec();
        String address = docker.inspectContainerCmd(server).exec().getNetworkSettings().getNetworks()
                .get(BuildLimits.defaults().network()).getIpAddress();
        BuildpackBuilder builder = buildpacks(limits(Duration.ofMinutes(1), 256));
        Path pack = buildpack("curl -sS -m 3 -o /dev/null http://" + address + ":8000/ && echo REACHED || echo REFUSED\n"
                + "curl -sS -m 20 -o /dev/null -w 'npm %{http_code}\\n' https://registry.npmjs.org/ || true\n");

        builder.build(request(pack), log::add);

        assertThat(log).contains("REFUSED", "npm 200").doesNotContain("REACHED");

        // A Dockerfile's steps run on the same network.
        log.clear();
        ObjectId dockerfile = repo.tree().file("Dockerfile", "FROM " + BuildpackBuilder.RUN_IMAGE + "\nRUN python3 -c"
                + " \"import socket; socket.create_connection(('" + address + "', 8000), 3)\" && echo REACHED"
                + " || echo REFUSED\nCMD [\"sleep\", \"infinity\"]\n").commit();
        new DockerfileBuilder(docker, limits(Duration.ofMinutes(1), 256)).build(
                new BuildRequest(app, repo.repository, dockerfile, image("v2"), Map.of()), log::add);
        // Docker may put a colour reset in front of a step's line.
        assertThat(log).anyMatch(line -> line.endsWith("REFUSED") && !line.contains("echo"))
                .noneMatch(line -> line.endsWith("REACHED") && !line.contains("echo"));
    }

    @Test
    void anOutputFloodIsStreamedButBoundedInMemoryAndInTheStoredLog() throws Exception {
        BuildpackBuilder builder = buildpacks(limits(Duration.ofMinutes(1), 256));
        Path pack = buildpack("head -c 3000000 /dev/zero | tr '\\0' x >&2\necho\nyes flooding | head -n 300000\n"
                + "echo the end\n");
        BuildOutput stored = new BuildOutput(64 * 1024);
        AtomicInteger streamed = new AtomicInteger();
        AtomicInteger longest = new AtomicInteger();

        builder.build(request(pack), line -> {
            streamed.incrementAndGet();
            longest.accumulateAndGet(line.length(), Math::max);
            stored.add(line);
        });

        assertThat(streamed.get()).as("every line reaches the pusher").isGreaterThan(300_000);
        assertThat(longest.get()).as("a line without end is cut").isLessThanOrEqualTo(8192 + 7);
        String text = stored.text();
        assertThat(text.length()).isLessThan(70 * 1024);
        assertThat(text).startsWith(" !     ").contains("of build output cut here").contains("the end");
    }

    @Test
    void aDockerfileFromAnotherAppsImageIsRefusedBeforeDockerRuns() throws Exception {
        String other = registry.address() + "/other-" + app + ":v1";
        ObjectId commit = repo.tree().file("Dockerfile", "FROM " + other + "\nCMD [\"true\"]\n").commit();

        assertThatThrownBy(() -> new DockerfileBuilder(docker, BuildLimits.defaults()).build(
                new BuildRequest(app, repo.repository, commit, image("v1"), Map.of()), log::add))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("FROM " + other + " is another app's image");
        assertThat(log).noneMatch(line -> line.contains("Building image"));
    }

    @Test
    void aDockerfileBuildIsStoppedWhenItsTimeIsUpWithItsStep() throws Exception {
        RunSandbox.ensureNetwork(docker, BuildLimits.defaults().network());
        ObjectId slow = repo.tree().file("Dockerfile", "FROM " + BuildpackBuilder.RUN_IMAGE + "\nRUN echo "
                + app + " && sleep 600\n").commit();
        long started = System.nanoTime();

        assertThatThrownBy(() -> new DockerfileBuilder(docker, limits(Duration.ofSeconds(5), 256)).build(
                new BuildRequest(app, repo.repository, slow, image("v1"), Map.of()), log::add))
                .hasMessage("Build stopped: it ran longer than 5 seconds (paas.build.timeout).");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
        // The engine cancels the build when its stream is closed: the step's container goes too.
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (docker.listContainersCmd().exec().stream().anyMatch(c -> String.valueOf(c.getCommand()).contains(app))
                && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertThat(docker.listContainersCmd().exec()).noneMatch(c -> String.valueOf(c.getCommand()).contains(app));
    }

    private BuildLimits limits(Duration timeout, long pids) {
        return BuildLimits.defaults().withTimeout(timeout).withPidsLimit(pids).withLocalBuildpacks(dir);
    }

    private BuildpackBuilder buildpacks(BuildLimits limits) {
        BuildpackBuilder builder = new BuildpackBuilder(docker, new BuildCache(dir.resolve("cache"), 1 << 20),
                dir.resolve("work"), limits);
        closing.add(builder);
        return builder;
    }

    private Path buildpack(String compile) throws Exception {
        Path pack = dir.resolve("pack");
        TestBuildpack.write(pack, "Limits", compile, "web: sleep infinity");
        return pack;
    }

    private BuildRequest request(Path pack) throws Exception {
        ObjectId commit = repo.tree().file(".buildpacks", pack + "\n").file("index.txt", "hi\n").commit();
        return new BuildRequest(app, repo.repository, commit, image("v1"), Map.of());
    }

    private String image(String tag) {
        String image = registry.address() + "/" + app + ":" + tag;
        images.add(image);
        return image;
    }

    private List<Container> buildContainers() {
        return docker.listContainersCmd().withLabelFilter(Map.of(LABEL, app)).exec();
    }

    private com.github.dockerjava.api.command.InspectContainerResponse awaitBuildContainer() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<Container> found = buildContainers().stream()
                    .filter(container -> container.getLabels().containsKey("paas.build.warm")).toList();
            if (!found.isEmpty()) {
                return docker.inspectContainerCmd(found.get(0).getId()).exec();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No build container was started ahead for " + app);
    }

    private void awaitNoBuildContainer() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, app)).exec().isEmpty()) {
            assertThat(System.nanoTime()).as("build container removed").isLessThan(until);
            Thread.sleep(200);
        }
    }
}
