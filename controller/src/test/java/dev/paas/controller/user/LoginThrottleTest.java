package dev.paas.controller.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Given failures at these times, expect these waits. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void aNameMayFailUpToItsLimitThenWaitsUntilTheOldestCountingFailureLeavesTheWindow() {
        throttle.failed("ana", "10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("ana", "10.0.0.2");
        assertThat(throttle.retryAfter("ana", "10.0.0.3")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("ana", "10.0.0.3");

        // From any address: the limit is the name's.
        assertThat(throttle.retryAfter("ana", "10.0.0.9")).contains(Duration.ofMinutes(13));
        assertThat(throttle.retryAfter("ANA ", "10.0.0.9")).as("spelled another way").contains(Duration.ofMinutes(13));
        assertThat(throttle.retryAfter("bob", "10.0.0.9")).isEmpty();

        clock.advance(Duration.ofMinutes(13));
        assertThat(throttle.retryAfter("ana", "10.0.0.9")).isEmpty();
    }

    @Test
    void anAddressTryingManyNamesIsLimitedToo() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.retryAfter("someone-new", "10.0.0.1")).contains(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter("someone-new", "10.0.0.2")).isEmpty();
    }

    @Test
    void aRightPasswordClearsTheNamesFailuresButNotTheAddresses() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        throttle.succeeded("ana");
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.retryAfter("ana", "10.0.0.2")).isEmpty();
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("carl", "10.0.0.1");
        assertThat(throttle.retryAfter("dora", "10.0.0.1")).as("the address has 5 failures").isPresent();
    }

    @Test
    void aFloodOfMadeUpNamesIsBoundedInMemory() {
        for (int i = 0; i < LoginThrottle.MAX_KEYS + 500; i++) {
            throttle.failed("made-up-" + i, "10.0.0." + (i % 200));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.MAX_KEYS);
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter("ana", "10.0.0.1")).isEmpty();
        assertThat(throttle.tracked()).isZero();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
