package dev.paas.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential delays between failed attempts, with jitter so agents do not all retry in the same instant. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        long jitter = current.toMillis() / 5;
        return current.plusMillis(jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
    }

    void reset() {
        next = first;
    }
}
