package dev.paas.controller.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.BuildRequest;
import dev.paas.builder.build.BuildResult;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.ReleasePhase;
import dev.paas.builder.git.Push;
import dev.paas.builder.git.PushHandler;
import dev.paas.builder.git.PushResult;
import dev.paas.controller.PaasProperties;
import dev.paas.controller.app.App;
import dev.paas.controller.build.AppImages;
import dev.paas.controller.event.PlatformEvents;
import dev.paas.controller.release.Build;
import dev.paas.controller.release.Release;
import dev.paas.controller.schedule.Placement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A push to master or main deploys: build, release vN, place, and wait until it serves. Runs in the
 * pre-receive hook, so a push whose build fails is rejected and the ref never moves. Pushes to one app are
 * taken one at a time. Old images are removed after the push has ended, under the same per-app lock.
 */
@Component
class DeployOnPush implements PushHandler {

    private static final Logger log = LoggerFactory.getLogger(DeployOnPush.class);
    private static final long CLEAN_UP_GRACE_MS = 2_000;
    private static final List<String> DEPLOY_BRANCHES = List.of("refs/heads/master", "refs/heads/main");

    private final Builder builder;
    private final ReleasePhase releasePhase;
    private final AppImages images;
    private final ReleaseService releases;
    private final DeployWaiter waiter;
    private final PaasProperties properties;
    private final PlatformEvents events;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
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
                 DeployWaiter waiter, PaasProperties properties, PlatformEvents events) {
        this.builder = builder;
        this.releasePhase = releasePhase;
        this.images = images;
        this.releases = releases;
        this.waiter = waiter;
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
        ReentrantLock lock = locks.computeIfAbsent(push.app(), a -> new ReentrantLock());
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

    private PushResult deploy(Push push, Consumer<String> out, ReentrantLock lock) throws InterruptedException {
        long started = System.nanoTime();
        App app = releases.app(push.app());
        String sha = push.newId().name();
        int version = releases.nextVersion(app);
        Build build = releases.startBuild(app, sha, push.user());
        List<String> lines = new ArrayList<>();
        BuildLog buildLog = line -> {
            lines.add(line);
            out.accept(line);
        };
        buildLog.step("Building " + push.app() + " from " + sha.substring(0, 7));
        events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " started by " + push.user());
        BuildResult result;
        try {
            String image = properties.registry() + "/" + push.app() + ":v" + version;
            result = builder.build(new BuildRequest(push.app(), push.repository(), push.newId(), image,
                    app.getConfig()), buildLog);
        } catch (BuildFailedException e) {
            buildLog.line(" !     Build failed: " + e.getMessage());
            releases.buildFailed(build, String.join("\n", lines));
            events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " failed: " + e.getMessage());
            return PushResult.reject("build failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("Build of {} crashed", push.app(), e);
            buildLog.line(" !     Build failed: " + e);
            releases.buildFailed(build, String.join("\n", lines));
            events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " failed: internal error");
            return PushResult.reject("build failed: internal error, see the controller's log");
        }
        events.emit(push.app(), "build", null, "Build of " + sha.substring(0, 7) + " succeeded ("
                + result.language() + ")");
        String releaseFailure = releasePhase(push, app, version, result, buildLog);
        if (releaseFailure != null) {
            buildLog.line(" !     " + releaseFailure);
            releases.releaseFailed(push.app(), build, result, String.join("\n", lines), version, push.user(),
                    "Deploy " + sha.substring(0, 7), releaseFailure);
            events.emit(push.app(), "api", version, "Release v" + version + " failed: " + releaseFailure);
            return PushResult.reject(releaseFailure);
        }
        Release release;
        try {
            release = releases.release(push.app(), build, result, String.join("\n", lines), version, push.user(),
                    "Deploy " + sha.substring(0, 7));
        } catch (Placement.NoCapacityException e) {
            buildLog.line(" !     " + e.getMessage());
            releases.buildFailed(build, String.join("\n", lines));
            events.emit(push.app(), "api", version, "Release v" + version + " not created: " + e.getMessage());
            return PushResult.reject("not deployed: " + e.getMessage());
        }
        events.emit(push.app(), "api", version, "Release v" + version + " created by " + push.user()
                + ": Deploy " + sha.substring(0, 7));
        buildLog.step("Releasing v" + version + " (" + result.language() + ", processes: "
                + String.join(", ", result.processTypes().keySet()) + ")");
        boolean live = waiter.awaitLive(release, properties.deployTimeout(), out);
        String elapsed = String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
        java.util.Optional<String> failure = waiter.failure(release);
        if (live) {
            out.accept("-----> Deployed v" + version + " to " + properties.webUrl(push.app()) + " in " + elapsed);
            events.emit(push.app(), "api", version, "Deployed v" + version + " in " + elapsed);
            cleanUpLater(push.app(), app.getId(), lock);
        } else if (failure.isPresent()) {
            out.accept(" !     " + failure.get() + "; the previous release keeps serving");
            events.emit(push.app(), "api", version, failure.get());
            return PushResult.reject(failure.get());
        } else {
            out.accept(" !     v" + version + " is not serving yet after " + elapsed + ": see 'paas info -a " + push.app() + "'");
            events.emit(push.app(), "api", version, "v" + version + " is not serving yet after " + elapsed);
        }
        return PushResult.accept();
    }

    /**
     * Removes the app's old images once this push has ended. It takes the app's push lock, so it never runs
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

    /** Runs the build's {@code release:} command, if it has one; returns why it failed, or null. */
    private String releasePhase(Push push, App app, int version, BuildResult result, BuildLog buildLog) {
        String command = result.processTypes().get(ReleasePhase.PROCESS_TYPE);
        if (command == null) {
            return null;
        }
        buildLog.step("Running the release command: " + command);
        try {
            int code = releasePhase.run(push.app(), result.image(), command,
                    ReleasePhase.env(app.getConfig(), push.app(), version, result.port()),
                    properties.deployTimeout(), buildLog);
            return code == 0 ? null : "release command failed (exit " + code + "): v" + version
                    + " failed and nothing was rolled out";
        } catch (BuildFailedException e) {
            return "release command failed: " + e.getMessage() + " v" + version + " failed and nothing was rolled out";
        }
    }
}
