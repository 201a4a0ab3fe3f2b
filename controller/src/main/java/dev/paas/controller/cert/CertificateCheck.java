package dev.paas.controller.cert;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Whether a certificate chain and a private key may serve HTTPS, and what they are. Pure apart from the clock it is
 * given: the chain must parse, each certificate must be signed by the next, none may be expired or not yet valid,
 * and the key must be the server certificate's. Every refusal says what to do; none repeats the key.
 */
public final class CertificateCheck {

    static final int MAX_CERTIFICATE_CHARS = 64 * 1024;
    static final int MAX_KEY_CHARS = 16 * 1024;
    static final int MAX_CHAIN = 8;
    /** Used only to read keys, never registered as a global provider. */
    private static final Provider BC = new BouncyCastleProvider();

    /** A refusal, with a message for the user. */
    public static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    /**
     * A checked certificate.
     *
     * @param chainPem   the chain as PEM, re-encoded (nothing but the certificates)
     * @param keyPem     the private key as PKCS#8 PEM, whatever form it came in
     * @param names      the DNS names it is valid for, lower case (its subject alternative names, else its CN)
     */
    public record Checked(String chainPem, String keyPem, List<String> names, String fingerprint, String subject,
                          String issuer, Instant notBefore, Instant notAfter, List<String> chain) {

        @Override
        public String toString() {
            return "Checked[" + subject + ", " + fingerprint + "]";
        }
    }

    private CertificateCheck() {
    }

    public static Checked check(String certificatePem, String keyPem, Instant now) throws Problem {
        if (certificatePem == null || certificatePem.isBlank()) {
            throw new Problem("The certificate is missing: give a PEM file (-----BEGIN CERTIFICATE-----).");
        }
        if (keyPem == null || keyPem.isBlank()) {
            throw new Problem("The private key is missing: give its PEM file (-----BEGIN PRIVATE KEY-----).");
        }
        if (certificatePem.length() > MAX_CERTIFICATE_CHARS) {
            throw new Problem("The certificate file is larger than " + MAX_CERTIFICATE_CHARS / 1024
                    + " KiB: give only the server certificate and its intermediates.");
        }
        if (keyPem.length() > MAX_KEY_CHARS) {
            throw new Problem("The private key file is larger than " + MAX_KEY_CHARS / 1024 + " KiB.");
        }
        List<X509Certificate> chain = chain(certificatePem);
        checkSignatures(chain);
        checkValidity(chain, now);
        PrivateKey key = privateKey(keyPem);
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            throw new Problem("The private key does not belong to the certificate (" + subject(leaf)
                    + "): give the key the certificate was made for.");
        }
        List<String> names = names(leaf);
        if (names.isEmpty()) {
            throw new Problem("The certificate (" + subject(leaf) + ") names no DNS host name.");
        }
        return new Checked(pem(chain), pem("PRIVATE KEY", key.getEncoded()), names, fingerprint(leaf), subject(leaf),
                leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), chain.stream().map(CertificateCheck::subject).toList());
    }

    /** Whether one of the names (a wildcard covers one label: *.example.com covers www.example.com) covers host. */
    public static boolean covers(Collection<String> names, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(wanted)) {
                return true;
            }
            int dot = wanted.indexOf('.');
            if (n.startsWith("*.") && dot > 0 && wanted.substring(dot).equals(n.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static List<X509Certificate> chain(String pem) throws Problem {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new Problem("The certificate file holds something else than certificates ("
                            + kind(object) + "): give the certificate chain first, then the key in its own file.");
                }
                if (chain.size() == MAX_CHAIN) {
                    throw new Problem("The chain holds more than " + MAX_CHAIN + " certificates.");
                }
                chain.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new Problem("The certificate is not valid PEM: " + safe(e) + ".");
        }
        if (chain.isEmpty()) {
            throw new Problem("The certificate file holds no certificate: give a PEM file (-----BEGIN CERTIFICATE-----).");
        }
        return chain;
    }

    /** Each certificate must be issued and signed by the next one; the last may be self-signed or not. */
    private static void checkSignatures(List<X509Certificate> chain) throws Problem {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            boolean signed = cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
            try {
                cert.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                signed = false;
            }
            if (!signed) {
                throw new Problem("The chain is broken: certificate " + (i + 1) + " (" + subject(cert)
                        + ") is not signed by certificate " + (i + 2) + " (" + subject(issuer)
                        + "). Give the server certificate first, then each intermediate in order.");
            }
        }
    }

    private static void checkValidity(List<X509Certificate> chain, Instant now) throws Problem {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            String which = i == 0 ? "The certificate (" + subject(cert) + ")"
                    : "Certificate " + (i + 1) + " of the chain (" + subject(cert) + ")";
            if (cert.getNotAfter().toInstant().isBefore(now)) {
                throw new Problem(which + " expired on " + cert.getNotAfter().toInstant() + ".");
            }
            if (cert.getNotBefore().toInstant().isAfter(now)) {
                throw new Problem(which + " is not valid before " + cert.getNotBefore().toInstant() + ".");
            }
        }
    }

    private static PrivateKey privateKey(String pem) throws Problem {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new Problem("The private key is not valid PEM.");
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new Problem("The private key is encrypted: decrypt it first (openssl pkey -in KEY.pem -out plain.pem).");
        }
        PrivateKeyInfo info = object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                : object instanceof PrivateKeyInfo plain ? plain : null;
        if (info != null) {
            // PKCS#1 and SEC1 keys arrive as PKCS#8 too; the JDK's own key factories read that.
            String algorithm = switch (info.getPrivateKeyAlgorithm().getAlgorithm().getId()) {
                case "1.2.840.113549.1.1.1" -> "RSA";
                case "1.2.840.10045.2.1" -> "EC";
                case "1.3.101.112" -> "Ed25519";
                default -> null;
            };
            try {
                if (algorithm != null) {
                    // BouncyCastle reads every form (SEC1 keeps the curve outside the algorithm identifier, where the
                    // JDK wants it); its PKCS#8 encoding is then read back into the JDK's own key.
                    byte[] pkcs8 = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info).getEncoded();
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new Problem("The private key cannot be read: give an unencrypted RSA, EC or Ed25519 key.");
            }
            throw new Problem("The private key's algorithm is not supported: use RSA, EC or Ed25519.");
        }
        throw new Problem("The key file holds no private key (" + kind(object)
                + "): give the PEM private key (-----BEGIN PRIVATE KEY-----) as the second file.");
    }

    /** The key belongs to the certificate when what it signs verifies with the certificate's public key. */
    private static boolean matches(PrivateKey key, PublicKey certificateKey) {
        // A key of another type than the certificate's fails initSign, which answers false too.
        String algorithm = switch (certificateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** DNS subject alternative names; the subject's CN only when there are none (as browsers no longer do, but nginx's clients may). */
    static List<String> names(X509Certificate cert) throws Problem {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String dns) {
                        names.add(dns.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new Problem("The certificate's alternative names cannot be read: " + safe(e) + ".");
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                return List.of();
            }
        }
        return List.copyOf(names);
    }

    static String fingerprint(X509Certificate cert) throws Problem {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new Problem("The certificate cannot be encoded: " + safe(e) + ".");
        }
    }

    private static String pem(List<X509Certificate> chain) throws Problem {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : chain) {
            try {
                out.append(pem("CERTIFICATE", cert.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new Problem("The certificate cannot be encoded: " + safe(e) + ".");
            }
        }
        return out.toString();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    private static String kind(Object object) {
        if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo || object instanceof PEMEncryptedKeyPair
                || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "a private key";
        }
        return object == null ? "nothing" : "a " + object.getClass().getSimpleName();
    }

    /** An exception's message without anything that could echo key material. */
    private static String safe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName()
                : message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }
}
