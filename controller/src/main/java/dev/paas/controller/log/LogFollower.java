package dev.paas.controller.log;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Live reading of an app's log stream: the lines after an id, as soon as there are any, or none once a time passed.
 * Shared by the API's long poll ({@code paas logs -f}) and the dashboard's server-sent events. A follower holds no
 * thread while it waits: it is a wake-up in {@link LogFeed} under its app and a timer; lines of its app wake it, and
 * it reads them on one of {@link #READERS} threads.
 */
@Component
public class LogFollower {

    static final int PAGE_LIMIT = 2000;
    /** Threads that read what woke followers; only followers of an app whose lines were stored are woken. */
    static final int READERS = 2;

    private final LogStore store;
    private final LogFeed feed;
    private final ExecutorService readers = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemons("log-followers-"));
    private final ScheduledExecutorService timers;

    LogFollower(LogStore store, LogFeed feed) {
        this.store = store;
        this.feed = feed;
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemons("log-follower-timers-"));
        timers.setRemoveOnCancelPolicy(true);
        this.timers = timers;
    }

    /**
     * The lines after {@code after} (source and process may be null for all), once there are any, or none once
     * {@code wait} passed or the controller stops.
     */
    public CompletableFuture<LogPage> next(String app, long after, String source, String process, Duration wait) {
        return next(app, after, LogFilter.of(source, process), wait);
    }

    /** The last {@code n} lines of every source and process, with the id to follow from. */
    public LogPage recent(String app, int n) {
        List<LogLine> lines = store.recent(app, n, LogFilter.of(null, null));
        return new LogPage(lines.isEmpty() ? store.lastId(app) : lines.get(lines.size() - 1).id(), lines);
    }

    /** True once the controller is shutting down: followers should end instead of asking again. */
    public boolean stopping() {
        return feed.stopping();
    }

    /** Reads at once on the caller's thread (a 404 or a bad filter is its error); waits only when there is nothing. */
    CompletableFuture<LogPage> next(String app, long after, LogFilter filter, Duration wait) {
        Follow follow = new Follow(app, after, filter);
        // Listen before reading: a line stored after the read then still wakes the follower.
        feed.onNextLines(app, follow);
        LogPage page;
        try {
            page = follow.read();
        } catch (RuntimeException e) {
            feed.cancel(app, follow);
            throw e;
        }
        if (!page.lines().isEmpty() || wait.isZero() || feed.stopping()) {
            follow.finish(page);
        } else {
            follow.timer = timers.schedule(() -> follow.finish(new LogPage(after, List.of())), wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return follow.result;
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    /** How many followers wait (for tests). */
    public int waiting() {
        return feed.waiting();
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
        timers.shutdownNow();
    }

    /** One waiting follower: woken by the feed, it reads on a reader thread and finishes, or listens again. */
    private final class Follow implements Runnable {
        final String app;
        final long after;
        final LogFilter filter;
        final CompletableFuture<LogPage> result = new CompletableFuture<>();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile ScheduledFuture<?> timer;

        Follow(String app, long after, LogFilter filter) {
            this.app = app;
            this.after = after;
            this.filter = filter;
        }

        LogPage read() {
            List<LogLine> lines = store.after(app, after, PAGE_LIMIT, filter);
            return new LogPage(lines.isEmpty() ? after : lines.get(lines.size() - 1).id(), lines);
        }

        /** Woken by the feed (lines of the app, or the controller stopping). */
        @Override
        public void run() {
            if (finished.get()) {
                return;
            }
            try {
                readers.execute(this::readAgain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                finish(new LogPage(after, List.of()));
            }
        }

        private void readAgain() {
            if (finished.get()) {
                return;
            }
            try {
                boolean stopping = feed.stopping();
                if (!stopping) {
                    feed.onNextLines(app, this);
                }
                LogPage page = read();
                if (!page.lines().isEmpty() || stopping) {
                    finish(page);
                }
            } catch (RuntimeException e) {
                if (finished.compareAndSet(false, true)) {
                    cleanUp();
                    result.completeExceptionally(e);
                }
            }
        }

        void finish(LogPage page) {
            if (finished.compareAndSet(false, true)) {
                cleanUp();
                result.complete(page);
            }
        }

        private void cleanUp() {
            feed.cancel(app, this);
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
