package dev.paas.builder.buildpack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.paas.builder.build.BuildFailedException;
import dev.paas.builder.build.BuildLimits;
import dev.paas.builder.build.ContainerRemoval;
import dev.paas.builder.build.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build container per app started ahead, for its next buildpack build: starting a container takes 0.25-0.3 s
 * of every push, spent here while nobody waits. It is started once the push whose build just ended is over
 * ({@link #pushEnded}), not when the build ends: Docker would then start it alongside the new release's
 * containers, and the rollout would lose what the build gained. A container is used by one build
 * only, and only while what it mounted still holds (see {@link Started#unfitBecause}); else the build starts
 * its own as before. Each has a directory of its own (a {@link BuildSpace}) under this pool's root, and mounts
 * nothing of another app. Containers are labelled with the root, so that the next process using the same root
 * removes what this one left; an unused one is removed after the idle limit.
 */
public final class WarmBuildContainers implements AutoCloseable {

    static final String WARM_LABEL = "paas.build.warm";

    /**
     * At most this many wait at once: each is an idle process and a network namespace, and a host with many apps
     * pushed within the idle limit should not keep one for each. The longest waiting goes first.
     */
    static final int MAX_READY = 32;

    private static final Logger LOG = LoggerFactory.getLogger(WarmBuildContainers.class);

    /** A space with its container started ahead, and what the container was started with. */
    record Started(BuildSpace space, String imageId, Object cacheKey, Instant at) {

        /** Why it must not serve a build now, or null when it may. */
        String unfitBecause(String imageIdNow, Object cacheKeyNow, boolean running, Instant now, Duration idleLimit) {
            if (!now.isBefore(at.plus(idleLimit))) {
                return "idle since " + at;
            }
            if (cacheKeyNow == null || !cacheKeyNow.equals(cacheKey)) {
                return "its cache directory was removed or replaced";
            }
            if (!imageId.equals(imageIdNow)) {
                return "the build stack image changed";
            }
            return running ? null : "it is no longer running";
        }
    }

    private final DockerClient docker;
    private final String stackImage;
    private final Path builtins;
    private final Path root;
    private final Duration idleLimit;
    private final BuildLimits limits;
    private final Map<String, Started> ready = new ConcurrentHashMap<>();
    /** The cache directory of each app whose build ended but whose push has not: started ahead when it does. */
    private final Map<String, Path> pending = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "warm-build-containers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /** @param root this pool's own directory: emptied now, with the containers an earlier process left */
    WarmBuildContainers(DockerClient docker, String stackImage, Path builtins, Path root, Duration idleLimit,
                        BuildLimits limits) {
        this.limits = limits;
        this.docker = docker;
        this.stackImage = stackImage;
        this.builtins = builtins;
        this.root = root.toAbsolutePath().normalize();
        this.idleLimit = idleLimit;
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        removeLeftovers();
    }

    /** The space for a build of the app: the one started ahead if it still fits, else a new one with no container. */
    BuildSpace open(String app, Path cacheDir) throws IOException {
        pending.remove(app);
        Started started = ready.remove(app);
        if (started != null) {
            String unfit = started.unfitBecause(imageId(), cacheKey(cacheDir), running(started.space()),
                    Instant.now(), idleLimit);
            if (unfit == null) {
                return started.space();
            }
            LOG.info("Not using the build container started ahead for {}: {}", app, unfit);
            started.space().discard();
        }
        return new BuildSpace(app, newDirectory(app), cacheDir, this::ended);
    }

    /** Removes what was started ahead for the app (it was destroyed), also when that is being started right now. */
    public void forget(String app) {
        pending.remove(app);
        discard(ready.remove(app));
        inBackground(() -> discard(ready.remove(app)));
    }

    /** The push of the app is over (built or not): a container for its next build may start now. */
    public void pushEnded(String app) {
        Path cacheDir = pending.remove(app);
        if (cacheDir != null) {
            inBackground(() -> startAhead(app, cacheDir));
        }
    }

    private void ended(BuildSpace space) {
        if (!space.customBuildpacks()) {
            pending.put(space.appName(), space.cacheDir());
        }
    }

    private void inBackground(Runnable task) {
        if (!closed) {
            try {
                worker.execute(task);
            } catch (RejectedExecutionException closedMeanwhile) {
                // nothing more is started ahead
            }
        }
    }

    private void startAhead(String app, Path cacheDir) {
        if (closed || !Files.isDirectory(cacheDir)) {
            return;
        }
        BuildSpace space = null;
        try {
            Object cacheKey = cacheKey(cacheDir);
            String imageId = docker.inspectImageCmd(stackImage).exec().getId();
            space = new BuildSpace(app, newDirectory(app), cacheDir, this::ended);
            // By id: the container runs exactly the image recorded, even if the name moves meanwhile.
            space.attach(BuildContainer.start(docker, imageId,
                    Map.of(BuildContainer.APP_LABEL, app, WARM_LABEL, root.toString()), space, builtins, List.of(),
                    limits));
            Started started = new Started(space, imageId, cacheKey, Instant.now());
            worker.schedule(() -> {
                if (ready.remove(app, started)) {
                    started.space().discard();
                }
            }, idleLimit.toMillis(), TimeUnit.MILLISECONDS);
            discard(ready.put(app, started));
            for (String longestWaiting : overLimit(ready, MAX_READY)) {
                discard(ready.remove(longestWaiting));
            }
        } catch (IOException | BuildFailedException | RuntimeException e) {
            if (!(e instanceof RejectedExecutionException)) {
                LOG.warn("Could not start a build container ahead for {}: {}", app, e.toString());
            }
            if (space != null) {
                space.discard();
            }
        }
    }

    /** The apps whose containers go so that at most {@code max} wait: those waiting longest. */
    static List<String> overLimit(Map<String, Started> ready, int max) {
        return ready.entrySet().stream().sorted(Comparator.comparing(entry -> entry.getValue().at()))
                .limit(Math.max(0, ready.size() - max)).map(Map.Entry::getKey).toList();
    }

    /** Null when Docker cannot tell: the build then starts its own container, which reports what is wrong. */
    private String imageId() {
        try {
            return docker.inspectImageCmd(stackImage).exec().getId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean running(BuildSpace space) {
        try {
            BuildContainer container = space.started();
            return container != null && Boolean.TRUE.equals(docker.inspectContainerCmd(container.id()).exec().getState().getRunning());
        } catch (RuntimeException goneOrDockerFailing) {
            return false;
        }
    }

    /** Tells a directory from one made again at the same path (the app destroyed and created again). */
    private static Object cacheKey(Path cacheDir) {
        try {
            return Files.readAttributes(cacheDir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void discard(Started started) {
        if (started != null) {
            started.space().discard();
        }
    }

    private void removeLeftovers() {
        try {
            for (Container left : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(WARM_LABEL, root.toString())).exec()) {
                ContainerRemoval.later(docker, left.getId());
            }
        } catch (RuntimeException e) {
            // The builder works without Docker until a build needs it: starting the process must not fail for this.
            LOG.warn("Could not look for build containers left under {}: {}", root, e.toString());
        }
        try {
            FileTrees.delete(root);
            makeRoot();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the build directory " + root, e);
        }
    }

    /** A new directory for a build of the app, only the builder's to read (it will hold the app's config). */
    private Path newDirectory(String app) throws IOException {
        if (!Files.isDirectory(root)) {
            makeRoot();
        }
        return Files.createTempDirectory(root, app + "-");
    }

    private void makeRoot() throws IOException {
        Files.createDirectories(root.getParent());
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // by another build
        }
    }

    /** Stops starting containers ahead and removes those started, waiting for their removal. */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        try {
            worker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String app : List.copyOf(ready.keySet())) {
            Started started = ready.remove(app);
            BuildContainer container = started == null ? null : started.space().takeStarted(List.of());
            if (container != null) {
                try {
                    docker.removeContainerCmd(container.id()).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // removed already
                } catch (RuntimeException e) {
                    LOG.warn("Could not remove the build container {}: {}", container.id(), e.toString());
                }
                started.space().discard();
            }
        }
    }
}
