package dev.paas.cli.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPublicKeyTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAsjcK5GM0mMKYR48d2HEXlWhC4LzNnS7P4nHqhYcyS2";

    @TempDir
    Path home;

    @Test
    void fingerprintsLikeSshKeygen() {
        SshPublicKey key = SshPublicKey.parse(ED25519 + " me@laptop\n");

        // ssh-keygen -lf: 256 SHA256:vKsw5jNf6ofWY5fBmnO6h56Ep3ZxJoQL/GQrxY+7G/o me@laptop (ED25519)
        assertThat(key.fingerprint()).isEqualTo("SHA256:vKsw5jNf6ofWY5fBmnO6h56Ep3ZxJoQL/GQrxY+7G/o");
        assertThat(key.comment()).isEqualTo("me@laptop");
        assertThat(key.line()).isEqualTo(ED25519 + " me@laptop");
    }

    @Test
    void refusesAPrivateKeyWithAHint() {
        assertThatThrownBy(() -> SshPublicKey.parse("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END"))
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> SshPublicKey.parse("hello world")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 not*base64")).hasMessageContaining("base64");
    }

    @Test
    void prefersEd25519ThenRsa() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        assertThat(SshPublicKey.defaultFile(home)).isEmpty();

        Files.writeString(ssh.resolve("id_rsa.pub"), "ssh-rsa AAAA");
        assertThat(SshPublicKey.defaultFile(home)).contains(ssh.resolve("id_rsa.pub"));

        Files.writeString(ssh.resolve("id_ed25519.pub"), ED25519);
        assertThat(SshPublicKey.defaultFile(home)).contains(ssh.resolve("id_ed25519.pub"));
    }
}
