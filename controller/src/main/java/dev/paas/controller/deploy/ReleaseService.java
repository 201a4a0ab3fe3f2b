package dev.paas.controller.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.paas.builder.build.BuildResult;
import dev.paas.controller.app.App;
import dev.paas.controller.app.AppRepository;
import dev.paas.controller.build.Build;
import dev.paas.controller.build.BuildLogs;
import dev.paas.controller.build.BuildRepository;
import dev.paas.controller.change.AppChanges;
import dev.paas.controller.change.LockedApp;
import dev.paas.controller.cluster.ClusterId;
import dev.paas.controller.release.Release;
import dev.paas.controller.release.ReleaseRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The database steps of a push: its build, and the release it becomes, made through {@link AppChanges}. */
@Service
class ReleaseService {

    private final AppRepository apps;
    private final BuildRepository builds;
    private final BuildLogs buildLogs;
    private final ReleaseRepository releases;
    private final AppChanges changes;
    private final ClusterId controller;

    ReleaseService(AppRepository apps, BuildRepository builds, BuildLogs buildLogs, ReleaseRepository releases,
                   AppChanges changes, ClusterId controller) {
        this.controller = controller;
        this.apps = apps;
        this.builds = builds;
        this.buildLogs = buildLogs;
        this.releases = releases;
        this.changes = changes;
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

    /**
     * The version the push's release will most likely get, for its image's tag ({@code app:vN}) and the release
     * command's PAAS_RELEASE, both needed before the release exists. A change made during the build takes that
     * version, and the release the next one; the tags still grow with each build (pushes to an app are taken one
     * at a time), which is what the node-agents' image pruning relies on.
     */
    @Transactional(readOnly = true)
    public int expectedVersion(App app) {
        return releases.findFirstByAppIdOrderByVersionDesc(app.getId()).map(Release::getVersion).orElse(0) + 1;
    }

    /** The app's current release if it has succeeded and was made from {@code build}. */
    @Transactional(readOnly = true)
    public Optional<Release> servingWith(App app, Build build) {
        return releases.current(app.getId()).filter(r -> r.getStatus() == Release.Status.succeeded
                && r.getBuild().getId().equals(build.getId()));
    }

    @Transactional
    public Build startBuild(App app, String sha, String user) {
        // Named by this controller, so the leader fails it if this controller dies mid-build (OrphanedBuilds).
        return builds.save(new Build(app.getId(), sha, user, controller.value()));
    }

    @Transactional
    public void buildFailed(Build build, String log, String reason) {
        Build stored = builds.findById(build.getId()).orElseThrow();
        stored.failed(reason);
        buildLogs.store(stored.getId(), log);
    }

    /**
     * Stores the build's result and a release from it, failed with {@code reason} (given its version) before anything rolled out (its
     * release command failed): never placed, never current, listed by {@code paas releases} as failed.
     */
    public Release releaseFailed(App app, Build build, BuildResult result, String log, String user, String summary,
                                 IntFunction<String> reason) {
        return changes.write(app.getId(), app.getName(), locked ->
                locked.failedRelease(succeeded(build, result, log), locked.app().getConfig(), summary, user, reason));
    }

    /**
     * Stores the build's result and a release of it with the app's config as it is now, so a config change made
     * during the build is part of it (with what {@code config} adds: app.json's env of a first deploy; it may also set
     * the app's counts), and places its containers. If placement fails, nothing is stored.
     */
    public Release release(App app, Build build, BuildResult result, String log, String user, String summary,
                           Function<LockedApp, Map<String, String>> config) {
        return changes.write(app.getId(), app.getName(), locked -> {
            Map<String, String> releaseConfig = config.apply(locked);
            return locked.release(succeeded(build, result, log), releaseConfig, summary, user);
        });
    }

    private Build succeeded(Build build, BuildResult result, String log) {
        Build stored = builds.findById(build.getId()).orElseThrow();
        stored.succeeded(result.image(), result.processTypes(), result.port());
        buildLogs.store(stored.getId(), log);
        return stored;
    }
}
