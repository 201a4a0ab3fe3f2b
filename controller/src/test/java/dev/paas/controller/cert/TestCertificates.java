package dev.paas.controller.cert;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in the test with BouncyCastle: a CA, an intermediate, server certificates, any validity. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate cert) {

        String certPem() {
            return pem(cert);
        }

        /** PKCS#8 for EC keys ("PRIVATE KEY"), PKCS#1 for RSA ("RSA PRIVATE KEY"), as openssl writes them. */
        String keyPem() {
            if (keys.getPrivate().getAlgorithm().equals("RSA")) {
                return pem(keys.getPrivate());
            }
            try {
                return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static Issued ca(String name) throws Exception {
        KeyPair keys = ec();
        return new Issued(keys, build(name, keys, name, keys, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)), true));
    }

    static Issued intermediate(String name, Issued issuer) throws Exception {
        KeyPair keys = ec();
        return new Issued(keys, build(name, keys, subject(issuer), issuer.keys(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)), true));
    }

    static Issued server(Issued issuer, KeyPair keys, Instant notBefore, Instant notAfter, String... names)
            throws Exception {
        return new Issued(keys, build("CN=" + names[0], keys, subject(issuer), issuer.keys(), notBefore, notAfter, false,
                names));
    }

    static Issued server(Issued issuer, String... names) throws Exception {
        return server(issuer, ec(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)),
                names);
    }

    static Issued selfSigned(KeyPair keys, String... names) throws Exception {
        return new Issued(keys, build("CN=" + names[0], keys, "CN=" + names[0], keys,
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)), true, names));
    }

    private static String subject(Issued issued) {
        return issued.cert().getSubjectX500Principal().getName();
    }

    private static X509Certificate build(String subject, KeyPair keys, String issuer, KeyPair issuerKeys,
                                         Instant notBefore, Instant notAfter, boolean ca, String... names)
            throws Exception {
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject.startsWith("CN=") ? subject : "CN=" + subject),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names.length > 0) {
            GeneralName[] dns = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                dns[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dns));
        }
        String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
