package dev.paas.controller.dashboard;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import dev.paas.controller.log.LogFollower;
import dev.paas.controller.web.ApiException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The app page's live log as server-sent events: the last lines, then each new one as it is stored, read with the
 * same follower as {@code paas logs -f}. Each event's id is the line's id, so the browser's EventSource, which
 * reconnects by itself (after a controller restart, or when a stream ends after {@link #STREAM_LIFETIME}), sends
 * it back as Last-Event-ID and continues where it stopped.
 *
 * <p>At most {@link #MAX_STREAMS} streams are open at once, and at most {@link #MAX_STREAMS_PER_USER} of one user, so
 * one user's tabs cannot take every stream from the others. A user's stream beyond that is refused (429) rather
 * than closing their oldest one: that oldest tab's EventSource would reconnect at once and close the next, round
 * and round. The tab of a closed browser frees its stream within {@link #POLL}, when the next send fails. An open
 * stream holds no thread while it waits for lines (see {@link Stream}).
 *
 * <p>A {@code @Controller}, not a {@code @RestController}: its errors are the dashboard's pages, not the API's JSON.
 */
@Controller
class LiveLogs {

    private static final Logger log = LoggerFactory.getLogger(LiveLogs.class);

    static final int RECENT_LINES = 100;
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(15);
    private static final int MAX_STREAMS = 64;
    static final int MAX_STREAMS_PER_USER = 8;

    private final DashboardQueries queries;
    private final LogFollower follower;
    /**
     * Sends for every open stream, between their follows (which wait without a thread); a browser that reads slowly
     * holds one of them while its send blocks.
     */
    static final int SENDERS = 4;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemons());
    // open streams, at most MAX_STREAMS; guarded by openByUser
    private int open;
    // open streams by username; guarded by itself
    private final Map<String, Integer> openByUser = new HashMap<>();

    LiveLogs(DashboardQueries queries, LogFollower follower) {
        this.queries = queries;
        this.follower = follower;
    }

    @GetMapping(path = "/apps/{app}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String app, @RequestHeader(name = "Last-Event-ID", required = false) Long lastId,
                      Principal principal) {
        String name = queries.app(app, principal).getName();
        String user = principal.getName();
        if (!open(user)) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "You have " + MAX_STREAMS_PER_USER
                    + " live logs open already: close another tab of the dashboard, then reload this page.");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.plusMinutes(1).toMillis());
        AtomicBoolean closed = new AtomicBoolean();
        emitter.onCompletion(() -> closed.set(true));
        emitter.onTimeout(() -> closed.set(true));
        emitter.onError(error -> closed.set(true));
        if (!openOne()) {
            close(user);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Too many live logs are open: try again later.");
        }
        try {
            senders.execute(() -> pump(name, lastId, emitter, closed, () -> {
                closeOne();
                close(user);
            }));
        } catch (RejectedExecutionException e) {
            closeOne();
            close(user);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Too many live logs are open: try again later.");
        }
        return emitter;
    }

    private boolean open(String user) {
        synchronized (openByUser) {
            int open = openByUser.getOrDefault(user, 0);
            if (open >= MAX_STREAMS_PER_USER) {
                return false;
            }
            openByUser.put(user, open + 1);
            return true;
        }
    }

    /** How many streams the user has open (for tests). */
    int openStreams(String user) {
        synchronized (openByUser) {
            return openByUser.getOrDefault(user, 0);
        }
    }

    private static CustomizableThreadFactory daemons() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("dashboard-logs-");
        threads.setDaemon(true);
        return threads;
    }

    private boolean openOne() {
        synchronized (openByUser) {
            if (open >= MAX_STREAMS) {
                return false;
            }
            open++;
            return true;
        }
    }

    private void closeOne() {
        synchronized (openByUser) {
            open--;
        }
    }

    private void close(String user) {
        synchronized (openByUser) {
            openByUser.computeIfPresent(user, (name, open) -> open == 1 ? null : open - 1);
        }
    }

    /** The recent lines (or none, when the browser says where it stopped), then one follow after another. */
    private void pump(String app, Long lastId, SseEmitter emitter, AtomicBoolean closed, Runnable ended) {
        long end = System.nanoTime() + STREAM_LIFETIME.toNanos();
        Stream stream = new Stream(app, emitter, closed, end, ended);
        try {
            long cursor;
            if (lastId == null) {
                LogPage recent = follower.recent(app, RECENT_LINES);
                send(emitter, recent.lines());
                cursor = recent.cursor();
            } else {
                cursor = lastId;
            }
            stream.follow(cursor);
        } catch (Exception e) {
            stream.failed(e);
        }
    }

    /**
     * One open stream between two follows: it holds no thread while it waits. Each follow's continuation sends the
     * lines (or a comment nobody sees, which finds out whether the browser is still there) on a {@link #senders}
     * thread, then asks for the next.
     */
    private final class Stream {
        final String app;
        final SseEmitter emitter;
        final AtomicBoolean closed;
        final long end;
        final Runnable ended;
        final AtomicBoolean over = new AtomicBoolean();

        Stream(String app, SseEmitter emitter, AtomicBoolean closed, long end, Runnable ended) {
            this.app = app;
            this.emitter = emitter;
            this.closed = closed;
            this.end = end;
            this.ended = ended;
        }

        void follow(long cursor) {
            if (closed.get() || follower.stopping() || System.nanoTime() >= end) {
                finish(true);
                return;
            }
            follower.next(app, cursor, null, null, POLL).whenCompleteAsync((page, error) -> {
                try {
                    if (error != null) {
                        throw error instanceof Exception e ? e : new IllegalStateException(error);
                    }
                    if (page.lines().isEmpty()) {
                        emitter.send(SseEmitter.event().comment("waiting"));
                    }
                    send(emitter, page.lines());
                    follow(page.cursor());
                } catch (Exception e) {
                    failed(e);
                }
            }, senders);
        }

        void failed(Exception e) {
            if (e instanceof IOException) {
                finish(false); // the browser went away: nothing to finish
            } else if (e instanceof IllegalStateException && (closed.get() || alreadyCompleted((IllegalStateException) e))) {
                // the emitter refuses sends once it completed (the browser went away, or it timed out)
                finish(false);
            } else if (e instanceof IllegalStateException) {
                log.warn("Live log of {} ended", app, e);
                finish(true);
            } else {
                log.warn("Live log of {} ended: {}", app, e.toString());
                finish(true);
            }
        }

        private void finish(boolean complete) {
            if (over.compareAndSet(false, true)) {
                if (complete) {
                    emitter.complete();
                }
                ended.run();
            }
        }
    }

    /** Spring's emitter says so when it is sent to after completing (before its completion callback may have run). */
    private static boolean alreadyCompleted(IllegalStateException e) {
        return e.getMessage() != null && e.getMessage().contains("already completed");
    }

    private static void send(SseEmitter emitter, List<LogLine> lines) throws IOException {
        for (LogLine line : lines) {
            emitter.send(SseEmitter.event().id(Long.toString(line.id())).name("line").data(
                    new Views.LiveLine(line.id(), Views.time(line.time()), line.source(), line.process(), line.text()),
                    MediaType.APPLICATION_JSON));
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
