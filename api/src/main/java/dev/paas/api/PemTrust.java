package dev.paas.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts the given certificates (the platform's CA, deploy/lib/cluster-tls.sh) and nothing else: the
 * platform's services are signed by it, and a public CA has no business vouching for them. Used by the node-agent and
 * the router for the controller, by the controller for the registry, and by the cli (which reads its PEM itself).
 */
public final class PemTrust {

    private PemTrust() {
    }

    /**
     * A context trusting the certificates of one PEM file.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext context(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("The CA file " + caFile + " holds no PEM certificate.");
            }
            return context(certificates);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the CA file " + caFile + ": " + e.getMessage());
        }
    }

    /** A context trusting {@code certificates} and nothing else. */
    public static SSLContext context(Collection<? extends Certificate> certificates) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trusting(certificates)}, null);
        return context;
    }

    /** The trust manager of {@link #context(Collection)}: its accepted issuers are exactly {@code certificates}. */
    public static X509TrustManager trusting(Collection<? extends Certificate> certificates)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new KeyStoreException("Cannot make an empty key store", e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        for (TrustManager manager : trust.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new KeyStoreException("The JVM's default trust manager factory makes no X.509 trust manager");
    }
}
