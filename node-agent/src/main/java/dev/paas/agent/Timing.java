package dev.paas.agent;

import java.time.Duration;

/**
 * How often the agent looks and talks; tests shorten these.
 *
 * @param fastStep         first pause between steps while containers are starting, so "up" is reported quickly;
 *                         it doubles while nothing changes, up to 8 x fastStep; starting containers' ports are
 *                         probed every fastStep in between
 * @param slowStep         longest time between steps once settled; each step observes Docker and reports what changed
 * @param longPollSeconds  how long the controller may hold a desired-state request (one is always open)
 * @param heartbeat        the longest the controller goes without a report, even while a slow pull runs
 * @param firstBackoff     first delay after a failure
 * @param maxBackoff       ceiling for the delay after repeated failures
 */
public record Timing(Duration fastStep, Duration slowStep, int longPollSeconds, Duration heartbeat,
                     Duration firstBackoff, Duration maxBackoff) {

    public static Timing defaults() {
        return new Timing(Duration.ofMillis(50), Duration.ofSeconds(4), 20, Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
