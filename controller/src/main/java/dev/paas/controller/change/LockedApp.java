package dev.paas.controller.change;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import dev.paas.controller.app.App;
import dev.paas.controller.build.Build;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Scheduler;

/**
 * An app while {@link AppChanges} holds its lock: what a change reads and the only way to make a release, so
 * versions are allocated in one place and never twice.
 */
public final class LockedApp {

    private final App app;
    private final ReleaseRepository releases;
    private final Scheduler scheduler;

    LockedApp(App app, ReleaseRepository releases, Scheduler scheduler) {
        this.app = app;
        this.releases = releases;
        this.scheduler = scheduler;
    }

    /** The app as the previous change left it; changes to its structure and config are written with the change. */
    public App app() {
        return app;
    }

    /** The release that serves or is rolling out to serve (the newest that has not failed), if any. */
    public Optional<Release> current() {
        return releases.current(app.getId());
    }

    /**
     * Release vN+1 of {@code build} and {@code config}, which becomes the app's config, placed on the app's nodes
     * (the previous release's containers stay until it serves).
     */
    public Release release(Build build, Map<String, String> config, String summary, String by) {
        app.setConfig(config);
        Release release = releases.save(new Release(app.getId(), nextVersion(), build, config, summary, by));
        scheduler.schedule(app, release);
        return release;
    }

    /**
     * Release vN+1, failed before anything rolled out (the reason is given its version):
     * listed by {@code paas releases}, never placed nor current.
     */
    public Release failedRelease(Build build, Map<String, String> config, String summary, String by,
                                 IntFunction<String> reason) {
        int version = nextVersion();
        Release release = new Release(app.getId(), version, build, config, summary, by);
        release.failed(reason.apply(version));
        return releases.save(release);
    }

    /** Safe only under the app's lock: two changes reading the same newest version would both take the next. */
    private int nextVersion() {
        return releases.findFirstByAppIdOrderByVersionDesc(app.getId()).map(Release::getVersion).orElse(0) + 1;
    }
}
