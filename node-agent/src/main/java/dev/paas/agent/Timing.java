package dev.paas.agent;

import java.time.Duration;

/**
 * How often the agent looks and talks; tests shorten these.
 *
 * @param fastStep         first pause between steps while containers are starting, so "up" is reported quickly;
 *                         it doubles while nothing changes, up to 8 x fastStep; starting containers' ports are
 *                         probed every {@link #probe()} in between
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

    /**
     * How often the ports of starting containers are probed between full steps: a fifth of fastStep (10 ms by
     * default), at least 5 ms. A probe is one TCP connect that the container's kernel refuses at once until the app
     * listens, so it costs next to nothing, while every probe period is latency added to "up" (half of it on
     * average): with probes every 50 ms, a container was reported up 25 ms after it listened, on average.
     */
    public Duration probe() {
        return max(fastStep.dividedBy(5), Duration.ofMillis(5));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
