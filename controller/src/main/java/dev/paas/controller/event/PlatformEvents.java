package dev.paas.controller.event;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.paas.api.LogLine;
import dev.paas.controller.log.LogStore;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a platform line ("Release v3 created by ana") into an app's log stream. An event that cannot be
 * stored is only logged: losing a log line must never fail the deploy or report that caused it.
 *
 * <p>Events of node reports ("web.1 (v3): state changed from starting to up") go through {@link #emitSoon}: queued,
 * and stored by one thread in one write per batch. Stored one report at a time (each a transaction, all behind the
 * log store's lock), a rollout over 1,000 nodes made their reports queue for seconds, long enough for nodes to look
 * silent.
 */
@Component
public class PlatformEvents {

    private static final Logger log = LoggerFactory.getLogger(PlatformEvents.class);

    /** The most events queued for {@link #emitSoon}: a few per container of a rollout over 1,000 nodes. */
    static final int MAX_PENDING = 100_000;
    /** The most events in one write. */
    static final int BATCH = 2_000;

    private final LogStore store;
    private final PendingEvents pending = new PendingEvents(MAX_PENDING);
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "platform-events");
        thread.setDaemon(true);
        return thread;
    });

    PlatformEvents(LogStore store) {
        this.store = store;
    }

    /**
     * @param topic   what the line is about: {@code build}, {@code api} (releases), or a process such as {@code web.1}
     * @param release the release it concerns, or null
     */
    public void emit(String app, String topic, Integer release, String text) {
        emitAll(List.of(event(app, topic, release, text)));
    }

    /** An event to emit later with others in one write ({@link #emitAll}); the time is taken now. */
    public static LogLine event(String app, String topic, Integer release, String text) {
        return new LogLine(0, Instant.now(), app, LogLine.PLATFORM, topic, release, text);
    }

    /**
     * Stores the events soon, in one write with the others queued meanwhile, without making the caller wait: for
     * the nodes' reports. Events are stored in the order they were queued.
     */
    public void emitSoon(List<LogLine> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!pending.add(events)) {
            return; // counted, and logged by the writer
        }
        if (writing.compareAndSet(false, true)) {
            try {
                writer.execute(this::writePending);
            } catch (RejectedExecutionException closed) {
                writing.set(false); // stopping: stop() stores what is left
            }
        }
    }

    private void writePending() {
        writing.set(false);
        for (List<LogLine> batch = pending.take(BATCH); !batch.isEmpty(); batch = pending.take(BATCH)) {
            emitAll(batch);
        }
        long dropped = pending.takeDropped();
        if (dropped > 0) {
            log.warn("Dropped {} platform events: more than {} were waiting to be stored", dropped, MAX_PENDING);
        }
    }

    /** At shutdown: stores what is still queued. */
    @PreDestroy
    void stop() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writePending();
    }

    /** Stores several events in one write. */
    public void emitAll(List<LogLine> events) {
        try {
            store.append(events);
        } catch (RuntimeException e) {
            log.warn("Could not store {} platform events ({}...): {}", events.size(),
                    events.isEmpty() ? "" : events.get(0).text(), e.toString());
        }
    }
}
