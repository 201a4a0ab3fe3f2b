package dev.paas.router.nginx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.paas.api.TlsMaterial;

/** A test CA and certificates it signs, made by the real openssl in a directory of the test's. */
final class TestCerts {

    final Path dir;
    final Path caPem;

    private TestCerts(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
    }

    static TestCerts ca(Path dir) throws Exception {
        TestCerts certs = new TestCerts(dir);
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=Router Test CA", "-keyout", "ca.key", "-out", "ca.pem");
        return certs;
    }

    /** A certificate for {@code names} (subject alternative names), signed by the CA; the chain is it alone. */
    TlsMaterial issue(String file, String... names) throws Exception {
        List<String> san = new ArrayList<>();
        for (String name : names) {
            san.add("DNS:" + name);
        }
        Files.writeString(dir.resolve(file + ".ext"), "subjectAltName=" + String.join(",", san) + "\n");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                "/CN=" + names[0], "-keyout", file + ".key", "-out", file + ".csr");
        openssl(dir, "x509", "-req", "-in", file + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "1", "-extfile", file + ".ext", "-out", file + ".pem");
        return new TlsMaterial(Files.readString(dir.resolve(file + ".pem")), Files.readString(dir.resolve(file + ".key")));
    }

    static String fingerprint(TlsMaterial material) throws Exception {
        var cert = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(material.certificate().getBytes(StandardCharsets.US_ASCII)));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
