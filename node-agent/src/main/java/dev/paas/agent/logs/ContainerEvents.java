package dev.paas.agent.logs;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.paas.agent.engine.Labels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker's event stream for this node's platform containers: their start, die and destroy, the moment they
 * happen. When the stream breaks (dockerd restarted) it reconnects with back-off (0.25 s doubling to 10 s) and
 * asks Docker to replay what happened since the last event it saw; {@code onConnect} runs after each connect so
 * the caller can also look at what changed while dockerd was away.
 */
final class ContainerEvents implements Runnable {

    /** One event: {@code action} is start, die or destroy; {@code labels} are the container's. */
    record ContainerEvent(String action, String id, Map<String, String> labels) {
    }

    private static final Logger log = LoggerFactory.getLogger(ContainerEvents.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);
    /** A stream that stayed up this long was healthy: the next failure starts the back-off over. */
    private static final Duration HEALTHY = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final String node;
    private final Consumer<ContainerEvent> listener;
    private final Runnable onConnect;
    /** Replay from here on (re)connect, in Docker's whole seconds; duplicates are harmless to the listener. */
    private volatile long since;

    ContainerEvents(DockerClient docker, String node, Instant since, Consumer<ContainerEvent> listener,
                    Runnable onConnect) {
        this.docker = docker;
        this.node = node;
        this.since = since.getEpochSecond();
        this.listener = listener;
        this.onConnect = onConnect;
    }

    @Override
    public void run() {
        Duration delay = FIRST_DELAY;
        while (!Thread.currentThread().isInterrupted()) {
            long connected = System.nanoTime();
            Stream stream = new Stream();
            try {
                docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, node))
                        .withEventFilter("start", "die", "destroy").withSince(Long.toString(since)).exec(stream);
                if (!stream.awaitStarted(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Docker did not answer within 10 s");
                }
                onConnect.run();
                stream.awaitCompletion();
                log.info("Docker's event stream ended; reconnecting");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Docker's event stream broke, reconnecting: {}", e.getMessage());
            } finally {
                closeQuietly(stream);
            }
            if (System.nanoTime() - connected > HEALTHY.toNanos()) {
                delay = FIRST_DELAY;
            }
            sleep(delay);
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    private final class Stream extends ResultCallback.Adapter<Event> {
        private volatile Throwable failure;

        @Override
        public void onNext(Event event) {
            if (event.getId() == null || event.getAction() == null) {
                return;
            }
            if (event.getTime() != null) {
                since = Math.max(since, event.getTime());
            }
            Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                    ? Map.of() : event.getActor().getAttributes();
            try {
                listener.accept(new ContainerEvent(event.getAction(), event.getId(), attributes));
            } catch (RuntimeException e) {
                log.warn("could not handle Docker's {} event of {}: {}", event.getAction(), event.getId(), e.toString());
            }
        }

        @Override
        public void onError(Throwable e) {
            // Not logged here (the adapter would log a stack trace): run() logs one line and reconnects.
            failure = e;
            closeQuietly(this);
        }

        @Override
        public Stream awaitCompletion() throws InterruptedException {
            super.awaitCompletion();
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                        failure);
            }
            return this;
        }
    }

    private static void sleep(Duration delay) {
        long jitter = delay.toMillis() / 5;
        try {
            Thread.sleep(delay.toMillis() + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a finished stream: nothing to do.
        }
    }
}
