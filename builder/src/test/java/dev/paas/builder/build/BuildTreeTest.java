package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BuildTreeTest {

    private static final String SECRET = "s3cret-of-the-host";

    @TempDir
    Path dir;

    private Path app;
    private Path secret;
    private BuildTree tree;

    @BeforeEach
    void appAndAHostSecretBesideIt() throws Exception {
        app = Files.createDirectories(dir.resolve("app"));
        secret = Files.writeString(dir.resolve("admin-password"), SECRET);
        tree = new BuildTree(app, "the app");
    }

    @Test
    void readsARegularFileAndSaysWhenThereIsNone() throws Exception {
        Files.writeString(app.resolve("Procfile"), "web: node index.js\n");

        assertThat(tree.readText("Procfile", 1024)).contains("web: node index.js\n");
        assertThat(tree.readText("nothing", 1024)).isEmpty();
        assertThat(tree.readText("Procfile/below", 1024)).as("a file is not a directory").isEmpty();
    }

    @Test
    void refusesALinkToOutsideNamingTheFileButNotWhereItLeads() throws Exception {
        Files.createDirectories(app.resolve(".paas"));
        Files.createSymbolicLink(app.resolve(".paas/dependency-layer"), secret);

        assertThatThrownBy(() -> tree.readText(".paas/dependency-layer", 1024))
                .isInstanceOf(BuildFailedException.class)
                .hasMessage(".paas/dependency-layer leads outside the app (through a link or '..'): the builder never"
                        + " follows it.")
                .message().doesNotContain(SECRET, secret.toString(), "admin-password");
    }

    @Test
    void refusesARelativeLinkThatClimbsOut() throws Exception {
        Files.createSymbolicLink(app.resolve("Procfile"), Path.of("../admin-password"));

        assertThatThrownBy(() -> tree.readText("Procfile", 1024)).hasMessageStartingWith("Procfile leads outside")
                .message().doesNotContain(SECRET, "admin-password");
    }

    @Test
    void followsALinkThatStaysInside() throws Exception {
        Files.createDirectories(app.resolve("config"));
        Files.writeString(app.resolve("config/Procfile.prod"), "web: ./serve\n");
        Files.createSymbolicLink(app.resolve("Procfile"), Path.of("config/../config/Procfile.prod"));

        assertThat(tree.readText("Procfile", 1024)).contains("web: ./serve\n");
    }

    @Test
    void refusesALinkInAParentComponent() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(outside.resolve("dependency-layer"), SECRET);
        Files.createSymbolicLink(app.resolve(".paas"), outside);

        assertThatThrownBy(() -> tree.readText(".paas/dependency-layer", 1024))
                .hasMessageStartingWith(".paas/dependency-layer leads outside the app")
                .message().doesNotContain(SECRET, outside.toString());
        assertThat(tree.has(".paas/dependency-layer")).as("a link on the way counts as something there").isTrue();
        assertThat(outside.resolve("dependency-layer")).exists();
    }

    @Test
    void refusesDotDotInTheNameItself() {
        assertThatThrownBy(() -> tree.readText("../admin-password", 1024)).hasMessageStartingWith("../admin-password"
                + " leads outside the app");
        assertThatThrownBy(() -> tree.readText(secret.toString(), 1024)).hasMessageContaining("leads outside the app");
    }

    @Test
    void refusesALinkLoop() throws Exception {
        Files.createSymbolicLink(app.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(app.resolve("b"), Path.of("a"));

        assertThatThrownBy(() -> tree.readText("a", 1024)).hasMessage("a in the app goes through too many links.");
    }

    @Test
    void refusesAFileOverTheBoundButReadsOneAtIt() throws Exception {
        Files.writeString(app.resolve("Procfile"), "x".repeat(1024));
        assertThat(tree.readText("Procfile", 1024)).hasValueSatisfying(text -> assertThat(text).hasSize(1024));

        Files.writeString(app.resolve("Procfile"), "x".repeat(1025));
        assertThatThrownBy(() -> tree.readText("Procfile", 1024))
                .hasMessage("Procfile is larger than 1 KiB: the builder reads at most that much of it.");
    }

    @Test
    void refusesADirectoryAndTextThatIsNotUtf8() throws Exception {
        Files.createDirectories(app.resolve("Procfile"));
        assertThatThrownBy(() -> tree.readText("Procfile", 1024))
                .hasMessage("Procfile in the app is a directory, not a regular file.");

        Files.write(app.resolve("Dockerfile"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> tree.readText("Dockerfile", 1024)).hasMessage("Dockerfile is not UTF-8 text.");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void refusesAFifoWithoutOpeningIt() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", app.resolve("Procfile").toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

        assertThatThrownBy(() -> tree.readText("Procfile", 1024))
                .hasMessage("Procfile in the app is a special file (a device, FIFO or socket), not a regular file.");
    }

    @Test
    void aDirectoryMustBeReallyThereWithNoLinkOnTheWay() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.createDirectories(cache.resolve("deps/lib"));
        Files.createSymbolicLink(cache.resolve("inside"), Path.of("deps"));
        Files.createSymbolicLink(cache.resolve("root"), Path.of("/"));
        BuildTree caches = new BuildTree(cache, "the build cache");

        assertThat(caches.directory("deps/lib")).contains(cache.toRealPath().resolve("deps/lib"));
        assertThat(caches.directory("missing")).isEmpty();
        assertThatThrownBy(() -> caches.directory("root")).hasMessage("root in the build cache is, or goes through,"
                + " a link: the builder takes only what is really in the build cache.");
        assertThatThrownBy(() -> caches.directory("inside/lib")).as("even a link that stays inside")
                .hasMessageStartingWith("inside/lib in the build cache is, or goes through, a link");
    }
}
