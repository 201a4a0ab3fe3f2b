package dev.paas.controller.release;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.change.ChangeWaiter;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.user.User;
import org.springframework.stereotype.Service;

/**
 * Changes that make a new release without a build (config changes, rollbacks, restarts): decided and written
 * through {@link AppChanges}, so each starts from what the change before it left, then followed until the
 * rollout's outcome.
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

    private final AppChanges changes;
    private final ChangeWaiter waiter;
    private final PlatformEvents events;
    private final Duration wait;

    ReleaseChanges(AppChanges changes, ChangeWaiter waiter, PlatformEvents events, PaasProperties properties) {
        this.changes = changes;
        this.waiter = waiter;
        this.events = events;
        // A little longer than the rollout's own timeout, so the answer carries the rollout's verdict.
        this.wait = properties.deployTimeout().plusSeconds(15);
    }

    public Outcome apply(App app, User user, Change change) throws InterruptedException {
        Outcome made = changes.write(app.getId(), app.getName(), locked -> {
            Next next = change.next(locked.app(), locked.current().orElse(null));
            if (next.build() == null) {
                locked.app().setConfig(next.config());
                return new Outcome(next.config(), null);
            }
            return new Outcome(next.config(), locked.release(next.build(), next.config(), next.summary(),
                    user.getUsername()));
        });
        if (made.release() == null) {
            return made;
        }
        Release created = made.release();
        long started = System.nanoTime();
        events.emit(app.getName(), "api", created.getVersion(), "Release v" + created.getVersion() + " created by "
                + user.getUsername() + ": " + created.getSummary());
        Release outcome = waiter.rollout(created, wait, () -> { });
        announce(app, outcome, started);
        return new Outcome(made.config(), outcome);
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
}
