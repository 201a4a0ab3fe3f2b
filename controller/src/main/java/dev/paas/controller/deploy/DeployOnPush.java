package dev.paas.controller.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.BuildOutput;
import dev.paas.builder.build.BuildRequest;
import dev.paas.builder.build.BuildResult;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.ReleasePhase;
import dev.paas.builder.git.Push;
import dev.paas.builder.git.PushHandler;
import dev.paas.builder.git.PushResult;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.appjson.AppJsonDeploy;
import dev.paas.controller.appjson.AppJsonException;
import dev.paas.controller.build.AppImages;
import dev.paas.controller.build.Build;
import dev.paas.controller.change.ChangeWaiter;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.Container;
import dev.paas.controller.schedule.ContainerRepository;
import dev.paas.controller.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A push to master or main deploys: build, release vN, place, and wait until it serves. Runs in the
 * pre-receive hook, so a push whose build fails is rejected and the ref never moves. The git server already takes
 * pushes to one app one at a time; the release itself is a change like any other ({@link ReleaseService} through
 * {@code AppChanges}), so a config change made during the build is released with it.
 */
@Component
class DeployOnPush implements PushHandler {

    private static final Logger log = LoggerFactory.getLogger(DeployOnPush.class);
    private static final long CLEAN_UP_GRACE_MS = 2_000;
    /** How long a push keeps trying to record its build's failure while the database is away. */
    private static final Duration RECORD_FAILURE_FOR = Duration.ofSeconds(30);
    private static final List<String> DEPLOY_BRANCHES = List.of("refs/heads/master", "refs/heads/main");

    private final Builder builder;
    private final ReleasePhase releasePhase;
    private final AppImages images;
    private final ReleaseService releases;
    private final ChangeWaiter waiter;
    private final ContainerRepository containers;
    private final PaasProperties properties;
    private final PlatformEvents events;
    private final BuildLimits limits;
    private final AppJsonDeploy appJson;
    /** Keeps an app's image clean-up after a push from overlapping the next push's build, see {@link #cleanUpLater}. */
    private final Map<String, ReentrantLock> buildLocks = new ConcurrentHashMap<>();
    /**
     * Image clean-up after a deploy: a third of a second or more of registry and engine calls that the pusher
     * has no reason to wait for, so `git push` ends as soon as the release serves.
     */
    private final ExecutorService cleanUps = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "image-clean-up");
        thread.setDaemon(true);
        return thread;
    });

    DeployOnPush(Builder builder, ReleasePhase releasePhase, AppImages images, ReleaseService releases,
                 ChangeWaiter waiter, ContainerRepository containers, PaasProperties properties, PlatformEvents events,
                 BuildLimits limits, AppJsonDeploy appJson) {
        this.limits = limits;
        this.appJson = appJson;
        this.builder = builder;
        this.releasePhase = releasePhase;
        this.images = images;
        this.releases = releases;
        this.waiter = waiter;
        this.containers = containers;
        this.properties = properties;
        this.events = events;
    }

    @Override
    public PushResult handle(Push push, Consumer<String> out) {
        if (!DEPLOY_BRANCHES.contains(push.ref())) {
            String branch = push.ref().replaceFirst("^refs/heads/", "");
            return PushResult.reject("only master or main deploys: push with 'git push paas " + branch + ":master'");
        }
        if (push.newId().equals(org.eclipse.jgit.lib.ObjectId.zeroId())) {
            return PushResult.reject("the deployed branch cannot be deleted");
        }
        ReentrantLock lock = buildLocks.computeIfAbsent(push.app(), a -> new ReentrantLock());
        try {
            // The previous push's image clean-up may hold the lock for a moment: wait for it without a message.
            if (!lock.tryLock(CLEAN_UP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                out.accept("-----> Another push to " + push.app() + " is deploying; waiting for it to finish...");
                if (!lock.tryLock(15, TimeUnit.MINUTES)) {
                    return PushResult.reject("timed out waiting for the other push to finish");
                }
            }
            try {
                return deploy(push, out, lock);
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushResult.reject("the controller is shutting down");
        }
    }

    /**
     * Runs {@code work} holding the app's build lock, so no push builds and tags an image of the app meanwhile (a
     * promotion tags one too, see {@link Promotions}).
     */
    <T> T holdingBuildLock(String app, Supplier<T> work) throws InterruptedException {
        ReentrantLock lock = buildLocks.computeIfAbsent(app, a -> new ReentrantLock());
        if (!lock.tryLock(60, TimeUnit.SECONDS)) {
            throw ApiException.conflict("A push to " + app + " is deploying: try again once it is done.");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private PushResult deploy(Push push, Consumer<String> out, ReentrantLock lock) throws InterruptedException {
        long started = System.nanoTime();
        App app = releases.app(push.app());
        String sha = push.newId().name();
        int expected = releases.expectedVersion(app);
        AppJsonDeploy.Plan plan;
        try {
            plan = appJson.read(push);
        } catch (AppJsonException e) {
            out.accept(" !     " + e.getMessage());
            return PushResult.reject(e.getMessage());
        }
        plan.json().notes().forEach(note -> out.accept("       Note: " + note));
        String missing = appJson.missingEnv(app, plan.json());
        if (missing != null) {
            out.accept(" !     " + missing);
            return PushResult.reject(missing);
        }
        Build build = releases.startBuild(app, sha, push.user());
        // Every line reaches the pusher; only the tail is kept in memory and stored (paas.build.log-max).
        BuildOutput lines = new BuildOutput(limits.maxLogBytes());
        BuildLog buildLog = line -> {
            lines.add(line);
            out.accept(line);
        };
        buildLog.step("Building " + push.app() + " from " + sha.substring(0, 7));
        events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " started by " + push.user());
        BuildResult result;
        try {
            String image = properties.registry() + "/" + push.app() + ":v" + expected;
            result = builder.build(new BuildRequest(push.app(), push.repository(), push.newId(), image,
                    app.getConfig()), buildLog);
        } catch (BuildFailedException e) {
            buildLog.line(" !     Build failed: " + e.getMessage());
            buildFailed(build, lines.text(), e.getMessage());
            events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " failed: " + e.getMessage());
            return PushResult.reject("build failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Build of {} crashed", push.app(), e);
            buildLog.line(" !     Build failed: " + e);
            buildFailed(build, lines.text(), "internal error, see the controller's log");
            events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " failed: internal error");
            return PushResult.reject("build failed: internal error, see the controller's log");
        }
        events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " succeeded ("
                + result.language() + ")");
        Release release;
        try {
            appJson.storeOnBuild(build.getId(), plan);
            release = release(push, app, build, result, buildLog, lines, expected, plan);
        } catch (ApiException e) {
            buildLog.line(" !     " + e.getMessage());
            buildFailed(build, lines.text(), "not deployed: " + e.getMessage());
            events.emit(push.app(), "api", null, "Release of " + sha.substring(0, 7) + " not created: " + e.getMessage());
            return PushResult.reject("not deployed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Release of {} crashed", push.app(), e);
            buildLog.line(" !     Not deployed: " + e);
            buildFailed(build, lines.text(), "not deployed: internal error, see the controller's log");
            return PushResult.reject("not deployed: internal error, see the controller's log");
        }
        int version = release.getVersion();
        if (release.getStatus() == Release.Status.failed) {
            buildLog.line(" !     " + release.getFailure());
            events.emit(push.app(), "api", version, "Release v" + version + " failed: " + release.getFailure());
            return PushResult.reject(release.getFailure());
        }
        events.emit(push.app(), "api", version, "Release v" + version + " created by " + push.user()
                + ": Deploy " + sha.substring(0, 7));
        buildLog.step("Releasing v" + version + " (" + result.language() + ", processes: "
                + String.join(", ", result.processTypes().keySet()) + ")");
        Map<String, String> reported = new HashMap<>();
        Release outcome = waiter.rollout(release, properties.deployTimeout(), () -> reportChanges(release, reported, out));
        String elapsed = String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
        // Overtaken by a change made meanwhile (a config change) that serves this build: deployed all the same.
        Release serving = releases.servingWith(app, build).orElse(null);
        if (outcome.getStatus() == Release.Status.failed && serving != null) {
            out.accept("-----> Deployed in v" + serving.getVersion() + " (" + outcome.getFailure() + ") to "
                    + properties.webUrl(push.app()) + " in " + elapsed);
            events.emit(push.app(), "api", serving.getVersion(), "Deployed " + sha.substring(0, 7) + " in v"
                    + serving.getVersion() + " in " + elapsed);
            afterDeploy(push, app, serving.getVersion(), plan, out);
            cleanUpLater(push.app(), app.getId(), lock);
        } else if (outcome.getStatus() == Release.Status.succeeded) {
            out.accept("-----> Deployed v" + version + (result.processTypes().containsKey("web")
                    ? " to " + properties.webUrl(push.app()) : " (no web process, so no route)") + " in " + elapsed);
            events.emit(push.app(), "api", version, "Deployed v" + version + " in " + elapsed);
            afterDeploy(push, app, version, plan, out);
            cleanUpLater(push.app(), app.getId(), lock);
        } else if (outcome.getStatus() == Release.Status.failed) {
            out.accept(" !     " + outcome.getFailure() + "; the previous release keeps serving");
            events.emit(push.app(), "api", version, outcome.getFailure());
            return PushResult.reject(outcome.getFailure());
        } else {
            out.accept(" !     v" + version + " is not serving yet after " + elapsed + ": see 'paas info -a " + push.app() + "'");
            events.emit(push.app(), "api", version, "v" + version + " is not serving yet after " + elapsed);
        }
        return PushResult.accept();
    }

    /**
     * Records that the build failed, trying again for a while when the database does not answer: a PostgreSQL
     * restart in the middle of a push (ControllerFaultsIT fault 5) must not leave the build {@code building} until
     * the controller's next start ({@link InterruptedBuilds}).
     */
    private void buildFailed(Build build, String logText, String reason) {
        long deadline = System.nanoTime() + RECORD_FAILURE_FOR.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                releases.buildFailed(build, logText, reason);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.error("Could not record that build {} failed ({}): it stays building until the next start",
                            build.getId(), reason, e);
                    throw e;
                }
                log.warn("Could not record that build {} failed (attempt {}), trying again in 1 s: {}", build.getId(),
                        attempt, e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Runs the build's {@code release:} command, if it has one, with the app's config as it is now; then makes the
     * release, failed if the command failed. Either way the release reads the newest config when it is written.
     */
    private Release release(Push push, App app, Build build, BuildResult result, BuildLog buildLog, BuildOutput lines,
                            int expected, AppJsonDeploy.Plan plan) {
        String summary = "Deploy " + push.newId().name().substring(0, 7);
        IntFunction<String> failure = predeploy(push, releases.app(push.app()), expected, result, buildLog,
                plan.json().scripts().predeploy());
        if (failure == null) {
            failure = releasePhase(push, releases.app(push.app()), expected, result, buildLog);
        }
        if (failure != null) {
            return releases.releaseFailed(app, build, result, lines.text(), push.user(), summary, failure);
        }
        return releases.release(app, build, result, lines.text(), push.user(), summary,
                locked -> appJson.beforeRelease(locked, plan.json(), result.processTypes().keySet(), push.user(),
                        buildLog::line));
    }

    /**
     * Runs app.json's {@code scripts.dokku.predeploy}, if any, in the built image, whose changes it keeps; returns
     * why it failed (given the version), or null.
     */
    private IntFunction<String> predeploy(Push push, App app, int version, BuildResult result, BuildLog buildLog,
                                          String command) {
        if (command == null) {
            return null;
        }
        buildLog.step("Running the predeploy command: " + command);
        try {
            int code = releasePhase.predeploy(push.app(), result.image(), command,
                    ReleasePhase.env(app.getConfig(), push.app(), version, result.port()),
                    properties.deployTimeout(), buildLog);
            return code == 0 ? null : v -> "predeploy command failed (exit " + code + "): v" + v
                    + " failed and nothing was rolled out";
        } catch (BuildFailedException e) {
            return v -> "predeploy command failed: " + e.getMessage() + " v" + v + " failed and nothing was rolled out";
        }
    }

    /** app.json's postdeploy scripts, once {@code version} serves; a failure is told, the release serves anyway. */
    private void afterDeploy(Push push, App app, int version, AppJsonDeploy.Plan plan, Consumer<String> out)
            throws InterruptedException {
        String failed = appJson.afterDeploy(app, version, plan.json(), out);
        if (failed != null) {
            events.emit(push.app(), "api", version, "app.json " + failed);
        }
    }

    /** Tells the pusher each state its release's containers reach. */
    private void reportChanges(Release release, Map<String, String> reported, Consumer<String> out) {
        for (Container c : containers.findByAppIdOrderByName(release.getAppId())) {
            if (!c.getRelease().getId().equals(release.getId())) {
                continue;
            }
            String label = c.getProcessType() + "." + c.getIndex();
            String state = c.getObservedState();
            if (!state.equals(reported.put(label, state))) {
                out.accept("       " + label + " " + state + " on " + c.getNode().getName());
            }
        }
    }

    /**
     * Removes the app's old images once this push has ended. It takes the app's build lock, so it never runs
     * while a build pushes a new image the clean-up would not know to keep; a push that comes meanwhile waits
     * for it (well under a second). Best effort: what fails is left for the next deploy.
     */
    private void cleanUpLater(String appName, Long appId, ReentrantLock lock) {
        cleanUps.execute(() -> {
            lock.lock();
            try {
                // Destroyed (and perhaps created again) since: DestroyedAppCleanup owns the old app's images.
                if (!releases.exists(appName, appId)) {
                    return;
                }
                int removed = images.cleanUp(appName, images.kept(appId));
                if (removed > 0) {
                    log.info("Removed {} old image{} of {}", removed, removed == 1 ? "" : "s", appName);
                }
            } catch (RuntimeException e) {
                log.warn("Image clean-up of {} failed; the next deploy tries again", appName, e);
            } finally {
                lock.unlock();
            }
        });
    }

    /** Runs the build's {@code release:} command, if it has one; returns why it failed (given the version), or null. */
    private IntFunction<String> releasePhase(Push push, App app, int version, BuildResult result, BuildLog buildLog) {
        String command = result.processTypes().get(ReleasePhase.PROCESS_TYPE);
        if (command == null) {
            return null;
        }
        buildLog.step("Running the release command: " + command);
        try {
            int code = releasePhase.run(push.app(), result.image(), command,
                    ReleasePhase.env(app.getConfig(), push.app(), version, result.port()),
                    properties.deployTimeout(), buildLog);
            return code == 0 ? null : v -> "release command failed (exit " + code + "): v" + v
                    + " failed and nothing was rolled out";
        } catch (BuildFailedException e) {
            return v -> "release command failed: " + e.getMessage() + " v" + v + " failed and nothing was rolled out";
        }
    }
}
