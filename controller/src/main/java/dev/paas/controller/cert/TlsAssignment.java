package dev.paas.controller.cert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paas.api.RouteTable;

/**
 * Which certificate serves which of an app's host names over HTTPS. Pure. The default {@code <app>.<domain>} name
 * takes the platform's certificate; a custom domain takes the certificate added for it alone ({@code --domain}),
 * else the app's certificate when that covers it; a name no certificate covers is not served over HTTPS.
 */
public final class TlsAssignment {

    /** A certificate as the assignment sees it: {@code domain} null for the app's, else the one it was added for. */
    public record Candidate(String domain, String fingerprint, List<String> names) {
    }

    private TlsAssignment() {
    }

    /**
     * @param platform the platform certificate's fingerprint, or null when there is none
     * @return the certificates in use with their host names, in the order of the names; null when none is
     */
    public static RouteTable.Tls assign(String defaultName, List<String> custom, String platform,
                                        List<Candidate> appCerts, boolean redirect, boolean hsts) {
        Map<String, List<String>> byCert = new LinkedHashMap<>();
        if (platform != null) {
            byCert.computeIfAbsent(platform, id -> new ArrayList<>()).add(defaultName);
        }
        for (String domain : custom) {
            String chosen = null;
            for (Candidate cert : appCerts) {
                if (domain.equals(cert.domain())) {
                    chosen = cert.fingerprint();
                }
            }
            if (chosen == null) {
                for (Candidate cert : appCerts) {
                    if (cert.domain() == null && CertificateCheck.covers(cert.names(), domain)) {
                        chosen = cert.fingerprint();
                    }
                }
            }
            if (chosen != null) {
                byCert.computeIfAbsent(chosen, id -> new ArrayList<>()).add(domain);
            }
        }
        if (byCert.isEmpty()) {
            return null;
        }
        List<RouteTable.TlsCert> certs = new ArrayList<>();
        byCert.forEach((id, names) -> certs.add(new RouteTable.TlsCert(id, List.copyOf(names))));
        return new RouteTable.Tls(redirect, hsts, List.copyOf(certs));
    }

    /** The host names a certificate serves, for {@code paas certs}. */
    public static List<String> serves(RouteTable.Tls tls, String fingerprint) {
        if (tls == null) {
            return List.of();
        }
        return tls.certs().stream().filter(c -> c.id().equals(fingerprint)).flatMap(c -> c.domains().stream()).toList();
    }
}
