package dev.paas.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or the timeout passes: bounded in time, as every e2e loop must be. */
final class Wait {

    private Wait() {
    }

    static void until(Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
