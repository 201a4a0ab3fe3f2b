package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.Deadline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildpackResolverTest {

    @TempDir
    Path dir;

    private final BuiltinBuildpacks builtins = BuiltinBuildpacks.extract();
    private final Deadline deadline = Deadline.start(BuildLimits.defaults());
    private BuildpackResolver resolver;

    @BeforeEach
    void resolver() {
        resolver = new BuildpackResolver(builtins, dir.resolve("local"));
    }

    @Test
    void noChoiceMeansDetection() throws Exception {
        assertThat(resolver.chosen(app(), Map.of(), dir, line -> { }, deadline)).isEmpty();
    }

    @Test
    void dotBuildpacksListsBuiltinsAndPathsInOrderWithComments() throws Exception {
        Path pack = buildpack("local/mine");
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "# first mine\n" + pack + "  # a local one\n\nnodejs\n");

        List<Buildpack> chosen = resolver.chosen(app, Map.of(), dir, line -> { }, deadline);

        assertThat(chosen).containsExactly(new Buildpack(pack.toString(), pack), builtins.named("nodejs"));
    }

    @Test
    void buildpackUrlConfigVarWinsOverTheFile() throws Exception {
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "nodejs\n");

        assertThat(resolver.chosen(app, Map.of("BUILDPACK_URL", "go"), dir, line -> { }, deadline))
                .containsExactly(builtins.named("go"));
    }

    @Test
    void badEntriesAreRefusedNamingTheLine() throws Exception {
        Path app = app();
        Files.writeString(app.resolve(".buildpacks"), "nodejs\n--upload-pack=touch /tmp/x\n");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of(), dir, line -> { }, deadline))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith(".buildpacks line 2: '--upload-pack=touch /tmp/x' is not a built-in buildpack");

        assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", dir + "/local/nowhere"), dir,
                line -> { }, deadline)).hasMessage("BUILDPACK_URL: " + dir + "/local/nowhere is not a buildpack in "
                + dir.resolve("local") + ", the build host's buildpack directory (paas.buildpacks.local-dir).");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", "https://example.com/x.git#;rm"), dir,
                line -> { }, deadline)).hasMessageContaining("is not a built-in buildpack");

        Files.writeString(app.resolve(".buildpacks"), "# nothing\n\n");
        assertThatThrownBy(() -> resolver.chosen(app, Map.of(), dir, line -> { }, deadline))
                .hasMessageStartingWith(".buildpacks names no buildpack");
    }

    @Test
    void aGitUrlThatCannotBeClonedFailsWithGitsReason() throws Exception {
        assertThatThrownBy(() -> resolver.chosen(app(), Map.of("BUILDPACK_URL", "http://127.0.0.1:1/none.git"),
                dir, line -> { }, deadline))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("Could not fetch buildpack http://127.0.0.1:1/none.git: ");
    }

    /** git:// stays allowed: a clone in the clean environment, pinned to a tag, from a git daemon on loopback. */
    @Test
    void aGitUrlPinnedToARefIsClonedAtThatRef() throws Exception {
        Path repo = buildpack("served/pack.git");
        run(repo, "git", "init", "-q", "-b", "main");
        run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A");
        run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1");
        run(repo, "git", "tag", "v1");
        Files.writeString(repo.resolve("bin/compile"), "#!/bin/sh\necho v2\n");
        run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "v2");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + dir.resolve("served"), dir.resolve("served").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            String url = "git://127.0.0.1:" + port + "/pack.git";
            List<Buildpack> chosen = null;
            for (int attempt = 0; chosen == null; attempt++) {
                try {
                    chosen = resolver.chosen(app(), Map.of("BUILDPACK_URL", url + "#v1"), dir, line -> { }, deadline);
                } catch (BuildFailedException notListeningYet) {
                    if (attempt > 20) {
                        throw notListeningYet;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(chosen).singleElement().satisfies(pack -> {
                assertThat(pack.name()).isEqualTo(url + "#v1");
                assertThat(Files.readString(pack.dir().resolve("bin/compile"))).isEqualTo("#!/bin/sh\n");
            });
        } finally {
            daemon.destroyForcibly().waitFor();
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    @Test
    void fileAndSshUrlsAreRefusedBeforeAnythingRuns() throws Exception {
        Path app = app();
        for (String url : List.of("file://" + dir + "/repo.git", "FILE:///etc", "ssh://git@example.com/x.git",
                "git@example.com:x.git", "ext::sh -c touch% /tmp/pwned", "git+ssh://example.com/x.git",
                "example.com:x.git")) {
            assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", url), dir, line -> { }, deadline))
                    .as(url).isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("BUILDPACK_URL: '" + url + "' is refused: buildpacks come from https://");
        }
    }

    @Test
    void hostPathsOutsideTheAdminsDirectoryAreRefused() throws Exception {
        Path app = app();
        Path outside = buildpack("elsewhere");
        Files.createDirectories(dir.resolve("local"));
        Files.createSymbolicLink(dir.resolve("local/link"), outside);
        for (String path : List.of(outside.toString(), dir + "/local/../elsewhere", dir + "/local/link",
                dir + "/local")) {
            assertThatThrownBy(() -> resolver.chosen(app, Map.of("BUILDPACK_URL", path), dir, line -> { }, deadline))
                    .as(path).hasMessageContaining("is not a buildpack in " + dir.resolve("local"));
        }
        BuildpackResolver none = new BuildpackResolver(builtins, null);
        assertThatThrownBy(() -> none.chosen(app, Map.of("BUILDPACK_URL", outside.toString()), dir, line -> { },
                deadline)).hasMessage("BUILDPACK_URL: buildpacks from paths on the build host are turned off ("
                + outside + "): name a built-in buildpack or an https:// git URL, or ask an admin to set"
                + " paas.buildpacks.local-dir.");
    }

    @Test
    void aCloneGetsNoneOfTheControllersCredentialsAndItsTimeoutApplies() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("env.sh");
        Files.writeString(script, "#!/bin/sh\nenv | sort > " + dir.resolve("env.txt") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        BuildpackResolver.git(List.of(script.toString()), "x", home, line -> { }, deadline);
        assertThat(Files.readAllLines(dir.resolve("env.txt"))).contains("HOME=" + home, "GIT_SSH_COMMAND=false",
                "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
                .noneMatch(line -> line.startsWith("SSH_AUTH_SOCK=") || line.startsWith("USER="));

        // Printing without end used to keep the wait from ever starting: the limit applies all the same.
        Deadline short_ = Deadline.start(BuildLimits.defaults().withTimeout(java.time.Duration.ofSeconds(2)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> BuildpackResolver.git(List.of("/bin/sh", "-c", "yes flood | head -c 1000000; sleep 60"),
                "x", home, line -> { }, short_))
                .hasMessage("Build stopped: it ran longer than 2 seconds (paas.build.timeout).");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
    }

    private Path app() throws Exception {
        return Files.createDirectories(dir.resolve("app"));
    }

    private Path buildpack(String name) throws Exception {
        Path compile = dir.resolve(name).resolve("bin/compile");
        Files.createDirectories(compile.getParent());
        Files.writeString(compile, "#!/bin/sh\n");
        Files.setPosixFilePermissions(compile, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve(name);
    }
}
