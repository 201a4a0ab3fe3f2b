package dev.paas.api;

import java.time.Instant;
import java.util.List;

/**
 * A stored certificate as the API shows it: never its private key.
 *
 * @param app         null for the platform's certificate
 * @param domain      null for the app's certificate; else the one domain it was added for
 * @param names       the DNS names the certificate is valid for
 * @param fingerprint SHA-256 of the server certificate (DER), in hex
 * @param chain       the subject of each certificate of the chain, the server's first
 * @param serves      the host names the routers serve with it now
 * @param source      {@code uploaded}, or {@code acme} for one issued by {@code paas certs:auto:enable}
 */
public record CertView(String app, String domain, List<String> names, String fingerprint, String subject,
                       String issuer, Instant notBefore, Instant notAfter, List<String> chain, List<String> serves,
                       String source, String addedBy, Instant addedAt) {
}
