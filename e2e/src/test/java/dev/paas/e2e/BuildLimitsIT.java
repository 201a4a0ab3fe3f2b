package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Builds as an attacker would push them, on a platform of its own with short limits (a build may run 20 seconds,
 * a push send 2 MB, the stored log keep 64 KB): an endless build is stopped and the push refused saying so; an
 * oversized push is refused before any build; a flood of output reaches the pusher while the stored log keeps its
 * tail; a Dockerfile starting from another app's image is refused by name; a build cannot open a connection to
 * the host's services; and after each the platform still answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BuildLimitsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Cluster cluster;
    private User user;

    @BeforeAll
    void startPlatform() throws Exception {
        cluster = Cluster.started(1, Map.of("PAAS_BUILD_TIMEOUT", "20s", "PAAS_BUILD_PUSH_MAX", "2MB",
                "PAAS_BUILD_LOG_MAX", "64KB"));
        user = User.loggedIn(cluster);
    }

    @AfterAll
    void stopPlatform() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anEndlessBuildIsStoppedAndThePushRefusedSayingSo() {
        Path dir = withBuildpack("endless-" + run, "echo 'compiling forever'\nwhile :; do sleep 1; done\n");
        long started = System.nanoTime();

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("remote: compiling forever",
                "Build stopped: it ran longer than 20 seconds (paas.build.timeout).");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
        assertPlatformAnswers();
    }

    @Test
    void aPushOverTheSizeLimitIsRefusedBeforeAnyBuild() throws Exception {
        String app = "big-" + run;
        Path dir = user.checkout("static-site", app);
        byte[] noise = new byte[3 << 20];
        new Random(7).nextBytes(noise);
        Files.write(dir.resolve("noise.bin"), noise);
        user.commitAll(dir, "three megabytes that do not compress");

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("Push refused: it is larger than 2 MB, the most this server takes in one push"
                + " (paas.build.push-max).").doesNotContain("Building " + app);
        assertThat(user.paas(dir, null, "builds", "-a", app).out()).contains("has no builds yet");
        assertPlatformAnswers();
    }

    @Test
    void aFloodOfBuildOutputReachesThePusherButTheStoredLogKeepsItsTail() {
        String app = "flood-" + run;
        Path dir = withBuildpack(app, "line=$(head -c 1000 /dev/zero | tr '\\0' x)\n"
                + "for i in $(seq 3000); do echo \"$i $line\"; done\necho 'the last line'\nexit 1\n");

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("remote: 1 xxx", "remote: 3000 xxx", "remote: the last line");
        Shell.Result builds = user.paas(dir, null, "builds", "-a", app);
        String id = builds.out().lines().skip(1).findFirst().orElseThrow().strip().split("\\s+")[0];
        Shell.Result info = user.paas(dir, null, "builds:info", id, "-a", app);
        assertThat(info.exit()).as(info.all()).isZero();
        String log = info.out().substring(info.out().indexOf("=== Log"));
        assertThat(log).contains("of build output cut here: the log keeps the last 64.0 KB (paas.build.log-max)",
                "3000 xxx", "the last line").doesNotContain("\n1 xxx");
        assertThat(log.length()).isLessThan(70 * 1024);
        assertPlatformAnswers();
    }

    @Test
    void aDockerfileStartingFromAnotherAppsImageIsRefusedByName() throws Exception {
        String app = "thief-" + run;
        Path dir = user.checkout("static-site", app);
        String victim = "127.0.0.1:5000/victim-" + run + ":v1";
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + victim + "\nCMD [\"cat\", \"/app/.env\"]\n");
        user.commitAll(dir, "start from another app's image");

        Shell.Result push = user.push(dir);

        assertThat(push.exit()).as(push.all()).isNotZero();
        assertThat(push.err()).contains("FROM " + victim + " is another app's image: a Dockerfile may start from the"
                + " platform's stack images, this app's own images and the images an admin allows"
                + " (paas.dockerfile.allowed-bases).").doesNotContain("Step 1/");
        assertPlatformAnswers();
    }

    @Test
    void aBuildCannotConnectToTheHostsServices() throws Exception {
        String gateway = Shell.ok(user.work, Map.of(), "docker", "network", "inspect", "-f",
                "{{(index .IPAM.Config 0).Gateway}}", "paas-apps").out().strip();
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("0.0.0.0", 0));
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (var ignored = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            StringBuilder compile = new StringBuilder();
            for (String target : new String[] {"host-server=" + server.getLocalPort(),
                    "postgres=" + cluster.postgresPort(), "ssh=" + cluster.sshPort}) {
                String[] nameAndPort = target.split("=");
                compile.append("if timeout 5 bash -c '</dev/tcp/").append(gateway).append('/').append(nameAndPort[1])
                        .append("' 2>/dev/null; then echo '").append(nameAndPort[0]).append(" REACHED'; else echo '")
                        .append(nameAndPort[0]).append(" REFUSED'; fi\n");
            }
            compile.append("exit 1\n");
            Path dir = withBuildpack("reach-" + run, compile.toString());

            Shell.Result push = user.push(dir);

            assertThat(push.err()).as(push.all()).contains("remote: host-server REFUSED", "remote: postgres REFUSED",
                    "remote: ssh REFUSED").doesNotContain("REACHED");
            assertThat(accepted.get()).isZero();
        }
    }

    /**
     * The static-site sample with a buildpack of the admin's directory (paas.buildpacks.local-dir) named in its
     * .buildpacks; its compile runs {@code compile}.
     */
    private Path withBuildpack(String app, String compile) {
        try {
            Path pack = cluster.buildpacksDir.resolve(app);
            script(pack.resolve("bin/detect"), "echo Limits");
            script(pack.resolve("bin/compile"), compile);
            script(pack.resolve("bin/release"), "echo '---'; echo 'default_process_types:';"
                    + " echo '  web: python3 -m http.server $PORT'");
            Path dir = user.checkout("static-site", app);
            Files.writeString(dir.resolve(".buildpacks"), pack + "\n");
            user.commitAll(dir, "a buildpack of the admin's");
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void script(Path file, String body) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void assertPlatformAnswers() {
        Shell.Result apps = user.paas(user.work, null, "apps");
        assertThat(apps.exit()).as(apps.all()).isZero();
    }
}
