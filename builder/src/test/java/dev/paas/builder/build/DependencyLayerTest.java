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
                .contains(new DependencyLayer("node_modules", "node_modules", "3f2a v18.20.4"));
        assertThat(dir.resolve("app/.paas")).as("the empty .paas goes too").doesNotExist();
        assertThat(DependencyLayer.take(dir.resolve("app"), dir.resolve("cache"))).isEmpty();
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
}
