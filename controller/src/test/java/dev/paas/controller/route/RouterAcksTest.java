package dev.paas.controller.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RouterAcksTest {

    private static final long PROD = 2;
    private static final long STAGING = 3;

    private final RouterAcks acks = new RouterAcks();

    @Test
    void aRouterOfOneFormationHoldsUpOnlyThatFormationsChanges() {
        acks.acknowledged("edge-prod", 10, PROD);
        acks.acknowledged("edge-staging", 4, STAGING);

        assertThat(acks.allAcknowledged(10, PROD)).isTrue();
        assertThat(acks.allAcknowledged(10, STAGING)).isFalse();
        assertThat(acks.allAcknowledged(10, null)).isFalse();
    }

    @Test
    void aClusterWideRouterHoldsUpEveryFormation() {
        acks.acknowledged("router-1", 7, null);
        acks.acknowledged("edge-prod", 10, PROD);

        assertThat(acks.allAcknowledged(10, PROD)).isFalse();
        assertThat(acks.allAcknowledged(7, PROD)).isTrue();
        assertThat(acks.allAcknowledged(7, STAGING)).isTrue();
    }

    @Test
    void routersHeardByAnotherControllerCountAndAreNotRelayedAgain() {
        List<String> relayed = new ArrayList<>();
        acks.relayTo(new RouterAcks.Relay() {
            @Override
            public void polled(String router, Long formationId) {
                relayed.add("polled " + router);
            }

            @Override
            public void acknowledged(String router, long version, Long formationId) {
                relayed.add("acknowledged " + router + " " + version);
            }
        });
        acks.heardPolled("edge-prod", PROD);
        assertThat(acks.allAcknowledged(1, PROD)).isFalse();

        acks.heardAcknowledged("edge-prod", 10, PROD);
        assertThat(acks.allAcknowledged(10, PROD)).isTrue();
        // An older acknowledgement relayed late by a third controller takes nothing back.
        acks.heardAcknowledged("edge-prod", 8, PROD);
        assertThat(acks.allAcknowledged(10, PROD)).isTrue();

        acks.acknowledged("router-1", 12, null);
        assertThat(relayed).containsExactly("acknowledged router-1 12");
    }

    @Test
    void aRouterThatPolledButNeverAcknowledgedHoldsUpItsFormation() throws InterruptedException {
        acks.polled("edge-prod", PROD);

        assertThat(acks.allAcknowledged(1, STAGING)).isTrue();
        assertThat(acks.awaitAcknowledged(1, PROD, Duration.ofMillis(100))).isFalse();

        acks.acknowledged("edge-prod", 1, PROD);
        assertThat(acks.awaitAcknowledged(1, PROD, Duration.ofMillis(100))).isTrue();
    }

    @Test
    void aRouterLiveWhenTheLastControllerStoppedHoldsUpChangesUntilItAcknowledges() throws InterruptedException {
        RouterAcks restarted = new RouterAcks(new KnownRouters() {
            @Override
            public void seen(String router, Long formationId) {
            }

            @Override
            public List<Known> liveWhenLastHeard(Duration live) {
                return List.of(new Known("router-1", null), new Known("edge-prod", PROD));
            }
        });
        restarted.recall();

        assertThat(restarted.allAcknowledged(1, STAGING)).as("router-1 serves every formation").isFalse();
        restarted.polled("router-1", null);
        restarted.acknowledged("router-1", 1, null);
        assertThat(restarted.allAcknowledged(1, STAGING)).isTrue();
        assertThat(restarted.awaitAcknowledged(1, PROD, Duration.ofMillis(100))).as("edge-prod not back yet").isFalse();
        restarted.acknowledged("edge-prod", 1, PROD);
        assertThat(restarted.allAcknowledged(1, PROD)).isTrue();
    }

    @Test
    void routersItHearsFromAreRemembered() {
        List<String> remembered = new ArrayList<>();
        RouterAcks acks = new RouterAcks(new KnownRouters() {
            @Override
            public void seen(String router, Long formationId) {
                remembered.add(router + "@" + formationId);
            }

            @Override
            public List<Known> liveWhenLastHeard(Duration live) {
                return List.of();
            }
        });
        acks.recall();

        acks.polled("edge-prod", PROD);
        acks.acknowledged("router-1", 3, null);

        assertThat(remembered).containsExactly("edge-prod@2", "router-1@null");
        assertThat(acks.allAcknowledged(1, null)).isFalse();
    }

    @Test
    void withNoRouterEveryChangeCountsAsServed() {
        assertThat(acks.allAcknowledged(Long.MAX_VALUE, PROD)).isTrue();
        assertThat(acks.allAcknowledged(Long.MAX_VALUE, null)).isTrue();
    }

    @Test
    void withoutAFormationEveryLiveRouterCounts() {
        acks.acknowledged("router-1", 7, null);
        acks.acknowledged("edge-prod", 10, PROD);

        assertThat(acks.allAcknowledged(7, null)).isTrue();
        assertThat(acks.allAcknowledged(8, null)).isFalse();
    }
}
