package dev.paas.controller.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Given an app's domains, certificate and attempts, expect what the automatic certificates do and when. */
class AutoCertPlanTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final List<String> DOMAINS = List.of("www.example.com", "api.example.com");
    private static final AutoCertPlan.Attempts NEVER = new AutoCertPlan.Attempts(0, null);

    @Test
    void asksForACertificateWhenThereIsNone() {
        assertThat(AutoCertPlan.decide(DOMAINS, null, NEVER, NOW))
                .isEqualTo(new AutoCertPlan.Issue(DOMAINS, "no certificate yet"));
    }

    @Test
    void replacesAnUploadedCertificateOfTheApp() {
        var uploaded = new AutoCertPlan.Current("uploaded", DOMAINS, NOW.plus(Duration.ofDays(300)));

        assertThat(AutoCertPlan.decide(DOMAINS, uploaded, NEVER, NOW)).isInstanceOf(AutoCertPlan.Issue.class);
    }

    @Test
    void doesNothingUntilThirtyDaysBeforeExpiryThenRenews() {
        Instant expires = NOW.plus(Duration.ofDays(60));
        var current = new AutoCertPlan.Current("acme", DOMAINS, expires);

        assertThat(AutoCertPlan.decide(DOMAINS, current, NEVER, NOW))
                .isEqualTo(new AutoCertPlan.Wait(expires.minus(Duration.ofDays(30)), "renewal starts 30 days before expiry"));
        assertThat(AutoCertPlan.decide(DOMAINS, current, NEVER, expires.minus(Duration.ofDays(30)).minusSeconds(1)))
                .isInstanceOf(AutoCertPlan.Wait.class);
        assertThat(AutoCertPlan.decide(DOMAINS, current, NEVER, expires.minus(Duration.ofDays(30))))
                .isEqualTo(new AutoCertPlan.Issue(DOMAINS, "renewal: expires " + expires));
        assertThat(AutoCertPlan.decide(DOMAINS, current, NEVER, expires.plusSeconds(1)))
                .as("an expired one too").isInstanceOf(AutoCertPlan.Issue.class);
    }

    @Test
    void aNewCustomDomainGetsANewCertificateAtOnce() {
        var current = new AutoCertPlan.Current("acme", List.of("www.example.com"), NOW.plus(Duration.ofDays(80)));

        assertThat(AutoCertPlan.decide(DOMAINS, current, NEVER, NOW))
                .isEqualTo(new AutoCertPlan.Issue(DOMAINS, "not yet covered: api.example.com"));
        assertThat(AutoCertPlan.decide(List.of("www.example.com"), current, NEVER, NOW))
                .as("a removed domain needs none").isInstanceOf(AutoCertPlan.Wait.class);
    }

    @Test
    void failuresAreRetriedAfterABackOffThatDoublesUpToADay() {
        var once = new AutoCertPlan.Attempts(1, NOW);
        var thrice = new AutoCertPlan.Attempts(3, NOW);
        var often = new AutoCertPlan.Attempts(40, NOW);

        assertThat(AutoCertPlan.decide(DOMAINS, null, once, NOW.plus(Duration.ofMinutes(4))))
                .isEqualTo(new AutoCertPlan.Wait(NOW.plus(Duration.ofMinutes(5)), "retrying after 1 failed attempt"));
        assertThat(AutoCertPlan.decide(DOMAINS, null, once, NOW.plus(Duration.ofMinutes(5))))
                .isInstanceOf(AutoCertPlan.Issue.class);
        assertThat(AutoCertPlan.retryAt(thrice)).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(AutoCertPlan.retryAt(often)).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(AutoCertPlan.retryAt(NEVER)).isNull();
    }

    @Test
    void anAppWithoutCustomDomainsWaitsForOne() {
        assertThat(AutoCertPlan.decide(List.of(), null, NEVER, NOW))
                .isEqualTo(new AutoCertPlan.Wait(null, "the app has no custom domain"));
    }

    @Test
    void enablingIsRefusedWithoutADirectoryOrACustomDomain() {
        assertThat(AutoCertPlan.refusal(false, "web", DOMAINS)).get().asString()
                .startsWith("Automatic certificates are not set up on this platform").contains("PAAS_ACME_DIRECTORY");
        assertThat(AutoCertPlan.refusal(true, "web", List.of())).get().asString()
                .startsWith("web has no custom domain: add one with 'paas domains:add NAME' first");
        assertThat(AutoCertPlan.refusal(true, "web", DOMAINS)).isEmpty();
    }
}
