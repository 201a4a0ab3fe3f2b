package dev.paas.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.paas.controller.schedule.RolloutDecision.Observed;
import org.junit.jupiter.api.Test;

/** Given the new release's containers as observed, expect what the rollout does next. */
class RolloutDecisionTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void waitsWhileContainersStart() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "up"), new Observed("web.2", "starting")),
                Duration.ofSeconds(5), TIMEOUT)).isInstanceOf(RolloutDecision.Wait.class);
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "pending")), Duration.ZERO, TIMEOUT))
                .isInstanceOf(RolloutDecision.Wait.class);
    }

    @Test
    void isReadyWhenEveryContainerIsUpOrThereAreNone() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "up"), new Observed("worker.1", "up")),
                Duration.ofSeconds(5), TIMEOUT)).isInstanceOf(RolloutDecision.Ready.class);
        assertThat(RolloutDecision.decide(List.of(), Duration.ZERO, TIMEOUT)).isInstanceOf(RolloutDecision.Ready.class);
    }

    @Test
    void failsWhenANewContainerStaysExited() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "up"),
                new Observed("web.2", "exited", Duration.ofSeconds(5))), Duration.ofSeconds(8), TIMEOUT))
                .isEqualTo(new RolloutDecision.Fail("web.2 exited before it became healthy: see 'paas logs'"));
    }

    @Test
    void waitsOutAnExitTooShortToTellFromAContainerNotStartedYet() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "exited", Duration.ofSeconds(1))),
                Duration.ofSeconds(2), TIMEOUT)).isInstanceOf(RolloutDecision.Wait.class);
    }

    @Test
    void anUnhealthyContainerFailsTheRelease() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "unhealthy")), Duration.ofSeconds(9), TIMEOUT))
                .isEqualTo(new RolloutDecision.Fail("web.1 failed every attempt of its health check"));
    }

    @Test
    void failsWhenContainersAreNotUpInTime() {
        assertThat(RolloutDecision.decide(List.of(new Observed("web.1", "starting"), new Observed("web.2", "pending"),
                new Observed("web.3", "up")), Duration.ofSeconds(91), TIMEOUT))
                .isEqualTo(new RolloutDecision.Fail("not healthy within 90s: web.1, web.2 are still pending/starting"));
    }
}
