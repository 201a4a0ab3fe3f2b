package dev.paas.controller.log;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.paas.api.LogLine;
import dev.paas.api.LogPage;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/apps/{app}/logs}: without {@code after}, the last {@code n} lines; with it, the lines after
 * that id, held open up to {@code wait} seconds until one arrives (the cli's live follow). A follower that
 * loses the controller asks again with its last id and misses nothing the history still holds. A waiting follow is
 * asynchronous: it holds no thread of the web server (see {@link LogFollower}).
 */
@RestController
class LogController {

    private static final int MAX_WAIT_SECONDS = 30;

    private final LogStore store;
    private final LogFollower follower;
    private final LogSettings settings;
    private final AppAccess access;

    LogController(LogStore store, LogFollower follower, LogSettings settings, AppAccess access) {
        this.store = store;
        this.follower = follower;
        this.settings = settings;
        this.access = access;
    }

    @GetMapping("/v1/apps/{app}/logs")
    CompletableFuture<LogPage> logs(@PathVariable String app, @RequestParam(defaultValue = "100") int n,
                 @RequestParam(required = false) String process, @RequestParam(required = false) String source,
                 @RequestParam(required = false) Long after, @RequestParam(defaultValue = "0") int wait,
                 HttpServletRequest request) {
        checkAccess(app, request);
        LogFilter filter = LogFilter.of(source, process);
        if (after == null) {
            if (n < 1 || n > settings.historyLines()) {
                throw ApiException.badRequest("-n must be between 1 and " + settings.historyLines() + ", not " + n + ".");
            }
            List<LogLine> lines = store.recent(app, n, filter);
            return CompletableFuture.completedFuture(
                    new LogPage(lines.isEmpty() ? store.lastId(app) : lines.get(lines.size() - 1).id(), lines));
        }
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw ApiException.badRequest("wait must be between 0 and " + MAX_WAIT_SECONDS + " seconds.");
        }
        return follower.next(app, after, filter, Duration.ofSeconds(wait));
    }

    private void checkAccess(String app, HttpServletRequest request) {
        access.find(app, CurrentUser.of(request));
    }
}
