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
 *
 * <p>A change of what nodes report and nothing else ({@link #bumpObserved}: a container came up, a node registered)
 * moves the version but not {@link Versions#planned}, the version of the last change that may have moved what is
 * wanted (desired containers). The desired-state polls of a thousand nodes then need not read anything: a rollout's
 * thousand reports no longer make a thousand reads of every waiting node's desired state.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private long version = System.currentTimeMillis();
    private long planned = version;
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

    /**
     * The version now, and that of the last change that was not only observed state: no change after
     * {@code planned} moved any node's desired containers.
     */
    public record Versions(long version, long planned) {
    }

    public synchronized Versions versions() {
        return new Versions(version, planned);
    }

    /** Any change: of desired state, routes, settings (whatever pollers may see), or one of unknown kind. */
    public long bump() {
        return bump(true);
    }

    /**
     * A change of what nodes observe and nothing else (a report's container states, a node's registration): routers
     * see it (routes follow containers' states), but it moves no node's desired containers.
     */
    public long bumpObserved() {
        return bump(false);
    }

    private long bump(boolean plannedChange) {
        long bumped;
        synchronized (this) {
            version++;
            if (plannedChange) {
                planned = version;
            }
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
            planned = version; // of unknown kind
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
