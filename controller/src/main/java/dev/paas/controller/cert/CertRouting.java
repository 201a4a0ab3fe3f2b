package dev.paas.controller.cert;

import java.util.List;
import java.util.Map;

import dev.paas.api.RouteTable;
import org.springframework.stereotype.Component;

/** The HTTPS part of the route table: read once per table, then asked per app. */
@Component
public class CertRouting {

    private final CertStore store;

    CertRouting(CertStore store) {
        this.store = store;
    }

    /** One consistent read of every certificate and HTTPS setting. */
    public Snapshot snapshot() {
        return new Snapshot(store.platformFingerprint().orElse(null), store.all(), store.allHttps());
    }

    public record Snapshot(String platform, Map<Long, List<TlsAssignment.Candidate>> certs,
                           Map<Long, CertStore.Https> https) {

        /** The app's HTTPS routing, or null when none of its names is served over HTTPS. */
        public RouteTable.Tls tls(long appId, String defaultName, List<String> custom) {
            List<TlsAssignment.Candidate> candidates = certs.getOrDefault(appId, List.of());
            CertStore.Https settings = https.getOrDefault(appId, CertStore.Https.OFF);
            return TlsAssignment.assign(defaultName, custom, platform, candidates, settings.redirect(), settings.hsts());
        }
    }
}
