package dev.paas.controller.schedule;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task on its own thread whenever asked, without making the caller wait. Requests made while a run is
 * queued and not yet started join that run: the task reads the state anew when it starts, so a burst of requests
 * costs one run (plus one more if a request comes while it runs). Once closed, requests are ignored.
 */
final class CoalescingRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoalescingRunner.class);

    private final Runnable task;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final long spacingNanos;
    /** When the last run started; read and written on the runner's one thread only. */
    private long lastStart;
    private boolean ranBefore;

    CoalescingRunner(String name, Runnable task) {
        this(name, task, Duration.ZERO);
    }

    /**
     * @param spacing the least time from one run's start to the next: a run asked for sooner waits (still queued, so
     *                the requests meanwhile join it). A burst of a thousand requests then costs a run per spacing,
     *                not one after the other for as long as it lasts.
     */
    CoalescingRunner(String name, Runnable task, Duration spacing) {
        this.spacingNanos = spacing.toNanos();
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    long early = ranBefore ? lastStart + spacingNanos - System.nanoTime() : 0;
                    if (early > 0) {
                        LockSupport.parkNanos(early);
                    }
                    queued.set(false);
                    ranBefore = true;
                    lastStart = System.nanoTime();
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // The caller is long gone; whoever runs the task on a schedule tries again.
                        log.warn("{} failed: {}", Thread.currentThread().getName(), e.toString());
                    }
                });
            } catch (RejectedExecutionException closed) {
                // Shutting down: the callers (HTTP handlers) must not fail for a run nobody needs any more.
                queued.set(false);
                log.debug("Run not started: the runner is closed");
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
