package dev.paas.controller.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a chain and a key made in the test, expect the certificate taken (and what it is) or refused, and why. */
class CertificateCheckTest {

    private static final Instant NOW = Instant.now();
    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued intermediate;

    @BeforeAll
    static void authorities() throws Exception {
        ca = TestCertificates.ca("CN=Test Root");
        intermediate = TestCertificates.intermediate("CN=Test Intermediate", ca);
    }

    @Test
    void aServerCertificateWithItsIntermediateIsTakenWithWhatItIs() throws Exception {
        var server = TestCertificates.server(intermediate, "www.example.com", "*.api.example.com");

        CertificateCheck.Checked checked = CertificateCheck.check(server.certPem() + intermediate.certPem(),
                server.keyPem(), NOW);

        assertThat(checked.names()).containsExactly("www.example.com", "*.api.example.com");
        assertThat(checked.chain()).containsExactly("CN=www.example.com", "CN=Test Intermediate");
        assertThat(checked.subject()).isEqualTo("CN=www.example.com");
        assertThat(checked.issuer()).isEqualTo("CN=Test Intermediate");
        assertThat(checked.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(checked.notAfter()).isEqualTo(server.cert().getNotAfter().toInstant());
        assertThat(checked.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(checked.chainPem().split("-----BEGIN CERTIFICATE-----\n", -1)).hasSize(3);
        assertThat(checked.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aSelfSignedCertificateAndAnRsaKeyInPkcs1AreTaken() throws Exception {
        var cert = TestCertificates.selfSigned(TestCertificates.rsa(), "self.example.com");
        // PEM "RSA PRIVATE KEY" (PKCS#1), as older openssl and many CAs' tools write it.
        String pkcs1 = cert.keyPem();

        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(CertificateCheck.check(cert.certPem(), pkcs1, NOW).names()).containsExactly("self.example.com");
    }

    @Test
    void anEcKeyInSec1IsTaken() throws Exception {
        // BouncyCastle's keys carry their curve, so its writer gives "EC PRIVATE KEY" as openssl ecparam -genkey does.
        var generator = java.security.KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var server = TestCertificates.server(ca, generator.generateKeyPair(), NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(1)), "sec1.example.com");
        String sec1 = TestCertificates.pem(server.keys().getPrivate());

        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(CertificateCheck.check(server.certPem(), sec1, NOW).keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        var server = TestCertificates.server(ca, "www.example.com");
        var other = TestCertificates.server(ca, "www.example.com");

        assertThatThrownBy(() -> CertificateCheck.check(server.certPem(), other.keyPem(), NOW))
                .hasMessage("The private key does not belong to the certificate (CN=www.example.com): give the key the"
                        + " certificate was made for.");
        assertThatThrownBy(() -> CertificateCheck.check(server.certPem(), TestCertificates.pem(TestCertificates.rsa()
                .getPrivate()), NOW)).hasMessageContaining("does not belong");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
        var expired = TestCertificates.server(ca, TestCertificates.ec(), NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofDays(1)), "old.example.com");
        var future = TestCertificates.server(ca, TestCertificates.ec(), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)), "new.example.com");

        assertThatThrownBy(() -> CertificateCheck.check(expired.certPem(), expired.keyPem(), NOW))
                .hasMessageStartingWith("The certificate (CN=old.example.com) expired on ");
        assertThatThrownBy(() -> CertificateCheck.check(future.certPem(), future.keyPem(), NOW))
                .hasMessageStartingWith("The certificate (CN=new.example.com) is not valid before ");
    }

    @Test
    void aBrokenOrMisorderedChainIsRefused() throws Exception {
        var server = TestCertificates.server(intermediate, "www.example.com");
        var stranger = TestCertificates.ca("CN=Stranger");

        assertThatThrownBy(() -> CertificateCheck.check(server.certPem() + stranger.certPem(), server.keyPem(), NOW))
                .hasMessageStartingWith("The chain is broken: certificate 1 (CN=www.example.com) is not signed by"
                        + " certificate 2 (CN=Stranger)");
        assertThatThrownBy(() -> CertificateCheck.check(intermediate.certPem() + server.certPem(), server.keyPem(), NOW))
                .hasMessageStartingWith("The chain is broken");
    }

    @Test
    void wrongFilesAreRefusedWithoutRepeatingTheKey() throws Exception {
        var server = TestCertificates.server(ca, "www.example.com");
        String key = server.keyPem();

        assertThatThrownBy(() -> CertificateCheck.check(key, key, NOW))
                .hasMessageContaining("holds something else than certificates (a private key)")
                .message().doesNotContain(key.substring(40, 80));
        assertThatThrownBy(() -> CertificateCheck.check(server.certPem(), server.certPem(), NOW))
                .hasMessageContaining("The key file holds no private key");
        assertThatThrownBy(() -> CertificateCheck.check("", key, NOW)).hasMessageContaining("certificate is missing");
        assertThatThrownBy(() -> CertificateCheck.check("hello", key, NOW)).hasMessageContaining("holds no certificate");
        assertThatThrownBy(() -> CertificateCheck.check(server.certPem(), null, NOW))
                .hasMessageContaining("private key is missing");
        assertThatThrownBy(() -> CertificateCheck.check(server.certPem() + "x".repeat(70_000), key, NOW))
                .hasMessageContaining("larger than 64 KiB");
    }

    @Test
    void anEncryptedKeyIsRefusedWithHowToDecryptIt() throws Exception {
        var server = TestCertificates.server(ca, "www.example.com");
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setPassword("secret".toCharArray()).build();
        String encrypted = TestCertificates.pem(new JcaPKCS8Generator(server.keys().getPrivate(), encryptor).generate());

        assertThatThrownBy(() -> CertificateCheck.check(server.certPem(), encrypted, NOW))
                .hasMessageContaining("The private key is encrypted: decrypt it first (openssl pkey");
    }

    @Test
    void namesCoverExactlyOrByOneWildcardLabel() {
        List<String> names = List.of("example.com", "*.example.com", "WWW.Other.org");

        assertThat(CertificateCheck.covers(names, "example.com")).isTrue();
        assertThat(CertificateCheck.covers(names, "www.example.com")).isTrue();
        assertThat(CertificateCheck.covers(names, "www.other.org")).isTrue();
        assertThat(CertificateCheck.covers(names, "a.b.example.com")).as("one label only").isFalse();
        assertThat(CertificateCheck.covers(names, "other.org")).isFalse();
        assertThat(CertificateCheck.covers(names, "notexample.com")).isFalse();
        assertThat(CertificateCheck.covers(List.of("*.localhost"), "*.localhost")).as("the platform's rule").isTrue();
    }
}
