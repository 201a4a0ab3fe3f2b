package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.Deadline;
import dev.paas.builder.build.FileTrees;
import dev.paas.builder.build.LocalDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine and build stack: each app's next build runs in the container started after its last one, while
 * what that container mounted still holds; otherwise the build starts its own, with the same result.
 */
class WarmBuildContainersIntegrationTest {

    private static DockerClient docker;

    @TempDir
    Path dir;

    /** A name of this test's own for the stack image, so that "the stack image changed" can be played. */
    private final String stackImage = "paas-test/stack-build:" + UUID.randomUUID().toString().substring(0, 8);
    private final String app = "warm-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<BuildpackRunner> runners = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** What a build left: the container it found started ahead (or null), what the buildpacks said, the slug. */
    private record Outcome(String startedAhead, BuildpackRunner.Compiled compiled, Map<String, String> slug) {
    }

    @BeforeAll
    static void connect() {
        docker = LocalDocker.connect();
        try {
            docker.pingCmd().exec();
            docker.inspectImageCmd(BuildpackRunner.STACK_IMAGE).exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "Docker or the build stack image is missing: " + e.getMessage());
        }
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (docker != null) {
            docker.close();
        }
    }

    @BeforeEach
    void nameTheStackImage() {
        String[] name = stackImage.split(":");
        docker.tagImageCmd(BuildpackRunner.STACK_IMAGE, name[0], name[1]).exec();
    }

    @AfterEach
    void closeAndUntag() throws InterruptedException {
        runners.forEach(BuildpackRunner::close);
        await("the build containers of " + app + " removed", () -> docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BuildContainer.APP_LABEL, app)).exec().isEmpty());
        docker.removeImageCmd(stackImage).exec();
    }

    @Test
    void theNextBuildRunsInTheContainerStartedAfterTheLastOneWithTheSameResult() throws Exception {
        BuildpackRunner runner = runner(dir.resolve("work"));
        Outcome first = build(runner, Map.of());
        String ahead = awaitStartedAhead(dir.resolve("work"));
        Instant created = Instant.parse(docker.inspectContainerCmd(ahead).exec().getCreated());
        Instant secondStarts = Instant.now();
        Files.writeString(cache().resolve("marker"), "kept");

        Outcome second;
        try (BuildSpace space = runner.open(app, cache())) {
            assertThat(space.started()).as("started ahead").isNotNull();
            assertThat(space.started().id()).isEqualTo(ahead);
            assertThat(space.started().run(List.of("/bin/sh", "-c", "cat /cache/marker; ls -A /app /env"), log::add,
                    true, Deadline.start(BuildLimits.defaults())).stdout()).as("its mounts are this build's").isEqualTo("kept/app:\n\n/env:\n");
            second = compile(runner, space, Map.of());
        }
        runner.pushEnded(app);

        assertThat(first.startedAhead()).isNull();
        assertThat(created).isBefore(secondStarts);
        assertThat(second).isEqualTo(new Outcome(ahead, first.compiled(), first.slug()));
        awaitGone(ahead);
        assertThat(awaitStartedAhead(dir.resolve("work"))).as("a new one for the build after").isNotEqualTo(ahead);
    }

    @Test
    void nothingIsStartedAheadUntilThePushIsOver() throws Exception {
        BuildpackRunner runner = runner(dir.resolve("work"));
        try (BuildSpace space = runner.open(app, cache())) {
            compile(runner, space, Map.of());
        }

        try (BuildSpace next = runner.open(app, cache())) {
            assertThat(next.started()).isNull();
        }
    }

    @Test
    void aCacheDirectoryMadeAgainOrAChangedStackImageMeansANewContainer() throws Exception {
        BuildpackRunner runner = runner(dir.resolve("work"));
        Outcome first = build(runner, Map.of());
        String ahead = awaitStartedAhead(dir.resolve("work"));
        FileTrees.delete(cache());
        Files.createDirectories(cache());

        Outcome afterCacheMadeAgain = build(runner, Map.of());

        assertThat(afterCacheMadeAgain).isEqualTo(new Outcome(null, first.compiled(), first.slug()));
        awaitGone(ahead);
        String nextAhead = awaitStartedAhead(dir.resolve("work"), ahead);
        String changed = changeTheStackImage();

        Outcome afterNewImage = build(runner, Map.of());

        assertThat(afterNewImage).isEqualTo(new Outcome(null, first.compiled(), first.slug()));
        awaitGone(nextAhead);
        String onNewImage = awaitStartedAhead(dir.resolve("work"), nextAhead);
        assertThat(docker.inspectContainerCmd(onNewImage).exec().getImageId()).isEqualTo(changed);
        assertThat(build(runner, Map.of()).startedAhead()).isEqualTo(onNewImage);
    }

    @Test
    void customBuildpacksGetAContainerOfTheirOwn() throws Exception {
        Path pack = dir.resolve("greeting-pack");
        Files.createDirectories(pack.resolve("bin"));
        Files.writeString(pack.resolve("bin/compile"), "#!/bin/sh\ncp \"$3/GREETING\" \"$1/greeting.txt\"\n");
        pack.resolve("bin/compile").toFile().setExecutable(true, false);
        BuildpackRunner runner = runner(dir.resolve("work"));
        build(runner, Map.of());
        String ahead = awaitStartedAhead(dir.resolve("work"));

        Outcome custom = build(runner, Map.of("BUILDPACK_URL", pack.toString(), "GREETING", "salut"));

        assertThat(custom.startedAhead()).as("found, but not used").isEqualTo(ahead);
        assertThat(custom.slug()).containsEntry("greeting.txt", "salut");
        awaitGone(ahead);
    }

    @Test
    void aDestroyedAppLosesItsContainerAndALaterProcessRemovesWhatAnEarlierOneLeft() throws Exception {
        Path work = dir.resolve("work");
        BuildpackRunner runner = runner(work);
        build(runner, Map.of());
        String ahead = awaitStartedAhead(work);

        runner.forget(app);

        awaitGone(ahead);
        await("the app's directories gone", () -> list(work).isEmpty());
        build(runner, Map.of());
        String left = awaitStartedAhead(work, ahead);

        runner(work);

        awaitGone(left);
        assertThat(list(work)).isEmpty();
    }

    private BuildpackRunner runner(Path work) {
        BuildpackRunner runner = new BuildpackRunner(docker, stackImage, BuiltinBuildpacks.extract(), work,
                BuildLimits.defaults().withLocalBuildpacks(dir));
        runners.add(runner);
        return runner;
    }

    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache").resolve(app));
    }

    /** A static site, built with the built-in buildpacks. */
    private Outcome build(BuildpackRunner runner, Map<String, String> config) throws Exception {
        Outcome outcome;
        try (BuildSpace space = runner.open(app, cache())) {
            outcome = compile(runner, space, config);
        }
        runner.pushEnded(app);
        return outcome;
    }

    private Outcome compile(BuildpackRunner runner, BuildSpace space, Map<String, String> config) throws Exception {
        String startedAhead = space.started() == null ? null : space.started().id();
        Files.writeString(space.app().resolve("index.html"), "<h1>hello</h1>\n");
        Path work = Files.createTempDirectory(dir, "scratch-");
        BuildpackRunner.Compiled compiled = runner.compile(space, config, work, log::add,
                Deadline.start(BuildLimits.defaults()));
        Map<String, String> slug = new TreeMap<>();
        try (Stream<Path> files = Files.walk(space.app())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                slug.put(space.app().relativize(file).toString(), Files.readString(file));
            }
        }
        return new Outcome(startedAhead, compiled, slug);
    }

    /** Makes this test's stack image name point to a new image; returns its id. */
    private String changeTheStackImage() {
        String container = docker.createContainerCmd(stackImage).exec().getId();
        try {
            String[] name = stackImage.split(":");
            return docker.commitCmd(container).withRepository(name[0]).withTag(name[1])
                    .withLabels(Map.of("paas.test", "changed")).exec();
        } finally {
            docker.removeContainerCmd(container).exec();
        }
    }

    /** The one container started ahead for the app, once there is one apart from those {@code used}. */
    private String awaitStartedAhead(Path work, String... used) throws InterruptedException {
        String[] id = new String[1];
        await("a build container started ahead for " + app, () -> {
            List<String> found = docker.listContainersCmd().withLabelFilter(Map.of(BuildContainer.APP_LABEL, app,
                    WarmBuildContainers.WARM_LABEL, work.toAbsolutePath().toString())).exec().stream()
                    .map(Container::getId).filter(c -> !List.of(used).contains(c)).toList();
            id[0] = found.size() == 1 ? found.get(0) : null;
            return id[0] != null;
        });
        return id[0];
    }

    private void awaitGone(String container) throws InterruptedException {
        await("container " + container + " removed", () -> {
            try {
                docker.inspectContainerCmd(container).exec();
                return false;
            } catch (NotFoundException gone) {
                return true;
            }
        });
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (!check.holds()) {
                assertThat(System.nanoTime()).as(what).isLessThan(deadline);
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(what, e);
        }
    }
}
