package dev.paas.controller.user;

import java.time.Clock;

import dev.paas.controller.cluster.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a minute the leader deletes the failed sign-ins that no longer count, and the oldest beyond
 * {@link LoginFailures#MAX_ROWS}: the table holds at most one window (and a minute) of failures, bounded even when a
 * flood makes up a new name or address for each guess.
 */
@Component
class LoginFailuresSweep {

    private static final Logger log = LoggerFactory.getLogger(LoginFailuresSweep.class);

    private final LoginFailures failures;
    private final LoginThrottle throttle;
    private final Leadership leadership;

    LoginFailuresSweep(LoginFailures failures, LoginSettings settings, Leadership leadership) {
        this.failures = failures;
        this.throttle = LoginThrottle.of(settings);
        this.leadership = leadership;
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void sweep() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            int deleted = failures.sweep(throttle.horizon(Clock.systemUTC().instant()), LoginFailures.MAX_ROWS);
            log.debug("deleted {} rows of failed sign-ins", deleted);
        } catch (RuntimeException e) {
            log.debug("could not delete old failed sign-ins: {}", e.getMessage());
        }
    }
}
