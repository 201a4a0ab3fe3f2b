package dev.paas.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path temp;

    @Test
    void savesAndLoadsTheConfig() throws Exception {
        ConfigStore store = new ConfigStore(temp.resolve("config.json"));
        PaasConfig config = new PaasConfig("http://controller:8000", "secret-token", "ana");

        store.save(config);

        assertThat(store.load()).contains(config);
        assertThat(Files.readString(store.file())).contains("\"url\"", "\"token\"", "\"username\"");
    }

    @Test
    void aMissingFileMeansNotLoggedIn() throws Exception {
        assertThat(new ConfigStore(temp.resolve("none.json")).load()).isEmpty();
    }

    @Test
    void keepsTheTokenPrivate() throws Exception {
        ConfigStore store = new ConfigStore(temp.resolve("home/.paas/config.json"));

        store.save(new PaasConfig("http://c:8000", "secret-token", "ana"));
        store.save(new PaasConfig("http://c:8000", "newer-token", "ana"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void logoutDropsOnlyTheToken() throws Exception {
        ConfigStore store = new ConfigStore(temp.resolve("config.json"));
        store.save(new PaasConfig("http://c:8000", "secret-token", "ana").withoutToken());

        PaasConfig loaded = store.load().orElseThrow();

        assertThat(loaded).isEqualTo(new PaasConfig("http://c:8000", null, "ana"));
        assertThat(loaded.loggedIn()).isFalse();
        assertThat(Files.readString(store.file())).doesNotContain("token");
    }

    @Test
    void readsAFileWithFieldsItDoesNotKnow() throws Exception {
        Path file = temp.resolve("config.json");
        Files.writeString(file, "{\"url\":\"http://c:8000\",\"token\":\"t\",\"username\":\"ana\",\"color\":true}");

        assertThat(new ConfigStore(file).load()).contains(new PaasConfig("http://c:8000", "t", "ana"));
    }

    @Test
    void paasConfigVariableOverridesTheDefaultLocation() {
        Path home = Path.of("/home/ana");

        assertThat(ConfigStore.defaultLocation(Map.of(), home)).isEqualTo(Path.of("/home/ana/.paas/config.json"));
        assertThat(ConfigStore.defaultLocation(Map.of("PAAS_CONFIG", "/tmp/other.json"), home))
                .isEqualTo(Path.of("/tmp/other.json"));
        assertThat(ConfigStore.defaultLocation(Map.of("PAAS_CONFIG", ""), home))
                .isEqualTo(Path.of("/home/ana/.paas/config.json"));
    }
}
