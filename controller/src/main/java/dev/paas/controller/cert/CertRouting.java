package dev.paas.controller.cert;

import java.util.List;
import java.util.Map;

import dev.paas.api.RouteTable;
import org.springframework.stereotype.Component;

/** The HTTPS part of the route table: read once per table, then asked per app. */
@Component
public class CertRouting {

    private final CertStore store;
    private final AutoCertStore auto;

    CertRouting(CertStore store, AutoCertStore auto) {
        this.store = store;
        this.auto = auto;
    }

    /** One consistent read of every certificate, HTTPS setting and pending ACME challenge. */
    public Snapshot snapshot() {
        return new Snapshot(store.platformFingerprint().orElse(null), store.all(), store.allHttps(), auto.challenges());
    }

    public record Snapshot(String platform, Map<Long, List<TlsAssignment.Candidate>> certs,
                           Map<Long, CertStore.Https> https, Map<Long, List<RouteTable.AcmeChallenge>> challenges) {

        /** The ACME HTTP-01 challenges the routers answer for the app now; null when there are none. */
        public List<RouteTable.AcmeChallenge> challenges(long appId) {
            return challenges.get(appId);
        }

        /** The app's HTTPS routing, or null when none of its names is served over HTTPS. */
        public RouteTable.Tls tls(long appId, String defaultName, List<String> custom) {
            List<TlsAssignment.Candidate> candidates = certs.getOrDefault(appId, List.of());
            CertStore.Https settings = https.getOrDefault(appId, CertStore.Https.OFF);
            return TlsAssignment.assign(defaultName, custom, platform, candidates, settings.redirect(), settings.hsts());
        }
    }
}
