package dev.paas.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.controller.cluster.LeaderTerm.Change;
import dev.paas.controller.cluster.LeaderTerm.Seen;
import dev.paas.controller.cluster.LeaderTerm.Step;
import org.junit.jupiter.api.Test;

class LeaderTermTest {

    @Test
    void aStandbyThatTakesTheLockLeads() {
        assertThat(LeaderTerm.next(false, Seen.LOCK_TAKEN)).isEqualTo(new Step(true, Change.BECAME_LEADER));
    }

    @Test
    void aStandbyStaysOneWhileAnotherHoldsTheLock() {
        assertThat(LeaderTerm.next(false, Seen.LOCK_BUSY)).isEqualTo(new Step(false, Change.NONE));
        assertThat(LeaderTerm.next(false, Seen.CONNECTION_LOST)).isEqualTo(new Step(false, Change.NONE));
    }

    @Test
    void aLeaderWhoseConnectionAnswersKeepsLeading() {
        assertThat(LeaderTerm.next(true, Seen.CONNECTION_ALIVE)).isEqualTo(new Step(true, Change.NONE));
    }

    @Test
    void aLeaderWhoseConnectionFailedStepsDownAtOnce() {
        // PostgreSQL released its lock with the session: another controller may lead already.
        assertThat(LeaderTerm.next(true, Seen.CONNECTION_LOST)).isEqualTo(new Step(false, Change.STEPPED_DOWN));
    }

    @Test
    void aLeaderChecksItsConnectionAndAStandbyTriesTheLock() {
        assertThat(LeaderTerm.triesLock(true)).isFalse();
        assertThat(LeaderTerm.triesLock(false)).isTrue();
    }
}
