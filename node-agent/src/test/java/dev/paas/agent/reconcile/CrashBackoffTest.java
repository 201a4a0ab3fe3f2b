package dev.paas.agent.reconcile;

import dev.paas.api.DesiredContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.paas.agent.Fixtures.desired;
import static dev.paas.agent.Fixtures.exited;
import static org.assertj.core.api.Assertions.assertThat;

class CrashBackoffTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final DesiredContainer web = desired("hello.v1.web.1");
    private final List<Action> restart = List.of(new Action.Restart(web, exited("hello.v1.web.1", 20000)));
    private final CrashBackoff backoff = new CrashBackoff();

    @Test
    void restartsAtOnceThenWaitsLongerEachTime() {
        assertThat(backoff.admit(restart, T0)).hasSize(1);
        assertThat(backoff.admit(restart, T0.plusMillis(500))).isEmpty();
        assertThat(backoff.admit(restart, T0.plusSeconds(1))).hasSize(1);
        assertThat(backoff.admit(restart, T0.plusSeconds(2))).isEmpty();
        assertThat(backoff.admit(restart, T0.plusSeconds(3))).hasSize(1);
    }

    @Test
    void neverHoldsBackCreatesOrRemovals() {
        backoff.admit(restart, T0);
        List<Action> others = List.of(new Action.Create(desired("hello.v1.web.2")),
                new Action.Remove(exited("hello.v0.web.1", 20001)));

        assertThat(backoff.admit(others, T0)).isEqualTo(others);
    }

    @Test
    void forgetsAContainerThatStayedUp() {
        backoff.admit(restart, T0);
        backoff.admit(restart, T0.plusSeconds(1));
        backoff.observe(Set.of(web.name()), Set.of(web.name()), T0.plusSeconds(2));
        backoff.observe(Set.of(web.name()), Set.of(web.name()), T0.plusSeconds(40));

        assertThat(backoff.admit(restart, T0.plusSeconds(41))).hasSize(1);
        assertThat(backoff.admit(restart, T0.plusMillis(41_500))).isEmpty();
    }

    @Test
    void forgetsContainersThatAreNoLongerDesired() {
        backoff.admit(restart, T0);
        backoff.observe(Set.of(), Set.of(), T0.plusMillis(100));

        assertThat(backoff.admit(restart, T0.plusMillis(200))).hasSize(1);
    }

    @Test
    void delaysDoubleUpToAMinute() {
        assertThat(CrashBackoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CrashBackoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(CrashBackoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(CrashBackoff.delayAfter(100)).isEqualTo(Duration.ofSeconds(60));
    }
}
