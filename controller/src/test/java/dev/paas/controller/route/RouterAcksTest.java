package dev.paas.controller.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
    void aRouterThatPolledButNeverAcknowledgedHoldsUpItsFormation() throws InterruptedException {
        acks.polled("edge-prod", PROD);

        assertThat(acks.allAcknowledged(1, STAGING)).isTrue();
        assertThat(acks.awaitAcknowledged(1, PROD, Duration.ofMillis(100))).isFalse();

        acks.acknowledged("edge-prod", 1, PROD);
        assertThat(acks.awaitAcknowledged(1, PROD, Duration.ofMillis(100))).isTrue();
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
