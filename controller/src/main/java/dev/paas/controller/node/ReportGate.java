package dev.paas.controller.node;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * At most {@code slots} node reports that change something are stored at once; the others wait their turn here.
 * A rollout over 1,000 nodes is 1,000 such reports within a second or two; each is a transaction, and without this
 * they took every database connection, so the desired-state pass that answers the nodes, the rollout and the user
 * API queued behind them. A report that waits longer than {@code wait} is refused with 503 (the agent reports again
 * at its next step), which a report never waits for in practice: its own timeout is 10 s. While a change's answers
 * are being written to the nodes, reports give way to them (at most a second): the answers are what a change waits
 * for, and the reports that follow them can be stored a moment later.
 */
final class ReportGate {

    private static final long GIVE_WAY_STEP_MS = 10;

    private final Semaphore slots;
    private final Duration wait;
    private final BooleanSupplier answering;
    private final Duration giveWayAtMost;

    ReportGate(int slots, Duration wait) {
        this(slots, wait, () -> false, Duration.ZERO);
    }

    /**
     * @param answering     whether answers to the nodes' polls are being written out: a report gives way to them
     * @param giveWayAtMost the longest a report gives way (part of {@code wait}), so that answers that never finish
     *                      hold no report up for long
     */
    ReportGate(int slots, Duration wait, BooleanSupplier answering, Duration giveWayAtMost) {
        if (slots < 1) {
            throw new IllegalArgumentException("paas.node-report-concurrency must be at least 1, not " + slots);
        }
        this.slots = new Semaphore(slots);
        this.wait = wait;
        this.answering = answering;
        this.giveWayAtMost = giveWayAtMost;
    }

    <T> T store(Supplier<T> report) {
        long began = System.nanoTime();
        boolean acquired;
        try {
            // A change's answers first: a thousand nodes' reports of their new containers would otherwise take the
            // cores and the database while the last nodes' answers wait to be written.
            long givingWayUntil = began + giveWayAtMost.toNanos();
            while (answering.getAsBoolean() && System.nanoTime() < givingWayUntil) {
                Thread.sleep(GIVE_WAY_STEP_MS);
            }
            long left = wait.toNanos() - (System.nanoTime() - began);
            acquired = slots.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS);
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
