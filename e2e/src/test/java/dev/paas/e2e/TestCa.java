package dev.paas.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A certificate authority of the test's, and certificates it signs, made by the real openssl. */
final class TestCa {

    final Path dir;
    final Path cert;

    private TestCa(Path dir) {
        this.dir = dir;
        this.cert = dir.resolve("ca.pem");
    }

    static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCa ca = new TestCa(dir);
        Shell.ok(dir, Map.of(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=E2E Test CA", "-keyout", "ca.key", "-out", "ca.pem");
        return ca;
    }

    /** A certificate and key for {@code names}; returns {@code [cert.pem, key.pem]}. */
    Path[] issue(String file, String... names) {
        List<String> san = new ArrayList<>();
        for (String name : names) {
            san.add("DNS:" + name);
        }
        try {
            Files.writeString(dir.resolve(file + ".ext"), "subjectAltName=" + String.join(",", san) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.ok(dir, Map.of(), "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=" + names[0], "-keyout", file + ".key", "-out", file + ".csr");
        Shell.ok(dir, Map.of(), "openssl", "x509", "-req", "-in", file + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "1", "-extfile", file + ".ext", "-out", file + ".pem");
        return new Path[] {dir.resolve(file + ".pem"), dir.resolve(file + ".key")};
    }
}
