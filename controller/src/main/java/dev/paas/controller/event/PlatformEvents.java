package dev.paas.controller.event;

import java.time.Instant;
import java.util.List;

import dev.paas.api.LogLine;
import dev.paas.controller.log.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a platform line ("Release v3 created by ana") into an app's log stream. An event that cannot be
 * stored is only logged: losing a log line must never fail the deploy or report that caused it.
 */
@Component
public class PlatformEvents {

    private static final Logger log = LoggerFactory.getLogger(PlatformEvents.class);

    private final LogStore store;

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
