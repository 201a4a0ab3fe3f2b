package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {

    @TempDir
    Path root;

    @Test
    void aCacheOverItsLimitIsEmptiedAndSaysSo() throws Exception {
        BuildCache cache = new BuildCache(root, 1000);
        Files.createDirectories(cache.dirOf("hello").resolve("npm/x"));
        Files.write(cache.dirOf("hello").resolve("npm/x/blob"), new byte[600]);
        List<String> log = new ArrayList<>();

        cache.bound("hello", log::add);
        assertThat(log).isEmpty();
        assertThat(cache.size("hello")).isEqualTo(600);

        Files.write(cache.dirOf("hello").resolve("more"), new byte[600]);
        cache.bound("hello", log::add);
        assertThat(log).singleElement().asString().contains("over its 0.0 MiB limit: emptied");
        assertThat(cache.size("hello")).isZero();
        assertThat(cache.dirOf("hello")).isEmptyDirectory();
    }

    @Test
    void removingAnAppsCacheDeletesItsDirectoryAndLeavesOtherApps() throws Exception {
        BuildCache cache = new BuildCache(root, 1000);
        Files.createDirectories(cache.dirOf("gone").resolve("m2/repo"));
        Files.write(cache.dirOf("gone").resolve("m2/repo/a.jar"), new byte[10]);
        Files.createDirectories(cache.dirOf("kept"));
        Files.write(cache.dirOf("kept").resolve("file"), new byte[10]);

        cache.remove("gone");
        cache.remove("never-built");

        assertThat(cache.dirOf("gone")).doesNotExist();
        assertThat(cache.size("kept")).isEqualTo(10);
    }

    @Test
    void refusesNamesThatAreNotAppNames() {
        assertThatThrownBy(() -> new BuildCache(root, 1).dirOf("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
