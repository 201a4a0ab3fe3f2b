package dev.paas.controller.deploy;

import dev.paas.builder.build.BuildResult;
import dev.paas.controller.ChangeFeed;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.release.Build;
import dev.paas.controller.release.BuildLogs;
import dev.paas.controller.release.BuildRepository;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import dev.paas.controller.schedule.Scheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The database steps of a deploy, each in its own transaction. */
@Service
class ReleaseService {

    private final AppRepository apps;
    private final BuildRepository builds;
    private final BuildLogs buildLogs;
    private final ReleaseRepository releases;
    private final Scheduler scheduler;
    private final ChangeFeed feed;

    ReleaseService(AppRepository apps, BuildRepository builds, BuildLogs buildLogs, ReleaseRepository releases,
                   Scheduler scheduler, ChangeFeed feed) {
        this.apps = apps;
        this.builds = builds;
        this.buildLogs = buildLogs;
        this.releases = releases;
        this.scheduler = scheduler;
        this.feed = feed;
    }

    @Transactional(readOnly = true)
    public App app(String name) {
        return apps.findByName(name).orElseThrow(() -> new IllegalStateException("App " + name + " vanished"));
    }

    /** Whether the app of this name is still the one with this id (not destroyed, nor destroyed and created again). */
    @Transactional(readOnly = true)
    public boolean exists(String name, Long id) {
        return apps.findByName(name).map(app -> app.getId().equals(id)).orElse(false);
    }

    @Transactional(readOnly = true)
    public int nextVersion(App app) {
        return releases.findFirstByAppIdOrderByVersionDesc(app.getId()).map(Release::getVersion).orElse(0) + 1;
    }

    @Transactional
    public Build startBuild(App app, String sha, String user) {
        return builds.save(new Build(app.getId(), sha, user));
    }

    @Transactional
    public void buildFailed(Build build, String log) {
        Build stored = builds.findById(build.getId()).orElseThrow();
        stored.failed();
        buildLogs.store(stored.getId(), log);
    }

    /**
     * Stores the build's result and release vN from it, failed with {@code reason} before anything rolled out
     * (its release command failed): never placed, never current, listed by {@code paas releases} as failed.
     */
    @Transactional
    public Release releaseFailed(String appName, Build build, BuildResult result, String log, int version,
                                 String user, String summary, String reason) {
        App app = apps.findByName(appName).orElseThrow();
        Build stored = builds.findById(build.getId()).orElseThrow();
        stored.succeeded(result.image(), result.processTypes(), result.port());
        buildLogs.store(stored.getId(), log);
        Release release = new Release(app.getId(), version, stored, app.getConfig(), summary, user);
        release.failed(reason);
        return releases.save(release);
    }

    /**
     * Stores the build's result and release vN from it plus the app's config, and places its containers. If
     * placement fails the release is not stored either.
     */
    @Transactional
    public Release release(String appName, Build build, BuildResult result, String log, int version, String user,
                           String summary) {
        App app = apps.findByName(appName).orElseThrow();
        Build stored = builds.findById(build.getId()).orElseThrow();
        stored.succeeded(result.image(), result.processTypes(), result.port());
        buildLogs.store(stored.getId(), log);
        Release release = releases.save(new Release(app.getId(), version, stored, app.getConfig(), summary, user));
        scheduler.schedule(app, release);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                feed.bump();
            }
        });
        return release;
    }
}
