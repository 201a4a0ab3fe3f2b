package dev.paas.controller.release;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.paas.controller.ChangeFeed;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.schedule.Placement;
import dev.paas.controller.schedule.Rollout;
import dev.paas.controller.schedule.Scheduler;
import dev.paas.controller.user.User;
import dev.paas.controller.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes that make a new release without a build (config changes, rollbacks): store release vN+1 and the
 * app's new config together with its placement, then wait for the rollout's outcome. Changes to one app are
 * taken one at a time, so each starts from the release before it.
 */
@Service
public class ReleaseChanges {

    /** What the next release is made of; a null build means the app has none yet, so only its config changes. */
    public record Next(Build build, Map<String, String> config, String summary) {
    }

    /** Decides the next release from the app and its current release (null before the first deploy). */
    public interface Change {
        Next next(App app, Release current);
    }

    /** The app's config after the change, and the new release as its rollout left it (null without a build). */
    public record Outcome(Map<String, String> config, Release release) {
    }

    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final Scheduler scheduler;
    private final Rollout rollout;
    private final ChangeFeed feed;
    private final PlatformEvents events;
    private final TransactionTemplate tx;
    private final Duration wait;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReleaseChanges(AppRepository apps, ReleaseRepository releases, Scheduler scheduler, Rollout rollout, ChangeFeed feed,
                   PlatformEvents events, TransactionTemplate tx, PaasProperties properties) {
        this.apps = apps;
        this.releases = releases;
        this.scheduler = scheduler;
        this.rollout = rollout;
        this.feed = feed;
        this.events = events;
        this.tx = tx;
        // A little longer than the rollout's own timeout, so the answer carries the rollout's verdict.
        this.wait = properties.deployTimeout().plusSeconds(15);
    }

    public Outcome apply(App app, User user, Change change) throws InterruptedException {
        return exclusively(app, () -> {
            Outcome made = tx.execute(status -> make(app.getId(), user, change));
            feed.bump();
            if (made.release() == null) {
                return made;
            }
            Release created = made.release();
            long started = System.nanoTime();
            events.emit(app.getName(), "api", created.getVersion(), "Release v" + created.getVersion() + " created by "
                    + user.getUsername() + ": " + created.getSummary());
            Release outcome = await(created);
            announce(app, outcome, started);
            return new Outcome(made.config(), outcome);
        });
    }

    /** Work on an app's running state that must not overlap a release change of the same app. */
    public interface Exclusive<T> {
        T run() throws InterruptedException;
    }

    /** Runs {@code work} while no other change to the app runs (waiting for one, bounded). */
    public <T> T exclusively(App app, Exclusive<T> work) throws InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(app.getId(), id -> new ReentrantLock());
        if (!lock.tryLock(wait.toSeconds(), TimeUnit.SECONDS)) {
            throw ApiException.conflict("Another change to " + app.getName() + " is still rolling out: try again shortly.");
        }
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private Outcome make(Long appId, User user, Change change) {
        App app = apps.findById(appId).orElseThrow(() -> ApiException.notFound("The app was destroyed meanwhile."));
        Release current = releases.current(appId).orElse(null);
        Next next = change.next(app, current);
        app.setConfig(next.config());
        if (next.build() == null) {
            apps.save(app);
            return new Outcome(next.config(), null);
        }
        int version = releases.findFirstByAppIdOrderByVersionDesc(appId).map(Release::getVersion).orElse(0) + 1;
        Release release = releases.save(new Release(appId, version, next.build(), next.config(), next.summary(),
                user.getUsername()));
        try {
            scheduler.schedule(app, release);
        } catch (Placement.NoCapacityException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        }
        return new Outcome(next.config(), release);
    }

    /** The rollout's verdict in the app's log, as a push reports it. */
    private void announce(App app, Release release, long started) {
        String elapsed = String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
        int version = release.getVersion();
        switch (release.getStatus()) {
            case succeeded -> events.emit(app.getName(), "api", version, "Deployed v" + version + " in " + elapsed);
            // the failure already reads "vN failed: reason"
            case failed -> events.emit(app.getName(), "api", version, release.getFailure());
            default -> events.emit(app.getName(), "api", version, "v" + version + " is not serving yet after " + elapsed);
        }
    }

    /** Follows the rollout until it succeeds or fails; returns the release as stored then. */
    private Release await(Release release) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long version = feed.version();
        while (System.nanoTime() < deadline) {
            if (rollout.isLive(release.getId()) || rollout.failure(release.getId()).isPresent()) {
                break;
            }
            version = feed.awaitChange(version, Duration.ofMillis(500));
        }
        return releases.findById(release.getId()).orElse(release);
    }
}
