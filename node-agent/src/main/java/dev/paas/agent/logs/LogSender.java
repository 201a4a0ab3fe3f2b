package dev.paas.agent.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.paas.agent.controller.ControllerException;
import dev.paas.api.LogBatch;
import dev.paas.api.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued lines to the controller as fast as it takes them: one request in flight, and everything queued
 * meanwhile goes in the next batch. When the controller is away the batch is retried with back-off and the
 * queue fills up; then {@link #put} blocks the followers, which simply stop reading Docker's log for a while.
 * Nothing is lost that Docker still holds.
 */
final class LogSender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LogSender.class);
    static final int BATCH = 2000;

    private final BlockingQueue<LogLine> queue;
    private final Consumer<LogBatch> controller;

    LogSender(int capacity, Consumer<LogBatch> controller) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.controller = controller;
    }

    /** Waits while the queue is full; false if interrupted. */
    boolean put(LogLine line) {
        try {
            queue.put(line);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void run() {
        Duration delay = Duration.ofMillis(250);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                LogLine first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<LogLine> batch = new ArrayList<>(List.of(first));
                queue.drainTo(batch, BATCH - 1);
                while (!send(batch)) {
                    Thread.sleep(delay.toMillis());
                    delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : delay.multipliedBy(2);
                }
                delay = Duration.ofMillis(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean send(List<LogLine> batch) {
        try {
            controller.accept(new LogBatch(batch));
            return true;
        } catch (ControllerException e) {
            if (e.status() == 400 || e.status() == 413) {
                // The controller will never take this batch: retrying would stall every container's log.
                log.warn("the controller refused {} log lines, dropped them: {}", batch.size(), e.getMessage());
                return true;
            }
            log.warn("could not ship {} log lines, retrying: {}", batch.size(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("could not ship {} log lines, retrying: {}", batch.size(), e.getMessage());
            return false;
        }
    }
}
