package dev.paas.agent;

import dev.paas.agent.controller.ControllerClient;
import dev.paas.agent.observe.Observation;
import dev.paas.agent.observe.Observer;
import dev.paas.api.NodeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends observed state, which is also the node's heartbeat. The loop reports after every step; a background
 * check reports on its own when the loop has been busy (a long image pull) for longer than the heartbeat period,
 * so the controller never mistakes a busy node for a dead one.
 */
final class Reporter {

    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    private final ControllerClient controller;
    private final Observer observer;
    private final Duration heartbeat;
    private long lastReportNanos = System.nanoTime();
    private ScheduledExecutorService timer;

    Reporter(ControllerClient controller, Observer observer, Duration heartbeat) {
        this.controller = controller;
        this.observer = observer;
        this.heartbeat = heartbeat;
    }

    synchronized void report(List<Observation> seen) {
        controller.report(new NodeReport(seen.stream().map(Observation::toApi).toList()));
        lastReportNanos = System.nanoTime();
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
            report(observer.observe());
        } catch (RuntimeException e) {
            // The loop logs controller and Docker failures; logging them here too would only double the noise.
            log.debug("heartbeat failed: {}", e.toString());
        }
    }
}
