package dev.paas.cli.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAsjcK5GM0mMKYR48d2HEXlWhC4LzNnS7P4nHqhYcyS2";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDPVUBff+8ZbTLtuMih8pgYQ";
    // ssh-keygen -H of "[127.0.0.1]:2222 " + ED25519
    static final String HASHED = "|1|DMmicDsWEg5QyEQvwe4kiHcvxBU=|z6upl8/oZKvJbCcPvUMdoa1+0jY= " + ED25519;

    @TempDir
    Path home;

    @Test
    void writesBracketedHostAndPortExceptForPort22() {
        assertThat(KnownHosts.missing(List.of(), "127.0.0.1", 2222, List.of(ED25519 + " root@controller")))
                .containsExactly("[127.0.0.1]:2222 " + ED25519);
        assertThat(KnownHosts.missing(List.of(), "git.example.com", 22, List.of(ED25519)))
                .containsExactly("git.example.com " + ED25519);
    }

    @Test
    void addsOnlyKeysNotAlreadyTrustedForThatHostAndPort() {
        List<String> existing = List.of(
                "# my hosts",
                "github.com,[127.0.0.1]:2222 " + ED25519,
                "[127.0.0.1]:2200 " + RSA);

        assertThat(KnownHosts.missing(existing, "127.0.0.1", 2222, List.of(ED25519, RSA, "garbage", ED25519)))
                .containsExactly("[127.0.0.1]:2222 " + RSA);
    }

    @Test
    void recognisesHashedEntries() {
        assertThat(KnownHosts.missing(List.of(HASHED), "127.0.0.1", 2222, List.of(ED25519))).isEmpty();
        assertThat(KnownHosts.missing(List.of(HASHED), "127.0.0.1", 2223, List.of(ED25519))).hasSize(1);
    }

    @Test
    void revokedOrCertificateAuthorityLinesDoNotCount() {
        assertThat(KnownHosts.missing(List.of("@revoked [127.0.0.1]:2222 " + ED25519), "127.0.0.1", 2222,
                List.of(ED25519))).hasSize(1);
    }

    @Test
    void createsAPrivateFileThenOnlyAppends() throws Exception {
        Path file = home.resolve(".ssh/known_hosts");

        assertThat(KnownHosts.merge(file, "127.0.0.1", 2222, List.of(ED25519))).hasSize(1);
        assertThat(KnownHosts.merge(file, "127.0.0.1", 2222, List.of(ED25519))).isEmpty();

        assertThat(Files.readAllLines(file)).containsExactly("[127.0.0.1]:2222 " + ED25519);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keepsExistingLinesAndMendsAMissingFinalNewline() throws Exception {
        Path file = Files.createDirectories(home.resolve(".ssh")).resolve("known_hosts");
        Files.writeString(file, "github.com " + RSA);

        KnownHosts.merge(file, "127.0.0.1", 2222, List.of(ED25519));

        assertThat(Files.readString(file)).isEqualTo("github.com " + RSA + "\n[127.0.0.1]:2222 " + ED25519 + "\n");
    }

    @Test
    void opensshFindsTheEntriesItWrites() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs ssh-keygen");
        Path file = home.resolve(".ssh/known_hosts");
        KnownHosts.merge(file, "127.0.0.1", 2222, List.of(ED25519));

        Process lookup = new ProcessBuilder("/usr/bin/ssh-keygen", "-F", "[127.0.0.1]:2222", "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(lookup.getInputStream().readAllBytes());

        assertThat(lookup.waitFor()).as(output).isZero();
        assertThat(output).contains(ED25519);
    }
}
