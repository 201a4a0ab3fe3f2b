package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
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
 * A buildpack is untrusted code run in the build container, and the builder reads back what it wrote as root on
 * the host. Each test is one attack through the real Docker engine: a link from the build tree to a
 * secret of the host, which must be refused naming the file and without a byte of the secret.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BuildSandboxIntegrationTest {

    private static DockerClient docker;
    private static TestRegistry registry;

    @TempDir
    Path dir;

    private final String secretText = "host-secret-" + UUID.randomUUID();
    private final String app = "sandbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> images = new ArrayList<>();
    private Path secret;
    private BuildpackBuilder builder;
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

    /** Stands for /var/lib/paas/secrets/admin-password: a file only root on the host may read. */
    @BeforeEach
    void aSecretOfTheHost() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        secret = Files.writeString(secrets.resolve("admin-password"), secretText);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        builder = new BuildpackBuilder(docker, new BuildCache(dir.resolve("cache"), 4096), dir.resolve("work"),
                BuildLimits.defaults().withLocalBuildpacks(dir));
        repo = TestRepo.create(dir.resolve(app + ".git"));
    }

    @AfterEach
    void removeImages() {
        builder.close();
        repo.close();
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
    void aDependencyLayerRequestLinkedToAHostFileIsRefused() throws Exception {
        assertRefused("ln -sf " + secret + " \"$1/.paas/dependency-layer\"",
                ".paas/dependency-layer leads outside the app");
    }

    @Test
    void aProcfileLinkedToAHostFileIsRefused() throws Exception {
        assertRefused("ln -sf " + secret + " \"$1/Procfile\"", "Procfile leads outside the app");
    }

    @Test
    void aDirectoryOnTheWayLinkedToTheHostIsRefused() throws Exception {
        Files.writeString(secret.resolveSibling("dependency-layer"), "deps lib " + secretText);
        assertRefused("rmdir \"$1/.paas\"; ln -s " + secret.getParent() + " \"$1/.paas\"",
                ".paas/dependency-layer leads outside the app");
        assertThat(secret.resolveSibling("dependency-layer")).as("nothing deleted through the link").exists();
    }

    @Test
    void aProcfileThatIsAFifoIsRefusedWithoutHangingTheBuild() throws Exception {
        assertRefused("mkfifo \"$1/Procfile\"", "Procfile in the app is a special file");
    }

    @Test
    void aDependencyLayerFromACacheDirectoryLinkedToTheHostIsRefused() throws Exception {
        assertRefused("rm -rf \"$2/deps\"; ln -s " + secret.getParent() + " \"$2/deps\";"
                + " echo 'deps lib k' > \"$1/.paas/dependency-layer\"", "deps in the build cache is, or goes through, a link");
    }

    @Test
    void releaseInfoOverItsBoundIsRefused() throws Exception {
        Path pack = buildpack("true");
        script(pack.resolve("bin/release"), "head -c 100000 /dev/zero | tr '\\0' x\n");

        assertThatThrownBy(() -> build(pack)).isInstanceOf(BuildFailedException.class)
                .hasMessage("Buildpack " + pack + ": bin/release printed more than 64 KiB of release info.");
    }

    /**
     * Links in the slug are shipped as links (they then point into the image, never at the host); a device the
     * build made is never read on the host; a process the build left behind is killed before anything is read back;
     * and a link in the cache does not make the cache's clean-up delete what it points at.
     */
    @Test
    void theSlugKeepsLinksAsLinksAndNothingOfTheBuildOutlivesIt() throws Exception {
        Path canary = Files.writeString(Files.createDirectories(dir.resolve("kept")).resolve("canary"), "still here");
        Path pack = buildpack("""
                ln -s /etc/shadow "$1/shadow"
                ln -s %s "$1/secret"
                mknod "$1/disk" b 7 0 || true
                ln -s %s "$2/kept"
                head -c 8192 /dev/zero > "$2/big"
                (sleep 3; touch "$2/late") > /dev/null 2>&1 &
                """.formatted(secret, canary.getParent()));
        String image = registry.address() + "/" + app + ":v1";
        images.add(image);

        builder.build(request(pack, image), log::add);
        Thread.sleep(5000);

        assertThat(output(image, "readlink shadow secret; test -s disk || echo empty")).isEqualTo("/etc/shadow\n"
                + secret + "\nempty\n");
        assertThat(String.join("\n", log)).doesNotContain(secretText);
        assertThat(dir.resolve("cache").resolve(app).resolve("late")).as("killed with its container").doesNotExist();
        assertThat(log).anyMatch(line -> line.contains("over its") && line.contains("emptied"));
        assertThat(canary).as("the cache was emptied without following its link").hasContent("still here");
    }

    /** The happy side of {@link DockerfileBuilderTest}: a link to a file reaches the image as a link. */
    @Test
    void aDockerfileAppKeepsItsLinksToFilesAsLinks() throws Exception {
        ObjectId commit = repo.tree()
                .file("Dockerfile", "FROM " + BuildpackBuilder.RUN_IMAGE + "\nCOPY . /app\nCMD [\"sleep\", \"infinity\"]\n")
                .file("index.txt", "hi\n")
                .symlink("current.txt", "index.txt")
                .commit();
        String image = registry.address() + "/" + app + ":v1";
        images.add(image);

        BuildResult result = new DockerfileBuilder(docker).build(
                new BuildRequest(app, repo.repository, commit, image, Map.of()), log::add);

        assertThat(result.processTypes()).containsEntry("web", "'sleep' 'infinity'");
        assertThat(output(image, "readlink /app/current.txt; cat /app/current.txt")).isEqualTo("index.txt\nhi\n");
    }

    private void assertRefused(String compile, String message) throws Exception {
        Path pack = buildpack("mkdir -p \"$1/.paas\" \"$2/deps\"\n" + compile + "\n");

        assertThatThrownBy(() -> build(pack)).isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain(secretText, secret.toString());
        assertThat(String.join("\n", log)).doesNotContain(secretText);
        assertThat(secret).hasContent(secretText);
    }

    private Path buildpack(String compile) throws Exception {
        Path pack = dir.resolve("pack");
        TestBuildpack.write(pack, "Sandbox", compile, "web: sleep infinity");
        return pack;
    }

    private BuildResult build(Path pack) throws Exception {
        String image = registry.address() + "/" + app + ":v1";
        images.add(image);
        return builder.build(request(pack, image), log::add);
    }

    private BuildRequest request(Path pack, String image) throws Exception {
        ObjectId commit = repo.tree().file(".buildpacks", pack + "\n").file("index.txt", "hi\n").commit();
        return new BuildRequest(app, repo.repository, commit, image, Map.of());
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String output(String image, String script) throws Exception {
        String id = docker.createContainerCmd(image).withEntrypoint("/bin/sh").withCmd("-c", script).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            StringBuilder out = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
            return out.toString();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
