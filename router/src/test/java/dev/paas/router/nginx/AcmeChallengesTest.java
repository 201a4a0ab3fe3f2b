package dev.paas.router.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.paas.api.RouteTable.AcmeChallenge;
import dev.paas.api.RouteTable.Route;
import org.junit.jupiter.api.Test;

/** Given an app's ACME challenges, expect the locations its plain servers answer with, and what is left out. */
class AcmeChallengesTest {

    private static final String TOKEN = "A".repeat(43);
    private static final String KEY_AUTHORIZATION = TOKEN + "." + "t".repeat(43);
    private static final Set<String> SERVED = Set.of("web.localhost", "www.example.com", "api.example.com");

    private final List<String> skipped = new ArrayList<>();

    @Test
    void aChallengeAnswersOnlyForTheHostItWasIssuedFor() {
        var challenges = AcmeChallenges.of(route(new AcmeChallenge("WWW.example.com", TOKEN, KEY_AUTHORIZATION)),
                SERVED, skipped);

        assertThat(AcmeChallenges.locations(challenges, Set.of("www.example.com", "api.example.com"), "    "))
                .isEqualTo("""
                            location = /.well-known/acme-challenge/%s {
                                if ($host = "www.example.com") {
                                    return 200 "%s";
                                }
                                return 404;
                            }
                        """.formatted(TOKEN, KEY_AUTHORIZATION));
        assertThat(AcmeChallenges.locations(challenges, Set.of("web.localhost"), "    ")).as("another server").isEmpty();
        assertThat(skipped).isEmpty();
    }

    @Test
    void anythingButBase64urlOrANameTheAppIsNotServedUnderIsLeftOutAndNoted() {
        var challenges = AcmeChallenges.of(route(
                new AcmeChallenge("www.example.com", TOKEN + "\";", KEY_AUTHORIZATION),
                new AcmeChallenge("www.example.com", TOKEN, KEY_AUTHORIZATION + "$host"),
                new AcmeChallenge("www.example.com", TOKEN, "B".repeat(43) + "." + "t".repeat(43)),
                new AcmeChallenge("other.example.com", TOKEN, KEY_AUTHORIZATION),
                new AcmeChallenge("www.example.com;", TOKEN, KEY_AUTHORIZATION),
                null), SERVED, skipped);

        assertThat(challenges).isEmpty();
        assertThat(skipped).hasSize(6);
        assertThat(skipped.get(3)).contains("'other.example.com', a name the app is not served under here");
    }

    @Test
    void noChallengesRenderNothing() {
        assertThat(AcmeChallenges.of(new Route("web", List.copyOf(SERVED), List.of()), SERVED, skipped)).isEmpty();
        assertThat(skipped).isEmpty();
    }

    private static Route route(AcmeChallenge... challenges) {
        return new Route("web", List.copyOf(SERVED), List.of(), null, null, java.util.Arrays.asList(challenges));
    }
}
