package dev.paas.controller.log;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes live followers when lines were stored; they then read what is new from the database. On shutdown it
 * lets every waiting follower answer at once, so a graceful shutdown does not wait out their long polls
 * (it stops before the web server, which waits for open requests).
 */
@Component
class LogFeed implements SmartLifecycle {

    private long version;
    private boolean running;

    synchronized long version() {
        return version;
    }

    synchronized void bump() {
        version++;
        notifyAll();
    }

    /** Waits until the version differs from {@code since}, the timeout passes or the controller stops. */
    synchronized void awaitChange(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == since && running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized boolean stopping() {
        return !running;
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        notifyAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
