package dev.paas.controller.release;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.build.Build;
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

    /**
     * The app's config after the change, and the release that answers for it (null without a build): the new
     * release as its rollout left it, or the newer release that replaced it and serves the change.
     */
    public record Outcome(Map<String, String> config, Release release) {
    }

    /** What a change wrote: the app's config and current build before it, and its release. */
    private record Made(Map<String, String> configBefore, Build buildBefore, Next next, Release release) {
    }

    private final AppChanges changes;
    private final ChangeWaiter waiter;
    private final PlatformEvents events;
    private final ReleaseRepository releases;
    private final Duration wait;

    ReleaseChanges(AppChanges changes, ChangeWaiter waiter, PlatformEvents events, ReleaseRepository releases,
                   PaasProperties properties) {
        this.changes = changes;
        this.releases = releases;
        this.waiter = waiter;
        this.events = events;
        // A little longer than the rollout's own timeout, so the answer carries the rollout's verdict.
        this.wait = properties.deployTimeout().plusSeconds(15);
    }

    public Outcome apply(App app, User user, Change change) throws InterruptedException {
        Made made = changes.write(app.getId(), app.getName(), locked -> {
            Release current = locked.current().orElse(null);
            Map<String, String> before = locked.app().getConfig();
            Next next = change.next(locked.app(), current);
            if (next.build() == null) {
                locked.app().setConfig(next.config());
                return new Made(before, null, next, null);
            }
            return new Made(before, current == null ? null : current.getBuild(), next,
                    locked.release(next.build(), next.config(), next.summary(), user.getUsername()));
        });
        if (made.release() == null) {
            return new Outcome(made.next().config(), null);
        }
        Release created = made.release();
        long started = System.nanoTime();
        events.emit(app.getName(), "api", created.getVersion(), "Release v" + created.getVersion() + " created by "
                + user.getUsername() + ": " + created.getSummary());
        Release outcome = waiter.rollout(created, wait, () -> { });
        Release serving = servedBy(outcome, made);
        if (serving != null) {
            events.emit(app.getName(), "api", serving.getVersion(), "v" + outcome.getVersion() + ", replaced by v"
                    + serving.getVersion() + " which serves it, done in " + elapsed(started));
            return new Outcome(made.next().config(), serving);
        }
        announce(app, outcome, started);
        return new Outcome(made.next().config(), outcome);
    }

    /**
     * The release that serves this change although its own release never did: a newer one replaced it before it
     * served, and that one has served and carries the change. Null otherwise (the change's release answers).
     */
    private Release servedBy(Release outcome, Made made) {
        if (outcome.replacedBy().isEmpty()) {
            return null;
        }
        return releases.findFirstByAppIdAndStatusOrderByVersionDesc(outcome.getAppId(), Release.Status.succeeded)
                .filter(r -> r.getVersion() > outcome.getVersion())
                .filter(r -> carries(made.configBefore(), made.buildBefore(), made.next(), r))
                .orElse(null);
    }

    /**
     * Whether {@code later} carries what a change made: every config var it set or changed has its value there,
     * every one it unset is absent, and if it changed the build (a rollback), {@code later} has that build.
     */
    static boolean carries(Map<String, String> configBefore, Build buildBefore, Next change, Release later) {
        Map<String, String> after = change.config();
        Map<String, String> there = later.getConfig();
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (!e.getValue().equals(configBefore.get(e.getKey())) && !e.getValue().equals(there.get(e.getKey()))) {
                return false;
            }
        }
        for (String key : configBefore.keySet()) {
            if (!after.containsKey(key) && there.containsKey(key)) {
                return false;
            }
        }
        boolean sameBuild = buildBefore != null && buildBefore.getId().equals(change.build().getId());
        return sameBuild || change.build().getId().equals(later.getBuild().getId());
    }

    private static String elapsed(long started) {
        return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
    }

    /** The rollout's verdict in the app's log, as a push reports it. */
    private void announce(App app, Release release, long started) {
        String elapsed = elapsed(started);
        int version = release.getVersion();
        switch (release.getStatus()) {
            case succeeded -> events.emit(app.getName(), "api", version, "Deployed v" + version + " in " + elapsed);
            // the failure already reads "vN failed: reason"
            case failed -> events.emit(app.getName(), "api", version, release.getFailure());
            default -> events.emit(app.getName(), "api", version, "v" + version + " is not serving yet after " + elapsed);
        }
    }
}
