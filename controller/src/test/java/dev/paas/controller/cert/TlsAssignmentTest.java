package dev.paas.controller.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.paas.api.RouteTable.Tls;
import dev.paas.api.RouteTable.TlsCert;
import dev.paas.controller.cert.TlsAssignment.Candidate;
import org.junit.jupiter.api.Test;

/** Given an app's names and certificates, expect which certificate serves which name. */
class TlsAssignmentTest {

    private static final String PLATFORM = "p".repeat(64);
    private static final String APP = "a".repeat(64);
    private static final String ONLY_API = "b".repeat(64);

    @Test
    void theDefaultNameTakesThePlatformsAndCustomDomainsTheAppsWhenItCoversThem() {
        Tls tls = TlsAssignment.assign("web.localhost", List.of("www.example.com", "shop.example.com", "other.org"),
                PLATFORM, List.of(new Candidate(null, APP, List.of("*.example.com"))), true, false);

        assertThat(tls).isEqualTo(new Tls(true, false, List.of(new TlsCert(PLATFORM, List.of("web.localhost")),
                new TlsCert(APP, List.of("www.example.com", "shop.example.com")))));
    }

    @Test
    void aCertificateAddedForOneDomainWinsThere() {
        Tls tls = TlsAssignment.assign("web.localhost", List.of("www.example.com", "api.example.com"), PLATFORM,
                List.of(new Candidate(null, APP, List.of("*.example.com")),
                        new Candidate("api.example.com", ONLY_API, List.of("api.example.com"))), false, true);

        assertThat(tls.certs()).containsExactly(new TlsCert(PLATFORM, List.of("web.localhost")),
                new TlsCert(APP, List.of("www.example.com")), new TlsCert(ONLY_API, List.of("api.example.com")));
        assertThat(TlsAssignment.serves(tls, APP)).containsExactly("www.example.com");
    }

    @Test
    void withoutAnyCertificateNothingIsServedOverHttps() {
        assertThat(TlsAssignment.assign("web.localhost", List.of("www.example.com"), null, List.of(), true, true))
                .isNull();
        assertThat(TlsAssignment.assign("web.localhost", List.of("www.example.com"), null,
                List.of(new Candidate(null, APP, List.of("other.org"))), false, false)).as("covers nothing").isNull();
    }
}
