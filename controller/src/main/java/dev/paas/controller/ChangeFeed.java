package dev.paas.controller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One version number for everything node-agents and routers watch (desired containers, routes). Any change
 * bumps it. The long polls of the API do not wait here with a thread each: they are {@link LongPolls}, which
 * listen to the feed and answer only the waiters whose answer changed. Threads that must block (a scale waiting
 * for its containers, say) still can, with {@link #awaitChange}. A restart starts again from a new number, and
 * pollers treat any difference, not only a larger one, as a change.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private long version = System.currentTimeMillis();
    private boolean closed;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told of every change after it happened; must return quickly (it runs on the thread that bumped). */
    public interface Listener {
        void changed(long version);

        /** The controller is stopping: answer every waiting poll now. */
        void closing();
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public synchronized long version() {
        return version;
    }

    public long bump() {
        long bumped;
        synchronized (this) {
            version++;
            notifyAll();
            bumped = version;
        }
        listeners.forEach(listener -> listener.changed(bumped));
        return bumped;
    }

    /**
     * Another controller's change, heard through {@code cluster.ClusterFeed}: moves past both this controller's number
     * and {@code remote}, and tells the listeners as {@link #bump} does (their answers may have changed).
     */
    public long merge(long remote) {
        long merged;
        synchronized (this) {
            version = Math.max(version + 1, remote);
            notifyAll();
            merged = version;
        }
        listeners.forEach(listener -> listener.changed(merged));
        return merged;
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
    public void stop() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        listeners.forEach(Listener::closing);
    }

    @Override
    public synchronized boolean isRunning() {
        return !closed;
    }
}
