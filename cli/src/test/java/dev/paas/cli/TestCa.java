package dev.paas.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA made in the test, as deploy/lib/cluster-tls.sh makes the platform's (EC P-256): its certificate as
 * PEM, and server certificates it signs for an IP address or a DNS name.
 */
final class TestCa {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private final String name;
    private final KeyPair keys;
    private final X509Certificate cert;

    TestCa(String name) throws Exception {
        this.name = "CN=" + name;
        this.keys = ec();
        this.cert = sign(this.name, keys.getPublic(), true, null);
    }

    String certPem() {
        return pem(cert);
    }

    /**
     * A TLS context for a server whose certificate this CA signs for {@code san}.
     *
     * @param san "IP:127.0.0.1" or "DNS:example.test"
     */
    SSLContext serverContext(String san) throws Exception {
        KeyPair serverKeys = ec();
        String[] parts = san.split(":", 2);
        GeneralName name = new GeneralName(parts[0].equals("IP") ? GeneralName.iPAddress : GeneralName.dNSName,
                parts[1]);
        X509Certificate serverCert = sign("CN=" + parts[1], serverKeys.getPublic(), false, name);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKeys.getPrivate(), new char[0], new Certificate[] {serverCert, cert});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private X509Certificate sign(String subject, java.security.PublicKey key, boolean ca, GeneralName san)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(name), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name(subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (san != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }
}
