package dev.paas.controller.appjson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.paas.api.CronEntryView;
import dev.paas.api.CronRunResult;
import dev.paas.controller.access.AppAccess;
import dev.paas.controller.app.App;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code paas cron} and {@code paas cron:run}: the entries of the app's current release, and one run now. */
@RestController
class CronController {

    /** How long {@code cron:run} waits for the run to end before answering that it still runs. */
    static final long WAIT_SECONDS = 60;

    private final AppAccess access;
    private final CronScheduler cron;
    private final ReleaseRepository releases;
    private final TransactionTemplate tx;

    CronController(AppAccess access, CronScheduler cron, ReleaseRepository releases, TransactionTemplate tx) {
        this.access = access;
        this.cron = cron;
        this.releases = releases;
        this.tx = tx;
    }

    @GetMapping("/v1/apps/{app}/cron")
    List<CronEntryView> list(@PathVariable String app, HttpServletRequest request) {
        App found = find(app, CurrentUser.of(request));
        Map<String, Object[]> last = cron.lastRuns(found.getId());
        Instant now = Instant.now();
        return cron.entries(found.getId()).stream().map(e -> {
            Object[] run = last.get(e.name());
            return new CronEntryView(e.name(), e.command(), e.schedule(), e.concurrencyPolicy(),
                    run == null ? null : (Instant) run[0], run == null ? null : (Integer) run[1],
                    CronPlan.next(e.schedule(), now), cron.isRunning(found.getId(), e.name()));
        }).toList();
    }

    @PostMapping("/v1/apps/{app}/cron/{name}/run")
    CronRunResult run(@PathVariable String app, @PathVariable("name") String entry, HttpServletRequest request)
            throws InterruptedException {
        User user = CurrentUser.of(request);
        App found = find(app, user);
        Release current = tx.execute(s -> releases.current(found.getId())).orElseThrow(() -> ApiException.conflict(
                "App '" + app + "' has no release yet: deploy it with git push first."));
        AppJson.CronEntry named = cron.entries(found.getId()).stream().filter(e -> e.name().equals(entry)).findFirst()
                .orElseThrow(() -> ApiException.notFound("App '" + app + "' has no cron entry named '"
                        + (entry.length() > 63 ? entry.substring(0, 63) + "..." : entry)
                        + "' in v" + current.getVersion() + "'s app.json: see 'paas cron -a " + app + "'."));
        CompletableFuture<Integer> done = cron.start(found.getId(), app, named, "paas cron:run by " + user.getUsername());
        try {
            int code = done.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new CronRunResult(named.name(), current.getVersion(), code, null);
        } catch (TimeoutException e) {
            return new CronRunResult(named.name(), current.getVersion(), null, "still running after " + WAIT_SECONDS
                    + "s: follow it with 'paas logs -f -a " + app + "'");
        } catch (ExecutionException e) {
            throw ApiException.conflict("cron[" + named.name() + "] could not run: " + e.getCause().getMessage());
        }
    }

    private App find(String app, User user) {
        return tx.execute(s -> access.find(app, user));
    }
}
