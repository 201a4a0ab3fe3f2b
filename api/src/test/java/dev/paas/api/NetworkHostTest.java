package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkHostTest {

    @TempDir
    Path dir;

    @Test
    void theSameBootAndNetworkNamespaceGiveTheSameHostAndAnotherNamespaceAnother() throws Exception {
        Path boot = Files.writeString(dir.resolve("boot_id"), "5f3c8a2e-1d4b-4f7a-9c2e-8b1d3e5f7a9c\n");
        Path net = Files.createSymbolicLink(dir.resolve("net"), Path.of("net:[4026531840]"));
        Path otherNet = Files.createSymbolicLink(dir.resolve("net2"), Path.of("net:[4026532299]"));

        String host = NetworkHost.of(boot, net);

        assertThat(host).isEqualTo(NetworkHost.of(boot, net)).matches("h-[0-9a-f]{24}");
        assertThat(NetworkHost.valid(host)).isTrue();
        assertThat(NetworkHost.of(boot, otherNet)).isNotEqualTo(host);
    }

    @Test
    void noneWhereProcDoesNotTell() {
        assertThat(NetworkHost.of(dir.resolve("missing"), dir.resolve("missing-too"))).isNull();
    }

    @Test
    void thisProcessHasOneAndItIsStable() {
        assertThat(NetworkHost.current()).isNotNull().isEqualTo(NetworkHost.current());
    }

    @Test
    void onlyPlainTokensAreAccepted() {
        assertThat(NetworkHost.valid(null)).isFalse();
        assertThat(NetworkHost.valid("")).isFalse();
        assertThat(NetworkHost.valid("h-1 2")).isFalse();
        assertThat(NetworkHost.valid("h-" + "a".repeat(63))).isFalse();
    }
}
