package dev.paas.controller.log;

import java.time.Duration;
import java.util.List;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import org.springframework.stereotype.Component;

/**
 * Live reading of an app's log stream: the lines after an id, waiting up to a time for the first one. Shared by
 * the API's long poll ({@code paas logs -f}) and the dashboard's server-sent events.
 */
@Component
public class LogFollower {

    static final int PAGE_LIMIT = 2000;

    private final LogStore store;
    private final LogFeed feed;

    LogFollower(LogStore store, LogFeed feed) {
        this.store = store;
        this.feed = feed;
    }

    /** The lines after {@code after} (source and process may be null for all), or none once {@code wait} passed. */
    public LogPage follow(String app, long after, String source, String process, Duration wait) throws InterruptedException {
        return follow(app, after, LogFilter.of(source, process), wait);
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

    LogPage follow(String app, long after, LogFilter filter, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            // Read the feed's version first: a line stored after the query then still wakes the wait below.
            long version = feed.version();
            List<LogLine> lines = store.after(app, after, PAGE_LIMIT, filter);
            long left = deadline - System.nanoTime();
            if (!lines.isEmpty() || left <= 0 || feed.stopping()) {
                return new LogPage(lines.isEmpty() ? after : lines.get(lines.size() - 1).id(), lines);
            }
            feed.awaitChange(version, Duration.ofNanos(left));
        }
    }
}
