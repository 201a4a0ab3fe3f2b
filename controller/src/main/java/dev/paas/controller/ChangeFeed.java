package dev.paas.controller;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One version number for everything node-agents and routers watch (desired containers, routes). Any change
 * bumps it and wakes the long polls, which then recompute their answer from the database. A restart starts
 * again from a new number, and pollers treat any difference, not only a larger one, as a change.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private long version = System.currentTimeMillis();
    private boolean closed;

    public synchronized long version() {
        return version;
    }

    public synchronized long bump() {
        version++;
        notifyAll();
        return version;
    }

    /** Waits until the version differs from {@code since}, or the timeout passes; returns the version then. */
    public synchronized long awaitChange(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == since && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return version;
    }

    @Override
    public synchronized void start() {
        closed = false;
    }

    /**
     * Releases every waiting long poll. Runs in the first shutdown phase, before the web server's graceful
     * shutdown, which would otherwise wait up to a full long poll for each of them.
     */
    @Override
    public synchronized void stop() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return !closed;
    }
}
