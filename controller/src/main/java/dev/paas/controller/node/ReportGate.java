package dev.paas.controller.node;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * At most {@code slots} node reports that change something are stored at once; the others wait their turn here.
 * A rollout over 1,000 nodes is 1,000 such reports within a second or two; each is a transaction, and without this
 * they took every database connection, so the desired-state pass that answers the nodes, the rollout and the user
 * API queued behind them. A report that waits longer than {@code wait} is refused with 503 (the agent reports again
 * at its next step), which a report never waits for in practice: its own timeout is 10 s.
 */
final class ReportGate {

    private final Semaphore slots;
    private final Duration wait;

    ReportGate(int slots, Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("paas.node-report-concurrency must be at least 1, not " + slots);
        }
        this.slots = new Semaphore(slots);
        this.wait = wait;
    }

    <T> T store(Supplier<T> report) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The controller is storing other nodes' reports:"
                    + " report again shortly.");
        }
        try {
            return report.get();
        } finally {
            slots.release();
        }
    }

    /** How many reports could be stored now (for tests). */
    int free() {
        return slots.availablePermits();
    }
}
