package dev.paas.controller.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.paas.api.LogLine;

/**
 * Platform events waiting to be stored, in the order they were emitted, at most {@code max} of them: past that an
 * emit is dropped whole (and counted), as losing a log line must never hold up the report that caused it.
 */
final class PendingEvents {

    private final int max;
    private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
    private long dropped;

    PendingEvents(int max) {
        this.max = max;
    }

    /** Queues the events; answers false (and keeps none of them) when they do not fit. */
    synchronized boolean add(List<LogLine> events) {
        if (queue.size() + events.size() > max) {
            dropped += events.size();
            return false;
        }
        queue.addAll(events);
        return true;
    }

    /** The oldest events, at most {@code limit}, taken off the queue; empty when none wait. */
    synchronized List<LogLine> take(int limit) {
        List<LogLine> batch = new ArrayList<>(Math.min(limit, queue.size()));
        while (batch.size() < limit && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        return batch;
    }

    /** How many events were dropped so far, and forgets the count. */
    synchronized long takeDropped() {
        long count = dropped;
        dropped = 0;
        return count;
    }
}
