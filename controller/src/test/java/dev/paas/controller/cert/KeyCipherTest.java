package dev.paas.controller.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCipherTest {

    @TempDir
    Path dir;

    @Test
    void encryptsWithAPrivateKeyFileMadeOnFirstUseAndDecryptsOnlyForTheSameCertificate() throws Exception {
        Path file = dir.resolve("secrets").resolve(KeyCipher.KEY_FILE);
        KeyCipher cipher = new KeyCipher(file);

        byte[] sealed = cipher.encrypt("-----BEGIN PRIVATE KEY-----\nsecret\n", "fingerprint-a");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret", "PRIVATE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(new KeyCipher(file).decrypt(sealed, "fingerprint-a")).isEqualTo("-----BEGIN PRIVATE KEY-----\nsecret\n");
        assertThat(cipher.encrypt("same", "x")).as("a fresh nonce each time").isNotEqualTo(cipher.encrypt("same", "x"));
        assertThatThrownBy(() -> cipher.decrypt(sealed, "fingerprint-b")).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> new KeyCipher(dir.resolve("other.key")).decrypt(sealed, "fingerprint-a"))
                .hasMessageContaining("does not decrypt");
    }
}
