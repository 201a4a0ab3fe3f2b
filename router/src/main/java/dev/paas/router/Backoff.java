package dev.paas.router;

import java.time.Duration;

/** Doubling delays between failed attempts, capped, back to the first one after a success. */
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
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return current;
    }

    void reset() {
        next = first;
    }
}
