package dev.paas.agent.logs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.paas.agent.engine.Labels;
import dev.paas.agent.logs.ContainerEvents.ContainerEvent;
import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the output of every platform container of this node from the moment Docker reports its start
 * ({@link ContainerEvents}), with a slower listing as a safety net, and queues its lines for the controller.
 * A follow reads from the agent's start, or after the last line it delivered when it resumes, so nothing is
 * repeated. {@link #drain} lets the removal of a stopped container wait until its last lines are queued.
 */
public final class LogShipper {

    private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
    /** The safety net: catches what the event stream missed, e.g. follows broken while dockerd restarted. */
    static final Duration SCAN_EVERY = Duration.ofSeconds(5);
    /** How long a removal waits for a stopped container's last lines (the controller may be away). */
    public static final Duration DRAIN_BOUND = Duration.ofSeconds(5);
    private static final int QUEUE = 20_000;

    private final DockerClient docker;
    private final String node;
    private final Duration scanEvery;
    private final LogSender sender;
    private final Instant started = Instant.now();
    private final Map<String, Follow> following = new ConcurrentHashMap<>();
    /** Time of the last line delivered per container id, to resume a follow without repeating. */
    private final Map<String, Instant> lastLine = new ConcurrentHashMap<>();
    /** Ids whose follow reached the end: the stopped container's log has been read to its end. */
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Boolean> scanNow = new LinkedBlockingQueue<>(1);
    private final CountDownLatch watching = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    public LogShipper(DockerClient docker, String node, Consumer<LogBatch> controller) {
        this(docker, node, controller, SCAN_EVERY);
    }

    LogShipper(DockerClient docker, String node, Consumer<LogBatch> controller, Duration scanEvery) {
        this.docker = docker;
        this.node = node;
        this.scanEvery = scanEvery;
        this.sender = new LogSender(QUEUE, controller);
    }

    /** Starts the event watcher, the safety-net scan and the sender as daemon threads. */
    public void start() {
        threads.add(daemon(new ContainerEvents(docker, node, started, this::on, () -> scanNow.offer(true)),
                "log-events"));
        threads.add(daemon(this::scanLoop, "log-scan"));
        startSending();
    }

    /** Only the sender: what is queued by {@link #drain} is shipped (tests use it alone to isolate the drain). */
    void startSending() {
        threads.add(daemon(sender, "log-send"));
    }

    /** Stops following and sending; what is still queued is not sent. */
    public void stop() {
        threads.forEach(Thread::interrupt);
        following.values().forEach(ContainerEvents::closeQuietly);
    }

    /** For tests: true once the event stream is connected and the first scan is done. */
    boolean awaitWatching(Duration timeout) throws InterruptedException {
        return watching.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits (at most {@link #DRAIN_BOUND}) until the stopped container's output has been read to its end and
     * queued, starting a read if none runs. Called between a container's stop and its removal, since Docker
     * serves a stopped container's log only until it is removed.
     */
    public void drain(String id) {
        Follow follow = following.get(id);
        if (follow == null && !completed.contains(id)) {
            try {
                Map<String, String> labels = docker.inspectContainerCmd(id).exec().getConfig().getLabels();
                follow = follow(id, labels == null ? Map.of() : labels);
            } catch (NotFoundException gone) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not read the last lines of {}: {}", id, e.getMessage());
                return;
            }
        }
        if (follow == null) {
            return;
        }
        try {
            follow.done.get(DRAIN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{}'s last lines were not all queued within {} s; removing it anyway", follow.process,
                    DRAIN_BOUND.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // A follow never completes exceptionally.
        }
    }

    private void on(ContainerEvent event) {
        switch (event.action()) {
            case "start" -> {
                // Also a start again of a container whose earlier run was read to its end.
                completed.remove(event.id());
                Follow current = following.get(event.id());
                if (current != null) {
                    current.again = true;
                }
                follow(event.id(), event.labels());
            }
            case "die" -> {
                if (!completed.contains(event.id())) {
                    follow(event.id(), event.labels());
                }
            }
            case "destroy" -> {
                lastLine.remove(event.id());
                completed.remove(event.id());
            }
            default -> {
            }
        }
    }

    private void scanLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                scanNow.poll(scanEvery.toMillis(), TimeUnit.MILLISECONDS);
                scan();
                watching.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("could not list containers for log shipping: {}", e.getMessage());
            }
        }
    }

    /** Follows every running container not followed and every stopped one not yet read to its end. */
    private void scan() {
        Set<String> known = new HashSet<>(lastLine.keySet());
        known.addAll(completed);
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, node)).exec();
        // Forget containers that were gone before this listing (not ones that appeared while it ran).
        containers.forEach(c -> known.remove(c.getId()));
        lastLine.keySet().removeAll(known);
        completed.removeAll(known);
        for (Container c : containers) {
            if ("running".equals(c.getState()) || !completed.contains(c.getId())) {
                follow(c.getId(), c.getLabels() == null ? Map.of() : c.getLabels());
            }
        }
    }

    /** Starts following the container unless a follow runs already; returns the running follow. */
    private synchronized Follow follow(String id, Map<String, String> labels) {
        Follow current = following.get(id);
        if (current != null) {
            return current;
        }
        Instant resumeAfter = lastLine.get(id);
        Follow follow = new Follow(id, labels, resumeAfter);
        following.put(id, follow);
        try {
            docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true)
                    .withTimestamps(true)
                    .withSince((int) (resumeAfter != null ? resumeAfter : started).getEpochSecond()).exec(follow);
        } catch (RuntimeException e) {
            follow.onError(e);
        }
        return follow;
    }

    /** One follow of one container's log; {@link #done} once it ended, by reaching the end or failing. */
    private final class Follow extends ResultCallback.Adapter<Frame> {
        final String id;
        final Map<String, String> labels;
        final String app;
        final String process;
        final Integer release;
        final Instant resumeAfter;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The container started again while this follow was finishing its previous run. */
        volatile boolean again;

        Follow(String id, Map<String, String> labels, Instant resumeAfter) {
            this.id = id;
            this.labels = labels;
            this.app = labels.get(Labels.APP);
            this.process = labels.get(Labels.PROCESS) + "." + labels.get(Labels.INDEX);
            this.release = release(labels.get(Labels.RELEASE));
            this.resumeAfter = resumeAfter;
        }

        @Override
        public void onNext(Frame frame) {
            String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
            for (DockerLogLine line : DockerLogLine.parse(text, Instant.now())) {
                // Docker's "since" is whole seconds: skip what an earlier follow already delivered.
                if (resumeAfter != null && !line.time().isAfter(resumeAfter)) {
                    continue;
                }
                if (!sender.put(new LogLine(0, line.time(), app, LogLine.APP, process, release, line.text()))) {
                    ContainerEvents.closeQuietly(this);
                    return;
                }
                lastLine.put(id, line.time());
            }
        }

        @Override
        public void onError(Throwable e) {
            // Not read to the end: the next scan tries again if the container is still there.
            log.debug("log follow of {} ended: {}", process, e.toString());
            end();
        }

        @Override
        public void onComplete() {
            completed.add(id);
            end();
        }

        private void end() {
            ContainerEvents.closeQuietly(this);
            following.remove(id, this);
            done.complete(null);
            if (again) {
                completed.remove(id);
                follow(id, labels);
            }
        }
    }

    private static Integer release(String label) {
        try {
            return label == null ? null : Integer.valueOf(label);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
