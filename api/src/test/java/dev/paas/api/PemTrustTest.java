package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTrustTest {

    /** A self-signed EC CA made with openssl for this test (valid until 2126). */
    private static final String CA = ""
            + "-----BEGIN CERTIFICATE-----\n"
            + "MIIBhTCCASugAwIBAgIUJllpd9jxOrybQf99+tBsx+9tKSswCgYIKoZIzj0EAwIw\n"
            + "FzEVMBMGA1UEAwwMcGFhcyB0ZXN0IENBMCAXDTI2MTIwNDIwMDYyM1oYDzIxMjYx\n"
            + "MTEwMjAwNjIzWjAXMRUwEwYDVQQDDAxwYWFzIHRlc3QgQ0EwWTATBgcqhkjOPQIB\n"
            + "BggqhkjOPQMBBwNCAAQ7ZwBUBcyagooA8+uQ34FrmW6dODl95vsGdwJm8kele/qg\n"
            + "L0dLFfQlE72ukni4hV4Og/6UuNXkua3Ej/p88qYlo1MwUTAdBgNVHQ4EFgQU18hy\n"
            + "rda0yhFyCdAy+f6+UnyNk7EwHwYDVR0jBBgwFoAU18hyrda0yhFyCdAy+f6+UnyN\n"
            + "k7EwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAxOK6kFgH4xDd3\n"
            + "bzGoIoIzRGmwgpC+yGQvXdkAW1Rn3AIhAK4oYoIm4cCKyNsbXIMtlCUteM1OdtO/\n"
            + "3fAx590dnxOH\n"
            + "-----END CERTIFICATE-----\n";

    @Test
    void trustsTheFilesCertificatesAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ca.crt"), CA);
        assertThat(PemTrust.context(file).getProtocol()).isEqualTo("TLS");
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(CA.getBytes(StandardCharsets.US_ASCII)));
        assertThat(List.<Certificate>of(PemTrust.trusting(certificates).getAcceptedIssuers()))
                .as("not the JVM's public CAs").containsExactlyElementsOf(certificates);
    }

    @Test
    void aFileWithoutACertificateOrNoFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "");
        assertThatThrownBy(() -> PemTrust.context(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.crt");
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate");
        assertThatThrownBy(() -> PemTrust.context(garbage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("garbage.crt");
        assertThatThrownBy(() -> PemTrust.context(dir.resolve("none.crt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none.crt");
    }
}
