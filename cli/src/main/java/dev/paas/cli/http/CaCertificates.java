package dev.paas.cli.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocketFactory;

import dev.paas.api.PemTrust;

/**
 * The certificates the cli trusts for one controller instead of the JVM's trust store: the platform's own CA
 * (deploy/lib/cluster-tls.sh) of a controller that serves HTTPS on a cluster address. Only the PEM certificate blocks
 * are kept (anything else in the file, a private key pasted in by mistake included, is dropped), so {@link #pem()} is
 * safe to save with the login.
 */
public final class CaCertificates {

    /** Where the platform's CA is on the controller's host, for messages. */
    public static final String CLUSTER_CA = "/var/lib/paas/secrets/cluster/ca.crt";

    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private final List<X509Certificate> certificates;
    private final String source;
    private SSLSocketFactory socketFactory;

    private CaCertificates(List<X509Certificate> certificates, String source) {
        this.certificates = List.copyOf(certificates);
        this.source = source;
    }

    /**
     * Reads the PEM certificates of {@code file}.
     *
     * @param source the file as messages name it: "the CA file /x/ca.crt"
     * @throws IllegalArgumentException naming the file, when it cannot be read or holds no PEM certificate
     */
    public static CaCertificates readFile(Path file, String source) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Cannot read " + source + ": it does not exist.");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("Cannot read " + source + ": permission denied.");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + source + ": " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(capitalize(source) + " is over 1 MiB: it is not a CA certificate.");
        }
        // Latin-1 maps every byte, so a binary (DER) file is simply one without PEM blocks.
        return fromPem(new String(bytes, StandardCharsets.ISO_8859_1), source);
    }

    /**
     * @param source what the PEM came from, for messages: "the CA file /x/ca.crt"
     * @throws IllegalArgumentException naming {@code source}, when it holds no readable PEM certificate
     */
    public static CaCertificates fromPem(String pem, String source) {
        List<X509Certificate> found = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(pem == null ? "" : pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1));
                found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalize(source) + " holds a CERTIFICATE block that is not a"
                    + " certificate: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(capitalize(source) + " holds no PEM certificate (-----BEGIN"
                    + " CERTIFICATE-----): give the platform's CA, " + CLUSTER_CA + " on the controller's host.");
        }
        return new CaCertificates(found, source);
    }

    /** What these certificates came from, for messages: "the CA file /x/ca.crt". */
    public String source() {
        return source;
    }

    /** The certificates' subjects, e.g. "CN=paas platform CA". */
    public String subjects() {
        return certificates.stream().map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.joining("; "));
    }

    /** The certificates alone, as PEM blocks. */
    public String pem() {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalStateException("A parsed certificate cannot be encoded again", e);
            }
        }
        return text.toString();
    }

    /**
     * A TLS socket factory that trusts these certificates and nothing else; hostname checks stay HttpsURLConnection's.
     * Built once: HttpURLConnection reuses a kept-alive connection only for the same factory.
     */
    synchronized SSLSocketFactory socketFactory() {
        if (socketFactory == null) {
            try {
                socketFactory = PemTrust.context(certificates).getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new ApiException("Cannot set up TLS with " + source + ": " + e.getMessage(), e);
            }
        }
        return socketFactory;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
