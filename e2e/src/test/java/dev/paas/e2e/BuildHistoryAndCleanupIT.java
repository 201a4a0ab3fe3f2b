package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One app's builds over its life: a failed one on record, old images cleaned up, the cache cleared, branches,
 * and what destroying it removes.
 */
@ExtendWith(SharedCluster.class)
@ResourceLock(value = SharedCluster.PARTS, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BuildHistoryAndCleanupIT {

    private final String app = "life-" + UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;
    private Path dir;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = SharedCluster.cluster();
        user = User.loggedIn(cluster);
        dir = user.checkout("python-hello", app);
    }

    @Test
    @Order(1)
    void aFailedBuildIsRecordedWithItsFullLog() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "# the web process\nweb python3 app.py\n");
        user.commitAll(dir, "a malformed Procfile");

        Shell.Result push = user.push(dir);
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("build failed: Procfile line 2 is not 'name: command'");

        Shell.Result builds = user.paas(dir, null, "builds");
        assertThat(builds.exit()).as(builds.all()).isZero();
        String line = builds.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(line).contains("failed");
        String id = line.split("\\s+")[0];
        Shell.Result info = user.paas(dir, null, "builds:info", id);
        assertThat(info.exit()).as(info.all()).isZero();
        assertThat(info.out()).contains("Status:    failed", "-----> Python app detected (buildpack python)",
                "Build failed: Procfile line 2 is not 'name: command'");
        assertThat(cluster.curl(app).out()).endsWith("404");
    }

    /** Seven releases: the five newest keep their images, on this host and in the registry. */
    @Test
    @Order(2)
    void oldImagesAreRemovedFromTheHostAndTheRegistry() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "web: python3 app.py\n");
        user.commitAll(dir, "v1");
        for (int version = 1; version <= 7; version++) {
            if (version > 1) {
                User.edit(dir.resolve("app.py"), "Python", "Python v" + version);
                user.commitAll(dir, "v" + version);
            }
            Shell.Result push = user.push(dir);
            assertThat(push.exit()).as(push.all()).isZero();
        }
        assertThat(cluster.curl(app).out()).startsWith("Hello from Python v7");

        // The clean-up runs once the push has ended, so that `git push` does not wait for it.
        Wait.until(Duration.ofSeconds(60), () -> !registryTags().contains("\"v2\""));
        assertThat(registryTags()).contains("\"v3\"", "\"v7\"").doesNotContain("\"v1\"", "\"v2\"");
        Wait.until(Duration.ofSeconds(60), () -> localTags().size() == 5);
        assertThat(localTags()).containsExactly("v3", "v4", "v5", "v6", "v7");
        Shell.Result info = user.paas(dir, null, "info");
        assertThat(info.out()).contains("Images:    5, ");
    }

    @Test
    @Order(3)
    void theBuildCacheIsClearedOnRequest() throws Exception {
        Path cache = cacheWithAWheel();

        Shell.Result clear = user.paas(dir, null, "builds:cache:clear");

        assertThat(clear.exit()).as(clear.all()).isZero();
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    @Order(4)
    void otherBranchesAreRefusedAndForcePushesDeploy() throws Exception {
        Shell.Result branch = Shell.run(dir, user.git, "git", "push", "paas", "master:feature");
        assertThat(branch.exit()).isNotZero();
        assertThat(branch.err()).contains("only master or main deploys: push with 'git push paas feature:master'");

        Shell.ok(dir, user.git, "git", "reset", "-q", "--hard", "HEAD~1");
        User.edit(dir.resolve("app.py"), "Python v6", "Python rewritten");
        user.commitAll(dir, "history rewritten");
        Shell.Result forced = Shell.run(dir, user.git, "git", "push", "--force", "paas", "master");
        assertThat(forced.exit()).as(forced.all()).isZero();
        assertThat(forced.err()).contains("remote: -----> Deployed v8");
        assertThat(cluster.curl(app).out()).startsWith("Hello from Python rewritten");
    }

    /**
     * The first push holds the app (a slow release phase); the second, started meanwhile, waits, then sees the
     * branch the first one left, and git refuses it as it does any push that does not build on the branch.
     */
    @Test
    @Order(5)
    void aSecondPushWaitsForTheFirstThenSeesTheBranchItLeft() throws Exception {
        Path other = user.work.resolve(app + "-other");
        String url = Shell.ok(dir, user.git, "git", "remote", "get-url", "paas").out().strip();
        Shell.ok(user.work, user.git, "git", "clone", "-q", "-o", "paas", url, other.toString());
        User.edit(other.resolve("app.py"), "Python rewritten", "Python second");
        user.commitAll(other, "second");

        User.edit(dir.resolve("app.py"), "Python rewritten", "Python first");
        Files.writeString(dir.resolve("Procfile"), "web: python3 app.py\nrelease: sleep 8\n");
        user.commitAll(dir, "first, with a slow release phase");
        Path firstLog = user.work.resolve("first-push.log");
        ProcessBuilder firstPush = new ProcessBuilder("git", "push", "paas", "master").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(firstLog.toFile());
        firstPush.environment().putAll(user.git);
        Process first = firstPush.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!(Files.exists(firstLog) && Files.readString(firstLog).contains("Running the release command"))) {
            assertThat(System.nanoTime()).as("the first push reaches its release phase").isLessThan(deadline);
            Thread.sleep(100);
        }

        Shell.Result second = user.push(other);
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(first.exitValue()).as(Files.readString(firstLog)).isZero();
        assertThat(second.exit()).isNotZero();
        assertThat(second.err()).contains("Another push to " + app + " is deploying; waiting for it to finish",
                "[rejected]", "(fetch first)").doesNotContain("Building " + app);
        assertThat(cluster.curl(app).out()).startsWith("Hello from Python first");
    }

    /** The app's build cache goes at once; its images, once its containers have stopped, here and in the registry. */
    @Test
    @Order(6)
    void destroyRemovesTheBuildCacheAndTheImages() throws Exception {
        Path cache = cacheWithAWheel();
        assertThat(localImages()).isNotEmpty();

        Shell.Result destroyed = user.paas(dir, null, "destroy", "-a", app, "--confirm", app);

        assertThat(destroyed.exit()).as(destroyed.all()).isZero();
        assertThat(cache).doesNotExist();
        Wait.until(Duration.ofMinutes(3), () -> localImages().isEmpty() && !Shell.ok(user.work,
                Map.of(), "curl", "-sS", "http://127.0.0.1:5000/v2/" + app + "/tags/list").out().contains("\"v"));
    }

    /** The app's build cache directory, holding one cached file as pip would leave it. */
    private Path cacheWithAWheel() throws IOException {
        Path cache = cluster.dataDir.resolve("cache").resolve(app);
        Files.createDirectories(cache.resolve("pip"));
        Files.writeString(cache.resolve("pip/wheel"), "cached");
        return cache;
    }

    private String registryTags() {
        return Shell.ok(user.work, Map.of(), "curl", "-sS", "http://127.0.0.1:5000/v2/" + app + "/tags/list").out();
    }

    private List<String> localTags() {
        return Shell.ok(user.work, Map.of(), "docker", "images", "--format", "{{.Tag}}", "127.0.0.1:5000/" + app)
                .out().lines().sorted().toList();
    }

    private String localImages() {
        return Shell.ok(user.work, Map.of(), "docker", "images", "-q", "127.0.0.1:5000/" + app).out().strip();
    }
}
