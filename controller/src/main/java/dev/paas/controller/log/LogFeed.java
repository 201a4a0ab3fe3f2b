package dev.paas.controller.log;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** Wakes live followers when lines were stored; they then read what is new from the database. */
@Component
class LogFeed {

    private long version;

    synchronized long version() {
        return version;
    }

    synchronized void bump() {
        version++;
        notifyAll();
    }

    /** Waits until the version differs from {@code since}, or the timeout passes. */
    synchronized void awaitChange(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == since) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
