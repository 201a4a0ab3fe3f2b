package dev.paas.agent.logs;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.paas.agent.engine.Labels;
import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every running platform container of this node (looked for every second) and queues its lines.
 * A container that started after the agent is read from its first line, one that was already running when
 * the agent started from the agent's start, so restarting the agent neither loses nor repeats much. A
 * follow that breaks while the container still runs resumes after the last line it delivered.
 */
public final class LogShipper implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final int QUEUE = 20_000;

    private final DockerClient docker;
    private final String node;
    private final LogSender sender;
    private final Instant started = Instant.now();
    private final Map<String, Closeable> following = new ConcurrentHashMap<>();
    /** Time of the last line delivered per container id, to resume a broken follow without repeating. */
    private final Map<String, Instant> lastLine = new ConcurrentHashMap<>();
    /** Ids whose follow ended: an exited container's log has been read to its end. */
    private final Set<String> completed = ConcurrentHashMap.newKeySet();

    public LogShipper(DockerClient docker, String node, Consumer<LogBatch> controller) {
        this.docker = docker;
        this.node = node;
        this.sender = new LogSender(QUEUE, controller);
    }

    private final List<Thread> threads = new java.util.ArrayList<>();

    /** Starts the watcher and the sender as daemon threads. */
    public void start() {
        threads.add(daemon(this, "log-watch"));
        threads.add(daemon(sender, "log-send"));
    }

    /** Stops following and sending; what is still queued is not sent. */
    public void stop() {
        threads.forEach(Thread::interrupt);
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // Exited ones too: a process that crashes at once still has its last words shipped.
                List<Container> containers = docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, node)).exec();
                Set<String> ids = containers.stream().map(Container::getId).collect(Collectors.toSet());
                lastLine.keySet().retainAll(ids);
                completed.retainAll(ids);
                containers.stream().filter(this::needsFollowing).forEach(this::follow);
            } catch (RuntimeException e) {
                log.warn("could not list containers for log shipping: {}", e.getMessage());
            }
            try {
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        following.values().forEach(LogShipper::closeQuietly);
    }

    private boolean needsFollowing(Container c) {
        return !following.containsKey(c.getId()) && ("running".equals(c.getState()) || !completed.contains(c.getId()));
    }

    private void follow(Container container) {
        String id = container.getId();
        Map<String, String> labels = container.getLabels();
        String app = labels.get(Labels.APP);
        String process = labels.get(Labels.PROCESS) + "." + labels.get(Labels.INDEX);
        Integer release = release(labels.get(Labels.RELEASE));
        Instant resumeAfter = lastLine.get(id);
        Instant from = resumeAfter != null ? resumeAfter
                : container.getCreated() != null && container.getCreated() >= started.getEpochSecond() - 1
                ? Instant.EPOCH : started;
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                for (DockerLogLine line : DockerLogLine.parse(text, Instant.now())) {
                    // Docker's "since" is whole seconds: skip what the previous follow already delivered.
                    if (resumeAfter != null && !line.time().isAfter(resumeAfter)) {
                        continue;
                    }
                    if (!sender.put(new LogLine(0, line.time(), app, LogLine.APP, process, release, line.text()))) {
                        closeQuietly(this);
                        return;
                    }
                    lastLine.put(id, line.time());
                }
            }

            @Override
            public void onError(Throwable e) {
                log.debug("log follow of {} ended: {}", process, e.toString());
                completed.add(id);
                following.remove(id);
            }

            @Override
            public void onComplete() {
                completed.add(id);
                following.remove(id);
            }
        };
        following.put(id, callback);
        docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withSince((int) from.getEpochSecond()).exec(callback);
    }

    private static Integer release(String label) {
        try {
            return label == null ? null : Integer.valueOf(label);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a finished stream: nothing to do.
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
