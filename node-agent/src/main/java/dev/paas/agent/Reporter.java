package dev.paas.agent;

import dev.paas.agent.controller.ControllerClient;
import dev.paas.agent.observe.Observation;
import dev.paas.agent.observe.Observer;
import dev.paas.api.NodeReport;
import dev.paas.api.ObservedContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends observed state, which is also the node's heartbeat. The loop reports after every step in which what it
 * sees changed (so a container is reported up at once, while steps that see nothing new cost the controller
 * nothing); a background check reports on its own when nothing was sent for the heartbeat period, whether the
 * loop is settled or busy (a long image pull), so the controller never mistakes a quiet node for a dead one.
 */
final class Reporter {

    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    private final ControllerClient controller;
    private final Observer observer;
    private final Duration heartbeat;
    private long lastReportNanos = System.nanoTime();
    /** What the controller was last told; null before the first report. */
    private List<ObservedContainer> lastSent;
    private ScheduledExecutorService timer;

    Reporter(ControllerClient controller, Observer observer, Duration heartbeat) {
        this.controller = controller;
        this.observer = observer;
        this.heartbeat = heartbeat;
    }

    /** Reports what is seen if it differs from the last report; returns whether it did. */
    synchronized boolean reportChanges(List<Observation> seen) {
        List<ObservedContainer> now = seen.stream().map(Observation::toApi).toList();
        // Compared as sets: Docker's listing order is no change.
        if (lastSent != null && Set.copyOf(now).equals(Set.copyOf(lastSent))) {
            return false;
        }
        send(now);
        return true;
    }

    private void send(List<ObservedContainer> containers) {
        controller.report(new NodeReport(containers));
        lastSent = containers;
        lastReportNanos = System.nanoTime();
    }

    /** After a (re-)registration the controller may know nothing: the next step reports in full. */
    synchronized void forget() {
        lastSent = null;
    }

    /** Starts the background heartbeat on a daemon thread, once. */
    synchronized void startHeartbeat() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, heartbeat.toMillis() / 5);
        timer.scheduleWithFixedDelay(this::reportIfStale, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void stopHeartbeat() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private synchronized void reportIfStale() {
        if (System.nanoTime() - lastReportNanos < heartbeat.toNanos()) {
            return;
        }
        try {
            send(observer.observe().stream().map(Observation::toApi).toList());
        } catch (RuntimeException e) {
            // The loop logs controller and Docker failures; logging them here too would only double the noise.
            log.debug("heartbeat failed: {}", e.toString());
        }
    }
}
